"""A SQLite file that turns foreign keys off runs with them off: inside the file's transaction the
pragma would do nothing, so ``migrate`` turns them off before ``BEGIN`` and checks them before
``COMMIT`` (SQLite's 12-step procedure), as it does for a table rebuild."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest import Project, sqlite_rows
from ratchet.linter.rebuild import turns_foreign_keys_off
from ratchet.split import split_statements

SCHEMA = """
CREATE TABLE projects (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects (id),
  title TEXT NOT NULL
);
CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  body TEXT NOT NULL
);
"""
DATA = """
INSERT INTO projects (id, name) VALUES (1, 'garden'), (2, 'kitchen');
INSERT INTO tasks (id, project_id, title) VALUES (1, 1, 'dig'), (2, 2, 'paint'), (3, 2, 'tile');
INSERT INTO comments (id, task_id, body) VALUES (1, 1, 'deep'), (2, 2, 'blue'), (3, 3, 'white');
"""


def _history(project: Project, last: str) -> None:
    project.write("1.0.0__schema.sql", SCHEMA)
    project.write("1.1.0__data.sql", DATA)
    project.write("1.2.0__change.sql", last)


def test_parent_rows_deleted_before_their_children_with_foreign_keys_off(project: Project, sqlite_path: Path) -> None:
    # tasks' key has no ON DELETE action: with foreign keys on, the first DELETE fails at once
    _history(
        project,
        "PRAGMA foreign_keys = OFF;\n"
        "DELETE FROM projects WHERE id = 2;\n"
        "DELETE FROM comments WHERE task_id IN (SELECT id FROM tasks WHERE project_id = 2);\n"
        "DELETE FROM tasks WHERE project_id = 2;\n"
        "PRAGMA foreign_keys = ON;\n",
    )
    assert project.ratchet("lint", "migrations").code == 0
    result = project.ratchet("migrate")
    assert result.code == 0, result.output
    assert sqlite_rows(sqlite_path, "SELECT id FROM projects") == [(1,)]
    assert sqlite_rows(sqlite_path, "SELECT id FROM tasks") == [(1,)]
    assert sqlite_rows(sqlite_path, "SELECT id FROM comments") == [(1,)]
    assert sqlite_rows(sqlite_path, "PRAGMA foreign_key_check") == []


# as Prisma writes it, and a spelling SQLite also reads as off (the lint takes either as harmless)
@pytest.mark.parametrize("off", ["PRAGMA foreign_keys=off;", "PRAGMA foreign_keys = 00;"])
def test_a_dropped_parent_that_leaves_children_dangling_rolls_back(
    project: Project, sqlite_path: Path, off: str
) -> None:
    # as Prisma writes a DROP TABLE; with foreign keys on, dropping tasks would delete every comment
    _history(
        project,
        f'-- guard: allow drop-table reason="tasks move to the tracker"\n{off}\nDROP TABLE "tasks";\n'
        "PRAGMA foreign_keys=on;\n",
    )
    assert project.ratchet("lint", "migrations").code == 0
    result = project.ratchet("migrate")
    assert result.code == 5, result.output
    assert "violate foreign keys" in result.output and "PRAGMA foreign_keys = OFF" in result.output
    assert sqlite_rows(sqlite_path, "SELECT count(*) FROM tasks") == [(3,)]
    assert sqlite_rows(sqlite_path, "SELECT count(*) FROM comments") == [(3,)]
    assert sqlite_rows(sqlite_path, "SELECT value FROM system_settings WHERE key = 'db_version'") == [("1.1.0",)]


def test_a_file_that_leaves_foreign_keys_on_keeps_them_on(project: Project, sqlite_path: Path) -> None:
    # near miss: without the pragma, ON DELETE CASCADE runs inside the file as the application sees it
    _history(project, "DELETE FROM tasks WHERE id = 3;\n")
    result = project.ratchet("migrate")
    assert result.code == 0, result.output
    assert sqlite_rows(sqlite_path, "SELECT id FROM comments ORDER BY id") == [(1,), (2,)]


@pytest.mark.parametrize(
    ("sql", "off"),
    [
        ("PRAGMA foreign_keys = OFF;", True),
        ("pragma foreign_keys=off;", True),
        ("PRAGMA main.foreign_keys(0);", True),
        ("PRAGMA \"foreign_keys\" = 'no';", True),
        ("PRAGMA foreign_keys = false;", True),
        ("CREATE TABLE t (id INTEGER);\nPRAGMA foreign_keys = OFF;", True),
        # near misses
        ("PRAGMA foreign_keys = ON;", False),
        ("PRAGMA foreign_keys;", False),
        ("PRAGMA defer_foreign_keys = OFF;", False),
        ("PRAGMA foreign_key_check;", False),
        ("SELECT 'PRAGMA foreign_keys = OFF';", False),
    ],
)
def test_which_files_turn_foreign_keys_off(sql: str, off: bool) -> None:
    assert turns_foreign_keys_off(split_statements(sql)) is off


def _shared_transaction(project: Project) -> None:
    """A file that turns foreign keys off, then one that relies on them: a cascade and a refused child."""
    project.write("1.0.0__schema.sql", SCHEMA)
    project.write("1.1.0__data.sql", DATA)
    project.ratchet("migrate", "--no-lint")
    project.write("1.2.0__labels.sql", "PRAGMA foreign_keys = OFF;\nCREATE TABLE labels (id INTEGER PRIMARY KEY);\n")
    project.write(
        "1.3.0__cleanup.sql",
        "DELETE FROM tasks WHERE id = 3;\nINSERT INTO comments (id, task_id, body) VALUES (9, 99, 'stray');\n",
    )


def test_a_file_sharing_one_transaction_with_foreign_keys_off_is_checked(project: Project, sqlite_path: Path) -> None:
    # the second file runs with foreign keys off too: its orphans must not be committed
    _shared_transaction(project)
    result = project.ratchet("migrate", "--no-lint", "--single-transaction")
    assert result.code == 5, result.output
    assert "1.3.0__cleanup.sql: with foreign keys off" in result.output and "shares its transaction" in result.output
    assert sqlite_rows(sqlite_path, "PRAGMA foreign_key_check") == []
    assert sqlite_rows(sqlite_path, "SELECT id FROM comments ORDER BY id") == [(1,), (2,), (3,)]
    assert sqlite_rows(sqlite_path, "SELECT value FROM system_settings WHERE key = 'db_version'") == [("1.1.0",)]


def test_a_rehearsal_checks_every_file_run_with_foreign_keys_off(project: Project) -> None:
    # as the real run, which fails on the stray child, the rehearsal must not pass
    _shared_transaction(project)
    result = project.ratchet("migrate", "--no-lint", "--rehearse")
    assert result.code != 0, result.output
    assert "violate foreign keys" in result.output


def test_files_in_their_own_transactions_keep_foreign_keys_on(project: Project, sqlite_path: Path) -> None:
    # near miss: without a shared transaction the second file runs with foreign keys on and fails itself
    _shared_transaction(project)
    project.write("1.3.0__cleanup.sql", "DELETE FROM tasks WHERE id = 3;\n")
    result = project.ratchet("migrate", "--no-lint")
    assert result.code == 0, result.output
    assert sqlite_rows(sqlite_path, "SELECT id FROM comments ORDER BY id") == [(1,), (2,)]


# values SQLite reads as off (any word but a few, zero, a sign) or on (a few words, a non-zero number)
VALUES = ["OFF", "0", "00", "-1", "+0", "0x0", "no", "false", "full", "offline_mode", "[off]", "'off'", '"no"']
VALUES += ["ON", "1", "2", "+1", "007", "0x1", "yes", "TRUE", "[on]", "'on'", '"yes"']
# SQLite keeps the low byte of a number that fits in 32 signed bits (zero when it does not fit), and
# reads a decimal only up to its first non-digit: 256 is off, 257 on
VALUES += ["256", "0x100", "+256", "'512'", "0256", "2147483648", "99999999999", "0x80000000", "0x100000000", "0.5"]
VALUES += ["257", "0x1ff", "2147483647", "0x0000000001", "1.5", "1e3", "00000000000001"]


@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("form", ["PRAGMA foreign_keys = {};", "PRAGMA/* c */main.foreign_keys({});"])
def test_a_file_turns_foreign_keys_off_as_sqlite_reads_the_pragma(form: str, value: str) -> None:
    sql = form.format(value)
    connection = sqlite3.connect(":memory:", isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute(sql)
        off = connection.execute("PRAGMA foreign_keys").fetchone() == (0,)
    finally:
        connection.close()
    assert turns_foreign_keys_off(split_statements(sql)) is off


def test_rows_that_dangled_before_the_file_are_not_blamed_on_it(project: Project, sqlite_path: Path) -> None:
    # an application that never turned foreign keys on (Python's sqlite3 default) left an orphan
    project.write("1.0.0__schema.sql", SCHEMA)
    project.write("1.1.0__data.sql", DATA)
    assert project.ratchet("migrate").code == 0
    outside = sqlite3.connect(sqlite_path)
    outside.execute("INSERT INTO comments (id, task_id, body) VALUES (9, 99, 'orphan')")
    outside.commit()
    outside.close()
    project.write("1.2.0__labels.sql", "PRAGMA foreign_keys = OFF;\nCREATE TABLE labels (id INTEGER PRIMARY KEY);\n")
    result = project.ratchet("migrate")
    assert result.code == 0, result.output
    # near miss: a row the file itself leaves dangling still rolls it back, and only that row is named
    project.write("1.3.0__tidy.sql", "PRAGMA foreign_keys = OFF;\nDELETE FROM tasks WHERE id = 1;\n")
    refused = project.ratchet("migrate")
    assert refused.code == 5, refused.output
    assert "1 row(s) violate foreign keys: comments rowid 1 " in refused.output, refused.output
    assert sqlite_rows(sqlite_path, "SELECT count(*) FROM tasks") == [(3,)]
