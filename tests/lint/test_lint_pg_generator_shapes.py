"""PostgreSQL lint on shapes that migration generators write: a column restated whole (Knex's and
MikroORM's ``.alter()``: drop default, drop not null, new type, set not null) is judged by its net
effect, a column's type named under a file's ``SET search_path`` is the type of that schema, and
an earlier file's ``DO`` blocks and ``BEGIN ATOMIC`` routines each replay their own statements (EF
Core writes one ``DO`` block per statement), and a ``CHECK (c IS NOT NULL)`` dropped once ``c`` is
NOT NULL lets nothing in; each trigger with a near miss."""

from __future__ import annotations

from pathlib import Path

from ratchet.linter import lint_paths
from ratchet.linter.engine import Finding
from ratchet.linter.postgres import catalog_from_sql
from ratchet.linter.postgres.types import ColumnType

BASE = """CREATE TABLE authors (id serial PRIMARY KEY, email varchar(255) NOT NULL, bio varchar(255));
CREATE SCHEMA billing;
SET search_path TO billing, public;
CREATE TYPE invoice_status AS ENUM ('draft', 'open', 'paid', 'void');
CREATE TABLE invoices (id bigint PRIMARY KEY, status invoice_status NOT NULL DEFAULT 'draft');
"""


def found(tmp_path: Path, earlier: str, sql: str, severity: str) -> set[tuple[str, int, int]]:
    """The findings ``(rule, line, column)`` of ``severity`` of ``sql`` in the file after ``earlier``."""
    directory = tmp_path / "migrations"
    directory.mkdir(parents=True)
    (directory / "1.0.0__earlier.sql").write_text(earlier, encoding="utf-8")
    (directory / "1.1.0__change.sql").write_text(sql, encoding="utf-8")
    lint: list[Finding] = lint_paths([directory], dialect="postgresql").findings
    return {(f.rule, f.line, f.column) for f in lint if f.severity == severity and f.path.name.startswith("1.1.0")}


def findings(tmp_path: Path, sql: str, severity: str = "error") -> set[tuple[str, int, int]]:
    """The findings ``(rule, line, column)`` of ``severity`` of ``sql`` in the file after ``BASE``."""
    return found(tmp_path, BASE, sql, severity)


RESTATED = """alter table "authors" alter column "email" drop default;
alter table "authors" alter column "email" drop not null;
alter table "authors" alter column "email" type varchar(320) using ("email"::varchar(320));
alter table "authors" alter column "email" set not null;
"""


def test_a_not_null_column_restated_not_null_is_nothing(tmp_path: Path) -> None:
    assert findings(tmp_path, RESTATED) == set()


def test_a_nullable_column_restated_not_null_is_set_not_null(tmp_path: Path) -> None:
    assert findings(tmp_path, RESTATED.replace('"email"', '"bio"')) == {("set-not-null", 4, 23)}


def test_a_dropped_not_null_that_the_file_sets_again_is_no_warning(tmp_path: Path) -> None:
    assert findings(tmp_path, RESTATED, "warning") == set()


def test_a_dropped_not_null_that_stays_dropped_is_a_warning(tmp_path: Path) -> None:
    sql = "\n".join(RESTATED.splitlines()[:3]) + "\n"
    assert findings(tmp_path, sql, "warning") == {("drop-not-null", 2, 23)}


def test_drop_not_null_on_a_nullable_column_is_nothing(tmp_path: Path) -> None:
    assert findings(tmp_path, 'alter table "authors" alter column "bio" drop not null;\n', "warning") == set()


REORDERED = """ALTER TYPE billing.invoice_status RENAME TO invoice_status_old;
CREATE TYPE billing.invoice_status AS ENUM ({labels});
ALTER TABLE billing.invoices
  ALTER COLUMN status DROP DEFAULT,
  ALTER COLUMN status TYPE billing.invoice_status USING status::text::billing.invoice_status,
  ALTER COLUMN status SET DEFAULT 'draft';
DROP TYPE billing.invoice_status_old;
"""


def test_an_enum_of_another_schema_recreated_with_its_labels_reordered_is_alter_column_type(tmp_path: Path) -> None:
    sql = REORDERED.format(labels="'draft', 'open', 'void', 'paid'")
    assert findings(tmp_path, sql) == {("alter-column-type", 5, 3)}


def test_an_enum_of_another_schema_recreated_with_a_label_more_is_a_widening(tmp_path: Path) -> None:
    sql = REORDERED.format(labels="'draft', 'open', 'paid', 'void', 'refunded'")
    assert findings(tmp_path, sql) == set()
    assert ("widen-column-type", 5, 3) in findings(tmp_path / "info", sql, "info")


