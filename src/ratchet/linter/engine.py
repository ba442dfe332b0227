"""Run the rules over files: same-file exemptions, rebuild verification, waivers.

One file is linted from its guards and statements (as ``prepare.py`` makes them), plus the
earlier files of its own directory for the schema replay of a table rebuild.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from packaging.version import Version

from ratchet.discover import MigrationFile
from ratchet.errors import FileProblem
from ratchet.headers import Guards, Waiver
from ratchet.lazyre import LazyPattern
from ratchet.linter.history import History
from ratchet.linter.nulldefault import folds_to_null
from ratchet.linter.rules import ERROR, FILE_INVALID, INFO, RULES, WARNING, nearest_rule
from ratchet.statement import Statement, advance, statement_problems

# The word classifier and the SQLite replay are loaded where a SQLite or MySQL file needs them:
# PostgreSQL runs (linter.postgres) never do.
if TYPE_CHECKING:
    from ratchet.linter.classify import Candidate, Classified, CopyInfo
    from ratchet.linter.mysql_columns import ColumnDef, Columns, Restated
    from ratchet.linter.postgres.check import PgFinding
    from ratchet.linter.postgres.fastsplit import FastSplit
    from ratchet.linter.rebuild import Rebuild
    from ratchet.linter.replay import Column, FileReplay
    from ratchet.linter.schema import Snapshot
    from ratchet.split import PlainRun

#: Words that start a statement: SQLite's syntax error right at one means a missing ``;``.
_STATEMENT_VERBS = frozenset(
    {"CREATE", "ALTER", "DROP", "INSERT", "UPDATE", "DELETE", "SELECT", "WITH", "REPLACE", "PRAGMA", "VACUUM"}
)
_ADVICE = (
    "existing values may not convert and the table may be rewritten under lock: add a column of the new type, "
    "backfill it, move readers to it, and drop the old one in a later release"
)
_VIEW_ERROR = LazyPattern(r"error in (view|trigger) (\S+?): (?:no such table: (?:\w+\.)?(\S+))?")


class Finding(NamedTuple):
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


#: The version of the lint's JSON document.
LINT_JSON_VERSION = 1


class LintReport:
    """Every finding of a lint run, the files linted, and files that could not be read."""

    __slots__ = ("dialect", "files", "findings", "problems", "used")

    def __init__(self, dialect: str) -> None:
        self.dialect = dialect
        self.findings: list[Finding] = []
        self.files: list[Path] = []
        self.problems: list[FileProblem] = []
        #: The dialects files were linted as: ``dialect``, or another one a file's dialect guard named.
        self.used: set[str] = set()

    def __repr__(self) -> str:
        return f"LintReport(dialect={self.dialect!r}, files={len(self.files)}, findings={self.findings!r})"

    def blocking(self, *, strict: bool = False) -> list[Finding]:
        """Findings that fail the run."""
        return [f for f in self.findings if f.blocks(strict=strict)]

    def dialects(self) -> list[str]:
        """Every dialect the files were linted as, ``dialect`` first (it alone when no file was)."""
        used = self.used or {self.dialect}
        return sorted(used, key=lambda name: (name != self.dialect, name))

    def summary(self, *, strict: bool) -> dict[str, int]:
        """Counts by severity, waived, grandfathered and blocking."""
        counts = {"files": len(self.files), "errors": 0, "warnings": 0, "info": 0, "waived": 0, "grandfathered": 0}
        for finding in self.findings:
            if finding.waived:
                counts["waived"] += 1
            elif finding.grandfathered:
                counts["grandfathered"] += 1
            else:
                counts[{ERROR: "errors", WARNING: "warnings", INFO: "info"}[finding.severity]] += 1
        counts["blocking"] = len(self.blocking(strict=strict))
        return counts

    def to_json(self, *, strict: bool = False) -> dict[str, Any]:
        """The stable JSON document of ``lint --format json`` (documented in the README)."""
        return {
            "version": LINT_JSON_VERSION,
            "dialect": self.dialect,
            "dialects": self.dialects(),
            "strict": strict,
            "files": [str(path) for path in self.files],
            "findings": [finding.as_dict() for finding in self.findings],
            "summary": self.summary(strict=strict),
        }


@functools.cache
def _lint_postgres() -> Callable[..., list[PgFinding]]:
    """``linter.postgres.lint_postgres``, imported on first use (only PostgreSQL lints load pglast):
    once, not per file (an import statement costs thousands of instructions even when its module is loaded)."""
    from ratchet.linter.postgres import lint_postgres

    return lint_postgres


class _FileLinter:
    def __init__(
        self,
        file: MigrationFile,
        guards: Guards,
        statements: Sequence[Statement],
        dialect: str,
        earlier: list[MigrationFile],
        history: History,
        postgres_version: int | None = None,
        fast: FastSplit | None = None,
    ) -> None:
        self.postgres_version = postgres_version
        self.fast = fast if dialect == "postgresql" else None
        self.file = file
        self.guards = guards
        self.statements = statements
        self.dialect = dialect
        self.earlier = earlier
        self.history = history
        self.findings: list[Finding] = []
        self.replay: FileReplay | None = None
        #: ``(statement number, table.column)`` -> where the statement names the column.
        self.column_positions: dict[tuple[int, str], tuple[int, int]] = {}
        #: ``(table, column)`` -> the old column a rebuild's copy put under that new name.
        self.renamed_by_copy: dict[tuple[str, str], str] = {}
        #: The indexes the file's ``CREATE INDEX`` statements name (lower case).
        self.indexes_made: set[str] = set()
        #: Each dropped index the file makes again under another name (lower case), and the
        #: numbers of the statements that make them.
        self.renamed_indexes: dict[str, str] = {}
        self.renaming_statements: set[int] = set()
        #: The index each ``CREATE INDEX`` of the file makes, by statement number (as SQLite names it).
        self.index_made_by: dict[int, str] = {}
        #: ``(statement number, table)`` of the snapshot of each rebuilt table as the earlier files left it.
        self.rebuild_starts: set[tuple[int, str]] = set()

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
        if not self.statements:
            self.emit(
                None,
                1,
                1,
                "empty-migration",
                "no statement in this file: it is applied as a no-op and recorded; if the change is needed on "
                "another dialect only, say so with '-- guard: dialect NAME'",
            )
        problems = statement_problems(self.file.path, self.statements, transactional=transactional)
        if self.fast is None:  # a fast split is PostgreSQL's own reading: nothing to compare
            from ratchet.splitcheck import split_problems

            problems += split_problems(self.file.path, self.file, self.statements, self.dialect)
        for problem in problems:
            statement = next((s for s in self.statements if s.line == problem.line), None)
            self.emit(
                statement, problem.line or 1, problem.column or 1, problem.rule or "split-ambiguity", problem.message
            )
        if self.dialect == "postgresql":
            self.postgres(transactional)
            self.apply_waivers()
            self.findings.sort(key=lambda f: (f.line, f.column, f.rule))
            return self.findings
        from ratchet.linter.classify import classify
        from ratchet.linter.rebuild import find_rebuilds, made_here
        from ratchet.split import Statements, not_in_runs

        classified: list[Classified] = []
        # A run of plain INSERT lines (one head, one number of values, literal values) is judged by its
        # first line: a plain line is classified from its text alone (no finding, an insert target
        # that no rebuild's copy reads from), and SQLite prepares every line of a run alike; only a
        # run whose first line SQLite refuses has every line judged.
        runs = self.statements.runs() if isinstance(self.statements, Statements) else []
        view = sorted([*not_in_runs(self.statements), *(next(iter(run)) for run in runs)], key=_number)
        for statement in view:
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
            self.mysql_columns(classified)
        if self.dialect == "sqlite" and any(item.maybe_existing for item in classified):
            made_here(classified, self.history.sqlite_table_may_exist(self.earlier))
        rebuilds = find_rebuilds(classified)
        if self.dialect == "sqlite" and self.statements:
            before, after = _snapshots_wanted(rebuilds), [rebuild.table for rebuild in rebuilds]
            self.rebuild_starts = {(rebuild.before, rebuild.table) for rebuild in rebuilds}
            _index_snapshots_wanted(classified, before, after)
            self.replay = self.history.replay_file(self.file, view[: len(classified)], self.earlier, before, after)
            classified = self.refused_runs(runs, classified)
            self.replay_findings(classified)
            self.view_triggers_lost(classified)
        skip: set[tuple[int, str]] = set()
        for rebuild in rebuilds:
            skip.add((rebuild.drop.statement.number, "drop-table"))
            skip.add((rebuild.rename, "rename-table"))
            self.verify_rebuild(classified, rebuild)
        self.exemptions(classified, skip)
        if self.replay is not None:
            self.net_not_null(classified)
        self.apply_waivers()
        self.findings.sort(key=lambda f: (f.line, f.column, f.rule))
        return self.findings

    def postgres(self, transactional: bool) -> None:
        """Parse with pglast and judge against the catalog of the earlier files (``linter.postgres``),
        on top of the ``lint-schema`` seed."""
        found = _lint_postgres()(
            self.file,
            list(self.statements),
            self.earlier,
            transactional=transactional,
            version=self.postgres_version,
            seed=self.history.seed_sql,
            parsed=None if self.fast is None else (self.fast.parsed, self.fast.offsets),
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

    def dropped_no_column(self, candidate: Candidate, state: Columns) -> bool:
        """A MySQL ``DROP COLUMN IF EXISTS`` of a column the table never had: the history made the
        table outright (not ``IF NOT EXISTS``) and the column is in neither the model nor any
        earlier file's text (a column added by dynamic SQL is still named there): nothing is lost."""
        if candidate.rule != "drop-column" or not candidate.if_exists or not candidate.column_name:
            return False
        if not state.sure(candidate.name or "") or candidate.column_name in state.tables[candidate.name or ""]:
            return False
        return not self.history.mentioned(candidate.column_name, self.earlier)

    def mysql_columns(self, classified: list[Classified]) -> None:
        """Judge MySQL's column restatements (``MODIFY``/``CHANGE``) against the columns the
        earlier files built, and the file's net effect on the NOT NULL columns of existing tables."""
        before = self.history.mysql_columns(self.earlier)
        state = before.copy()
        origin: dict[tuple[str, str], str] = {}
        held: dict[tuple[str, str], tuple[Classified, tuple[int, int]]] = {}
        for item in classified:
            if not item.ddl and item.statement.sql.lstrip()[:4].upper() != "CALL":
                continue  # data and session statements change no column (a called procedure may)
            item.candidates = [c for c in item.candidates if not self.dropped_no_column(c, state)]
            restated = state.apply(item.statement)
            conversions = [change for change in restated if change.at.upper == "CONVERT"]
            if conversions:
                item.candidates = _conversion_verdict(item.candidates, conversions)
            for change in restated:
                if change.new_name != change.column:
                    key = (change.table, change.column)
                    origin[(change.table, change.new_name)] = origin.pop(key, change.column)
                if change.at.upper in ("MODIFY", "CHANGE"):
                    prior = before.column(change.table, origin.get((change.table, change.new_name), change.column))
                    item.candidates = _restatement_verdict(item.candidates, change, prior)
            for change in restated:  # only a change of a known column makes one required or NOT NULL
                old_columns = before.tables.get(change.table)
                now = state.column(change.table, change.new_name)
                if change.new_name != change.column:
                    held.pop((change.table, change.column), None)
                if old_columns is None or now is None:
                    continue
                was = old_columns.get(origin.get((change.table, change.new_name), change.new_name))
                key = (change.table, change.new_name)
                if not (now.required if was is None else (now.never_null and not was.never_null)):
                    held.pop(key, None)
                elif key not in held:
                    held[key] = (item, (change.at.line, change.at.column))
        self.history.mysql_columns_linted(self.earlier, self.file, state)
        flagged = {
            (c.name, c.column_name) for item in classified for c in item.candidates if c.rule.startswith("add-not")
        }
        for (table, column), (item, (line, col)) in sorted(held.items(), key=lambda kv: kv[1][1]):
            if (table, column) in flagged:
                continue
            if before.column(table, origin.get((table, column), column)) is None:
                rule, message = (
                    "add-not-null-without-default",
                    f"column {table}.{column} of existing table {table} ends this file NOT NULL without a "
                    "default: inserts that do not name it fail; give it a DEFAULT, or keep it nullable",
                )
            else:
                rule, message = (
                    "set-not-null",
                    f"column {table}.{column} was nullable and ends this file NOT NULL: the change fails on "
                    "existing NULLs (or turns them into zero values) and code that writes NULL breaks; keep it "
                    "nullable, or waive after a backfill",
                )
            self.emit(item.statement, line, col, rule, message, object=f"{table}.{column}")

    # -- the SQLite replay ---------------------------------------------------------------------

    def replay_findings(self, classified: list[Classified]) -> None:
        """SQLite's own verdict on each statement: a syntax error or a statement over the replay's
        bounds is a finding, and the word classifier's reading of such a statement is dropped."""
        from ratchet.linter.replay import name_position, refusal_position, refused_by_schema, syntax_position

        assert self.replay is not None
        # A refusal SQLite bases on the schema counts when the replay knows that schema whole: every
        # earlier statement ran, nothing earlier in the file failed, and no skip-if may skip the file.
        judge_refusals = self.replay.complete and not self.guards.skip_ifs
        for item in classified:
            statement = item.statement
            outcome = self.replay.outcomes.get(statement.number)
            if outcome is not None and outcome.status == "failed" and judge_refusals:
                judge_refusals = False
                message = outcome.message or ""
                if refused_by_schema(message):
                    line, column = refusal_position(statement, message)
                    self.emit(
                        statement,
                        line,
                        column,
                        "syntax-error",
                        f"SQLite refuses this statement on the schema the earlier files build: {message}; the file "
                        "would fail when it runs; fix the statement (or what the earlier files left in its way)",
                    )
                continue
            if outcome is not None and outcome.stand_in:
                self.emit_stand_in(statement, outcome.stand_in)
                continue
            if outcome is not None and outcome.with_rows:
                line, column = name_position(statement, outcome.with_rows.partition(" of ")[2].partition("(")[0])
                self.emit(
                    statement,
                    line,
                    column,
                    "syntax-error",
                    f"SQLite refuses a row of this table: {outcome.with_rows} ('now', 'localtime' and 'utc' make "
                    "a date or time function read the clock or the time zone); the statement fails on a table "
                    "with rows, and on an empty one every later write fails; compute the value in the app, or "
                    "use the function without them",
                )
                continue
            if outcome is None or outcome.status not in ("syntax", "limit"):
                continue
            judge_refusals = False
            item.candidates = ()
            if outcome.status == "syntax":
                message = outcome.message or ""
                line, column = syntax_position(statement, message)
                near = message.partition('"')[2].rpartition('"')[0].upper()
                fix = (
                    f"a ';' is missing before line {line}, column {column}"
                    if near in _STATEMENT_VERBS
                    else "the file would fail on SQLite; fix the statement"
                )
                self.emit(statement, line, column, "syntax-error", f"SQLite rejects this statement: {message}; {fix}")
            else:
                self.emit(
                    statement,
                    statement.line,
                    statement.column,
                    "replay-limit",
                    f"the lint's schema replay stopped this statement: it {outcome.message} on empty tables, "
                    "so it would not finish on real data either; rewrite it",
                )

    def view_triggers_lost(self, classified: list[Classified]) -> None:
        """A ``DROP VIEW`` takes the view's ``INSTEAD OF`` triggers with it: when the file makes the
        view again (a replacement, ``info``), a trigger that existed before the file and is not there
        after it is a dropped trigger (writes through the view that it carried fail). A view dropped
        for good is ``drop-view`` already."""
        assert self.replay is not None
        if not self.replay.took_triggers:
            return
        made: set[str] = set()
        for position, item in enumerate(classified):
            made.update(name.lower() for kind, name in item.creates if kind == "trigger")
            outcome = self.replay.outcomes.get(item.statement.number)
            if outcome is None or not outcome.took:
                continue
            view = next((c.name for c in item.candidates if c.rule == "drop-view"), None)
            again = ("view", view)
            if not any(again in later.creates or again in later.maybe_existing for later in classified[position:]):
                continue
            statement = item.statement
            for trigger in outcome.took:
                if trigger.lower() in made or trigger.lower() in self.replay.final_triggers:
                    continue
                self.emit(
                    statement,
                    statement.line,
                    statement.column,
                    "drop-trigger",
                    f"dropping the view drops its trigger {trigger} too, and the file does not make it again: "
                    "writes through the view that it carried fail; make it again after the view, or waive "
                    "with a reason",
                    object=trigger,
                )

    def emit_stand_in(self, statement: Statement, message: str) -> None:
        """A statement that runs in the replay only with a stand-in for a function or collation
        SQLite lacks: ratchet's own connection has none, so ``migrate`` fails on it."""
        from ratchet.linter.replay import name_position

        line, column = name_position(statement, message.rpartition(": ")[2])
        self.emit(
            statement,
            line,
            column,
            "syntax-error",
            f"SQLite refuses this statement on ratchet's connection: {message}; the file would fail when "
            f"migrate runs it (a function or collation the application registers on its own connection is "
            f"not there); fix the name if it is misspelt, or make the change where the application's "
            f"connection runs it",
        )

    def refused_runs(self, runs: list[PlainRun], classified: list[Classified]) -> list[Classified]:
        """``classified`` with every line of each run whose first line the replay refused, each
        with that outcome (as every line of the run would have had it)."""
        from ratchet.linter.classify import classify

        assert self.replay is not None
        outcomes = self.replay.outcomes
        added: list[Classified] = []
        for run in runs:
            outcome = outcomes.get(run.number)
            if outcome is None or outcome.status not in ("failed", "syntax", "limit"):
                continue
            for statement in itertools.islice(run, 1, None):
                outcomes[statement.number] = outcome
                added.append(classify(statement, self.dialect))
        return sorted([*classified, *added], key=lambda item: item.statement.number) if added else classified

    def table_existed_before(self, name: str) -> bool:
        """Whether table ``name`` may have existed before this file: the SQLite replay knows it,
        or cannot know (an earlier statement failed) and an earlier file names it; on the word
        path, an earlier file (or the ``lint-schema`` seed) names it."""
        if self.replay is not None:
            if self.replay.before.has_table(name) or name.lower() in self.replay.outside:
                return True
            if self.replay.complete:
                return False
        return self.history.mentioned(name, self.earlier)

    def net_not_null(self, classified: list[Classified]) -> None:
        """Columns of a table that existed before the file, judged from the SQLite catalog before
        and after it, however many statements it took: a new column that
        ends NOT NULL without a default is ``add-not-null-without-default``; an old nullable
        column that ends NOT NULL is ``set-not-null``."""
        assert self.replay is not None
        before, final = self.replay.before, self.replay.final
        origin = (_renamed_from(classified) | self.renamed_by_copy) if self.replay.changed else {}
        for table in sorted(self.replay.changed):
            old, new = before.columns(table), final.columns(table)
            if old is None or new is None:  # new in the file, or gone
                continue
            for column, info in new.items():
                was = old.get(origin.get((table, column), column))
                if was is None and _required(info):
                    self.emit_column(
                        classified,
                        table,
                        column,
                        "add-not-null-without-default",
                        f"column {table}.{column} of existing table {table} ends this file NOT NULL without a "
                        "default: inserts that do not name it fail; give it a DEFAULT, or keep it nullable",
                        _required,
                    )
                elif was is not None and not was.not_null and info.not_null and not info.primary_key:
                    self.emit_column(
                        classified,
                        table,
                        column,
                        "set-not-null",
                        f"column {table}.{column} was nullable and ends this file NOT NULL: the copy fails on "
                        "existing NULLs and code that writes NULL breaks; keep it nullable, or waive after a backfill",
                        lambda column: column.not_null,
                    )

    def emit_column(
        self,
        classified: list[Classified],
        table: str,
        column: str,
        rule: str,
        message: str,
        holds: Callable[[Column], bool],
    ) -> None:
        """Report ``rule`` for ``table.column`` at the statement after which ``holds`` stays true."""
        number = self.held_since(table, column, holds)
        statement = next((item.statement for item in classified if item.statement.number == number), None)
        line, col = (statement.line, statement.column) if statement else (1, 1)
        line, col = self.column_positions.get((number, f"{table}.{column}"), (line, col))
        self.emit(statement, line, col, rule, message, object=f"{table}.{column}")

    def held_since(self, table: str, column: str, holds: Callable[[Column], bool]) -> int:
        """The statement after which ``holds`` is true of ``table.column`` for good."""
        assert self.replay is not None
        since = 0
        for number, tables in sorted(self.replay.after.items()):
            info = tables.get(table, {}).get(column)
            since = (since or number) if info is not None and holds(info) else 0
        return since

    # -- rebuilds --------------------------------------------------------------------------

    def verify_rebuild(self, classified: list[Classified], rebuild: Rebuild) -> None:
        statement, table = rebuild.drop.statement, rebuild.table
        at = (statement, statement.line, statement.column)
        obj: dict[str, Any] = {"object": table}
        if self.dialect != "sqlite" or self.replay is None:
            self.emit(
                *at,
                "rebuild-unverified",
                f"rebuild of {table}: schema replay runs on SQLite only, so this {self.dialect} rebuild cannot "
                "be proven safe; use ALTER TABLE, or waive with a reason",
                **obj,
            )
            return
        from ratchet.linter.classify import copy_info
        from ratchet.linter.schema import lost

        reading: list[list[tuple[Classified, CopyInfo]]] = []  # each way's copies
        for way in rebuild.copies:
            copies = [
                c
                for c in classified
                if way.after < c.statement.number < way.before
                and (c.insert_target == way.target or ("table", way.target) in c.creates)
            ]
            found = [(c, info) for c in copies if (info := copy_info(c.statement, way.source)).reads_source]
            made_earlier = way.before == statement.number and not any(
                ("table", way.target) in c.creates or ("table", way.target) in c.maybe_existing for c in classified
            )
            if not found and made_earlier:  # a rebuild split over two files: the copy, then the swap
                self.emit(
                    *at,
                    "rebuild-filters-rows",
                    f"rebuild of {table}: {way.target} was made by an earlier file, and this one copies no rows "
                    f"into it before the DROP: the rows written to {table} since that file ran (all of them, if it "
                    f"copied none) are lost; copy them here (INSERT INTO {way.target} ... SELECT ... FROM "
                    f"{way.source} before the DROP), or rebuild in one file",
                    **obj,
                )
            elif not found:
                self.emit(
                    *at,
                    "rebuild-filters-rows",
                    f"rebuild of {table}: no INSERT INTO {way.target} ... SELECT ... FROM {way.source} "
                    f"{'before the DROP' if way.before == statement.number else 'after it'}, so its rows are lost",
                    **obj,
                )
            for copy, info in found:
                if info.filters:
                    filters = ", ".join(dict.fromkeys(info.filters))
                    self.emit(
                        copy.statement,
                        copy.statement.line,
                        copy.statement.column,
                        "rebuild-filters-rows",
                        f"rebuild of {table}: the copy into {way.target} uses {filters}, so it may not move every row",
                        **obj,
                    )
            reading.append(found)
        error = self.rebuild_replay_error(rebuild.before, table)
        if error is not None:
            match = _VIEW_ERROR.search(error)
            if match is not None and match[3] is not None and match[3].lower() != table.lower():
                # an object an earlier file left naming a table that is gone: SQLite checks every
                # view and trigger when it renames a table, so no rename passes while it is there
                self.emit(
                    *at,
                    "rebuild-loses-dependents",
                    f"rebuild of {table}: {match[1]} {match[2]} names table {match[3]}, which does not exist, so "
                    f"SQLite refuses the rename; drop or fix {match[1]} {match[2]} first ({error})",
                    **obj,
                )
            elif match is not None:
                self.emit(
                    *at,
                    "rebuild-loses-dependents",
                    f"rebuild of {table}: {match[1]} {match[2]} depends on {table}; drop it before the DROP "
                    f"TABLE and recreate it after the rename ({error})",
                    **obj,
                )
            else:
                self.emit(*at, "rebuild-unverified", f"rebuild of {table}: {error}", **obj)
            return
        before = self.replay.snapshots[(rebuild.before, table)]
        becomes = frozenset(way.target.lower() for way in rebuild.copies if way.target.lower() != table.lower())
        columns, dependents, changed = lost(before, self.replay.final_snapshots[table], becomes)
        columns += self.carried(rebuild, before, reading)
        for (renamed, new), old in self.renamed_by_copy.items():
            if renamed == rebuild.table:
                missing = f"column {old} is missing from the rebuilt table"
                columns = [f"{c} (the copy renames it {new})" if c == missing else c for c in columns]
        if columns:
            self.emit(*at, "rebuild-unverified", f"rebuild of {table}: {'; '.join(columns)}", **obj)
        if dependents:
            self.emit(
                *at, "rebuild-loses-dependents", f"rebuild of {table} does not recreate: {', '.join(dependents)}", **obj
            )
        for rule, change in changed:
            self.emit(*at, rule, f"rebuild of {table}: {change}")
        after = self.replay.final_snapshots[table]
        for column, declared in before.columns.items():
            now = after.columns.get(column)
            if now is not None and now.upper() != declared.upper() and not any(column in c for c in columns):
                self.emit(
                    *at,
                    "widen-column-type",
                    f"rebuild of {table}: column {column} goes from {declared or 'no type'} to {now or 'no type'}, "
                    "which keeps every value (SQLite stores by type affinity)",
                    object=f"{table}.{column}",
                )

    def carried(self, rebuild: Rebuild, before: Snapshot, ways: list[list[tuple[Classified, CopyInfo]]]) -> list[str]:
        """What the copies lose or misplace: following each old column of the table through every
        copy (into the backup and back, or into the new table), by name where a copy lists its
        columns, else by position in the order SQLite gives the tables' columns. A column a copy
        moves through ``CAST`` to another affinity may change its values; one the copy puts under
        a new name (the old name gone) is recorded as renamed (:attr:`renamed_by_copy`)."""
        from ratchet.linter.classify import NO_COLUMN
        from ratchet.linter.schema import affinity

        assert self.replay is not None
        origins: dict[str, str | None] = {c: c for c in before.columns}  # holder's column -> old column it holds
        casts: dict[str, list[str]] = {}  # holder's column -> the CASTs its value went through
        for way, found in zip(rebuild.copies, ways, strict=True):
            if len(found) != 1 or not self.ran(found[0][0]):  # several copies, or one SQLite refused (reported)
                return []
            info = found[0][1]
            holder = (
                self.replay.final_snapshots[rebuild.table]
                if way.target == rebuild.table
                else self.replay.snapshots.get((way.before, way.target))
            )
            if holder is None or not holder.columns:
                return []
            items: list[str | None] = []
            item_casts: list[list[str]] = []
            for at, item in enumerate(info.selected):
                if item == "*":
                    items += list(origins.values())
                    item_casts += [casts.get(c, []) for c in origins]
                    continue
                items.append(origins.get(item) if item else item)
                cast = info.casts[at] if at < len(info.casts) else None
                item_casts.append(casts.get(item, []) + ([cast] if cast else []) if item else [])
            targets = (
                info.columns if info.columns is not None else [c for c in holder.columns if c not in holder.generated]
            )
            filled: dict[str, str | None] = dict.fromkeys(holder.columns, NO_COLUMN)  # a DEFAULT, not a copy
            origins = filled | dict(zip(targets, items, strict=False))
            casts = {target: through for target, through in zip(targets, item_casts, strict=False) if through}
        final = self.replay.final_snapshots[rebuild.table].columns
        for column, origin in origins.items():
            if origin and origin in before.columns and column not in before.columns and origin not in final:
                self.renamed_by_copy[(rebuild.table, column)] = origin
        missed, wrong, changed = [], [], []
        for column in before.columns:
            if column in before.generated or column not in origins:
                continue
            origin = origins[column]
            if origin == NO_COLUMN:
                missed.append(f"column {column} is not copied")
            elif origin is not None and origin != column:
                wrong.append(f"{origin} into {column}")
            elif origin == column:
                changed += [
                    f"column {column} is copied through CAST(... AS {through}), which may change its values"
                    for through in casts.get(column, [])
                    if affinity(through) != affinity(before.columns[column])
                ]
        verb = "goes by position and puts" if len(ways) == 1 and ways[0][0][1].columns is None else "puts"
        return missed + ([f"the copy {verb} column {', '.join(wrong)}"] if wrong else []) + changed

    def ran(self, item: Classified) -> bool:
        """Whether the replay ran or prepared the statement (SQLite did not refuse it)."""
        assert self.replay is not None
        outcome = self.replay.outcomes.get(item.statement.number)
        return outcome is not None and outcome.status in ("ran", "prepared")

    def rebuild_replay_error(self, before: int, table: str) -> str | None:
        """Why the replay cannot prove the rebuild of ``table``, or ``None``."""
        assert self.replay is not None
        name = self.file.path.name
        failed = [
            (statement, self.replay.outcomes[statement.number])
            for statement in self.statements
            if self.replay.outcomes.get(statement.number, None) is not None
            and self.replay.outcomes[statement.number].status in ("failed", "syntax", "limit")
        ]
        early = [(s, o) for s, o in failed if s.number < before]
        failure = self.replay.failure_about(table)
        if failure is not None:  # the statement that failed may have shaped the table
            return f"replaying the earlier migrations failed at {failure}"
        if not self.replay.snapshots[(before, table)].columns:
            if early:
                return f"replaying the earlier migrations failed at {name}:{early[0][0].line}: {early[0][1].message}"
            return (
                f"table {table} is not in the schema the earlier migrations build; if the history starts "
                "from a database built before it, set lint-schema in [tool.ratchet] to a dump of that schema"
            )
        late = [(s, o) for s, o in failed if s.number >= before]
        if late:
            return f"the rebuild fails on SQLite at {name}:{late[0][0].line}: {late[0][1].message}"
        return None

    # -- exemptions --------------------------------------------------------------------

    def exemptions(self, classified: list[Classified], skip: set[tuple[int, str]]) -> None:
        self.find_renamed_indexes(classified)
        created: set[tuple[str, str]] = set()
        added: set[tuple[str, str]] = set()
        for position, item in enumerate(classified):
            for candidate in item.candidates:
                if (item.statement.number, candidate.rule) in skip:
                    continue
                if candidate.rule == "add-not-null-without-default" and self.judged_by_catalog(item):
                    key = (item.statement.number, candidate.object or "")
                    self.column_positions[key] = (candidate.line, candidate.column)
                    continue
                self.judge(item.statement, candidate, created, added, classified[position + 1 :])
            created.update(item.creates)
            added.update(item.added_columns)

    def judged_by_catalog(self, item: Classified) -> bool:
        """Whether the SQLite catalog judges this statement's columns (it ran in the replay)."""
        if self.replay is None:
            return False
        outcome = self.replay.outcomes.get(item.statement.number)
        return outcome is not None and outcome.status == "ran"

    def judge(
        self,
        statement: Statement,
        candidate: Candidate,
        created: set[tuple[str, str]],
        added: set[tuple[str, str]],
        later: list[Classified],
    ) -> None:
        rule = candidate.rule
        policy = RULES[rule]
        extra: dict[str, Any] = {"object": candidate.object}
        if policy.exempt_when_new and candidate.kind and candidate.name:
            if (candidate.kind, candidate.name) in created:
                return
            if candidate.column_name and (candidate.name, candidate.column_name) in added:
                return
            backfilled = bool(candidate.backfill) and all((candidate.name, c) in added for c in candidate.backfill)
            if rule == "add-unique-to-existing" and backfilled:
                return
            if rule == "drop-table" and candidate.if_exists and self.recreated_brand_new(candidate, later):
                return
            if candidate.if_exists and self.dropped_nothing(statement):
                return
            if rule == "add-unique-to-existing" and (
                statement.number in self.renaming_statements or self.was_unique_before(statement, candidate)
            ):
                return
        message = candidate.message
        renamed = self.renamed_indexes.get(candidate.name or "") if rule == "drop-index" else None
        if renamed is not None:
            rule = "rename-other"
            message = (
                f"renaming index {candidate.name} to {renamed} (made again under the new name, the old one dropped) "
                "breaks code and later migrations that use the old name; keep the name, or waive with a reason"
            )
            self.emit(statement, candidate.line, candidate.column, rule, message, object=candidate.object)
            return
        backfill = bool(candidate.backfill) and all((candidate.name, c) in added for c in candidate.backfill)
        if rule == "update-without-where" and backfill:
            extra["severity"] = INFO
            message = f"backfill of {', '.join(candidate.backfill)} added earlier in this file"
        if policy.replaceable and candidate.kind and candidate.name:
            made = (candidate.kind, candidate.name)  # IF NOT EXISTS makes it too: the file just dropped it
            again = next(
                (
                    c
                    for c in later
                    if (made in c.creates or made in c.maybe_existing) and _place_of(c, made) == candidate.place
                ),
                None,
            )
            if again is not None:
                extra["severity"] = INFO
                message = f"{candidate.kind} {candidate.name} is replaced: recreated at line {again.statement.line}"
        self.emit(statement, candidate.line, candidate.column, rule, message, **extra)

    def was_unique_before(self, statement: Statement, candidate: Candidate) -> bool:
        """Whether a unique index was unique on the table already: just before its statement (an
        index made again under another name), or, recreated after a rebuild, on the old table."""
        if self.replay is None or not candidate.backfill:
            return False
        from ratchet.linter.schema import same_condition

        snapshots = self.replay.snapshots
        wanted = sorted(candidate.backfill)  # a unique (a, b) is a unique (b, a)
        table = candidate.name or ""
        before = snapshots.get((statement.number, table))
        if before is not None:
            if sorted(before.primary_key) == wanted:
                return True
            # an index on only some rows was unique before only for the new one's WHERE (or every row)
            made = self.index_made_by.get(statement.number)
            final = self.replay.final_snapshots.get(table)
            where = final.partial.get(made, "") if final is not None and made is not None else ""
            for name, (unique, columns) in before.indexes.items():
                if not unique or sorted(columns) != wanted:
                    continue
                if same_condition(before.partial.get(name, ""), where, whole=True):
                    return True
        # the old table of a rebuild (which judges a changed WHERE itself: schema.lost)
        old = next((snap for key, snap in snapshots.items() if key in self.rebuild_starts and key[1] == table), None)
        return old is not None and (
            any(unique and sorted(columns) == wanted for unique, columns in old.indexes.values())
            or sorted(old.primary_key) == wanted
        )

    def find_renamed_indexes(self, classified: list[Classified]) -> None:
        """Each index the file drops and makes again under another name (:meth:`renamed_index`)."""
        self.indexes_made = {item.index_on[0] for item in classified if item.index_on is not None}
        final = self.replay.final_snapshots if self.replay is not None else {}
        for item in classified:
            if item.index_on is not None and item.index_on[1] in final:
                name = item.index_on[0]
                spelt = next((made for made in final[item.index_on[1]].indexes if made.lower() == name), name)
                self.index_made_by[item.statement.number] = spelt
        if not self.indexes_made:
            return
        for item in classified:
            for candidate in item.candidates:
                if candidate.rule == "drop-index" and candidate.name is not None:
                    new = self.renamed_index(item.statement, candidate)
                    if new is not None:
                        self.renamed_indexes[candidate.name] = new
        renamed = {new.lower() for new in self.renamed_indexes.values()}
        self.renaming_statements = {
            item.statement.number for item in classified if item.index_on is not None and item.index_on[0] in renamed
        }

    def renamed_index(self, statement: Statement, candidate: Candidate) -> str | None:
        """The name a dropped index is made again under in this file, on the same table with the
        same columns, uniqueness and ``WHERE`` (what Rails' ``rename_index`` does on SQLite, which
        cannot rename an index): a rename, not a lost index."""
        if self.replay is None or candidate.name is None:
            return None
        final = self.replay.final_snapshots
        for (number, table), before in self.replay.snapshots.items():
            if number != statement.number or table not in final:
                continue
            old = next((name for name in before.indexes if name.lower() == candidate.name), None)
            if old is None:
                continue
            definition = (before.indexes[old], before.partial.get(old))
            after = final[table]
            for name, indexed in after.indexes.items():
                made_here = name.lower() != candidate.name and name.lower() in self.indexes_made
                if made_here and (indexed, after.partial.get(name)) == definition:
                    return name
        return None

    def dropped_nothing(self, statement: Statement) -> bool:
        """A SQLite ``DROP ... IF EXISTS`` of an object an earlier statement dropped (or renamed away)
        and none made again, in a replay that ran every earlier statement: nothing is lost."""
        from ratchet.linter.replay import DROPPED_NOTHING

        if self.replay is None or not self.replay.complete:
            return False
        return self.replay.outcomes.get(statement.number) is DROPPED_NOTHING

    def recreated_brand_new(self, candidate: Candidate, later: list[Classified]) -> bool:
        """``DROP TABLE IF EXISTS x`` right before ``CREATE TABLE x`` (or MariaDB's ``CREATE OR
        REPLACE TABLE x``, or ``ALTER TABLE t RENAME TO x``, a rebuild that renames first), where ``x``
        did not exist before the file: the drop is a no-op."""
        assert candidate.name is not None
        created = ("table", candidate.name)
        again = candidate.recreated or any(
            created in item.creates
            or created in item.maybe_existing
            or (item.renamed_table is not None and item.renamed_table[1] == candidate.name)
            for item in later
        )
        if not again:
            return False
        return not self.table_existed_before(candidate.name)

    # -- waivers -----------------------------------------------------------------------

    def apply_waivers(self) -> None:
        used: set[Waiver] = set()
        for index, finding in enumerate(self.findings):
            if finding.severity == INFO:
                continue
            for waiver in self.guards.waivers:
                if waiver.rule == finding.rule and RULES[finding.rule].waivable and _covers(waiver, finding.object):
                    self.findings[index] = finding._replace(waived=True, waiver_reason=waiver.reason)
                    used.add(waiver)
                    break
        for waiver in self.guards.waivers:
            known = RULES.get(waiver.rule)
            if known is None:
                nearest = nearest_rule(waiver.rule)
                hint = f"did you mean '{nearest}'? " if nearest else ""
                self.emit(
                    None,
                    waiver.line,
                    1,
                    "waiver-unknown-rule",
                    f"allow {waiver.rule}: no such rule; {hint}see `ratchet lint --help` for the rule ids",
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


def _restatement_verdict(candidates: Sequence[Candidate], change: Restated, prior: ColumnDef | None) -> list[Candidate]:
    """The candidates of a statement with the ``alter-column-type`` of one MySQL restatement
    replaced by what it does to the column as it was (unchanged when that column is unknown).
    A NOT NULL or default it leaves out is dropped only if the column had it before the file
    (``prior``): one set earlier in the same file is no loss."""
    from ratchet.linter.classify import Candidate
    from ratchet.linter.mysql_columns import described, type_change

    line, column = change.at.line, change.at.column
    found = [c for c in candidates if c.rule == "alter-column-type" and (c.line, c.column) == (line, column)]
    if not found or change.old is None or change.new is None:
        return list(candidates)
    old, new, name, verb = change.old, change.new, f"{change.table}.{change.column}", change.at.upper

    def verdict(rule: str, message: str) -> Candidate:
        return Candidate(rule, line, column, message, kind="table", name=change.table, column_name=change.column)

    verdicts: list[Candidate] = []
    kind = type_change(old.type, new.type)
    was, now = described(old.type, new.type) if old.type and new.type else (str(old.type), str(new.type))
    if kind == "change":
        message = f"{verb} changes the type of {name} from {was} to {now}: {_ADVICE}"
        verdicts.append(verdict("alter-column-type", message))
    elif kind == "widen":
        verdicts.append(verdict("widen-column-type", f"{name} widens from {was} to {now}: every value still fits"))
    if old.not_null and not new.not_null and (prior is None or prior.not_null):
        verdicts.append(
            verdict(
                "drop-not-null",
                f"{verb} of {name} leaves out NOT NULL, so the column becomes nullable and NULLs reach code that "
                "does not expect them; restate NOT NULL, or waive with a reason",
            )
        )
    if old.default and not new.default and (prior is None or prior.default):
        verdicts.append(
            verdict(
                "drop-default",
                f"{verb} of {name} leaves out its DEFAULT, so the default is dropped and inserts that relied on it "
                "break; restate the DEFAULT, or waive with a reason",
            )
        )
    return [c for c in candidates if c not in found] + verdicts


def _conversion_verdict(candidates: Sequence[Candidate], conversions: list[Restated]) -> list[Candidate]:
    """The candidates of a MySQL ``CONVERT TO CHARACTER SET`` with its ``alter-column-type`` judged
    column by column (``conversions``, one per string column): a change when one column's values
    change or compare otherwise, a widening when every column keeps its values and collation rules
    (``utf8`` to ``utf8mb4``), kept as it is when a column's character set is unknown."""
    from ratchet.linter.classify import Candidate
    from ratchet.linter.mysql_columns import described, type_change

    at = conversions[0].at
    found = [c for c in candidates if c.rule == "alter-column-type" and (c.line, c.column) == (at.line, at.column)]
    pairs = [(change.column, change.old.type, change.new.type) for change in conversions if change.old and change.new]
    if not found or len(pairs) < len(conversions) or any(old is None or old.charset is None for _, old, _ in pairs):
        return list(candidates)
    table = conversions[0].table
    kinds = [(type_change(old, new), column, old, new) for column, old, new in pairs]
    changed = next(((column, old, new) for kind, column, old, new in kinds if kind == "change" and old and new), None)
    verdicts: list[Candidate] = []
    if changed is not None:
        column, old, new = changed
        was, now = described(old, new)
        message = f"CONVERT TO CHARACTER SET changes the type of {table}.{column} from {was} to {now}: {_ADVICE}"
        verdicts.append(Candidate("alter-column-type", at.line, at.column, message, kind="table", name=table))
    elif any(kind == "widen" for kind, *_ in kinds):
        message = f"CONVERT TO CHARACTER SET widens the text columns of {table}: every value fits and compares alike"
        verdicts.append(Candidate("widen-column-type", at.line, at.column, message, kind="table", name=table))
    return [c for c in candidates if c not in found] + verdicts


def _snapshots_wanted(rebuilds: list[Rebuild]) -> dict[int, list[str]]:
    """The tables to snapshot before each statement: a rebuilt table as the earlier files left it,
    and each table a copy of its rows fills, before the statement that ends that copy's way."""
    wanted: dict[int, list[str]] = {}
    for rebuild in rebuilds:
        wanted.setdefault(rebuild.before, []).append(rebuild.table)
        for copy in rebuild.copies:  # a new table or a backup, as its copy left it
            if copy.target != rebuild.table:
                wanted.setdefault(copy.before, []).append(copy.target)
    return wanted


def _index_snapshots_wanted(classified: list[Classified], before: dict[int, list[str]], after: list[str]) -> None:
    """Add the tables to snapshot for the indexes the file makes: each table a unique index is
    made on, before that statement and at the end (was the same index unique there already?); and where the
    file drops an index too, each table it makes one on, before the drop and at the end (is the
    dropped one made again under another name: Rails' ``rename_index`` on SQLite?)."""
    made = [item for item in classified if item.index_on is not None]
    if not made:
        return
    tables = sorted({table for _, table in (item.index_on for item in made if item.index_on is not None)})
    for item in made:
        if item.index_on is not None and any(c.rule == "add-unique-to-existing" for c in item.candidates):
            before.setdefault(item.statement.number, []).append(item.index_on[1])
            if item.index_on[1] not in after:
                after.append(item.index_on[1])
    drops = [item for item in classified if any(c.rule == "drop-index" for c in item.candidates)]
    for item in drops:
        before.setdefault(item.statement.number, []).extend(tables)
    if drops:
        after.extend(table for table in tables if table not in after)


def _number(statement: Statement) -> int:
    return statement.number


def _renamed_from(classified: list[Classified]) -> dict[tuple[str, str], str]:
    """``(table, name) -> the name it had before the file``, for the columns the file renames
    (a renamed column is the old one under a new name, not a new column)."""
    origin: dict[tuple[str, str], str] = {}
    for item in classified:
        for table, old, new in item.renamed_columns:
            origin[(table, new)] = origin.pop((table, old), old)
    return origin


def _place_of(item: Classified, made: tuple[str, str]) -> str:
    """Where ``item`` makes the object ``made``: temporary, a named schema, or ``""`` (the default)."""
    return next((place for kind, name, place in item.made_in if (kind, name) == made), "")


def _required(column: Column) -> bool:
    """NOT NULL without a default (or with a NULL one), and not filled in by SQLite (rowid alias,
    generated column)."""
    if not column.not_null or column.generated or (column.default is not None and not folds_to_null(column.default)):
        return False
    return not (column.primary_key and column.type.upper() == "INTEGER")


def _covers(waiver: Waiver, obj: str | None) -> bool:
    if waiver.object is None:
        return True
    if obj is None:
        return False
    return obj == waiver.object or obj.startswith(waiver.object + ".")


def lint_file(
    file: MigrationFile,
    guards: Guards,
    statements: Sequence[Statement],
    dialect: str,
    earlier: list[MigrationFile],
    *,
    history: History | None = None,
    seed_sql: str | None = None,
    postgres_version: int | None = None,
    fast: FastSplit | None = None,
) -> list[Finding]:
    """Every finding for one file; ``earlier`` are the older files of its directory (for replay).

    ``history`` is the directory's replay state shared across calls (pass the same one for the
    files of one directory, linted in order, so each earlier file is replayed once);
    ``seed_sql`` is the ``lint-schema`` text, the schema before the first file (used when no
    ``history`` is passed; a history carries its own). ``postgres_version`` is the PostgreSQL
    major version the version-dependent rules assume (default 13). ``fast`` is
    :func:`~ratchet.linter.postgres.fastsplit.fast_split`'s result that gave ``statements``: the
    split is then PostgreSQL's own and its parse is reused.
    """
    dialect = runs_on(guards, dialect)
    own = history is None
    history = History(seed_sql) if history is None else history
    try:
        return _FileLinter(file, guards, statements, dialect, earlier, history, postgres_version, fast).run()
    finally:
        if own:
            history.close()


def runs_on(guards: Guards, dialect: str) -> str:
    """The dialect a file is linted for: ``dialect``, unless its ``-- guard: dialect`` leaves that
    one out (then the first dialect it names)."""
    return dialect if not guards.dialects or dialect in guards.dialects else min(guards.dialects)


def problem_finding(problem: FileProblem, path: Path) -> Finding:
    """An invalid-file problem as an error finding at ``path`` (so every output format shows it)."""
    line = problem.line or 1
    column = problem.column or 1
    rule = problem.rule if problem.rule in RULES else FILE_INVALID
    return Finding(path, line, column, line, column, rule, ERROR, problem.message)


def header_problems(problems: list[FileProblem]) -> list[FileProblem]:
    """The guard-header problems that make a file invalid (exit 3); the others are plain lint errors."""
    return [
        problem for problem in problems if RULES.get(problem.rule or FILE_INVALID, RULES[FILE_INVALID]).invalid_file
    ]


def grandfathered(version: Version, lint_since: Version | None) -> bool:
    """Whether ``lint-since`` grandfathers a file of this version."""
    return lint_since is not None and version <= lint_since
