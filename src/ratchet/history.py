"""ratchet's two tables: ``system_settings`` (key/value, holds ``db_version``) and
``schema_history`` (one row per migration file)."""

from __future__ import annotations

import functools
import getpass
import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from packaging.version import InvalidVersion, Version

from ratchet.backends.base import HISTORY_COLUMNS, Backend, Row
from ratchet.discover import FileVersion
from ratchet.errors import DriverError, RefusedError, SettingsError
from ratchet.lazyre import LazyPattern
from ratchet.states import DONE_STATUSES, RowStatus

DB_VERSION_KEY = "db_version"
#: A lone surrogate: what Python makes of a non-UTF-8 byte in argv, and what no database stores.
_SURROGATE = LazyPattern("[\ud800-\udfff]")
MAX_KEY_LENGTH = 191
_CREATE_ATTEMPTS = 3
#: Added by ``repair --accept-checksum`` when first needed, so older history tables keep working.
CHECKSUM_CHANGES = "checksum_changes"
#: ``schema_history.kind`` of a versioned file's row and of a repeatable file's row.
VERSIONED = "versioned"
REPEATABLE = "repeatable"
_VERSION_COLUMN_WIDTH = 64
#: The columns every history table has (:data:`HISTORY_COLUMNS`), as a SELECT list.
_NAMES = tuple(name for name, _ in HISTORY_COLUMNS)
_COLUMNS = ", ".join(_NAMES)


@dataclass(frozen=True)
class HistoryRow:
    """One ``schema_history`` row."""

    version: Version
    description: str
    checksum: str
    status: str
    waivers: list[dict[str, Any]]
    applied_at: str
    duration_ms: int
    applied_by: str
    statements_done: int
    error: str | None
    lint_bypassed: bool

    @property
    def done(self) -> bool:
        """Applied, skipped or baselined: the file needs nothing more."""
        return self.status in DONE_STATUSES


@dataclass(frozen=True)
class RepeatableRow:
    """The history row of a repeatable file: its last application."""

    description: str
    checksum: str
    status: str
    applied_at: str
    duration_ms: int
    applied_by: str


@dataclass(frozen=True)
class DatabaseState:
    """What the database says about migrations."""

    db_version: Version | None
    rows: dict[Version, HistoryRow]
    repeatables: dict[str, RepeatableRow] = field(default_factory=dict)


def repeatable_key(description: str) -> str:
    """What a repeatable file's row holds in the ``version`` column: ``R__description``, or a
    digest of it when that is longer than the column (never a valid version, so never confused)."""
    key = f"R__{description}"
    if len(key) <= _VERSION_COLUMN_WIDTH:
        return key
    return "R__" + hashlib.sha256(description.encode("utf-8")).hexdigest()[: _VERSION_COLUMN_WIDTH - 3]


#: The columns :meth:`Tables.insert_row` writes, in the order of its parameters.
_INSERTED = (
    "version",
    "description",
    "checksum",
    "status",
    "waivers",
    "applied_at",
    "duration_ms",
    "applied_by",
    "statements_done",
    "error",
    "lint_bypassed",
    "kind",
)


def now_utc() -> str:
    """The current time as ISO-8601 UTC with milliseconds (how ``applied_at`` is stored)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@functools.cache
def applied_by() -> str:
    """``user@host`` of this process, for the history row (looked up once per process)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"{user}@{_host_name()}"


def _host_name() -> str:
    """The host's name: ``uname``'s node name, which is what ``gethostname`` reads on POSIX (the
    ``socket`` module costs 15M instructions to import), else ``socket.gethostname``."""
    uname = getattr(os, "uname", None)
    if uname is not None:
        return str(uname().nodename)
    import socket

    return socket.gethostname()


