"""PostgreSQL lint left-overs of the second audit: renaming a view or a composite type's attribute,
a routine made by an earlier file that this one calls, and what ``DROP EXTENSION ... CASCADE`` takes
with it; each trigger with a near miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Db
from ratchet.discover import read_all
from ratchet.linter import lint_paths
from ratchet.linter.engine import Finding
from ratchet.linter.postgres import catalog_before, catalog_from_sql
from ratchet.linter.rules import ERROR

BASE = """CREATE TABLE accounts (id bigint PRIMARY KEY, name text, active boolean);
CREATE VIEW active_accounts AS SELECT id, name FROM accounts WHERE active;
CREATE MATERIALIZED VIEW account_counts AS SELECT count(*) AS n FROM accounts;
CREATE TYPE money_amount AS (amount numeric, currency text);
CREATE FUNCTION purge_accounts() RETURNS void LANGUAGE sql AS $$ DELETE FROM accounts $$;
CREATE FUNCTION purge_inactive() RETURNS void LANGUAGE sql AS $$ DELETE FROM accounts WHERE NOT active $$;
CREATE PROCEDURE close_all() LANGUAGE plpgsql AS $$
BEGIN
  UPDATE accounts SET active = false;
END $$;
CREATE FUNCTION add_column(t text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %I DROP COLUMN name', t);
END $$;
CREATE FUNCTION py_purge() RETURNS void LANGUAGE plpython3u AS $$ plpy.execute('DELETE FROM accounts') $$;
"""


def errors(tmp_path: Path, sql: str) -> set[tuple[str, int, int]]:
    """The error findings ``(rule, line, column)`` of ``sql`` in the file after ``BASE``."""
    directory = tmp_path / "migrations"
    directory.mkdir()
    (directory / "1.0.0__base.sql").write_text(BASE, encoding="utf-8")
    (directory / "1.1.0__change.sql").write_text(sql, encoding="utf-8")
    findings: list[Finding] = lint_paths([directory], dialect="postgresql").findings
    assert not [f for f in findings if f.path.name.startswith("1.0.0") and f.severity == ERROR]
    return {(f.rule, f.line, f.column) for f in findings if f.severity == ERROR and f.path.name.startswith("1.1.0")}


def test_renaming_a_view_breaks_its_readers_as_a_tables_rename_does(tmp_path: Path) -> None:
    sql = (
        "ALTER VIEW active_accounts RENAME TO live_accounts;\n"
        "ALTER MATERIALIZED VIEW account_counts RENAME TO account_totals;\n"
    )
    assert errors(tmp_path, sql) == {("rename-table", 1, 28), ("rename-table", 2, 40)}


def test_renaming_a_view_through_alter_table_is_rename_table(tmp_path: Path) -> None:
    assert errors(tmp_path, "ALTER TABLE active_accounts RENAME TO live_accounts;\n") == {("rename-table", 1, 29)}


def test_renaming_a_view_made_in_the_same_file_is_nothing(tmp_path: Path) -> None:
    sql = "CREATE VIEW named AS SELECT name FROM accounts;\nALTER VIEW named RENAME TO account_names;\n"
    assert errors(tmp_path, sql) == set()


def test_renaming_an_attribute_of_a_composite_type_is_rename_column(tmp_path: Path) -> None:
    sql = "ALTER TYPE money_amount RENAME ATTRIBUTE currency TO code;\n"
    assert errors(tmp_path, sql) == {("rename-column", 1, 25)}


def test_renaming_an_attribute_of_a_type_made_in_the_file_is_nothing(tmp_path: Path) -> None:
    sql = "CREATE TYPE pair AS (x int, y int);\nALTER TYPE pair RENAME ATTRIBUTE x TO first;\n"
    assert errors(tmp_path, sql) == set()


def test_a_routine_of_an_earlier_file_runs_its_body_where_it_is_called(tmp_path: Path) -> None:
    sql = "-- clean up\nSELECT 1, purge_accounts();\nCALL close_all();\n"
    assert errors(tmp_path, sql) == {("delete-without-where", 2, 11), ("update-without-where", 3, 6)}


def test_the_message_names_the_routine_called(tmp_path: Path) -> None:
    directory = tmp_path / "migrations"
    directory.mkdir()
    (directory / "1.0.0__base.sql").write_text(BASE, encoding="utf-8")
    (directory / "1.1.0__change.sql").write_text("SELECT purge_accounts();\n", encoding="utf-8")
    findings = lint_paths([directory], dialect="postgresql").findings
    message = next(f.message for f in findings if f.rule == "delete-without-where")
    assert message.startswith("purge_accounts(), made by an earlier file, runs here: DELETE without WHERE")


def test_a_routine_of_an_earlier_file_that_keeps_to_a_where_is_nothing(tmp_path: Path) -> None:
    assert errors(tmp_path, "SELECT purge_inactive();\n") == set()


def test_a_routine_of_an_earlier_file_not_called_is_nothing(tmp_path: Path) -> None:
    assert errors(tmp_path, "SELECT 'purge_accounts()';\nCREATE INDEX ON accounts (name);\n") == set()


def test_what_the_lint_cannot_read_in_an_earlier_routine_stays_unreported(tmp_path: Path) -> None:
    # dynamic SQL, or a body in another language: the call is not opaque-sql, a CALL of an unknown one is
    sql = "SELECT add_column('accounts');\nSELECT py_purge();\nCALL somewhere_else();\n"
    assert errors(tmp_path, sql) == {("opaque-sql", 3, 1)}


# -- DROP EXTENSION ... CASCADE takes the columns of its types ----------------------------------

EXTENSIONS = """CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS hstore;
CREATE TABLE people (id int PRIMARY KEY, email citext, aliases public.citext[], attrs hstore);
"""


def _catalog_after(tmp_path: Path, sql: str) -> dict[str, set[str]]:
    directory = tmp_path / "ext"
    directory.mkdir()
    (directory / "1.0.0__base.sql").write_text(EXTENSIONS, encoding="utf-8")
    (directory / "1.1.0__drop.sql").write_text(sql, encoding="utf-8")
    files, problems = read_all(directory, [])
    assert not problems
    catalog = catalog_before(files)
    return {key: set(r.columns) for key, r in catalog.relations.items()}


def test_drop_extension_cascade_names_the_columns_of_its_types(tmp_path: Path) -> None:
    directory = tmp_path / "migrations"
    directory.mkdir()
    (directory / "1.0.0__base.sql").write_text(EXTENSIONS, encoding="utf-8")
    (directory / "1.1.0__drop.sql").write_text("DROP EXTENSION citext CASCADE;\n", encoding="utf-8")
    (finding,) = [f for f in lint_paths([directory], dialect="postgresql").findings if f.rule == "drop-extension"]
    assert (finding.line, finding.column) == (1, 1)
    assert finding.message.endswith("; CASCADE also drops column people.email, column people.aliases")


@pytest.mark.parametrize(
    ("sql", "columns"),
    [
        ("DROP EXTENSION citext CASCADE;\n", {"id", "attrs"}),
        ("DROP EXTENSION hstore CASCADE;\n", {"id", "email", "aliases"}),
        ("DROP EXTENSION IF EXISTS pg_trgm CASCADE;\n", {"id", "email", "aliases", "attrs"}),  # no column of it
    ],
)
def test_catalog_follows_drop_extension_cascade(tmp_path: Path, sql: str, columns: set[str]) -> None:
    assert _catalog_after(tmp_path, sql) == {"public.people": columns}


@pytest.mark.parametrize("db", ["postgresql"], indirect=True)
def test_the_server_drops_those_columns_too(db: Db) -> None:
    connection = db.connect()
    try:
        for statement in (EXTENSIONS + "DROP EXTENSION citext CASCADE;").split(";\n"):
            connection.execute(statement)
        rows = connection.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'people' ORDER BY 1"
        ).fetchall()
    finally:
        connection.close()
    assert {row[0] for row in rows} == {"id", "attrs"}


# -- the catalog's indexes and enum labels, as the server keeps them -----------------------------


def _indexes(sql: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    catalog = catalog_from_sql(sql)
    return {key: (index.table, index.columns) for key, index in catalog.indexes.items()}


def test_an_unnamed_index_gets_the_name_postgresql_chooses() -> None:
    sql = (
        "CREATE TABLE m (a int, b int);\nCREATE INDEX ON m (a, b);\nCREATE INDEX ON m (a, b);\n"
        "CREATE INDEX ON m (lower(a::text));\nCREATE INDEX named ON m (b);\n"
    )
    assert set(_indexes(sql)) == {"public.m_a_b_idx", "public.m_a_b_idx1", "public.m_lower_idx", "public.named"}


def test_a_renamed_column_is_renamed_in_its_indexes() -> None:
    sql = "CREATE TABLE m (a int, b int);\nCREATE INDEX m_ab ON m (a, b);\nALTER TABLE m RENAME COLUMN a TO a_old;\n"
    assert _indexes(sql) == {"public.m_ab": ("public.m", ("a_old", "b"))}
    dropped = sql + "ALTER TABLE m DROP COLUMN a_old;\n"
    assert _indexes(dropped) == {}  # the index goes with the column, under its new name too


def test_unique_using_index_makes_the_index_the_constraints() -> None:
    sql = "CREATE TABLE m (a int);\nCREATE UNIQUE INDEX m_a ON m (a);\nCREATE INDEX m_a2 ON m (a);\n"
    assert set(_indexes(sql + "ALTER TABLE m ADD CONSTRAINT m_a_key UNIQUE USING INDEX m_a;\n")) == {"public.m_a2"}
    assert set(_indexes(sql + "ALTER TABLE m ADD CONSTRAINT m_a_key UNIQUE (a);\n")) == {"public.m_a", "public.m_a2"}


def test_a_detached_partition_keeps_its_copies_of_the_parents_indexes() -> None:
    sql = (
        "CREATE TABLE m (a int, b int) PARTITION BY RANGE (a);\n"
        "CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM (0) TO (10);\n"
        "CREATE TABLE m_2 PARTITION OF m FOR VALUES FROM (10) TO (20);\n"
        "CREATE INDEX ON m (b);\nCREATE INDEX m_2_own ON m_2 (b);\n"
    )
    detached = sql + "ALTER TABLE m DETACH PARTITION m_1;\nALTER TABLE m DETACH PARTITION m_2;\n"
    assert set(_indexes(detached)) == {"public.m_b_idx", "public.m_1_b_idx", "public.m_2_own"}
    assert set(_indexes(sql)) == {"public.m_b_idx", "public.m_2_own"}


@pytest.mark.parametrize(
    ("added", "labels"),
    [
        ("ADD VALUE 'c'", ("a", "b", "c")),
        ("ADD VALUE 'c' AFTER 'a'", ("a", "c", "b")),
        ("ADD VALUE 'c' BEFORE 'a'", ("c", "a", "b")),
        ("ADD VALUE IF NOT EXISTS 'b' BEFORE 'a'", ("a", "b")),
    ],
)
def test_a_new_enum_label_stands_where_it_was_added(added: str, labels: tuple[str, ...]) -> None:
    catalog = catalog_from_sql(f"CREATE TYPE e AS ENUM ('a', 'b');\nALTER TYPE e {added};\n")
    assert catalog.types["public.e"].values == labels
