"""MySQL and MariaDB through PyMySQL, in autocommit mode with explicit transactions.

MySQL commits implicitly around every DDL statement, so ``transactional_ddl`` is False and
the runner applies every file statement by statement behind a ``running`` history row. The
migration lock is ``GET_LOCK``, which the server releases when the holder's session ends.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import ssl
from collections.abc import Sequence
from functools import partial
from typing import Any, ClassVar

import pymysql
import pymysql.cursors
from pymysql.constants import CLIENT, COMMAND, SERVER_STATUS
from pymysql.converters import escape_float

import ratchet.backends.mysql_schema as mysql_schema
from ratchet.backends.base import Address, Backend, Row
from ratchet.errors import ConnectionFailedError, DriverError, LockTimeoutError, UsageError

_CONNECT_TIMEOUT_S = 10
_MAX_LOCK_NAME = 64
#: Bytes of a settings upsert besides the value: the SQL, the key (191 characters), escaping slack.
_PACKET_OVERHEAD = 4096
# MySQL client/server error numbers ratchet explains.
_ACCESS_DENIED = 1045
_UNKNOWN_DATABASE = 1049
_CANNOT_CONNECT = 2003
_UNKNOWN_HOST = 2005
#: Statements sent together are written in one call up to this size (a bigger one is copied no more).
_JOINED_WRITE_CHARS = 64 * 1024
_CONNECTION_LOST = frozenset({1927, 2006, 2013, 2055})  # 1927: MariaDB's "Connection was killed"

#: URL query parameter -> (PyMySQL argument, value type); ``socket`` is an alias.
QUERY_PARAMETERS: dict[str, tuple[str, type]] = {
    "ssl_ca": ("ssl_ca", str),
    "ssl_cert": ("ssl_cert", str),
    "ssl_key": ("ssl_key", str),
    "ssl_verify_cert": ("ssl_verify_cert", bool),
    "ssl_verify_identity": ("ssl_verify_identity", bool),
    "charset": ("charset", str),
    "unix_socket": ("unix_socket", str),
    "socket": ("unix_socket", str),
    "connect_timeout": ("connect_timeout", int),
}
_NO_PAD_COLLATIONS = ("utf8mb4_nopad_bin", "utf8mb4_0900_bin")
#: Session variables a migration file may change (``SET foreign_key_checks = 0``, ``SET NAMES``)
#: that ratchet puts back after the file, so that the next file starts from the same session.
_SESSION_VARIABLES = (
    "sql_mode",
    "foreign_key_checks",
    "unique_checks",
    "time_zone",
    "character_set_client",
    "character_set_connection",
    "character_set_results",
    "collation_connection",
    "sql_safe_updates",
    "sql_auto_is_null",
    "group_concat_max_len",
    "div_precision_increment",
    "default_storage_engine",
    "sql_select_limit",
)
#: Session variables that some servers lack (MariaDB, MySQL and their versions name the isolation
#: level and the statement time limit differently): those the server has are put back too. A file's
#: ``SET SESSION lock_wait_timeout = 5`` before an ALTER, or its ``SET autocommit = 0``, would
#: otherwise hold for every later file.
_OPTIONAL_SESSION_VARIABLES = (
    "autocommit",
    "lock_wait_timeout",
    "innodb_lock_wait_timeout",
    "tx_isolation",
    "transaction_isolation",
    "max_statement_time",
    "max_execution_time",
    "sql_notes",
    "check_constraint_checks",
)
_BOOLEANS = {"true": True, "1": True, "yes": True, "on": True, "false": False, "0": False, "no": False, "off": False}


def _session_columns(variables: Sequence[str]) -> tuple[str, ...]:
    """The current database and the session ``variables``, as ratchet reads and compares them."""
    return ("DATABASE()", *(f"@@SESSION.{name}" for name in variables))


def _same_session_condition(columns: Sequence[str], remembered: tuple[Any, ...]) -> str:
    """A condition true when every one of ``columns`` still has its remembered value (the
    parameters): text byte for byte, numbers (the flags read as 0/1) as numbers."""
    tests = (
        f"BINARY {column} <=> BINARY %s" if isinstance(value, str) else f"{column} <=> %s"
        for column, value in zip(columns, remembered, strict=True)
    )
    return f"({' AND '.join(tests)})"


#: Characters that PyMySQL escapes one way with backslash escapes and another without (or that
#: the ``%`` formatting of a statement's parameters would read).
_MODE_DEPENDENT = frozenset("\\'\"\0\n\r\x1a%")


def _session_condition(columns: Sequence[str], remembered: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
    """:func:`_same_session_condition` and its parameters; the values written into the text where
    each is written the same whatever the session's escaping (no parameters are then escaped per
    statement, on ratchet's every end of a file), else as parameters."""
    literals: list[str] = []
    for value in remembered:
        if value is None:
            literals.append("NULL")
        elif type(value) is int:
            literals.append(str(value))
        elif type(value) is float:  # a time limit
            literals.append(escape_float(value))
        elif isinstance(value, str) and _MODE_DEPENDENT.isdisjoint(value):
            literals.append(f"'{value}'")
        else:
            return _same_session_condition(columns, remembered), remembered
    return _same_session_condition(columns, remembered) % tuple(literals), ()


