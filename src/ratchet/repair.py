"""``repair``'s actions on one history row (:meth:`ratchet.runner.Runner.repair` holds the lock,
checks the row and calls them)."""

from __future__ import annotations

from ratchet.backends.base import Backend
from ratchet.discover import MigrationFile
from ratchet.errors import RefusedError
from ratchet.history import HistoryRow, Tables
from ratchet.indexes import invalid_indexes
from ratchet.runner import FileResult
from ratchet.snapshot import record_snapshot
from ratchet.states import Outcome, RowStatus


def forget(backend: Backend, tables: Tables, row: HistoryRow) -> FileResult:
    """Delete a ``failed`` row whose file committed nothing, so the corrected file runs again."""
    if row.status != RowStatus.FAILED:
        raise RefusedError(
            f"migration {row.version} has status '{row.status}'; --forget only deletes a 'failed' row",
            hint="a 'running' row may have a statement in effect: see `ratchet status`, then --retry or --mark-applied",
        )
    if row.statements_done > 0:
        raise RefusedError(
            f"migration {row.version} committed {row.statements_done} statement(s) before it failed; "
            "forgetting it would run them again",
            hint=f"correct the failed statement, then `ratchet repair {row.version} --accept-checksum "
            f'--reason "..."` and `ratchet repair {row.version} --retry`; or undo them by hand first',
        )
    with backend.transaction():
        tables.delete_row(row.version)
    return FileResult(row.version, row.description, Outcome.FORGOTTEN, 0, 0)


def accept_checksum(backend: Backend, tables: Tables, row: HistoryRow, file: MigrationFile, reason: str) -> FileResult:
    """Record ``file``'s checksum for ``row`` after a harmless edit; the old one and ``reason`` stay in history."""
    if file.matches(row.checksum):
        raise RefusedError(
            f"{file.path} has the checksum recorded for {row.version}; there is no edit to accept",
            hint="see `ratchet validate`",
        )
    if not tables.has_checksum_changes():
        with backend.transaction():
            tables.add_checksum_changes()
    with backend.transaction():
        tables.accept_checksum(row.version, row.checksum, file.checksum, reason)
    return FileResult(row.version, row.description, Outcome.CHECKSUM_ACCEPTED, 0, 0, reason)


def refuse_invalid_indexes(backend: Backend, file: MigrationFile) -> None:
    """Neither retrying nor marking a file applied may hide an INVALID index it left (a
    retry fails with "already exists", or with IF NOT EXISTS keeps the broken index)."""
    left = [index for index in invalid_indexes(backend, [file]) if index.version == file.version]
    if left:
        listed = ", ".join(f"{index.index} (on {index.table})" for index in left)
        drops = "; ".join(f"DROP INDEX CONCURRENTLY {index.index}" for index in left)
        raise RefusedError(
            f"migration {file.version} left INVALID index(es): {listed}; nothing was changed",
            hint=f"drop them first ({drops}), then run the repair again",
        )


def record_after_repair(backend: Backend, tables: Tables, key: str, lock_timeout_s: float) -> None:
    """The finished file changed the schema: record the snapshot with its row, as migrate does."""
    tables.create()  # a row left by an older ratchet: its table may lack the snapshot columns
    record_snapshot(backend, tables, key, lock_timeout_s)
