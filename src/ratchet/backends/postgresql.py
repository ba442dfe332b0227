"""PostgreSQL through psycopg 3, in autocommit mode with explicit transactions.

The migration lock is a session-level advisory lock taken by *polling*
``pg_try_advisory_lock``: a waiter never sits inside a statement, so it holds no snapshot
that a ``CREATE INDEX CONCURRENTLY`` run by the lock holder would have to wait for.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import secrets
import select
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import pq
from psycopg.adapt import Transformer
from psycopg.conninfo import make_conninfo
from psycopg.rows import tuple_row
from psycopg.sql import SQL, Literal

import ratchet.backends.postgresql_schema as postgresql_schema
from ratchet.backends.base import Address, Backend, Row
from ratchet.backends.postgresql_pipe import CommandPipe, run_dropping_copy_out
from ratchet.errors import ConnectionFailedError, DriverError, LockTimeoutError, UsageError

#: The advisory lock key: the same for every ratchet, scoped by PostgreSQL to one database.
LOCK_KEY = int.from_bytes(hashlib.sha256(b"ratchet-migrations").digest()[:8], "big", signed=True)
_POLL_FIRST_S = 0.05
_POLL_MAX_S = 0.25
_CONNECT_TIMEOUT_S = 10
_TEMPORARY_TABLES = (
    "SELECT CASE WHEN pg_my_temp_schema() = 0 THEN false "
    "ELSE EXISTS (SELECT 1 FROM pg_class WHERE relnamespace = pg_my_temp_schema()) END"
)
#: Where ratchet's tables are: the first schema of the session's search path holding one of them
#: (a relation of a kind ``information_schema.tables`` lists), else the first where they can be made
#: (``current_schema()``); never the session's temporary schema, whose tables end with the session.
_LOCATE_TABLES = (
    "SELECT s.name FROM unnest(pg_catalog.current_schemas(false)) WITH ORDINALITY AS s(name, position) "
    "JOIN pg_catalog.pg_namespace AS n ON n.nspname = s.name WHERE n.oid <> pg_catalog.pg_my_temp_schema() "
    "ORDER BY EXISTS (SELECT 1 FROM pg_catalog.pg_class AS c WHERE c.relnamespace = n.oid "
    "AND c.relname = ANY(%s) AND c.relkind IN ('r', 'p', 'v', 'f')) DESC, s.position LIMIT 1"
)
#: How often the server checks that our client is still there during a long statement, so a
#: killed runner's lock and transaction are released within about this long (PostgreSQL 14+).
_CLIENT_CHECK_INTERVAL = "1s"
#: A statement that may remove the session's prepared statements (``DEALLOCATE ALL``,
#: ``DISCARD ALL``), also from a ``DO`` block or a routine it creates: the session restore's is
#: then prepared again.
_MAY_DEALLOCATE = re.compile(
    r"\s*(?:(?:DEALLOCATE|DISCARD)\b|(?:DO|CREATE)\b.*\b(?:DEALLOCATE|DISCARD)\b)", re.IGNORECASE | re.DOTALL
)
#: ``DISCARD ALL``, which also releases the session's advisory locks: ratchet's migration lock.
_DISCARDS_ALL = re.compile(r"\s*DISCARD\s+ALL\b", re.I)
#: A statement that may change ``client_encoding``: a pipeline encodes each statement as it is
#: sent, before the server has answered the change.
_MAY_CHANGE_ENCODING = re.compile(r"client_encoding|\bNAMES\b|\bRESET\s+ALL\b", re.I)
#: ``COPY ... TO STDOUT``: what it sends is read and dropped, as a ``SELECT``'s rows are (a
#: ``TO STDOUT`` in its query's text too: that path runs any statement alike).
_COPY_TO_CLIENT = re.compile(r"COPY\b.*\bTO\s+STDOUT\b", re.IGNORECASE | re.DOTALL)
#: The SQLSTATE of a prepared statement that does not exist.
_NO_SUCH_PREPARED = b"26000"
#: A statement's answer that is not a failure.
_SUCCEEDED = frozenset({pq.ExecStatus.COMMAND_OK, pq.ExecStatus.TUPLES_OK, pq.ExecStatus.EMPTY_QUERY})


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


def _terminated(exc: psycopg.Error) -> bool:
    """The server ended the session (``pg_terminate_backend``, shutdown): SQLSTATE class 57P."""
    return (exc.diag.sqlstate or "").startswith("57P")


class PostgresBackend(Backend):
    """A PostgreSQL database, or an application's open psycopg connection."""

    dialect = "postgresql"
    transactional_ddl = True
    transaction_is_lock = False
    placeholder = "%s"
    writable_cte = True
    elapsed_ms_sql = "CAST(EXTRACT(EPOCH FROM pg_catalog.clock_timestamp() - pg_catalog.now()) * 1000 AS BIGINT)"

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
        #: The pipeline being sent, and the positions in it (or the last one) of the file's statements.
        self._pipe: CommandPipe | None = None
        self._last_pipe: CommandPipe | None = None
        self._pipelined: list[int] = []
        #: The server-side prepared statement of the session restore inside a pipeline, named
        #: ``ratchet_restore_<token>_<count>`` with a new count each time it is prepared (so never
        #: one that is still there), and the connection it was prepared on.
        self._restore_token = secrets.token_hex(4)
        self._restore_count = 0
        self._restore_prepared: Any = None
        #: The pipeline's session restore failed because its prepared statement was gone.
        self._restore_lost = False
        self._saved_conforming: str | None = None
        self._restore_sql: str | None = None
        self._restore_local_sql: str | None = None
        self._had_temporary = False
        self._tables_schema: str | None = None  # where locate_tables() found ratchet's tables
        self._restore_position: int | None = None  # of a restore sent unanswered in the pipeline
        self._prepare_position: int | None = None  # of the restore's PREPARE in the pipeline
        self._restore_sent: int | None = None  # of the restore's EXECUTE in the pipeline, answered or not
        self._client_encoding: str | None = None
        self._prepare_threshold: int | None = 5  # psycopg's default, restored once no pooler is in the way
        self._own: psycopg.Cursor[Any] | None = None
        if connection is not None:
            self._adopt(connection)

    @classmethod
    def from_url(cls, address: Address, *, busy_timeout_s: float) -> PostgresBackend:
        """A backend that connects on first use; ``query`` holds libpq connection parameters
        (``sslmode``, ``sslrootcert``, ``application_name``, ...), which win over the URL's parts."""
        args: dict[str, Any] = {"host": address.host, "dbname": address.database, "connect_timeout": _CONNECT_TIMEOUT_S}
        if address.port is not None:
            args["port"] = address.port
        if address.user is not None:
            args["user"] = address.user
        if address.password is not None:
            args["password"] = address.password
        args.update(address.query)
        try:
            make_conninfo("", **args)  # refuses a parameter libpq does not know, before connecting
        except psycopg.ProgrammingError as exc:
            raise UsageError(
                f"database URL '{address.display_url}': {' '.join(str(exc).split())}",
                hint="query parameters must be libpq connection parameters, e.g. ?sslmode=require",
            ) from None
        return cls(address.display_url, connect_args=args)

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
        self._prepare_threshold = connection.prepare_threshold
        connection.prepare_threshold = None

    @property
    def connection(self) -> psycopg.Connection[Any]:
        """The open connection, opened on first use."""
        if self._connection is None:
            self._connection = self._connect()
        return self._connection

    def _own_cursor(self) -> psycopg.Cursor[Any]:
        """The cursor of ratchet's own commands (``BEGIN``, the history row, ``COMMIT``), made once
        per connection: making a cursor costs about as much client time as sending a small command."""
        connection = self.connection
        cursor = self._own
        if cursor is None or cursor.connection is not connection:
            cursor = self._own = connection.cursor(row_factory=tuple_row)
        return cursor

    def _connect(self) -> psycopg.Connection[Any]:
        # No server-side prepared statements until open_session() has ruled out a transaction
        # pooler: behind one they collide with other clients' ("_pg3_0" already exists).
        try:
            return psycopg.connect(autocommit=True, prepare_threshold=None, **self._connect_args)
        except psycopg.Error as exc:
            raise ConnectionFailedError(describe_connect_error(self.display_url, str(exc))) from None

    def _second_connection(self) -> psycopg.Connection[Any]:
        """Another connection to the same place (the pooler check), also an adopted one's."""
        if self._connect_args:
            return psycopg.connect(autocommit=True, prepare_threshold=None, **self._connect_args)
        info = self.connection.info
        args: dict[str, Any] = dict(info.get_parameters())
        if info.password:
            args["password"] = info.password
        return psycopg.connect(autocommit=True, prepare_threshold=None, **args)

    def server_facts(self) -> dict[str, str]:
        """``version()`` (called unqualified, as any client would) and, on Aurora, ``aurora_version()``."""
        facts = {"version": str(self.query("SELECT version()")[0][0])}
        with contextlib.suppress(DriverError):  # an engine without pg_proc simply is not Aurora
            if self.query("SELECT 1 FROM pg_catalog.pg_proc WHERE proname = 'aurora_version'"):
                facts["aurora_version"] = str(self.query("SELECT aurora_version()")[0][0])
        return facts

    def open_session(self) -> None:
        """Refuse a transaction pooler; then the session settings and prepared statements."""
        connection = self.connection
        try:
            refuse_transaction_pooler(connection, self._second_connection, self.display_url)
        except psycopg.Error as exc:
            raise self._translate(exc) from None
        # psycopg prepares no statement of its own in ratchet's session (given back in close): its
        # cache answers a DROP, ALTER or ROLLBACK it sees with DEALLOCATE ALL, which would remove
        # the session restore's prepared statement, and it does not see what a pipeline runs
        if self._owns_connection:
            # Backslashes in strings are literal, as pglast's scanner reads them (splitcheck.py).
            self.query("SELECT set_config('standard_conforming_strings', 'on', false)")
            if connection.info.server_version >= 140000:
                # best effort: a PostgreSQL-compatible engine without the setting still runs
                with contextlib.suppress(DriverError):
                    self.query(
                        "SELECT set_config('client_connection_check_interval', %s, false)", (_CLIENT_CHECK_INTERVAL,)
                    )
        else:  # an application's session: given back with its own value (close)
            conforming = str(self.query("SELECT current_setting('standard_conforming_strings')")[0][0])
            if conforming != "on":
                self._saved_conforming = conforming
                self.query("SELECT set_config('standard_conforming_strings', 'on', false)")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement (without parameters ``%`` in the SQL is left alone); inside
        :meth:`pipeline` it is only sent, and its row count is not known (-1)."""
        try:
            if self._pipe is not None:
                self._pipe.send(sql, params)
                return -1
            cursor = self._own_cursor()
            cursor.execute(sql, tuple(params) if params else None)
            return cursor.rowcount
        except psycopg.Error as exc:
            raise self._translate(exc) from None

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run one query and fetch every row (none for a statement without a result); inside
        :meth:`pipeline` after every answer before it."""
        try:
            if self._pipe is not None:
                return self._pipe_rows(self._pipe.send(sql, params))
            cursor = self._own_cursor()  # tuple rows whatever row_factory an application's connection uses
            cursor.execute(sql, tuple(params) if params else None)
            if cursor.description is None:
                return []
            return [tuple(row) for row in cursor.fetchall()]
        except psycopg.Error as exc:
            raise self._translate(exc) from None

    def run_statement(self, sql: str) -> None:
        """Run a migration statement over the extended query protocol, which takes exactly one
        statement: psycopg sends a query without parameters over the simple protocol (where
        ``a; b`` runs both) unless binary results are asked for, and only the extended protocol
        can ask for them. Never a named prepared statement."""
        try:
            if _MAY_DEALLOCATE.match(sql):
                self._forget_restore()
            if self._pipe is not None:  # libpq's extended protocol, as for every command of the pipe
                self._pipelined.append(self._pipe.send(sql))
                return
            if sql[:4].upper() == "COPY" and _COPY_TO_CLIENT.match(sql):  # psycopg's execute refuses COPY
                connection = self.connection
                run_dropping_copy_out(connection.pgconn, sql.encode(connection.info.encoding), connection.info.encoding)
                return
            with self.connection.cursor(row_factory=tuple_row) as cursor:
                cursor.execute(sql, binary=True, prepare=False)
        except psycopg.Error as exc:
            raise self._translate(exc) from None
        except UnicodeEncodeError as exc:
            character = exc.object[exc.start : exc.end]
            raise DriverError(
                f"the statement holds {character!r}, which the session's client_encoding "
                f"({self.connection.info.parameter_status('client_encoding')}) cannot carry; migration files are "
                "UTF-8 and sent as written: leave out the file's SET client_encoding (or SET NAMES)"
            ) from None
        if self._lock_depth and _DISCARDS_ALL.match(sql):
            self._take_lock_back()

    def _forget_restore(self) -> None:
        """The session restore's prepared statement may be gone: prepare it again."""
        self._restore_prepared = None

    def _take_lock_back(self) -> None:
        """After a file's ``DISCARD ALL``, which released every advisory lock of the session: the
        migration lock again, at once (had another ratchet taken it meanwhile, both would run)."""
        if not self.query("SELECT pg_try_advisory_lock(%s)", (LOCK_KEY,))[0][0]:
            raise DriverError(
                "the file's DISCARD ALL released ratchet's migration lock, and another ratchet process took it; "
                "leave DISCARD ALL out of migration files (DISCARD TEMP, DISCARD PLANS, DEALLOCATE ALL keep the lock)"
            )

    def statements_answered(self) -> int | None:
        """How many of the statements sent in the last pipeline had succeeded when the first one
        failed (the pipeline keeps every answer it read)."""
        if self._restore_lost:  # every statement ran; all of it was rolled back: run it again
            return None
        answers = self._last_pipe.results if self._last_pipe is not None else []
        for index, position in enumerate(self._pipelined):
            if position >= len(answers) or answers[position].status not in _SUCCEEDED:
                return index
        return len(self._pipelined)

    def failed_before_last(self) -> bool:
        """Whether the last pipeline's first failure is the server's answer to a command before its
        last one (the server then skipped the rest, the last one too)."""
        pipe = self._last_pipe
        if pipe is None:
            return False
        return any(result.status == pq.ExecStatus.FATAL_ERROR for result in pipe.results[: pipe.sent - 1])

    def _pipe_rows(self, position: int) -> list[Row]:
        """Every row of the answer to the pipeline's command at ``position``, once all are read."""
        pipe = self._pipe
        assert pipe is not None
        pipe.sync()
        answer = pipe.results[position]
        if answer.status != pq.ExecStatus.TUPLES_OK:
            return []
        loader = Transformer(self.connection)
        loader.set_pgresult(answer)
        return [tuple(row) for row in loader.load_rows(0, answer.ntuples, tuple)]

    def guard_query(self, sql: str) -> list[Row]:
        """The guard's query in a read-only subtransaction (``SET LOCAL transaction_read_only``
        in a savepoint): a write, ``nextval`` or a writing function fails; then rolled back to the
        savepoint, so the file's transaction goes on as it was. Extended protocol, as above."""
        inside = self.connection.info.transaction_status == pq.TransactionStatus.INTRANS
        self.execute("SAVEPOINT ratchet_guard" if inside else "BEGIN")
        try:
            self.execute("SET LOCAL transaction_read_only = on")
            with self.connection.cursor(row_factory=tuple_row) as cursor:
                cursor.execute(sql, binary=True, prepare=False)
                rows = [tuple(row) for row in cursor.fetchall()] if cursor.description is not None else []
        except psycopg.Error as exc:
            raise self._translate(exc) from None
        finally:
            if inside:
                with contextlib.suppress(DriverError):
                    self.execute("ROLLBACK TO SAVEPOINT ratchet_guard")
                    self.execute("RELEASE SAVEPOINT ratchet_guard")
            else:
                self.rollback()
        return rows

    def remember_session(self) -> None:
        """The settings a ``SET`` (or ``set_config``) can change, with the role, as they are now,
        written once into the constant query that :meth:`restore_session` sends; and whether
        temporary tables exist."""
        if self._restore_sql is not None:
            return
        rows = self.query(
            "SELECT 'role', current_setting('role') UNION ALL "
            "SELECT name, current_setting(name) FROM pg_settings "
            "WHERE context IN ('user', 'superuser') AND name NOT LIKE 'transaction\\_%'"
        )
        remembered = SQL(", ").join(
            SQL("({}, {})").format(Literal(str(name)), Literal(str(value))) for name, value in rows
        )
        self._had_temporary = bool(self.query(_TEMPORARY_TABLES)[0][0])
        self._client_encoding = self.connection.info.parameter_status("client_encoding")
        self._restore_sql = (
            SQL(
                "SELECT (SELECT count(set_config(name, value, false)) FROM (VALUES {}) AS remembered(name, value) "
                "WHERE current_setting(name) IS DISTINCT FROM value), ({})"
            )
            .format(remembered, SQL(_TEMPORARY_TABLES))
            .as_string(self.connection)
        )
        # the same settings for one transaction only (set_config's is_local): the file's come back at its end
        self._restore_local_sql = (
            SQL(
                "SELECT count(set_config(name, value, true)) FROM (VALUES {}) AS remembered(name, value) "
                "WHERE current_setting(name) IS DISTINCT FROM value"
            )
            .format(remembered)
            .as_string(self.connection)
        )

    def own_session_in_transaction(self) -> None:
        """Every remembered setting a file changed (the role first), for the open transaction only."""
        if self._restore_local_sql is not None:
            self.query(self._restore_local_sql)

    def restore_session(self) -> None:
        """Put back every remembered setting a file changed (``search_path``, the role first),
        in one round trip of a constant query; drop temporary tables the file made (only when
        there were none before, so an application's own are left alone)."""
        if self._restore_sql is None:
            return
        try:
            if self._pipe is not None:
                position = self._send_restore(self._pipe)
                try:
                    self._pipe.sync()
                except psycopg.Error:
                    self._restore_lost = self._restore_gone(self._pipe)
                    raise
                temporary = self._pipe.results[position].get_value(0, 1) == b"t"
            else:  # planned here: between two statements, whatever a file deallocates in a routine
                encoding = self._client_encoding
                if encoding is not None and self.connection.info.parameter_status("client_encoding") != encoding:
                    # first, so that the restore's own text is read as it is sent
                    self.query("SELECT set_config('client_encoding', %s, false)", (encoding,))
                row = self._own_cursor().execute(self._restore_sql, prepare=False).fetchone()
                temporary = row is not None and bool(row[1])
        except psycopg.Error as exc:
            raise self._translate(exc) from None
        self._drop_new_temporary_tables(temporary)

    def restore_session_unanswered(self) -> None:
        """The restore sent in the pipeline without a sync: its answer comes with the rest's, at
        the pipeline's end; the settings are put back by the server before anything sent after."""
        if self._pipe is None or self._restore_sql is None:
            self.restore_session()
            return
        self._restore_position = self._send_restore(self._pipe)

    def finish_restore(self) -> None:
        """Drop the temporary tables the file made, now that the restore's answer has come (after
        the COMMIT: they were the session's, not the file's work; ratchet's own statements named
        its tables in their schema, where no temporary table stood in for them)."""
        position, self._restore_position = self._restore_position, None
        pipe = self._last_pipe
        if position is not None and pipe is not None and position < len(pipe.results):
            self._drop_new_temporary_tables(pipe.results[position].get_value(0, 1) == b"t")

    def _send_restore(self, pipe: CommandPipe) -> int:
        """Queue the restore, a server-side prepared statement (planned once, not for every file;
        prepared again under a new name once a file may have deallocated it)."""
        assert self._restore_sql is not None
        prepare = self._restore_prepared is not self.connection.pgconn
        if prepare:
            self._restore_count += 1
        position = pipe.send_prepared(self._restore_name(), self._restore_sql, prepare=prepare)
        if prepare:  # prepared once its answer says so (a failure before it skips it)
            self._prepare_position = position - 1
        self._restore_sent = position
        return position

    def _note_prepared(self, pipe: CommandPipe) -> None:
        """Whether the pipeline prepared the restore (its PREPARE answered), once it is over."""
        position, self._prepare_position = self._prepare_position, None
        results = pipe.results
        if position is not None and position < len(results) and results[position].status == pq.ExecStatus.COMMAND_OK:
            self._restore_prepared = self.connection.pgconn

    def _drop_new_temporary_tables(self, temporary: bool) -> None:
        """``DISCARD TEMP`` when the file left temporary tables in a session that had none (an
        application's own are left alone)."""
        if temporary and not self._had_temporary:
            self.execute("DISCARD TEMP")

    def locate_tables(self, names: Sequence[str]) -> None:
        """The first schema of the session's search path that holds one of ``names``, else the
        current schema (:data:`_LOCATE_TABLES`): every statement of ratchet's names its tables in it
        from now on, whatever schema a file puts before it in the search path (``CREATE SCHEMA``
        named after the user, with the default ``"$user", public``), in this run and the next."""
        rows = self.query(_LOCATE_TABLES, (list(names),))
        self._tables_schema = str(rows[0][0]) if rows else None

    def tables_schema(self) -> tuple[str, tuple[Any, ...]]:
        """The schema :meth:`locate_tables` chose, as a parameter."""
        if self._tables_schema is None:
            return super().tables_schema()
        return "%s", (self._tables_schema,)

    def table_reference(self, name: str) -> str:
        """The table in the schema :meth:`locate_tables` chose (so a table a file made, a temporary
        one above all, cannot stand in for it); unqualified where the search path had no schema."""
        if self._tables_schema is None:
            return self.quote(name)
        return '"' + self._tables_schema.replace('"', '""') + '".' + self.quote(name)

    def ddl_name(self, name: str) -> str:
        """:meth:`table_reference`: ``CREATE TABLE IF NOT EXISTS`` looks for the table, and makes it,
        in that schema only."""
        return self.table_reference(name)

    def _restore_name(self) -> bytes:
        """The name of the session restore's prepared statement (the one last prepared)."""
        return f"ratchet_restore_{self._restore_token}_{self._restore_count}".encode()

    def _restore_gone(self, pipe: CommandPipe) -> bool:
        """Whether the pipeline's first failure is its session restore's, whose prepared statement
        was not there (a routine the file called deallocated it): then it is prepared again, under
        a new name, by the next pipeline. A file's own ``EXECUTE`` of a missing statement fails
        with the same SQLSTATE, hence the position."""
        position = self._restore_sent
        if position is None or position >= len(pipe.results):
            return False
        answer = pipe.results[position]
        if answer.status != pq.ExecStatus.FATAL_ERROR:
            return False
        if answer.error_field(pq.DiagnosticField.SQLSTATE) != _NO_SUCH_PREPARED:
            return False
        self._forget_restore()
        return True

    def _translate(self, exc: psycopg.Error) -> DriverError:
        diag = exc.diag
        primary = diag.message_primary or " ".join(str(exc).split()) or type(exc).__name__
        if diag.message_detail:
            primary += f" ({diag.message_detail})"
        closed = self._connection is not None and self._connection.closed
        if (isinstance(exc, psycopg.OperationalError) and diag.sqlstate is None) or closed or _terminated(exc):
            return DriverError(f"lost the connection to {self.display_url}: {primary}", connection_lost=True)
        return DriverError(primary)

    def can_pipeline(self) -> bool:
        """libpq's pipeline mode (libpq 14+, which psycopg's binary package bundles)."""
        return psycopg.Pipeline.is_supported()

    def pipeline_keeps_text(self, sqls: Sequence[str]) -> bool:
        """Not when non-ASCII text (a statement, the session restore) may follow a change of
        ``client_encoding``: the pipeline would send it in the encoding before the change, which
        the server then misreads (outside a pipeline psycopg encodes each statement in the
        session's encoding of the moment)."""
        if not any(_MAY_CHANGE_ENCODING.search(sql) for sql in sqls):
            return True
        self.remember_session()  # the session restore too is sent after the change
        restore = self._restore_sql or ""
        return restore.isascii() and all(sql.isascii() for sql in sqls)

    @contextmanager
    def pipeline(self) -> Iterator[None]:
        """libpq's pipeline mode (:class:`~ratchet.backends.postgresql_pipe.CommandPipe`). A statement sent
        after a failed one is skipped by the server (until the next sync), so nothing runs after a
        failure; a failure surfaces at the next query inside (the session restore) or at the end."""
        connection = self.connection
        self._last_pipe = None
        try:
            pipe = CommandPipe(connection.pgconn, connection.info.encoding)
        except psycopg.Error as exc:
            raise self._translate(exc) from None
        self._pipe = self._last_pipe = pipe
        self._pipelined = []
        self._restore_lost = False
        self._restore_sent = self._restore_position = None
        failure: DriverError | None = None
        try:
            yield
            pipe.sync()
        except psycopg.Error as exc:
            failure = self._translate(exc)
        except (KeyboardInterrupt, SystemExit):
            # as psycopg does on Ctrl-C: the statement running is cancelled, not waited for below
            if connection.pgconn.transaction_status == pq.TransactionStatus.ACTIVE:
                with contextlib.suppress(psycopg.Error):
                    connection.cancel()
            raise
        finally:
            self._pipe = None
            with contextlib.suppress(psycopg.Error):  # what follows a failure: skipped, answered here
                pipe.close()
            self._note_prepared(pipe)
        if failure is not None:
            self._restore_lost = self._restore_gone(pipe)
            raise failure

    def transaction_open(self) -> bool:
        """The session is in a transaction block, a failed one too."""
        connection = self._connection
        if connection is None or connection.closed:
            return False
        return connection.info.transaction_status in (pq.TransactionStatus.INTRANS, pq.TransactionStatus.INERROR)

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

    def server_major_version(self) -> int | None:
        """PostgreSQL's major version (``server_version`` 150004 -> 15; 90624 -> 9)."""
        return int(self.connection.info.server_version) // 10000

    def invalid_index_tables(self) -> list[tuple[str, str]]:
        """Every INVALID index of the database with its table."""
        rows = self.query(
            "SELECT indexrelid::regclass::text, indrelid::regclass::text FROM pg_index WHERE NOT indisvalid ORDER BY 1"
        )
        return [(str(row[0]), str(row[1])) for row in rows]

    def add_column_sql(self, table: str, column: str, definition: str) -> str:
        """``ADD COLUMN IF NOT EXISTS``: a concurrent upgrade waits for the first, then does nothing."""
        return f"ALTER TABLE {self.ddl_name(table)} ADD COLUMN IF NOT EXISTS {column} {definition}"

    def read_catalog(self, excluded_tables: frozenset[str]) -> dict[str, dict[str, Any]]:
        """``pg_catalog``, normalised (see :mod:`ratchet.backends.postgresql_schema`)."""
        schema = self._tables_schema
        if schema is not None and schema != self.query("SELECT current_schema()")[0][0]:
            # the catalog names a table outside the current schema with its schema
            excluded_tables = frozenset(f"{schema}.{table}" for table in excluded_tables)
        return postgresql_schema.read_catalog(self, excluded_tables)

    def dump_schema(self, excluded_tables: frozenset[str]) -> str:
        """``pg_dump --schema-only`` of this database, without ratchet's tables."""
        info = self.connection.info
        # the parameters the URL gave (the system's pg_dump may not know every one the driver's
        # libpq reports), or an application connection's essentials
        given = self._connect_args or {"host": info.host, "port": info.port, "user": info.user, "dbname": info.dbname}
        parameters = {key: str(value) for key, value in given.items() if key != "password" and value is not None}
        return postgresql_schema.dump_schema(
            self, excluded_tables, parameters, info.password or None, schema=self._tables_schema
        )

    def close(self) -> None:
        """Close an owned connection; give an adopted one back as it was."""
        connection = self._connection
        if connection is None or connection.closed:
            return
        self.rollback()
        self.release_lock_fully()
        if self._owns_connection:
            connection.close()
            self._connection = self._own = None
            return
        with contextlib.suppress(DriverError):
            self.set_lock_timeout(None)
            if self._saved_conforming is not None:
                self.query("SELECT set_config('standard_conforming_strings', %s, false)", (self._saved_conforming,))
            if self._restore_prepared is connection.pgconn:
                self.execute(f"DEALLOCATE {self._restore_name().decode()}")
            if self._restore_count > 1:  # an earlier one a file's DEALLOCATE or DISCARD left in place
                for (name,) in self.query(
                    "SELECT name FROM pg_prepared_statements WHERE name LIKE %s",
                    (f"ratchet\\_restore\\_{self._restore_token}\\_%",),
                ):
                    self.execute(f"DEALLOCATE {name}")
        if self._own is not None:  # nothing of ratchet's left on the application's connection
            self._own.close()
            self._own = None
        connection.prepare_threshold = self._prepare_threshold
        if self._saved_autocommit is not None:
            connection.autocommit = self._saved_autocommit