def _with_parameters(connection: pymysql.connections.Connection[Any], sql: str, params: Sequence[Any]) -> str:
    """The statement with its parameters written in as PyMySQL's cursors write them (escaped as the
    connection's session reads them); without parameters, the SQL as it is (``%`` left alone)."""
    if not params:
        return sql
    return sql % tuple(map(connection.escape, params))


def _send_joined(connection: pymysql.connections.Connection[Any], send: Any, texts: list[str]) -> None:
    """``send`` (PyMySQL's own) every text as a query, the packets written to the socket in one call
    at the end (one system call, and one wake-up of the server, instead of one per statement) where
    the texts are short and PyMySQL writes through its ``_write_bytes``."""
    write = getattr(connection, "_write_bytes", None)
    if write is None or sum(map(len, texts)) > _JOINED_WRITE_CHARS:
        for text in texts:
            send(COMMAND.COM_QUERY, text)
        return
    packets: list[bytes] = []
    # an instance attribute, found before the class's method
    setattr(connection, "_write_bytes", packets.append)  # noqa: B010
    try:
        for text in texts:
            send(COMMAND.COM_QUERY, text)
    finally:
        delattr(connection, "_write_bytes")
    write(b"".join(packets))


def _read_remaining_results(connection: pymysql.connections.Connection[Any]) -> None:
    """Read the rest of a statement's answer when it has several results (a ``CALL`` answers with
    each result set its procedure selects, then its own status): an error in a later one is the
    statement's own, raised here, not the next command's (a cursor's close did this before)."""
    result = connection._result
    while result is not None and result.has_next:
        connection.next_result()
        result = connection._result


def lock_name(database: str) -> str:
    """The ``GET_LOCK`` name for one database (``GET_LOCK`` names are server-wide)."""
    name = f"ratchet:{database}"
    if len(name) <= _MAX_LOCK_NAME:
        return name
    return "ratchet:" + hashlib.sha256(database.encode()).hexdigest()[:48]


def _code_and_message(exc: BaseException) -> tuple[int | None, str]:
    args: tuple[Any, ...] = getattr(exc, "args", ())
    if len(args) >= 2 and isinstance(args[0], int):
        return args[0], " ".join(str(args[1]).split())
    return None, " ".join(str(exc).split()) or type(exc).__name__


