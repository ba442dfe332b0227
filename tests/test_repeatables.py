"""Repeatable ``R__`` files on every backend through the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import ratchet
from conftest import DIALECTS, RATCHET, Db, Project

USERS = (
    "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(40));\nINSERT INTO users (id, name) VALUES (1, 'ann');"
)


def view_sql(dialect: str, body: str) -> str:
    """A repeatable view definition in the idiom of each database."""
    if dialect == "sqlite":
        return f"DROP VIEW IF EXISTS user_names;\nCREATE VIEW user_names AS {body};\n"
    return f"CREATE OR REPLACE VIEW user_names AS {body};\n"


def repeatable_rows(db: Db) -> list[tuple[str, str, str, str]]:
    return [
        (str(r[0]), str(r[1]), str(r[2]), str(r[3]))
        for r in db.query("SELECT version, kind, status, checksum FROM schema_history WHERE kind = 'repeatable'")
    ]


def test_changed_repeatable_is_applied_again_and_an_unchanged_one_is_not(db_project: Project, db: Db) -> None:
    db_project.write("1.0.0__users.sql", USERS)
    db_project.write("R__user_names.sql", view_sql(db.dialect, "SELECT name, 1 AS generation FROM users"))
    db_project.write("R__z_other.sql", view_sql(db.dialect, "SELECT 1 AS x").replace("user_names", "other"))
    first = db_project.ratchet("migrate")
    assert first.code == 0, first.output
    lines = first.out.splitlines()
    # versioned files first, then the repeatables in description order
    order = [line.split()[1] for line in lines if line.startswith("  ")]
    assert order == ["users", "user_names", "z_other"]
    assert db.query("SELECT name, generation FROM user_names") == [("ann", 1)]
    rows = repeatable_rows(db)
    assert sorted((r[0], r[1], r[2]) for r in rows) == [
        ("R__user_names", "repeatable", "applied"),
        ("R__z_other", "repeatable", "applied"),
    ]
    from ratchet.discover import checksum

    text = (db_project.migrations / "R__user_names.sql").read_text()
    assert dict((r[0], r[3]) for r in rows)["R__user_names"] == checksum(text)

    again = db_project.ratchet("migrate")
    assert again.code == 0, again.output
    assert "up to date" in again.out and "R__" not in again.out

    db_project.write("R__user_names.sql", view_sql(db.dialect, "SELECT name, 2 AS generation FROM users"))
    status = db_project.ratchet("status", "--json", "--exit-code")
    assert status.code == 1, status.output
    states = {r["name"]: r["state"] for r in json.loads(status.out)["repeatables"]}
    assert states == {"R__user_names": "outdated", "R__z_other": "applied"}
    changed = db_project.ratchet("migrate", "--json")
    assert changed.code == 0, changed.output
    applied = json.loads(changed.out)["repeatables"]
    assert [(r["name"], r["outcome"]) for r in applied] == [("R__user_names", "applied")]
    assert db.query("SELECT name, generation FROM user_names") == [("ann", 2)]
    assert db_project.ratchet("status", "--exit-code").code == 0


def test_failing_repeatable_rolls_back_keeps_earlier_versioned_files_and_is_retried(
    db_project: Project, db: Db
) -> None:
    db_project.write("1.0.0__users.sql", USERS)
    db_project.write("R__user_names.sql", view_sql(db.dialect, "SELECT name FROM users"))
    assert db_project.ratchet("migrate").code == 0
    db_project.write("1.1.0__posts.sql", "CREATE TABLE posts (id INTEGER PRIMARY KEY);")
    # redefine the view, then fail (SQLite and MySQL have no COMMENT ON; PostgreSQL has no view 'nowhere')
    fixed = "DROP VIEW IF EXISTS user_names;\nCREATE VIEW user_names AS SELECT name AS nickname FROM users;\n"
    db_project.write("R__user_names.sql", fixed + "COMMENT ON VIEW nowhere IS 'x';\n")
    result = db_project.ratchet("migrate")
    assert result.code == 5, result.output
    assert "R__user_names.sql:3" in result.err and "statement 3 of R__user_names failed" in result.err
    assert "1.1.0 applied earlier in this run stay applied" in result.err
    assert "Traceback" not in result.err
    assert db.db_version() == "1.1.0" and "posts" in db.tables()
    if db.dialect == "mysql":
        assert "cannot roll back DDL" in result.err and "run again, whole" in result.err
    else:
        assert "tried again on the next migrate" in result.err
        # the file was rolled back: its DROP VIEW did not happen
        assert db.query("SELECT name FROM user_names") == [("ann",)]
    states = {r["name"]: r["state"] for r in json.loads(db_project.ratchet("status", "--json").out)["repeatables"]}
    assert states == {"R__user_names": "outdated"}
    db_project.write("R__user_names.sql", fixed)
    retried = db_project.ratchet("migrate")
    assert retried.code == 0, retried.output
    assert db.query("SELECT nickname FROM user_names") == [("ann",)]


def test_status_validate_plan_and_api_list_repeatables_and_a_deleted_one_is_missing(
    db_project: Project, db: Db
) -> None:
    db_project.write("1.0.0__users.sql", USERS)
    path = db_project.write("R__user_names.sql", view_sql(db.dialect, "SELECT name FROM users"))
    plan = db_project.ratchet("plan")
    assert plan.code == 0, plan.output
    assert "-- R__user_names" in plan.out and "1 repeatable file(s) pending" in plan.out
    assert db_project.ratchet("migrate").code == 0
    report = ratchet.status(db.url, db_project.migrations)
    assert [(e.name, e.state) for e in report.plan.repeatables] == [("R__user_names", "applied")]
    path.unlink()
    status = db_project.ratchet("status")
    assert status.code == 0, status.output
    assert any(
        line.startswith("R__") and "user_names" in line and "missing" in line for line in status.out.splitlines()
    )
    validate = db_project.ratchet("validate", "--json")
    assert validate.code == 0, validate.output  # deleting a repeatable drops nothing: not drift
    assert json.loads(validate.out)["repeatables"][0]["state"] == "missing"
    assert db.query("SELECT name FROM user_names") == [("ann",)]
    assert db_project.ratchet("migrate").code == 0


def test_non_idempotent_repeatable_is_refused_before_anything_runs(project: Project, sqlite_path: Path) -> None:
    project.write("1.0.0__users.sql", USERS)
    project.write("R__seed.sql", "CREATE TABLE seeds (id INTEGER);\nINSERT INTO seeds VALUES (1);\n")
    result = project.ratchet("migrate")
    assert result.code == 1, result.output
    assert "R__seed.sql:1:1: error repeatable-not-idempotent" in result.err
    assert "R__seed.sql:2:1: error repeatable-not-idempotent" in result.err
    assert not sqlite_path.exists()
    lint = project.ratchet("lint")
    assert lint.code == 1 and "repeatable-not-idempotent" in lint.out


@pytest.mark.parametrize(
    ("sql", "problem"),
    [
        ("CREATE OR REPLACE VIEW v AS SELECT 1;\nCOMMENT ON VIEW v IS 'x';\nGRANT SELECT ON v TO PUBLIC;", None),
        ("DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT 1;", None),
        (
            "DROP TRIGGER IF EXISTS t ON users;\n"
            "CREATE TRIGGER t BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION f();",
            None,
        ),
        ("CREATE OR REPLACE FUNCTION public.f(a integer) RETURNS integer AS $$ SELECT a $$ LANGUAGE sql;", None),
        ("DROP PROCEDURE IF EXISTS p;\nCREATE PROCEDURE p() BEGIN SELECT 1; END;", None),
        ("CREATE VIEW v AS SELECT 1;", "fails on the second run"),
        ("CREATE VIEW IF NOT EXISTS v AS SELECT 1;", "keeps the old view v"),
        ("DROP VIEW v;\nCREATE VIEW v AS SELECT 1;", "without IF EXISTS"),
        ("DROP VIEW IF EXISTS v;", "not created again"),
        ("DROP VIEW IF EXISTS v;\nCREATE VIEW w AS SELECT 1;", "fails on the second run"),
        ("CREATE INDEX i ON users (name);", "CREATE INDEX in a repeatable file"),
        ("UPDATE users SET name = 'x' WHERE id = 1;", "UPDATE is not a (re)definition"),
    ],
)
def test_repeatable_not_idempotent_rule(tmp_path: Path, sql: str, problem: str | None) -> None:
    path = tmp_path / "R__code.sql"
    path.write_text(sql)
    report = ratchet.lint(tmp_path, dialect="postgresql")
    messages = [f.message for f in report.findings if f.rule == "repeatable-not-idempotent"]
    if problem is None:
        assert messages == []
    else:
        assert any(problem in message for message in messages), messages
        assert report.blocking()


def test_a_waiver_with_a_reason_lets_a_repeatable_statement_through(tmp_path: Path) -> None:
    (tmp_path / "R__refresh.sql").write_text(
        '-- guard: allow repeatable-not-idempotent reason="refreshing a cache table is harmless"\n'
        "DELETE FROM cache WHERE stale = 1;\n"
    )
    report = ratchet.lint(tmp_path, dialect="sqlite")
    assert [(f.rule, f.waived) for f in report.findings] == [("repeatable-not-idempotent", True)]
    assert not report.blocking()


def test_new_repeatable_writes_a_template_and_refuses_to_overwrite(project: Project) -> None:
    result = project.ratchet("new", "Active Users", "--repeatable")
    assert result.code == 0, result.output
    path = project.migrations / "R__active_users.sql"
    assert result.out.strip().endswith("R__active_users.sql") and path.exists()
    assert "CREATE OR REPLACE" in path.read_text()
    again = project.ratchet("new", "active users", "--repeatable")
    assert again.code == 2 and "already exists" in again.err
    # the versioned numbering ignores repeatable files
    assert project.ratchet("new", "first").out.strip().endswith("0.1.0__first.sql")


def test_bad_repeatable_names_and_no_transaction_guard_are_file_errors(project: Project) -> None:
    project.write("1.0.0__users.sql", USERS)
    project.write("R__bad-name.sql", "SELECT 1;")
    project.write("R__vacuum.sql", "-- guard: no-transaction\nDROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT 1;")
    result = project.ratchet("migrate")
    assert result.code == 3, result.output
    assert "R__bad-name.sql: bad migration file name" in result.err and "R__description.sql" in result.err
    assert "R__vacuum.sql:1: a repeatable file runs in its own transaction" in result.err


def test_history_table_of_an_older_ratchet_is_upgraded_in_place(project: Project, sqlite_path: Path) -> None:
    import sqlite3

    connection = sqlite3.connect(sqlite_path)
    connection.executescript(
        """
        CREATE TABLE system_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL,
          created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
        CREATE TABLE schema_history (version TEXT PRIMARY KEY, description TEXT NOT NULL, checksum TEXT NOT NULL,
          status TEXT NOT NULL, waivers TEXT NOT NULL DEFAULT '[]', applied_at TEXT NOT NULL,
          duration_ms INTEGER NOT NULL DEFAULT 0, applied_by TEXT NOT NULL,
          statements_done INTEGER NOT NULL DEFAULT 0, error TEXT, lint_bypassed INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);
        INSERT INTO system_settings (key, value) VALUES ('db_version', '1.0.0');
        """
    )
    project.write("1.0.0__users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);")
    from ratchet.discover import checksum

    row = ("1.0.0", "users", checksum("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);"), "applied", "x", "y")
    connection.execute(
        "INSERT INTO schema_history (version, description, checksum, status, applied_at, applied_by) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        row,
    )
    connection.commit()
    connection.close()
    project.write("R__names.sql", "DROP VIEW IF EXISTS names;\nCREATE VIEW names AS SELECT name FROM users;")
    status = project.ratchet("status", "--json")  # read-only: works on the old table, changes nothing
    assert status.code == 0, status.output
    assert json.loads(status.out)["repeatables"][0]["state"] == "pending"
    result = project.ratchet("migrate")
    assert result.code == 0, result.output
    connection = sqlite3.connect(sqlite_path)
    columns = [r[1] for r in connection.execute("PRAGMA table_info(schema_history)")]
    kinds = dict(connection.execute("SELECT version, kind FROM schema_history").fetchall())
    connection.close()
    assert columns[-3:] == ["kind", "schema_fingerprint", "schema_snapshot"]
    assert kinds == {"1.0.0": "versioned", "R__names": "repeatable"}


@pytest.mark.slow
@pytest.mark.parametrize("dialect", DIALECTS)
def test_eight_concurrent_runners_apply_each_changed_repeatable_once(
    tmp_path: Path, make_db: Callable[[str], Db], dialect: str
) -> None:
    """Each repeatable inserts into ``runs`` (allowed by a waiver), so the row count is the
    number of times it ran: 8 runners started together must leave exactly one row per change."""
    db = make_db(dialect)
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    (migrations / "1.0.0__runs.sql").write_text("CREATE TABLE runs (name VARCHAR(20) NOT NULL, generation INTEGER);")
    counted = '-- guard: allow repeatable-not-idempotent reason="counts its runs"\n'

    def write(name: str, generation: int) -> None:
        (migrations / f"R__{name}.sql").write_text(
            f"{counted}INSERT INTO runs VALUES ('{name}', {generation});\n"
            f"DROP VIEW IF EXISTS {name};\nCREATE VIEW {name} AS SELECT {generation} AS generation;\n"
        )

    for name in ("alpha", "beta", "gamma"):
        write(name, 1)
    env = {k: v for k, v in os.environ.items() if not k.startswith("RATCHET_")}

    def race() -> None:
        command = [RATCHET, "migrate", "--database", db.url, "--migrations", str(migrations)]
        runners = [
            subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(8)
        ]
        for runner in runners:
            out, err = runner.communicate(timeout=300)
            assert runner.returncode == 0, out + err

    race()
    write("beta", 2)
    write("gamma", 2)
    race()
    runs = sorted((str(r[0]), int(r[1])) for r in db.query("SELECT name, generation FROM runs"))
    assert runs == [("alpha", 1), ("beta", 1), ("beta", 2), ("gamma", 1), ("gamma", 2)]
    assert db.query("SELECT generation FROM gamma") == [(2,)]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__]))
