"""Apply prepared files under the migration lock, each in its own transaction.

Per file: open the transaction (SQLite ``BEGIN IMMEDIATE`` is the lock), re-read the file's
history row and ``db_version`` *inside* it so that concurrent runners apply each file exactly
once, decide the guards, run the statements, then write ``db_version`` and the history row in
the same transaction. Files that cannot roll back (``no-transaction``, MySQL DDL) commit a
``running`` row first and advance ``statements_done`` after every statement.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from packaging.version import Version

from ratchet import failures
from ratchet.backends.base import Backend
from ratchet.errors import (
    DatabaseError,
    DriftError,
    DriverError,
    GuardFailedError,
    StatementFailedError,
    UsageError,
)
from ratchet.headers import GuardQuery
from ratchet.history import DB_VERSION_KEY, DONE_STATUSES, Tables

if TYPE_CHECKING:  # annotations only: keeps sqlparse out of the imports of a no-op run
    from ratchet.prepare import PreparedFile
    from ratchet.repeatable_runner import RepeatableResult
    from ratchet.split import Statement

_T = TypeVar("_T")
_FALSE_TEXT = frozenset({"", "0", "f", "false", "n", "no", "off"})


@dataclass(frozen=True)
class FileResult:
    """What happened to one file: ``applied``, ``skipped`` or ``already-applied``."""

    version: Version
    description: str
    outcome: str
    duration_ms: int
    statements: int
    reason: str = ""


class Events:
    """Progress callbacks; the CLI subclasses this to print. The defaults do nothing."""

    def file_started(self, prepared: PreparedFile) -> None:
        """A file is about to run."""

    def statement_done(self, prepared: PreparedFile, number: int) -> None:
        """Statement ``number`` (1-based) of the file has run."""

    def file_finished(self, result: FileResult) -> None:
        """A file is done (applied, skipped, or found already applied by another runner)."""

    def notice(self, message: str) -> None:
        """A warning the user must see even if the run then fails (``--no-lint``)."""

    def caution(self, message: str) -> None:
        """A warning worth reading before files run that ``--quiet`` hides (MySQL cannot roll back DDL)."""

    def repeatable_finished(self, result: RepeatableResult) -> None:
        """A repeatable file is done (applied, skipped, or found applied by another runner)."""


@dataclass
class RunOptions:
    """How to run: one transaction for everything, out-of-order allowed, lint bypassed."""

    single_transaction: bool = False
    out_of_order: bool = False
    lint_bypassed: bool = False
    lock_timeout_s: float = 60.0
    events: Events = field(default_factory=Events)


def is_true(value: object) -> bool:
    """SQL truthiness of a guard query's first value (NULL, 0, false and '' are false)."""
    if value is None:
        return False
    if isinstance(value, (bytes, bytearray, memoryview)):
        value = bytes(value).decode("utf-8", "replace")
    if isinstance(value, str):
        return value.strip().lower() not in _FALSE_TEXT
    return bool(value)


@contextmanager
def migration_lock(backend: Backend, timeout_s: float, *, session: bool = True) -> Iterator[None]:
    """Hold the migration lock. Where the per-file transaction is the lock (SQLite) a
    session lock is taken only when ``session`` is asked for (files run outside a transaction)."""
    if backend.transaction_is_lock and not session:
        yield
        return
    backend.acquire_lock(timeout_s)
    try:
        yield
    finally:
        backend.release_lock()