class Tables:
    """SQL against ratchet's tables on one backend (names validated by :mod:`ratchet.config`)."""

    def __init__(self, backend: Backend, settings_table: str, history_table: str) -> None:
        self.backend = backend
        backend.locate_tables((settings_table, history_table))
        self.settings = backend.table_reference(settings_table)
        self.history = backend.table_reference(history_table)
        self.settings_name = settings_table
        self.history_name = history_table
        self.p = backend.placeholder
        self._history_columns: frozenset[str] | None = None
        # db_version's text and version as last parsed: every file's claim reads it again
        self._db_version_read: tuple[str, Version] | None = None
        # the history row's INSERT: the same text for every row, built once
        self._insert = (
            f"INSERT INTO {self.history} ({', '.join(_INSERTED)}) VALUES ({', '.join([self.p] * len(_INSERTED))})"
        )

    def ensure(self) -> None:
        """Create both tables if missing (call inside a transaction where DDL is transactional),
        and add the history columns of later releases to a table an older ratchet created."""
        self.backend.execute(self.backend.settings_table_ddl(self.settings_name))
        self.backend.execute(self.backend.history_table_ddl(self.history_name))
        present = self.history_columns(refresh=True)
        for column, definition in self.backend.history_added_columns().items():
            if column in present:
                continue
            try:
                self.backend.execute(self.backend.add_column_sql(self.history_name, column, definition))
            except DriverError:
                # another process (a `settings set` outside the migration lock) added it first
                if column not in self.history_columns(refresh=True):
                    raise
        self._history_columns = None

    def history_columns(self, *, refresh: bool = False) -> frozenset[str]:
        """The history table's column names (empty when it does not exist)."""
        if self._history_columns is None or refresh:
            self._history_columns = frozenset(self.backend.column_names(self.history_name))
        return self._history_columns

    def create(self) -> None:
        """Create both tables if missing, each attempt in its own transaction. Another process
        may create them at the same moment (an application's ``set`` while ``migrate`` starts):
        PostgreSQL then fails ``CREATE TABLE IF NOT EXISTS`` on its catalog's unique index, so a
        failure after which the tables exist is that race, and creation is simply tried again."""
        for attempt in range(_CREATE_ATTEMPTS):
            try:
                with self.backend.transaction():
                    self.ensure()
                break
            except DriverError:
                if attempt == _CREATE_ATTEMPTS - 1 or not self._any_exists():
                    raise
        # a table of the same name that is not ratchet's is refused here, with advice, instead
        # of failing later on the first write with "no such column"
        self._read(self.settings_name, f"SELECT {_key_column(self.backend)}, value FROM {self.settings} WHERE 1 = 0")
        self._read(self.history_name, f"SELECT {_COLUMNS} FROM {self.history} WHERE 1 = 0")

    def _any_exists(self) -> bool:
        return self.backend.table_exists(self.settings_name) or self.backend.table_exists(self.history_name)

    def exist(self) -> bool:
        """Whether the settings table exists (history may not, for a pre-ratchet database)."""
        return self.backend.exists() and self.backend.table_exists(self.settings_name)

    def get(self, key: str) -> str | None:
        """A setting's value, or ``None``."""
        rows = self._read(
            self.settings_name,
            f"SELECT value FROM {self.settings} WHERE {_key_column(self.backend)} = {self.p}",
            (key,),
        )
        return str(rows[0][0]) if rows else None

    def put(self, key: str, value: str) -> None:
        """Insert or update a setting in one atomic upsert (the caller owns the transaction), so
        two writers of the same new key never collide on its primary key."""
        self.backend.execute(self.backend.upsert_setting_sql(self.settings, _key_column(self.backend)), (key, value))

    def all_settings(self) -> list[tuple[str, str, str, str]]:
        """Every setting as ``(key, value, created_at, updated_at)``, by key."""
        key_column = _key_column(self.backend)
        rows = self._read(
            self.settings_name,
            f"SELECT {key_column}, value, created_at, updated_at FROM {self.settings} ORDER BY {key_column}",
        )
        return [(str(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in rows]

    def db_version(self) -> Version | None:
        """The ``db_version`` setting, parsed; a malformed value is refused with advice."""
        return self._parse_db_version(self.get(DB_VERSION_KEY))

    def _parse_db_version(self, value: str | None) -> Version | None:
        if value is None:
            return None
        last = self._db_version_read
        if last is not None and last[0] == value:
            return last[1]
        try:
            version = FileVersion(value)
        except InvalidVersion:
            raise RefusedError(
                f"{self.settings_name}.db_version is '{value}', not a version",
                hint="fix the row by hand, or adopt the database with ratchet baseline VERSION",
            ) from None
        self._db_version_read = (value, version)
        return version

    def claim_state(self, version: Version) -> tuple[str | None, Version | None]:
        """One version's row status and ``db_version``, read in one query (inside the lock)."""
        rows = self.backend.query(
            f"SELECT (SELECT status FROM {self.history} WHERE version = {self.p}), "
            f"(SELECT value FROM {self.settings} WHERE {_key_column(self.backend)} = {self.p})",
            (str(version), DB_VERSION_KEY),
        )
        status, value = rows[0] if rows else (None, None)
        return (None if status is None else str(status)), self._parse_db_version(None if value is None else str(value))

    def claim_statuses(self) -> tuple[dict[str, str], Version | None]:
        """Every history row's status by its ``version`` text, and ``db_version``: what
        :meth:`claim_state` answers for any version, read once for a whole run that holds a
        session lock (call under it: no other runner writes while it is held)."""
        current = self.db_version()
        rows = self.backend.query(f"SELECT version, status FROM {self.history}")
        return {str(version): str(status) for version, status in rows}, current

    def rows(self) -> dict[Version, HistoryRow]:
        """Every versioned file's history row, keyed by version."""
        return self._all_rows()[0]

    def _all_rows(self) -> tuple[dict[Version, HistoryRow], dict[str, RepeatableRow]]:
        """Versioned rows by version, and repeatable rows by description."""
        if not self.backend.table_exists(self.history_name):
            return {}, {}
        result: dict[Version, HistoryRow] = {}
        repeatables: dict[str, RepeatableRow] = {}
        has_kind = "kind" in self.history_columns()
        names = (*_NAMES, "kind") if has_kind else _NAMES
        for raw in self._read(self.history_name, f"SELECT {', '.join(names)} FROM {self.history}"):
            named = dict(zip(names, raw, strict=True))
            if named.get("kind") == REPEATABLE:
                repeatables[str(named["description"])] = _repeatable_row(named)
                continue
            try:
                row = _history_row(named)
            except (InvalidVersion, ValueError, TypeError) as exc:
                raise RefusedError(
                    f"{self.history_name} has a row ratchet cannot read (version {named['version']!r}): {exc}",
                    hint="fix or delete that row by hand; ratchet writes only versions like 1.2.0 and JSON waivers",
                ) from None
            result[row.version] = row
        return result, repeatables

    def _read(self, table: str, sql: str, params: tuple[str, ...] = ()) -> list[Row]:
        """Query one of ratchet's tables; a table of the same name but another shape is refused
        with advice instead of the database's bare "no such column"."""
        try:
            return self.backend.query(sql, params)
        except DriverError as exc:
            if exc.connection_lost:
                raise
            setting = "settings-table" if table == self.settings_name else "history-table"
            raise RefusedError(
                f"table {table} exists but is not ratchet's: {exc.db_message}",
                hint=f"rename that table, or set {setting} in [tool.ratchet] to another name",
            ) from None

    def row_checksum_status(self, key: Version | str) -> tuple[str, str] | None:
        """One row's ``(checksum, status)``, or ``None`` (read inside the migration lock)."""
        rows = self.backend.query(f"SELECT checksum, status FROM {self.history} WHERE version = {self.p}", (str(key),))
        return (str(rows[0][0]), str(rows[0][1])) if rows else None

    def state(self) -> DatabaseState:
        """Read ``db_version`` and the history without creating anything.

        ``db_version`` first: a runner commits each file's row with ``db_version``, so the rows
        read after it hold every file up to it. Read the other way round (two statements, two
        snapshots), files another runner applied in between would be missing below a newer
        ``db_version`` and look out of order."""
        if not self.exist():
            return DatabaseState(None, {})
        db_version = self.db_version()
        rows, repeatables = self._all_rows()
        return DatabaseState(db_version, rows, repeatables)

    def insert_row(
        self,
        *,
        version: Version | str,
        description: str,
        checksum: str,
        status: str,
        waivers: list[dict[str, Any]],
        duration_ms: int = 0,
        statements_done: int = 0,
        error: str | None = None,
        lint_bypassed: bool = False,
        kind: str = VERSIONED,
        replace: bool = True,
        raise_version: bool = False,
        current: Version | None = None,
        begin: bool = False,
    ) -> None:
        """Insert one history row (``version`` is a :func:`repeatable_key` for a repeatable
        file's row), replacing a leftover row of the same version unless the caller knows there
        is none (``replace=False``). With ``raise_version``, ``db_version`` is also raised to
        ``version`` if newer than ``current`` (as read in this transaction; ``None``: unset),
        where the backend can in the same statement. With ``begin``, the transaction is opened
        first, sent with the row (one round trip where the backend pairs statements: the row is
        then written even if opening failed, committed at once: a row of a file not yet run)."""
        key = str(version)
        if begin and (replace or raise_version):
            self.backend.begin()
            begin = False
        if replace:
            self.backend.execute(f"DELETE FROM {self.history} WHERE version = {self.p}", (key,))
        params = _row_values(
            key, description, checksum, status, waivers, duration_ms, statements_done, error, lint_bypassed, kind
        )
        insert = self._insert
        bump = self._version_write(version, current) if raise_version and isinstance(version, Version) else None
        if bump is None and begin:
            self.backend.execute_pair((self.backend.begin_sql, ()), (insert, params))
        elif bump is None:
            self.backend.execute(insert, params)
        elif self.backend.writable_cte:
            self.backend.execute(f"WITH bumped AS ({bump[0]}) {insert}", (*bump[1], *params))
        else:
            self.backend.execute(*bump)
            self.backend.execute(insert, params)

    def running_row_if_session_unchanged_sql(
        self, *, version: Version, description: str, checksum: str, waivers: list[dict[str, Any]], lint_bypassed: bool
    ) -> tuple[str, tuple[Any, ...]] | None:
        """A new ``running`` row of a versioned file (:meth:`insert_row` where it replaces nothing and
        leaves ``db_version`` alone) as one statement that writes nothing unless the backend's
        :meth:`~ratchet.backends.base.Backend.session_unchanged` condition holds; ``None`` where the
        backend has no such condition."""
        condition = self.backend.session_unchanged()
        if condition is None:
            return None
        params = _row_values(
            str(version), description, checksum, RowStatus.RUNNING, waivers, 0, 0, None, lint_bypassed, VERSIONED
        )
        values = ", ".join([self.p] * len(_INSERTED))
        sql = (
            f"INSERT INTO {self.history} ({', '.join(_INSERTED)}) "
            f"SELECT {values}{self.backend.no_table} WHERE {condition[0]}"
        )
        return sql, (*params, *condition[1])

    def applied_row_sql(
        self,
        *,
        version: Version,
        description: str,
        checksum: str,
        waivers: list[dict[str, Any]],
        statements_done: int,
        lint_bypassed: bool,
        current: Version | None,
        duration_sql: str,
    ) -> tuple[str, tuple[Any, ...]]:
        """A versioned file's ``applied`` row with ``db_version`` raised from ``current`` (what
        :meth:`insert_row` writes with ``raise_version`` where it replaces nothing), as one statement
        of a backend with writable CTEs that goes before the file's statements have answered: its
        duration is the server's (``duration_sql``)."""
        values = _row_values(
            str(version),
            description,
            checksum,
            RowStatus.APPLIED,
            waivers,
            0,
            statements_done,
            None,
            lint_bypassed,
            VERSIONED,
        )
        at = _INSERTED.index("duration_ms")
        placeholders = [self.p] * len(_INSERTED)
        placeholders[at] = duration_sql
        insert = f"INSERT INTO {self.history} ({', '.join(_INSERTED)}) VALUES ({', '.join(placeholders)})"
        params = (*values[:at], *values[at + 1 :])
        bump = self._version_write(version, current)
        if bump is None:
            return insert, params
        return f"WITH bumped AS ({bump[0]}) {insert}", (*bump[1], *params)

    def raise_version(self, version: Version, current: Version | None) -> None:
        """Raise ``db_version`` to ``version`` if newer than ``current`` (as read under the
        migration lock; ``None``: unset), without reading it again."""
        write = self._version_write(version, current)
        if write is not None:
            self.backend.execute(*write)

    def _version_write(self, version: Version, current: Version | None) -> tuple[str, tuple[str, ...]] | None:
        """The statement raising ``db_version`` from ``current`` to ``version``, if it is newer (the
        next claim reads that text back: it is known parsed)."""
        key_column = _key_column(self.backend)
        if current is not None and not version > current:
            return None
        text = str(version)
        self._db_version_read = (text, version)
        if current is None:
            sql = f"INSERT INTO {self.settings} ({key_column}, value) VALUES ({self.p}, {self.p})"
            return sql, (DB_VERSION_KEY, text)
        sql = (
            f"UPDATE {self.settings} SET value = {self.p}, updated_at = CURRENT_TIMESTAMP WHERE {key_column} = {self.p}"
        )
        return sql, (text, DB_VERSION_KEY)

    def finish_is_one_statement(self, version: Version, current: Version | None) -> bool:
        """Whether :meth:`finish_row` sends one statement (atomic alone, in autocommit)."""
        if self._version_write(version, current) is None or self.backend.writable_cte:
            return True
        return self.backend.multi_table_update and current is not None

    def finish_row(self, version: Version, current: Version | None, **fields: Any) -> None:
        """:meth:`raise_version` from ``current`` and :meth:`update_row`, in one statement where the
        backend can write two tables in one (PostgreSQL's writable CTE, MySQL's multi-table
        ``UPDATE``): one round trip, and on MySQL, sent alone in autocommit, one commit."""
        if "applied_at" not in fields and fields.get("status") in DONE_STATUSES:
            fields["applied_at"] = now_utc()
        write = self._version_write(version, current)
        multi_table = self.backend.multi_table_update and write is not None and current is not None
        if write is None or not (self.backend.writable_cte or multi_table):
            if write is not None:
                self.backend.execute(*write)
            self.update_row(version, **fields)
            return
        if self.backend.writable_cte:
            assignments = ", ".join(f"{name} = {self.p}" for name in fields)
            self.backend.execute(
                f"WITH bumped AS ({write[0]}) UPDATE {self.history} SET {assignments} WHERE version = {self.p}",
                (*write[1], *fields.values(), str(version)),
            )
            return
        self.backend.execute(*self._multi_table_finish(version, fields))

    def _multi_table_finish(self, version: Version, fields: dict[str, Any]) -> tuple[str, tuple[Any, ...]]:
        """MySQL's finish in one ``UPDATE`` of both tables: both rows exist (db_version is set), so
        the join of the two is exactly one pair."""
        assignments = ", ".join(f"h.{name} = {self.p}" for name in fields)
        sql = (
            f"UPDATE {self.settings} AS s, {self.history} AS h SET s.value = {self.p}, "
            f"s.updated_at = CURRENT_TIMESTAMP, {assignments} "
            f"WHERE s.{_key_column(self.backend)} = {self.p} AND h.version = {self.p}"
        )
        return sql, (str(version), *fields.values(), DB_VERSION_KEY, str(version))

    def finish_if_session_unchanged_sql(
        self, version: Version, current: Version | None, fields: dict[str, Any]
    ) -> tuple[str, tuple[Any, ...]] | None:
        """:meth:`finish_row`'s end as one statement carrying the session condition: both tables
        (when ``db_version`` is raised: it must be set already), else the row alone. ``None`` where
        that is not one statement or the backend has no such condition (nothing is then written)."""
        if "applied_at" not in fields and fields.get("status") in DONE_STATUSES:
            fields["applied_at"] = now_utc()
        write = self._version_write(version, current)
        condition = self.backend.session_unchanged()
        if condition is None or (write is not None and not (self.backend.multi_table_update and current is not None)):
            return None
        if write is not None:
            sql, params = self._multi_table_finish(version, fields)
        else:
            assignments = ", ".join(f"{name} = {self.p}" for name in fields)
            sql = f"UPDATE {self.history} SET {assignments} WHERE version = {self.p}"
            params = (*fields.values(), str(version))
        return f"{sql} AND {condition[0]}", (*params, *condition[1])

    def delete_row(self, version: Version) -> None:
        """Delete one history row (``repair --forget``; the caller owns the transaction)."""
        self.backend.execute(f"DELETE FROM {self.history} WHERE version = {self.p}", (str(version),))

    def has_checksum_changes(self) -> bool:
        """Whether the history table has the ``checksum_changes`` column (call outside a transaction:
        on PostgreSQL a failed probe would abort it)."""
        try:
            self.backend.query(f"SELECT {CHECKSUM_CHANGES} FROM {self.history} WHERE 1 = 0")
        except DriverError:
            return False
        return True

    def add_checksum_changes(self) -> None:
        """Add the ``checksum_changes`` column to a history table created before it existed."""
        self.backend.execute(f"ALTER TABLE {self.history} ADD COLUMN {CHECKSUM_CHANGES} TEXT")

    def checksum_changes(self, version: Version) -> list[dict[str, Any]]:
        """The accepted checksum changes of one version, oldest first (``[]`` when none)."""
        if not self.has_checksum_changes():
            return []
        rows = self.backend.query(
            f"SELECT {CHECKSUM_CHANGES} FROM {self.history} WHERE version = {self.p}", (str(version),)
        )
        return list(json.loads(rows[0][0])) if rows and rows[0][0] else []

    def accept_checksum(self, version: Version, old: str, new: str, reason: str) -> None:
        """Record ``new`` as the version's checksum, keeping ``old`` and ``reason`` in ``checksum_changes``
        (the caller owns the transaction, and has added the column)."""
        changes = self.checksum_changes(version)
        changes.append(
            {"old_checksum": old, "new_checksum": new, "reason": reason, "at": now_utc(), "by": applied_by()}
        )
        self.update_row(version, checksum=new, **{CHECKSUM_CHANGES: json.dumps(changes)})

    def update_row(self, version: Version | str, **fields: Any) -> None:
        """Update columns of one history row (``status``, ``statements_done``, ``error`` ...)."""
        self.backend.execute(*self.update_row_sql(version, **fields))

    def update_row_sql(self, version: Version | str, **fields: Any) -> tuple[str, tuple[Any, ...]]:
        """The statement and parameters of :meth:`update_row`, for a caller that sends it."""
        if "applied_at" not in fields and fields.get("status") in DONE_STATUSES:
            fields["applied_at"] = now_utc()
        assignments = ", ".join(f"{name} = {self.p}" for name in fields)
        return f"UPDATE {self.history} SET {assignments} WHERE version = {self.p}", (*fields.values(), str(version))


def _row_values(
    key: str,
    description: str,
    checksum: str,
    status: str,
    waivers: list[dict[str, Any]],
    duration_ms: int,
    statements_done: int,
    error: str | None,
    lint_bypassed: bool,
    kind: str,
) -> tuple[Any, ...]:
    """A new history row's values, in the order of :data:`_INSERTED`."""
    waivers_text = json.dumps(waivers) if waivers else "[]"
    return (
        key,
        description,
        checksum,
        status,
        waivers_text,
        now_utc(),
        duration_ms,
        applied_by(),
        statements_done,
        error,
        int(lint_bypassed),
        kind,
    )


def _history_row(named: dict[str, Any]) -> HistoryRow:
    """A versioned file's row, from its columns by name."""
    waivers = named["waivers"]
    error = named["error"]
    return HistoryRow(
        version=Version(str(named["version"])),
        description=str(named["description"]),
        checksum=str(named["checksum"]),
        status=str(named["status"]),
        waivers=json.loads(waivers) if waivers and waivers != "[]" else [],
        applied_at=str(named["applied_at"]),
        duration_ms=int(named["duration_ms"]),
        applied_by=str(named["applied_by"]),
        statements_done=int(named["statements_done"]),
        error=None if error is None else str(error),
        lint_bypassed=bool(named["lint_bypassed"]),
    )


def _repeatable_row(named: dict[str, Any]) -> RepeatableRow:
    """A repeatable file's row, from its columns by name."""
    return RepeatableRow(
        description=str(named["description"]),
        checksum=str(named["checksum"]),
        status=str(named["status"]),
        applied_at=str(named["applied_at"]),
        duration_ms=int(named["duration_ms"]),
        applied_by=str(named["applied_by"]),
    )


def _key_column(backend: Backend) -> str:
    return backend.quote("key")


def check_setting(key: str, value: str | None = None, *, writing: bool = False) -> None:
    """Reject keys and values no backend can store alike: NUL bytes, keys over 191
    characters, and writes to ``db_version``."""
    if not isinstance(key, str) or not key:
        raise SettingsError("a setting key must be a non-empty string")
    if len(key) > MAX_KEY_LENGTH:
        raise SettingsError(f"setting key is {len(key)} characters; the limit is {MAX_KEY_LENGTH}")
    for what, text in (("key", key), ("value", value)):
        if text is None:
            continue
        if "\x00" in text:
            raise SettingsError(f"the setting {what} contains a NUL byte, which no database stores alike; remove it")
        if _SURROGATE.search(text):
            raise SettingsError(
                f"the setting {what} is not valid Unicode (a lone surrogate, or a byte that is not UTF-8 "
                "given on the command line); pass UTF-8 text"
            )
    if writing and key == DB_VERSION_KEY:
        raise SettingsError(
            "db_version is read-only: ratchet migrate sets it",
            hint="to adopt an existing database use: ratchet baseline VERSION",
        )
