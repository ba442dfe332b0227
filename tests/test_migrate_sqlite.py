"""The migrate path end to end on SQLite, through the real CLI."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from conftest import Project, dump_sqlite


def tables(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").fetchall()
    return [row[0] for row in rows]


def db_version(path: Path) -> str | None:
    with sqlite3.connect(path) as connection:
        row = connection.execute("SELECT value FROM system_settings WHERE key='db_version'").fetchone()
    return row[0] if row else None


def test_applies_in_numeric_semver_order_one_after_another(project: Project, sqlite_path: Path) -> None:
    """Stronger than the contract test: the rows of one table show the order files ran in."""
    project.write("1.9.0__nine.sql", "CREATE TABLE log (v TEXT);\nINSERT INTO log VALUES ('1.9.0');")
    project.write("1.10.0__ten.sql", "INSERT INTO log VALUES ('1.10.0');")
    project.write("1.2.0__two.sql", "CREATE TABLE two (id INTEGER);")
    result = project.ratchet("migrate")
    assert result.code == 0, result.output
    assert "1.10.0" in result.out and "applied" in result.out
    assert db_version(sqlite_path) == "1.10.0"
    with sqlite3.connect(sqlite_path) as connection:
        assert connection.execute("SELECT v FROM log").fetchall() == [("1.9.0",), ("1.10.0",)]
        rows = connection.execute("SELECT version, status FROM schema_history ORDER BY rowid").fetchall()
    assert rows == [("1.2.0", "applied"), ("1.9.0", "applied"), ("1.10.0", "applied")]


def test_second_run_leaves_the_file_identical(project: Project, sqlite_path: Path) -> None:
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    assert project.ratchet("migrate").code == 0
    before = dump_sqlite(sqlite_path)
    again = project.ratchet("migrate")
    assert again.code == 0
    assert "up to date at 1.0.0" in again.out
    assert dump_sqlite(sqlite_path) == before


def test_single_transaction_is_all_or_nothing(project: Project, sqlite_path: Path) -> None:
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    project.write("1.1.0__b.sql", "CREATE TABLE b (id INTEGER);")
    project.write("1.2.0__c.sql", "INSERT INTO nowhere VALUES (1);")
    result = project.ratchet("migrate", "--single-transaction")
    assert result.code == 5
    assert tables(sqlite_path) == ["schema_history", "system_settings"]
    assert db_version(sqlite_path) is None
    project.write("1.2.0__c.sql", "CREATE TABLE c (id INTEGER);")
    assert project.ratchet("migrate", "--single-transaction").code == 0
    assert db_version(sqlite_path) == "1.2.0"


def test_single_transaction_refuses_no_transaction_files(project: Project, sqlite_path: Path) -> None:
    project.write("1.0.0__a.sql", "-- guard: no-transaction\nCREATE TABLE a (id INTEGER);")
    result = project.ratchet("migrate", "--single-transaction")
    assert result.code == 2
    assert "no-transaction" in result.err
    assert not sqlite_path.exists()


def test_json_report(project: Project) -> None:
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    result = project.ratchet("migrate", "--json")
    assert result.code == 0
    report = json.loads(result.out)
    assert report["to_version"] == "1.0.0"
    assert [f["outcome"] for f in report["files"]] == ["applied"]


def test_quiet_prints_nothing_on_success(project: Project) -> None:
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    result = project.ratchet("migrate", "--quiet")
    assert result.code == 0 and result.out == ""


def test_progress_bar_on_a_terminal(project: Project) -> None:
    """On a TTY a file with many statements shows a progress bar; piped output never does."""
    import os
    import pty
    import subprocess

    from conftest import RATCHET

    project.write("1.0.0__many.sql", "CREATE TABLE t (id INTEGER);\n" + "INSERT INTO t VALUES (1);\n" * 40)
    leader, follower = pty.openpty()
    env = {**os.environ, "NO_COLOR": "1"}
    process = subprocess.Popen(
        [RATCHET, "migrate", "--database", project.database],
        cwd=project.root,
        stdout=follower,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert process.wait(timeout=60) == 0
    os.close(leader)
    shown = b"".join(chunks).decode()
    assert "100%" in shown and "1.0.0" in shown
    piped = project.ratchet("migrate")
    assert "%" not in piped.out


def test_read_only_commands_never_create_the_database(project: Project, sqlite_path: Path) -> None:
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    for command in (("status",), ("validate",), ("plan",), ("migrate", "--dry-run"), ("settings", "list")):
        result = project.ratchet(*command)
        assert result.code == 0, (command, result.output)
    assert project.ratchet("settings", "get", "x").code == 1
    assert not sqlite_path.exists()


def test_empty_migrations_directory_is_up_to_date(project: Project, sqlite_path: Path) -> None:
    result = project.ratchet("migrate")
    assert result.code == 0
    assert "up to date at (empty)" in result.out


def test_no_lint_warns_before_applying_even_when_the_run_fails(project: Project, sqlite_path: Path) -> None:
    project.write("1.0.0__drop.sql", "DROP TABLE nowhere;")
    refused = project.ratchet("migrate")
    assert refused.code == 1 and "drop-table" in refused.err
    result = project.ratchet("migrate", "--no-lint")
    assert result.code == 5, result.output
    warning = result.err.index("ratchet: warning: --no-lint")
    assert warning < result.err.index("no such table: nowhere")
