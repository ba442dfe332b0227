"""The floor for a fresh apply: a minimal stdlib ``sqlite3`` loop doing ratchet's commits.

Usage: ``python sqlite_loop.py MIGRATIONS_DIR DATABASE_FILE [--history]``. Per file, in
version order: read it, ``BEGIN IMMEDIATE``, run its statements, update the version row,
``COMMIT``. No checks, no output: what any migration runner must at least do. With
``--history`` it also inserts a row shaped like ratchet's ``schema_history`` row in the same
transaction, to show what writing the history costs by itself (more pages per commit).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys


def version_key(name: str) -> tuple[int, ...]:
    """``1.10.0__x.sql`` -> ``(1, 10, 0)``: numeric order, like ratchet's."""
    return tuple(int(part) for part in name.split("__", 1)[0].split("."))


HISTORY = """CREATE TABLE IF NOT EXISTS schema_history (
  version TEXT PRIMARY KEY, description TEXT NOT NULL, checksum TEXT NOT NULL, status TEXT NOT NULL,
  waivers TEXT NOT NULL DEFAULT '[]', applied_at TEXT NOT NULL, duration_ms INTEGER NOT NULL DEFAULT 0,
  applied_by TEXT NOT NULL, statements_done INTEGER NOT NULL DEFAULT 0, error TEXT,
  lint_bypassed INTEGER NOT NULL DEFAULT 0)"""


def main(directory: str, database: str, *, history: bool = False) -> None:
    """Apply every ``.sql`` file of ``directory`` to ``database``, one commit per file."""
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("CREATE TABLE IF NOT EXISTS system_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    connection.execute("INSERT OR IGNORE INTO system_settings (key, value) VALUES ('db_version', '')")
    if history:
        connection.execute(HISTORY)
    names = sorted((name for name in os.listdir(directory) if name.endswith(".sql")), key=version_key)
    for name in names:
        with open(os.path.join(directory, name), encoding="utf-8") as handle:
            text = handle.read()
        connection.execute("BEGIN IMMEDIATE")
        for statement in text.split(";"):
            if statement.strip():
                connection.execute(statement)
        version = name.split("__", 1)[0]
        connection.execute("UPDATE system_settings SET value = ? WHERE key = 'db_version'", (version,))
        if history:
            digest = hashlib.sha256(text.encode()).hexdigest()
            row = (version, name, digest, "applied", "[]", "2026-01-01T00:00:00.000+00:00", 0, "bench@host", 1, None, 0)
            connection.execute(f"INSERT INTO schema_history VALUES ({', '.join('?' * len(row))})", row)
        connection.execute("COMMIT")
    connection.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], history="--history" in sys.argv[3:])
