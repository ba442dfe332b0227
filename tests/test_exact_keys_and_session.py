"""Keys compare exactly on every backend, and each file starts from the
session ratchet opened."""

from __future__ import annotations

import os
from collections.abc import Callable
from urllib.parse import quote

import pytest

import ratchet
from conftest import Db, Project
from test_fresh_path import recording_mysql_connection

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


@pytest.mark.parametrize(
    "change",
    [
        # data last: the end is written in the transaction of the file's last data statements
        "SET SESSION sql_mode = 'ANSI';\nINSERT INTO seen VALUES ('in', @@SESSION.sql_mode);",
        "SET NAMES latin1;\nINSERT INTO seen VALUES ('in', @@SESSION.character_set_client);",
        "USE {other};\nINSERT INTO {db}.seen VALUES ('in', DATABASE());",
        # DDL last: the end is written alone, in autocommit
        "SET SESSION time_zone = '+03:00';\nCREATE TABLE {db}.made (id INT);",
        "SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES,ORACLE';\nCREATE TABLE {db}.made (id INT);",
    ],
)
def test_mysql_session_changed_by_a_file_ending_in_data_or_ddl_is_put_back(
    project: Project, make_db: Callable[[str], Db], change: str
) -> None:
    """The end of such a file is written only where the session is ratchet's: put back first."""
    db = make_db("mysql")
    other = make_db("mysql")
    on_db = Project(project.root, db.url)
    looks = "@@SESSION.sql_mode, @@SESSION.character_set_client, @@SESSION.time_zone, DATABASE()"
    on_db.write("1.0.0__t.sql", "CREATE TABLE seen (moment VARCHAR(10), value VARCHAR(200));\n")
    on_db.write("1.1.0__before.sql", f"INSERT INTO seen VALUES ('before', CONCAT_WS('|', {looks}));\n")
    on_db.write("1.2.0__change.sql", change.format(other=f"`{other.name}`", db=f"`{db.name}`") + "\n")
    on_db.write("1.3.0__after.sql", f"INSERT INTO `{db.name}`.seen VALUES ('after', CONCAT_WS('|', {looks}));\n")
    result = on_db.ratchet("migrate", "--no-lint")
    assert result.code == 0, result.output
    seen = dict(db.query("SELECT moment, value FROM seen"))
    assert seen["after"] == seen["before"], seen
    assert db.history()["1.2.0"] == ("applied", 2)
    assert db.db_version() == "1.3.0"
    assert other.tables() == []


def test_mysql_files_that_keep_the_session_write_their_end_without_a_session_query(
    project: Project, make_db: Callable[[str], Db]
) -> None:
    """The end's own statement checks the session; a query of its own only for a file that changed it."""
    db = make_db("mysql")
    project.write("1.0.0__t.sql", "CREATE TABLE seen (id INT);\n")
    project.write("1.1.0__data.sql", "CREATE TABLE t1 (id INT);\nINSERT INTO seen VALUES (1);\n")
    project.write("1.2.0__ddl.sql", "INSERT INTO seen VALUES (2);\nCREATE TABLE t2 (id INT);\n")
    project.write("1.3.0__changes.sql", "SET SESSION sql_mode = 'ANSI';\nINSERT INTO seen VALUES (3);\n")
    project.write("1.4.0__data.sql", "INSERT INTO seen VALUES (4);\n")
    sent: list[str] = []
    connection = recording_mysql_connection(db, sent)
    try:
        ratchet.migrate(connection, project.migrations, no_lint=True)
        compares = [sql for sql in sent if sql.startswith("SELECT (BINARY DATABASE()")]
        ends = [sql for sql in sent if "SET s.value" in sql and "BINARY DATABASE()" in sql]
    finally:
        connection.close()
    # 1.0.0 sets db_version for the first time (an INSERT, a statement of its own); 1.3.0 changed the session
    assert len(compares) == 2
    assert len(ends) == 4  # 1.1.0 to 1.4.0 (1.3.0's wrote nothing: written again once the session was put back)
    assert db.history() == {
        v: ("applied", n) for v, n in [("1.0.0", 1), ("1.1.0", 2), ("1.2.0", 2), ("1.3.0", 2), ("1.4.0", 1)]
    }
    assert db.query("SELECT id FROM seen ORDER BY id") == [(1,), (2,), (3,), (4,)]


