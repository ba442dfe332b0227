"""PostgreSQL: ratchet's tables are found where the session's search path finds them, and every
later run names them in that schema, whatever schema a migration made first in the search path
(``CREATE SCHEMA <user>`` with the default ``"$user", public``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Db, Project
from ratchet import api
from ratchet.backends.postgresql import PostgresBackend

RATCHET_TABLES = ("schema_history", "system_settings")


def ratchet_tables(db: Db) -> list[tuple[str, str]]:
    """``(schema, table)`` of every table named like one of ratchet's, in any schema."""
    rows = db.query(
        "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relname = ANY(%s) ORDER BY 1, 2",
        (list(RATCHET_TABLES),),
    )
    return [(str(schema), str(table)) for schema, table in rows]


@pytest.fixture(params=[True, False], ids=["pipelined", "ordinary"])
def pg_project(
    request: pytest.FixtureRequest, project: Project, make_db: Callable[[str], Db], monkeypatch: pytest.MonkeyPatch
) -> tuple[Project, Db]:
    """A project on a fresh PostgreSQL database, files sent as a pipeline or one statement at a time."""
    if not request.param:
        monkeypatch.setattr(PostgresBackend, "can_pipeline", lambda self: False)
    db = make_db("postgresql")
    return Project(project.root, db.url), db


def test_a_schema_named_after_the_user_does_not_hide_ratchets_tables(pg_project: tuple[Project, Db]) -> None:
    project, db = pg_project
    project.write("1.0.0__a.sql", "CREATE SCHEMA postgres;\nCREATE TABLE t (id int);\n")
    first = project.ratchet("migrate")
    assert first.code == 0, first.output
    assert db.query("SELECT current_schemas(false)") == [(["postgres", "public"],)]
    assert ratchet_tables(db) == [("public", "schema_history"), ("public", "system_settings")]

    project.write("1.1.0__b.sql", "CREATE TABLE u (id int);\n")
    status = project.ratchet("status")
    assert status.code == 0, status.output
    assert "1.0.0" in status.out and "applied" in status.out
    assert "1 pending" in status.out, status.out
    second = project.ratchet("migrate")
    assert second.code == 0, second.output
    assert "from 1.0.0 to 1.1.0: 1 applied" in second.out, second.out

    assert ratchet_tables(db) == [("public", "schema_history"), ("public", "system_settings")]
    assert db.query("SELECT version, status FROM public.schema_history ORDER BY version") == [
        ("1.0.0", "applied"),
        ("1.1.0", "applied"),
    ]
    assert db.query("SELECT value FROM public.system_settings WHERE key = 'db_version'") == [("1.1.0",)]
    after = project.ratchet("status")
    assert after.code == 0 and "db_version: 1.1.0" in after.out and "0 pending" in after.out, after.output
    validate = project.ratchet("validate")
    assert validate.code == 0, validate.output
    assert project.ratchet("settings", "get", "db_version").out.strip() == "1.1.0"


def test_tables_not_found_are_made_in_the_current_schema_and_found_there_again(
    pg_project: tuple[Project, Db],
) -> None:
    project, db = pg_project
    db.execute("CREATE SCHEMA postgres")
    project.write("1.0.0__a.sql", "CREATE TABLE t (id int);\n")
    assert project.ratchet("migrate").code == 0
    assert ratchet_tables(db) == [("postgres", "schema_history"), ("postgres", "system_settings")]
    project.write("1.1.0__b.sql", "CREATE TABLE u (id int);\n")
    second = project.ratchet("migrate")
    assert second.code == 0, second.output
    assert "from 1.0.0 to 1.1.0: 1 applied" in second.out, second.out
    assert ratchet_tables(db) == [("postgres", "schema_history"), ("postgres", "system_settings")]
    assert db.query("SELECT version FROM postgres.schema_history ORDER BY version") == [("1.0.0",), ("1.1.0",)]


def test_a_settings_table_alone_gets_its_history_beside_it(pg_project: tuple[Project, Db]) -> None:
    """A database with only the settings table (kept by the application before ratchet), in a
    schema after the user's own: the history is made beside it, and its settings are read."""
    project, db = pg_project
    db.execute(
        "CREATE TABLE public.system_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, "
        "created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)"
    )
    db.execute("INSERT INTO public.system_settings (key, value) VALUES ('feature', 'on')")
    db.execute("CREATE SCHEMA postgres")
    project.write("1.0.0__a.sql", "CREATE TABLE t (id int);\n")
    result = project.ratchet("migrate")
    assert result.code == 0, result.output
    assert ratchet_tables(db) == [("public", "schema_history"), ("public", "system_settings")]
    assert db.query("SELECT version FROM public.schema_history") == [("1.0.0",)]
    assert project.ratchet("settings", "get", "feature").out.strip() == "on"


def test_an_applications_temporary_schema_first_in_its_search_path_does_not_get_ratchets_tables(
    tmp_path: Path, make_db: Callable[[str], Db]
) -> None:
    """``current_schema()`` is the session's temporary schema when the search path names
    ``pg_temp`` first: ratchet's tables go to the next schema, not into tables that end with the session."""
    import psycopg

    db = make_db("postgresql")
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    (migrations / "1.0.0__a.sql").write_text("CREATE TABLE public.t (id int);\n", encoding="utf-8")
    with psycopg.connect(host="127.0.0.1", user="postgres", dbname=db.name, autocommit=True) as connection:
        connection.execute("CREATE TEMPORARY TABLE scratch (id int)")
        connection.execute("SET search_path = pg_temp, public")
        assert len(api.migrate(connection, migrations).applied) == 1
    assert ratchet_tables(db) == [("public", "schema_history"), ("public", "system_settings")]
    assert db.db_version() == "1.0.0"


def test_the_schema_and_its_snapshot_leave_ratchets_tables_out_in_their_own_schema(
    pg_project: tuple[Project, Db],
) -> None:
    project, db = pg_project
    project.write(
        "1.0.0__a.sql", "CREATE SCHEMA postgres;\nCREATE TABLE t (id int);\nCREATE TABLE public.kept (id int);\n"
    )
    assert project.ratchet("migrate").code == 0
    snapshot = str(db.query("SELECT schema_snapshot FROM public.schema_history")[0][0])
    assert "public.kept" in snapshot and "table t" in snapshot
    assert "schema_history" not in snapshot and "system_settings" not in snapshot
    schema = project.ratchet("schema")
    assert schema.code == 0, schema.output
    assert "public.kept" in schema.out and "postgres.t" in schema.out
    assert "schema_history" not in schema.out and "system_settings" not in schema.out
