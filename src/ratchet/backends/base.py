"""The narrow interface every database driver implements (modelled on dbmate's drivers).

A backend runs one statement at a time, brackets transactions, holds the migration lock,
knows its dialect's DDL for ratchet's two tables, and turns driver exceptions into
:class:`ratchet.errors.DriverError`. Everything else (history, planning, running) is
written once against this interface.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any, ClassVar, TypeVar

from ratchet.errors import DriverError

T = TypeVar("T")

Row = tuple[Any, ...]

#: ``schema_history``'s columns, in order, with their portable definitions: the one list that
#: the table's DDL, ratchet's INSERT and SELECT, and the row readers derive from. A backend
#: spells a definition its own way in :attr:`Backend.history_types`.
HISTORY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("version", "TEXT PRIMARY KEY"),
    ("description", "TEXT NOT NULL"),
    ("checksum", "TEXT NOT NULL"),
    ("status", "TEXT NOT NULL"),
    ("waivers", "TEXT NOT NULL DEFAULT '[]'"),
    ("applied_at", "TEXT NOT NULL"),
    ("duration_ms", "BIGINT NOT NULL DEFAULT 0"),
    ("applied_by", "TEXT NOT NULL"),
    ("statements_done", "INTEGER NOT NULL DEFAULT 0"),
    ("error", "TEXT"),
    ("lint_bypassed", "INTEGER NOT NULL DEFAULT 0"),
)
#: Columns added after the table's first release, which ratchet adds to an existing table
#: (``ALTER TABLE ... ADD COLUMN``): ``kind`` (repeatable files) and the schema snapshot.
HISTORY_ADDED_COLUMNS: tuple[tuple[str, str], ...] = (
    ("kind", "TEXT NOT NULL DEFAULT 'versioned'"),
    ("schema_fingerprint", "TEXT"),
    ("schema_snapshot", "TEXT"),
)


@dataclass(frozen=True)
class Server:
    """The engine behind the connection as :mod:`ratchet.engines` identified it: its name, the
    version it reported, and a one-line warning where ratchet's guarantees are unverified."""

    engine: str
    version: str
    warning: str | None = None


@dataclass(frozen=True)
class Address:
    """A database URL's parts as a backend's :meth:`Backend.from_url` takes them (backends
    never see ``ratchet.urls``); ``display_url`` has its secrets masked."""

    display_url: str
    #: The database file (SQLite).
    path: str = ""
    host: str = ""
    port: int | None = None
    user: str | None = None
    password: str | None = None
    database: str = ""
    #: The URL's query parameters (``?sslmode=require``), for the driver.
    query: dict[str, str] = field(default_factory=dict)


