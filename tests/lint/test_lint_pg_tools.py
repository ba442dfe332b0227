"""The PostgreSQL lint on what migration tools and long-lived histories write: enums recreated
by ORMs, partitions detached, collations, maintenance statements, drops of non-table objects,
identity restarts and defaults dropped and set again; each trigger with a near miss, by rule,
line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from ratchet.linter import lint_paths
from ratchet.linter.engine import Finding
from ratchet.linter.rules import ERROR, INFO, WARNING

BASE = """CREATE TYPE task_status AS ENUM ('todo', 'doing', 'done');
CREATE TABLE tasks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title varchar(100) COLLATE "C" NOT NULL,
  code char(8),
  note text,
  status task_status NOT NULL DEFAULT 'todo',
  priority integer DEFAULT 0,
  created timestamp NOT NULL DEFAULT now(),
  due timestamp(3)
);
CREATE TABLE readings (at timestamptz NOT NULL, value real) PARTITION BY RANGE (at);
CREATE TABLE readings_2023 PARTITION OF readings FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE base_log (id int);
CREATE TABLE child_log (extra int) INHERITS (base_log);
CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE FUNCTION same(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 = $2';
CREATE OPERATOR === (LEFTARG = integer, RIGHTARG = integer, FUNCTION = same);
CREATE STATISTICS tasks_stats ON status, priority FROM tasks;
CREATE FUNCTION touch_task() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.priority := 0; RETURN NEW; END $$;
CREATE TRIGGER tasks_touch BEFORE UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION touch_task();
CREATE VIEW open_tasks AS SELECT id, title, priority FROM tasks WHERE status <> 'done';
CREATE VIEW urgent_tasks AS SELECT id FROM open_tasks WHERE priority > 5;
CREATE PUBLICATION task_changes FOR TABLE tasks;
"""

Found = set[tuple[str, int, int]]


def findings(tmp_path: Path, sql: str) -> list[Finding]:
    directory = tmp_path / "migrations"
    directory.mkdir(exist_ok=True)
    (directory / "1.0.0__base.sql").write_text(BASE, encoding="utf-8")
    (directory / "1.1.0__change.sql").write_text(sql, encoding="utf-8")
    report = lint_paths([directory], dialect="postgresql")
    assert not [f for f in report.findings if f.path.name.startswith("1.0.0")], report.findings
    return [f for f in report.findings if f.path.name.startswith("1.1.0")]


def lint(tmp_path: Path, sql: str, severity: str | None = None) -> Found:
    return {(f.rule, f.line, f.column) for f in findings(tmp_path, sql) if severity is None or f.severity == severity}


# -- an enum recreated with one value more (Supabase, TypeORM, Prisma) ---------------------------

RECREATE = """ALTER TYPE task_status RENAME TO task_status_old;
CREATE TYPE task_status AS ENUM ({labels});
ALTER TABLE tasks ALTER COLUMN status DROP DEFAULT;
ALTER TABLE tasks ALTER COLUMN status TYPE task_status USING status::text::task_status;
ALTER TABLE tasks ALTER COLUMN status SET DEFAULT 'todo';
DROP TYPE task_status_old;
"""


def test_enum_recreated_with_a_value_more_is_a_widening(tmp_path: Path) -> None:
    found = findings(tmp_path, RECREATE.format(labels="'todo', 'doing', 'done', 'archived'"))
    assert {(f.rule, f.line, f.column, f.severity) for f in found} == {
        ("widen-column-type", 4, 19, INFO),
        ("table-rewrite", 4, 19, WARNING),
        ("drop-type", 6, 1, INFO),
    }
    drop = next(f for f in found if f.rule == "drop-type")
    assert "replaced by the new task_status" in drop.message


def test_enum_recreated_without_a_label_is_a_type_change(tmp_path: Path) -> None:
    found = findings(tmp_path, RECREATE.format(labels="'todo', 'done'"))
    assert {(f.rule, f.line, f.column) for f in found if f.severity == ERROR} == {("alter-column-type", 4, 19)}
    change = next(f for f in found if f.rule == "alter-column-type")
    assert "fails on rows labelled 'doing', which task_status lacks" in change.message


def test_enum_recreated_in_another_order_is_a_type_change(tmp_path: Path) -> None:
    found = lint(tmp_path, RECREATE.format(labels="'done', 'doing', 'todo'"), ERROR)
    assert found == {("alter-column-type", 4, 19)}


def test_enum_renamed_away_and_not_recreated_stays_a_rename_and_a_drop(tmp_path: Path) -> None:
    sql = (
        "ALTER TYPE task_status RENAME TO task_state;\n"
        "CREATE TYPE task_kind AS ENUM ('a');\nDROP TYPE IF EXISTS task_state;\n"
    )
    assert lint(tmp_path, sql) == {("rename-other", 1, 24), ("drop-type", 3, 1)}


def test_drop_of_the_renamed_type_with_cascade_of_its_columns_stays_an_error(tmp_path: Path) -> None:
    sql = (
        "ALTER TYPE task_status RENAME TO task_status_old;\n"
        "CREATE TYPE task_status AS ENUM ('todo', 'doing', 'done', 'archived');\n"
        "DROP TYPE task_status_old CASCADE;\n"
    )
    assert lint(tmp_path, sql, ERROR) == {("drop-type", 3, 1)}


def test_a_type_created_renamed_and_dropped_in_one_file_is_new(tmp_path: Path) -> None:
    sql = (
        "CREATE TYPE tag_kind AS ENUM ('a', 'b');\n"
        "ALTER TYPE tag_kind RENAME TO tag_kind_old;\n"
        "CREATE TYPE tag_kind AS ENUM ('a', 'b', 'c');\n"
        "DROP TYPE tag_kind_old;\n"
    )
    assert lint(tmp_path, sql) == set()


# -- DETACH PARTITION and NO INHERIT ---------------------------------------------------------------


def test_detach_partition_is_drop_constraint(tmp_path: Path) -> None:
    found = findings(tmp_path, "ALTER TABLE readings DETACH PARTITION readings_2023;\n")
    assert {(f.rule, f.line, f.column, f.severity) for f in found} == {("drop-constraint", 1, 22, WARNING)}
    assert "readers of readings stop seeing them" in found[0].message


def test_detach_concurrently_needs_no_transaction(tmp_path: Path) -> None:
    sql = "ALTER TABLE readings DETACH PARTITION readings_2023 CONCURRENTLY;\n"
    assert lint(tmp_path, sql) == {("drop-constraint", 1, 22), ("needs-no-transaction", 1, 22)}
    assert lint(tmp_path, "-- guard: no-transaction\n" + sql) == {("drop-constraint", 2, 22)}


@pytest.mark.parametrize(
    "sql",
    [
        # a partition attached in this file
        "CREATE TABLE readings_2024 PARTITION OF readings FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n"
        "ALTER TABLE readings DETACH PARTITION readings_2024;\n",
        # the end of an interrupted DETACH ... CONCURRENTLY
        "ALTER TABLE readings DETACH PARTITION readings_2023 FINALIZE;\n",
    ],
)
def test_detach_near_misses(tmp_path: Path, sql: str) -> None:
    assert lint(tmp_path, sql) == set()


def test_no_inherit_is_drop_constraint(tmp_path: Path) -> None:
    assert lint(tmp_path, "ALTER TABLE child_log NO INHERIT base_log;\n") == {("drop-constraint", 1, 23)}
    assert lint(tmp_path, "ALTER TABLE child_log INHERIT base_log;\n") == set()


# -- collations and char(n) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        'ALTER TABLE tasks ALTER COLUMN note TYPE text COLLATE "C";\n',
        # no COLLATE: the column goes back to the type's default collation
        "ALTER TABLE tasks ALTER COLUMN title TYPE varchar(200);\n",
        "ALTER TABLE tasks ALTER COLUMN title TYPE varchar(100) COLLATE nocase;\n",
    ],
)
def test_a_collation_change_is_alter_column_type(tmp_path: Path, sql: str) -> None:
    found = findings(tmp_path, sql)
    assert {(f.rule, f.line, f.column) for f in found if f.severity == ERROR} == {("alter-column-type", 1, 19)}
    assert "sort and compare" in next(f.message for f in found if f.rule == "alter-column-type")


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ('ALTER TABLE tasks ALTER COLUMN title TYPE varchar(200) COLLATE "C";\n', {("widen-column-type", 1, 19)}),
        ('ALTER TABLE tasks ALTER COLUMN title TYPE varchar(100) COLLATE "C";\n', set()),
        ('ALTER TABLE tasks ALTER COLUMN note TYPE text COLLATE "default";\n', set()),
    ],
)
def test_the_same_collation_near_misses(tmp_path: Path, sql: str, expected: Found) -> None:
    assert lint(tmp_path, sql) == expected


def test_char_to_varchar_is_a_type_change_that_drops_the_padding(tmp_path: Path) -> None:
    found = findings(tmp_path, "ALTER TABLE tasks ALTER COLUMN code TYPE varchar(8);\n")
    assert {(f.rule, f.line, f.column) for f in found} == {("alter-column-type", 1, 19)}
    assert "trailing blanks" in found[0].message
    assert lint(tmp_path, "ALTER TABLE tasks ALTER COLUMN code TYPE char(12);\n") == {("alter-column-type", 1, 19)}


# -- maintenance statements ------------------------------------------------------------------------


def test_cluster_and_vacuum_full_rewrite_the_table(tmp_path: Path) -> None:
    assert lint(tmp_path, "CLUSTER tasks USING tasks_pkey;\n") == {("table-rewrite", 1, 1)}
    sql = "-- guard: no-transaction\nVACUUM (FULL, ANALYZE) tasks;\nVACUUM ANALYZE tasks;\n"
    assert lint(tmp_path, sql) == {("table-rewrite", 2, 1)}


def test_cluster_of_every_table_needs_no_transaction(tmp_path: Path) -> None:
    assert lint(tmp_path, "CLUSTER;\n") == {("needs-no-transaction", 1, 1)}
    assert lint(tmp_path, "-- guard: no-transaction\nCLUSTER;\n") == set()


# -- drops of objects other than tables --------------------------------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "DROP STATISTICS tasks_stats;\n",
        "DROP PUBLICATION task_changes;\n",
        "DROP ROLE IF EXISTS reporting;\n",
        "DROP USER IF EXISTS reporting;\n",
        "DROP USER MAPPING IF EXISTS FOR reporting SERVER remote;\n",
    ],
)
def test_drops_of_access_and_statistics_objects_are_benign(tmp_path: Path, sql: str) -> None:
    assert lint(tmp_path, sql) == set()


@pytest.mark.parametrize(
    ("sql", "rule"),
    [
        ("DROP OPERATOR === (integer, integer);\n", "drop-routine"),
        ("DROP CAST IF EXISTS (text AS integer);\n", "drop-routine"),
        ("DROP COLLATION nocase;\n", "drop-type"),
        ("DROP TEXT SEARCH CONFIGURATION IF EXISTS english_simple;\n", "drop-type"),
        ("DROP EVENT TRIGGER IF EXISTS log_ddl;\n", "drop-trigger"),
    ],
)
def test_drops_of_objects_code_uses(tmp_path: Path, sql: str, rule: str) -> None:
    assert lint(tmp_path, sql) == {(rule, 1, 1)}


def test_drop_owned_stays_unrecognized(tmp_path: Path) -> None:
    assert lint(tmp_path, "DROP OWNED BY reporting;\n") == {("unrecognized-statement", 1, 1)}


# -- identity restart and defaults -------------------------------------------------------------------


def test_identity_restart_is_sequence_restart(tmp_path: Path) -> None:
    found = findings(tmp_path, "ALTER TABLE tasks ALTER COLUMN id RESTART WITH 1;\n")
    assert {(f.rule, f.line, f.column) for f in found} == {("sequence-restart", 1, 19)}
    assert "setval(pg_get_serial_sequence('tasks', 'id')" in found[0].message
    assert lint(tmp_path, "ALTER TABLE tasks ALTER COLUMN id SET GENERATED BY DEFAULT;\n") == set()
    sql = (
        "CREATE TABLE jobs (id int GENERATED ALWAYS AS IDENTITY);\n"
        "ALTER TABLE jobs ALTER COLUMN id SET GENERATED BY DEFAULT RESTART WITH 10;\n"
    )
    assert lint(tmp_path, sql) == set()


def test_a_default_dropped_and_set_again_is_nothing(tmp_path: Path) -> None:
    sql = (
        "ALTER TABLE tasks ALTER COLUMN priority DROP DEFAULT;\n"
        "ALTER TABLE tasks ALTER COLUMN priority SET DEFAULT 1;\n"
    )
    assert lint(tmp_path, sql) == set()
    assert lint(tmp_path, "ALTER TABLE tasks ALTER COLUMN priority DROP DEFAULT;\n") == {("drop-default", 1, 19)}


def test_dropping_a_default_the_column_never_had_is_nothing(tmp_path: Path) -> None:
    assert lint(tmp_path, "ALTER TABLE tasks ALTER COLUMN note DROP DEFAULT;\n") == set()


# -- an enum moved to text, dropped, recreated and moved back (drizzle-kit) ------------------------

DRIZZLE = """ALTER TABLE "tasks" ALTER COLUMN "status" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "tasks" ALTER COLUMN "status" SET DEFAULT 'todo'::text;--> statement-breakpoint
DROP TYPE "public"."task_status";--> statement-breakpoint
CREATE TYPE "public"."task_status" AS ENUM({labels});--> statement-breakpoint
ALTER TABLE "tasks" ALTER COLUMN "status" SET DEFAULT 'todo'::"public"."task_status";--> statement-breakpoint
ALTER TABLE "tasks" ALTER COLUMN "status" SET DATA TYPE "public"."task_status" USING "status"::"public"."task_status";
"""


def test_enum_through_text_losing_a_label_is_one_type_change_at_the_last_step(tmp_path: Path) -> None:
    found = findings(tmp_path, DRIZZLE.format(labels="'todo', 'done'"))
    assert {(f.rule, f.line, f.column) for f in found if f.severity == ERROR} == {("alter-column-type", 6, 21)}
    assert {(f.rule, f.line) for f in found if f.severity == INFO} == {("drop-type", 3)}
    assert {(f.rule, f.line) for f in found if f.severity == WARNING} == set()
    change = next(f for f in found if f.rule == "alter-column-type")
    assert "labelled 'doing'" in change.message


def test_enum_through_text_keeping_every_label_is_a_widening(tmp_path: Path) -> None:
    found = lint(tmp_path, DRIZZLE.format(labels="'todo', 'doing', 'done', 'blocked'"))
    assert found == {
        ("drop-type", 3, 1),
        ("table-rewrite", 1, 21),
        ("table-rewrite", 6, 21),
        ("widen-column-type", 6, 21),
    }


def test_one_type_change_to_text_stays_a_change(tmp_path: Path) -> None:
    sql = 'ALTER TABLE "tasks" ALTER COLUMN "status" SET DATA TYPE text;\n'
    assert lint(tmp_path, sql, ERROR) == {("alter-column-type", 1, 21)}


def test_type_dropped_and_created_again_is_a_replacement(tmp_path: Path) -> None:
    sql = "DROP TYPE IF EXISTS task_status;\nCREATE TYPE task_status AS ENUM ('todo', 'doing', 'done');\n"
    found = findings(tmp_path, sql)
    assert {(f.rule, f.line, f.column, f.severity) for f in found} == {("drop-type", 1, 1, INFO)}
    sql = "DROP TYPE task_status CASCADE;\nCREATE TYPE task_status AS ENUM ('todo', 'doing', 'done');\n"
    found = findings(tmp_path, sql)
    assert {(f.rule, f.line, f.column, f.severity) for f in found} == {("drop-type", 1, 1, ERROR)}
    assert "CASCADE also drops column tasks.status" in found[0].message


def test_set_without_oids_of_old_histories_is_benign(tmp_path: Path) -> None:
    assert lint(tmp_path, "ALTER TABLE tasks SET WITHOUT OIDS;\n") == set()
    assert lint(tmp_path, "ALTER TABLE tasks NOT OF;\n") == {("unrecognized-statement", 1, 19)}


# -- indexes of a partitioned table -----------------------------------------------------------------


def test_index_of_a_partitioned_table_says_how_to_build_it(tmp_path: Path) -> None:
    found = findings(tmp_path, "CREATE INDEX readings_at ON readings (at);\n")
    assert {(f.rule, f.line, f.column) for f in found} == {("index-not-concurrent", 1, 1)}
    assert "ON ONLY readings" in found[0].message and "ATTACH PARTITION" in found[0].message


def test_index_on_only_the_parent_builds_nothing(tmp_path: Path) -> None:
    sql = (
        "CREATE INDEX readings_at ON ONLY readings (at);\n"
        "CREATE INDEX readings_2023_at ON readings_2023 (at);\n"
        "ALTER INDEX readings_at ATTACH PARTITION readings_2023_at;\n"
    )
    assert lint(tmp_path, sql) == {("index-not-concurrent", 2, 1)}


# -- fractional-second precision -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        # Rails 7 restates timestamp columns with precision 6, the default: nothing changes
        ("ALTER TABLE tasks ALTER COLUMN created TYPE timestamp(6) without time zone;\n", set()),
        ("ALTER TABLE tasks ALTER COLUMN due TYPE timestamp(6);\n", {("widen-column-type", 1, 19)}),
        ("ALTER TABLE tasks ALTER COLUMN due TYPE timestamp;\n", {("widen-column-type", 1, 19)}),
        ("ALTER TABLE tasks ALTER COLUMN created TYPE timestamp(0);\n", {("alter-column-type", 1, 19)}),
        ("ALTER TABLE tasks ALTER COLUMN created TYPE timestamptz(6);\n", {("alter-column-type", 1, 19)}),
    ],
)
def test_timestamp_precision(tmp_path: Path, sql: str, expected: Found) -> None:
    assert lint(tmp_path, sql) == expected


# -- USING expressions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        # a cast of the column: the types decide
        ("ALTER TABLE tasks ALTER COLUMN priority TYPE bigint USING priority::bigint;\n", {"widen-column-type"}),
        ('ALTER TABLE tasks ALTER COLUMN title TYPE text USING "title"::text;\n', {"alter-column-type"}),
        # a computation: the values change whatever the types
        ("ALTER TABLE tasks ALTER COLUMN priority TYPE bigint USING priority * 100;\n", {"alter-column-type"}),
        (
            "ALTER TABLE tasks ALTER COLUMN priority TYPE bigint USING priority::smallint::bigint;\n",
            {"alter-column-type"},
        ),
        ("ALTER TABLE tasks ALTER COLUMN priority TYPE bigint USING coalesce(priority, 0);\n", {"alter-column-type"}),
    ],
)
def test_using_expressions(tmp_path: Path, sql: str, expected: set[str]) -> None:
    found = findings(tmp_path, sql)
    assert {f.rule for f in found if f.severity != WARNING} == expected
    if "priority *" in sql:
        assert "computes new values with its USING expression" in found[0].message


# -- DROP ... CASCADE of a function or view that the file creates again ------------------------------

FUNCTION = "CREATE FUNCTION touch_task() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
TRIGGER = "CREATE TRIGGER tasks_touch BEFORE UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION touch_task();\n"


def test_function_dropped_with_its_trigger_and_both_recreated_is_a_replacement(tmp_path: Path) -> None:
    found = findings(tmp_path, "DROP FUNCTION touch_task() CASCADE;\n" + FUNCTION + TRIGGER)
    assert {(f.rule, f.line, f.column, f.severity) for f in found} == {("drop-trigger", 1, 1, INFO)}


def test_trigger_function_dropped_with_its_trigger_not_recreated_is_the_trigger_dropped(tmp_path: Path) -> None:
    # no code calls a trigger function: what the drop loses is the trigger, a warning like DROP TRIGGER
    found = findings(tmp_path, "DROP FUNCTION touch_task() CASCADE;\n" + FUNCTION)
    assert {(f.rule, f.line, f.column, f.severity) for f in found} == {("drop-trigger", 1, 1, WARNING)}
    assert "CASCADE also drops trigger tasks_touch on tasks" in found[0].message


def test_drop_sequence_if_exists_of_an_identity_s_sequence_stays_an_error(tmp_path: Path) -> None:
    found = findings(tmp_path, "DROP SEQUENCE IF EXISTS tasks_id_seq;\n")
    assert {(f.rule, f.line, f.column, f.severity) for f in found} == {("drop-sequence", 1, 1, ERROR)}


def test_trigger_function_dropped_after_its_trigger_is_nothing(tmp_path: Path) -> None:
    found = findings(tmp_path, "DROP TRIGGER tasks_touch ON tasks;\nDROP FUNCTION IF EXISTS touch_task();\n")
    assert {(f.rule, f.line, f.column, f.severity) for f in found} == {("drop-trigger", 1, 1, WARNING)}


def test_function_that_code_calls_dropped_stays_an_error(tmp_path: Path) -> None:
    found = findings(tmp_path, "DROP OPERATOR === (integer, integer);\nDROP FUNCTION same(integer, integer);\n")
    assert {(f.rule, f.line, f.column, f.severity) for f in found} == {
        ("drop-routine", 1, 1, ERROR),
        ("drop-routine", 2, 1, ERROR),
    }


def test_view_dropped_with_a_view_on_it(tmp_path: Path) -> None:
    view = "CREATE VIEW open_tasks AS SELECT id, title, priority, note FROM tasks WHERE status <> 'done';\n"
    again = "CREATE VIEW urgent_tasks AS SELECT id FROM open_tasks WHERE priority > 5;\n"
    found = findings(tmp_path, "DROP VIEW open_tasks CASCADE;\n" + view + again)
    assert {(f.rule, f.line, f.column, f.severity) for f in found} == {("drop-view", 1, 1, INFO)}
    found = findings(tmp_path, "DROP VIEW open_tasks CASCADE;\n" + view)
    assert {(f.rule, f.line, f.column, f.severity) for f in found} == {("drop-view", 1, 1, ERROR)}
    assert "CASCADE also drops view urgent_tasks" in found[0].message


# -- EXPLAIN, sequences and tablespaces -------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("EXPLAIN SELECT * FROM tasks;\n", set()),
        ("EXPLAIN DELETE FROM tasks;\n", set()),
        ("EXPLAIN (ANALYZE false) DELETE FROM tasks;\n", set()),
        # ANALYZE runs the statement
        ("EXPLAIN ANALYZE DELETE FROM tasks;\n", {("delete-without-where", 1, 1)}),
        ("EXPLAIN (ANALYZE, COSTS off) UPDATE tasks SET note = '';\n", {("update-without-where", 1, 1)}),
        ("CREATE SEQUENCE ids;\nALTER SEQUENCE ids SET UNLOGGED;\nALTER SEQUENCE tasks_id_seq SET LOGGED;\n", set()),
    ],
)
def test_explain_and_sequence_persistence(tmp_path: Path, sql: str, expected: Found) -> None:
    assert lint(tmp_path, sql) == expected


def test_moving_to_a_tablespace_is_a_rewrite_for_a_maintenance_window(tmp_path: Path) -> None:
    found = findings(tmp_path, "ALTER TABLE tasks SET TABLESPACE pg_default;\n")
    assert {(f.rule, f.line, f.column) for f in found} == {("table-rewrite", 1, 19)}
    assert "maintenance window" in found[0].message


# -- an enum recreated without a label that no column change reports -------------------------------


def test_enum_recreated_without_a_label_and_no_column_is_drop_type(tmp_path: Path) -> None:
    base_extra = "CREATE TYPE mood AS ENUM ('happy', 'sad');\n"
    sql = "DROP TYPE mood;\nCREATE TYPE mood AS ENUM ('happy');\n"
    directory = tmp_path / "migrations"
    directory.mkdir()
    (directory / "1.0.0__base.sql").write_text(BASE + base_extra, encoding="utf-8")
    (directory / "1.1.0__change.sql").write_text(sql, encoding="utf-8")
    found = [f for f in lint_paths([directory], dialect="postgresql").findings if f.path.name.startswith("1.1.0")]
    assert {(f.rule, f.line, f.column, f.severity) for f in found} == {("drop-type", 1, 1, ERROR)}
    assert "recreated without 'sad'" in found[0].message
    (directory / "1.1.0__change.sql").write_text(
        "ALTER TYPE mood RENAME TO mood_old;\nCREATE TYPE mood AS ENUM ('happy');\nDROP TYPE mood_old;\n",
        encoding="utf-8",
    )
    found = [f for f in lint_paths([directory], dialect="postgresql").findings if f.path.name.startswith("1.1.0")]
    assert {(f.rule, f.line, f.column, f.severity) for f in found} == {("drop-type", 3, 1, ERROR)}
    assert "recreated without 'sad'" in found[0].message


def test_a_label_loss_reported_at_the_column_is_not_reported_again_at_the_drop(tmp_path: Path) -> None:
    found = findings(tmp_path, RECREATE.format(labels="'todo', 'done'"))
    assert {(f.rule, f.line, f.severity) for f in found if f.rule == "drop-type"} == {("drop-type", 6, INFO)}
