"""Every lint rule: one record per rule, from which everything else derives.

``ratchet lint --help``, the README's rule reference, SARIF ``rules[].helpUri`` and the engine's
policy (waivable, exempt when the object is new in the file, replaceable) all read these
records. Adding a rule is one :class:`Rule` here, its check, and its tests. Rule ids are stable
kebab-case and are never renumbered or reused.

This module is imported by every CLI run (for ``--help``): it must stay free of heavy imports.
"""

from __future__ import annotations

from typing import NamedTuple

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)

#: Where the rule reference lives; each rule's anchor is appended (``README.md#drop-table``).
DOCS_URI = "https://pypi.org/project/ratchet-migrations/"


class Rule(NamedTuple):
    """One lint rule and the policy the engine applies to it.

    ``exempt_when_new``: the rule does not apply to an object that did not exist before the
    file (created earlier in it). ``replaceable``: dropping an object that the same file then
    creates again is an ``info`` replacement. ``invalid_file``: the finding means the file is
    invalid (``ratchet lint`` exits 3, ``migrate`` refuses it before linting).
    """

    id: str
    severity: str
    summary: str
    waivable: bool = True
    exempt_when_new: bool = False
    replaceable: bool = False
    invalid_file: bool = False

    @property
    def anchor(self) -> str:
        """The README heading anchor of the rule's entry (the heading is the rule id)."""
        return self.id

    @property
    def help_uri(self) -> str:
        """Where the rule is documented, for SARIF ``rules[].helpUri``."""
        return f"{DOCS_URI}#{self.anchor}"


def _rule(rule_id: str, severity: str, summary: str, **policy: bool) -> Rule:
    return Rule(rule_id, severity, summary, **policy)


_NEW = {"exempt_when_new": True}
_NEW_REPLACEABLE = {"exempt_when_new": True, "replaceable": True}
_FIXED = {"waivable": False}
_INVALID = {"waivable": False, "invalid_file": True}

