"""SQLite rebuilds that keep every value: generated columns need no copy, and INTEGER and NUMERIC
affinity hold the same values; each with a near miss, checked by rule, line and column."""

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


KEY_BASE = """CREATE TABLE post_tag (post_id INTEGER NOT NULL, tag_id INTEGER NOT NULL, note TEXT,
  PRIMARY KEY (post_id, tag_id));
CREATE UNIQUE INDEX post_tag_note ON post_tag (note, tag_id);
"""


def _key_rebuild(key: str, index: str) -> str:
    return (
        f"CREATE TABLE post_tag_new (post_id INTEGER NOT NULL, tag_id INTEGER NOT NULL, note TEXT{key});\n"
        "INSERT INTO post_tag_new (post_id, tag_id, note) SELECT post_id, tag_id, note FROM post_tag;\n"
        f"DROP TABLE post_tag;\nALTER TABLE post_tag_new RENAME TO post_tag;\n{index}"
    )


KEY_INDEX = "CREATE UNIQUE INDEX post_tag_note ON post_tag (note, tag_id);\n"
KEY_CASES = [
    # a key made stricter (fewer of its columns unique) keeps all the old one guaranteed: a change
    # writers feel, as a unique constraint added to the table would be, not a lost key
    ("primary_key_stricter", _key_rebuild(", PRIMARY KEY (post_id)", KEY_INDEX), {("add-unique-to-existing", 3, 1)}),
    (
        "unique_index_stricter",
        _key_rebuild(", PRIMARY KEY (post_id, tag_id)", "CREATE UNIQUE INDEX post_tag_note ON post_tag (note);\n"),
        {("add-unique-to-existing", 5, 1)},  # the CREATE UNIQUE INDEX says it
    ),
    # near misses: a key on other columns, no key, a partial or plain index (under another name)
    # lose the old key
    (
        "primary_key_other",
        _key_rebuild(", PRIMARY KEY (post_id, note)", KEY_INDEX),
        {("rebuild-loses-dependents", 3, 1)},
    ),
    ("primary_key_gone", _key_rebuild("", KEY_INDEX), {("rebuild-loses-dependents", 3, 1)}),
    (
        "unique_index_partial",
        _key_rebuild(
            ", PRIMARY KEY (post_id, tag_id)",
            "CREATE UNIQUE INDEX post_tag_named ON post_tag (note) WHERE note <> '';\n",
        ),
        {("rebuild-loses-dependents", 3, 1), ("add-unique-to-existing", 5, 1)},
    ),
    (
        "unique_index_plain",
        _key_rebuild(", PRIMARY KEY (post_id, tag_id)", "CREATE INDEX post_tag_named ON post_tag (note);\n"),
        {("rebuild-loses-dependents", 3, 1)},
    ),
    ("kept", _key_rebuild(", PRIMARY KEY (post_id, tag_id)", KEY_INDEX), set()),
]


@pytest.mark.parametrize(("sql", "expected"), [c[1:] for c in KEY_CASES], ids=[c[0] for c in KEY_CASES])
def test_sqlite_key_made_stricter(tmp_path: Path, sql: str, expected: set[tuple[str, int, int]]) -> None:
    assert findings(tmp_path, "sqlite", KEY_BASE, sql) == expected


def test_sqlite_unique_constraint_made_stricter(tmp_path: Path) -> None:
    base = "CREATE TABLE seat (id INTEGER PRIMARY KEY, row TEXT, number INTEGER, UNIQUE (row, number));\n"
    rebuild = (
        "CREATE TABLE seat_new (id INTEGER PRIMARY KEY, row TEXT, number INTEGER UNIQUE);\n"
        "INSERT INTO seat_new (id, row, number) SELECT id, row, number FROM seat;\n"
        "DROP TABLE seat;\nALTER TABLE seat_new RENAME TO seat;\n"
    )
    assert findings(tmp_path, "sqlite", base, rebuild) == {("add-unique-to-existing", 3, 1)}
    # near miss: unique on another column keeps nothing of the old constraint
    (tmp_path / "other").mkdir()
    other = rebuild.replace("number INTEGER UNIQUE);", "number INTEGER, note TEXT UNIQUE);")
    assert findings(tmp_path / "other", "sqlite", base, other) == {("rebuild-loses-dependents", 3, 1)}


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