def connect_args_from_query(query: dict[str, str], display_url: str) -> dict[str, Any]:
    """PyMySQL arguments for a URL's query parameters; :class:`UsageError` for any other
    parameter or a bad value, so nothing the user asked for (TLS above all) is silently dropped."""
    accepted = ", ".join(QUERY_PARAMETERS)
    args: dict[str, Any] = {}
    for name, text in query.items():
        if name not in QUERY_PARAMETERS:
            raise UsageError(
                f"database URL '{display_url}': unsupported MySQL parameter '{name}'",
                hint=f"accepted query parameters: {accepted}",
            )
        argument, kind = QUERY_PARAMETERS[name]
        value: Any = text
        if kind is bool:
            value = _BOOLEANS.get(text.lower())
        elif kind is int:
            value = int(text) if text.isdigit() and int(text) > 0 else None
        if value is None or value == "":
            expected = {bool: "true or false", int: "a positive whole number of seconds"}.get(kind, "a value")
            raise UsageError(f"database URL '{display_url}': parameter '{name}={text}' needs {expected}")
        args[argument] = value
    return _tls_required(args)


_TLS_ARGUMENTS = ("ssl_ca", "ssl_cert", "ssl_key", "ssl_verify_cert", "ssl_verify_identity")


def _tls_required(args: dict[str, Any]) -> dict[str, Any]:
    """Replace the ``ssl_*`` arguments with one ``ssl`` dict, which makes PyMySQL require TLS.

    PyMySQL turns its ``ssl_*`` arguments into a requirement only when one of them is truthy, so
    ``?ssl_verify_cert=false`` alone would connect in plaintext to a server without TLS.
    """
    given = {name: args.pop(name) for name in _TLS_ARGUMENTS if name in args}
    if not given:
        return args
    verify_identity = bool(given.get("ssl_verify_identity"))
    tls: dict[str, Any] = {
        "ca": given.get("ssl_ca"),
        "check_hostname": verify_identity,
        "verify_mode": verify_identity or bool(given.get("ssl_verify_cert", False)),
    }
    if "ssl_cert" in given:
        tls["cert"] = given["ssl_cert"]
    if "ssl_key" in given:
        tls["key"] = given["ssl_key"]
    args["ssl"] = tls
    return args


def describe_connect_error(display_url: str, exc: BaseException) -> str:
    """One line for a failed connection: what went wrong and what to check."""
    code, message = _code_and_message(exc)
    if code == _CANNOT_CONNECT and "refused" in message.lower():
        return f"cannot connect to {display_url}: connection refused (is the server running and the port right?)"
    if code in (_CANNOT_CONNECT, _UNKNOWN_HOST):
        return f"cannot connect to {display_url}: host unreachable (check the host name and network): {message}"
    if code == _ACCESS_DENIED:
        return f"cannot connect to {display_url}: authentication failed (check the user and password in the URL)"
    if code == _UNKNOWN_DATABASE:
        return f"cannot connect to {display_url}: the database does not exist (create it or fix the URL)"
    return f"cannot connect to {display_url}: {message}"