class Runner:
    """Applies prepared files to one backend."""

    def __init__(self, backend: Backend, tables: Tables, options: RunOptions) -> None:
        self.backend = backend
        self.tables = tables
        self.options = options
        self.events = options.events
        self._db_version_read: Version | None = None  # db_version as the last claim read it
        self._last_duration = 0  # of a stepwise file finished inside its last step
        # the file being applied and how far, for a failure that is not one of its statements
        self._current: PreparedFile | None = None
        self._stage = ""

    def run(self, files: list[PreparedFile]) -> list[FileResult]:
        """Apply ``files`` in order; stop at the first failure (raised)."""
        if not files:
            return []
        non_transactional = self._non_transactional(files)
        if self.options.single_transaction:
            self.check_single_transaction(files)
        with migration_lock(self.backend, self.options.lock_timeout_s, session=bool(non_transactional)):
            self._ensure_tables()
            if self.options.single_transaction:
                return self._run_single_transaction(files)
            return [self._apply_transactional(p) if self._transactional(p) else self._apply_stepwise(p) for p in files]

    def _transactional(self, prepared: PreparedFile) -> bool:
        return prepared.transactional and self.backend.transactional_ddl

    def _non_transactional(self, files: list[PreparedFile]) -> list[PreparedFile]:
        """Files that would run outside a transaction here (not those their dialect guard skips)."""
        return [p for p in files if not self._transactional(p) and p.guards.applies_to(self.backend.dialect)]

    def check_single_transaction(self, files: list[PreparedFile]) -> None:
        """Refuse ``--single-transaction`` where the files cannot share one transaction (also for a dry run,
        so that the dry run and the run agree)."""
        non_transactional = self._non_transactional(files)
        if not self.backend.transactional_ddl:
            raise UsageError(
                f"--single-transaction is not possible on {self.backend.dialect}: "
                "its DDL commits implicitly, so the files cannot be rolled back together",
                hint="run without --single-transaction",
            )
        if non_transactional:
            names = ", ".join(str(p.file.path) for p in non_transactional)
            raise UsageError(
                f"--single-transaction cannot include no-transaction files: {names}",
                hint="apply them separately: run without --single-transaction",
            )

    def _ensure_tables(self) -> None:
        try:
            self.tables.create()
        except DriverError as exc:
            raise DatabaseError(
                f"cannot create ratchet's tables in {self.backend.display_url}: {exc.db_message}; nothing was applied",
                hint="check that the database accepts writes (permissions, disk space, a read-only replica)",
            ) from None

    def _run_single_transaction(self, files: list[PreparedFile]) -> list[FileResult]:
        before = self.tables.db_version()
        try:
            with self._foreign_keys_off(files):
                results = self._in_transaction(files, lambda: [self._apply_inside(prepared) for prepared in files])
        except StatementFailedError as failure:
            at = f"still at {before}" if before is not None else "still empty of migrations"
            failure.set_outcome(f"nothing was applied: all {len(files)} file(s) were rolled back; the database is {at}")
            raise
        for result in results:
            self.events.file_finished(result)
        return results

    def _apply_transactional(self, prepared: PreparedFile) -> FileResult:
        with self._foreign_keys_off([prepared]):
            result = self._in_transaction([prepared], lambda: self._apply_inside(prepared))
        self.events.file_finished(result)
        return result

    def _in_transaction(self, files: list[PreparedFile], work: Callable[[], _T]) -> _T:
        """``work`` in one transaction; a failure of ratchet's own statements or of the COMMIT is
        reported with the file, the version and the state left behind (SPEC 5 item 8)."""
        self._current, self._stage = files[0], "at BEGIN, before its statements"
        try:
            self.backend.begin()
            result = work()
        except DriverError as exc:
            self.backend.rollback()
            raise failures.bookkeeping_failed(self._current, self._stage, exc) from None
        except BaseException:
            self.backend.rollback()
            raise
        try:
            self.backend.commit()
        except DriverError as exc:
            self.backend.rollback()  # a failed COMMIT may leave the transaction open (SQLite)
            raise failures.commit_failed(files, exc) from None
        return result

    def _rebuilds(self, prepared: PreparedFile) -> bool:
        return self.backend.dialect == "sqlite" and prepared.rebuilds_table

    @contextmanager
    def _foreign_keys_off(self, files: list[PreparedFile]) -> Iterator[None]:
        """SQLite's 12-step ALTER: foreign keys off *before* BEGIN for a table rebuild, restored after.

        Inside a transaction ``PRAGMA foreign_keys`` is a no-op, and with foreign keys on,
        ``DROP TABLE parent`` would delete the ``ON DELETE CASCADE`` child rows.
        """
        if not any(self._rebuilds(p) for p in files):
            yield
            return
        rows = self.backend.query("PRAGMA foreign_keys")
        was_on = bool(rows and rows[0][0])
        if was_on:
            self.backend.execute("PRAGMA foreign_keys = OFF")
        try:
            yield
        finally:
            if was_on:
                self.backend.execute("PRAGMA foreign_keys = ON")

    def _check_foreign_keys(self, prepared: PreparedFile) -> None:
        """Step 10 of the 12: ``PRAGMA foreign_key_check`` before COMMIT; a violation rolls back."""
        if not self._rebuilds(prepared):
            return
        rows = self.backend.query("PRAGMA foreign_key_check")
        if rows:
            shown = "; ".join(f"{row[0]} rowid {row[1]} references missing {row[2]}" for row in rows[:5])
            more = f" (and {len(rows) - 5} more)" if len(rows) > 5 else ""
            raise DatabaseError(
                f"{prepared.file.path}: after the table rebuild, {len(rows)} row(s) violate foreign keys: "
                f"{shown}{more}; the file was rolled back",
                hint="make the rebuild keep every referenced row (no WHERE in the copy), then run again",
            )

    def _claim(self, prepared: PreparedFile) -> FileResult | None:
        """Inside the lock: is the file still to do? ``None`` if so, else why not. Keeps the
        ``db_version`` it read (``self._db_version_read``) for this file's bookkeeping."""
        file = prepared.file
        status, current = self.tables.claim_state(file.version)
        if status in DONE_STATUSES:
            return FileResult(file.version, file.description, "already-applied", 0, 0, "by another runner")
        if status in ("running", "failed"):
            raise DriftError(
                f"migration {file.version} has a '{status}' history row (another runner failed)",
                hint=f"see `ratchet status`, then `ratchet repair {file.version} --retry` or --mark-applied",
            )
        if current is not None and current >= file.version and not self.options.out_of_order:
            raise DriftError(
                f"{file.path}: the database moved to {current} while this run waited; "
                f"{file.version} is now out of order",
                hint="run again, or apply it with --out-of-order",
            )
        self._db_version_read = current
        return None

    def _skip_reason(self, prepared: PreparedFile) -> str | None:
        guards = prepared.guards
        if not guards.applies_to(self.backend.dialect):
            return f"dialect {self.backend.dialect} not in {' '.join(sorted(guards.dialects or ()))}"
        for query in guards.skip_ifs:
            if is_true(self._guard_value(prepared, query)):
                return f"skip-if {query.sql}"
        return None

    def _check_requires(self, prepared: PreparedFile) -> None:
        for query in prepared.guards.requires:
            if not is_true(self._guard_value(prepared, query)):
                raise GuardFailedError(
                    f"{prepared.file.path}:{query.line}: guard failed: {query.sql}",
                    hint="the database is not in the state this migration requires; nothing was changed",
                )

    def _guard_value(self, prepared: PreparedFile, query: GuardQuery) -> object:
        try:
            rows = self.backend.guard_query(query.sql)
        except DriverError as exc:
            raise DatabaseError(
                f"{prepared.file.path}:{query.line}: guard query failed: {exc.db_message}\n  SQL: {query.sql}",
                hint="fix the guard's query",
            ) from None
        return rows[0][0] if rows and rows[0] else None

    def _record(self, prepared: PreparedFile, status: str, duration_ms: int, statements_done: int) -> None:
        """A finished file: ``db_version`` raised and its history row, in the caller's transaction
        that claimed it (no row yet; ``db_version`` as the claim read it)."""
        self._write_row(prepared, status, duration_ms, statements_done, raise_version=True)
        read = self._db_version_read
        if read is None or prepared.file.version > read:
            self._db_version_read = prepared.file.version  # the next file of a single transaction sees it

    def _write_row(
        self,
        prepared: PreparedFile,
        status: str,
        duration_ms: int = 0,
        statements_done: int = 0,
        *,
        raise_version: bool = False,
    ) -> None:
        """Insert the file's history row; only after :meth:`_claim` found none."""
        file = prepared.file
        self.tables.insert_row(
            version=file.version,
            description=file.description,
            checksum=file.checksum,
            status=status,
            waivers=[w.as_dict() for w in prepared.guards.waivers],
            duration_ms=duration_ms,
            statements_done=statements_done,
            lint_bypassed=self.options.lint_bypassed,
            replace=False,
            raise_version=raise_version,
            current=self._db_version_read,
        )

    def bump_version(self, version: Version) -> None:
        """Raise ``db_version`` to ``version`` (never lower it: out-of-order files are older)."""
        current = self.tables.db_version()
        if current is None or version > current:
            self.tables.put(DB_VERSION_KEY, str(version))

    def _apply_inside(self, prepared: PreparedFile) -> FileResult:
        """Run one file inside an open transaction (rolled back by the caller on error)."""
        started = time.perf_counter()
        self._current, self._stage = prepared, "before its statements"
        claimed = self._claim(prepared)
        if claimed is not None:
            return claimed
        file = prepared.file
        reason = self._skip_reason(prepared)
        if reason is not None:
            self._record(prepared, "skipped", 0, 0)
            return FileResult(file.version, file.description, "skipped", 0, 0, reason)
        self._check_requires(prepared)
        self.events.file_started(prepared)
        self.backend.remember_session()
        self.backend.set_lock_timeout(prepared.guards.lock_timeout_ms)
        run, done = self.backend.run_statement, self.events.statement_done  # the bulk of a data file
        for statement in prepared.statements:
            try:
                run(statement.sql)
            except DriverError as exc:
                raise _statement_failed(prepared, statement, exc, rolled_back=True) from None
            done(prepared, statement.number)
        self._stage = f"after its {len(prepared.statements)} statement(s), while recording it (db_version, history)"
        self.backend.restore_session()
        self.backend.set_lock_timeout(None)
        self._check_foreign_keys(prepared)
        duration = _ms_since(started)
        self._record(prepared, "applied", duration, len(prepared.statements))
        return FileResult(file.version, file.description, "applied", duration, len(prepared.statements))

    def _execute(self, prepared: PreparedFile, statement: Statement, *, rolled_back: bool) -> None:
        try:
            self.backend.run_statement(statement.sql)
        except DriverError as exc:
            raise _statement_failed(prepared, statement, exc, rolled_back=rolled_back) from None
        self.events.statement_done(prepared, statement.number)

    def _apply_stepwise(self, prepared: PreparedFile) -> FileResult:
        """A file that cannot roll back: commit a ``running`` row, then one statement at a time."""
        started = time.perf_counter()
        file = prepared.file
        with self.backend.transaction():
            claimed = self._claim(prepared)
            reason = None if claimed else self._skip_reason(prepared)
            if claimed is None and reason is not None:
                self._record(prepared, "skipped", 0, 0)
            elif claimed is None:
                self._check_requires(prepared)
                self._write_row(prepared, "running")
        if claimed is not None:
            self.events.file_finished(claimed)
            return claimed
        if reason is not None:
            result = FileResult(file.version, file.description, "skipped", 0, 0, reason)
            self.events.file_finished(result)
            return result
        return self.resume(prepared, start_after=0, started=started)

    def resume(self, prepared: PreparedFile, *, start_after: int, started: float | None = None) -> FileResult:
        """Run statements ``start_after + 1 ...`` of a file whose ``running`` row exists."""
        started = time.perf_counter() if started is None else started
        file = prepared.file
        self.events.file_started(prepared)
        self.backend.remember_session()
        self.backend.set_lock_timeout(prepared.guards.lock_timeout_ms)
        # On MySQL consecutive data statements and their statements_done update commit together
        # (a DDL statement commits implicitly, so it is a step of its own); a crash or failure
        # leaves statements_done exact. A no-transaction file's statements may not run inside a
        # transaction at all (CREATE INDEX CONCURRENTLY).
        atomic_step = prepared.transactional
        known_invalid = self._invalid_indexes()  # so the hint names only the ones this file leaves
        steps = _steps(prepared.statements[start_after:], group_data=atomic_step)
        finished, duration = False, 0
        for number, step in enumerate(steps, start=1):
            try:
                if not atomic_step:
                    self._execute(prepared, step[0], rolled_back=False)
                elif _is_ddl(step[0]):
                    # MySQL commits a DDL statement on its own: its count is committed right after
                    # it, so a failure of a later statement (even on a lost connection, when no
                    # failure can be recorded) leaves statements_done exact.
                    with self.backend.transaction():
                        self._execute(prepared, step[0], rolled_back=False)
                    with self.backend.transaction():
                        self.tables.update_row(file.version, statements_done=step[0].number)
                else:
                    finished = self._run_group(prepared, step, started, last=number == len(steps))
            except StatementFailedError as failure:
                self._note_invalid_indexes(failure, known_invalid)
                done = failure.statement_number - 1  # every statement before it: committed, or a DDL
                try:
                    with self.backend.transaction():
                        self.tables.update_row(
                            file.version, status="failed", error=failure.db_message, statements_done=done
                        )
                except DriverError as exc:
                    failures.failure_not_recorded(failure, prepared, done, exc)
                raise
            except DriverError as exc:  # the step's COMMIT (MySQL: statements and counter together)
                raise failures.progress_not_recorded(prepared, step[-1], exc, committed_alone=False) from None
            if not atomic_step:
                try:
                    with self.backend.transaction():
                        self.tables.update_row(file.version, statements_done=step[-1].number)
                except DriverError as exc:
                    raise failures.progress_not_recorded(prepared, step[-1], exc, committed_alone=True) from None
        try:
            self.backend.restore_session()
            self.backend.set_lock_timeout(None)
            if finished:
                duration = self._last_duration
            else:
                with self.backend.transaction():
                    duration = self._finish_stepwise(prepared, started)
        except DriverError as exc:
            raise failures.finish_not_recorded(prepared, exc) from None
        result = FileResult(file.version, file.description, "applied", duration, len(prepared.statements))
        self.events.file_finished(result)
        return result

    def _run_group(self, prepared: PreparedFile, step: list[Statement], started: float, *, last: bool) -> bool:
        """Run a step (consecutive data statements, or one other statement) and its count in one
        commit, with the file's own end when it is the ``last`` step of data; return whether the
        file was finished. If a statement of a group fails, the group is rolled back and run again
        one commit per statement, so that every statement before the failing one is committed
        and counted, as without grouping."""
        version = prepared.file.version
        try:
            with self.backend.transaction():
                for statement in step:
                    self._execute(prepared, statement, rolled_back=False)
                if last and _is_data(step[0]):
                    self._last_duration = self._finish_stepwise(prepared, started)  # counts every statement
                    return True
                self.tables.update_row(version, statements_done=step[-1].number)
            return False
        except StatementFailedError:
            if len(step) == 1:
                raise
        for statement in step:
            with self.backend.transaction():
                self._execute(prepared, statement, rolled_back=False)
                self.tables.update_row(version, statements_done=statement.number)
        return False

    def _finish_stepwise(self, prepared: PreparedFile, started: float) -> int:
        """Mark a statement-by-statement file applied and raise ``db_version``, in the open
        transaction; return the duration recorded."""
        duration = _ms_since(started)
        self.bump_version(prepared.file.version)
        self.tables.update_row(
            prepared.file.version,
            status="applied",
            duration_ms=duration,
            error=None,
            statements_done=len(prepared.statements),
        )
        return duration

    def _invalid_indexes(self) -> list[str] | None:
        try:
            return self.backend.invalid_indexes()
        except DriverError:
            return None

    def _note_invalid_indexes(self, failure: StatementFailedError, known: list[str] | None) -> None:
        """Name any index the failed statement left INVALID: it must be dropped before a retry."""
        if known is None:
            return
        invalid = [name for name in self._invalid_indexes() or [] if name not in known]
        if invalid:
            names = ", ".join(invalid)
            failure.hint = (
                f"INVALID index(es) left by the failed statement: {names}; drop them first "
                f"(DROP INDEX CONCURRENTLY {invalid[0]}), then: {failure.hint or ''}"
            )


