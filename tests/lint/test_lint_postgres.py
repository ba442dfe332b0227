"""The PostgreSQL lint: each root cause with its trigger and a near miss, by rule, line and column."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Db, Project
from ratchet.config import load_config
from ratchet.errors import UsageError
from ratchet.linter import lint_paths
from ratchet.linter.postgres import catalog_from_sql
from ratchet.linter.rules import ERROR, INFO, RULES

BASE = """CREATE TABLE users (
  id integer PRIMARY KEY,
  username text NOT NULL,
  email text,
  nick varchar(20),
  score integer,
  price numeric(8, 2),
  code char(4)
);
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE SEQUENCE invoice_numbers;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE FUNCTION touch() RETURNS trigger AS $$ BEGIN NEW.email := lower(NEW.email); RETURN NEW; END $$ LANGUAGE plpgsql;
CREATE TRIGGER users_touch BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION touch();
"""

Found = set[tuple[str, int, int]]


def lint(tmp_path: Path, sql: str, *, version: int | None = None, severity: str | None = None) -> Found:
    directory = tmp_path / "migrations"
    directory.mkdir(exist_ok=True)
    (directory / "1.0.0__base.sql").write_text(BASE, encoding="utf-8")
    (directory / "1.1.0__change.sql").write_text(sql, encoding="utf-8")
    report = lint_paths([directory], dialect="postgresql", postgres_version=version)
    assert not [f for f in report.findings if f.path.name.startswith("1.0.0")], report.findings
    return {
        (f.rule, f.line, f.column)
        for f in report.findings
        if f.path.name.startswith("1.1.0") and (severity is None or f.severity == severity)
    }


def rules(found: Found) -> set[str]:
    return {rule for rule, _, _ in found}


# -- 1. same-file exemption too broad --------------------------------------------------------


def test_add_nullable_backfill_set_not_null_is_add_not_null(tmp_path: Path) -> None:
    sql = (
        "ALTER TABLE users ADD COLUMN age integer;\nUPDATE users SET age = 0;\n"
        "ALTER TABLE users ALTER COLUMN age SET NOT NULL;"
    )
    found = lint(tmp_path, sql, severity=ERROR)
    assert found == {("add-not-null-without-default", 3, 19)}


def test_add_nullable_backfill_set_not_null_then_default_is_fine(tmp_path: Path) -> None:
    sql = (
        "ALTER TABLE users ADD COLUMN age integer;\nUPDATE users SET age = 0;\n"
        "ALTER TABLE users ALTER COLUMN age SET NOT NULL;\nALTER TABLE users ALTER COLUMN age SET DEFAULT 0;"
    )
    assert lint(tmp_path, sql, severity=ERROR) == set()


def test_add_with_default_then_drop_default_is_add_not_null(tmp_path: Path) -> None:
    sql = (
        "ALTER TABLE users ADD COLUMN age integer NOT NULL DEFAULT 0;\nALTER TABLE users ALTER COLUMN age DROP DEFAULT;"
    )
    assert lint(tmp_path, sql, severity=ERROR) == {("add-not-null-without-default", 2, 19)}


def test_add_with_default_kept_is_fine(tmp_path: Path) -> None:
    sql = (
        "ALTER TABLE users ADD COLUMN age integer NOT NULL DEFAULT 0;\n"
        "ALTER TABLE users ALTER COLUMN age SET DEFAULT 1;"
    )
    assert lint(tmp_path, sql, severity=ERROR) == set()


def test_check_not_null_on_added_column_is_add_not_null(tmp_path: Path) -> None:
    sql = "ALTER TABLE users ADD COLUMN age integer;\nALTER TABLE users ADD CONSTRAINT age_set CHECK (age IS NOT NULL);"
    assert lint(tmp_path, sql, severity=ERROR) == {("add-not-null-without-default", 2, 19)}


def test_not_null_column_of_a_new_table_is_fine(tmp_path: Path) -> None:
    sql = (
        "CREATE TABLE pets (id integer);\nALTER TABLE pets ADD COLUMN name text;\n"
        "ALTER TABLE pets ALTER COLUMN name SET NOT NULL;"
    )
    assert lint(tmp_path, sql, severity=ERROR) == set()


def test_create_if_not_exists_does_not_make_a_table_new(tmp_path: Path) -> None:
    sql = (
        "CREATE TABLE IF NOT EXISTS audit (id integer, note text, at integer);\n"
        "ALTER TABLE audit DROP COLUMN IF EXISTS note;\n"
        "ALTER TABLE audit ALTER COLUMN at TYPE bigint;"
    )
    assert lint(tmp_path, sql, severity=ERROR) == {("drop-column", 2, 19), ("alter-column-type", 3, 19)}


def test_create_table_without_if_not_exists_is_new(tmp_path: Path) -> None:
    sql = (
        "CREATE TABLE audit (id integer, note text, at integer);\n"
        "ALTER TABLE audit DROP COLUMN IF EXISTS note;\n"
        "ALTER TABLE audit ALTER COLUMN at TYPE bigint;"
    )
    assert lint(tmp_path, sql, severity=ERROR) == set()


def test_create_if_not_exists_of_a_known_table_is_not_new(tmp_path: Path) -> None:
    sql = "CREATE TABLE IF NOT EXISTS users (id integer);\nALTER TABLE users DROP COLUMN email;"
    assert lint(tmp_path, sql, severity=ERROR) == {("drop-column", 2, 19)}


# -- 2. benign PostgreSQL statements -----------------------------------------------------------

BENIGN = [
    "ALTER TABLE users DISABLE TRIGGER ALL;\nUPDATE users SET email = lower(email) WHERE id > 0;\n"
    "ALTER TABLE users ENABLE TRIGGER ALL;",
    "ALTER TABLE users DISABLE TRIGGER USER;\nALTER TABLE users ENABLE TRIGGER USER;",
    "ALTER TABLE users DISABLE TRIGGER users_touch;\nALTER TABLE users ENABLE TRIGGER users_touch;",
    "ALTER TABLE users ADD CONSTRAINT users_pk_email UNIQUE (email) DEFERRABLE;\n"
    "ALTER TABLE users ALTER CONSTRAINT users_pk_email NOT DEFERRABLE;",
    "CREATE STATISTICS users_stats (dependencies) ON username, email FROM users;",
    "ALTER TABLE users SET (autovacuum_vacuum_scale_factor = 0.01, fillfactor = 90);",
    "ALTER TABLE users ALTER COLUMN email SET (n_distinct = -0.5);",
    "CREATE OR REPLACE RULE users_no_delete AS ON DELETE TO users DO INSTEAD NOTHING;",
    "COMMENT ON COLUMN users.email IS 'login';\nGRANT SELECT ON users TO PUBLIC;\nREVOKE ALL ON users FROM PUBLIC;",
    "ALTER TABLE users ALTER COLUMN email SET STATISTICS 500;",
    "ALTER TABLE users ENABLE ROW LEVEL SECURITY;\nCREATE POLICY own ON users USING (id = 1);",
    "SELECT setval('invoice_numbers', 100);\nANALYZE users;",
    "ALTER TABLE users VALIDATE CONSTRAINT users_pkey;",
]


@pytest.mark.parametrize("sql", BENIGN)
def test_benign_statements_are_recognised(tmp_path: Path, sql: str) -> None:
    found = lint(tmp_path, sql)
    assert not {r for r in rules(found) if RULES[r].severity == ERROR}, found
    assert "trigger-left-disabled" not in rules(found)
    assert "unrecognized-statement" not in rules(found)


def test_trigger_left_disabled(tmp_path: Path) -> None:
    sql = "ALTER TABLE users DISABLE TRIGGER users_touch;\nUPDATE users SET email = email WHERE id = 1;"
    assert lint(tmp_path, sql) == {("trigger-left-disabled", 1, 19)}


def test_enable_of_another_trigger_leaves_it_disabled(tmp_path: Path) -> None:
    sql = "ALTER TABLE users DISABLE TRIGGER ALL;\nALTER TABLE users ENABLE TRIGGER users_touch;"
    assert lint(tmp_path, sql) == {("trigger-left-disabled", 1, 19)}


def test_unknown_statement_is_still_unrecognized(tmp_path: Path) -> None:
    sql = "ALTER TABLE users ADD COLUMN bio text;\nDROP OWNED BY app_user;"
    assert lint(tmp_path, sql) == {("unrecognized-statement", 2, 1)}


# -- 3. versions -------------------------------------------------------------------------------


def test_add_enum_value_needs_no_transaction_below_12(tmp_path: Path) -> None:
    assert lint(tmp_path, "ALTER TYPE mood ADD VALUE 'meh';", version=11) == {("needs-no-transaction", 1, 17)}


@pytest.mark.parametrize("version", [None, 12, 16])
def test_add_enum_value_runs_in_a_transaction_from_12(tmp_path: Path, version: int | None) -> None:
    assert lint(tmp_path, "ALTER TYPE mood ADD VALUE 'meh';", version=version) == set()


def test_add_enum_value_below_12_in_a_no_transaction_file(tmp_path: Path) -> None:
    sql = "-- guard: no-transaction\nALTER TYPE mood ADD VALUE 'meh';"
    assert lint(tmp_path, sql, version=11) == set()


@pytest.mark.parametrize(("value", "major"), [(11, 11), ("12", 12), ("15.4", 15), ("9.6", 9)])
def test_postgres_version_setting(tmp_path: Path, value: object, major: int) -> None:
    shown = f'"{value}"' if isinstance(value, str) else str(value)
    (tmp_path / "pyproject.toml").write_text(f"[tool.ratchet]\npostgres-version = {shown}\n", encoding="utf-8")
    assert load_config(cwd=tmp_path, environ={}).postgres_version == major


@pytest.mark.parametrize("value", ['"thirteen"', "8", "true", '"13.x"'])
def test_postgres_version_setting_is_validated(tmp_path: Path, value: str) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool.ratchet]\npostgres-version = {value}\n", encoding="utf-8")
    with pytest.raises(UsageError, match="postgres-version must be a PostgreSQL major version"):
        load_config(cwd=tmp_path, environ={})


# -- 4. DO blocks ------------------------------------------------------------------------------

ADDITIVE_DO = """DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'colour') THEN
    CREATE TYPE colour AS ENUM ('red', 'blue');
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'users_score_positive') THEN
    ALTER TABLE users ADD CONSTRAINT users_score_positive CHECK (score >= 0) NOT VALID;
  END IF;
  INSERT INTO users (id, username) SELECT 1, 'admin' WHERE NOT EXISTS (SELECT 1 FROM users WHERE id = 1);
  UPDATE users SET email = lower(email) WHERE email <> lower(email);
  PERFORM setval('invoice_numbers', 10);
