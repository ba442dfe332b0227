"""Every lint rule id (SPEC section 3) with its severity and a one-line description.

Rule ids are stable kebab-case and are never renumbered or reused.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True)
class Rule:
    """A rule: its id, default severity, and what it guards against."""

    id: str
    severity: str
    summary: str
    waivable: bool = True


_ERRORS = {
    "drop-table": "dropping a table destroys its rows and breaks running code",
    "drop-column": "dropping a column destroys data and breaks running code",
    "drop-schema": "dropping a schema or database destroys everything in it",
    "truncate": "TRUNCATE deletes every row",
    "delete-without-where": "DELETE without WHERE deletes every row",
    "update-without-where": "UPDATE without WHERE rewrites every row",
    "data-modifying-cte": "a WITH clause that inserts, updates or deletes rows",
    "rename-table": "renaming a table breaks running code that uses the old name",
    "rename-column": "renaming a column breaks running code that uses the old name",
    "alter-column-type": "changing a column's type can fail, truncate data or rewrite the table",
    "set-not-null": "SET NOT NULL fails on existing NULLs and breaks code that writes NULL",
    "add-not-null-without-default": "a NOT NULL column without a default fails on existing rows",
    "sqlite-add-column-restriction": "SQLite's ADD COLUMN cannot add this kind of column",
    "drop-view": "dropping a view breaks code that reads it",
    "drop-routine": "dropping a function or procedure breaks code that calls it",
    "drop-type": "dropping a type breaks the columns and code that use it",
    "drop-sequence": "dropping a sequence breaks the defaults and code that use it",
    "drop-extension": "dropping an extension drops the types, functions and columns that depend on it",
    "rename-enum-value": "renaming an enum value breaks every writer and reader of the old label",
    "syntax-error": "a statement the dialect's own parser rejects",
    "unrecognized-statement": "a statement the lint cannot prove additive (default-deny)",
    "opaque-sql": "SQL whose effect cannot be seen statically (DO, EXECUTE, CALL, /*! */, COPY)",
    "split-ambiguity": "the file cannot be split into statements reliably",
    "transaction-control": "transaction control in a file that ratchet runs in its own transaction",
    "needs-no-transaction": "a statement that cannot run inside a transaction",
    "rebuild-unverified": "a table rebuild that cannot be proven to keep every column",
    "rebuild-filters-rows": "a table rebuild whose copy does not move every row",
    "rebuild-loses-dependents": "a table rebuild that does not recreate indexes, triggers or views",
    "guard-misplaced": "a guard line outside the header",
    "waiver-missing-reason": "a waiver without a reason",
    "waiver-unknown-rule": "a waiver for a rule that does not exist or cannot be waived",
    "file-name": "a .sql file whose name is not MAJOR.MINOR.PATCH__description.sql",
    "duplicate-version": "two files with the same version",
    "file-invalid": "a file that cannot be read, is not UTF-8, or holds no statement",
    "guard-unknown": "a guard line with an unknown keyword",
    "guard-invalid": "a guard line that cannot be parsed",
    "repeatable-not-idempotent": "a statement in a repeatable R__ file that cannot safely run again",
}
_WARNINGS = {
    "drop-index": "dropping an index can make queries slow",
    "drop-constraint": "dropping a constraint lets bad data in",
    "drop-trigger": "dropping a trigger changes what writes do",
    "drop-not-null": "DROP NOT NULL lets NULLs reach code that does not expect them",
    "drop-default": "DROP DEFAULT breaks inserts that relied on the default",
    "rename-other": "renaming an index, constraint, type or other object",
    "add-unique-to-existing": "a unique index or constraint on an existing table fails on duplicates",
    "add-constraint-to-existing": "a constraint on an existing table fails on existing rows and locks it",
    "replace-into": "REPLACE / INSERT OR REPLACE deletes the conflicting row",
    "waiver-unused": "a waiver that suppressed nothing",
    "mysql-implicit-commit": "MySQL commits after every DDL statement, so the file cannot roll back",
    "trigger-left-disabled": "a trigger disabled and not enabled again in the same file",
    "set-unlogged": "SET UNLOGGED loses the table's rows on a crash and stops replicating it",
    "sequence-restart": "restarting a sequence can hand out ids that are already taken",
    "index-not-concurrent": "CREATE INDEX without CONCURRENTLY on an existing table blocks its writes",
    "constraint-not-valid": "a foreign key or check added without NOT VALID scans the table under lock",
    "table-rewrite": "a change that rewrites an existing table under an exclusive lock",
}
_INFOS = {
    "widen-column-type": "a column type change that keeps every value",
}
#: Rules about the file itself, which no waiver can switch off: ratchet refuses such files anyway.
_UNWAIVABLE = frozenset(
    {"split-ambiguity", "transaction-control", "guard-misplaced", "waiver-missing-reason", "waiver-unknown-rule"}
    | {"waiver-unused"}
    | {"file-name", "duplicate-version", "file-invalid", "guard-unknown", "guard-invalid"}
)
#: The rule of a file problem that names none (unreadable, not UTF-8, empty).
FILE_INVALID = "file-invalid"

RULES: dict[str, Rule] = {
    **{rid: Rule(rid, ERROR, text, rid not in _UNWAIVABLE) for rid, text in _ERRORS.items()},
    **{rid: Rule(rid, WARNING, text, rid not in _UNWAIVABLE) for rid, text in _WARNINGS.items()},
    **{rid: Rule(rid, INFO, text) for rid, text in _INFOS.items()},
}


def help_epilog() -> str:
    """The rule ids with their severities, for ``ratchet lint --help`` (click's ``\\b`` keeps the lines)."""
    width = max(len(rule_id) for rule_id in RULES)
    lines = [f"  {r.id:<{width}}  {r.severity:<7}  {r.summary}" for r in RULES.values()]
    return 'Rules (waive one with -- guard: allow RULE reason="..."):\n\n\b\n' + "\n".join(lines)
