"""PostgreSQL through psycopg 3, in autocommit mode with explicit transactions.

The migration lock is a session-level advisory lock taken by *polling*
``pg_try_advisory_lock``: a waiter never sits inside a statement, so it holds no snapshot
that a ``CREATE INDEX CONCURRENTLY`` run by the lock holder would have to wait for.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Sequence
from typing import Any

import psycopg
from psycopg import pq
from psycopg.conninfo import make_conninfo
from psycopg.rows import tuple_row

from ratchet.backends.base import Backend, Row
from ratchet.errors import ConnectionFailedError, DriverError, LockTimeoutError, UsageError

#: The advisory lock key: the same for every ratchet, scoped by PostgreSQL to one database.
LOCK_KEY = int.from_bytes(hashlib.sha256(b"ratchet-migrations").digest()[:8], "big", signed=True)
_POLL_FIRST_S = 0.05
_POLL_MAX_S = 0.25
_CONNECT_TIMEOUT_S = 10
#: How often the server checks that our client is still there during a long statement, so a
#: killed runner's lock and transaction are released within about this long (PostgreSQL 14+).
_CLIENT_CHECK_INTERVAL = "1s"


def describe_connect_error(display_url: str, message: str) -> str:
    """One line for a failed connection: what went wrong and what to check."""
    text = " ".join(message.split())
    lowered = text.lower()
    if "connection refused" in lowered:
        return f"cannot connect to {display_url}: connection refused (is the server running and the port right?)"
    if "password authentication failed" in lowered or ('role "' in lowered and "does not exist" in lowered):
        return f"cannot connect to {display_url}: authentication failed (check the user and password in the URL)"
    if 'database "' in lowered and "does not exist" in lowered:
        return f"cannot connect to {display_url}: the database does not exist (create it or fix the URL)"
    if "no password supplied" in lowered:
        return f"cannot connect to {display_url}: the server wants a password (add it to the URL)"
    if "timeout" in lowered or "could not translate host name" in lowered:
        return f"cannot connect to {display_url}: host unreachable (check the host name and network)"
    return f"cannot connect to {display_url}: {text}"


class PostgresBackend(Backend):
    """A PostgreSQL database, or an application's open psycopg connection."""

    dialect = "postgresql"
    transactional_ddl = True
    transaction_is_lock = False
    placeholder = "%s"
    writable_cte = True

    def __init__(
        self,
        display_url: str,
        *,
        connect_args: dict[str, Any] | None = None,
        connection: psycopg.Connection[Any] | None = None,
    ) -> None:
        super().__init__(display_url)
        self._connect_args = connect_args or {}
        self._connection = connection
        self._owns_connection = connection is None
        self._saved_autocommit: bool | None = None
        self._saved_lock_timeout: str | None = None
        if connection is not None:
            self._adopt(connection)

    @classmethod
    def from_params(
        cls,
        *,
        host: str,
        port: int | None,
        user: str | None,
        password: str | None,
        database: str,
        query: dict[str, str],
        display_url: str,
    ) -> PostgresBackend:
        """A backend that connects on first use; ``query`` holds libpq connection parameters
        (``sslmode``, ``sslrootcert``, ``application_name``, ...), which win over the URL's parts."""
        args: dict[str, Any] = {"host": host, "dbname": database, "connect_timeout": _CONNECT_TIMEOUT_S}
        if port is not None:
            args["port"] = port
        if user is not None:
            args["user"] = user
        if password is not None:
            args["password"] = password
        args.update(query)
        try:
            make_conninfo("", **args)  # refuses a parameter libpq does not know, before connecting
        except psycopg.ProgrammingError as exc:
            raise UsageError(
                f"database URL '{display_url}': {' '.join(str(exc).split())}",
                hint="query parameters must be libpq connection parameters, e.g. ?sslmode=require",
            ) from None
        return cls(display_url, connect_args=args)

    @classmethod
    def from_connection(cls, connection: psycopg.Connection[Any], *, busy_timeout_s: float) -> PostgresBackend:
        """Wrap an application's open connection; it is left open and restored afterwards."""
        info = connection.info
        display = f"postgresql://{info.user}@{info.host}:{info.port}/{info.dbname}"
        return cls(display, connection=connection)

    def _adopt(self, connection: psycopg.Connection[Any]) -> None:
        if not isinstance(connection, psycopg.Connection):
            raise UsageError(
                f"cannot use a {type(connection).__name__}: ratchet needs a synchronous psycopg.Connection",
                hint="pass a database URL or a psycopg.Connection",
            )
        if connection.closed:
            raise UsageError("the psycopg connection is closed")
        if connection.info.transaction_status != pq.TransactionStatus.IDLE:
            raise UsageError(
                "the psycopg connection has an open transaction",
                hint="commit or roll back before calling ratchet",
            )
        self._saved_autocommit = connection.autocommit
        connection.autocommit = True

    @property
    def connection(self) -> psycopg.Connection[Any]:
        """The open connection, opened on first use."""
        if self._connection is None:
            try:
                self._connection = psycopg.connect(autocommit=True, **self._connect_args)
            except psycopg.Error as exc:
                raise ConnectionFailedError(describe_connect_error(self.display_url, str(exc))) from None
            if self._connection.info.server_version >= 140000:
                self.query(
                    "SELECT set_config('client_connection_check_interval', %s, false)", (_CLIENT_CHECK_INTERVAL,)
                )
        return self._connection

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement (without parameters ``%`` in the SQL is left alone)."""
        try:
            with self.connection.cursor(row_factory=tuple_row) as cursor:
                cursor.execute(sql, tuple(params) if params else None)
                return cursor.rowcount
        except psycopg.Error as exc:
            raise self._translate(exc) from None

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run one query and fetch every row (none for a statement without a result)."""
        try:
            # tuple rows whatever row_factory an application's connection uses
            with self.connection.cursor(row_factory=tuple_row) as cursor:
                cursor.execute(sql, tuple(params) if params else None)
                if cursor.description is None:
                    return []
                return [tuple(row) for row in cursor.fetchall()]
        except psycopg.Error as exc:
            raise self._translate(exc) from None

    def _translate(self, exc: psycopg.Error) -> DriverError:
        diag = exc.diag
        primary = diag.message_primary or " ".join(str(exc).split()) or type(exc).__name__
        if diag.message_detail:
            primary += f" ({diag.message_detail})"
        if isinstance(exc, psycopg.OperationalError) and diag.sqlstate is None:
            return DriverError(f"lost the connection to {self.display_url}: {primary}")
        return DriverError(primary)

    def begin(self) -> None:
        """Open a transaction."""
        self.execute("BEGIN")

    def commit(self) -> None:
        """Commit the transaction."""
        self.execute("COMMIT")

    def rollback(self) -> None:
        """Roll back if a transaction is open (also after a failed statement)."""
        connection = self._connection
        if connection is None or connection.closed:
            return
        if connection.info.transaction_status in (pq.TransactionStatus.INTRANS, pq.TransactionStatus.INERROR):
            with contextlib.suppress(psycopg.Error):
                connection.execute("ROLLBACK")

    def _lock(self, timeout_s: float) -> None:
        """Poll ``pg_try_advisory_lock`` until it succeeds or ``timeout_s`` passes."""
        deadline = time.monotonic() + timeout_s
        pause = _POLL_FIRST_S
        while True:
            if self.query("SELECT pg_try_advisory_lock(%s)", (LOCK_KEY,))[0][0]:
                return
            if time.monotonic() >= deadline:
                raise LockTimeoutError(
                    f"another ratchet process held the migration lock of {self.display_url} for over "
                    f"{timeout_s:g}s; wait for it to finish, or raise lock-timeout"
                )
            time.sleep(pause)
            pause = min(pause * 2, _POLL_MAX_S)

    def _unlock(self) -> None:
        """Release the advisory lock (a closed session has released it already)."""
        if self._connection is not None and not self._connection.closed:
            with contextlib.suppress(DriverError):
                self.query("SELECT pg_advisory_unlock(%s)", (LOCK_KEY,))

    def set_lock_timeout(self, milliseconds: int | None) -> None:
        """Set ``lock_timeout`` for the session (inside a transaction it is undone by a rollback)."""
        if milliseconds is None and self._saved_lock_timeout is None:
            return
        if self._saved_lock_timeout is None:
            self._saved_lock_timeout = str(self.query("SELECT current_setting('lock_timeout')")[0][0])
        value = self._saved_lock_timeout if milliseconds is None else f"{milliseconds}ms"
        self.query("SELECT set_config('lock_timeout', %s, false)", (value,))

    def invalid_indexes(self) -> list[str]:
        """Indexes left INVALID (by a failed ``CREATE INDEX CONCURRENTLY``)."""
        rows = self.query("SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid ORDER BY 1")
        return [str(row[0]) for row in rows]

    def table_exists(self, name: str) -> bool:
        """Look the table up in the current schema."""
        rows = self.query(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = %s",
            (name,),
        )
        return bool(rows)

    def close(self) -> None:
        """Close an owned connection; give an adopted one back as it was."""
        connection = self._connection
        if connection is None or connection.closed:
            return
        self.rollback()
        self.release_lock_fully()
        if self._owns_connection:
            connection.close()
            self._connection = None
            return
        with contextlib.suppress(DriverError):
            self.set_lock_timeout(None)
        if self._saved_autocommit is not None:
            connection.autocommit = self._saved_autocommit
