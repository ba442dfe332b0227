"""SQLite through the stdlib ``sqlite3`` module, in autocommit mode with explicit transactions."""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

import ratchet.backends.sqlite_schema as sqlite_schema
from ratchet.backends.base import Address, Backend, Row
from ratchet.errors import (
    ConnectionFailedError,
    DriverError,
    LockTimeoutError,
    RatchetError,
    UsageError,
)

_LOCK_POLL_S = 0.05
# PRAGMA: only the table-valued pragma functions can appear in a SELECT, and SQLite offers those only
# for pragmas without side effects (the header check admits nothing but SELECT, VALUES and WITH).
_READ_ACTIONS = frozenset(
    {
        sqlite3.SQLITE_SELECT,
        sqlite3.SQLITE_READ,
        sqlite3.SQLITE_FUNCTION,
        sqlite3.SQLITE_RECURSIVE,
        sqlite3.SQLITE_PRAGMA,
    }
)


def _read_only(action: int, first: str | None, second: str | None, database: str | None, source: str | None) -> int:
    """A ``sqlite3`` authorizer that allows reading and nothing else. A table-valued pragma
    (``pragma_table_info``) asks for SQLITE_UPDATE on ``sqlite_master`` while it is prepared; a
    SELECT cannot write that table (it takes ``PRAGMA writable_schema``, which is denied)."""
    if action in _READ_ACTIONS or (action == sqlite3.SQLITE_UPDATE and first == "sqlite_master"):
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


_MISSING = (-1, -1)  # the identity of a database file that is not there


