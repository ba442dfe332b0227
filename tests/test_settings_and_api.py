"""The settings API and CLI, and the Python API with a URL or an open sqlite3 connection."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import ratchet
from conftest import Project
from ratchet.errors import MigrationFileError, SettingsError, StatementFailedError, UsageError


def test_settings_cli_round_trip(project: Project, sqlite_path: Path) -> None:
    assert project.ratchet("settings", "get", "theme").code == 1
    assert project.ratchet("settings", "set", "theme", "dark").code == 0
    assert project.ratchet("settings", "set", "theme", "light").code == 0
    assert project.ratchet("settings", "set", "motd", "hello; DROP TABLE x").code == 0
    got = project.ratchet("settings", "get", "theme")
    assert got.code == 0 and got.out == "light\n"
    listed = project.ratchet("settings", "list", "--json")
    assert json.loads(listed.out) == {"motd": "hello; DROP TABLE x", "theme": "light"}
    with sqlite3.connect(sqlite_path) as connection:
        created, updated = connection.execute(
            "SELECT created_at, updated_at FROM system_settings WHERE key='theme'"
        ).fetchone()
    assert created and updated


def test_settings_table_matches_the_seed(project: Project, sqlite_path: Path) -> None:
    assert project.ratchet("settings", "set", "k", "v").code == 0
    with sqlite3.connect(sqlite_path) as connection:
        columns = connection.execute("PRAGMA table_info(system_settings)").fetchall()
    assert [(c[1], c[2], c[3], c[5]) for c in columns] == [
        ("key", "TEXT", 0, 1),
        ("value", "TEXT", 1, 0),
        ("created_at", "TIMESTAMP", 0, 0),
        ("updated_at", "TIMESTAMP", 0, 0),
    ]


def test_db_version_is_read_only(project: Project, sqlite_path: Path) -> None:
    result = project.ratchet("settings", "set", "db_version", "9.9.9")
    assert result.code == 2
    assert "read-only" in result.err and "ratchet baseline" in result.err
    assert not sqlite_path.exists()


@pytest.mark.parametrize(("key", "value"), [("k" * 192, "v"), ("a\x00b", "v"), ("k", "a\x00b")])
def test_bad_keys_and_values_are_rejected(tmp_path: Path, key: str, value: str) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    with pytest.raises(SettingsError):
        ratchet.set_system_setting(url, key, value)
    assert not (tmp_path / "db.sqlite").exists()


def test_a_191_character_key_is_accepted(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    ratchet.set_system_setting(url, "k" * 191, "v")
    assert ratchet.get_system_setting(url, "k" * 191) == "v"


def test_get_on_a_fresh_database_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    sqlite3.connect(path).close()
    assert ratchet.get_system_setting(f"sqlite:///{path}", "missing") is None
    assert ratchet.list_system_settings(f"sqlite:///{path}") == {}
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,)


def write(migrations: Path, name: str, sql: str) -> None:
    migrations.mkdir(exist_ok=True)
    (migrations / name).write_text(sql)


def test_api_migrate_with_a_url(tmp_path: Path) -> None:
    migrations = tmp_path / "migrations"
    write(migrations, "1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    url = f"sqlite:///{tmp_path / 'app.db'}"
    report = ratchet.migrate(url, migrations)
    assert [str(r.version) for r in report.applied] == ["1.0.0"]
    assert str(report.to_version) == "1.0.0"
    status = ratchet.status(url, migrations)
    assert [e.state for e in status.plan.entries] == ["applied"]
    assert ratchet.get_system_setting(url, "db_version") == "1.0.0"


def test_api_migrate_with_an_application_connection(tmp_path: Path) -> None:
    migrations = tmp_path / "migrations"
    write(migrations, "1.0.0__a.sql", "CREATE TABLE a (id INTEGER);\nINSERT INTO a VALUES (1);")
    connection = sqlite3.connect(tmp_path / "app.db", timeout=2)
    try:
        assert connection.isolation_level == ""
        report = ratchet.migrate(connection, migrations)
        assert len(report.applied) == 1
        assert connection.isolation_level == "", "the connection's own setting is restored"
        assert connection.execute("PRAGMA busy_timeout").fetchone() == (2000,), "and its busy timeout"
        assert connection.execute("SELECT id FROM a").fetchall() == [(1,)]
        ratchet.set_system_setting(connection, "owner", "app")
        assert ratchet.get_system_setting(connection, "owner") == "app"
        assert ratchet.list_system_settings(connection)["db_version"] == "1.0.0"
        connection.execute("SELECT 1")  # still open: ratchet never closes a caller's connection
    finally:
        connection.close()


@pytest.mark.parametrize("before", [0, 1])
def test_a_failing_file_leaves_the_connections_legacy_alter_table_as_it_was(tmp_path: Path, before: int) -> None:
    migrations = tmp_path / "migrations"
    write(
        migrations,
        "1.0.0__a.sql",
        "PRAGMA legacy_alter_table = ON;\nCREATE TABLE a (id INTEGER);\nINSERT INTO nowhere VALUES (1);",
    )
    connection = sqlite3.connect(tmp_path / "app.db")
    connection.execute(f"PRAGMA legacy_alter_table = {before}")
    try:
        with pytest.raises(StatementFailedError):
            ratchet.migrate(connection, migrations, no_lint=True)
        assert connection.execute("PRAGMA legacy_alter_table").fetchone() == (before,)
        # near miss: the file without its failing statement runs, and the setting is put back too
        write(migrations, "1.0.0__a.sql", "PRAGMA legacy_alter_table = ON;\nCREATE TABLE a (id INTEGER);")
        ratchet.migrate(connection, migrations, no_lint=True)
        assert connection.execute("PRAGMA legacy_alter_table").fetchone() == (before,)
    finally:
        connection.close()


def test_api_works_on_an_in_memory_connection(tmp_path: Path) -> None:
    migrations = tmp_path / "migrations"
    write(migrations, "1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    connection = sqlite3.connect(":memory:")
    ratchet.migrate(connection, migrations)
    assert connection.execute("SELECT value FROM system_settings WHERE key='db_version'").fetchone() == ("1.0.0",)


def test_api_refuses_a_connection_inside_a_transaction(tmp_path: Path) -> None:
    migrations = tmp_path / "migrations"
    write(migrations, "1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    connection = sqlite3.connect(tmp_path / "app.db")
    connection.execute("CREATE TABLE t (x)")
    connection.execute("INSERT INTO t VALUES (1)")
    assert connection.in_transaction
    with pytest.raises(UsageError, match="open transaction"):
        ratchet.migrate(connection, migrations)
    connection.close()


def test_api_raises_typed_errors(tmp_path: Path) -> None:
    migrations = tmp_path / "migrations"
    write(migrations, "1.0.0__a.sql", "INSERT INTO nowhere VALUES (1);")
    url = f"sqlite:///{tmp_path / 'app.db'}"
    with pytest.raises(StatementFailedError) as failure:
        ratchet.migrate(url, migrations)
    assert failure.value.line == 1 and failure.value.statement_number == 1
    assert failure.value.exit_code == 5
    write(migrations, "1.1.0__bad.sql", "-- guard: nope\nSELECT 1;")
    with pytest.raises(MigrationFileError) as invalid:
        ratchet.migrate(url, migrations)
    assert invalid.value.exit_code == 3


def test_api_dry_run_lists_the_plan(tmp_path: Path) -> None:
    migrations = tmp_path / "migrations"
    write(migrations, "1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    report = ratchet.migrate(f"sqlite:///{tmp_path / 'app.db'}", migrations, dry_run=True)
    assert [p.file.description for p in report.planned] == ["a"] and report.results == []
    assert not (tmp_path / "app.db").exists()


def test_custom_table_names_from_pyproject(project: Project, sqlite_path: Path) -> None:
    (project.root / "pyproject.toml").write_text(
        '[tool.ratchet]\nsettings-table = "app_settings"\nhistory-table = "app_migrations"\n'
    )
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    assert project.ratchet("migrate").code == 0
    with sqlite3.connect(sqlite_path) as connection:
        names = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"app_settings", "app_migrations", "a"} == names
    (project.root / "pyproject.toml").write_text('[tool.ratchet]\nhistory-table = "bad name; drop"\n')
    result = project.ratchet("status")
    assert result.code == 2 and "plain identifier" in result.err
