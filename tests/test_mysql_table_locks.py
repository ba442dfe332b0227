"""MySQL's LOCK TABLES (mysqldump writes it around each table's rows): while a session holds table
locks MySQL refuses it every other table, so a file that ratchet tracks statement by statement
cannot record its progress. ``migrate`` refuses such a file before it runs anything; in a
``no-transaction`` file (no per-statement record) it runs."""

from __future__ import annotations

from collections.abc import Callable

from conftest import Db, Project

LOCKED = "LOCK TABLES `users` WRITE;\nINSERT INTO users VALUES (1);\nUNLOCK TABLES;\n"


def test_migrate_refuses_table_locks_in_a_tracked_file(project: Project, make_db: Callable[[str], Db]) -> None:
    db = make_db("mysql")
    project = Project(project.root, db.url)
    project.write("1.0.0__users.sql", "CREATE TABLE users (id int);\n")
    project.write("1.1.0__seed.sql", LOCKED)
    result = project.ratchet("migrate")
    assert result.code != 0, result.output
    assert "1.1.0__seed.sql:1:1" in result.err and "transaction-control" in result.err, result.err
    assert "--skip-add-locks" in result.err and "Traceback" not in result.err
    assert "users" not in db.tables()  # the lint blocks the run before any file


def test_table_locks_run_in_a_no_transaction_file(project: Project, make_db: Callable[[str], Db]) -> None:
    db = make_db("mysql")
    project = Project(project.root, db.url)
    project.write("1.0.0__users.sql", "CREATE TABLE users (id int);\n")
    project.write("1.1.0__seed.sql", "-- guard: no-transaction\n" + LOCKED)
    result = project.ratchet("migrate")
    assert result.code == 0, result.output
    assert db.history()["1.1.0"] == ("applied", 3)
    assert db.query("SELECT id FROM users") == [(1,)]