EXCEPTION WHEN duplicate_object THEN NULL;
END
$$;"""


def test_do_block_of_additive_sql_is_fine(tmp_path: Path) -> None:
    assert lint(tmp_path, ADDITIVE_DO) == set()


def test_do_block_hiding_a_type_change_and_a_drop(tmp_path: Path) -> None:
    sql = (
        "DO $body$\nBEGIN\n  IF true THEN\n    ALTER TABLE users ALTER COLUMN score TYPE text;\n  END IF;\n"
        "  DROP TABLE users;\nEND\n$body$;"
    )
    assert lint(tmp_path, sql, severity=ERROR) == {("alter-column-type", 4, 23), ("drop-table", 6, 3)}


def test_do_block_dynamic_sql_stays_opaque(tmp_path: Path) -> None:
    sql = "DO $$\nBEGIN\n  EXECUTE format('ALTER TABLE %I DROP COLUMN email', 'users');\nEND $$;"
    assert lint(tmp_path, sql) == {("opaque-sql", 3, 3)}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # conditional DDL through EXECUTE of a constant: linted as the statement it runs, at its column
        (
            "  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attname = 'age') THEN\n"
            "    EXECUTE 'ALTER TABLE users ADD COLUMN age integer';\n  END IF;\n",
            set(),
        ),
        ("  EXECUTE 'ALTER TABLE users DROP COLUMN email';\n", {("drop-column", 3, 30)}),
        ("  EXECUTE $q$ALTER TABLE users ALTER COLUMN score TYPE text$q$;\n", {("alter-column-type", 3, 32)}),
        # literals joined by || are one constant, not verbatim in the file: counted from the first literal
        ("  EXECUTE 'ALTER TABLE users ' || 'DROP COLUMN email';\n", {("drop-column", 3, 30)}),
        ("  EXECUTE 'COMMENT ON TABLE users IS ''x''';\n", set()),
        # two statements in one constant: the second is found where it stands
        ("  EXECUTE 'ALTER TABLE users ADD COLUMN age int; DROP TABLE users';\n", {("drop-table", 3, 50)}),
        # near misses: anything computed stays opaque
        ("  EXECUTE 'ALTER TABLE users DROP COLUMN ' || quote_ident('email');\n", {("opaque-sql", 3, 3)}),
        ("  EXECUTE format('ALTER TABLE %I ADD COLUMN age integer', 'users');\n", {("opaque-sql", 3, 3)}),
    ],
)
def test_do_block_execute_of_a_constant_is_linted(tmp_path: Path, body: str, expected: Found) -> None:
    assert lint(tmp_path, f"DO $$\nBEGIN\n{body}END $$;", severity=ERROR) == expected


def test_do_block_in_another_language_is_opaque(tmp_path: Path) -> None:
    assert lint(tmp_path, "DO LANGUAGE plperl $$ 1; $$;") == {("opaque-sql", 1, 1)}


MIGRATE_FUNCTION = """CREATE OR REPLACE FUNCTION migrate_users() RETURNS void AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns WHERE column_name = 'nick') THEN
        ALTER TABLE users DROP COLUMN nick;
    END IF;
