"""The floor for a fresh apply: a minimal stdlib ``sqlite3`` loop doing ratchet's commits.

Usage: ``python sqlite_loop.py MIGRATIONS_DIR DATABASE_FILE``. Per file, in version order:
read it, ``BEGIN IMMEDIATE``, run its statements, update the version row, ``COMMIT``.
No checks, no history, no output: what any migration runner must at least do.
"""

from __future__ import annotations

import os
import sqlite3
import sys


def version_key(name: str) -> tuple[int, ...]:
    """``1.10.0__x.sql`` -> ``(1, 10, 0)``: numeric order, like ratchet's."""
    return tuple(int(part) for part in name.split("__", 1)[0].split("."))


def main(directory: str, database: str) -> None:
    """Apply every ``.sql`` file of ``directory`` to ``database``, one commit per file."""
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("CREATE TABLE IF NOT EXISTS system_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    connection.execute("INSERT OR IGNORE INTO system_settings (key, value) VALUES ('db_version', '')")
    names = sorted((name for name in os.listdir(directory) if name.endswith(".sql")), key=version_key)
    for name in names:
        with open(os.path.join(directory, name), encoding="utf-8") as handle:
            text = handle.read()
        connection.execute("BEGIN IMMEDIATE")
        for statement in text.split(";"):
            if statement.strip():
                connection.execute(statement)
        connection.execute("UPDATE system_settings SET value = ? WHERE key = 'db_version'", (name.split("__", 1)[0],))
        connection.execute("COMMIT")
    connection.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