#: Statements that neither commit implicitly on MySQL nor change the schema: they can share a commit.
_DATA_WORDS = frozenset({"INSERT", "UPDATE", "DELETE", "REPLACE", "SELECT"})
#: Schema changes, which MySQL commits on their own (and commits what was open before them).
_DDL_WORDS = frozenset({"CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE"})


def _is_ddl(statement: Statement) -> bool:
    words = statement.first_words(1)
    return bool(words) and words[0] in _DDL_WORDS


def _is_data(statement: Statement) -> bool:
    words = statement.first_words(1)
    return bool(words) and words[0] in _DATA_WORDS


def _steps(statements: list[Statement], *, group_data: bool) -> list[list[Statement]]:
    """One step per statement, except runs of consecutive data statements when ``group_data``."""
    steps: list[list[Statement]] = []
    for statement in statements:
        if group_data and steps and _is_data(statement) and _is_data(steps[-1][0]):
            steps[-1].append(statement)
        else:
            steps.append([statement])
    return steps


def _statement_failed(
    prepared: PreparedFile, statement: Statement, exc: DriverError, *, rolled_back: bool
) -> StatementFailedError:
    """The error for a statement of the file that the database refused."""
    return StatementFailedError(
        path=prepared.file.path,
        version=str(prepared.file.version),
        statement_number=statement.number,
        line=statement.line,
        sql=statement.sql,
        db_message=exc.db_message,
        rolled_back=rolled_back,
        hint=None if rolled_back else _repair_hint(prepared.file.version),
    )


def _repair_hint(version: Version) -> str:
    return (
        f"statements before the failing one are committed. Fix the cause, then run "
        f"`ratchet repair {version} --retry`, or finish by hand and run "
        f"`ratchet repair {version} --mark-applied`"
    )


def _ms_since(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)
