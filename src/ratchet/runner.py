"""Apply prepared files under the migration lock, each in its own transaction.

Per file: open the transaction (SQLite ``BEGIN IMMEDIATE`` is the lock), re-read the file's
history row and ``db_version`` *inside* it so that concurrent runners apply each file exactly
once (under a session lock, PostgreSQL's and MySQL's, they are read once when it is taken:
no other runner writes while it is held), decide the guards, run the statements, then write
``db_version`` and the history row in the same transaction. Files that cannot roll back
(``no-transaction``, MySQL DDL) commit a ``running`` row first and advance ``statements_done``
after every statement.

Repeatable files (`R__*.sql`) are a mode of the same run, after the versioned ones and under the
same lock: inside it each file's row is read again, so a runner that waited finds the file
applied by another (same checksum) and leaves it. A file that fails is rolled back and, having
no row with its new checksum, is tried again by the next ``migrate``. MySQL cannot roll back
DDL, so there its statements before the failing one stay applied; a repeatable file is
idempotent (the lint's ``repeatable-not-idempotent``), so running it again whole is safe.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from packaging.version import Version

from ratchet import failures
from ratchet.backends.base import Backend
from ratchet.errors import (
    DatabaseError,
    DriftError,
    DriverError,
    GuardFailedError,
    RatchetError,
    RefusedError,
    StatementFailedError,
    UsageError,
)
from ratchet.events import Events
from ratchet.headers import GuardQuery
from ratchet.history import DB_VERSION_KEY, REPEATABLE, VERSIONED, Tables
from ratchet.states import DONE_STATUSES, UNFINISHED_STATUSES, Outcome, RowStatus

if TYPE_CHECKING:  # annotations only: keeps sqlparse out of the imports of a no-op run
    from ratchet.prepare import PreparedFile, PreparedRepeatable
    from ratchet.statement import Statement

_T = TypeVar("_T")
#: What ``repair`` does to a blocking history row (see :meth:`Runner.repair`).
RepairAction = Literal["retry", "mark-applied", "forget", "accept-checksum"]
_FALSE_TEXT = frozenset({"", "0", "f", "false", "n", "no", "off"})


@dataclass(frozen=True)
class FileResult:
    """What happened to one file."""

    version: Version
    description: str
    #: An :class:`~ratchet.states.Outcome`: ``applied``, ``skipped`` or ``already-applied`` from
    #: ``migrate``; ``marked-applied``, ``forgotten`` or ``checksum-accepted`` from ``repair``.
    outcome: Outcome
    duration_ms: int
    statements: int
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        """The file's entry in ``migrate --json``."""
        return {
            "version": str(self.version),
            "description": self.description,
            "outcome": self.outcome,
            "duration_ms": self.duration_ms,
            "statements": self.statements,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class RepeatableResult:
    """What happened to one repeatable file: ``applied``, ``skipped`` or ``already-applied``."""

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

    def to_json(self) -> dict[str, Any]:
        """The file's entry in ``migrate --json``."""
        return {
            "name": self.name,
            "description": self.description,
            "outcome": self.outcome,
            "duration_ms": self.duration_ms,
            "statements": self.statements,
            "reason": self.reason,
        }


#: Why a failed ``require`` guard changed nothing, by the kind of file.
_REQUIRE_HINTS = {
    VERSIONED: "the database is not in the state this migration requires; nothing was changed",
    REPEATABLE: "the database is not in the state this repeatable file requires; it was not applied",
}


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
        # Under a session lock (PostgreSQL, MySQL) no other runner writes during the run: every
        # row's status is read once when the lock is taken, and db_version is then known from
        # what this run writes, instead of being read again for every file.
        self._statuses: dict[str, str] | None = None
        self._last_duration = 0  # of a stepwise file finished inside its last step
        # the stepwise file being run was claimed by this run under the migration lock, so its
        # finish raises db_version from the value the claim read instead of reading it again
        self._claimed = False
        # the file being applied and how far, for a failure that is not one of its statements
        self._current: PreparedFile | None = None
        self._stage = ""
        # the file after the one being applied, whose running row may go in that one's last commit
        self._next: PreparedFile | None = None
        # the files run under the backend's rebuild procedure (foreign keys off), while it is in force
        self._foreign_keys_off: list[PreparedFile] = []
        self._dangling_before: frozenset[str] = frozenset()  # rows dangling at BEGIN, while they are off
        self._claimed_ahead: Version | None = None  # the file whose running row was so committed

    def run(
        self, files: list[PreparedFile], repeatables: list[PreparedRepeatable] | None = None
    ) -> tuple[list[FileResult], list[RepeatableResult]]:
        """Apply ``files`` in order, then ``repeatables``, under one migration lock; stop at the
        first failure (raised)."""
        repeatables = repeatables or []
        if not files and not repeatables:
            return [], []
        non_transactional = self._non_transactional(files)
        # checked with repeatables alone too: a deploy script must not pass one day and fail the next
        if self.options.single_transaction:
            self.check_single_transaction(files)
        with migration_lock(self.backend, self.options.lock_timeout_s, session=bool(non_transactional)):
            self._ensure_tables()
            if files and not self.backend.transaction_is_lock:
                self._statuses, self._db_version_read = self.tables.claim_statuses()
            if not files:
                results: list[FileResult] = []
            elif self.options.single_transaction:
                results = self._run_single_transaction(files)
            else:
                results = []
                for index, prepared in enumerate(files):
                    self._next = files[index + 1] if index + 1 < len(files) else None
                    stepwise = not self._transactional(prepared)
                    results.append(self._apply_stepwise(prepared) if stepwise else self._apply_transactional(prepared))
                self._next = None
            return results, self._run_repeatables(repeatables, results)

    def _run_repeatables(
        self, repeatables: list[PreparedRepeatable], before: list[FileResult]
    ) -> list[RepeatableResult]:
        """Apply the repeatable files; a failure says which versioned files this run applied."""
        results: list[RepeatableResult] = []
        try:
            for prepared in repeatables:
                if self.backend.transactional_ddl:
                    with self.backend.transaction():
                        result = self.apply_repeatable(prepared, rolled_back=True)
                else:  # MySQL: the lock is held; each DDL statement commits on its own anyway
                    result = self.apply_repeatable(prepared, rolled_back=False)
                self.events.repeatable_finished(result)
                results.append(result)
        except RatchetError as error:
            applied = [str(r.version) for r in before if r.outcome == Outcome.APPLIED]
            if applied:
                kept = f"versioned file(s) {', '.join(applied)} applied earlier in this run stay applied"
                error.hint = f"{kept}; {error.hint}" if error.hint else kept
            raise
        return results

    def repair(self, version: Version, action: RepairAction, migrations: Path, *, reason: str = "") -> FileResult:
        """Get ``version`` past the history row that blocks ``migrate``, under the migration lock:

        ``retry``: run the remaining statements of a ``running``/``failed`` file, from ``statements_done + 1``.
        ``mark-applied``: the DBA completed such a file by hand; record it as applied and set ``db_version``.
        ``forget``: delete a ``failed`` row whose file changed nothing permanent (no statement committed).
        ``accept-checksum``: record the file's new checksum after a harmless edit, keeping the old one and
        ``reason`` in the row's ``checksum_changes``.
        A file that is finished has the schema snapshot recorded with its row, as ``migrate`` does.
        """
        from ratchet.repair import accept_checksum, forget, record_after_repair, refuse_invalid_indexes

        with migration_lock(self.backend, self.options.lock_timeout_s):
            row = self.tables.rows().get(version)
            if row is None:
                raise RefusedError(
                    f"migration {version} has no history row; nothing to repair", hint="see `ratchet status`"
                )
            if action == "forget":
                return forget(self.backend, self.tables, row)
            from ratchet.load import load_migrations

            loaded = load_migrations(migrations)
            file = next((f for f in loaded.files if f.version == version), None)
            if file is None:
                raise RefusedError(
                    f"no migration file for {version} in {migrations}",
                    hint="restore the file exactly as it was run, then repair again",
                )
            if action == "accept-checksum":
                return accept_checksum(self.backend, self.tables, row, file, reason)
            if row.status not in UNFINISHED_STATUSES:
                raise RefusedError(
                    f"migration {version} has status '{row.status}'; --retry and --mark-applied only finish a "
                    "'running' or 'failed' one",
                    hint="see `ratchet status`",
                )
            refuse_invalid_indexes(self.backend, file)
            if not file.matches(row.checksum):
                raise DriftError(
                    f"{file.path} changed since it was run (checksum in database {row.checksum[:12]}..., "
                    f"file {file.checksum[:12]}...)",
                    hint="restore the file exactly as it was run (git checkout it), then repair again; or, if "
                    f"you corrected a statement that had not run yet, record the edit with `ratchet repair {version} "
                    '--accept-checksum --reason "..."` first',
                )
            from ratchet.prepare import prepare_files

            prepared = prepare_files([file], loaded.guards, self.backend.dialect, split_check=False)[0]
            if action == "mark-applied":
                with self.backend.transaction():
                    self.bump_version(version)
                    self.tables.update_row(
                        version, status=RowStatus.APPLIED, error=None, statements_done=len(prepared.statements)
                    )
                result = FileResult(version, file.description, Outcome.MARKED_APPLIED, 0, len(prepared.statements))
            else:
                with self.backend.transaction():
                    self.tables.update_row(version, status=RowStatus.RUNNING, error=None)
                result = self.resume(prepared, start_after=row.statements_done)
            record_after_repair(self.backend, self.tables, str(version), self.options.lock_timeout_s)
            return result

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
            with self._rebuild_procedure(files):
                results = self._in_transaction(files, lambda: [self._apply_inside(prepared) for prepared in files])
        except StatementFailedError as failure:
            at = f"still at {before}" if before is not None else "still empty of migrations"
            failure.set_outcome(f"nothing was applied: all {len(files)} file(s) were rolled back; the database is {at}")
            raise
        for result in results:
            self.events.file_finished(result)
        return results

    def _apply_transactional(self, prepared: PreparedFile) -> FileResult:
        result = self._apply_pipelined(prepared) if self._pipelinable(prepared) else None
        if result is None:
            with self._rebuild_procedure([prepared]):
                result = self._in_transaction([prepared], lambda: self._apply_inside(prepared))
        self.events.file_finished(result)
        return result

    def _pipelinable(self, prepared: PreparedFile) -> bool:
        """A file that can go as one pipeline (:meth:`_apply_pipelined`): its claim is known
        without a query, and nothing in it needs an answer before the next statement is sent (no
        guard query, no lock timeout, no table rebuild check, no ``COPY``, no text the backend
        would send in a stale encoding); short enough that no
        progress is shown while it runs."""
        guards = prepared.guards
        dialect = self.backend.dialect
        return (
            self._statuses is not None
            and len(prepared.statements) < _PIPELINE_MAX_STATEMENTS
            and not guards.requires
            and not guards.skip_ifs
            and guards.lock_timeout_ms is None
            and guards.applies_to(dialect)
            and self.backend.can_pipeline()
            and not any(_copies(statement) for statement in prepared.statements)
            and not self._rebuilds(prepared)
            and self.backend.pipeline_keeps_text([statement.sql for statement in prepared.statements])
        )

    def _apply_pipelined(self, prepared: PreparedFile) -> FileResult | None:
        """Apply a plain file in one round trip instead of one per statement: ``BEGIN``, its
        statements, the session restore, the history row with ``db_version`` and ``COMMIT`` are
        sent without waiting for any answer (the row's duration is the server's, from ``BEGIN``
        to the row). The same statements, transaction and commit as :meth:`_apply_inside`: the
        server skips everything after a failure, the ``COMMIT`` too.

        A failed statement is named from the answers that arrived before it, and the transaction
        rolled back, as :meth:`_apply_inside` does; ``None`` (the caller then runs the file the
        ordinary way) only where the backend cannot tell which statement failed, or where the file
        is better run again that way (:meth:`~ratchet.backends.base.Backend.statements_answered`)."""
        started = time.perf_counter()
        file = prepared.file
        duration_sql = self.backend.elapsed_ms_sql
        if duration_sql is None:
            return None
        claimed = self._claim(prepared)
        if claimed is not None:
            return claimed
        self.events.file_started(prepared)
        self.backend.remember_session()
        self._current = prepared
        self._stage = f"after its {len(prepared.statements)} statement(s), while recording it (db_version, history)"
        record = self.tables.applied_row_sql(
            version=file.version,
            description=file.description,
            checksum=file.checksum,
            waivers=[w.as_dict() for w in prepared.guards.waivers],
            statements_done=len(prepared.statements),
            lint_bypassed=self.options.lint_bypassed,
            current=self._db_version_read,
            duration_sql=duration_sql,
        )
        try:
            with self.backend.pipeline():
                self.backend.begin()
                for statement in prepared.statements:
                    self.backend.run_statement(statement.sql)
                self.backend.restore_session_unanswered()
                self.backend.execute(*record)
                self.backend.commit()
        except DriverError as exc:
            answered = self.backend.statements_answered()
            if answered is None:
                self.backend.rollback()
                return None
            # the session ended with the COMMIT sent and no failure answered before it: whether it
            # took effect is unknown
            if exc.connection_lost and not self.backend.failed_before_last():
                raise failures.commit_failed([prepared], exc) from None
            self.backend.rollback()
            if answered < len(prepared.statements):
                for number in range(1, answered + 1):
                    self.events.statement_done(prepared, number)
                statement = prepared.statements[answered]
                raise _statement_failed(prepared, statement, exc, rolled_back=True, hint=None) from None
            if exc.connection_lost or self.backend.failed_before_last():  # the restore or the row failed
                raise failures.bookkeeping_failed(prepared, self._stage, exc) from None
            raise failures.commit_failed([prepared], exc) from None
        self._raised(file.version)
        self.backend.finish_restore()
        for statement in prepared.statements:
            self.events.statement_done(prepared, statement.number)
        return FileResult(file.version, file.description, Outcome.APPLIED, _ms_since(started), len(prepared.statements))

    def _in_transaction(self, files: list[PreparedFile], work: Callable[[], _T]) -> _T:
        """``work`` in one transaction; a failure of ratchet's own statements or of the COMMIT is
        reported with the file, the version and the state left behind."""
        self._current, self._stage = files[0], "at BEGIN, before its statements"
        try:
            self._begin()
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

    def _begin(self) -> None:
        """``BEGIN``; with foreign keys off, first note the rows that already dangle (an application
        that never turned foreign keys on may have some): the file is not blamed for them."""
        self.backend.begin()
        self._dangling_before = frozenset(self.backend.rebuild_violations()) if self._foreign_keys_off else frozenset()

    @contextmanager
    def _rebuild_procedure(self, files: list[PreparedFile]) -> Iterator[None]:
        """The backend's procedure for a table rebuild around the transaction, if a file needs it."""
        needing = [p for p in files if self._rebuilds(p)]
        if not needing:
            yield
            return
        self._foreign_keys_off = needing
        try:
            with self.backend.rebuild_procedure():
                yield
        finally:
            self._foreign_keys_off = []

    def _rebuilds(self, prepared: PreparedFile) -> bool:
        """The file runs inside the backend's rebuild procedure; only asked of a backend that has one."""
        backend = self.backend
        return backend.has_rebuild_procedure and prepared.runs_with_foreign_keys_off(backend.dialect)

    def _check_rebuild(self, prepared: PreparedFile) -> None:
        """Before COMMIT: a file run with foreign keys off that left them dangling rolls back. Every
        file sharing the transaction of one that needs them off runs with them off too (a single
        transaction, a rehearsal: SQLite cannot turn them back on inside it), so each is checked."""
        if not self._foreign_keys_off:
            return
        rows = [row for row in self.backend.rebuild_violations() if row not in self._dangling_before]
        if rows:
            shown = "; ".join(rows[:5])
            more = f" (and {len(rows) - 5} more)" if len(rows) > 5 else ""
            own = any(p is prepared for p in self._foreign_keys_off)
            why = (
                "a table rebuild, or the file's PRAGMA foreign_keys = OFF"
                if own
                else f"as for {self._foreign_keys_off[0].file.path}, which shares its transaction"
            )
            raise DatabaseError(
                f"{prepared.file.path}: with foreign keys off ({why}), {len(rows)} row(s) violate foreign keys: "
                f"{shown}{more}; the file was rolled back",
                hint=(
                    "foreign keys are off during such a file, so ON DELETE CASCADE and SET NULL do not run: delete "
                    "or update the child rows in the file itself; and keep every referenced row (no WHERE in the "
                    "copy); a rebuild that renames the table first needs PRAGMA legacy_alter_table = ON, or the "
                    "children's keys follow the rename; then run again"
                    if own
                    else "SQLite cannot turn foreign keys back on inside a transaction: run without "
                    "--single-transaction, so that this file runs in its own transaction with them on"
                ),
            )

    def _claim(self, prepared: PreparedFile) -> FileResult | None:
        """Inside the lock: is the file still to do? ``None`` if so, else why not. Keeps the
        ``db_version`` it read (``self._db_version_read``) for this file's bookkeeping."""
        file = prepared.file
        if self._statuses is not None:
            status, current = self._statuses.get(str(file.version)), self._db_version_read
        else:
            status, current = self.tables.claim_state(file.version)
        if status in DONE_STATUSES:
            return FileResult(file.version, file.description, Outcome.ALREADY_APPLIED, 0, 0, "by another runner")
        if status in UNFINISHED_STATUSES:
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

    def _skip_reason(self, unit: PreparedFile | PreparedRepeatable) -> str | None:
        guards = unit.guards
        if not guards.applies_to(self.backend.dialect):
            return f"dialect {self.backend.dialect} not in {' '.join(sorted(guards.dialects or ()))}"
        for query in guards.skip_ifs:
            if is_true(self._guard_value(unit, query)):
                return f"skip-if {query.sql}"
        return None

    def _check_requires(self, unit: PreparedFile | PreparedRepeatable) -> None:
        for query in unit.guards.requires:
            if not is_true(self._guard_value(unit, query)):
                message = f"{unit.file.path}:{query.line}: guard failed: {query.sql}"
                raise GuardFailedError(message, hint=_REQUIRE_HINTS[unit.kind])

    def _guard_value(self, unit: PreparedFile | PreparedRepeatable, query: GuardQuery) -> object:
        try:
            rows = self.backend.guard_query(query.sql)
        except DriverError as exc:
            raise DatabaseError(
                f"{unit.file.path}:{query.line}: guard query failed: {exc.db_message}\n  SQL: {query.sql}",
                hint="fix the guard's query",
            ) from None
        return rows[0][0] if rows and rows[0] else None

    def _record(self, prepared: PreparedFile, status: str, duration_ms: int, statements_done: int) -> None:
        """A finished file: ``db_version`` raised and its history row, in the caller's transaction
        that claimed it (no row yet; ``db_version`` as the claim read it)."""
        self._write_row(prepared, status, duration_ms, statements_done, raise_version=True)
        self._raised(prepared.file.version)

    def _raised(self, version: Version) -> None:
        """This run raised ``db_version`` to ``version`` (if newer): the next file's claim sees it."""
        read = self._db_version_read
        if read is None or version > read:
            self._db_version_read = version

    def _write_row(
        self,
        unit: PreparedFile | PreparedRepeatable,
        status: str,
        duration_ms: int = 0,
        statements_done: int = 0,
        *,
        raise_version: bool = False,
        begin: bool = False,
    ) -> None:
        """Insert the file's history row: a versioned file's only after :meth:`_claim` found none;
        a repeatable file's replaces its last application's (``begin``: open the transaction too)."""
        versioned = unit.kind == VERSIONED
        self.tables.insert_row(
            version=unit.key,
            description=unit.file.description,
            checksum=unit.file.checksum,
            status=status,
            waivers=[w.as_dict() for w in unit.guards.waivers],
            duration_ms=duration_ms,
            statements_done=statements_done,
            lint_bypassed=self.options.lint_bypassed,
            kind=unit.kind,
            replace=not versioned,
            raise_version=raise_version,
            current=self._db_version_read if versioned else None,
            begin=begin,
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
            self._record(prepared, RowStatus.SKIPPED, 0, 0)
            return FileResult(file.version, file.description, Outcome.SKIPPED, 0, 0, reason)
        self._check_requires(prepared)
        self.events.file_started(prepared)
        self.backend.remember_session()
        self.backend.set_lock_timeout(prepared.guards.lock_timeout_ms)
        from ratchet.split import sql_batches  # loaded already: the file was split

        run, run_plain, done = self.backend.run_statement, self.backend.run_plain_inserts, self.events.statement_done
        for first, sqls, plain in sql_batches(prepared.statements):  # a data file's lines: no statement objects
            failure: DriverError | None = None
            if plain:
                ran, failure = run_plain(sqls)
            else:
                ran = 1
                try:
                    run(sqls[0])
                except DriverError as exc:
                    ran, failure = 0, exc
            for number in range(first, first + ran):
                done(prepared, number)
            if failure is not None:
                statement = prepared.statements[first + ran - 1]
                raise _statement_failed(prepared, statement, failure, rolled_back=True, hint=None) from None
        self._stage = f"after its {len(prepared.statements)} statement(s), while recording it (db_version, history)"
        self._give_session_back()
        self._check_rebuild(prepared)
        duration = _ms_since(started)
        self._record(prepared, RowStatus.APPLIED, duration, len(prepared.statements))
        return FileResult(file.version, file.description, Outcome.APPLIED, duration, len(prepared.statements))

    def _execute(self, prepared: PreparedFile, statement: Statement, *, rolled_back: bool) -> None:
        hint = None if rolled_back else _repair_hint(prepared.file.version)
        self._run_statement(prepared, statement, rolled_back=rolled_back, hint=hint)
        self.events.statement_done(prepared, statement.number)

    def _run_statement(
        self, unit: PreparedFile | PreparedRepeatable, statement: Statement, *, rolled_back: bool, hint: str | None
    ) -> None:
        """One statement of a file; its failure names the file, the statement and what is left."""
        try:
            self.backend.run_statement(statement.sql)
        except DriverError as exc:
            raise _statement_failed(unit, statement, exc, rolled_back=rolled_back, hint=hint) from None

    def apply_repeatable(self, prepared: PreparedRepeatable, *, rolled_back: bool) -> RepeatableResult:
        """Apply one repeatable file in the caller's transaction (or, on MySQL, statement by statement)."""
        started = time.perf_counter()
        done = self.tables.row_checksum_status(prepared.key)
        if done is not None and done[0] == prepared.file.checksum and done[1] in DONE_STATUSES:
            return RepeatableResult(prepared.file.description, Outcome.ALREADY_APPLIED, 0, 0, "by another runner")
        reason = self._skip_reason(prepared)
        if reason is not None:
            self._write_row(prepared, RowStatus.SKIPPED)
            return RepeatableResult(prepared.file.description, Outcome.SKIPPED, 0, 0, reason)
        self._check_requires(prepared)
        self.backend.set_lock_timeout(prepared.guards.lock_timeout_ms)
        hint = (
            f"{prepared.name} is tried again on the next migrate"
            if rolled_back
            else f"its earlier statements stay applied ({self.backend.dialect} cannot roll back DDL); "
            f"{prepared.name} is run again, whole, on the next migrate"
        )
        for statement in prepared.statements:
            self._run_statement(prepared, statement, rolled_back=rolled_back, hint=hint)
        self.backend.set_lock_timeout(None)
        duration = _ms_since(started)
        self._write_row(prepared, RowStatus.APPLIED, duration, len(prepared.statements))
        return RepeatableResult(prepared.file.description, Outcome.APPLIED, duration, len(prepared.statements))

    def _apply_stepwise(self, prepared: PreparedFile) -> FileResult:
        """A file that cannot roll back: commit a ``running`` row, then one statement at a time."""
        started = time.perf_counter()
        file = prepared.file
        if self._claimed_ahead == file.version:  # its running row was committed with the last file's end
            self._claimed_ahead = None
            return self.resume(prepared, start_after=0, started=started, claimed=True)
        # claimed without a query and no guard query to run first: BEGIN is sent with the running
        # row (one round trip where the backend pairs them; if BEGIN failed, the row alone is
        # committed: 'running' with no statement run, what a crash right after the commit leaves)
        paired = self._statuses is not None and _no_guard_query(prepared, self.backend.dialect)
        if not paired:
            self.backend.begin()
        try:
            claimed = self._claim(prepared)
            reason = None if claimed else self._skip_reason(prepared)
            if claimed is None and reason is not None:
                self._record(prepared, RowStatus.SKIPPED, 0, 0)
            elif claimed is None:
                self._check_requires(prepared)
                self._write_row(prepared, RowStatus.RUNNING, begin=paired)
            # MySQL commits implicitly before a schema change: a file starting with one has its
            # running row committed by that statement as it starts (a failure to parse it leaves
            # the row to the START TRANSACTION recording the failure, which commits implicitly
            # too): one commit, and its fsync, fewer per file, with the same states after a crash
            fused = claimed is None and reason is None and self._commits_before_itself(prepared)
            begun = not paired or claimed is None
            if begun and not fused:
                self.backend.commit()
        except BaseException:
            self.backend.rollback()
            raise
        if claimed is not None:
            self.events.file_finished(claimed)
            return claimed
        if reason is not None:
            result = FileResult(file.version, file.description, Outcome.SKIPPED, 0, 0, reason)
            self.events.file_finished(result)
            return result
        return self.resume(prepared, start_after=0, started=started, claimed=True, row_uncommitted=fused)

    def _commits_before_itself(self, prepared: PreparedFile) -> bool:
        """The file's first statement commits what is open before it runs: a schema change on a
        database whose DDL commits implicitly (MySQL), not a temporary table's."""
        statements = prepared.statements
        if self.backend.transactional_ddl or not prepared.transactional or not statements:
            return False
        return _is_ddl(statements[0]) and "TEMPORARY" not in statements[0].first_words(4)

    def resume(
        self,
        prepared: PreparedFile,
        *,
        start_after: int,
        started: float | None = None,
        claimed: bool = False,
        row_uncommitted: bool = False,
    ) -> FileResult:
        """Run statements ``start_after + 1 ...`` of a file whose ``running`` row exists
        (``claimed``: by this run's :meth:`_claim`, which read ``db_version`` under the lock;
        ``row_uncommitted``: the row is left for the first statement's implicit commit)."""
        started = time.perf_counter() if started is None else started
        file = prepared.file
        self._claimed = claimed
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
        ddl = [_is_ddl(step[0]) for step in steps]  # each statement's first word is looked up once
        finished, duration = False, 0
        counted: Statement | None = None  # a DDL statement whose count goes with the next step's start
        for number, step in enumerate(steps, start=1):
            try:
                if not atomic_step:
                    self._execute(prepared, step[0], rolled_back=False)
                elif ddl[number - 1]:
                    # MySQL commits a DDL statement on its own: its count is committed right after
                    # it, so a failure of a later statement (even on a lost connection, when no
                    # failure can be recorded) leaves statements_done exact. Both are sent in
                    # autocommit mode: the DDL commits before and after itself anyway, and the count
                    # is one statement, so BEGIN/COMMIT around either would only add round trips.
                    self._execute(prepared, step[0], rolled_back=False)
                    try:
                        if number == len(steps):  # the file's end, recorded with its count in one commit
                            one = self._claimed and self.tables.finish_is_one_statement(
                                file.version, self._db_version_read
                            )
                            with contextlib.nullcontext() if one else self.backend.transaction():
                                self._last_duration = self._finish_in_own_session(prepared, started)
                            finished = True
                        elif not ddl[number]:
                            counted = step[0]  # its count is sent with the next step's BEGIN and first statement
                        else:
                            self.tables.update_row(file.version, statements_done=step[0].number)
                    except DriverError as exc:  # the DDL has committed itself: it ran
                        self.backend.rollback()
                        raise failures.progress_not_recorded(prepared, step[0], exc, committed_alone=True) from None
                else:
                    finished = self._run_group(prepared, step, started, last=number == len(steps), counted=counted)
                    counted = None
            except StatementFailedError as failure:
                self._note_invalid_indexes(failure, known_invalid)
                done = failure.statement_number - 1  # every statement before it: committed, or a DDL
                try:
                    with self.backend.transaction():
                        self.backend.own_session_in_transaction()
                        self.tables.update_row(
                            file.version, status=RowStatus.FAILED, error=failure.db_message, statements_done=done
                        )
                except DriverError as exc:
                    # a first DDL refused before its implicit commit took the uncommitted row with it
                    row_lost = row_uncommitted and failure.statement_number == 1
                    failures.failure_not_recorded(failure, prepared, done, exc, row_maybe_lost=row_lost)
                raise
            except DriverError as exc:  # the step's COMMIT (MySQL: statements and counter together)
                raise failures.progress_not_recorded(
                    prepared, step[-1], exc, committed_alone=False, group_start=step[0]
                ) from None
            if not atomic_step:
                try:
                    with self.backend.transaction():
                        self.backend.own_session_in_transaction()  # the file's SET ROLE is for its statements
                        self.tables.update_row(file.version, statements_done=step[-1].number)
                except DriverError as exc:
                    raise failures.progress_not_recorded(prepared, step[-1], exc, committed_alone=True) from None
        try:
            if finished:  # the session was given back before the end was written
                duration = self._last_duration
            else:
                self._give_session_back()
                with self.backend.transaction():
                    duration = self._finish_stepwise(prepared, started)
        except DriverError as exc:
            raise failures.finish_not_recorded(prepared, exc) from None
        result = FileResult(file.version, file.description, Outcome.APPLIED, duration, len(prepared.statements))
        self.events.file_finished(result)
        return result

    def _run_group(
        self, prepared: PreparedFile, step: list[Statement], started: float, *, last: bool, counted: Statement | None
    ) -> bool:
        """Run a step (consecutive data statements, or one other statement) and its count in one
        commit, with the file's own end when it is the ``last`` step of data; return whether the
        file was finished. If a statement of a group fails, the group is rolled back and run again
        one commit per statement, so that every statement before the failing one is committed
        and counted, as without grouping (``counted``: the DDL statement just before, whose count
        commits on its own, sent with the BEGIN and the first statement: :meth:`_open_group`)."""
        version = prepared.file.version
        ends_file = last and _is_data(step[0])  # the file's end goes in this commit
        try:
            with self.backend.transaction(begun=counted is not None):
                rest = step
                if counted is not None:
                    self._open_group(prepared, counted, step[0])
                    rest = step[1:]
                for statement in rest:
                    self._execute(prepared, statement, rolled_back=False)
                if ends_file:
                    # with the next file's running row: one commit (and fsync) fewer for it
                    ahead = self._claimable_ahead()
                    self._last_duration = self._finish_in_own_session(prepared, started, ahead)  # counts every one
                else:
                    self.tables.update_row(version, statements_done=step[-1].number)
            if ends_file:
                self._claimed_ahead = ahead.file.version if ahead is not None else None
                return True
            return False
        except StatementFailedError:
            if len(step) == 1:
                raise
        for statement in step:
            with self.backend.transaction():
                self._execute(prepared, statement, rolled_back=False)
                self.tables.update_row(version, statements_done=statement.number)
        return False

    def _open_group(self, prepared: PreparedFile, counted: Statement, first: Statement) -> None:
        """The count of the DDL statement ``counted`` (which committed itself), in autocommit; BEGIN;
        the group's ``first`` statement: sent at once where the backend can (one round trip instead
        of two), each whatever the outcome of those before it. A failed count or BEGIN is raised
        as progress not recorded once every answer is in; the caller's rollback then undoes the
        statement, unless BEGIN failed: it then ran on its own, committed and uncounted, which the
        error says (a failed count too, on a session that keeps working, is not told apart)."""
        count = self.tables.update_row_sql(prepared.file.version, statements_done=counted.number)
        try:
            count_failed, begin_failed, failed = self.backend.run_statement_after(
                [count, (self.backend.begin_sql, ())], first.sql
            )
        except DriverError as exc:  # lost while sending: nothing of the three ran
            raise failures.progress_not_recorded(prepared, counted, exc, committed_alone=True) from None
        if count_failed is not None:
            raise failures.progress_not_recorded(prepared, counted, count_failed, committed_alone=True)
        if begin_failed is not None and failed is None:
            raise failures.progress_not_recorded(prepared, first, begin_failed, committed_alone=True)
        if begin_failed is not None:
            raise failures.transaction_not_opened(prepared, counted.number, begin_failed)
        if failed is not None:
            hint = _repair_hint(prepared.file.version)
            raise _statement_failed(prepared, first, failed, rolled_back=False, hint=hint)
        self.events.statement_done(prepared, first.number)

    def _claimable_ahead(self) -> PreparedFile | None:
        """The next file, if its running row can be written now, in this file's last transaction:
        it runs statement by statement, is claimed without a query (as :meth:`_claim` would: no
        row, not older than ``db_version``) and has no guard query to ask first. A crash after
        this commit leaves its row 'running' with no statement run, as one after its own would."""
        ahead = self._next
        if ahead is None or self._statuses is None or self._transactional(ahead):
            return None
        if not _no_guard_query(ahead, self.backend.dialect) or str(ahead.file.version) in self._statuses:
            return None
        current = self._db_version_read
        if current is not None and current >= ahead.file.version and not self.options.out_of_order:
            return None
        return ahead

    def _give_session_back(self) -> None:
        """Undo what the file did to the session (settings, lock timeout) before ratchet writes to
        its history, and for whoever uses the connection next."""
        self.backend.restore_session()
        self.backend.set_lock_timeout(None)

    def _finish_in_own_session(self, prepared: PreparedFile, started: float, ahead: PreparedFile | None = None) -> int:
        """The file's end, written in ratchet's session, not the file's (:meth:`_finish_stepwise`
        after :meth:`_give_session_back`). Where the backend can, the end's one statement itself
        checks that the file left the session as ratchet opened it (one query fewer per file), and
        only a file that changed it has it restored and the end written again. ``ahead``: the next
        file, whose running row is written too, in the same way, sent with the end (one round trip
        where the backend pairs statements; if the end fails, the caller's transaction is rolled
        back, and should the server have ended that transaction itself, a deadlock, the row is
        committed alone: 'running' with no statement run, what a crash after its own commit leaves)."""
        self.backend.set_lock_timeout(None)
        written, ahead_written = 0, 0
        if self._claimed:
            duration = _ms_since(started)
            version = prepared.file.version
            end = self.tables.finish_if_session_unchanged_sql(
                version, self._db_version_read, _applied_fields(prepared, duration)
            )
            row = None if ahead is None or end is None else self._running_row_sql(ahead)
            if end is not None and row is not None:
                written, ahead_written = self.backend.execute_pair(end, row)
            elif end is not None:
                written = self.backend.execute(*end)
            if written > 0:
                self._raised(version)
        if written <= 0:
            self.backend.restore_session()
            duration = self._finish_stepwise(prepared, started)
        if ahead is not None and ahead_written <= 0:
            self._write_row(ahead, RowStatus.RUNNING)
        return duration

    def _running_row_sql(self, ahead: PreparedFile) -> tuple[str, tuple[Any, ...]] | None:
        """The next file's running row, written only while the session is ratchet's."""
        return self.tables.running_row_if_session_unchanged_sql(
            version=ahead.file.version,
            description=ahead.file.description,
            checksum=ahead.file.checksum,
            waivers=[w.as_dict() for w in ahead.guards.waivers],
            lint_bypassed=self.options.lint_bypassed,
        )

    def _finish_stepwise(self, prepared: PreparedFile, started: float) -> int:
        """Mark a statement-by-statement file applied and raise ``db_version``, in the open
        transaction; return the duration recorded."""
        duration = _ms_since(started)
        version = prepared.file.version
        done = len(prepared.statements)
        if self._claimed:
            self.tables.finish_row(version, self._db_version_read, **_applied_fields(prepared, duration))
            self._raised(version)
        else:
            self.bump_version(version)
            self.tables.update_row(
                version, status=RowStatus.APPLIED, duration_ms=duration, error=None, statements_done=done
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


#: Files with fewer statements are sent as one pipeline where the backend can (the CLI shows no
#: progress bar for them: their statements are answered all at once).
_PIPELINE_MAX_STATEMENTS = 20
#: Statements that neither commit implicitly on MySQL nor change the schema: they can share a commit.
_DATA_WORDS = frozenset({"INSERT", "UPDATE", "DELETE", "REPLACE", "SELECT"})
#: Schema changes, which MySQL commits on their own (and commits what was open before them).
_DDL_WORDS = frozenset({"CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE"})


def _no_guard_query(prepared: PreparedFile, dialect: str) -> bool:
    """The file runs here with no ``skip-if`` or ``require`` query to ask first."""
    guards = prepared.guards
    return not guards.skip_ifs and not guards.requires and guards.applies_to(dialect)


def _is_ddl(statement: Statement) -> bool:
    return _first_word(statement) in _DDL_WORDS


def _is_data(statement: Statement) -> bool:
    return _first_word(statement) in _DATA_WORDS


def _first_word(statement: Statement) -> str | None:
    """The statement's first word; for one that opens with a MySQL executable comment
    (``/*!40000 ALTER TABLE t DISABLE KEYS */``), the first word of the SQL in it, which the server
    runs (taken as run even when the server's version is below the comment's)."""
    from ratchet.statement import EXECUTABLE_OPENERS, opened_executable_comments  # loaded: statements exist

    if statement.sql.startswith(EXECUTABLE_OPENERS):
        statement = opened_executable_comments(statement)
    words = statement.first_words(1)
    return words[0] if words else None


def _copies(statement: Statement) -> bool:
    """A ``COPY`` statement. Its SQL starts at its first token (only MySQL keeps a comment before
    it), so only SQL that starts with the four letters is lexed for its first word."""
    return statement.sql[:4].upper() == "COPY" and statement.first_words(1) == ["COPY"]


def _steps(statements: Sequence[Statement], *, group_data: bool) -> list[list[Statement]]:
    """One step per statement, except runs of consecutive data statements when ``group_data``."""
    steps: list[list[Statement]] = []
    after_data = False  # the statement before was data: it opened or joined the last step
    for statement in statements:
        data = group_data and _is_data(statement)
        if data and after_data:
            steps[-1].append(statement)
        else:
            steps.append([statement])
        after_data = data
    return steps


def _statement_failed(
    unit: PreparedFile | PreparedRepeatable,
    statement: Statement,
    exc: DriverError,
    *,
    rolled_back: bool,
    hint: str | None,
) -> StatementFailedError:
    """The error for a statement of the file that the database refused."""
    return StatementFailedError(
        path=unit.file.path,
        version=unit.name,
        statement_number=statement.number,
        line=statement.line,
        sql=statement.sql,
        db_message=exc.db_message,
        rolled_back=rolled_back,
        hint=hint,
    )


def _applied_fields(prepared: PreparedFile, duration_ms: int) -> dict[str, Any]:
    """The history columns of a statement-by-statement file that ran to its end."""
    return {
        "status": RowStatus.APPLIED,
        "duration_ms": duration_ms,
        "error": None,
        "statements_done": len(prepared.statements),
    }


def _repair_hint(version: Version) -> str:
    return (
        f"statements before the failing one are committed. Fix the cause, then run "
        f"`ratchet repair {version} --retry`, or finish by hand and run "
        f"`ratchet repair {version} --mark-applied`"
    )


def _ms_since(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)