# --- Refusing a transaction- or statement-pooling proxy (PgBouncer and the like) ---------------
#
# Behind such a pooler every transaction may run on a different server connection: the
# session advisory lock is taken on one of them and stays held there after ratchet exits,
# and psycopg's prepared statements collide with other clients'. A session pooler pins one
# server connection to each client for the client's whole life, which is all ratchet needs.
#
# The check sends no server-side prepared statement (the caller has them switched off):
#
# 1. ``pg_backend_pid()`` must be the same in two transactions of the connection, and a
#    setting made in the first must survive into the second;
# 2. when the cancel key of the startup names a process other than ``pg_backend_pid()``,
#    something other than PostgreSQL answered the startup: a proxy. A second client then
#    queries between the first one's transactions. A session pooler keeps each client on its
#    own server connection; a transaction pooler hands the first client's idle connection to
#    the second (always so with a pool of one) or moves a client between connections.

_POOLER_SETTING = "ratchet.pooler_probe"
#: How long the second client may wait for a server connection. A full session pool makes it
#: wait (the first client's connection stays pinned), which is itself the answer.
_SECOND_CLIENT_WAIT_S = 2.0


def refuse_transaction_pooler(
    connection: psycopg.Connection[Any], open_second: Callable[[], psycopg.Connection[Any]], display_url: str
) -> None:
    """Raise :class:`UsageError` when ``connection`` goes through a transaction or statement pooler."""
    token = secrets.token_hex(8)
    first = _row(connection, f"SELECT pg_backend_pid(), set_config('{_POOLER_SETTING}', '{token}', false)")
    second = _row(connection, f"SELECT pg_backend_pid(), current_setting('{_POOLER_SETTING}', true)")
    if first[0] != second[0] or second[1] != token:
        raise _refusal(display_url, "the server connection changed between two transactions")
    if connection.info.backend_pid == first[0]:
        return  # the startup was answered by PostgreSQL itself: no proxy in between
    _compare_with_second_client(connection, open_second, int(first[0]), token, display_url)


