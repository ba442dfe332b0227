# ruff: noqa: E501  (SQL kept on one line per statement: the findings are checked by line)
"""PostgreSQL lint findings of the deploy-tool audit: a routine dropped and made again with other
argument types, and a table rebuilt from ``LIKE ... INCLUDING``; each trigger with a near miss."""

from __future__ import annotations

from pathlib import Path

from ratchet.linter import lint_paths
from ratchet.linter.postgres import catalog_from_sql
from ratchet.linter.rules import ERROR

BASE = """CREATE TABLE items (id bigint PRIMARY KEY, sku text NOT NULL UNIQUE, qty int NOT NULL DEFAULT 0 CHECK (qty >= 0));
CREATE INDEX items_qty_idx ON items (qty);
CREATE FUNCTION item_qty(p_id bigint) RETURNS int LANGUAGE sql STABLE AS $$ SELECT qty FROM items WHERE id = p_id $$;
"""


def findings(tmp_path: Path, sql: str) -> set[tuple[str, str, int, int]]:
    """The findings ``(severity, rule, line, column)`` of ``sql`` in the file after ``BASE``."""
    directory = tmp_path / "migrations"
    directory.mkdir()
    (directory / "1.0.0__base.sql").write_text(BASE, encoding="utf-8")
    (directory / "1.1.0__change.sql").write_text(sql, encoding="utf-8")
    report = lint_paths([directory], dialect="postgresql")
    assert not [f for f in report.findings if f.path.name.startswith("1.0.0") and f.severity == ERROR]
    return {(f.severity, f.rule, f.line, f.column) for f in report.findings if f.path.name.startswith("1.1.0")}


def test_a_routine_made_again_with_other_argument_types_is_still_dropped(tmp_path: Path) -> None:
    sql = (
        "DROP FUNCTION item_qty(bigint);\n"
        "CREATE FUNCTION item_qty(p_sku text) RETURNS int LANGUAGE sql STABLE AS $$ SELECT qty FROM items WHERE sku = p_sku $$;\n"
    )
    assert findings(tmp_path, sql) == {("error", "drop-routine", 1, 1)}


def test_a_routine_made_again_with_more_arguments_is_still_dropped(tmp_path: Path) -> None:
    sql = (
        "DROP FUNCTION IF EXISTS item_qty(int8);\n"
        "CREATE FUNCTION item_qty(p_id bigint, p_min int) RETURNS int LANGUAGE sql AS $$ SELECT greatest(p_min, 0) $$;\n"
    )
    assert findings(tmp_path, sql) == {("error", "drop-routine", 1, 1)}


def test_a_routine_made_again_with_the_same_argument_types_is_a_replacement(tmp_path: Path) -> None:
    # int8 and bigint are one type; OUT parameters are no part of a routine's identity
    sql = (
        "DROP FUNCTION item_qty(int8);\n"
        "CREATE FUNCTION item_qty(p bigint, OUT q int) LANGUAGE sql STABLE AS $$ SELECT qty FROM items WHERE id = p $$;\n"
    )
    assert findings(tmp_path, sql) == {("info", "drop-routine", 1, 1)}


def test_a_routine_made_again_with_an_added_argument_that_has_a_default_is_a_replacement(tmp_path: Path) -> None:
    sql = (
        "DROP FUNCTION item_qty(bigint);\n"
        "CREATE FUNCTION item_qty(p_id bigint, p_min int DEFAULT 0) RETURNS int LANGUAGE sql AS $$ SELECT p_min $$;\n"
    )
    assert findings(tmp_path, sql) == {("info", "drop-routine", 1, 1)}


def test_a_routine_made_again_with_widened_argument_types_is_a_replacement(tmp_path: Path) -> None:
    # every call with an int still finds the bigint one (PostgreSQL casts int to bigint on its own)
    sql = (
        "DROP FUNCTION item_qty(int);\n"
        "CREATE FUNCTION item_qty(p_id bigint) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
    )
    assert findings(tmp_path, sql) == {("info", "drop-routine", 1, 1)}


def test_an_older_overload_dropped_after_the_file_made_a_new_one_is_dropped(tmp_path: Path) -> None:
    sql = (
        "CREATE FUNCTION item_qty(p_sku text) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
        "DROP FUNCTION item_qty(bigint);\n"
    )
    assert findings(tmp_path, sql) == {("error", "drop-routine", 2, 1)}


def test_the_overload_the_file_made_dropped_again_is_nothing(tmp_path: Path) -> None:
    sql = (
        "CREATE FUNCTION item_qty(p_sku text) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
        "DROP FUNCTION item_qty(text);\n"
    )
    assert findings(tmp_path, sql) == set()


