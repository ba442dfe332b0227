"""Run the rules over files: same-file exemptions, rebuild verification, waivers.

One file is linted from its guards and statements (as ``prepare.py`` makes them), plus the
earlier files of its own directory for the schema replay of a table rebuild.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from packaging.version import Version
from sqlparse import lexer
from sqlparse import tokens as T

from ratchet.discover import MigrationFile
from ratchet.errors import FileProblem
from ratchet.headers import Guards, Waiver
from ratchet.linter.classify import Candidate, Classified, classify, copy_info
from ratchet.linter.rules import ERROR, FILE_INVALID, INFO, RULES, WARNING
from ratchet.linter.schema import Headers, check_rebuild, lost
from ratchet.split import Statement, advance, statement_problems

#: Rules that do not apply to an object created earlier in the same file (it is new).
_EXEMPT_WHEN_NEW = frozenset(
    {
        "drop-table",
        "drop-column",
        "drop-schema",
        "truncate",
        "delete-without-where",
        "update-without-where",
        "rename-table",
        "rename-column",
        "alter-column-type",
        "set-not-null",
        "add-not-null-without-default",
        "drop-view",
        "drop-routine",
        "drop-type",
        "drop-sequence",
        "drop-index",
        "drop-constraint",
        "drop-trigger",
        "drop-not-null",
        "drop-default",
        "rename-other",
        "add-unique-to-existing",
        "add-constraint-to-existing",
    }
)
_REPLACEABLE = frozenset({"drop-view", "drop-trigger", "drop-routine", "drop-index"})
_HEADER_RULES = frozenset({"guard-misplaced", "waiver-missing-reason"})
_VIEW_ERROR = re.compile(r"error in (view|trigger) (\S+?):")


@dataclass(frozen=True)
class Finding:
    """One lint finding, located by 1-based line and column."""

    path: Path
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    severity: str
    message: str
    object: str | None = None
    waived: bool = False
    waiver_reason: str | None = None
    grandfathered: bool = False

    def blocks(self, *, strict: bool = False) -> bool:
        """Whether this finding fails ``lint`` (and refuses ``migrate``)."""
        if self.waived or self.grandfathered:
            return False
        return self.severity == ERROR or (strict and self.severity == WARNING)

    def as_dict(self) -> dict[str, Any]:
        """The finding in the documented JSON shape."""
        return {
            "file": str(self.path),
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "object": self.object,
            "waived": self.waived,
            "waiver_reason": self.waiver_reason,
            "grandfathered": self.grandfathered,
        }

    def text(self, severity: str | None = None) -> str:
        """``file:line:col: severity rule-id message``, noting a waiver or lint-since;
        ``severity`` replaces the plain severity word (e.g. in colour)."""
        note = ""
        if self.waived:
            note = f' (waived: "{self.waiver_reason}")'
        elif self.grandfathered:
            note = " (grandfathered by lint-since)"
        shown = severity or self.severity
        return f"{self.path}:{self.line}:{self.column}: {shown} {self.rule} {self.message}{note}"

    def __str__(self) -> str:
        return self.text()


@dataclass
class LintReport:
    """Every finding of a lint run, the files linted, and files that could not be read."""

    dialect: str
    findings: list[Finding] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)

    def blocking(self, *, strict: bool = False) -> list[Finding]:
        """Findings that fail the run."""
        return [f for f in self.findings if f.blocks(strict=strict)]


class _FileLinter:
    def __init__(
        self,
        file: MigrationFile,
        guards: Guards,
        statements: list[Statement],
        dialect: str,
        earlier: list[MigrationFile],
        headers: Headers,
        postgres_version: int | None = None,
    ) -> None:
        self.postgres_version = postgres_version
        self.file = file
        self.guards = guards
        self.statements = statements
        self.dialect = dialect
        self.earlier = earlier
        self.headers = headers
        self.findings: list[Finding] = []

    def emit(self, statement: Statement | None, line: int, column: int, rule: str, message: str, **extra: Any) -> None:
        end_line, end_column = (
            advance(statement.line, statement.column, statement.sql) if statement is not None else (line, column)
        )
        severity = extra.pop("severity", RULES[rule].severity)
        self.findings.append(
            Finding(self.file.path, line, column, end_line, end_column, rule, severity, message, **extra)
        )

    def run(self) -> list[Finding]:
        transactional = not self.guards.no_transaction
        for problem in statement_problems(self.file.path, self.statements, transactional=transactional):
            statement = next((s for s in self.statements if s.line == problem.line), None)
            self.emit(
                statement, problem.line or 1, problem.column or 1, problem.rule or "split-ambiguity", problem.message
            )
        if self.dialect == "postgresql":
            self.postgres(transactional)
            self.apply_waivers()
            self.findings.sort(key=lambda f: (f.line, f.column, f.rule))
            return self.findings
        classified: list[Classified] = []
        for statement in self.statements:
            item = classify(statement, self.dialect, transactional=transactional)
            classified.append(item)
            if item.rest_is_data:
                rest = self.statements[statement.number :]
                if rest:
                    self.emit(
                        rest[0],
                        rest[0].line,
                        rest[0].column,
                        "split-ambiguity",
                        f"the data of COPY ... FROM stdin (line {statement.line}) is not SQL; ratchet cannot split "
                        "the rest of this file",
                    )
                break
        if self.dialect == "mysql":
            self.mysql_checks(classified)
        skip = self.rebuilds(classified)
        self.exemptions(classified, skip)
        self.apply_waivers()
        self.findings.sort(key=lambda f: (f.line, f.column, f.rule))
        return self.findings

    def postgres(self, transactional: bool) -> None:
        """Parse with pglast and judge against the catalog of the earlier files (``linter.postgres``)."""
        from ratchet.linter.postgres import lint_postgres

        found = lint_postgres(
            self.file, self.statements, self.earlier, transactional=transactional, version=self.postgres_version
        )
        split = {f.line for f in self.findings if f.rule == "split-ambiguity"}
        for item in found:
            if item.rule == "split-ambiguity" and item.statement.line in split:
                continue  # already reported by statement_problems
            extra: dict[str, Any] = {"object": item.object}
            if item.severity is not None:
                extra["severity"] = item.severity
            self.emit(item.statement, item.line, item.column, item.rule, item.message, **extra)

    def mysql_checks(self, classified: list[Classified]) -> None:
        if "/*!" in self.file.text:
            line, column = 1, 1
            for ttype, value in lexer.tokenize(self.file.text):  # type: ignore[no-untyped-call]
                if ttype in T.Comment and value.startswith("/*!"):
                    self.emit(
                        None,
                        line,
                        column,
                        "opaque-sql",
                        "MySQL executable comment /*! ... */ runs SQL the lint cannot see; write it out",
                    )
                line, column = advance(line, column, value)
        ddl = [c for c in classified if c.ddl]
        if ddl and len(self.statements) > 1:
            first = ddl[0].statement
            self.emit(
                first,
                first.line,
                first.column,
                "mysql-implicit-commit",
                "MySQL commits after each DDL statement: if a later statement of this file fails, the earlier ones "
                "stay applied (ratchet records progress; see `ratchet repair`); consider one DDL statement per file",
            )

    # -- rebuilds --------------------------------------------------------------------------

    def rebuilds(self, classified: list[Classified]) -> set[tuple[int, str]]:
        """Verify each table rebuild; return the (statement number, rule) candidates it replaces."""
        skip: set[tuple[int, str]] = set()
        created: dict[str, int] = {}
        for item in classified:
            for kind, name in item.creates:
                if kind == "table":
                    created.setdefault(name, item.statement.number)
        for position, item in enumerate(classified):
            for table in item.dropped_tables:
                if table in created and created[table] < item.statement.number:
                    continue
                rename = next(
                    (
                        later
                        for later in classified[position + 1 :]
                        if later.renamed_table
                        and later.renamed_table[1] == table
                        and created.get(later.renamed_table[0], 10**9) < item.statement.number
                    ),
                    None,
                )
                if rename is None or rename.renamed_table is None:
                    continue
                skip.add((item.statement.number, "drop-table"))
                skip.add((rename.statement.number, "rename-table"))
                self.verify_rebuild(classified, item, table, rename.renamed_table[0])
        return skip

    def verify_rebuild(self, classified: list[Classified], drop: Classified, table: str, new: str) -> None:
        statement = drop.statement
        at = (statement, statement.line, statement.column)
        obj: dict[str, Any] = {"object": table}
        if self.dialect != "sqlite":
            self.emit(
                *at,
                "rebuild-unverified",
                f"rebuild of {table}: schema replay runs on SQLite only, so this {self.dialect} rebuild cannot "
                "be proven safe; use ALTER TABLE, or waive with a reason",
                **obj,
            )
            return
        copies = [c for c in classified if c.insert_target == new and c.statement.number < statement.number]
        infos = [copy_info(c.statement, table) for c in copies]
        reading = [(c, i) for c, i in zip(copies, infos, strict=True) if i.reads_source]
        if not reading:
            self.emit(
                *at,
                "rebuild-filters-rows",
                f"rebuild of {table}: no INSERT INTO {new} ... SELECT ... FROM {table} before the DROP, so its "
                "rows are lost",
                **obj,
            )
        for copy, info in reading:
            if info.filters:
                self.emit(
                    copy.statement,
                    copy.statement.line,
                    copy.statement.column,
                    "rebuild-filters-rows",
                    f"rebuild of {table}: the copy into {new} uses {', '.join(dict.fromkeys(info.filters))}, "
                    "so it may not move every row",
                    **obj,
                )
        check = check_rebuild(self.earlier, self.file.path.name, self.statements, table, statement.number, self.headers)
        if check.error is not None:
            match = _VIEW_ERROR.search(check.error)
            if match is not None:
                self.emit(
                    *at,
                    "rebuild-loses-dependents",
                    f"rebuild of {table}: {match[1]} {match[2]} depends on {table}; drop it before the DROP "
                    f"TABLE and recreate it after the rename ({check.error})",
                    **obj,
                )
            else:
                self.emit(*at, "rebuild-unverified", f"rebuild of {table}: {check.error}", **obj)
            return
        assert check.before is not None and check.after is not None
        columns, dependents = lost(check.before, check.after)
        for _, info in reading:
            if info.columns is not None:
                missing = [c for c in check.before.columns if c not in info.columns]
                columns += [f"column {c} is not copied" for c in missing]
        if columns:
            self.emit(*at, "rebuild-unverified", f"rebuild of {table}: {'; '.join(columns)}", **obj)
        if dependents:
            self.emit(
                *at, "rebuild-loses-dependents", f"rebuild of {table} does not recreate: {', '.join(dependents)}", **obj
            )

    # -- exemptions --------------------------------------------------------------------

    def exemptions(self, classified: list[Classified], skip: set[tuple[int, str]]) -> None:
        created: set[tuple[str, str]] = set()
        added: set[tuple[str, str]] = set()
        for position, item in enumerate(classified):
            for candidate in item.candidates:
                if (item.statement.number, candidate.rule) in skip:
                    continue
                self.judge(item.statement, candidate, created, added, classified[position + 1 :])
            created.update(item.creates)
            added.update(item.added_columns)

    def judge(
        self,
        statement: Statement,
        candidate: Candidate,
        created: set[tuple[str, str]],
        added: set[tuple[str, str]],
        later: list[Classified],
    ) -> None:
        rule = candidate.rule
        extra: dict[str, Any] = {"object": candidate.object}
        if rule in _EXEMPT_WHEN_NEW and candidate.kind and candidate.name:
            if (candidate.kind, candidate.name) in created:
                return
            if candidate.column_name and (candidate.name, candidate.column_name) in added:
                return
            backfilled = bool(candidate.backfill) and all((candidate.name, c) in added for c in candidate.backfill)
            if rule == "add-unique-to-existing" and backfilled:
                return
        message = candidate.message
        backfill = bool(candidate.backfill) and all((candidate.name, c) in added for c in candidate.backfill)
        if rule == "update-without-where" and backfill:
            extra["severity"] = INFO
            message = f"backfill of {', '.join(candidate.backfill)} added earlier in this file"
        if rule in _REPLACEABLE and candidate.kind and candidate.name:
            again = next((c for c in later if (candidate.kind, candidate.name) in c.creates), None)
            if again is not None:
                extra["severity"] = INFO
                message = f"{candidate.kind} {candidate.name} is replaced: recreated at line {again.statement.line}"
        self.emit(statement, candidate.line, candidate.column, rule, message, **extra)

    # -- waivers -----------------------------------------------------------------------

    def apply_waivers(self) -> None:
        used: set[Waiver] = set()
        for index, finding in enumerate(self.findings):
            if finding.severity == INFO:
                continue
            for waiver in self.guards.waivers:
                if waiver.rule == finding.rule and RULES[finding.rule].waivable and _covers(waiver, finding.object):
                    self.findings[index] = replace(finding, waived=True, waiver_reason=waiver.reason)
                    used.add(waiver)
                    break
        for waiver in self.guards.waivers:
            known = RULES.get(waiver.rule)
            if known is None:
                self.emit(
                    None,
                    waiver.line,
                    1,
                    "waiver-unknown-rule",
                    f"allow {waiver.rule}: no such rule; see `ratchet lint --help` for the rule ids",
                )
            elif not known.waivable:
                self.emit(
                    None,
                    waiver.line,
                    1,
                    "waiver-unknown-rule",
                    f"allow {waiver.rule}: this rule cannot be waived (ratchet cannot run such a file)",
                )
            elif waiver not in used:
                target = f"{waiver.rule}:{waiver.object}" if waiver.object else waiver.rule
                self.emit(
                    None, waiver.line, 1, "waiver-unused", f"allow {target} waives nothing in this file; remove it"
                )


def _covers(waiver: Waiver, obj: str | None) -> bool:
    if waiver.object is None:
        return True
    if obj is None:
        return False
    return obj == waiver.object or obj.startswith(waiver.object + ".")


def lint_file(
    file: MigrationFile,
    guards: Guards,
    statements: list[Statement],
    dialect: str,
    earlier: list[MigrationFile],
    *,
    headers: Headers | None = None,
    postgres_version: int | None = None,
) -> list[Finding]:
    """Every finding for one file; ``earlier`` are the older files of its directory (for replay).

    ``headers`` caches guard headers by version across calls (pass the same dict for the files
    of one directory, so a replay does not parse each earlier header again). ``postgres_version``
    is the PostgreSQL major version the version-dependent rules assume (default 13).
    """
    if guards.dialects and dialect not in guards.dialects:
        dialect = sorted(guards.dialects)[0]
    linter = _FileLinter(
        file, guards, statements, dialect, earlier, {} if headers is None else headers, postgres_version
    )
    return linter.run()


def problem_finding(problem: FileProblem, path: Path) -> Finding:
    """An invalid-file problem as an error finding at ``path`` (so every output format shows it)."""
    line = problem.line or 1
    column = problem.column or 1
    rule = problem.rule if problem.rule in RULES else FILE_INVALID
    return Finding(path, line, column, line, column, rule, ERROR, problem.message)


def header_problems(problems: list[FileProblem]) -> list[FileProblem]:
    """The guard-header problems that make a file invalid (exit 3); the others are plain lint errors."""
    return [problem for problem in problems if problem.rule not in _HEADER_RULES]


def grandfathered(version: Version, lint_since: Version | None) -> bool:
    """Whether ``lint-since`` grandfathers a file of this version."""
    return lint_since is not None and version <= lint_since