def test_mysql_end_written_after_a_session_with_no_backslash_escapes_in_a_quoted_database(
    project: Project,
) -> None:
    """The end's statement carries the session's values, here a quote, into whatever session the
    file left: written as that session reads them (under NO_BACKSLASH_ESCAPES a quote is doubled,
    not escaped with a backslash), it finds the session changed instead of failing."""
    import pymysql

    name = f"ratchet_q'uote_{os.getpid()}"
    admin = pymysql.connect(host="127.0.0.1", port=3306, user="root", autocommit=True)
    admin.cursor().execute(f"CREATE DATABASE `{name}`")
    try:
        url = f"mysql://root@127.0.0.1:3306/{quote(name, safe='')}"
        on_db = Project(project.root, url)
        on_db.write("1.0.0__t.sql", "CREATE TABLE seen (id INT);\n")
        on_db.write("1.1.0__one.sql", "INSERT INTO seen VALUES (1);\n")
        on_db.write("1.2.0__mode.sql", "SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES';\nINSERT INTO seen VALUES (2);\n")
        on_db.write("1.3.0__two.sql", "SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES';\nCREATE TABLE t3 (id INT);\n")
        result = on_db.ratchet("migrate", "--no-lint")
        assert result.code == 0, result.output
        cursor = admin.cursor()
        cursor.execute(f"SELECT version, status, statements_done FROM `{name}`.schema_history ORDER BY version")
        assert cursor.fetchall() == (
            ("1.0.0", "applied", 1),
            ("1.1.0", "applied", 1),
            ("1.2.0", "applied", 2),
            ("1.3.0", "applied", 2),
        )
        cursor.execute(f"SELECT value FROM `{name}`.system_settings WHERE `key` = 'db_version'")
        assert cursor.fetchall() == (("1.3.0",),)
    finally:
        admin.cursor().execute(f"DROP DATABASE `{name}`")
        admin.close()


def _migrated_seen(on_db: Project, db: Db) -> list[str]:
    """Migrate (without the lint), then what the files wrote into ``seen``, in order."""
    result = on_db.ratchet("migrate", "--no-lint")
    assert result.code == 0, result.output
    return sorted(str(row[0]) for row in db.query("SELECT what FROM seen"))


#: Files that remove the session's prepared statements, in the ways a file can: each is followed
#: by plain files (sent as one pipeline) and a guarded one (sent statement by statement).
DEALLOCATING_FILES = {
    "top-level": {"1.1.0__forget.sql": "DEALLOCATE ALL;\nINSERT INTO seen VALUES ('forget');\n"},
    "lower-case, PREPARE": {"1.1.0__forget.sql": "deallocate prepare all;\nINSERT INTO seen VALUES ('forget');\n"},
    "in a DO block": {
        "1.1.0__forget.sql": "DO $$ BEGIN EXECUTE 'DEALLOCATE ALL'; END $$;\nINSERT INTO seen VALUES ('forget');\n"
    },
    "in a routine of an earlier file": {
        "1.0.5__routine.sql": "CREATE FUNCTION forget() RETURNS void LANGUAGE sql AS 'DEALLOCATE ALL';\n",
        "1.1.0__forget.sql": "SELECT forget();\nINSERT INTO seen VALUES ('forget');\n",
    },
    "DISCARD ALL outside a transaction": {
        "1.1.0__forget.sql": "-- guard: no-transaction\nDISCARD ALL;\nINSERT INTO seen VALUES ('forget');\n"
    },
    "twice, guarded": {
        "1.1.0__forget.sql": "-- guard: require SELECT true\nDEALLOCATE ALL;\nINSERT INTO seen VALUES ('forget');\n",
        "1.1.5__again.sql": "-- guard: require SELECT true\nDEALLOCATE ALL;\nINSERT INTO seen VALUES ('again');\n",
    },
}