def test_dropping_another_overload_keeps_the_routine_the_catalog_knows() -> None:
    catalog = catalog_from_sql(BASE + "DROP FUNCTION IF EXISTS item_qty(text);\n")
    assert "public.item_qty" in catalog.routines
    assert "public.item_qty" not in catalog_from_sql(BASE + "DROP FUNCTION item_qty(int8);\n").routines


def test_an_argument_type_is_the_same_with_or_without_its_schema(tmp_path: Path) -> None:
    (tmp_path / "1.0.0__base.sql").write_text(
        "CREATE SCHEMA app;\nCREATE TYPE app.item AS (id bigint);\n"
        "CREATE FUNCTION app.weight(i app.item) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n",
        encoding="utf-8",
    )
    (tmp_path / "1.1.0__change.sql").write_text(
        "SET search_path = app, public;\n"
        "DROP FUNCTION weight(item);\n"
        "CREATE FUNCTION app.weight(i app.item, unit text DEFAULT 'kg') RETURNS int LANGUAGE sql AS $$ SELECT 2 $$;\n",
        encoding="utf-8",
    )
    found = lint_paths([tmp_path], dialect="postgresql").findings
    assert {(f.severity, f.rule, f.line, f.column) for f in found} == {("info", "drop-routine", 2, 1)}


def test_a_drop_that_names_no_argument_types_is_judged_by_name(tmp_path: Path) -> None:
    sql = (
        "DROP FUNCTION item_qty;\n"
        "CREATE FUNCTION item_qty(p_sku text) RETURNS int LANGUAGE sql STABLE AS $$ SELECT 1 $$;\n"
    )
    assert findings(tmp_path, sql) == {("info", "drop-routine", 1, 1)}


REBUILD = """CREATE TABLE items_new (LIKE items {including});
INSERT INTO items_new SELECT * FROM items;
DROP TABLE items;
ALTER TABLE items_new RENAME TO items;
"""


def test_a_rebuild_from_like_including_all_keeps_the_indexes(tmp_path: Path) -> None:
    assert {f for f in findings(tmp_path, REBUILD.format(including="INCLUDING ALL")) if f[0] == "error"} == set()


def test_a_rebuild_from_like_without_indexes_loses_them(tmp_path: Path) -> None:
    found = findings(tmp_path, REBUILD.format(including="INCLUDING DEFAULTS INCLUDING CONSTRAINTS"))
    assert {f for f in found if f[0] == "error"} == {("error", "rebuild-loses-dependents", 3, 1)}


def test_like_copies_what_its_options_include_named_as_the_server_names_it() -> None:
    catalog = catalog_from_sql(
        BASE
        + "CREATE TABLE copied (LIKE items INCLUDING ALL);\n"
        + "CREATE TABLE bare (LIKE items);\n"
        + "CREATE TABLE checked (LIKE items INCLUDING CONSTRAINTS);\n"
    )
    assert catalog.indexes["public.copied_qty_idx"].table == "public.copied"
    assert not [index for index in catalog.indexes.values() if index.table in ("public.bare", "public.checked")]
    copied, bare, checked = (catalog.relations[f"public.{name}"] for name in ("copied", "bare", "checked"))
    assert copied.columns["qty"].has_default and not bare.columns["qty"].has_default
    assert {c.kind for c in copied.constraints.values()} == {"primary", "unique", "check"}
    assert {"copied_pkey", "copied_sku_key"} <= set(copied.constraints)
    assert {c.kind for c in checked.constraints.values()} == {"check"}
    assert bare.constraints == {}


def test_a_type_dropped_with_cascade_takes_the_indexes_and_checks_of_its_columns() -> None:
    catalog = catalog_from_sql(
        "CREATE TYPE kind AS ENUM ('a', 'b');\n"
        "CREATE TYPE mood AS ENUM ('x', 'y');\n"
        "CREATE TABLE topics (id int PRIMARY KEY, slug text, kind kind, mood mood, CHECK (kind <> 'b'));\n"
        "CREATE UNIQUE INDEX topics_slug ON topics (slug) WHERE kind <> 'a';\n"
        "CREATE INDEX topics_mood ON topics (mood);\n"
        "DROP TYPE kind CASCADE;\n"
    )
    assert set(catalog.relations["public.topics"].columns) == {"id", "slug", "mood"}
    assert set(catalog.indexes) == {"public.topics_mood"}  # the partial index read the dropped column
    assert {c.kind for c in catalog.relations["public.topics"].constraints.values()} == {"primary"}


SWAP_KEY = """CREATE UNIQUE INDEX items_key_idx ON items ({column});
ALTER TABLE items DROP CONSTRAINT items_pkey, ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_key_idx;
"""


def errors(tmp_path: Path, sql: str) -> set[tuple[str, str, int, int]]:
    return {f for f in findings(tmp_path, sql) if f[0] == "error"}