_RECORDS = (
    # -- errors: destructive changes --------------------------------------------------------
    _rule("drop-table", ERROR, "dropping a table destroys its rows and breaks running code", **_NEW),
    _rule("drop-column", ERROR, "dropping a column destroys data and breaks running code", **_NEW),
    _rule("drop-schema", ERROR, "dropping a schema or database destroys everything in it", **_NEW),
    _rule("truncate", ERROR, "TRUNCATE deletes every row", **_NEW),
    _rule("delete-without-where", ERROR, "DELETE without WHERE deletes every row", **_NEW),
    _rule("update-without-where", ERROR, "UPDATE without WHERE rewrites every row", **_NEW),
    _rule("data-modifying-cte", ERROR, "a WITH clause that inserts, updates or deletes rows"),
    _rule("rename-table", ERROR, "renaming a table or view breaks running code that uses the old name", **_NEW),
    _rule("rename-column", ERROR, "renaming a column breaks running code that uses the old name", **_NEW),
    _rule("rename-enum-value", ERROR, "renaming an enum value breaks every writer of the old label", **_NEW),
    _rule("alter-column-type", ERROR, "changing a column's type can fail, truncate data or rewrite the table", **_NEW),
    _rule("set-not-null", ERROR, "SET NOT NULL fails on existing NULLs and breaks code that writes NULL", **_NEW),
    _rule(
        "add-not-null-without-default",
        ERROR,
        "a column of an existing table that ends NOT NULL without a default breaks writers and existing rows",
        **_NEW,
    ),
    _rule("sqlite-add-column-restriction", ERROR, "SQLite's ADD COLUMN cannot add this kind of column"),
    _rule("drop-view", ERROR, "dropping a view breaks code that reads it", **_NEW_REPLACEABLE),
    _rule("drop-routine", ERROR, "dropping a function or procedure breaks code that calls it", **_NEW_REPLACEABLE),
    _rule("drop-type", ERROR, "dropping a type breaks the columns and code that use it", **_NEW_REPLACEABLE),
    _rule("drop-sequence", ERROR, "dropping a sequence breaks the defaults and code that use it", **_NEW),
    _rule("drop-extension", ERROR, "dropping an extension drops the types, functions and columns it provides", **_NEW),
    # -- errors: statements the lint cannot judge --------------------------------------------
    _rule("unrecognized-statement", ERROR, "a statement the lint cannot prove additive (default-deny)"),
    _rule("syntax-error", ERROR, "a statement the dialect's parser rejects (SQLite: the engine itself)"),
    _rule("opaque-sql", ERROR, "SQL whose effect cannot be seen statically (dynamic EXECUTE, CALL, PREPARE, COPY)"),
    _rule("replay-limit", ERROR, "the schema replay of a statement exceeded its time or memory bound"),
    _rule("split-ambiguity", ERROR, "the file cannot be split into statements reliably", **_FIXED),
    _rule(
        "transaction-control", ERROR, "transaction control in a file that ratchet runs in its own transaction", **_FIXED
    ),
    _rule("needs-no-transaction", ERROR, "a statement that cannot run inside a transaction"),
    _rule("rebuild-unverified", ERROR, "a table rebuild that cannot be proven to keep every column"),
    _rule("rebuild-filters-rows", ERROR, "a table rebuild whose copy does not move every row"),
    _rule("rebuild-loses-dependents", ERROR, "a table rebuild that does not recreate indexes, triggers or views"),
    # -- errors: the header ------------------------------------------------------------------
    _rule("guard-misplaced", ERROR, "a guard line outside the header", **_FIXED),
    _rule("waiver-missing-reason", ERROR, "a waiver without a reason", **_FIXED),
    _rule("waiver-unknown-rule", ERROR, "a waiver for a rule that does not exist or cannot be waived", **_FIXED),
    # -- errors: invalid files (exit 3) ------------------------------------------------------
    _rule("file-name", ERROR, "a .sql file whose name is not MAJOR.MINOR.PATCH__description.sql", **_INVALID),
    _rule("duplicate-version", ERROR, "two files with the same version", **_INVALID),
    _rule("file-invalid", ERROR, "a file that cannot be read or is not UTF-8", **_INVALID),
    _rule("guard-unknown", ERROR, "a guard line with an unknown keyword", **_INVALID),
    _rule("guard-invalid", ERROR, "a guard line that cannot be parsed", **_INVALID),
    # -- errors: repeatable files ------------------------------------------------------------
    _rule("repeatable-not-idempotent", ERROR, "a statement in a repeatable R__ file that cannot safely run again"),
    # -- warnings ------------------------------------------------------------------------------
    _rule("drop-index", WARNING, "dropping an index can make queries slow", **_NEW_REPLACEABLE),
    _rule("drop-constraint", WARNING, "dropping a constraint lets bad data in", **_NEW),
    _rule("drop-trigger", WARNING, "dropping a trigger changes what writes do", **_NEW_REPLACEABLE),
    _rule("drop-not-null", WARNING, "DROP NOT NULL lets NULLs reach code that does not expect them", **_NEW),
    _rule("drop-default", WARNING, "DROP DEFAULT breaks inserts that relied on the default", **_NEW),
    _rule("rename-other", WARNING, "renaming an index, constraint, type or other object", **_NEW),
    _rule(
        "add-unique-to-existing",
        WARNING,
        "a unique index or constraint on an existing table fails on duplicates",
        **_NEW,
    ),
    _rule(
        "add-constraint-to-existing",
        WARNING,
        "a constraint on an existing table fails on existing rows and locks it",
        **_NEW,
    ),
    _rule("replace-into", WARNING, "REPLACE / INSERT OR REPLACE deletes the conflicting row"),
    _rule("waiver-unused", WARNING, "a waiver that suppressed nothing", **_FIXED),
    _rule("mysql-implicit-commit", WARNING, "MySQL commits after every DDL statement, so the file cannot roll back"),
    _rule("empty-migration", WARNING, "a file with no statement: a valid no-op migration, recorded as applied"),
    _rule("trigger-left-disabled", WARNING, "a trigger disabled and not enabled again in the same file", **_NEW),
    _rule("set-unlogged", WARNING, "SET UNLOGGED makes a table lose its rows on a crash and on replicas", **_NEW),
    _rule("sequence-restart", WARNING, "restarting a sequence can hand out ids that already exist", **_NEW),
    _rule(
        "index-not-concurrent",
        WARNING,
        "CREATE INDEX without CONCURRENTLY blocks writes to an existing table while it builds",
        **_NEW,
    ),
    _rule(
        "constraint-not-valid",
        WARNING,
        "a foreign key or check added without NOT VALID scans an existing table under lock",
        **_NEW,
    ),
    _rule("table-rewrite", WARNING, "a change that rewrites an existing table under an exclusive lock", **_NEW),
    # -- info ----------------------------------------------------------------------------------
    _rule("widen-column-type", INFO, "a type change that keeps every value (varchar(n) to text, int to bigint)"),
)