class MysqlBackend(Backend):
    """A MySQL/MariaDB database, or an application's open PyMySQL connection."""

    dialect = "mysql"
    transactional_ddl = False
    transaction_is_lock = False
    #: A DDL statement inside the transaction commits it implicitly.
    begin_sql = "START TRANSACTION"
    current_schema_sql = "DATABASE()"
    no_table = " FROM DUAL"
    placeholder = "%s"
    rehearsal = ""
    multi_table_update = True
    table_options = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"
    #: A TEXT column cannot have a plain default; key-like columns are short to be indexable.
    history_types: ClassVar[dict[str, str]] = {
        "checksum": "VARCHAR(64) NOT NULL",
        "status": "VARCHAR(16) NOT NULL",
        "waivers": "LONGTEXT NOT NULL",
        "applied_at": "VARCHAR(40) NOT NULL",
        "applied_by": "VARCHAR(255) NOT NULL",
        "error": "LONGTEXT",
        "kind": "VARCHAR(16) NOT NULL DEFAULT 'versioned'",
        "schema_fingerprint": "VARCHAR(64)",
        "schema_snapshot": "LONGTEXT",
    }

    def __init__(
        self,
        display_url: str,
        *,
        database: str,
        connect_args: dict[str, Any] | None = None,
        connection: pymysql.connections.Connection[Any] | None = None,
    ) -> None:
        super().__init__(display_url)
        self.lock_name = lock_name(database)
        self.database = database
        self._connect_args = connect_args or {}
        self._connection = connection
        self._owns_connection = connection is None
        self._saved_autocommit: bool | None = None
        self._saved_timeouts: tuple[Any, Any] | None = None
        self._session: tuple[Any, ...] | None = None
        self._session_variables: tuple[str, ...] = _SESSION_VARIABLES  # and the optional ones the server has
        self._session_condition: tuple[str, tuple[Any, ...]] = ("", ())  # of _session, once it is read
        #: ``autocommit`` as the session had it, put back after the open transaction ends (see restore_session)
        self._autocommit_after: Any = None
        self._key_collation: str | None = None
        if connection is not None:
            self._adopt(connection)

    @classmethod
    def from_url(cls, address: Address, *, busy_timeout_s: float) -> MysqlBackend:
        """A backend that connects on first use; ``query`` may hold the parameters in
        :data:`QUERY_PARAMETERS` (anything else is refused)."""
        args: dict[str, Any] = {
            "host": address.host,
            "port": address.port,
            "database": address.database,
            "charset": "utf8mb4",
            "connect_timeout": _CONNECT_TIMEOUT_S,
            "client_flag": CLIENT.FOUND_ROWS,
        }
        if address.user is not None:
            args["user"] = address.user
        if address.password is not None:
            # as UTF-8 bytes: PyMySQL would encode a str as latin-1 and fail on anything else
            args["password"] = address.password.encode("utf-8", "surrogateescape")
        args.update(connect_args_from_query(address.query, address.display_url))
        return cls(address.display_url, database=address.database, connect_args=args)

    @classmethod
    def from_connection(cls, connection: pymysql.connections.Connection[Any], *, busy_timeout_s: float) -> MysqlBackend:
        """Wrap an application's open connection; it is left open and restored afterwards."""
        if not isinstance(connection, pymysql.connections.Connection) or not connection.open:
            raise UsageError("ratchet needs an open pymysql.connections.Connection")
        if connection.server_status & SERVER_STATUS.SERVER_STATUS_IN_TRANS:
            # checked before the query below, which would otherwise run inside that transaction
            raise UsageError(
                "the PyMySQL connection has an open transaction",
                hint="commit or roll back before calling ratchet",
            )
        with connection.cursor(pymysql.cursors.Cursor) as cursor:
            cursor.execute("SELECT DATABASE()")
            row = cursor.fetchone()
        database = str(row[0]) if row and row[0] is not None else ""
        if not database:
            raise UsageError("the PyMySQL connection has no current database", hint="connect with database=NAME")
        display = f"mysql://{connection.user!s}@{connection.host}:{connection.port}/{database}"
        return cls(display, database=database, connection=connection)

    def _adopt(self, connection: pymysql.connections.Connection[Any]) -> None:
        if int(getattr(connection, "client_flag", 0)) & CLIENT.MULTI_STATEMENTS:
            raise UsageError(
                "the PyMySQL connection was opened with CLIENT.MULTI_STATEMENTS, so one call could run "
                "several statements; ratchet sends each statement of a file on its own and needs that refused",
                hint="pass a connection opened without client_flag=CLIENT.MULTI_STATEMENTS, or a database URL",
            )
        self._saved_autocommit = bool(connection.get_autocommit())
        connection.autocommit(True)

    @property
    def connection(self) -> pymysql.connections.Connection[Any]:
        """The open connection, opened on first use."""
        if self._connection is None:
            try:
                self._connection = pymysql.connect(autocommit=True, **self._connect_args)
            except pymysql.MySQLError as exc:
                raise ConnectionFailedError(describe_connect_error(self.display_url, exc)) from None
            except ssl.SSLError as exc:
                raise ConnectionFailedError(f"cannot connect to {self.display_url}: TLS failed: {exc}") from None
            except (OSError, ValueError) as exc:  # PyMySQL reads ssl_ca/ssl_cert/ssl_key before connecting
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                if "ssl" not in self._connect_args:  # the ssl_* parameters, as one ssl dict (_tls_required)
                    raise ConnectionFailedError(f"cannot connect to {self.display_url}: {reason}") from None
                raise ConnectionFailedError(
                    f"cannot connect to {self.display_url}: cannot use the TLS files given (ssl_ca, ssl_cert, "
                    f"ssl_key): {reason}"
                ) from None
        return self._connection

    def server_facts(self) -> dict[str, str]:
        """``VERSION()``, ``@@version_comment``, the handshake's version (what a proxy such as
        vtgate announces), and the variables that mark Aurora and Galera."""
        version, comment = self.query("SELECT VERSION(), @@version_comment")[0]
        facts = {
            "version": str(version),
            "version_comment": str(comment or ""),
            "handshake": str(self.connection.server_version or ""),
        }
        with contextlib.suppress(DriverError):  # an engine without these variables is neither
            for name, value in self.query("SHOW VARIABLES WHERE Variable_name IN ('aurora_version', 'wsrep_on')"):
                facts[str(name).lower()] = str(value or "")
        return facts

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement (without parameters ``%`` in the SQL is left alone), on the connection
        itself: a cursor would add its own bookkeeping to every statement and no answer."""
        connection = self.connection
        try:
            affected = int(connection.query(_with_parameters(connection, sql, params)))
            _read_remaining_results(connection)
        except pymysql.MySQLError as exc:
            raise self._translate(exc) from None
        return affected

    def execute_pair(self, first: tuple[str, Sequence[Any]], second: tuple[str, Sequence[Any]]) -> tuple[int, int]:
        """Both statements sent at once, then both answers read: one round trip instead of two
        (the server runs the second after the first, whatever the first's outcome)."""
        one, two = self._send_together([first, second])
        if isinstance(two, DriverError) and two.connection_lost:  # what the caller must know first
            raise two
        if isinstance(one, DriverError):
            raise one
        if isinstance(two, DriverError):
            raise two
        return one, two

    def run_statement_after(self, own: Sequence[tuple[str, Sequence[Any]]], sql: str) -> list[DriverError | None]:
        """As in the base class, all sent at once, then every answer read: one round trip."""
        outcomes = self._send_together([*own, (sql, ())])
        return [outcome if isinstance(outcome, DriverError) else None for outcome in outcomes]

    def _send_together(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> list[int | DriverError]:
        """Send every statement (SQL, parameters), then read every answer: each one's affected row
        count or failure (the server runs each whatever the outcome of those before it). A lost
        connection is the failure of the statement whose answer it cut, and of every one after it
        (no answer is left to read); one lost while sending is raised."""
        connection = self.connection
        # PyMySQL sends and reads a command in two steps of its own; without them, one at a time
        send = getattr(connection, "_execute_command", None)
        read = getattr(connection, "_read_query_result", None)
        if send is None or read is None or not hasattr(connection, "_next_seq_id"):
            return self._one_at_a_time(statements)
        outcomes: list[int | DriverError] = []
        try:
            texts = [_with_parameters(connection, sql, params) for sql, params in statements]
            _send_joined(connection, send, texts)
        except pymysql.MySQLError as exc:
            raise self._translate(exc) from None
        for _ in texts:
            connection._next_seq_id = 1  # each answer is numbered from 1 after its command
            try:
                affected = int(read() or 0)
                _read_remaining_results(connection)
                outcomes.append(affected)
            except pymysql.MySQLError as exc:
                outcomes.append(self._translate(exc))  # the statement's own error: the next answer still comes
                if not connection.open:  # the connection is gone: no answer is left to read
                    break
        return outcomes + [outcomes[-1]] * (len(texts) - len(outcomes))

    def _one_at_a_time(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> list[int | DriverError]:
        """:meth:`_send_together`'s outcomes, each statement sent after the answer to the one before."""
        return self.in_turn([partial(self.execute, sql, params) for sql, params in statements])

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run one query and fetch every row."""
        try:
            # a plain (tuple) cursor whatever cursorclass an application's connection uses
            with self.connection.cursor(pymysql.cursors.Cursor) as cursor:
                cursor.execute(sql, tuple(params) if params else None)
                return [tuple(row) for row in cursor.fetchall()]
        except pymysql.MySQLError as exc:
            raise self._translate(exc) from None

    def guard_query(self, sql: str) -> list[Row]:
        """The guard's query behind a savepoint that is rolled back at once, so a write it makes
        (through a stored function) is undone; MySQL cannot make a started transaction read-only.
        Without multi-statements the server refuses a second statement."""
        inside = self._in_transaction()
        self.execute("SAVEPOINT ratchet_guard" if inside else "START TRANSACTION READ ONLY")
        try:
            return self.query(sql)
        finally:
            if inside:
                with contextlib.suppress(DriverError):
                    self.execute("ROLLBACK TO SAVEPOINT ratchet_guard")
            else:
                self.rollback()

    def remember_session(self) -> None:
        """The session variables a file may ``SET`` (see ``_SESSION_VARIABLES``) and the current
        database (``USE``), as they are now."""
        if self._session is None:
            names = ", ".join(f"'{name}'" for name in _OPTIONAL_SESSION_VARIABLES)
            found = {
                str(row[0]).lower() for row in self.query(f"SHOW SESSION VARIABLES WHERE Variable_name IN ({names})")
            }
            optional = tuple(name for name in _OPTIONAL_SESSION_VARIABLES if name in found)
            self._session_variables = _SESSION_VARIABLES + optional
            self._session = self._session_state()
            self._session_condition = _session_condition(_session_columns(self._session_variables), self._session)

    def _session_state(self) -> tuple[Any, ...]:
        return tuple(self.query(f"SELECT {', '.join(_session_columns(self._session_variables))}")[0])

    def restore_session(self) -> None:
        """Put back what a file changed: one query to compare (by the server, byte for byte: one
        value comes back, not the fifteen), and only if something changed, the state read and one
        ``SET`` (and ``USE``) to restore."""
        if self._session is None:
            return
        condition, params = self._session_condition
        if self.query(f"SELECT {condition}", params)[0][0] == 1:
            return
        now = self._session_state()
        if now == self._session:
            return
        database, *values = self._session
        changed = [
            (name, value)
            for name, value, current in zip(self._session_variables, values, now[1:], strict=True)
            if value != current
        ]
        if any(name == "autocommit" for name, _ in changed) and self._in_transaction():
            # Turning autocommit back on commits the open transaction: the file's last statements
            # would be committed before the row that counts them. Put back once that transaction ends.
            self._autocommit_after = dict(changed)["autocommit"]
            changed = [(name, value) for name, value in changed if name != "autocommit"]
        if changed:
            assignments = ", ".join(f"SESSION {name} = %s" for name, _ in changed)
            self.execute(f"SET {assignments}", [value for _, value in changed])
        if now[0] != database and database is not None:
            try:
                self.connection.select_db(database)
            except pymysql.MySQLError as exc:
                raise self._translate(exc) from None

    def session_unchanged(self) -> tuple[str, tuple[Any, ...]] | None:
        """The comparison :meth:`restore_session` queries, as a condition (PyMySQL escapes its
        parameters as the session the file left reads them, ``NO_BACKSLASH_ESCAPES`` too)."""
        if self._session is None:
            return None
        return self._session_condition

    def _translate(self, exc: pymysql.MySQLError) -> DriverError:
        code, message = _code_and_message(exc)
        closed = self._connection is not None and not self._connection.open
        if code in _CONNECTION_LOST or closed or isinstance(exc, pymysql.InterfaceError):
            # PyMySQL raises InterfaceError(0, '') for a session already closed: say so
            said = message or "the connection is closed"
            return DriverError(f"lost the connection to {self.display_url}: {said}", connection_lost=True)
        if not message:
            message = f"{type(exc).__name__} without a message from the server"
        return DriverError(f"{message} (error {code})" if code else message)

    def commit(self) -> None:
        """Commit the open transaction, then put back an ``autocommit`` a file changed (see
        :meth:`restore_session`)."""
        super().commit()
        self._put_autocommit_back()

    def rollback(self) -> None:
        """Roll back whatever is open, then put back an ``autocommit`` a file changed; never raises."""
        if self._connection is not None and self._connection.open:
            with contextlib.suppress(pymysql.MySQLError):
                self._connection.rollback()
            with contextlib.suppress(DriverError):
                self._put_autocommit_back()

    def _in_transaction(self) -> bool:
        return bool(self.connection.server_status & SERVER_STATUS.SERVER_STATUS_IN_TRANS)

    def _put_autocommit_back(self) -> None:
        value, self._autocommit_after = self._autocommit_after, None
        if value is not None:
            self.execute("SET SESSION autocommit = %s", [value])

    def _lock(self, timeout_s: float) -> None:
        """``GET_LOCK`` with the lock timeout."""
        got = self.query("SELECT GET_LOCK(%s, %s)", (self.lock_name, math.ceil(timeout_s)))[0][0]
        if got != 1:
            raise LockTimeoutError(
                f"another ratchet process held the migration lock of {self.display_url} for over "
                f"{timeout_s:g}s; wait for it to finish, or raise lock-timeout"
            )

    def _unlock(self) -> None:
        """``RELEASE_LOCK`` (a closed session has released it already)."""
        if self._connection is not None and self._connection.open:
            with contextlib.suppress(DriverError):
                self.query("SELECT RELEASE_LOCK(%s)", (self.lock_name,))

    def set_lock_timeout(self, milliseconds: int | None) -> None:
        """``lock_wait_timeout`` (metadata locks) and ``innodb_lock_wait_timeout`` (row locks),
        in whole seconds, for the session; ``None`` restores the values found before."""
        if milliseconds is None and self._saved_timeouts is None:
            return
        if self._saved_timeouts is None:
            row = self.query("SELECT @@SESSION.lock_wait_timeout, @@SESSION.innodb_lock_wait_timeout")[0]
            self._saved_timeouts = (row[0], row[1])
        if milliseconds is None:
            values: tuple[Any, Any] = self._saved_timeouts
        else:
            seconds = max(1, math.ceil(milliseconds / 1000))
            values = (seconds, seconds)
        self.execute("SET SESSION lock_wait_timeout = %s, SESSION innodb_lock_wait_timeout = %s", values)

    def history_column_type(self, column: str) -> str:
        """As in the base class, with MySQL's types (:attr:`history_types`); ``version`` compares
        exactly, in :attr:`key_collation`."""
        if column == "version":
            return f"VARCHAR(64) CHARACTER SET utf8mb4 COLLATE {self.key_collation} PRIMARY KEY"
        return super().history_column_type(column)

    def read_catalog(self, excluded_tables: frozenset[str]) -> dict[str, dict[str, Any]]:
        """``information_schema``, normalised (see :mod:`ratchet.backends.mysql_schema`)."""
        return mysql_schema.read_catalog(self, excluded_tables)

    def dump_schema(self, excluded_tables: frozenset[str]) -> str:
        """``SHOW CREATE`` of every table, view, trigger and routine, in a stable order."""
        return mysql_schema.dump_schema(self, excluded_tables)

    def quote(self, identifier: str) -> str:
        """Backticks (double quotes are string literals unless ANSI_QUOTES is set)."""
        return f"`{identifier}`"

    @property
    def key_collation(self) -> str:
        """A binary collation without padding, so ``'db_version '`` and ``'db_version'`` are two
        keys: ``utf8mb4_nopad_bin`` (MariaDB 10.2+), ``utf8mb4_0900_bin`` (MySQL 8), else
        ``utf8mb4_bin`` (which pads: only servers older than those lack both)."""
        if self._key_collation is None:
            rows = self.query(
                "SELECT COLLATION_NAME FROM information_schema.COLLATIONS WHERE COLLATION_NAME IN (%s, %s)",
                _NO_PAD_COLLATIONS,
            )
            found = {str(row[0]) for row in rows}
            self._key_collation = next((name for name in _NO_PAD_COLLATIONS if name in found), "utf8mb4_bin")
        return self._key_collation

    def upgrade_key_columns(self, settings_table: str, history_table: str, lock_timeout_s: float) -> None:
        """Tables made by an older ratchet compare keys with ``utf8mb4_bin``, which ignores
        trailing spaces: ``ALTER`` their key columns to :attr:`key_collation`, under the
        migration lock, re-checked there (one query when nothing is to do)."""
        if not self._stale_key_columns(settings_table, history_table):
            return
        self.acquire_lock(lock_timeout_s)
        try:
            for table, column in self._stale_key_columns(settings_table, history_table):
                kind = "VARCHAR(191)" if column == "key" else "VARCHAR(64)"
                self.execute(
                    f"ALTER TABLE {self.quote(table)} MODIFY {self.quote(column)} {kind} "
                    f"CHARACTER SET utf8mb4 COLLATE {self.key_collation} NOT NULL"
                )
        finally:
            self.release_lock()

    def _stale_key_columns(self, settings_table: str, history_table: str) -> list[tuple[str, str]]:
        rows = self.query(
            "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
            "AND ((TABLE_NAME = %s AND COLUMN_NAME = 'key') OR (TABLE_NAME = %s AND COLUMN_NAME = 'version')) "
            "AND COLLATION_NAME <> %s",
            (settings_table, history_table, self.key_collation),
        )
        return [(str(row[0]), str(row[1])) for row in rows]

    def table_reference(self, name: str) -> str:
        """```database`.`table``` (the database named by the URL or current when adopted)."""
        return "`" + self.database.replace("`", "``") + "`." + self.quote(name)

    def upsert_setting_sql(self, table: str, key_column: str) -> str:
        """``INSERT ... ON DUPLICATE KEY UPDATE``: one atomic upsert (MariaDB has no ``AS new`` alias)."""
        return (
            f"INSERT INTO {table} ({key_column}, value) VALUES (%s, %s) "
            "ON DUPLICATE KEY UPDATE value = VALUES(value), updated_at = CURRENT_TIMESTAMP"
        )

    def max_value_bytes(self) -> int | None:
        """``max_allowed_packet`` less room for the statement around the value."""
        return int(self.query("SELECT @@max_allowed_packet")[0][0]) - _PACKET_OVERHEAD

    def settings_table_ddl(self, name: str) -> str:
        """The seed's table with ``key`` as ``VARCHAR(191)`` (the longest utf8mb4 key InnoDB
        indexes everywhere), compared exactly like on the other databases (:attr:`key_collation`)."""
        return (
            f"CREATE TABLE IF NOT EXISTS {self.quote(name)} (\n"
            f"  `key` VARCHAR(191) CHARACTER SET utf8mb4 COLLATE {self.key_collation} PRIMARY KEY,\n"
            "  value LONGTEXT NOT NULL,\n"
            "  created_at TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP,\n"
            "  updated_at TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP\n"
            f"){self.table_options}"
        )

    def close(self) -> None:
        """Close an owned connection; give an adopted one back as it was."""
        connection = self._connection
        if connection is None or not connection.open:
            return
        self.rollback()
        self.release_lock_fully()
        if self._owns_connection:
            with contextlib.suppress(pymysql.MySQLError):
                connection.close()
            self._connection = None
            return
        with contextlib.suppress(DriverError):
            self.set_lock_timeout(None)
        if self._saved_autocommit is not None:
            connection.autocommit(self._saved_autocommit)
