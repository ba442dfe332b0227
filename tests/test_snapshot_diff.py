"""Schema snapshot, ``ratchet diff`` and ``ratchet schema`` on every backend."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

import ratchet
from conftest import RATCHET, Db, Project

SCHEMA = (
    "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(40));\n"
    "CREATE INDEX idx_users_name ON users (name);\n"
    "CREATE VIEW user_names AS SELECT name FROM users;\n"
)


def index_name(db: Db) -> str:
    """How the catalog names the index (MySQL index names are per table)."""
    return "users.idx_users_name" if db.dialect == "mysql" else "idx_users_name"


def fingerprints(db: Db) -> dict[str, str | None]:
    rows = db.query("SELECT version, schema_fingerprint FROM schema_history")
    return {str(r[0]): None if r[1] is None else str(r[1]) for r in rows}


def test_snapshot_is_recorded_once_per_run_with_the_last_applied_file(db_project: Project, db: Db) -> None:
    db_project.write("1.0.0__users.sql", SCHEMA)
    db_project.write("1.1.0__posts.sql", "CREATE TABLE posts (id INTEGER PRIMARY KEY);")
    result = db_project.ratchet("migrate", "--json")
    assert result.code == 0, result.output
    recorded = json.loads(result.out)["snapshot"]
    assert fingerprints(db) == {"1.0.0": None, "1.1.0": recorded}
    clean = db_project.ratchet("diff")
    assert clean.code == 0, clean.output
    assert "no drift" in clean.out and "1.1.0" in clean.out


def test_out_of_band_changes_are_reported_with_object_and_kind(db_project: Project, db: Db) -> None:
    db_project.write("1.0.0__users.sql", SCHEMA)
    assert db_project.ratchet("migrate").code == 0
    db.execute("ALTER TABLE users ADD COLUMN nickname VARCHAR(40)")
    db.execute("DROP INDEX idx_users_name ON users" if db.dialect == "mysql" else "DROP INDEX idx_users_name")
    if db.dialect == "sqlite":
        db.execute("DROP VIEW user_names")
        db.execute("CREATE VIEW user_names AS SELECT name, id FROM users")
    else:
        db.execute("CREATE OR REPLACE VIEW user_names AS SELECT name, id FROM users")
    result = db_project.ratchet("diff", "--json")
    assert result.code == 1, result.output
    document = json.loads(result.out)
    assert not document["ok"]
    changes = [(c["change"], c["kind"], c["name"]) for c in document["changes"]]
    assert sorted(changes) == sorted(
        [("added", "column", "users.nickname"), ("dropped", "index", index_name(db)), ("altered", "view", "user_names")]
    )
    altered = next(c for c in document["changes"] if c["change"] == "altered")
    assert altered["details"] and "id" in altered["details"][0]
    text = db_project.ratchet("diff")
    assert text.code == 1
    assert "column users.nickname added" in text.out
    assert f"index {index_name(db)} dropped" in text.out
    assert "view user_names altered" in text.out
    assert "ratchet diff --record" in text.out


def test_after_migrate_of_a_new_file_the_snapshot_moves_on_and_diff_is_clean(db_project: Project, db: Db) -> None:
    db_project.write("1.0.0__users.sql", SCHEMA)
    assert db_project.ratchet("migrate").code == 0
    before = fingerprints(db)["1.0.0"]
    db_project.write("1.1.0__email.sql", "ALTER TABLE users ADD COLUMN email VARCHAR(80);")
    assert db_project.ratchet("migrate").code == 0
    after = fingerprints(db)
    assert after["1.1.0"] is not None and after["1.1.0"] != before
    result = db_project.ratchet("diff", "--json")
    assert result.code == 0, result.output
    assert json.loads(result.out)["changes"] == []
    assert json.loads(result.out)["snapshot"]["with"] == "1.1.0"


def test_a_database_without_a_snapshot_says_so_and_diff_record_records_one(db_project: Project, db: Db) -> None:
    db_project.write("1.0.0__users.sql", SCHEMA)
    assert db_project.ratchet("migrate").code == 0
    db.execute("UPDATE schema_history SET schema_snapshot = NULL, schema_fingerprint = NULL")  # as before snapshots
    result = db_project.ratchet("diff")
    assert result.code == 1, result.output
    assert "no schema snapshot" in result.out and "ratchet diff --record" in result.out
    recorded = db_project.ratchet("diff", "--record")
    assert recorded.code == 0, recorded.output
    assert "recorded" in recorded.out and "1.0.0" in recorded.out
    assert db_project.ratchet("diff").code == 0


def test_diff_record_needs_an_applied_migration(project: Project) -> None:
    project.write("1.0.0__users.sql", SCHEMA)
    missing = project.ratchet("diff")
    assert missing.code == 5 and "does not exist" in missing.err  # and reading did not create it
    assert not (project.root / "app.db").exists()
    assert project.ratchet("settings", "set", "theme", "dark").code == 0
    result = project.ratchet("diff", "--record")
    assert result.code == 4, result.output
    assert "no applied migration" in result.err and "Traceback" not in result.err


def test_schema_excludes_ratchets_tables_and_is_stable(db_project: Project, db: Db) -> None:
    db_project.write("1.0.0__users.sql", SCHEMA)
    db_project.write("1.1.0__rows.sql", "INSERT INTO users (id, name) VALUES (1, 'ann');")
    assert db_project.ratchet("migrate").code == 0
    first = db_project.ratchet("schema")
    assert first.code == 0, first.output
    assert "users" in first.out and "user_names" in first.out and "idx_users_name" in first.out
    assert "schema_history" not in first.out and "system_settings" not in first.out
    assert "ann" not in first.out  # no data
    assert db_project.ratchet("schema").out == first.out
    if db.dialect == "mysql":
        assert "AUTO_INCREMENT=" not in first.out and "DEFINER=" not in first.out
    if db.dialect == "postgresql":
        assert "Dumped by pg_dump" not in first.out and "\\restrict" not in first.out


def test_schema_on_postgresql_without_pg_dump_is_a_clear_error(make_db: object, tmp_path: Path) -> None:
    db = make_db("postgresql")  # type: ignore[operator]
    env = {k: v for k, v in os.environ.items() if not k.startswith("RATCHET_")}
    env["PATH"] = str(tmp_path)  # no pg_dump there
    done = subprocess.run(
        [RATCHET, "schema", "--database", db.url], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "pg_dump on PATH" in done.stderr and "Traceback" not in done.stderr


def test_schema_check_fails_after_a_migration_changes_the_schema_and_passes_after_migrate(
    project: Project, tmp_path: Path
) -> None:
    (project.root / "pyproject.toml").write_text('[tool.ratchet]\nschema-file = "schema.sql"\n')
    schema_file = project.root / "schema.sql"
    project.write("1.0.0__users.sql", SCHEMA)
    assert project.ratchet("migrate").code == 0
    assert "CREATE TABLE users" in schema_file.read_text()
    assert project.ratchet("schema", "--check").code == 0
    # another checkout (without schema-file) applies a migration to the same database
    project.write("1.1.0__posts.sql", "CREATE TABLE posts (id INTEGER PRIMARY KEY);")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    cwd = Path.cwd()
    os.chdir(elsewhere)
    try:
        ratchet.migrate(project.database, project.migrations)
    finally:
        os.chdir(cwd)
    stale = project.ratchet("schema", "--check")
    assert stale.code == 1, stale.output
    assert "+CREATE TABLE posts" in stale.out and "differs" in stale.out
    project.write("1.2.0__tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);")
    assert project.ratchet("migrate").code == 0
    assert project.ratchet("schema", "--check").code == 0
    assert "CREATE TABLE posts" in schema_file.read_text() and "CREATE TABLE tags" in schema_file.read_text()


def test_schema_check_needs_a_file(project: Project) -> None:
    result = project.ratchet("schema", "--check")
    assert result.code == 2 and "schema-file" in result.err


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed")
def test_schema_output_writes_the_file(db_project: Project, db: Db) -> None:
    db_project.write("1.0.0__users.sql", SCHEMA)
    assert db_project.ratchet("migrate").code == 0
    out = db_project.root / "out.sql"
    assert db_project.ratchet("schema", "--output", str(out)).code == 0
    assert db_project.ratchet("schema", "--check", "--output", str(out)).code == 0
    out.write_text(out.read_text() + "-- edited\n")
    assert db_project.ratchet("schema", "--check", "--output", str(out)).code == 1


def test_repair_records_the_snapshot_of_the_finished_file(project: Project, sqlite_path: Path) -> None:
    project.write("1.0.0__users.sql", SCHEMA)
    project.write(
        "1.1.0__extra.sql",
        "-- guard: no-transaction\nCREATE TABLE extra (id INTEGER);\nINSERT INTO missing VALUES (1);\n"
        "CREATE INDEX idx_extra ON extra (id);\n",
    )
    assert project.ratchet("migrate").code == 5
    # the run recorded the schema as it left it, the failed file's first statement included
    assert project.ratchet("diff").code == 0
    connection = sqlite3.connect(sqlite_path)
    connection.execute("CREATE TABLE missing (id INTEGER)")  # the fix, made by hand
    connection.commit()
    connection.close()
    assert "table missing added" in project.ratchet("diff").out
    assert project.ratchet("repair", "1.1.0", "--retry").code == 0
    result = project.ratchet("diff")
    assert result.code == 0, result.output
    assert "recorded with 1.1.0" in result.out


POSTGRES_CODE = """\
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE SEQUENCE ticket_numbers START 100;
CREATE TABLE events (id SERIAL PRIMARY KEY, feeling mood NOT NULL DEFAULT 'happy',
  ticket INTEGER CHECK (ticket > 0), updated_at TIMESTAMP);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE TRIGGER events_touch BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION touch();