END $$ LANGUAGE plpgsql;
"""


def test_a_function_the_file_creates_and_calls_runs_its_body_there(tmp_path: Path) -> None:
    sql = MIGRATE_FUNCTION + "SELECT migrate_users();\nSELECT migrate_users();\nDROP FUNCTION migrate_users();"
    assert lint(tmp_path, sql) == {("drop-column", 4, 27)}


def test_a_function_that_calls_itself_runs_once(tmp_path: Path) -> None:
    sql = (
        "CREATE FUNCTION down(n int) RETURNS int AS $$\nDECLARE r int;\nBEGIN\n"
        "  DELETE FROM users;\n  SELECT down(n - 1) INTO r;\n  RETURN r;\nEND $$ LANGUAGE plpgsql;\n"
        "SELECT down(3);"
    )
    assert lint(tmp_path, sql) == {("delete-without-where", 4, 3)}


def test_a_function_the_file_creates_and_does_not_call_runs_nothing(tmp_path: Path) -> None:
    assert lint(tmp_path, MIGRATE_FUNCTION + "SELECT touch();\nDROP FUNCTION migrate_users();") == set()


def test_a_procedure_the_file_creates_and_calls_runs_its_body_there(tmp_path: Path) -> None:
    sql = (
        "CREATE PROCEDURE purge() LANGUAGE sql AS $$ DELETE FROM users $$;\nCALL purge();\n"
        "CREATE PROCEDURE tidy() LANGUAGE plpgsql AS $$ BEGIN DELETE FROM users WHERE score < 0; END $$;\n"
        "CALL tidy();\nCALL elsewhere();"
    )
    assert lint(tmp_path, sql) == {("delete-without-where", 1, 45), ("opaque-sql", 5, 1)}


# -- 5. column state ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "column"),
    [
        ("nick TYPE varchar(255)", 19),
        ("nick TYPE text", 19),
        ("email TYPE varchar", 19),
        ("price TYPE numeric(12, 2)", 19),
        ("price TYPE numeric", 19),
    ],
)
def test_widening_without_rewrite_is_info(tmp_path: Path, change: str, column: int) -> None:
    found = lint(tmp_path, f"ALTER TABLE users ALTER COLUMN {change};")
    assert found == {("widen-column-type", 1, column)}


@pytest.mark.parametrize("target", ["bigint", "numeric(12, 2)", "double precision"])
def test_integer_widening_is_info_and_a_rewrite(tmp_path: Path, target: str) -> None:
    found = lint(tmp_path, f"ALTER TABLE users ALTER COLUMN score TYPE {target};")
    assert found == {("widen-column-type", 1, 19), ("table-rewrite", 1, 19)}


@pytest.mark.parametrize(
    "change",
    [
        "nick TYPE varchar(10)",
        "email TYPE varchar(100)",
        "score TYPE smallint",
        "score TYPE real",
        "score TYPE numeric(9, 0)",
        "price TYPE numeric(6, 2)",
        "price TYPE numeric(9, 1)",
        "code TYPE text",
        "score TYPE text",
        "email TYPE mood USING email::mood",
    ],
)
def test_narrowing_or_other_change_is_alter_column_type(tmp_path: Path, change: str) -> None:
    assert lint(tmp_path, f"ALTER TABLE users ALTER COLUMN {change};", severity=ERROR) == {("alter-column-type", 1, 19)}


def test_type_change_of_unknown_column_is_alter_column_type(tmp_path: Path) -> None:
    found = lint(tmp_path, "ALTER TABLE orders ALTER COLUMN total TYPE numeric(20, 2);", severity=ERROR)
    assert found == {("alter-column-type", 1, 20)}


def test_set_not_null_on_not_null_column_is_nothing(tmp_path: Path) -> None:
    assert lint(tmp_path, "ALTER TABLE users ALTER COLUMN username SET NOT NULL;") == set()


def test_set_not_null_on_nullable_column(tmp_path: Path) -> None:
    assert lint(tmp_path, "ALTER TABLE users ALTER COLUMN email SET NOT NULL;") == {("set-not-null", 1, 19)}


def test_set_not_null_after_an_earlier_not_null_check_is_nothing(tmp_path: Path) -> None:
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "1.0.5__check.sql").write_text(
        '-- guard: allow set-not-null reason="validated by the support team"\n'
        "ALTER TABLE users ADD CONSTRAINT email_set CHECK (email IS NOT NULL) NOT VALID;\n",
        encoding="utf-8",
    )
    assert lint(tmp_path, "ALTER TABLE users ALTER COLUMN email SET NOT NULL;") == set()


# -- 6. syntax ---------------------------------------------------------------------------------


def test_missing_semicolon_between_two_create_index(tmp_path: Path) -> None:
    sql = "CREATE INDEX users_email ON users (email)\nCREATE INDEX users_nick ON users (nick);"
    found = lint(tmp_path, sql)
    assert ("syntax-error", 2, 1) in found
    assert RULES["syntax-error"].severity == ERROR


def test_syntax_error_position_inside_a_later_statement(tmp_path: Path) -> None:
    sql = "ALTER TABLE users ADD COLUMN bio text;\nSELECT 1 FORM users;\nALTER TABLE users DROP COLUMN email;"
    found = lint(tmp_path, sql, severity=ERROR)
    assert found == {("syntax-error", 2, 15), ("drop-column", 3, 19)}


def test_two_statements_with_their_semicolons_are_fine(tmp_path: Path) -> None:
    sql = "-- guard: no-transaction\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n"
    sql += "CREATE INDEX CONCURRENTLY users_nick ON users (nick);"
    assert lint(tmp_path, sql) == set()


# -- 7. severities and rules ------------------------------------------------------------------


def test_rename_enum_value(tmp_path: Path) -> None:
    assert lint(tmp_path, "ALTER TYPE mood RENAME VALUE 'sad' TO 'unhappy';") == {("rename-enum-value", 1, 17)}


def test_rename_value_of_a_new_type_is_fine(tmp_path: Path) -> None:
    sql = "CREATE TYPE size AS ENUM ('s', 'm');\nALTER TYPE size RENAME VALUE 's' TO 'small';"
    assert lint(tmp_path, sql) == set()


def test_check_is_not_null_on_existing_column_is_set_not_null(tmp_path: Path) -> None:
    sql = "ALTER TABLE users ADD CONSTRAINT email_set CHECK (email IS NOT NULL) NOT VALID;"
    assert lint(tmp_path, sql) == {("set-not-null", 1, 19)}


def test_primary_key_on_a_nullable_existing_column_is_set_not_null(tmp_path: Path) -> None:
    sql = "ALTER TABLE users DROP CONSTRAINT users_pkey;\nALTER TABLE users ADD PRIMARY KEY (id, email);"
    assert lint(tmp_path, sql, severity=ERROR) == {("set-not-null", 2, 19)}


def test_primary_key_on_not_null_columns_is_no_set_not_null(tmp_path: Path) -> None:
    sql = "ALTER TABLE users DROP CONSTRAINT users_pkey;\nALTER TABLE users ADD PRIMARY KEY (id, username);"
    assert lint(tmp_path, sql, severity=ERROR) == set()


def test_primary_key_on_a_column_added_in_the_file_is_add_not_null_without_default(tmp_path: Path) -> None:
    sql = (
        "ALTER TABLE users DROP CONSTRAINT users_pkey;\nALTER TABLE users ADD COLUMN uid bigint;\n"
        "ALTER TABLE users ADD PRIMARY KEY (uid);"
    )
    assert lint(tmp_path, sql, severity=ERROR) == {("add-not-null-without-default", 3, 19)}


def test_check_is_not_null_on_not_null_column_is_nothing(tmp_path: Path) -> None:
    assert lint(tmp_path, "ALTER TABLE users ADD CONSTRAINT name_set CHECK (username IS NOT NULL);") == set()


def test_drop_if_exists_then_create_of_a_new_table_is_nothing(tmp_path: Path) -> None:
    assert lint(tmp_path, "DROP TABLE IF EXISTS reports;\nCREATE TABLE reports (id integer);") == set()


def test_drop_then_create_of_an_existing_table_is_drop_table(tmp_path: Path) -> None:
    found = lint(tmp_path, "DROP TABLE IF EXISTS users;\nCREATE TABLE users (id integer);", severity=ERROR)
    assert found == {("drop-table", 1, 1)}


@pytest.mark.parametrize(
    "view",
    [
        "CREATE VIEW users AS SELECT * FROM accounts;",
        "CREATE VIEW public.users AS SELECT a.* FROM public.accounts a;",
        "CREATE VIEW users AS SELECT id, username, email, nick, score, price, code FROM accounts;",
    ],
)
def test_rename_table_with_a_view_of_the_old_name_showing_all_of_it_is_info(tmp_path: Path, view: str) -> None:
    sql = f"ALTER TABLE users RENAME TO accounts;\n{view}"
    assert lint(tmp_path, sql, severity=ERROR) == set()
    assert lint(tmp_path, sql, severity=INFO) == {("rename-table", 1, 19)}


@pytest.mark.parametrize(
    "view",
    [
        "CREATE VIEW users AS SELECT * FROM accounts WHERE score > 0;",
        "CREATE VIEW users AS SELECT id, username FROM accounts;",
        "CREATE VIEW users AS SELECT id, username AS name, email, nick, score, price, code FROM accounts;",
        "CREATE VIEW users AS SELECT * FROM accounts JOIN other ON true;",
        "CREATE VIEW old_users AS SELECT * FROM accounts;",
    ],
)
def test_rename_table_with_a_partial_or_other_view_stays_an_error(tmp_path: Path, view: str) -> None:
    sql = f"ALTER TABLE users RENAME TO accounts;\n{view}"
    assert lint(tmp_path, sql, severity=ERROR) == {("rename-table", 1, 19)}


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("DROP TABLE IF EXISTS users CASCADE;\nDROP TABLE IF EXISTS users;", {("drop-table", 1, 1)}),
        ("DROP SEQUENCE invoice_numbers;\nDROP SEQUENCE IF EXISTS invoice_numbers;", {("drop-sequence", 1, 1)}),
        ("DROP TYPE mood;\nDROP TYPE IF EXISTS mood;", {("drop-type", 1, 1)}),
        ("DROP TABLE users;\nDROP FUNCTION touch();\nDROP FUNCTION IF EXISTS touch();", {("drop-table", 1, 1)}),
        ("ALTER TABLE users RENAME TO accounts;\nDROP TABLE IF EXISTS users;", {("rename-table", 1, 19)}),
        # near misses: made again after the drop, or never made by the history at all
        (
            "DROP TABLE users;\nCREATE TABLE users (id int);\nDROP TABLE IF EXISTS users;",
            {("drop-table", 1, 1)},
        ),
        ("DROP TABLE IF EXISTS legacy_reports;", {("drop-table", 1, 1)}),
        ("DROP VIEW IF EXISTS legacy_view;", {("drop-view", 1, 1)}),
        ("DROP SEQUENCE IF EXISTS users_email_seq;", {("drop-sequence", 1, 1)}),
        ("DROP FUNCTION IF EXISTS legacy_helper(integer);", {("drop-routine", 1, 1)}),
        ("DROP TYPE IF EXISTS legacy_kind;", {("drop-type", 1, 1)}),
        ("DROP INDEX IF EXISTS legacy_idx;", {("drop-index", 1, 1)}),
        ("DROP INDEX IF EXISTS users_pkey;", {("drop-index", 1, 1)}),
        # a brand-new object dropped and made in the same file is nothing
        ("DROP TABLE IF EXISTS staging;\nCREATE TABLE staging (id int);", set()),
        ("DROP VIEW IF EXISTS user_names;\nCREATE VIEW user_names AS SELECT username FROM users;", set()),
    ],
)
def test_drop_if_exists_of_what_the_history_dropped_already_is_nothing(
    tmp_path: Path, sql: str, expected: Found
) -> None:
    # an object the history never made may still be on a database older than the history (adopted
    # with a baseline) or made by SQL the lint cannot see: IF EXISTS says the file expects it may be
    assert lint(tmp_path, sql) == expected


def test_drop_if_exists_after_an_earlier_file_dropped_it_is_nothing(tmp_path: Path) -> None:
    directory = tmp_path / "migrations"
    directory.mkdir()
    (directory / "1.0.0__base.sql").write_text(
        "CREATE TABLE t (a serial, b int);\nCREATE INDEX t_b ON t (b);\nCREATE VIEW v AS SELECT b FROM t;\n"
    )
    (directory / "1.1.0__drop.sql").write_text("DROP TABLE t CASCADE;\n")
    (directory / "1.2.0__again.sql").write_text(
        "DROP VIEW IF EXISTS v;\nDROP INDEX IF EXISTS t_b;\nDROP SEQUENCE IF EXISTS t_a_seq;\n"
        "DROP TABLE IF EXISTS t;\nDROP TABLE IF EXISTS u;\n"
    )
    report = lint_paths([directory], dialect="postgresql")
    assert {(f.path.name, f.rule, f.line, f.column) for f in report.findings} == {
        ("1.1.0__drop.sql", "drop-table", 1, 1),
        ("1.2.0__again.sql", "drop-table", 5, 1),
    }


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        # a history that only wrote to a table it never made, or made a view on it
        (["INSERT INTO legacy (id) VALUES (1);\n"], {("drop-table", 1, 1)}),
        (["CREATE VIEW v AS SELECT * FROM legacy;\n"], {("drop-table", 1, 1)}),
        # a table made by an earlier file's function, called later
        (
            [
                "CREATE FUNCTION make_audit() RETURNS void LANGUAGE plpgsql AS $$ BEGIN "
                "CREATE TABLE legacy (id int); END $$;\n",
                "SELECT make_audit();\n",
            ],
            {("drop-table", 1, 1)},
        ),
        # near miss: the history made it and dropped it
        (["CREATE TABLE legacy (id int);\n", "DROP TABLE legacy;\n"], set()),
        # ... and then ran SQL the lint cannot see, which may have made it again
        (
            [
                "CREATE TABLE legacy (id int);\n",
                "DROP TABLE legacy;\n",
                "DO $$ BEGIN EXECUTE format('CREATE TABLE %I (id int)', 'legacy'); END $$;\n",
            ],
            {("drop-table", 1, 1)},
        ),
    ],
)
def test_drop_if_exists_of_a_table_the_history_never_made_is_drop_table(
    tmp_path: Path, history: list[str], expected: Found
) -> None:
    directory = tmp_path / "migrations"
    directory.mkdir()
    for number, sql in enumerate(history):
        (directory / f"1.{number}.0__step.sql").write_text(sql)
    (directory / "2.0.0__cleanup.sql").write_text("DROP TABLE IF EXISTS legacy CASCADE;\n")
    report = lint_paths([directory], dialect="postgresql")
    assert {(f.rule, f.line, f.column) for f in report.findings if f.path.name == "2.0.0__cleanup.sql"} == expected


def test_drop_if_exists_of_what_a_repeatable_file_makes_is_a_drop(tmp_path: Path) -> None:
    directory = tmp_path / "migrations"
    directory.mkdir()
    (directory / "1.0.0__base.sql").write_text("CREATE TABLE t (a int);\n")
    (directory / "1.1.0__drop.sql").write_text("DROP VIEW IF EXISTS a_values;\nDROP FUNCTION IF EXISTS a_count();\n")
    (directory / "R__views.sql").write_text(
        "CREATE OR REPLACE VIEW a_values AS SELECT a FROM t;\n"
        "CREATE OR REPLACE FUNCTION a_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM t $$;\n"
    )
    report = lint_paths([directory], dialect="postgresql")
    assert {(f.rule, f.line, f.column) for f in report.findings if f.path.name == "1.1.0__drop.sql"} == {
        ("drop-view", 1, 1),
        ("drop-routine", 2, 1),
    }


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("DROP TABLE IF EXISTS users;", {("drop-table", 1, 1)}),
        ("ALTER TABLE users DROP COLUMN IF EXISTS email;", {("drop-column", 1, 19)}),
        ("DROP SEQUENCE IF EXISTS invoice_numbers;", {("drop-sequence", 1, 1)}),
        ("DROP TABLE legacy_reports;", {("drop-table", 1, 1)}),
        # the history names a table it never created: it does not show the whole schema
        ("ALTER TABLE legacy ADD COLUMN x int;\nDROP TABLE IF EXISTS legacy_reports;", {("drop-table", 2, 1)}),
        ("CREATE INDEX ON legacy (id);\nDROP FUNCTION IF EXISTS legacy_helper(integer);", {("drop-routine", 2, 1)}),
        # dynamic SQL may create what the catalog does not see
        (
            "DO $$ BEGIN EXECUTE format('CREATE TABLE %I (id int)', 'legacy_reports'); END $$;\n"
            "DROP TABLE IF EXISTS legacy_reports;",
            {("opaque-sql", 1, 13), ("drop-table", 2, 1)},
        ),
        (
            "ALTER TABLE users ADD FOREIGN KEY (score) REFERENCES legacy (id);\n"
            "ALTER TABLE users DROP COLUMN IF EXISTS legacy_flags;",
            {("drop-column", 2, 19)},
        ),
        (
            "CREATE TABLE IF NOT EXISTS audit (id int);\nALTER TABLE audit DROP COLUMN IF EXISTS note;",
            {("drop-column", 2, 19)},
        ),
    ],
)
def test_drop_if_exists_of_what_the_history_has_or_may_not_show_stays(
    tmp_path: Path, sql: str, expected: Found
) -> None:
    assert lint(tmp_path, sql, severity=ERROR) == expected


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("DELETE FROM users WHERE true;", {("delete-without-where", 1, 1)}),
        ("DELETE FROM users WHERE 1 = 1;", {("delete-without-where", 1, 1)}),
        ("UPDATE users SET score = 0 WHERE 'a' = 'a';", {("update-without-where", 1, 1)}),
        ("DELETE FROM users WHERE false;", set()),
        ("DELETE FROM users WHERE NULL = NULL;", set()),
        ("UPDATE users SET score = 0 WHERE NULL = 1;", set()),
        ("DELETE FROM users WHERE 1 = 2;", set()),
        ("UPDATE users SET score = 0 WHERE score = score;", set()),
        ("UPDATE users SET score = 0 WHERE 1 < 2;", set()),
    ],
)
def test_a_where_that_keeps_every_row_is_no_where(tmp_path: Path, sql: str, expected: Found) -> None:
    assert lint(tmp_path, sql, severity=ERROR) == expected


def test_drop_index_if_exists_of_a_known_index_stays_drop_index(tmp_path: Path) -> None:
    directory = tmp_path / "migrations"
    directory.mkdir()
    (directory / "1.0.0__base.sql").write_text("CREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);\n")
    (directory / "1.1.0__drop.sql").write_text("DROP INDEX IF EXISTS t_a;\nDROP INDEX IF EXISTS t_b;\n")
    report = lint_paths([directory], dialect="postgresql")
    assert {(f.path.name, f.rule, f.line, f.column) for f in report.findings} == {
        ("1.1.0__drop.sql", "drop-index", 1, 1),
        ("1.1.0__drop.sql", "drop-index", 2, 1),
    }


def test_drop_extension(tmp_path: Path) -> None:
    assert lint(tmp_path, "DROP EXTENSION pgcrypto;") == {("drop-extension", 1, 1)}


def test_drop_extension_created_in_the_file_is_fine(tmp_path: Path) -> None:
    assert lint(tmp_path, "CREATE EXTENSION citext;\nDROP EXTENSION citext;") == set()


def test_alter_function_rename_is_a_rename(tmp_path: Path) -> None:
    assert lint(tmp_path, "ALTER FUNCTION touch() RENAME TO touch_user;") == {("rename-other", 1, 24)}


def test_alter_function_of_a_new_function_is_fine(tmp_path: Path) -> None:
    sql = "CREATE FUNCTION two() RETURNS int AS 'SELECT 2' LANGUAGE sql;\nALTER FUNCTION two() RENAME TO deux;"
    assert lint(tmp_path, sql) == set()


def test_set_unlogged_and_sequence_restart(tmp_path: Path) -> None:
    sql = "ALTER TABLE users SET UNLOGGED;\nALTER SEQUENCE invoice_numbers RESTART WITH 1;"
    assert lint(tmp_path, sql) == {("set-unlogged", 1, 19), ("sequence-restart", 2, 1)}


def test_set_unlogged_and_restart_of_new_objects_are_fine(tmp_path: Path) -> None:
    sql = (
        "CREATE TABLE scratch (id integer);\nALTER TABLE scratch SET UNLOGGED;\n"
        "CREATE SEQUENCE tickets;\nALTER SEQUENCE tickets RESTART WITH 5;"
    )
    assert lint(tmp_path, sql) == set()


# -- lock safety (tables that existed before the file only) --------------------------------------


def test_index_not_concurrent(tmp_path: Path) -> None:
    assert lint(tmp_path, "CREATE INDEX users_email ON users (email);") == {("index-not-concurrent", 1, 1)}


def test_index_on_new_table_is_fine(tmp_path: Path) -> None:
    assert lint(tmp_path, "CREATE TABLE pets (id integer);\nCREATE INDEX pets_id ON pets (id);") == set()


def test_constraint_not_valid(tmp_path: Path) -> None:
    sql = (
        "CREATE TABLE teams (id integer PRIMARY KEY);\nALTER TABLE users ADD COLUMN team_id integer;\n"
        "ALTER TABLE users ADD CONSTRAINT users_score CHECK (score > 0);\n"
        "ALTER TABLE users ADD CONSTRAINT users_team FOREIGN KEY (id) REFERENCES teams (id);"
    )
    assert lint(tmp_path, sql) == {("constraint-not-valid", 3, 19), ("constraint-not-valid", 4, 19)}


def test_constraint_not_valid_near_miss(tmp_path: Path) -> None:
    sql = (
        "ALTER TABLE users ADD CONSTRAINT users_score CHECK (score > 0) NOT VALID;\n"
        "ALTER TABLE users VALIDATE CONSTRAINT users_score;"
    )
    assert lint(tmp_path, sql) == set()


def test_table_rewrite_for_a_volatile_default(tmp_path: Path) -> None:
    sql = "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();"
    assert lint(tmp_path, sql) == {("table-rewrite", 1, 19)}


def test_stable_default_is_not_a_rewrite(tmp_path: Path) -> None:
    sql = "ALTER TABLE users ADD COLUMN seen_at timestamptz NOT NULL DEFAULT now();"
    assert lint(tmp_path, sql) == set()


def test_constant_default_rewrites_before_11(tmp_path: Path) -> None:
    sql = "ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;"
    assert lint(tmp_path, sql, version=10) == {("table-rewrite", 1, 19)}


# -- rebuilds, judged from the catalog -----------------------------------------------------------

REBUILD = (
    "CREATE TABLE users_new (id integer PRIMARY KEY, username text NOT NULL, email text, nick varchar(40),"
    " score bigint, price numeric(10, 2), code char(4), bio text);\n"
    "INSERT INTO users_new (id, username, email, nick, score, price, code)"
    " SELECT id, username, email, nick, score, price, code FROM users;\n"
    "DROP TABLE users;\nALTER TABLE users_new RENAME TO users;\n"
    "CREATE TRIGGER users_touch BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION touch();\n"
)


def test_faithful_rebuild_is_accepted(tmp_path: Path) -> None:
    assert lint(tmp_path, REBUILD, severity=ERROR) == set()


def test_rebuild_that_loses_a_column_and_the_trigger(tmp_path: Path) -> None:
    sql = REBUILD.replace(", code char(4)", "").replace(", code", "").replace("CREATE TRIGGER", "-- CREATE TRIGGER")
    found = lint(tmp_path, sql, severity=ERROR)
    assert found == {("rebuild-unverified", 3, 1), ("rebuild-loses-dependents", 3, 1)}


# -- seed ----------------------------------------------------------------------------------------


def test_catalog_from_sql_seeds_tables_columns_and_types() -> None:
    catalog = catalog_from_sql(
        BASE + "ALTER TABLE users ADD COLUMN age integer NOT NULL DEFAULT 0;\nSELECT broken FROM;"
    )
    users = catalog.relations["public.users"]
    assert [c for c in users.columns] == ["id", "username", "email", "nick", "score", "price", "code", "age"]
    assert not users.columns["id"].nullable and users.columns["email"].nullable
    assert users.columns["age"].has_default and str(users.columns["nick"].type) == "varchar(20)"
    assert catalog.types["public.mood"].values == ("happy", "sad")
    assert "public.invoice_numbers" in catalog.sequences and "pgcrypto" in catalog.extensions
    assert ("public.users", "users_touch") in catalog.triggers and "public.touch" in catalog.routines


SCHEMAS = """CREATE SCHEMA app;
CREATE TYPE app.kind AS ENUM ('a');
CREATE TABLE app.items (id int PRIMARY KEY, kind app.kind);
CREATE INDEX items_kind ON app.items (kind);
CREATE FUNCTION app.count_items() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM app.items';
CREATE SEQUENCE app.ids;
CREATE TABLE public.notes (item_id int REFERENCES app.items (id), body text);
"""


def test_drop_schema_cascade_drops_everything_in_it() -> None:
    catalog = catalog_from_sql(SCHEMAS + "DROP SCHEMA app CASCADE;")
    assert [key for key in catalog.relations] == ["public.notes"]
    assert not catalog.relations["public.notes"].constraints
    assert not catalog.indexes and not catalog.routines and not catalog.types and not catalog.sequences


def test_drop_schema_cascade_leaves_other_schemas() -> None:
    catalog = catalog_from_sql(SCHEMAS + "CREATE SCHEMA old;\nDROP SCHEMA old CASCADE;")
    assert set(catalog.relations) == {"app.items", "public.notes"} and "app.items_kind" in catalog.indexes
    assert "app.count_items" in catalog.routines and "app.kind" in catalog.types and "app.ids" in catalog.sequences


def test_schema_rename_moves_what_is_in_it() -> None:
    catalog = catalog_from_sql(SCHEMAS + "ALTER SCHEMA app RENAME TO core;")
    assert set(catalog.relations) == {"core.items", "public.notes"}
    assert catalog.indexes["core.items_kind"].table == "core.items"
    assert "core.count_items" in catalog.routines and "core.ids" in catalog.sequences
    assert str(catalog.relations["core.items"].columns["kind"].type) == "core.kind"


def test_set_schema_moves_the_table_s_indexes() -> None:
    catalog = catalog_from_sql(SCHEMAS + "CREATE SCHEMA archive;\nALTER TABLE app.items SET SCHEMA archive;")
    assert "archive.items" in catalog.relations and "app.items" not in catalog.relations
    assert catalog.indexes["archive.items_kind"].table == "archive.items" and "app.items_kind" not in catalog.indexes


def test_rename_of_a_schema_with_tables_is_rename_table(tmp_path: Path) -> None:
    sql = "CREATE SCHEMA app;\nCREATE TABLE app.items (id int);\n"
    directory = tmp_path / "migrations"
    directory.mkdir()
    (directory / "1.0.0__base.sql").write_text(sql, encoding="utf-8")
    (directory / "1.1.0__empty.sql").write_text("CREATE SCHEMA spare;\n", encoding="utf-8")
    (directory / "1.2.0__rename.sql").write_text(
        "ALTER SCHEMA spare RENAME TO extra;\nALTER SCHEMA app RENAME TO core;\n", encoding="utf-8"
    )
    report = lint_paths([directory], dialect="postgresql")
    assert {(f.rule, f.line, f.column, f.severity) for f in report.findings} == {
        ("rename-other", 1, 20, "warning"),
        ("rename-table", 2, 18, ERROR),
    }


PARTITIONS = """CREATE TABLE log (at date NOT NULL, actor int, note text) PARTITION BY RANGE (at);
CREATE TABLE log_2024 PARTITION OF log FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE log_2025 (LIKE log);
ALTER TABLE log ATTACH PARTITION log_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE base_log (id int, note text);
CREATE TABLE child_log (extra int) INHERITS (base_log);
"""


def test_column_changes_of_a_parent_reach_its_partitions_and_children() -> None:
    catalog = catalog_from_sql(
        PARTITIONS + "ALTER TABLE log ALTER COLUMN actor SET NOT NULL, ADD COLUMN kind text;\n"
        "ALTER TABLE log RENAME COLUMN note TO body;\nALTER TABLE base_log ALTER COLUMN note TYPE varchar(10);"
    )
    for key in ("public.log", "public.log_2024", "public.log_2025"):
        columns = catalog.relations[key].columns
        assert not columns["actor"].nullable and "kind" in columns and "body" in columns and "note" not in columns
    assert str(catalog.relations["public.child_log"].columns["note"].type) == "varchar(10)"


def test_column_changes_of_only_the_parent_or_after_detach_stay_there() -> None:
    catalog = catalog_from_sql(
        PARTITIONS + "ALTER TABLE ONLY log ALTER COLUMN note SET DEFAULT 'x';\n"
        "ALTER TABLE log DETACH PARTITION log_2025;\nALTER TABLE log ALTER COLUMN actor SET NOT NULL;\n"
        "ALTER TABLE child_log NO INHERIT base_log;\nALTER TABLE base_log ALTER COLUMN note TYPE varchar(10);"
    )
    assert catalog.relations["public.log"].columns["note"].has_default
    assert not catalog.relations["public.log_2024"].columns["note"].has_default
    assert not catalog.relations["public.log_2024"].columns["actor"].nullable
    assert catalog.relations["public.log_2025"].columns["actor"].nullable
    assert str(catalog.relations["public.child_log"].columns["note"].type) == "text"


def test_info_findings_never_block(tmp_path: Path) -> None:
    found = lint(tmp_path, "ALTER TABLE users ALTER COLUMN nick TYPE text;", severity=INFO)
    assert found == {("widen-column-type", 1, 19)}


def test_set_schema_of_an_existing_table_is_a_rename(tmp_path: Path) -> None:
    sql = "CREATE SCHEMA archive;\nALTER TABLE users SET SCHEMA archive;"
    assert lint(tmp_path, sql) == {("rename-table", 2, 19)}


def test_set_schema_of_a_new_table_is_fine(tmp_path: Path) -> None:
    sql = "CREATE SCHEMA archive;\nCREATE TABLE notes (id integer);\nALTER TABLE notes SET SCHEMA archive;"
    assert lint(tmp_path, sql) == set()


# -- the version inside migrate: the server's, unless configured -----------------------------------

ENUM_FILES = {
    "1.0.0__mood.sql": "CREATE TYPE mood AS ENUM ('happy', 'sad');\nCREATE TABLE notes (id integer, m mood);\n",
    "1.1.0__meh.sql": "ALTER TYPE mood ADD VALUE 'meh';\n",
}


def test_migrate_uses_the_server_version(tmp_path: Path, make_db: Callable[[str], Db]) -> None:
    db = make_db("postgresql")
    project = Project(tmp_path / "p", db.url)
    for name, sql in ENUM_FILES.items():
        project.write(name, sql)
    result = project.ratchet("migrate")
    assert result.code == 0, result.output
    assert db.query("SELECT enum_range(NULL::mood)::text") == [("{happy,sad,meh}",)]


def test_migrate_uses_the_configured_version(tmp_path: Path, make_db: Callable[[str], Db]) -> None:
    db = make_db("postgresql")
    project = Project(tmp_path / "p", db.url)
    (project.root / "pyproject.toml").parent.mkdir(parents=True, exist_ok=True)
    (project.root / "pyproject.toml").write_text("[tool.ratchet]\npostgres-version = 11\n", encoding="utf-8")
    for name, sql in ENUM_FILES.items():
        project.write(name, sql)
    result = project.ratchet("migrate")
    assert result.code == 1, result.output
    assert "1.1.0__meh.sql:1:17: error needs-no-transaction" in result.output
    assert db.db_version() is None


def test_unique_index_built_concurrently_still_fails_on_duplicates(tmp_path: Path) -> None:
    sql = "-- guard: no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);"
    assert lint(tmp_path, sql) == {("add-unique-to-existing", 2, 1)}


def test_positions_after_non_ascii_text(tmp_path: Path) -> None:
    sql = "COMMENT ON TABLE users IS 'clients, café, 東京';\nALTER TABLE users ADD COLUMN ü text, DROP COLUMN email;"
    assert lint(tmp_path, sql) == {("drop-column", 2, 38)}


def test_syntax_error_position_after_non_ascii_text(tmp_path: Path) -> None:
    assert lint(tmp_path, "SELECT 'é' FORM users;") == {("syntax-error", 1, 17)}


def test_a_table_of_another_schema_is_found_by_its_name(tmp_path: Path) -> None:
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "1.0.5__app.sql").write_text(
        "CREATE SCHEMA app;\nSET search_path TO app;\nCREATE TABLE accounts (id integer NOT NULL, note text);\n",
        encoding="utf-8",
    )
    sql = "ALTER TABLE accounts ALTER COLUMN id SET NOT NULL;\nALTER TABLE accounts ALTER COLUMN note SET NOT NULL;"
    assert lint(tmp_path, sql) == {("set-not-null", 2, 22)}


def test_a_new_table_of_the_same_name_in_public_is_new(tmp_path: Path) -> None:
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "1.0.5__app.sql").write_text(
        "CREATE SCHEMA app;\nCREATE TABLE app.accounts (id integer, note text);\n", encoding="utf-8"
    )
    sql = "CREATE TABLE accounts (id integer);\nALTER TABLE accounts ADD COLUMN code text NOT NULL;"
    assert lint(tmp_path, sql) == set()


def test_seeded_catalog_knows_a_dumped_schema(tmp_path: Path) -> None:
    from ratchet.discover import read_all
    from ratchet.linter.postgres import lint_postgres
    from ratchet.split import split_statements

    directory = tmp_path / "m"
    directory.mkdir()
    sql = "ALTER TABLE accounts ALTER COLUMN id SET NOT NULL;\nALTER TABLE accounts ALTER COLUMN note TYPE text;"
    (directory / "1.0.0__first.sql").write_text(sql, encoding="utf-8")
    files, _ = read_all(directory)
    statements = split_statements(files[0].text)
    unseeded = lint_postgres(files[0], statements, [], transactional=True)
    assert {(f.rule, f.line) for f in unseeded} == {("set-not-null", 1), ("alter-column-type", 2)}
    seed = "CREATE TABLE accounts (id bigint PRIMARY KEY, note varchar(80));"
    for given in (seed, catalog_from_sql(seed)):
        seeded = lint_postgres(files[0], statements, [], transactional=True, seed=given)
        assert {(f.rule, f.line, f.severity) for f in seeded} == {("widen-column-type", 2, INFO)}


TRIGGER_FUNCTION = (
    "CREATE TABLE notes (id int, body text);\n"
    "CREATE FUNCTION trim_body() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.body := btrim(NEW.body); "
    "RETURN NEW; END $$;\n"
)
ATTACH_HELPER = (
    "CREATE FUNCTION attach_trim(target regclass) RETURNS void LANGUAGE plpgsql AS $$ BEGIN\n"
    "  EXECUTE format('CREATE TRIGGER trim_body BEFORE INSERT ON %s FOR EACH ROW EXECUTE FUNCTION trim_body()',"
    " target);\nEND $$;\n"
)


@pytest.mark.parametrize(
    ("history", "drop", "expected"),
    [
        # triggers made by a helper that builds CREATE TRIGGER, called by a later file
        ([ATTACH_HELPER, "SELECT attach_trim('notes');\n"], "DROP FUNCTION trim_body() CASCADE;\n", True),
        ([ATTACH_HELPER, "SELECT attach_trim('notes');\n"], "DROP FUNCTION IF EXISTS trim_body();\n", True),
        # or by dynamic SQL in a DO block
        (
            [
                "DO $$ BEGIN EXECUTE format('CREATE TRIGGER t BEFORE INSERT ON %I FOR EACH ROW "
                "EXECUTE FUNCTION trim_body()', 'notes'); END $$;\n"
            ],
            "DROP FUNCTION trim_body() CASCADE;\n",
            True,
        ),
        # near misses: a helper that builds other SQL, and no dynamic SQL at all
        (
            [
                "CREATE FUNCTION wipe(target regclass) RETURNS void LANGUAGE plpgsql AS $$ BEGIN "
                "EXECUTE format('TRUNCATE %s', target); END $$;\n"
            ],
            "DROP FUNCTION trim_body() CASCADE;\n",
            False,
        ),
        ([], "DROP FUNCTION trim_body() CASCADE;\n", False),
    ],
)
def test_trigger_function_with_triggers_the_lint_cannot_see_is_drop_trigger(
    tmp_path: Path, history: list[str], drop: str, expected: bool
) -> None:
    directory = tmp_path / "migrations"
    directory.mkdir()
    for number, sql in enumerate([TRIGGER_FUNCTION, *history]):
        (directory / f"1.{number}.0__step.sql").write_text(sql)
    (directory / "2.0.0__drop.sql").write_text(drop)
    report = lint_paths([directory], dialect="postgresql")
    found = [f for f in report.findings if f.path.name == "2.0.0__drop.sql"]
    assert {(f.rule, f.line, f.column, f.severity) for f in found} == (
        {("drop-trigger", 1, 1, "warning")} if expected else set()
    )
    if expected and "CASCADE" in drop:
        assert "CASCADE drops them" in found[0].message


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        # the sequence keeps its name when the table is renamed
        (["CREATE TABLE accounts (id serial PRIMARY KEY);\n", "ALTER TABLE accounts RENAME TO members;\n"], True),
        (["CREATE TABLE accounts (id int GENERATED ALWAYS AS IDENTITY);\n"], True),
        # near miss: dropped with its table
        (["CREATE TABLE accounts (id serial PRIMARY KEY);\n", "DROP TABLE accounts;\n"], False),
    ],
)
def test_drop_sequence_if_exists_of_a_serial_s_sequence(tmp_path: Path, history: list[str], expected: bool) -> None:
    directory = tmp_path / "migrations"
    directory.mkdir()
    for number, sql in enumerate(history):
        (directory / f"1.{number}.0__step.sql").write_text(sql)
    (directory / "2.0.0__drop.sql").write_text("DROP SEQUENCE IF EXISTS accounts_id_seq;\n")
    report = lint_paths([directory], dialect="postgresql")
    found = {(f.rule, f.line, f.column) for f in report.findings if f.path.name == "2.0.0__drop.sql"}
    assert found == ({("drop-sequence", 1, 1)} if expected else set())


UNNAMED_INDEXES = """CREATE TABLE people (id int PRIMARY KEY, email text, name text, born date);
CREATE INDEX ON people (email);
CREATE INDEX ON people (email);
CREATE INDEX ON people (name, born);
CREATE INDEX ON people (lower(name));
CREATE INDEX ON people ((born + 1));
CREATE INDEX ON people ((email::varchar));
CREATE UNIQUE INDEX ON people (email) INCLUDE (name);
CREATE INDEX ON people (name, name);
CREATE TABLE a_table_with_a_name_long_enough_to_be_cut_by_postgresql (some_long_column_name int);
CREATE INDEX ON a_table_with_a_name_long_enough_to_be_cut_by_postgresql (some_long_column_name);
"""


def test_unnamed_indexes_get_the_server_s_names(make_db: Callable[[str], Db]) -> None:
    db = make_db("postgresql")
    for statement in UNNAMED_INDEXES.split(";\n")[:-1]:
        db.execute(statement)
    served = {
        f"public.{name}"
        for (name,) in db.query("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")
        if not name.endswith("_pkey")
    }
    assert set(catalog_from_sql(UNNAMED_INDEXES).indexes) == served
    assert "public.people_email_idx1" in served


def test_drop_index_if_exists_of_an_unnamed_index_by_its_server_name(tmp_path: Path) -> None:
    directory = tmp_path / "migrations"
    directory.mkdir()
    (directory / "1.0.0__base.sql").write_text(
        "CREATE TABLE t (a int, b text);\nCREATE INDEX ON t (a, b);\nCREATE INDEX ON t (lower(b));\n"
    )
    (directory / "1.1.0__drop.sql").write_text("DROP TABLE t;\n")
    (directory / "1.2.0__again.sql").write_text(
        "DROP INDEX IF EXISTS t_a_b_idx;\nDROP INDEX IF EXISTS t_lower_idx;\nDROP INDEX IF EXISTS t_idx;\n"
    )
    report = lint_paths([directory], dialect="postgresql")
    assert {(f.rule, f.line, f.column) for f in report.findings if f.path.name == "1.2.0__again.sql"} == {
        ("drop-index", 3, 1)
    }


def test_drop_index_if_exists_of_an_index_dropped_with_its_column_is_nothing(tmp_path: Path) -> None:
    directory = tmp_path / "migrations"
    directory.mkdir()
    (directory / "1.0.0__base.sql").write_text("CREATE TABLE w (a int, b int);\nCREATE INDEX w_b ON w (b);\n")
    (directory / "1.1.0__drop.sql").write_text("ALTER TABLE w DROP COLUMN b;\n")
    (directory / "1.2.0__again.sql").write_text("DROP INDEX IF EXISTS w_b;\nDROP INDEX IF EXISTS w_a;\n")
    report = lint_paths([directory], dialect="postgresql")
    assert {(f.path.name, f.rule, f.line, f.column) for f in report.findings} == {
        ("1.1.0__drop.sql", "drop-column", 1, 15),
        ("1.2.0__again.sql", "drop-index", 2, 1),
    }


@pytest.mark.parametrize("made_earlier", [True, False])
def test_a_routine_that_calls_itself_twice_runs_its_body_once(tmp_path: Path, made_earlier: bool) -> None:
    function = (
        "CREATE FUNCTION fix_depth(n int) RETURNS void LANGUAGE plpgsql AS $$ BEGIN\n"
        "  IF n > 0 THEN PERFORM fix_depth(n - 1); PERFORM fix_depth(n - 2); END IF;\n"
        "  DELETE FROM users;\nEND $$;\n"
    )
    directory = tmp_path / "migrations"
    directory.mkdir()
    (directory / "1.0.0__base.sql").write_text(BASE + (function if made_earlier else ""), encoding="utf-8")
    change = "SELECT fix_depth(3);\n" if made_earlier else function + "SELECT fix_depth(3);\n"
    (directory / "1.1.0__change.sql").write_text(change, encoding="utf-8")
    report = lint_paths([directory], dialect="postgresql")  # a RecursionError before
    found = {(f.rule, f.line) for f in report.findings if f.path.name.startswith("1.1.0")}
    assert found == {("delete-without-where", 1 if made_earlier else 3)}
