"""Apply repeatable files under the migration lock, each in its own transaction.

Inside the lock each file's history row is read again: a runner that waited finds the
file applied by another (same checksum) and leaves it. A file that fails is rolled back
and, having no row with its new checksum, is tried again by the next ``migrate``. MySQL
cannot roll back DDL, so there the file's statements before the failing one stay applied;
a repeatable file is idempotent (the lint's ``repeatable-not-idempotent``), so running it
again whole is safe.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ratchet.backends.base import Backend
from ratchet.errors import (
    DatabaseError,
    DriverError,
    FileProblem,
    GuardFailedError,
    MigrationFileError,
    StatementFailedError,
)
from ratchet.headers import GuardQuery
from ratchet.history import REPEATABLE, Tables
from ratchet.repeatables import RepeatableFile
from ratchet.runner import RunOptions, is_true, migration_lock
from ratchet.split import Statement, split_statements, statement_problems
from ratchet.splitcheck import split_problems
from ratchet.states import DONE_STATUSES, Outcome, RowStatus


@dataclass(frozen=True)
class PreparedRepeatable:
    """A repeatable file split into statements."""

    file: RepeatableFile
    statements: list[Statement]


@dataclass(frozen=True)
class RepeatableResult:
    """What happened to one repeatable file."""

    description: str
    #: ``applied``, ``skipped`` or ``already-applied`` (an :class:`~ratchet.states.Outcome`).
    outcome: Outcome
    duration_ms: int
    statements: int
    reason: str = ""

    @property
    def name(self) -> str:
        """``R__description``."""
        return f"R__{self.description}"


def prepare_repeatables(files: list[RepeatableFile], dialect: str) -> list[PreparedRepeatable]:
    """Split every file, checked against ``dialect``'s own reading as versioned files are; raise one
    :class:`MigrationFileError` listing every unrunnable statement."""
    prepared: list[PreparedRepeatable] = []
    problems: list[FileProblem] = []
    for file in files:
        statements = split_statements(file.text)
        problems.extend(statement_problems(file.path, statements, transactional=True))
        problems.extend(split_problems(file.path, file.text, statements, dialect))
        prepared.append(PreparedRepeatable(file, statements))
    if problems:
        raise MigrationFileError(problems)
    return prepared


class RepeatableRunner:
    """Applies prepared repeatable files to one backend, in the order given."""

    def __init__(self, backend: Backend, tables: Tables, options: RunOptions) -> None:
        self.backend = backend
        self.tables = tables
        self.options = options

    def run(self, files: list[PreparedRepeatable]) -> list[RepeatableResult]:
        """Apply ``files``; stop at the first failure (raised)."""
        if not files:
            return []
        results: list[RepeatableResult] = []
        with migration_lock(self.backend, self.options.lock_timeout_s, session=False):
            self.tables.create()
            for prepared in files:
                result = self._apply(prepared)
                self.options.events.repeatable_finished(result)
                results.append(result)
        return results

    def _apply(self, prepared: PreparedRepeatable) -> RepeatableResult:
        if self.backend.transactional_ddl:
            with self.backend.transaction():
                return self.apply_inside(prepared, rolled_back=True)
        # MySQL: the lock is held; each DDL statement commits on its own anyway.
        return self.apply_inside(prepared, rolled_back=False)

    def apply_inside(self, prepared: PreparedRepeatable, *, rolled_back: bool) -> RepeatableResult:
        """Apply one file in the caller's transaction (or, on MySQL, statement by statement)."""
        started = time.perf_counter()
        file = prepared.file
        rows = self.backend.query(
            f"SELECT checksum, status FROM {self.tables.history} WHERE version = {self.tables.p}", (file.key,)
        )
        if rows and str(rows[0][0]) == file.checksum and str(rows[0][1]) in DONE_STATUSES:
            return RepeatableResult(file.description, Outcome.ALREADY_APPLIED, 0, 0, "by another runner")
        reason = self._skip_reason(file)
        if reason is not None:
            self._record(file, RowStatus.SKIPPED, 0, 0)
            return RepeatableResult(file.description, Outcome.SKIPPED, 0, 0, reason)
        for query in file.guards.requires:
            if not is_true(self._guard_value(file, query)):
                raise GuardFailedError(
                    f"{file.path}:{query.line}: guard failed: {query.sql}",
                    hint="the database is not in the state this repeatable file requires; it was not applied",
                )
        self.backend.set_lock_timeout(file.guards.lock_timeout_ms)
        for statement in prepared.statements:
            self._execute(file, statement, rolled_back=rolled_back)
        self.backend.set_lock_timeout(None)
        duration = int((time.perf_counter() - started) * 1000)
        self._record(file, RowStatus.APPLIED, duration, len(prepared.statements))
        return RepeatableResult(file.description, Outcome.APPLIED, duration, len(prepared.statements))

    def _skip_reason(self, file: RepeatableFile) -> str | None:
        guards = file.guards
        if not guards.applies_to(self.backend.dialect):
            return f"dialect {self.backend.dialect} not in {' '.join(sorted(guards.dialects or ()))}"
        for query in guards.skip_ifs:
            if is_true(self._guard_value(file, query)):
                return f"skip-if {query.sql}"
        return None

    def _guard_value(self, file: RepeatableFile, query: GuardQuery) -> object:
        try:
            rows = self.backend.guard_query(query.sql)
        except DriverError as exc:
            raise DatabaseError(
                f"{file.path}:{query.line}: guard query failed: {exc.db_message}\n  SQL: {query.sql}",
                hint="fix the guard's query",
            ) from None
        return rows[0][0] if rows and rows[0] else None

    def _execute(self, file: RepeatableFile, statement: Statement, *, rolled_back: bool) -> None:
        try:
            self.backend.run_statement(statement.sql)
        except DriverError as exc:
            hint = (
                f"{file.name} is tried again on the next migrate"
                if rolled_back
                else f"its earlier statements stay applied ({self.backend.dialect} cannot roll back DDL); "
                f"{file.name} is run again, whole, on the next migrate"
            )
            raise StatementFailedError(
                path=file.path,
                version=file.name,
                statement_number=statement.number,
                line=statement.line,
                sql=statement.sql,
                db_message=exc.db_message,
                rolled_back=rolled_back,
                hint=hint,
            ) from None

    def _record(self, file: RepeatableFile, status: str, duration_ms: int, statements_done: int) -> None:
        self.tables.insert_row(
            version=file.key,
            description=file.description,
            checksum=file.checksum,
            status=status,
            waivers=[w.as_dict() for w in file.guards.waivers],
            duration_ms=duration_ms,
            statements_done=statements_done,
            lint_bypassed=self.options.lint_bypassed,
            kind=REPEATABLE,
        )