def _compare_with_second_client(
    connection: psycopg.Connection[Any],
    open_second: Callable[[], psycopg.Connection[Any]],
    first_pid: int,
    token: str,
    display_url: str,
) -> None:
    try:
        other = open_second()
    except psycopg.Error as exc:
        raise ConnectionFailedError(
            f"cannot open a second connection to {display_url} to check the connection pooler in front of it: "
            f"{' '.join(str(exc).split())}"
        ) from None
    try:
        mine: set[int] = {first_pid}
        theirs: set[int] = set()
        for who in "BBAB":
            if who == "A":
                pid, setting = _row(connection, f"SELECT pg_backend_pid(), current_setting('{_POOLER_SETTING}', true)")
                if setting != token:
                    raise _refusal(display_url, "a session setting was lost between two transactions")
                mine.add(int(pid))
                continue
            other_pid = _pid_within(other, _SECOND_CLIENT_WAIT_S)
            if other_pid is None:
                return  # no server connection came free: the first client's stays pinned to it
            theirs.add(other_pid)
        if mine & theirs:
            raise _refusal(display_url, "a second client was given this client's server connection")
        if len(mine) > 1 or len(theirs) > 1:
            raise _refusal(display_url, "a client moved between server connections")
    finally:
        with contextlib.suppress(psycopg.Error):
            other.close()


