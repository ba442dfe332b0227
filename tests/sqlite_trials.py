"""Helpers for the real-process crash and concurrency trials on SQLite.

The database state ratchet leaves is inspected and replayed with plain ``sqlite3``, without
ratchet, so a ratchet bug cannot hide in its own yardstick.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from conftest import RATCHET, run_cli

RATCHET_TABLES = frozenset({"system_settings", "schema_history"})
#: Generous per-process limit: the machine is shared, and a hang must fail, not stall the suite.
PROCESS_TIMEOUT_S = 120.0


def slow_insert(table: str, note: str, rows: int = 100_000, *, column: str = "note") -> str:
    """An ``INSERT ... SELECT`` that takes ~30 ms by itself (SQLite has no sleep function)."""
    return (
        f"INSERT INTO {table} (n, {column}) SELECT count(*), '{note}' FROM "
        f"(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < {rows}) SELECT x FROM c)"
    )


@dataclass(frozen=True)
class SqlFile:
    """A migration file the test writes, with its statements known to the test."""

    version: str
    description: str
    statements: tuple[str, ...]
    header: str = ""

    @property
    def name(self) -> str:
        return f"{self.version}__{self.description}.sql"

    @property
    def text(self) -> str:
        return self.header + "".join(f"{sql};\n" for sql in self.statements)


def write_files(directory: Path, files: list[SqlFile]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for file in files:
        (directory / file.name).write_text(file.text, encoding="utf-8")


def ratchet_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RATCHET_")}
    env["NO_COLOR"] = "1"
    return env


def spawn_migrate(root: Path, db: Path, *extra: str) -> subprocess.Popen[str]:
    """Start the installed ``ratchet migrate`` console script on ``db``."""
    return subprocess.Popen(
        [RATCHET, "migrate", "--database", f"sqlite:///{db}", "--migrations", str(root / "migrations"), *extra],
        cwd=root,
        env=ratchet_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_migrate(root: Path, db: Path, *extra: str) -> tuple[int, str]:
    """Run ``ratchet migrate`` to the end, in-process (only the runs a trial kills or races need a
    real process, and each start costs ~0.3 s); return its exit code and all its output."""
    arguments = ["migrate", "--database", f"sqlite:///{db}", "--migrations", str(root / "migrations"), *extra]
    done = run_cli(arguments, cwd=root)
    return done.code, done.output


def wait_for(condition: object, process: subprocess.Popen[str], what: str) -> bool:
    """Poll ``condition()`` until true (True) or until ``process`` exits (False)."""
    deadline = time.monotonic() + PROCESS_TIMEOUT_S
    while not condition():  # type: ignore[operator]
        if process.poll() is not None:
            return False
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.002)
    return True


def connect(db: Path) -> sqlite3.Connection:
    # Opening after a SIGKILL rolls back a hot journal, as any SQLite reader would.
    return sqlite3.connect(db, timeout=PROCESS_TIMEOUT_S, isolation_level=None)


def history(db: Path) -> list[tuple[str, str, int]]:
    """``(version, status, statements_done)`` of every history row, in insertion order."""
    connection = connect(db)
    try:
        if not _has_table(connection, "schema_history"):
            return []
        rows = connection.execute("SELECT version, status, statements_done FROM schema_history ORDER BY rowid")
        return [(str(v), str(s), int(d)) for v, s, d in rows.fetchall()]
    finally:
        connection.close()


def db_version(db: Path) -> str | None:
    connection = connect(db)
    try:
        if not _has_table(connection, "system_settings"):
            return None
        row = connection.execute("SELECT value FROM system_settings WHERE key = 'db_version'").fetchone()
        return None if row is None else str(row[0])
    finally:
        connection.close()


def _has_table(connection: sqlite3.Connection, name: str) -> bool:
    row = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()
    return row is not None


Snapshot = tuple[tuple[tuple[str, str, str, str | None], ...], tuple[tuple[str, tuple[str, ...]], ...]]


def snapshot(db: Path) -> Snapshot:
    """The user schema (``sqlite_master`` entries) and every user table's rows, ordered."""
    connection = connect(db)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchall()
        assert integrity == [("ok",)], f"{db}: integrity_check says {integrity}"
        master = connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        user = tuple(tuple(row) for row in master if row[2] not in RATCHET_TABLES)
        tables = [row[1] for row in user if row[0] == "table"]
        contents = tuple(
            (name, tuple(sorted(repr(r) for r in connection.execute(f'SELECT * FROM "{name}"').fetchall())))
            for name in tables
        )
        return user, contents
    finally:
        connection.close()


def replay(directory: Path, scripts: list[str], name: str) -> Snapshot:
    """Run ``scripts`` with plain ``sqlite3.executescript`` on a fresh file; its snapshot."""
    db = directory / f"replay-{name}.db"
    if db.exists():
        db.unlink()
    connection = sqlite3.connect(db)
    try:
        for script in scripts:
            connection.executescript(script)
    finally:
        connection.close()
    return snapshot(db)
