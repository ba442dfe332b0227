"""The PostgreSQL catalog's indexes and checks know every column they read: dropping a column that
only an expression, an INCLUDE list or a partial index's WHERE reads drops the index, and one a
check reads drops the check, as the server does; a detached partition's copies of its parent's
indexes, and an unnamed check, are named as the server names them."""

from __future__ import annotations

from pathlib import Path

from ratchet.linter import lint_paths
from ratchet.linter.postgres import catalog_from_sql

SLIPS = """CREATE TABLE slips (id int, code text, body text, kept boolean);
CREATE INDEX slips_lower ON slips (lower(code));
CREATE INDEX slips_incl ON slips (id) INCLUDE (body);
CREATE INDEX slips_part ON slips (id) WHERE kept;
CREATE INDEX slips_plain ON slips (id);
"""


def _indexes(sql: str) -> set[str]:
    return set(catalog_from_sql(sql).indexes)


def test_dropping_a_column_drops_the_indexes_that_read_it_anywhere() -> None:
    assert _indexes(SLIPS + "ALTER TABLE slips DROP COLUMN code;\n") == {
        "public.slips_incl",
        "public.slips_part",
        "public.slips_plain",
    }
    assert _indexes(SLIPS + "ALTER TABLE slips DROP COLUMN body;\n") == {
        "public.slips_lower",
        "public.slips_part",
        "public.slips_plain",
    }
    assert _indexes(SLIPS + "ALTER TABLE slips DROP COLUMN kept;\n") == {
        "public.slips_lower",
        "public.slips_incl",
        "public.slips_plain",
    }


def test_a_column_no_index_reads_leaves_them_all() -> None:
    sql = SLIPS + "ALTER TABLE slips ADD COLUMN spare int;\nALTER TABLE slips DROP COLUMN spare;\n"
    assert _indexes(sql) == {"public.slips_lower", "public.slips_incl", "public.slips_part", "public.slips_plain"}


def test_a_renamed_column_is_still_read_by_its_indexes() -> None:
    renamed = SLIPS + "ALTER TABLE slips RENAME COLUMN kept TO keep;\n"
    assert _indexes(renamed + "ALTER TABLE slips DROP COLUMN keep;\n") == {
        "public.slips_lower",
        "public.slips_incl",
        "public.slips_plain",
    }
    assert "public.slips_part" in _indexes(renamed)


def _lint(tmp_path: Path, sql: str) -> set[tuple[str, int, int]]:
    directory = tmp_path / "migrations"
    directory.mkdir()
    (directory / "1.0.0__base.sql").write_text(SLIPS, encoding="utf-8")
    (directory / "1.1.0__change.sql").write_text(sql, encoding="utf-8")
    findings = lint_paths([directory], dialect="postgresql").findings
    return {(f.rule, f.line, f.column) for f in findings if f.path.name.startswith("1.1.0")}


def test_drop_index_if_exists_of_an_index_its_columns_drop_took_is_nothing(tmp_path: Path) -> None:
    sql = "ALTER TABLE slips DROP COLUMN kept;\nDROP INDEX IF EXISTS slips_part;\n"
    assert _lint(tmp_path, sql) == {("drop-column", 1, 19)}


def test_drop_index_if_exists_of_an_index_that_survived_is_drop_index(tmp_path: Path) -> None:
    sql = "ALTER TABLE slips DROP COLUMN kept;\nDROP INDEX IF EXISTS slips_lower;\n"
    assert _lint(tmp_path, sql) == {("drop-column", 1, 19), ("drop-index", 2, 1)}


READINGS = """CREATE TABLE readings (taken_on date NOT NULL, sensor text NOT NULL, value numeric, note text)
    PARTITION BY RANGE (taken_on);
CREATE TABLE readings_2024 PARTITION OF readings FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX ON readings (lower(sensor));
CREATE INDEX ON readings (taken_on) INCLUDE (value);
CREATE INDEX ON readings ((value * 2), sensor);
CREATE INDEX ON readings (sensor) WHERE note IS NOT NULL;
"""


def test_a_detached_partition_keeps_copies_named_after_expressions_and_included_columns() -> None:
    detached = _indexes(READINGS + "ALTER TABLE readings DETACH PARTITION readings_2024;\n")
    parents = {"public.readings_lower_idx", "public.readings_taken_on_value_idx"}
    parents |= {"public.readings_expr_sensor_idx", "public.readings_sensor_idx"}
    copies = {"public.readings_2024_lower_idx", "public.readings_2024_taken_on_value_idx"}
    copies |= {"public.readings_2024_expr_sensor_idx", "public.readings_2024_sensor_idx"}
    assert detached == parents | copies
    assert _indexes(READINGS) == parents


def test_a_detached_copy_of_an_index_reads_what_the_parents_reads() -> None:
    detached = READINGS + "ALTER TABLE readings DETACH PARTITION readings_2024;\n"
    remaining = _indexes(detached + "ALTER TABLE readings_2024 DROP COLUMN note;\n")
    assert "public.readings_2024_sensor_idx" not in remaining
    assert "public.readings_sensor_idx" in remaining


CHECKED = """CREATE TABLE marks (a int, b int, c int, CHECK (a > 0), CHECK (a > b), CHECK (c IS NOT NULL));
ALTER TABLE marks ADD CHECK (b < 10);
ALTER TABLE marks ADD CONSTRAINT mark_sum CHECK (b + c > 0);
"""


def _constraints(sql: str) -> set[str]:
    return set(catalog_from_sql(sql).relations["public.marks"].constraints)


def test_an_unnamed_check_is_named_after_the_one_column_it_reads() -> None:
    assert _constraints(CHECKED) == {"marks_a_check", "marks_check", "marks_c_check", "marks_b_check", "mark_sum"}


def test_dropping_a_column_drops_the_checks_that_read_it() -> None:
    assert _constraints(CHECKED + "ALTER TABLE marks DROP COLUMN b;\n") == {"marks_a_check", "marks_c_check"}
    renamed = CHECKED + "ALTER TABLE marks RENAME COLUMN c TO d;\n"
    assert _constraints(renamed + "ALTER TABLE marks DROP COLUMN d;\n") == {
        "marks_a_check",
        "marks_check",
        "marks_b_check",
    }
    assert _constraints(CHECKED + "ALTER TABLE marks ADD COLUMN e int;\nALTER TABLE marks DROP COLUMN e;\n") == (
        _constraints(CHECKED)
    )
