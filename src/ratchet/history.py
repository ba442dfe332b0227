"""ratchet's two tables: ``system_settings`` (key/value, holds ``db_version``) and
``schema_history`` (one row per migration file)."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from packaging.version import InvalidVersion, Version

from ratchet.backends.base import Backend, Row
from ratchet.errors import DriverError, RefusedError, SettingsError

DB_VERSION_KEY = "db_version"
MAX_KEY_LENGTH = 191
DONE_STATUSES = frozenset({"applied", "skipped", "baseline"})
#: Added by ``repair --accept-checksum`` when first needed, so older history tables keep working.
CHECKSUM_CHANGES = "checksum_changes"
_COLUMNS = (
    "version, description, checksum, status, waivers, applied_at, duration_ms, "
    "applied_by, statements_done, error, lint_bypassed"
)


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
class DatabaseState:
    """What the database says about migrations."""

    db_version: Version | None
    rows: dict[Version, HistoryRow]


def now_utc() -> str:
    """The current time as ISO-8601 UTC with milliseconds (how ``applied_at`` is stored)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@functools.cache
def applied_by() -> str:
    """``user@host`` of this process, for the history row (looked up once per process)."""
    import getpass  # here, not at the top: only a run that applies files needs them
    import socket

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"{user}@{socket.gethostname()}"


class Tables:
    """SQL against ratchet's tables on one backend (names validated by :mod:`ratchet.config`)."""

    def __init__(self, backend: Backend, settings_table: str, history_table: str) -> None:
        self.backend = backend
        self.settings = backend.quote(settings_table)
        self.history = backend.quote(history_table)
        self.settings_name = settings_table
        self.history_name = history_table
        self.p = backend.placeholder

    def ensure(self) -> None:
        """Create both tables if missing (call inside a transaction where DDL is transactional)."""
        self.backend.execute(self.backend.settings_table_ddl(self.settings_name))
        self.backend.execute(self.backend.history_table_ddl(self.history_name))

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
        """Insert or update a setting (the caller owns the transaction)."""
        key_column = _key_column(self.backend)
        updated = self.backend.execute(
            f"UPDATE {self.settings} SET value = {self.p}, updated_at = CURRENT_TIMESTAMP "
            f"WHERE {key_column} = {self.p}",
            (value, key),
        )
        # MySQL counts changed rows, not matched ones, unless the client asked for FOUND_ROWS.
        if updated == 0 and self.get(key) is None:
            self.backend.execute(
                f"INSERT INTO {self.settings} ({key_column}, value) VALUES ({self.p}, {self.p})",
                (key, value),
            )

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
        value = self.get(DB_VERSION_KEY)
        if value is None:
            return None
        try:
            return Version(value)
        except InvalidVersion:
            raise RefusedError(
                f"{self.settings_name}.db_version is '{value}', not a version",
                hint="fix the row by hand, or adopt the database with ratchet baseline VERSION",
            ) from None

    def rows(self) -> dict[Version, HistoryRow]:
        """Every history row, keyed by version."""
        if not self.backend.table_exists(self.history_name):
            return {}
        result: dict[Version, HistoryRow] = {}
        for raw in self._read(self.history_name, f"SELECT {_COLUMNS} FROM {self.history}"):
            try:
                row = self._history_row(raw)
            except (InvalidVersion, ValueError, TypeError) as exc:
                raise RefusedError(
                    f"{self.history_name} has a row ratchet cannot read (version {raw[0]!r}): {exc}",
                    hint="fix or delete that row by hand; ratchet writes only versions like 1.2.0 and JSON waivers",
                ) from None
            result[row.version] = row
        return result

    def _read(self, table: str, sql: str, params: tuple[str, ...] = ()) -> list[Row]:
        """Query one of ratchet's tables; a table of the same name but another shape is refused
        with advice instead of the database's bare "no such column"."""
        try:
            return self.backend.query(sql, params)
        except DriverError as exc:
            setting = "settings-table" if table == self.settings_name else "history-table"
            raise RefusedError(
                f"table {table} exists but is not ratchet's: {exc.db_message}",
                hint=f"rename that table, or set {setting} in [tool.ratchet] to another name",
            ) from None

    @staticmethod
    def _history_row(raw: Row) -> HistoryRow:
        return HistoryRow(
            version=Version(str(raw[0])),
            description=str(raw[1]),
            checksum=str(raw[2]),
            status=str(raw[3]),
            waivers=json.loads(raw[4]) if raw[4] and raw[4] != "[]" else [],
            applied_at=str(raw[5]),
            duration_ms=int(raw[6]),
            applied_by=str(raw[7]),
            statements_done=int(raw[8]),
            error=None if raw[9] is None else str(raw[9]),
            lint_bypassed=bool(raw[10]),
        )

    def row_status(self, version: Version) -> str | None:
        """The status of one version's row, or ``None`` (read inside the migration lock)."""
        rows = self.backend.query(f"SELECT status FROM {self.history} WHERE version = {self.p}", (str(version),))
        return str(rows[0][0]) if rows else None

    def state(self) -> DatabaseState:
        """Read ``db_version`` and the history without creating anything."""
        if not self.exist():
            return DatabaseState(None, {})
        return DatabaseState(self.db_version(), self.rows())

    def insert_row(
        self,
        *,
        version: Version,
        description: str,
        checksum: str,
        status: str,
        waivers: list[dict[str, Any]],
        duration_ms: int = 0,
        statements_done: int = 0,
        error: str | None = None,
        lint_bypassed: bool = False,
    ) -> None:
        """Insert one history row, replacing a leftover row of the same version."""
        self.backend.execute(f"DELETE FROM {self.history} WHERE version = {self.p}", (str(version),))
        marks = ", ".join([self.p] * 11)
        self.backend.execute(
            f"INSERT INTO {self.history} ({_COLUMNS}) VALUES ({marks})",
            (
                str(version),
                description,
                checksum,
                status,
                json.dumps(waivers),
                now_utc(),
                duration_ms,
                applied_by(),
                statements_done,
                error,
                int(lint_bypassed),
            ),
        )

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

    def update_row(self, version: Version, **fields: Any) -> None:
        """Update columns of one history row (``status``, ``statements_done``, ``error`` ...)."""
        if "applied_at" not in fields and fields.get("status") in DONE_STATUSES:
            fields["applied_at"] = now_utc()
        assignments = ", ".join(f"{name} = {self.p}" for name in fields)
        self.backend.execute(
            f"UPDATE {self.history} SET {assignments} WHERE version = {self.p}",
            (*fields.values(), str(version)),
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
    if "\x00" in key or (value is not None and "\x00" in value):
        raise SettingsError("setting keys and values cannot contain NUL bytes")
    if writing and key == DB_VERSION_KEY:
        raise SettingsError(
            "db_version is read-only: ratchet migrate sets it",
            hint="to adopt an existing database use: ratchet baseline VERSION",
        )