def _row(connection: psycopg.Connection[Any], sql: str) -> tuple[Any, ...]:
    # tuple rows whatever row_factory an application's connection uses
    with connection.cursor(row_factory=tuple_row) as cursor:
        cursor.execute(sql, prepare=False)
        row = cursor.fetchone()
    if row is None:  # a SELECT without FROM always returns one row; something else answered
        raise DriverError(f"no row for {sql}")
    return row


def _pid_within(connection: psycopg.Connection[Any], timeout_s: float) -> int | None:
    """``pg_backend_pid()`` of ``connection``, or ``None`` when the pooler gave it no server
    connection within ``timeout_s`` (the connection is then useless and closed by the caller)."""
    pgconn = connection.pgconn
    pgconn.send_query(b"SELECT pg_backend_pid()")
    deadline = time.monotonic() + timeout_s
    while True:
        pgconn.consume_input()
        if not pgconn.is_busy():
            break
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        select.select([pgconn.socket], [], [], remaining)
    value: int | None = None
    problem = ""
    while (result := pgconn.get_result()) is not None:
        if result.status == pq.ExecStatus.TUPLES_OK and result.ntuples:
            raw = result.get_value(0, 0)
            value = int(raw.decode()) if raw is not None else None
        elif result.status != pq.ExecStatus.TUPLES_OK:
            problem = (result.error_message or b"").decode(errors="replace")
    if value is None:
        raise ConnectionFailedError(f"cannot check the connection pooler: {' '.join(problem.split())}")
    return value


def _refusal(display_url: str, evidence: str) -> UsageError:
    return UsageError(
        f"{display_url} goes through a connection pooler in transaction or statement mode (e.g. PgBouncer "
        f"pool_mode=transaction): {evidence}. ratchet's migration lock and each file's transaction need one "
        "server session for the whole run, so it refuses; nothing was changed",
        hint="migrate over a direct connection to PostgreSQL (or a session-mode pool): set RATCHET_DATABASE_URL "
        "to the direct URL beside the application's pooled DATABASE_URL",
    )