class SqliteBackend(Backend):
    """A SQLite database file (or ``:memory:``), or an application's open ``sqlite3`` connection."""

    dialect = "sqlite"
    transactional_ddl = True
    transaction_is_lock = True
    #: Takes SQLite's write lock now, waiting up to the busy timeout.
    begin_sql = "BEGIN IMMEDIATE"
    placeholder = "?"
    history_types: ClassVar[dict[str, str]] = {"duration_ms": "INTEGER NOT NULL DEFAULT 0"}
    rehearsal = "copy"
    has_rebuild_procedure = True

    def __init__(
        self,
        path: str,
        *,
        busy_timeout_s: float,
        connection: sqlite3.Connection | None = None,
    ) -> None:
        super().__init__(f"sqlite:///{path}")
        self.path = path
        self.busy_timeout_s = busy_timeout_s
        self._connection = connection
        self._owns_connection = connection is None
        self._saved_isolation: Any = None
        self._saved_busy_timeout = 0
        self._lock_file: int | None = None
        self._identity: tuple[int, int] | None = None
        self._legacy_alter_table: int | None = None  # as before the first file that changed it
        self._legacy_changed = False  # a statement of the file set it
        self._insert_cursor: sqlite3.Cursor | None = None  # runs a file's plain INSERT lines
        if connection is not None:
            self._adopt(connection)

    @classmethod
    def from_url(cls, address: Address, *, busy_timeout_s: float) -> SqliteBackend:
        """The database file at ``address.path`` (or ``:memory:``), opened on first use."""
        return cls(address.path, busy_timeout_s=busy_timeout_s)

    @classmethod
    def from_connection(cls, connection: sqlite3.Connection, *, busy_timeout_s: float) -> SqliteBackend:
        """Wrap an application's open connection; it is left open and restored afterwards."""
        rows = connection.execute("PRAGMA database_list").fetchall()
        path = next((str(row[2]) for row in rows if row[1] == "main"), "") or ":memory:"
        return cls(path, busy_timeout_s=busy_timeout_s, connection=connection)

    def _adopt(self, connection: sqlite3.Connection) -> None:
        if connection.in_transaction:
            raise UsageError(
                "the sqlite3 connection has an open transaction",
                hint="commit or roll back before calling ratchet",
            )
        self._saved_isolation = connection.isolation_level
        self._saved_busy_timeout = int(connection.execute("PRAGMA busy_timeout").fetchone()[0])
        connection.isolation_level = None
        connection.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_s * 1000)}")

    def exists(self) -> bool:
        """A file database exists once its file does; ``:memory:`` and adopted ones always."""
        if self._connection is not None or self.path == ":memory:":
            return True
        return Path(self.path).exists()

    def server_facts(self) -> dict[str, str]:
        """The SQLite library's version (known without opening, so a missing file stays missing)."""
        return {"version": sqlite3.sqlite_version}

    @property
    def connection(self) -> sqlite3.Connection:
        """The open connection, opened on first use."""
        if self._connection is None:
            if self.path != ":memory:":
                parent = Path(self.path).parent
                if not parent.is_dir():
                    raise ConnectionFailedError(
                        f"cannot open {self.display_url}: directory {parent} does not exist",
                        hint="create the directory or fix the database URL",
                    )
            try:
                self._connection = sqlite3.connect(self.path, timeout=self.busy_timeout_s, isolation_level=None)
                identity = self._file_identity()
                self._identity = None if identity == _MISSING else identity
                # Enforce foreign keys as applications do, so migrations meet the same rules
                # (and a table rebuild must follow the 12-step procedure: rebuild_procedure).
                self._connection.execute("PRAGMA foreign_keys = ON")
            except sqlite3.Error as exc:
                raise ConnectionFailedError(f"cannot open {self.display_url}: {exc}") from None
        return self._connection

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement (``sqlite3`` refuses more than one, which is the point)."""
        try:
            return self.connection.execute(sql, tuple(params)).rowcount
        except sqlite3.Error as exc:
            raise self._translate(exc) from None

    def run_statement(self, sql: str) -> None:
        """Run one statement of a migration file (``sqlite3`` refuses a second one in it)."""
        if sql[:1] in "Pp" and sql[:6].upper() == "PRAGMA" and "legacy_alter_table" in sql.lower():
            if self._legacy_alter_table is None:
                self._legacy_alter_table = int(self.query("PRAGMA legacy_alter_table")[0][0])
            self._legacy_changed = True
        try:
            self.connection.execute(sql)
        except sqlite3.Error as exc:
            raise self._translate(exc) from None

    def run_plain_inserts(self, sqls: Sequence[str]) -> tuple[int, DriverError | None]:
        """Run plain one-row INSERT statements (none sets ``legacy_alter_table``) on one cursor kept for
        them: no cursor made per statement. An INSERT runs to its end, so the cursor holds no statement."""
        connection = self.connection
        cursor = self._insert_cursor
        if cursor is None or cursor.connection is not connection:
            cursor = self._insert_cursor = connection.cursor()
        execute, ran = cursor.execute, 0
        try:
            for sql in sqls:
                execute(sql)
                ran += 1
        except sqlite3.Error as exc:
            failure = self._translate(exc)
            if not isinstance(failure, DriverError):
                raise failure from None  # as from run_statement: not a statement's failure
            return ran, failure
        return ran, None

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run one query and fetch every row."""
        try:
            return list(self.connection.execute(sql, tuple(params)).fetchall())
        except sqlite3.Error as exc:
            raise self._translate(exc) from None

    def guard_query(self, sql: str) -> list[Row]:
        """The guard's query under an authorizer that allows only reading (tables, functions,
        table-valued pragmas such as ``pragma_table_info``): SQLite refuses anything else when it
        prepares the statement. An application's own authorizer cannot be read back, so it is
        not restored afterwards (``sqlite3`` has no getter)."""
        connection = self.connection
        connection.set_authorizer(_read_only)
        try:
            return self.query(sql)
        finally:
            connection.set_authorizer(None)

    def remember_session(self) -> None:
        """Nothing to read before the file: ``PRAGMA legacy_alter_table``, the one setting a file
        may change inside ``BEGIN IMMEDIATE`` (unlike ``PRAGMA foreign_keys``) that changes what a
        later file does (its ``RENAME`` and the views and foreign keys that name the table), is
        read before the first statement that sets it. Not restored: what a ``no-transaction`` file
        changes with another ``PRAGMA``, and temporary tables."""

    def restore_session(self) -> None:
        """Put ``PRAGMA legacy_alter_table`` back if the file set it (see :meth:`remember_session`)."""
        if self._legacy_changed:
            self._legacy_changed = False
            self.execute(f"PRAGMA legacy_alter_table = {self._legacy_alter_table}")

    def _translate(self, exc: sqlite3.Error) -> RatchetError:
        message = str(exc)
        if isinstance(exc, sqlite3.OperationalError) and "database is locked" in message:
            return LockTimeoutError(
                f"{self.display_url} stayed locked for {self.busy_timeout_s:g}s: {message}",
                hint="another process holds a write transaction; retry, or raise busy-timeout",
            )
        if isinstance(exc, sqlite3.DatabaseError) and "file is not a database" in message:
            return ConnectionFailedError(
                f"{self.display_url} is not a SQLite database ({message})",
                hint="check the database URL: it points at some other kind of file",
            )
        return DriverError(message)

    def commit(self) -> None:
        """Commit the transaction, then check that the database file is still the one opened:
        a file deleted or replaced during the run has taken this commit with it."""
        super().commit()
        if self._identity is not None and self._file_identity() != self._identity:
            raise DriverError(
                f"the database file {self.path} was deleted or replaced while ratchet ran",
                state=f"this commit went into the deleted file: the database now at {self.path} does not have it",
            )

    def _file_identity(self) -> tuple[int, int] | None:
        if self.path == ":memory:" or not self.path:
            return None
        try:
            status = os.stat(self.path)
        except OSError:
            return _MISSING
        return (status.st_dev, status.st_ino)

    def rollback(self) -> None:
        """Roll back if a transaction is open, and put back ``PRAGMA legacy_alter_table`` if the
        file set it: a connection's setting, which ROLLBACK leaves as the file made it (a caller's
        connection would keep it after a file that failed)."""
        if self._connection is None:
            return
        if self._connection.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self._connection.execute("ROLLBACK")
        if self._legacy_changed:
            self._legacy_changed = False
            with contextlib.suppress(sqlite3.Error):
                self._connection.execute(f"PRAGMA legacy_alter_table = {self._legacy_alter_table}")

    def _lock(self, timeout_s: float) -> None:
        """Hold an advisory ``flock`` on ``<db>-ratchet-lock`` for files run outside a
        transaction; the kernel releases it when the holder dies."""
        if self.path == ":memory:":
            return
        lock_path = f"{self.path}-ratchet-lock"
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise ConnectionFailedError(
                f"cannot create the migration lock file {lock_path}: {exc.strerror}",
                hint="ratchet needs write access to the database's directory for no-transaction files",
            ) from None
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._lock_file = fd
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise LockTimeoutError(
                        f"another ratchet process held the migration lock of {self.display_url} "
                        f"for over {timeout_s:g}s",
                        hint="wait for it to finish, or raise lock-timeout",
                    ) from None
                time.sleep(_LOCK_POLL_S)

    def _unlock(self) -> None:
        """Release the ``flock`` if held."""
        if self._lock_file is not None:
            os.close(self._lock_file)
            self._lock_file = None

    @contextlib.contextmanager
    def rebuild_procedure(self) -> Iterator[None]:
        """SQLite's 12-step ALTER: foreign keys off *before* BEGIN, restored after.

        Inside a transaction ``PRAGMA foreign_keys`` is a no-op, and with foreign keys on,
        ``DROP TABLE parent`` would delete the ``ON DELETE CASCADE`` child rows.
        """
        rows = self.query("PRAGMA foreign_keys")
        was_on = bool(rows and rows[0][0])
        if was_on:
            self.execute("PRAGMA foreign_keys = OFF")
        try:
            yield
        finally:
            if was_on:
                self.execute("PRAGMA foreign_keys = ON")

    def rebuild_violations(self) -> list[str]:
        """Step 10 of the 12: ``PRAGMA foreign_key_check``, in the rebuild's transaction."""
        rows = self.query("PRAGMA foreign_key_check")
        return [f"{row[0]} rowid {row[1]} references missing {row[2]}" for row in rows]

    def set_lock_timeout(self, milliseconds: int | None) -> None:
        """SQLite has one lock, the write lock, governed by the busy timeout: nothing to do."""

    def table_exists(self, name: str) -> bool:
        """Look the table up in ``sqlite_master``."""
        rows = self.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
        return bool(rows)

    def column_names(self, table: str) -> list[str]:
        """The table's columns from ``pragma_table_info``."""
        return [str(row[0]) for row in self.query("SELECT name FROM pragma_table_info(?)", (table,))]

    def read_catalog(self, excluded_tables: frozenset[str]) -> dict[str, dict[str, Any]]:
        """``sqlite_master`` and pragmas, normalised (see :mod:`ratchet.backends.sqlite_schema`)."""
        return sqlite_schema.read_catalog(self, excluded_tables)

    def dump_schema(self, excluded_tables: frozenset[str]) -> str:
        """The DDL kept in ``sqlite_master``, in a stable order."""
        return sqlite_schema.dump_schema(self, excluded_tables)

    def copy_to(self, path: str) -> SqliteBackend:
        """A backend on a copy of this database at ``path``, made with SQLite's backup API
        (consistent even while other processes write; the source is only read)."""
        try:
            target = sqlite3.connect(path, isolation_level=None)
            try:
                self.connection.backup(target)
            finally:
                target.close()
        except sqlite3.Error as exc:
            raise self._translate(exc) from None
        return SqliteBackend(path, busy_timeout_s=self.busy_timeout_s)

    def close(self) -> None:
        """Close an owned connection; restore an adopted one's isolation level and busy timeout."""
        self.release_lock_fully()
        self._insert_cursor = None
        if self._connection is None:
            return
        self.rollback()
        if self._owns_connection:
            self._connection.close()
            self._connection = None
        else:
            self._connection.execute(f"PRAGMA busy_timeout = {self._saved_busy_timeout}")
            self._connection.isolation_level = self._saved_isolation