def test_a_type_named_under_the_search_path_is_kept_with_its_schema() -> None:
    catalog = catalog_from_sql(BASE + "CREATE TABLE public.payments (status invoice_status);\nRESET search_path;\n")
    assert catalog.relations["billing.invoices"].columns["status"].type == ColumnType("billing.invoice_status")
    assert catalog.relations["public.payments"].columns["status"].type == ColumnType("billing.invoice_status")


def test_a_type_of_the_default_schema_keeps_its_plain_name() -> None:
    catalog = catalog_from_sql("CREATE TYPE mood AS ENUM ('ok');\nCREATE TABLE notes (m mood, n public.mood);\n")
    columns = catalog.relations["public.notes"].columns
    assert (columns["m"].type, columns["n"].type) == (ColumnType("mood"), ColumnType("mood"))


def errors_after(tmp_path: Path, earlier: str, sql: str) -> set[tuple[str, int, int]]:
    """The error findings ``(rule, line, column)`` of ``sql`` in the file after ``earlier``."""
    return found(tmp_path, earlier, sql, "error")


#: An earlier file of one statement per ``DO`` block, as EF Core's idempotent scripts write them.
DO_BLOCKS = """CREATE TABLE "Visits" ("Id" int PRIMARY KEY, "Minutes" int);
DO $EF$ BEGIN ALTER TABLE "Visits" ADD "Notes" text; END $EF$;
DO $EF$ BEGIN ALTER TABLE "Visits" RENAME TO "Appointments"; END $EF$;
"""


def test_each_do_block_of_an_earlier_file_runs_once(tmp_path: Path) -> None:
    sql = 'ALTER TABLE "Appointments" ALTER COLUMN "Minutes" TYPE bigint;\n'
    assert errors_after(tmp_path, DO_BLOCKS, sql) == set()


def test_a_narrowing_after_the_do_blocks_of_an_earlier_file_is_alter_column_type(tmp_path: Path) -> None:
    sql = 'ALTER TABLE "Appointments" ALTER COLUMN "Minutes" TYPE smallint;\n'
    assert errors_after(tmp_path, DO_BLOCKS, sql) == {("alter-column-type", 1, 28)}


ATOMIC = """CREATE TABLE t (a int, b int);
CREATE FUNCTION touch() RETURNS void LANGUAGE sql BEGIN ATOMIC UPDATE t SET a = 1 WHERE b = 2; END;
CREATE FUNCTION purge() RETURNS void LANGUAGE sql BEGIN ATOMIC DELETE FROM t; END;
"""


def test_an_earlier_files_second_atomic_routine_runs_its_own_body(tmp_path: Path) -> None:
    assert errors_after(tmp_path, ATOMIC, "SELECT purge();\n") == {("delete-without-where", 1, 8)}


def test_an_earlier_files_first_atomic_routine_runs_its_own_body(tmp_path: Path) -> None:
    assert errors_after(tmp_path, ATOMIC, "SELECT touch();\n") == set()


#: strong_migrations' NOT NULL recipe: a NOT VALID check, validated, then SET NOT NULL and the check dropped.
CHECKED = """CREATE TABLE users (id bigint PRIMARY KEY, time_zone varchar DEFAULT 'UTC');
ALTER TABLE users ADD CONSTRAINT users_time_zone_null CHECK (time_zone IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_time_zone_null;
"""


def warnings_after(tmp_path: Path, earlier: str, sql: str) -> set[tuple[str, int, int]]:
    """The warnings ``(rule, line, column)`` of ``sql`` in the file after ``earlier``."""
    return found(tmp_path, earlier, sql, "warning")


def test_dropping_a_not_null_check_once_the_column_is_not_null_is_nothing(tmp_path: Path) -> None:
    sql = (
        "ALTER TABLE users ALTER COLUMN time_zone SET NOT NULL;\n"
        "ALTER TABLE users DROP CONSTRAINT users_time_zone_null;\n"
    )
    assert warnings_after(tmp_path, CHECKED, sql) == set()
    assert errors_after(tmp_path / "errors", CHECKED, sql) == set()


def test_dropping_a_not_null_check_of_a_nullable_column_is_drop_constraint(tmp_path: Path) -> None:
    sql = "ALTER TABLE users DROP CONSTRAINT users_time_zone_null;\n"
    assert warnings_after(tmp_path, CHECKED, sql) == {("drop-constraint", 1, 19)}
