"""The floor for a fresh apply on a server: a minimal psycopg / PyMySQL loop, one transaction per file.

Usage: ``python server_loop.py postgresql|mysql DATABASE MIGRATIONS_DIR``. Per file, in
version order: read it, ``BEGIN``, run its statements, update the version row, insert a history
row, ``COMMIT`` (what dbmate does: the statements and its ``schema_migrations`` row in one
transaction). No checks, no output, no lock: what any migration runner must at least do.
On MariaDB the DDL commits implicitly, as it does for every tool.
"""

from __future__ import annotations

import hashlib
import os
import sys
from typing import Any

HISTORY = (
    "CREATE TABLE IF NOT EXISTS loop_history (version VARCHAR(64) PRIMARY KEY, checksum VARCHAR(64) NOT NULL, "
    "applied_at VARCHAR(40) NOT NULL)"
)


def version_key(name: str) -> tuple[int, ...]:
    """``1.10.0__x.sql`` -> ``(1, 10, 0)``: numeric order, like ratchet's."""
    return tuple(int(part) for part in name.split("__", 1)[0].split("."))


def connect(dialect: str, database: str) -> Any:
    """An autocommit connection to the bench's local server."""
    if dialect == "postgresql":
        import psycopg

        return psycopg.connect(host="127.0.0.1", port=5432, user="postgres", dbname=database, autocommit=True)
    import pymysql

    return pymysql.connect(host="127.0.0.1", port=3306, user="root", database=database, autocommit=True)


def main(dialect: str, database: str, directory: str) -> None:
    """Apply every ``.sql`` file of ``directory``, one transaction per file."""
    connection = connect(dialect, database)
    cursor = connection.cursor()
    cursor.execute("CREATE TABLE IF NOT EXISTS loop_settings (name VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL)")
    cursor.execute("DELETE FROM loop_settings")
    cursor.execute("INSERT INTO loop_settings (name, value) VALUES ('db_version', '')")
    cursor.execute(HISTORY)
    begin = "BEGIN" if dialect == "postgresql" else "START TRANSACTION"
    names = sorted((name for name in os.listdir(directory) if name.endswith(".sql")), key=version_key)
    for name in names:
        with open(os.path.join(directory, name), encoding="utf-8") as handle:
            text = handle.read()
        version = name.split("__", 1)[0]
        cursor.execute(begin)
        for statement in text.split(";"):
            if statement.strip():
                cursor.execute(statement)
        cursor.execute("UPDATE loop_settings SET value = %s WHERE name = 'db_version'", (version,))
        digest = hashlib.sha256(text.encode()).hexdigest()
        cursor.execute(
            "INSERT INTO loop_history (version, checksum, applied_at) VALUES (%s, %s, %s)",
            (version, digest, "2026-01-01T00:00:00.000+00:00"),
        )
        cursor.execute("COMMIT")
    connection.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
