"""Record the schema snapshot with a history row, and find the latest one.

A run that applied files reads the catalog once, after its last file, and stores it with
its fingerprint in that file's history row; ``ratchet diff`` compares the live catalog
with the newest snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass

from ratchet.backends.base import Backend
from ratchet.catalog import Catalog
from ratchet.errors import RefusedError
from ratchet.history import Tables
from ratchet.runner import migration_lock
from ratchet.states import DONE_STATUSES


@dataclass(frozen=True)
class Snapshot:
    """A recorded catalog and the history row it is stored with."""

    key: str
    applied_at: str
    catalog: Catalog
    fingerprint: str


def excluded_tables(tables: Tables) -> frozenset[str]:
    """ratchet's own tables, which the catalog leaves out."""
    return frozenset({tables.settings_name, tables.history_name})


def live_catalog(backend: Backend, tables: Tables) -> Catalog:
    """The catalog as it is now."""
    return Catalog(backend.read_catalog(excluded_tables(tables)))


def record_snapshot(backend: Backend, tables: Tables, key: str, lock_timeout_s: float) -> Catalog:
    """Read the catalog and store it with the history row ``key`` (a version, or a repeatable
    file's key), under the migration lock so that no other runner changes the schema meanwhile."""
    with migration_lock(backend, lock_timeout_s, session=False), backend.transaction():
        catalog = live_catalog(backend, tables)
        tables.update_row(key, schema_fingerprint=catalog.fingerprint, schema_snapshot=catalog.text)
    return catalog


def latest_snapshot(tables: Tables) -> Snapshot | None:
    """The newest recorded snapshot, or ``None`` (a database migrated before snapshots)."""
    if not tables.exist() or "schema_snapshot" not in tables.history_columns():
        return None
    rows = tables.backend.query(
        f"SELECT version, applied_at, schema_snapshot, schema_fingerprint FROM {tables.history} "
        "WHERE schema_snapshot IS NOT NULL ORDER BY applied_at DESC LIMIT 1"
    )
    if not rows:
        return None
    key, applied_at, text, fingerprint = rows[0]
    try:
        catalog = Catalog.from_text(str(text))
    except ValueError as exc:
        raise RefusedError(
            f"{tables.history_name} row {key} holds a schema snapshot ratchet cannot read: {exc}",
            hint="record a new one with `ratchet diff --record`",
        ) from None
    return Snapshot(str(key), str(applied_at), catalog, str(fingerprint))


def newest_done_row(tables: Tables) -> str | None:
    """The ``version`` column of the most recently applied row (what ``diff --record`` uses)."""
    if not tables.exist() or not tables.backend.table_exists(tables.history_name):
        return None
    statuses = ", ".join(f"'{status}'" for status in sorted(DONE_STATUSES))
    rows = tables.backend.query(
        f"SELECT version FROM {tables.history} WHERE status IN ({statuses}) ORDER BY applied_at DESC LIMIT 1"
    )
    return str(rows[0][0]) if rows else None