RULES: dict[str, Rule] = {rule.id: rule for rule in _RECORDS}

#: The rule of a file problem that names none (unreadable, not UTF-8).
FILE_INVALID = "file-invalid"


def nearest_rule(rule_id: str) -> str | None:
    """The known rule id closest to a misspelt ``rule_id`` (``drop-tabel`` -> ``drop-table``)."""
    import difflib  # only for the error message

    found = difflib.get_close_matches(rule_id, list(RULES), n=1, cutoff=0.75)
    return found[0] if found else None


def help_epilog() -> str:
    """The rule ids with their severities, for ``ratchet lint --help`` (click's ``\\b`` keeps the lines)."""
    width = max(len(rule_id) for rule_id in RULES)
    lines = [f"  {r.id:<{width}}  {r.severity:<7}  {r.summary}" for r in RULES.values()]
    return 'Rules (waive one with -- guard: allow RULE reason="..."):\n\n\b\n' + "\n".join(lines)


README_START = "<!-- rules:start -->"
README_END = "<!-- rules:end -->"
_GROUPS = {ERROR: "Errors", WARNING: "Warnings", INFO: "Info"}
_GROUP_NOTES = {
    ERROR: "block `migrate` and fail `lint`",
    WARNING: "fail `lint` only with `--strict`",
    INFO: "never block",
}


def _policy(rule: Rule) -> str:
    notes = []
    if rule.invalid_file:
        notes.append("the file is invalid (exit 3)")
    notes.append("waivable with a reason" if rule.waivable else "cannot be waived")
    if rule.exempt_when_new:
        notes.append("not reported for objects new in the file")
    if rule.replaceable:
        notes.append("`info` when the file creates the object again")
    return "; ".join(notes)


def readme_section() -> str:
    """The README's rule reference, one heading per rule (its anchor), generated from :data:`RULES`."""
    lines = [README_START]
    for severity in SEVERITIES:
        lines += ["", f"#### {_GROUPS[severity]} ({_GROUP_NOTES[severity]})"]
        for rule in (r for r in RULES.values() if r.severity == severity):
            policy = _policy(rule)
            summary = f"{rule.summary[0].upper()}{rule.summary[1:]}."
            lines += ["", f"##### {rule.anchor}", "", f"{summary} *{policy[0].upper()}{policy[1:]}.*"]
    lines += ["", README_END]
    return "\n".join(lines)


def main() -> None:
    """Rewrite the rule reference between the markers of the README given as argument (default ./README.md)."""
    import sys
    from pathlib import Path

    readme = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    text = readme.read_text(encoding="utf-8")
    start, end = text.index(README_START), text.index(README_END) + len(README_END)
    readme.write_text(text[:start] + readme_section() + text[end:], encoding="utf-8")


if __name__ == "__main__":
    main()
