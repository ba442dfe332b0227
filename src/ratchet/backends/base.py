"""The narrow interface every database driver implements (modelled on dbmate's drivers).

A backend runs one statement at a time, brackets transactions, holds the migration lock,
knows its dialect's DDL for ratchet's two tables, and turns driver exceptions into
:class:`ratchet.errors.DriverError`. Everything else (history, planning, running) is
written once against this interface.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar

Row = tuple[Any, ...]


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

    #: The column type of ``duration_ms`` in the default history table.
    big_integer_type: ClassVar[str] = "BIGINT"

    def __init__(self, display_url: str) -> None:
        self.display_url = display_url
        self._lock_depth = 0

    def exists(self) -> bool:
        """Whether the database already exists (reading a missing SQLite file must not create it)."""
        return True

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; return the affected row count (``-1`` when unknown)."""

    @abstractmethod
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run one query and return all its rows."""

    @abstractmethod
    def begin(self) -> None:
        """Open a transaction (SQLite takes the write lock here: ``BEGIN IMMEDIATE``)."""

    @abstractmethod
    def commit(self) -> None:
        """Commit the open transaction."""

    @abstractmethod
    def rollback(self) -> None:
        """Roll back the open transaction, if any; never raises for a dead transaction."""

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

    @abstractmethod
    def table_exists(self, name: str) -> bool:
        """Whether a table of this name exists in the current database/schema."""

    def settings_table_ddl(self, name: str) -> str:
        """``CREATE TABLE IF NOT EXISTS`` for the key/value settings table: the seed's, verbatim."""
        return (
            f"CREATE TABLE IF NOT EXISTS {self.quote(name)} (\n"
            "  key TEXT PRIMARY KEY,\n"
            "  value TEXT NOT NULL,\n"
            "  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,\n"
            "  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP\n"
            ")"
        )

    def history_table_ddl(self, name: str) -> str:
        """``CREATE TABLE IF NOT EXISTS`` for the migration history table, one row per file."""
        return (
            f"CREATE TABLE IF NOT EXISTS {self.quote(name)} (\n"
            "  version TEXT PRIMARY KEY,\n"
            "  description TEXT NOT NULL,\n"
            "  checksum TEXT NOT NULL,\n"
            "  status TEXT NOT NULL,\n"
            "  waivers TEXT NOT NULL DEFAULT '[]',\n"
            "  applied_at TEXT NOT NULL,\n"
            f"  duration_ms {self.big_integer_type} NOT NULL DEFAULT 0,\n"
            "  applied_by TEXT NOT NULL,\n"
            "  statements_done INTEGER NOT NULL DEFAULT 0,\n"
            "  error TEXT,\n"
            "  lint_bypassed INTEGER NOT NULL DEFAULT 0\n"
            ")"
        )

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """``begin()``; ``commit()`` on success, ``rollback()`` on any exception."""
        self.begin()
        try:
            yield
        except BaseException:
            self.rollback()
            raise
        self.commit()

    @abstractmethod
    def set_lock_timeout(self, milliseconds: int | None) -> None:
        """Apply a file's ``-- guard: lock-timeout`` (``None`` restores the default)."""

    def invalid_indexes(self) -> list[str]:
        """Indexes a failed non-transactional statement may have left unusable (PostgreSQL's
        INVALID indexes after ``CREATE INDEX CONCURRENTLY``); none elsewhere."""
        return []

    def quote(self, identifier: str) -> str:
        """Quote an identifier already validated as plain (``[A-Za-z_][A-Za-z0-9_]*``)."""
        return f'"{identifier}"'

    @abstractmethod
    def close(self) -> None:
        """Close the session unless it belongs to the caller."""
