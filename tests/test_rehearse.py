"""``migrate --rehearse``: run the pending files, keep nothing."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Db, Project

USERS = "CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(80));\n"
#: The application's rows, one without an email: what the lint cannot see and a rehearsal meets.
APP_ROWS = (
    "INSERT INTO users (id, email) VALUES (1, 'a@example.com')",
    "INSERT INTO users (id, email) VALUES (2, NULL)",
)
FLAGS = "CREATE TABLE flags (id INTEGER PRIMARY KEY);\nINSERT INTO flags (id) VALUES (7);\n"
# SQLite has no SET NOT NULL: the 12-step rebuild with the NOT NULL column
SQLITE_NOT_NULL = (
    '-- guard: allow set-not-null reason="every writer sets email since 1.0.0"\n'
    "CREATE TABLE users_new (id INTEGER PRIMARY KEY, email VARCHAR(80) NOT NULL);\n"
    "INSERT INTO users_new (id, email) SELECT id, email FROM users;\n"
    "DROP TABLE users;\n"
    "ALTER TABLE users_new RENAME TO users;\n"
)
POSTGRES_NOT_NULL = (
    '-- guard: allow set-not-null reason="every writer sets email since 1.0.0"\n'
    "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n"
)


def outcomes(result_out: str) -> list[tuple[str, str]]:
    document = json.loads(result_out)
    return [(f["name"], f["outcome"]) for f in document["rehearsal"]["files"]]


def pg_dump(db: Db) -> str:
    """The whole database (schema and rows) as pg_dump prints it, minus its per-run random key."""
    done = subprocess.run(
        ["pg_dump", f"--dbname=postgresql://postgres@127.0.0.1:5432/{db.name}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return "\n".join(line for line in done.stdout.splitlines() if not line.startswith(("\\restrict", "\\unrestrict")))


def app_writes(sqlite_path: Path) -> None:
    connection = sqlite3.connect(sqlite_path)
    with connection:
        for sql in APP_ROWS:
            connection.execute(sql)
    connection.close()


def test_sqlite_rehearsal_fails_on_null_rows_and_leaves_the_file_byte_for_byte(
    project: Project, sqlite_path: Path
) -> None:
    project.write("1.0.0__users.sql", USERS)
    assert project.ratchet("migrate").code == 0
    app_writes(sqlite_path)
    project.write("1.1.0__flags.sql", FLAGS)
    project.write("1.2.0__email_required.sql", SQLITE_NOT_NULL)
    project.write("1.3.0__flags_index.sql", "-- guard: no-transaction\nCREATE INDEX idx_flags_id ON flags (id);\n")
    project.write("R__emails.sql", "DROP VIEW IF EXISTS emails;\nCREATE VIEW emails AS SELECT email FROM users;\n")
    before = sqlite_path.read_bytes()
    result = project.ratchet("migrate", "--rehearse", "--json")
    assert result.code == 1, result.output
    assert outcomes(result.out) == [
        ("1.1.0", "ok"),
        ("1.2.0", "failed"),
        ("1.3.0", "not rehearsed"),
        ("R__emails", "not reached"),
    ]
    failed = json.loads(result.out)["rehearsal"]["files"][1]
    assert "NOT NULL constraint failed" in failed["detail"] and "1.2.0__email_required.sql:3" in failed["detail"]
    assert all(isinstance(f["duration_ms"], int) for f in json.loads(result.out)["rehearsal"]["files"])
    assert sqlite_path.read_bytes() == before
    assert not Path(f"{sqlite_path}-wal").exists() and not Path(f"{sqlite_path}-journal").exists()
    text = project.ratchet("migrate", "--rehearse")
    assert text.code == 1
    assert "rehearsal on a copy of" in text.out and "not rehearsed" in text.out
    assert "rehearsal failed" in text.err and "the database is unchanged" in text.err
    assert "Traceback" not in text.err
    assert sqlite_path.read_bytes() == before


def test_a_passing_rehearsal_changes_nothing_and_the_real_run_then_applies(project: Project, sqlite_path: Path) -> None:
    project.write("1.0.0__users.sql", USERS)
    assert project.ratchet("migrate").code == 0
    app_writes(sqlite_path)
    project.write("1.1.0__flags.sql", FLAGS)
    project.write("R__emails.sql", "DROP VIEW IF EXISTS emails;\nCREATE VIEW emails AS SELECT email FROM users;\n")
    before = sqlite_path.read_bytes()
    result = project.ratchet("migrate", "--rehearse")
    assert result.code == 0, result.output
    assert "rehearsal passed: 2 file(s)" in result.out
    assert sqlite_path.read_bytes() == before
    real = project.ratchet("migrate")
    assert real.code == 0, real.output
    assert "1.1.0" in real.out and "emails" in real.out


def server_project(make_db: Callable[[str], Db], tmp_path: Path, dialect: str) -> tuple[Project, Db]:
    db = make_db(dialect)
    (tmp_path / "migrations").mkdir()
    return Project(tmp_path, db.url), db


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed")
def test_postgresql_rehearsal_runs_in_one_transaction_and_leaves_the_dump_unchanged(
    make_db: Callable[[str], Db], tmp_path: Path
) -> None:
    db_project, db = server_project(make_db, tmp_path, "postgresql")
    db_project.write("1.0.0__users.sql", USERS)
    assert db_project.ratchet("migrate").code == 0
    for sql in APP_ROWS:
        db.execute(sql)
    db_project.write("1.1.0__flags.sql", FLAGS)
    db_project.write(
        "1.1.5__index.sql", "-- guard: no-transaction\nCREATE INDEX CONCURRENTLY idx_users_email ON users (email);\n"
    )
    db_project.write("1.2.0__email_required.sql", POSTGRES_NOT_NULL)
    db_project.write("R__emails.sql", "CREATE OR REPLACE VIEW emails AS SELECT email FROM users;\n")
    before = pg_dump(db)
    result = db_project.ratchet("migrate", "--rehearse", "--json")
    assert result.code == 1, result.output
    assert outcomes(result.out) == [
        ("1.1.0", "ok"),
        ("1.1.5", "not rehearsed"),
        ("1.2.0", "failed"),
        ("R__emails", "not reached"),
    ]
    failed = json.loads(result.out)["rehearsal"]["files"][2]
    assert "contains null values" in failed["detail"]
    assert pg_dump(db) == before
    # without the failing file the rehearsal passes, and still keeps nothing
    (db_project.migrations / "1.2.0__email_required.sql").unlink()
    passed = db_project.ratchet("migrate", "--rehearse", "--json")
    assert passed.code == 0, passed.output
    assert outcomes(passed.out) == [("1.1.0", "ok"), ("1.1.5", "not rehearsed"), ("R__emails", "ok")]
    assert pg_dump(db) == before


def test_mysql_refuses_to_rehearse_with_the_reason(make_db: Callable[[str], Db], tmp_path: Path) -> None:
    db_project, db = server_project(make_db, tmp_path, "mysql")
    db_project.write("1.0.0__users.sql", USERS)
    result = db_project.ratchet("migrate", "--rehearse")
    assert result.code == 2, result.output
    assert "--rehearse is not possible on mysql" in result.err and "commits implicitly" in result.err
    assert db.tables() == []


def test_rehearsing_a_database_that_does_not_exist_does_not_create_it(project: Project, sqlite_path: Path) -> None:
    project.write("1.0.0__users.sql", USERS)
    result = project.ratchet("migrate", "--rehearse")
    assert result.code == 0, result.output
    assert "1.0.0" in result.out and "ok" in result.out
    assert not sqlite_path.exists()


def test_rehearse_and_dry_run_are_exclusive(project: Project) -> None:
    project.write("1.0.0__users.sql", USERS)
    result = project.ratchet("migrate", "--rehearse", "--dry-run")
    assert result.code == 2 and "choose one" in result.err