"""
MYSQL_CODE = """\
CREATE TABLE events (id INTEGER AUTO_INCREMENT PRIMARY KEY, feeling ENUM('sad', 'happy') NOT NULL DEFAULT 'happy',
  ticket INTEGER, updated_at TIMESTAMP NULL, CONSTRAINT ticket_positive CHECK (ticket > 0));
CREATE TRIGGER events_touch BEFORE UPDATE ON events FOR EACH ROW SET NEW.updated_at = NOW();
CREATE FUNCTION double_it(x INTEGER) RETURNS INTEGER DETERMINISTIC RETURN x * 2;
"""


@pytest.mark.parametrize("dialect", ["postgresql", "mysql"])
def test_server_catalogs_cover_types_routines_triggers_and_ignore_data(
    make_db: object, tmp_path: Path, dialect: str
) -> None:
    db: Db = make_db(dialect)  # type: ignore[operator]
    project = Project(tmp_path, db.url)
    project.write("1.0.0__code.sql", POSTGRES_CODE if dialect == "postgresql" else MYSQL_CODE)
    assert project.ratchet("migrate", "--no-lint").code == 0
    for _ in range(3):  # rows, sequence values and AUTO_INCREMENT counters are data, not schema
        db.execute("INSERT INTO events (ticket) VALUES (5)")
    db.execute("UPDATE events SET ticket = 6")
    if dialect == "postgresql":
        db.query("SELECT nextval('ticket_numbers')")
    assert project.ratchet("diff").code == 0
    if dialect == "postgresql":
        db.execute("ALTER TYPE mood ADD VALUE 'calm'")
        db.execute("CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$")
        db.execute("DROP TRIGGER events_touch ON events")
        db.execute("ALTER SEQUENCE ticket_numbers INCREMENT BY 5")
        db.execute("ALTER TABLE events DROP CONSTRAINT events_ticket_check")
        expected = {
            ("altered", "type", "mood"),
            ("altered", "routine", "touch()"),
            ("dropped", "trigger", "events.events_touch"),
            ("altered", "sequence", "ticket_numbers"),
            ("dropped", "constraint", "events.events_ticket_check"),
        }
    else:
        db.execute("ALTER TABLE events MODIFY feeling ENUM('sad', 'happy', 'calm') NOT NULL DEFAULT 'happy'")
        db.execute("DROP FUNCTION double_it")
        db.execute("CREATE FUNCTION double_it(x INTEGER) RETURNS INTEGER DETERMINISTIC RETURN x + x")
        db.execute("DROP TRIGGER events_touch")
        db.execute("ALTER TABLE events DROP CONSTRAINT ticket_positive")
        expected = {
            ("altered", "column", "events.feeling"),
            ("altered", "routine", "double_it"),
            ("dropped", "trigger", "events.events_touch"),
            ("dropped", "constraint", "events.ticket_positive"),
        }
    result = project.ratchet("diff", "--json")
    assert result.code == 1, result.output
    changes = {(c["change"], c["kind"], c["name"]) for c in json.loads(result.out)["changes"]}
    assert changes == expected


def test_catalog_diff_names_the_change_and_cuts_long_texts_at_the_difference() -> None:
    from ratchet.catalog import Catalog, diff

    body = "SELECT " + ", ".join(f"c{n}" for n in range(60)) + " FROM t"
    before = Catalog(
        {
            "table t": {"sql": "CREATE TABLE t (a INTEGER)"},
            "column t.a": {"type": "INTEGER"},
            "view v": {"sql": body},
        }
    )
    after = Catalog(
        {
            "table t": {"sql": "CREATE TABLE t (a INTEGER, b TEXT)"},
            "column t.a": {"type": "INTEGER"},
            "column t.b": {"type": "TEXT"},
            "view v": {"sql": body.replace("c42", "c42 AS renamed")},
        }
    )
    changes = diff(before, after)
    # the table's DDL changed only because of its new column: reported once, as the column
    assert [str(c).split(":")[0] for c in changes] == ["column t.b added", "view v altered"]
    detail = changes[1].details[0]
    assert "c42 AS renamed" in detail and detail.count("...") >= 2 and len(detail) < 300
    assert before.fingerprint != after.fingerprint
    assert Catalog.from_text(after.text).fingerprint == after.fingerprint


def test_mariadb_catalog_queries_read_only_the_databases_own_tables(make_db: object) -> None:
    """Each information_schema query of the snapshot names the database in a column MariaDB looks
    tables up by: none of them opens the tables of every database on the server."""
    from ratchet.backends import mysql_schema

    db: Db = make_db("mysql")  # type: ignore[operator]
    if "MariaDB" not in str(db.query("SELECT VERSION()")[0][0]):
        pytest.skip("MariaDB's EXPLAIN says which databases an information_schema query reads")
    queries = {
        name: value
        for name, value in vars(mysql_schema).items()
        if name.isupper() and "information_schema" in str(value)
    }
    assert "_TRIGGERS" in queries and len(queries) >= 10
    scans = {name: str(db.query(f"EXPLAIN {sql}")[0][-1]) for name, sql in queries.items()}
    assert {name: plan for name, plan in scans.items() if "Scanned all databases" in plan} == {}
