"""Keys compare exactly on every backend, and each file starts from the
session ratchet opened."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import ratchet
from conftest import Db, Project

OLD_MYSQL_SETTINGS = (
    "CREATE TABLE system_settings (\n"
    "  `key` VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PRIMARY KEY,\n"
    "  value LONGTEXT NOT NULL,\n"
    "  created_at TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP,\n"
    "  updated_at TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP\n"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"
)
OLD_MYSQL_HISTORY = (
    "CREATE TABLE schema_history (\n"
    "  version VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PRIMARY KEY,\n"
    "  description TEXT NOT NULL, checksum VARCHAR(64) NOT NULL, status VARCHAR(16) NOT NULL,\n"
    "  waivers LONGTEXT NOT NULL, applied_at VARCHAR(40) NOT NULL, duration_ms BIGINT NOT NULL DEFAULT 0,\n"
    "  applied_by VARCHAR(255) NOT NULL, statements_done INTEGER NOT NULL DEFAULT 0, error LONGTEXT,\n"
    "  lint_bypassed INTEGER NOT NULL DEFAULT 0\n"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"
)


def test_a_key_with_a_trailing_space_is_another_key(db_project: Project, db: Db) -> None:
    db_project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    assert db_project.ratchet("migrate").code == 0
    result = db_project.ratchet("settings", "set", "db_version ", "9.9.9")
    assert result.code == 0, result.output
    assert db.db_version() == "1.0.0"
    assert db_project.ratchet("settings", "get", "db_version ").out.strip() == "9.9.9"
    assert db_project.ratchet("settings", "get", "db_version").out.strip() == "1.0.0"
    assert db_project.ratchet("settings", "set", "theme", "dark").code == 0
    assert db_project.ratchet("settings", "set", "theme ", "light").code == 0
    assert db_project.ratchet("settings", "get", "theme").out.strip() == "dark"
    rows = db.query(f"SELECT {db.q('key')}, value FROM system_settings ORDER BY {db.q('key')}")
    assert ("db_version", "1.0.0") in rows and ("db_version ", "9.9.9") in rows
    assert ("theme", "dark") in rows and ("theme ", "light") in rows
    assert db_project.ratchet("status").code == 0


def test_mysql_installation_from_before_is_upgraded_to_exact_keys(
    project: Project, make_db: Callable[[str], Db]
) -> None:
    db = make_db("mysql")
    db.execute(OLD_MYSQL_SETTINGS)
    db.execute(OLD_MYSQL_HISTORY)
    db.execute("INSERT INTO system_settings (`key`, value) VALUES ('db_version', '1.0.0')")
    on_db = Project(project.root, db.url)
    result = on_db.ratchet("settings", "set", "db_version ", "9.9.9")
    assert result.code == 0, result.output
    assert db.db_version() == "1.0.0"
    assert on_db.ratchet("settings", "get", "db_version ").out.strip() == "9.9.9"
    collations = db.query(
        "SELECT table_name, column_name, collation_name FROM information_schema.columns "
        "WHERE table_schema = DATABASE() AND column_name IN ('key', 'version') ORDER BY table_name"
    )
    assert collations == [
        ("schema_history", "version", "utf8mb4_nopad_bin"),
        ("system_settings", "key", "utf8mb4_nopad_bin"),
    ]
    assert on_db.ratchet("status").code == 0  # idempotent: nothing more to do


def test_python_api_keys_compare_exactly(db: Db) -> None:
    ratchet.set_system_setting(db.url, "mode", "a")
    ratchet.set_system_setting(db.url, "mode ", "b")
    ratchet.set_system_setting(db.url, " mode", "c")
    assert ratchet.get_system_setting(db.url, "mode") == "a"
    assert ratchet.get_system_setting(db.url, "mode  ") is None
    assert {k: v for k, v in ratchet.list_system_settings(db.url).items() if "mode" in k} == {
        "mode": "a",
        "mode ": "b",
        " mode": "c",
    }


# -- item 4: session state ----------------------------------------------------------------------

SEARCH_PATH_FILES = {
    "1.0.0__schema.sql": "CREATE SCHEMA app;\n",
    "1.1.0__set_path.sql": "SET search_path TO app, public;\nCREATE TABLE in_app (id INTEGER);\n",
    "1.2.0__plain.sql": "CREATE TABLE where_am_i (id INTEGER);\n",
}


def _tables_by_schema(db: Db) -> set[tuple[str, str]]:
    rows = db.query(
        "SELECT table_schema, table_name FROM information_schema.tables "
        "WHERE table_schema IN ('public', 'app') AND table_name IN ('in_app', 'where_am_i')"
    )
    return {(str(schema), str(name)) for schema, name in rows}


@pytest.mark.parametrize("together", [True, False])
def test_postgresql_search_path_does_not_leak_into_the_next_file(
    project: Project, make_db: Callable[[str], Db], together: bool
) -> None:
    db = make_db("postgresql")
    on_db = Project(project.root, db.url)
    for name, sql in SEARCH_PATH_FILES.items():
        on_db.write(name, sql)
    if together:
        result = on_db.ratchet("migrate")
        assert result.code == 0, result.output
    else:
        for version in ("1.0.0", "1.1.0", "1.2.0"):
            result = on_db.ratchet("migrate", "--to", version)
            assert result.code == 0, result.output
    assert _tables_by_schema(db) == {("app", "in_app"), ("public", "where_am_i")}
    assert db.history() == {"1.0.0": ("applied", 1), "1.1.0": ("applied", 2), "1.2.0": ("applied", 1)}


def test_postgresql_settings_role_and_temporary_tables_are_reset_between_files(
    project: Project, make_db: Callable[[str], Db]
) -> None:
    db = make_db("postgresql")
    role = f"r_{db.name[-12:]}"
    db.execute(f"CREATE ROLE {role}")
    try:
        on_db = Project(project.root, db.url)
        on_db.write("1.0.0__t.sql", "CREATE TABLE seen (setting TEXT, value TEXT);\n")
        on_db.write(
            "1.1.0__change.sql",
            "SET statement_timeout = '5min';\n"
            "SELECT set_config('application_name', 'changed_by_file', false);\n"
            "CREATE TEMP TABLE seen (setting TEXT, value TEXT);\n"
            f"SET ROLE {role};\n",
        )
        on_db.write(
            "1.2.0__look.sql",
            "INSERT INTO seen SELECT 'statement_timeout', current_setting('statement_timeout');\n"
            "INSERT INTO seen SELECT 'application_name', current_setting('application_name');\n"
            "INSERT INTO seen SELECT 'user', current_user;\n",
        )
        result = on_db.ratchet("migrate", "--no-lint")
        assert result.code == 0, result.output
        seen = dict(db.query("SELECT setting, value FROM public.seen"))
        assert seen["statement_timeout"] == "0"
        assert seen["application_name"] != "changed_by_file"
        assert seen["user"] == "postgres"
    finally:
        db.execute(f"DROP OWNED BY {role}")
        db.execute(f"DROP ROLE {role}")


def test_mysql_session_variables_and_database_are_reset_between_files(
    project: Project, make_db: Callable[[str], Db]
) -> None:
    db = make_db("mysql")
    other = make_db("mysql")
    on_db = Project(project.root, db.url)
    on_db.write("1.0.0__t.sql", "CREATE TABLE seen (setting VARCHAR(40), value VARCHAR(200));\n")
    on_db.write(
        "1.1.0__change.sql",
        "SET SESSION foreign_key_checks = 0;\n"
        "SET SESSION sql_mode = 'ALLOW_INVALID_DATES';\n"
        "SET NAMES latin1;\n"
        f"USE `{other.name}`;\n",
    )
    on_db.write(
        "1.2.0__look.sql",
        "INSERT INTO seen VALUES ('foreign_key_checks', @@SESSION.foreign_key_checks);\n"
        "INSERT INTO seen VALUES ('sql_mode', @@SESSION.sql_mode);\n"
        "INSERT INTO seen VALUES ('character_set_client', @@SESSION.character_set_client);\n",
    )
    result = on_db.ratchet("migrate", "--no-lint")
    assert result.code == 0, result.output
    seen = dict(db.query("SELECT setting, value FROM seen"))
    assert seen["foreign_key_checks"] == "1"
    assert "ALLOW_INVALID_DATES" not in seen["sql_mode"]
    assert seen["character_set_client"] == "utf8mb4"
    assert other.tables() == []
    assert db.history()["1.2.0"] == ("applied", 3)


@pytest.mark.parametrize(
    ("change", "look"),
    [
        ("SET SESSION group_concat_max_len = 5", "@@SESSION.group_concat_max_len"),
        ("SET SESSION div_precision_increment = 9", "@@SESSION.div_precision_increment"),
        ("SET SESSION sql_select_limit = 3", "@@SESSION.sql_select_limit"),
        ("SET SESSION time_zone = '+03:00'", "@@SESSION.time_zone"),
        ("SET SESSION unique_checks = 0", "@@SESSION.unique_checks"),
        ("USE {other}", "DATABASE()"),
    ],
)
def test_mysql_one_changed_session_value_is_seen_and_put_back(
    project: Project, make_db: Callable[[str], Db], change: str, look: str
) -> None:
    """The server compares the session with the remembered one in one value: a change of any
    single one of them is seen (and put back before the next file)."""
    db = make_db("mysql")
    other = make_db("mysql")
    on_db = Project(project.root, db.url)
    on_db.write("1.0.0__t.sql", "CREATE TABLE seen (moment VARCHAR(10), value VARCHAR(200));\n")
    on_db.write("1.1.0__before.sql", f"INSERT INTO seen VALUES ('before', {look});\n")
    on_db.write("1.2.0__change.sql", change.format(other=f"`{other.name}`") + ";\n")
    on_db.write("1.3.0__after.sql", f"INSERT INTO `{db.name}`.seen VALUES ('after', {look});\n")
    result = on_db.ratchet("migrate", "--no-lint")
    assert result.code == 0, result.output
    seen = dict(db.query("SELECT moment, value FROM seen"))
    assert seen["after"] == seen["before"], seen
