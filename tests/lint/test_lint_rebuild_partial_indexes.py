"""A rebuild's partial indexes compared by name and by the rows they cover: two partial unique
indexes on the same columns are two indexes, and a string in a ``WHERE`` keeps its case."""

from __future__ import annotations

from pathlib import Path

from ratchet.linter import lint_paths

INIT = (
    "CREATE TABLE t (id INTEGER PRIMARY KEY, kind TEXT, code TEXT);\n"
    "CREATE UNIQUE INDEX t_a ON t(code) WHERE kind = 'a';\n"
    "CREATE UNIQUE INDEX t_b ON t(code) WHERE kind = 'b';\n"
)
REBUILD = (
    "CREATE TABLE t_new (id INTEGER PRIMARY KEY, kind TEXT, code TEXT);\n"
    "INSERT INTO t_new (id, kind, code) SELECT id, kind, code FROM t;\n"
    "DROP TABLE t;\n"
    "ALTER TABLE t_new RENAME TO t;\n"
)


def lint(tmp_path: Path, init: str, change: str) -> list[tuple[str, int, int, str]]:
    (tmp_path / "1.0.0__init.sql").write_text(init, encoding="utf-8")
    (tmp_path / "1.0.1__x.sql").write_text(change, encoding="utf-8")
    report = lint_paths([tmp_path], dialect="sqlite")
    assert not report.problems
    return [(f.rule, f.line, f.column, f.message) for f in report.findings]


def test_a_rebuild_that_makes_one_of_two_partial_unique_indexes_again_loses_the_other(tmp_path: Path) -> None:
    found = lint(tmp_path, INIT, REBUILD + "CREATE UNIQUE INDEX t_a ON t(code) WHERE kind = 'a';\n")
    assert [(rule, line, column) for rule, line, column, _ in found] == [("drop-constraint", 3, 1)]
    assert "unique index t_b (code) is gone" in found[0][3] and "WHERE kind = 'b'" in found[0][3]


def test_a_rebuild_that_makes_both_partial_unique_indexes_again_is_clean(tmp_path: Path) -> None:
    both = (
        "CREATE UNIQUE INDEX t_a ON t(code) WHERE kind = 'a';\nCREATE UNIQUE INDEX t_b ON t(code) WHERE kind = 'b';\n"
    )
    assert lint(tmp_path, INIT, REBUILD + both) == []


ACTIVE = (
    "CREATE TABLE t (id INTEGER PRIMARY KEY, kind TEXT, code TEXT);\n"
    "CREATE UNIQUE INDEX t_a ON t(code) WHERE kind='Active';\n"
)


def test_a_partial_index_whose_string_changes_case_covers_other_rows(tmp_path: Path) -> None:
    found = lint(tmp_path, ACTIVE, REBUILD + "CREATE UNIQUE INDEX t_a ON t(code) WHERE kind='active';\n")
    assert [(rule, line, column) for rule, line, column, _ in found] == [("drop-constraint", 3, 1)]
    assert "only WHERE kind='active' instead of WHERE kind='Active'" in found[0][3]


def test_a_partial_index_spelt_in_other_case_outside_its_strings_is_the_same(tmp_path: Path) -> None:
    assert lint(tmp_path, ACTIVE, REBUILD + "CREATE UNIQUE INDEX t_a ON t(code) WHERE \"KIND\" = 'Active';\n") == []