class Backend(ABC):
    """One open database session used by ratchet."""

    dialect: ClassVar[str]
    #: DDL can be rolled back (SQLite, PostgreSQL); False means every file runs statement by
    #: statement with a ``running`` history row (MySQL).
    transactional_ddl: ClassVar[bool]
    #: The per-file transaction is itself the migration lock (SQLite ``BEGIN IMMEDIATE``), so a
    #: session lock is only needed for files that run outside a transaction.
    transaction_is_lock: ClassVar[bool] = False
    placeholder: ClassVar[str] = "%s"
    #: ``WITH x AS (UPDATE/INSERT ...) INSERT ...`` runs both writes in one statement (PostgreSQL):
    #: the bookkeeping of a file in one round trip.
    writable_cte: ClassVar[bool] = False
    #: ``UPDATE a, b SET ...`` writes two tables in one statement (MySQL).
    multi_table_update: ClassVar[bool] = False

    #: History column definitions this dialect spells differently from :data:`HISTORY_COLUMNS`.
    history_types: ClassVar[dict[str, str]] = {}

    def __init__(self, display_url: str) -> None:
        self.display_url = display_url
        self._lock_depth = 0
        #: Set once the engine is identified, before anything is read or written.
        self.server: Server | None = None

    @classmethod
    @abstractmethod
    def from_url(cls, address: Address, *, busy_timeout_s: float) -> Backend:
        """A backend for the database at ``address`` that connects on first use; refuses
        (:class:`UsageError`) what the driver would not accept, before connecting."""

    @classmethod
    @abstractmethod
    def from_connection(cls, connection: Any, *, busy_timeout_s: float) -> Backend:
        """Wrap an application's open DB-API connection; it is left open and restored afterwards."""

    def exists(self) -> bool:
        """Whether the database already exists (reading a missing SQLite file must not create it)."""
        return True

    @abstractmethod
    def server_facts(self) -> dict[str, str]:
        """The version strings the server reports (``version`` at least, plus whatever tells its
        forks apart), read without prepared statements and before anything else is sent."""

    def open_session(self) -> None:
        """Make the session ready once the engine is accepted (PostgreSQL: refuse a transaction
        pooler, then the session settings); nothing by default."""
        return None

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; return the affected row count (``-1`` when unknown)."""

    @abstractmethod
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run one query and return all its rows."""

    def execute_pair(self, first: tuple[str, Sequence[Any]], second: tuple[str, Sequence[Any]]) -> tuple[int, int]:
        """Run two of ratchet's own statements (SQL, parameters), one after the other, and return
        their affected row counts; where the backend sends both at once and then reads both answers
        (MySQL: one round trip), the second runs even when the first fails, so pair only a second
        that is harmless then. The first failure is raised."""
        return self.execute(*first), self.execute(*second)

    def run_statement(self, sql: str) -> None:
        """Run one statement of a migration file, sent so that the server cannot run a second
        statement hidden in it (``sqlite3`` and PyMySQL without multi-statements refuse one)."""
        self.execute(sql)

    def run_statement_after(self, own: Sequence[tuple[str, Sequence[Any]]], sql: str) -> list[DriverError | None]:
        """Run ratchet's own statements ``own`` (SQL, parameters), then one statement of a migration
        file (as :meth:`run_statement`), each whatever the outcome of those before it, and return
        each one's failure (``None``: it ran), the file's statement last. Where the backend sends
        them all at once and then reads every answer (MySQL), they cost one round trip. A lost
        connection is the failure of the statement it happened in and of every one after it."""
        calls: list[Callable[[], object]] = [partial(self.execute, *statement) for statement in own]
        calls.append(partial(self.run_statement, sql))
        return [outcome if isinstance(outcome, DriverError) else None for outcome in self.in_turn(calls)]

    @staticmethod
    def in_turn(calls: Sequence[Callable[[], T]]) -> list[T | DriverError]:
        """Make every call in turn, whatever the outcome of those before it, and return each one's
        result or failure; after a lost connection, its failure stands for every later call."""
        outcomes: list[T | DriverError] = []
        for call in calls:
            last = outcomes[-1] if outcomes else None
            if isinstance(last, DriverError) and last.connection_lost:
                outcomes.append(last)
                continue
            try:
                outcomes.append(call())
            except DriverError as exc:
                outcomes.append(exc)
        return outcomes

    def run_plain_inserts(self, sqls: Sequence[str]) -> tuple[int, DriverError | None]:
        """Run one-row INSERT statements of a migration file (a run of its plain INSERT lines: no
        setting among them) in order, until one fails: how many ran, and the failure if one did."""
        for ran, sql in enumerate(sqls):
            try:
                self.run_statement(sql)
            except DriverError as exc:
                return ran, exc
        return len(sqls), None

    def guard_query(self, sql: str) -> list[Row]:
        """Run a ``require``/``skip-if`` query where it cannot change anything (the header
        check already allows only one read-only statement); the caller's transaction is open."""
        return self.query(sql)

    @abstractmethod
    def remember_session(self) -> None:
        """Note the session state every file starts from (once; later calls do nothing)."""

    @abstractmethod
    def restore_session(self) -> None:
        """Undo what a file changed in the session (``SET search_path`` ...), before ratchet
        records it and before the next file starts."""

    def own_session_in_transaction(self) -> None:
        """Inside an open transaction, run the rest of it in the session :meth:`remember_session`
        found, leaving the file's own settings to come back at its end: for ratchet's progress writes
        between the statements of a file that runs outside a transaction (a ``SET ROLE`` or
        ``SET search_path`` of the file stays in force for its next statement). Nothing where no
        setting a file can change decides what ratchet's writes do (the default)."""
        return None

    def session_unchanged(self) -> tuple[str, tuple[Any, ...]] | None:
        """A SQL condition, with its parameters, true only while the session is as
        :meth:`remember_session` found it, for ratchet's write of a file's end to carry instead of
        a :meth:`restore_session` query of its own before it (the write, made in whatever session
        the file left, then changes nothing unless the file left the session as it found it).
        ``None`` where the restore costs no round trip of its own (the default)."""
        return None

    def restore_session_unanswered(self) -> None:
        """:meth:`restore_session` inside a :meth:`pipeline` without waiting for its answer, so
        that what follows it goes in the same round trip; once the pipeline has succeeded,
        :meth:`finish_restore` does what needs that answer. Elsewhere: :meth:`restore_session`."""
        self.restore_session()

    def finish_restore(self) -> None:
        """After a successful :meth:`pipeline` that held :meth:`restore_session_unanswered`: the
        rest of the restore, which needed its answer (nothing by default)."""
        return

    #: A SQL expression for the milliseconds since the open transaction began, for a history row
    #: sent before its statements have answered; ``None`` where the server has none.
    elapsed_ms_sql: ClassVar[str | None] = None

    #: What a ``SELECT`` of values alone needs before its ``WHERE`` (MySQL: ``FROM DUAL``).
    no_table: ClassVar[str] = ""

    #: The statement that opens a transaction (SQLite takes the write lock with ``BEGIN IMMEDIATE``).
    begin_sql: ClassVar[str] = "BEGIN"

    def begin(self) -> None:
        """Open a transaction (:attr:`begin_sql`)."""
        self.execute(self.begin_sql)

    def commit(self) -> None:
        """Commit the open transaction."""
        self.execute("COMMIT")

    @abstractmethod
    def rollback(self) -> None:
        """Roll back the open transaction, if any; never raises for a dead transaction."""

    def can_pipeline(self) -> bool:
        """Whether :meth:`pipeline` sends statements without waiting for each answer (PostgreSQL)."""
        return False

    def pipeline_keeps_text(self, sqls: Sequence[str]) -> bool:
        """Whether these statements, sent in one :meth:`pipeline` (each encoded before the answers
        to those before it are read), reach the database as written."""
        return True

    @contextmanager
    def pipeline(self) -> Iterator[None]:
        """Statements run inside are sent without waiting for each answer, where the backend can
        (:meth:`can_pipeline`); a query that returns rows waits for every answer before it. The
        first failure is raised as :class:`DriverError` when it arrives, or at the end; after a
        failure the rest is not run. Elsewhere: nothing changes."""
        yield

    def statements_answered(self) -> int | None:
        """After a failed :meth:`pipeline`: how many of the statements :meth:`run_statement` sent in
        it had succeeded (so the next one failed); ``None`` where it cannot tell, or where every
        statement ran and only the pipeline's own end failed in a way that running the file again
        outside a pipeline avoids (all of it was rolled back)."""
        return None

    def failed_before_last(self) -> bool:
        """After a failed :meth:`pipeline`: whether the server answered a command before the last
        one sent with the failure, so that it skipped the last one (``False`` where it cannot tell)."""
        return False

    def transaction_open(self) -> bool:
        """Whether a transaction is open on the session, also a failed one (after a failed
        ``COMMIT`` none is)."""
        return False

    def acquire_lock(self, timeout_s: float) -> None:
        """Take the session-wide migration lock or raise :class:`LockTimeoutError`; re-entrant
        (a nested acquire only counts, so the inner release keeps the lock)."""
        if self._lock_depth:
            self._lock_depth += 1
            return
        self._lock(timeout_s)
        self._lock_depth = 1

    def release_lock(self) -> None:
        """Release the migration lock once the outermost holder lets go (a dead session's lock
        is released by the server or the kernel)."""
        if not self._lock_depth:
            return
        self._lock_depth -= 1
        if self._lock_depth == 0:
            self._unlock()

    def release_lock_fully(self) -> None:
        """Release the lock whatever the nesting depth (on close)."""
        if self._lock_depth:
            self._lock_depth = 1
            self.release_lock()

    @abstractmethod
    def _lock(self, timeout_s: float) -> None:
        """Take the lock (not held by this backend yet) or raise :class:`LockTimeoutError`."""

    @abstractmethod
    def _unlock(self) -> None:
        """Give the lock back; never raises."""

    #: The SQL naming the current schema (PostgreSQL) or database (MySQL) in ``information_schema``.
    current_schema_sql: ClassVar[str] = "current_schema()"

    def locate_tables(self, names: Sequence[str]) -> None:
        """Find where ratchet's tables ``names`` are (or are to be made) before any statement names
        them (PostgreSQL: the schema of the session's search path that holds them); nothing by
        default: they are in the current database."""
        return None

    def tables_schema(self) -> tuple[str, tuple[Any, ...]]:
        """The SQL value, with its parameters, of ``information_schema``'s schema column where
        ratchet's tables are (:attr:`current_schema_sql` unless :meth:`locate_tables` found them)."""
        return self.current_schema_sql, ()

    def table_exists(self, name: str) -> bool:
        """Whether a table of this name exists where ratchet's tables are (``information_schema``)."""
        schema, params = self.tables_schema()
        rows = self.query(
            "SELECT 1 FROM information_schema.tables "
            f"WHERE table_schema = {schema} AND table_name = {self.placeholder}",
            (*params, name),
        )
        return bool(rows)

    def column_names(self, table: str) -> list[str]:
        """The column names of a table where ratchet's tables are, in order (empty if it does not exist)."""
        schema, params = self.tables_schema()
        rows = self.query(
            "SELECT column_name FROM information_schema.columns "
            f"WHERE table_schema = {schema} AND table_name = {self.placeholder} "
            "ORDER BY ordinal_position",
            (*params, table),
        )
        return [str(row[0]) for row in rows]

    def history_column_type(self, column: str) -> str:
        """The SQL definition of one history column (:data:`HISTORY_COLUMNS`,
        :data:`HISTORY_ADDED_COLUMNS`) on this dialect."""
        if column in self.history_types:
            return self.history_types[column]
        return dict(HISTORY_COLUMNS + HISTORY_ADDED_COLUMNS)[column]

    def history_added_columns(self) -> dict[str, str]:
        """:data:`HISTORY_ADDED_COLUMNS` (name -> SQL definition), which ratchet adds to an
        existing table that an older release created."""
        return {name: self.history_column_type(name) for name, _ in HISTORY_ADDED_COLUMNS}

    def add_column_sql(self, table: str, column: str, definition: str) -> str:
        """``ALTER TABLE ... ADD COLUMN`` for one of :meth:`history_added_columns`."""
        return f"ALTER TABLE {self.ddl_name(table)} ADD COLUMN {column} {definition}"

    def ddl_name(self, name: str) -> str:
        """How ratchet's ``CREATE TABLE`` and ``ALTER TABLE`` name one of its tables: quoted
        (PostgreSQL adds the schema :meth:`locate_tables` chose, so no second copy is made elsewhere)."""
        return self.quote(name)

    @abstractmethod
    def read_catalog(self, excluded_tables: frozenset[str]) -> dict[str, dict[str, Any]]:
        """The normalised catalog: ``"kind name"`` -> the object's attributes, for
        tables, columns, indexes, constraints, views, triggers, routines, sequences and enum
        types; ``excluded_tables`` (ratchet's own) and everything on them left out."""

    @abstractmethod
    def dump_schema(self, excluded_tables: frozenset[str]) -> str:
        """The schema as DDL in a stable order, without ``excluded_tables``."""

    #: How ``migrate --rehearse`` can run pending files without keeping them: ``transaction``
    #: (one transaction, rolled back), ``copy`` (on a copy of the database) or ``""`` (it cannot).
    rehearsal: ClassVar[str] = "transaction"

    def settings_table_ddl(self, name: str) -> str:
        """``CREATE TABLE IF NOT EXISTS`` for the key/value settings table: the seed's, verbatim."""
        return (
            f"CREATE TABLE IF NOT EXISTS {self.ddl_name(name)} (\n"
            "  key TEXT PRIMARY KEY,\n"
            "  value TEXT NOT NULL,\n"
            "  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,\n"
            "  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP\n"
            ")"
        )

    def history_table_ddl(self, name: str) -> str:
        """``CREATE TABLE IF NOT EXISTS`` for the migration history table, one row per file."""
        columns = ",\n".join(f"  {column} {self.history_column_type(column)}" for column, _ in HISTORY_COLUMNS)
        return f"CREATE TABLE IF NOT EXISTS {self.ddl_name(name)} (\n{columns}\n){self.table_options}"

    #: What follows the closing parenthesis of ratchet's ``CREATE TABLE`` (MySQL: engine, charset).
    table_options: ClassVar[str] = ""

    def upgrade_key_columns(self, settings_table: str, history_table: str, lock_timeout_s: float) -> None:
        """Make an older installation's key columns (settings ``key``, history ``version``)
        compare exactly, as new ones do; idempotent, race-safe, and nothing to do where the
        column types already compare exactly (SQLite, PostgreSQL)."""
        return

    def upsert_setting_sql(self, table: str, key_column: str) -> str:
        """One atomic insert-or-update of a setting (parameters: key, value); ``table`` and
        ``key_column`` come quoted. SQLite (3.24+) and PostgreSQL share ``ON CONFLICT``."""
        p = self.placeholder
        return (
            f"INSERT INTO {table} ({key_column}, value) VALUES ({p}, {p}) "
            f"ON CONFLICT ({key_column}) DO UPDATE SET value = excluded.value, updated_at = CURRENT_TIMESTAMP"
        )

    def max_value_bytes(self) -> int | None:
        """The largest setting value, in bytes, the server accepts in one statement (``None``:
        no limit below the database's own)."""
        return None

    @contextmanager
    def transaction(self, *, begun: bool = False) -> Iterator[None]:
        """``begin()`` (unless the caller has, ``begun``); ``commit()`` on success, ``rollback()``
        on any exception."""
        if not begun:
            self.begin()
        try:
            yield
        except BaseException:
            self.rollback()
            raise
        try:
            self.commit()
        except BaseException:
            self.rollback()  # a failed COMMIT may leave the transaction open (SQLite)
            raise

    #: Whether a table rebuild needs :meth:`rebuild_procedure` and :meth:`rebuild_violations`;
    #: without one, the runner never asks whether a file rebuilds a table (the lint's modules).
    has_rebuild_procedure: ClassVar[bool] = False

    @contextmanager
    def rebuild_procedure(self) -> Iterator[None]:
        """Around the transaction of a file that rebuilds a table (:mod:`ratchet.linter.rebuild`):
        what this dialect must do before ``BEGIN`` and undo after the end. Nothing by default."""
        yield

    def rebuild_violations(self) -> list[str]:
        """Checked before the ``COMMIT`` of a table rebuild: every row whose foreign key the
        rebuild left pointing at nothing, one line each (a non-empty list rolls the file back).
        None by default: elsewhere the database enforces them during the file."""
        return []

    @abstractmethod
    def set_lock_timeout(self, milliseconds: int | None) -> None:
        """Apply a file's ``-- guard: lock-timeout`` (``None`` restores the default)."""

    def server_major_version(self) -> int | None:
        """The server's major version where the lint's rules depend on it (PostgreSQL); else ``None``."""
        return None

    def invalid_indexes(self) -> list[str]:
        """Indexes a failed non-transactional statement may have left unusable (PostgreSQL's
        INVALID indexes after ``CREATE INDEX CONCURRENTLY``); none elsewhere."""
        return [index for index, _ in self.invalid_index_tables()]

    def invalid_index_tables(self) -> list[tuple[str, str]]:
        """``(index, table)`` for every INVALID index (names as the database would print them);
        none outside PostgreSQL."""
        return []

    def quote(self, identifier: str) -> str:
        """Quote an identifier already validated as plain (``[A-Za-z_][A-Za-z0-9_]*``)."""
        return f'"{identifier}"'

    def table_reference(self, name: str) -> str:
        """How ratchet's own statements name one of its tables (quoted; MySQL adds the database,
        so a file's ``USE`` cannot send ratchet's bookkeeping elsewhere)."""
        return self.quote(name)

    @abstractmethod
    def close(self) -> None:
        """Close the session unless it belongs to the caller."""
