"""SQLite ``DROP ... IF EXISTS`` of what a drop earlier in the history already took with it (an FTS5
table's shadow tables, a view's INSTEAD OF triggers), and of a scratch name a rename-first rebuild
is about to take: nothing is lost; a view made again without the INSTEAD OF trigger its drop took
is a dropped trigger. Each with a near miss, checked by rule, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from ratchet.linter import lint_paths

BASE = """CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT);
CREATE VIRTUAL TABLE docs_fts USING fts5(body, content='docs', content_rowid='id');
CREATE VIRTUAL TABLE notes_fts USING fts5(body);
CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT);
CREATE VIEW person_names AS SELECT id, name FROM person;
CREATE TRIGGER person_names_ins INSTEAD OF INSERT ON person_names
BEGIN INSERT INTO person (name) VALUES (new.name); END;
CREATE VIEW person_ids AS SELECT id FROM person;
CREATE TRIGGER person_ids_ins INSTEAD OF INSERT ON person_ids BEGIN INSERT INTO person (id) VALUES (new.id); END;
CREATE TABLE kept_old (id INTEGER PRIMARY KEY);
"""


def findings(tmp_path: Path, sql: str) -> set[tuple[str, int, int]]:
    (tmp_path / "1.0.0__base.sql").write_text(BASE, encoding="utf-8")
    (tmp_path / "1.1.0__case.sql").write_text(sql, encoding="utf-8")
    report = lint_paths([tmp_path], dialect="sqlite")
    assert not report.problems
    return {(f.rule, f.line, f.column) for f in report.findings if f.path.name == "1.1.0__case.sql"}


def _rename_first(scratch: str) -> str:
    return (
        f"DROP TABLE IF EXISTS {scratch};\n"
        f"ALTER TABLE docs RENAME TO {scratch};\n"
        "CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT, title TEXT);\n"
        f"INSERT INTO docs (id, body) SELECT id, body FROM {scratch};\n"
        f"DROP TABLE {scratch};\n"
    )


CASES = [
    # the FTS5 table's shadow tables went with it
    (
        "fts_shadow_tables_after_their_table",
        "DROP TABLE docs_fts;\nDROP TABLE IF EXISTS docs_fts_data;\nDROP TABLE IF EXISTS docs_fts_idx;\n",
        {("drop-table", 1, 1)},
    ),
    # near miss: the shadow table of an FTS5 table that is still there
    ("fts_shadow_table_of_a_kept_table", "DROP TABLE IF EXISTS notes_fts_data;\n", {("drop-table", 1, 1)}),
    # the view's INSTEAD OF trigger went with the view
    (
        "view_trigger_after_its_view",
        "DROP VIEW person_names;\nDROP TRIGGER IF EXISTS person_names_ins;\n",
        {("drop-view", 1, 1)},
    ),
    # near miss: the trigger of another view, still there
    (
        "trigger_of_a_kept_view",
        "DROP VIEW person_names;\nDROP TRIGGER IF EXISTS person_ids_ins;\n",
        {("drop-view", 1, 1), ("drop-trigger", 2, 1)},
    ),
    # a view made again is a replacement (info), but the INSTEAD OF trigger that went with it is gone
    (
        "view_replaced_without_its_trigger",
        "DROP VIEW person_names;\nCREATE VIEW person_names AS SELECT id, name, length(name) AS size FROM person;\n",
        {("drop-view", 1, 1), ("drop-trigger", 1, 1)},
    ),
    # near miss: the file makes the trigger again after the view
    (
        "view_replaced_with_its_trigger",
        "DROP VIEW person_names;\nCREATE VIEW person_names AS SELECT id, name, length(name) AS size FROM person;\n"
        "CREATE TRIGGER person_names_ins INSTEAD OF INSERT ON person_names\n"
        "BEGIN INSERT INTO person (name) VALUES (new.name); END;\n",
        {("drop-view", 1, 1)},
    ),
    # a rename-first rebuild clears the scratch name it renames the table to: it did not exist
    ("scratch_name_of_a_rename_first_rebuild", _rename_first("docs_old"), set()),
    # near miss: a table of that name existed, and the drop destroys it
    ("scratch_name_that_existed", _rename_first("kept_old"), {("drop-table", 1, 1)}),
]


@pytest.mark.parametrize(("sql", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_drop_if_exists_of_what_is_gone(tmp_path: Path, sql: str, expected: set[tuple[str, int, int]]) -> None:
    assert findings(tmp_path, sql) == expected
