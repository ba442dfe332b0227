"""SQLite rebuilds that keep every value: generated columns need no copy, and INTEGER and NUMERIC
affinity hold the same values, and so does ANY in a STRICT table; each with a near miss, checked by
rule, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from ratchet.linter import lint_paths


def findings(tmp_path: Path, dialect: str, base: str, sql: str) -> set[tuple[str, int, int]]:
    (tmp_path / "1.0.0__base.sql").write_text(base, encoding="utf-8")
    (tmp_path / "1.1.0__case.sql").write_text(sql, encoding="utf-8")
    report = lint_paths([tmp_path], dialect=dialect)
    assert not report.problems
    return {
        (f.rule, f.line, f.column)
        for f in report.findings
        if f.path.name == "1.1.0__case.sql" and f.rule != "mysql-implicit-commit"
    }


LITE_BASE = """CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, done BOOLEAN NOT NULL DEFAULT 0,
  words INTEGER AS (length(body)) VIRTUAL);
"""
LITE_CASES = [
    # a generated column is computed by the new table: it cannot and need not be copied
    (
        "rebuild_generated",
        "CREATE TABLE notes_new (id INTEGER PRIMARY KEY, body TEXT, done BOOLEAN NOT NULL DEFAULT 0, "
        "words INTEGER AS (length(body)) VIRTUAL, tag TEXT);\n"
        "INSERT INTO notes_new (id, body, done) SELECT id, body, done FROM notes;\n"
        "DROP TABLE notes;\nALTER TABLE notes_new RENAME TO notes;",
        set(),
    ),
    (
        "rebuild_not_copied",
        "CREATE TABLE notes_new (id INTEGER PRIMARY KEY, body TEXT, done BOOLEAN NOT NULL DEFAULT 0, "
        "words INTEGER AS (length(body)) VIRTUAL);\n"
        "INSERT INTO notes_new (id, body) SELECT id, body FROM notes;\n"
        "DROP TABLE notes;\nALTER TABLE notes_new RENAME TO notes;",
        {("rebuild-unverified", 3, 1)},
    ),
    # BOOLEAN (NUMERIC affinity) to INTEGER keeps every value: the two differ only in CAST
    (
        "rebuild_numeric_to_integer",
        "CREATE TABLE notes_new (id INTEGER PRIMARY KEY, body TEXT, done INTEGER NOT NULL DEFAULT 0, "
        "words INTEGER AS (length(body)) VIRTUAL);\n"
        "INSERT INTO notes_new (id, body, done) SELECT id, body, done FROM notes;\n"
        "DROP TABLE notes;\nALTER TABLE notes_new RENAME TO notes;",
        {("widen-column-type", 3, 1)},
    ),
    (
        "rebuild_numeric_to_text",
        "CREATE TABLE notes_new (id INTEGER PRIMARY KEY, body TEXT, done TEXT NOT NULL DEFAULT '0', "
        "words INTEGER AS (length(body)) VIRTUAL);\n"
        "INSERT INTO notes_new (id, body, done) SELECT id, body, done FROM notes;\n"
        "DROP TABLE notes;\nALTER TABLE notes_new RENAME TO notes;",
        {("rebuild-unverified", 3, 1)},
    ),
]


@pytest.mark.parametrize(("sql", "expected"), [c[1:] for c in LITE_CASES], ids=[c[0] for c in LITE_CASES])
def test_sqlite(tmp_path: Path, sql: str, expected: set[tuple[str, int, int]]) -> None:
    assert findings(tmp_path, "sqlite", LITE_BASE, sql) == expected


def test_sqlite_multi_column_unique_index_made_again_after_a_rebuild_is_no_finding(tmp_path: Path) -> None:
    base = "CREATE TABLE seat (id INTEGER PRIMARY KEY, row TEXT, number INTEGER);\n"
    base += "CREATE UNIQUE INDEX seat_place ON seat (row, number);\n"
    rebuild = (
        "CREATE TABLE seat_new (id INTEGER PRIMARY KEY, row TEXT, number INTEGER, label TEXT);\n"
        "INSERT INTO seat_new (id, row, number) SELECT id, row, number FROM seat;\n"
        "DROP TABLE seat;\nALTER TABLE seat_new RENAME TO seat;\n"
        "CREATE UNIQUE INDEX seat_place ON seat (row, number DESC);\n"
    )
    assert findings(tmp_path, "sqlite", base, rebuild) == set()
    # near miss: a column added in the file beside an old one may still repeat the old one's values
    added = "ALTER TABLE seat ADD COLUMN label TEXT;\nCREATE UNIQUE INDEX seat_label ON seat (label, row);\n"
    (tmp_path / "added").mkdir()
    assert findings(tmp_path / "added", "sqlite", base, added) == {("add-unique-to-existing", 2, 1)}


STRICT_BASE = """CREATE TABLE reading (id INTEGER PRIMARY KEY, raw TEXT, value ANY) STRICT;
CREATE TABLE loose (id INTEGER PRIMARY KEY, raw TEXT);
"""
STRICT_CASES = [
    # in a STRICT table ANY stores every value as written: TEXT to ANY keeps them
    (
        "strict_text_to_any",
        "CREATE TABLE reading_new (id INTEGER PRIMARY KEY, raw ANY, value ANY, unit TEXT) STRICT;\n"
        "INSERT INTO reading_new (id, raw, value) SELECT id, raw, value FROM reading;\n"
        "DROP TABLE reading;\nALTER TABLE reading_new RENAME TO reading;",
        {("widen-column-type", 3, 1)},
    ),
    # near miss: ANY to TEXT in a STRICT table refuses (or would convert) the values that are not text
    (
        "strict_any_to_text",
        "CREATE TABLE reading_new (id INTEGER PRIMARY KEY, raw TEXT, value TEXT) STRICT;\n"
        "INSERT INTO reading_new (id, raw, value) SELECT id, raw, value FROM reading;\n"
        "DROP TABLE reading;\nALTER TABLE reading_new RENAME TO reading;",
        {("rebuild-unverified", 3, 1)},
    ),
    # near miss: outside STRICT a column declared ANY has NUMERIC affinity ('007' becomes 7)
    (
        "loose_text_to_any",
        "CREATE TABLE loose_new (id INTEGER PRIMARY KEY, raw ANY);\n"
        "INSERT INTO loose_new (id, raw) SELECT id, raw FROM loose;\n"
        "DROP TABLE loose;\nALTER TABLE loose_new RENAME TO loose;",
        {("rebuild-unverified", 3, 1)},
    ),
]


@pytest.mark.parametrize(("sql", "expected"), [c[1:] for c in STRICT_CASES], ids=[c[0] for c in STRICT_CASES])
def test_sqlite_strict_any(tmp_path: Path, sql: str, expected: set[tuple[str, int, int]]) -> None:
    assert findings(tmp_path, "sqlite", STRICT_BASE, sql) == expected