def test_a_primary_key_using_an_index_on_an_existing_nullable_column_is_set_not_null(tmp_path: Path) -> None:
    sql = "ALTER TABLE items ALTER COLUMN qty DROP NOT NULL;\n" + SWAP_KEY.format(column="qty")
    assert errors(tmp_path, sql) == {("error", "set-not-null", 3, 47)}


def test_a_primary_key_using_an_index_on_a_column_added_in_the_file_ends_it_not_null(tmp_path: Path) -> None:
    sql = "ALTER TABLE items ADD COLUMN code text;\n" + SWAP_KEY.format(column="code")
    assert errors(tmp_path, sql) == {("error", "add-not-null-without-default", 3, 47)}


def test_a_primary_key_using_an_index_on_a_not_null_column_sets_nothing(tmp_path: Path) -> None:
    assert errors(tmp_path, SWAP_KEY.format(column="qty")) == set()


def test_a_unique_constraint_using_an_index_sets_nothing_not_null(tmp_path: Path) -> None:
    sql = (
        "ALTER TABLE items ADD COLUMN code text;\n"
        "CREATE UNIQUE INDEX items_code_idx ON items (code);\n"
        "ALTER TABLE items ADD CONSTRAINT items_code_key UNIQUE USING INDEX items_code_idx;\n"
    )
    assert errors(tmp_path, sql) == set()


def test_the_catalog_makes_the_columns_of_a_primary_key_using_an_index_not_null() -> None:
    catalog = catalog_from_sql(
        "CREATE TABLE t (id int, code text);\n"
        "CREATE UNIQUE INDEX t_code_idx ON t (code);\n"
        "ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_code_idx;\n"
    )
    table = catalog.relations["public.t"]
    assert not table.columns["code"].nullable and table.columns["id"].nullable
    assert table.constraints["t_pkey"].columns == ("code",)


def test_moving_a_view_to_another_schema_breaks_its_readers_as_a_rename_does(tmp_path: Path) -> None:
    sql = (
        "CREATE SCHEMA api;\n"
        "CREATE VIEW item_totals AS SELECT sum(qty) AS total FROM items;\n"
        "ALTER VIEW item_totals SET SCHEMA api;\n"
    )
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "1.0.0__base.sql").write_text(BASE + "CREATE VIEW item_skus AS SELECT sku FROM items;\n")
    (tmp_path / "a" / "1.1.0__move.sql").write_text(
        sql + "ALTER VIEW item_skus SET SCHEMA api;\nALTER MATERIALIZED VIEW IF EXISTS item_counts SET SCHEMA api;\n"
    )
    found = lint_paths([tmp_path / "a"], dialect="postgresql").findings
    # the view made in the file moves freely; the older one and the materialized view do not
    assert {(f.rule, f.line, f.column) for f in found if f.severity == ERROR} == {
        ("rename-table", 4, 22),
        ("rename-table", 5, 47),
    }


def test_renaming_a_role_or_a_publication_is_rename_other(tmp_path: Path) -> None:
    sql = "ALTER ROLE app_rw RENAME TO app_writer;\nALTER PUBLICATION ledger_pub RENAME TO ledger_cdc;\n"
    assert findings(tmp_path, sql) == {("warning", "rename-other", 1, 19), ("warning", "rename-other", 2, 30)}


def test_renaming_a_table_beside_them_stays_an_error(tmp_path: Path) -> None:
    sql = "ALTER ROLE app_rw RENAME TO app_writer;\nALTER TABLE items RENAME TO stock_items;\n"
    assert errors(tmp_path, sql) == {("error", "rename-table", 2, 19)}


def test_a_concurrent_index_inside_a_no_transaction_files_own_block_needs_no_transaction(tmp_path: Path) -> None:
    sql = (
        "-- guard: no-transaction\n"
        "BEGIN;\n"
        "CREATE INDEX CONCURRENTLY items_sku_ci ON items (lower(sku));\n"
        "COMMIT;\n"
        "CREATE INDEX CONCURRENTLY items_qty_ci ON items (qty, sku);\n"
    )
    assert errors(tmp_path, sql) == {("error", "needs-no-transaction", 3, 1)}


def test_a_new_enum_value_used_inside_the_block_that_added_it_needs_no_transaction(tmp_path: Path) -> None:
    sql = (
        "-- guard: no-transaction\n"
        "CREATE TYPE grade AS ENUM ('a');\n"
        "ALTER TABLE items ADD COLUMN grade grade;\n"
        "BEGIN;\n"
        "ALTER TYPE grade ADD VALUE 'b';\n"
        "UPDATE items SET grade = 'b' WHERE qty > 10;\n"
        "COMMIT;\n"
        "UPDATE items SET grade = 'b' WHERE qty > 20;\n"
    )
    assert errors(tmp_path, sql) == {("error", "needs-no-transaction", 6, 26)}