@pytest.mark.parametrize("case", list(DEALLOCATING_FILES))
def test_postgresql_a_file_that_deallocates_prepared_statements_leaves_the_next_files_running(
    project: Project, make_db: Callable[[str], Db], case: str
) -> None:
    db = make_db("postgresql")
    on_db = Project(project.root, db.url)
    on_db.write("1.0.0__t.sql", "CREATE TABLE seen (what TEXT);\n")
    for name, sql in DEALLOCATING_FILES[case].items():
        on_db.write(name, sql)
    on_db.write("1.2.0__plain.sql", "INSERT INTO seen VALUES ('plain');\n")
    on_db.write("1.3.0__guarded.sql", "-- guard: require SELECT true\nINSERT INTO seen VALUES ('guarded');\n")
    # still holding the migration lock (DISCARD ALL releases every advisory lock of the session)
    on_db.write(
        "1.4.0__locked.sql",
        "INSERT INTO seen SELECT 'locks ' || count(*) FROM pg_locks "
        "WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted;\n",
    )
    seen = _migrated_seen(on_db, db)
    again = ["again"] if "1.1.5__again.sql" in DEALLOCATING_FILES[case] else []
    assert seen == sorted(["forget", "guarded", "locks 1", "plain", *again])
    assert all(status == "applied" for status, _ in db.history().values())


@pytest.mark.parametrize("guarded", [False, True])
def test_postgresql_text_after_a_change_of_client_encoding_arrives_as_written(
    project: Project, make_db: Callable[[str], Db], guarded: bool
) -> None:
    db = make_db("postgresql")
    # a remembered setting that is not ASCII either: the session restore's own text
    on_db = Project(project.root, f"{db.url}?options={quote('-c search_path=public,schéma')}")
    header = "-- guard: require SELECT true\n" if guarded else ""
    on_db.write("1.0.0__t.sql", "CREATE TABLE seen (what TEXT);\n")
    on_db.write("1.1.0__latin.sql", f"{header}SET client_encoding = 'LATIN1';\nINSERT INTO seen VALUES ('café');\n")
    on_db.write("1.2.0__ascii.sql", f"{header}SET client_encoding TO 'LATIN1';\n")
    on_db.write(
        "1.3.0__after.sql",
        "INSERT INTO seen VALUES ('naïve ü');\n"
        "INSERT INTO seen SELECT current_setting('search_path') || ' ' || current_setting('client_encoding');\n",
    )
    assert _migrated_seen(on_db, db) == ["café", "naïve ü", "public,schéma UTF8"]


def test_postgresql_a_character_the_files_client_encoding_cannot_carry_is_named(
    project: Project, make_db: Callable[[str], Db]
) -> None:
    db = make_db("postgresql")
    on_db = Project(project.root, db.url)
    on_db.write("1.0.0__t.sql", "CREATE TABLE seen (what TEXT);\n")
    on_db.write("1.1.0__latin.sql", "SET client_encoding = 'LATIN1';\nINSERT INTO seen VALUES ('ok 😀');\n")
    result = on_db.ratchet("migrate", "--no-lint")
    assert result.code == 5, result.output
    assert "1.1.0__latin.sql:2: statement 2 of 1.1.0 failed: the statement holds '😀'" in result.err
    assert "client_encoding (LATIN1) cannot carry" in result.err
    assert "leave out the file's SET client_encoding" in result.err
    assert "Traceback" not in result.output
    assert db.history() == {"1.0.0": ("applied", 1)}
