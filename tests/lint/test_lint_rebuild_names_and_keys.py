"""SQLite rebuilds judged as SQLite names and keys things: a composite primary key or unique index
is the same constraint in any column order, object names match without case, and a trigger of
another table that names the rebuilt one is a dependent (a rename-first rebuild leaves it naming
the dropped table). Each case with a near miss, checked by rule, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from ratchet.linter import lint_paths


def findings(tmp_path: Path, base: str, sql: str) -> set[tuple[str, int, int]]:
    (tmp_path / "1.0.0__base.sql").write_text(base, encoding="utf-8")
    (tmp_path / "1.1.0__case.sql").write_text(sql, encoding="utf-8")
    report = lint_paths([tmp_path], dialect="sqlite")
    assert not report.problems
    return {(f.rule, f.line, f.column) for f in report.findings if f.path.name == "1.1.0__case.sql"}


KEYS = """CREATE TABLE member (team INTEGER NOT NULL, person INTEGER NOT NULL, PRIMARY KEY (team, person));
CREATE TABLE seat (id INTEGER PRIMARY KEY, row TEXT NOT NULL, number INTEGER NOT NULL);
CREATE UNIQUE INDEX seat_place ON seat (row, number);
"""


def _member(key: str, rowid: str = "") -> str:
    return (
        "CREATE TABLE member_new (team INTEGER NOT NULL, person INTEGER NOT NULL, role TEXT, "
        f"PRIMARY KEY ({key})){rowid};\n"
        "INSERT INTO member_new (team, person) SELECT team, person FROM member;\n"
        "DROP TABLE member;\n"
        "ALTER TABLE member_new RENAME TO member;\n"
    )


_SEAT = (
    "CREATE TABLE seat_new (id INTEGER PRIMARY KEY, row TEXT NOT NULL, number INTEGER NOT NULL, label TEXT);\n"
    "INSERT INTO seat_new (id, row, number) SELECT id, row, number FROM seat;\n"
    "DROP TABLE seat;\n"
    "ALTER TABLE seat_new RENAME TO seat;\n"
)

KEY_CASES = [
    # the same pair is unique whichever column the key lists first
    ("primary_key_reordered", _member("person, team"), set()),
    ("primary_key_reordered_without_rowid", _member("person, team", " WITHOUT ROWID"), set()),
    # near miss: a key on fewer columns is another key
    ("primary_key_narrowed", _member("team"), {("rebuild-loses-dependents", 3, 1)}),
    # a unique index made again on its columns in another order adds no constraint
    ("unique_index_reordered", _SEAT + "CREATE UNIQUE INDEX seat_place ON seat (number, row);\n", set()),
    # near miss: made again on fewer columns it is another index, and a new, stricter constraint
    (
        "unique_index_narrowed",
        _SEAT + "CREATE UNIQUE INDEX seat_place ON seat (row);\n",
        {("drop-index", 3, 1), ("add-unique-to-existing", 5, 1)},
    ),
]


@pytest.mark.parametrize(("sql", "expected"), [c[1:] for c in KEY_CASES], ids=[c[0] for c in KEY_CASES])
def test_keys_in_any_column_order(tmp_path: Path, sql: str, expected: set[tuple[str, int, int]]) -> None:
    assert findings(tmp_path, KEYS, sql) == expected


ALERTS = """CREATE TABLE alerts (id INTEGER PRIMARY KEY, msg TEXT NOT NULL, host TEXT);
CREATE INDEX alerts_host ON alerts (host);
CREATE TRIGGER alerts_ai AFTER INSERT ON alerts BEGIN SELECT 1; END;
"""


def _alerts(after: str) -> str:
    return (
        "CREATE TABLE alerts_new (id INTEGER PRIMARY KEY, msg TEXT NOT NULL, host TEXT, level INTEGER);\n"
        "INSERT INTO alerts_new (id, msg, host) SELECT id, msg, host FROM alerts;\n"
        "DROP TABLE alerts;\n"
        "ALTER TABLE alerts_new RENAME TO Alerts;\n" + after
    )


_TRIGGER = "CREATE TRIGGER {} AFTER INSERT ON Alerts BEGIN SELECT 1; END;\n"

NAME_CASES = [
    # SQLite's names have no case: Alerts_AI is the trigger alerts_ai made again
    (
        "trigger_and_index_in_other_case",
        _alerts("CREATE INDEX ALERTS_HOST ON Alerts (host);\n" + _TRIGGER.format("Alerts_AI")),
        set(),
    ),
    # near miss: a trigger under another name is not the old one
    (
        "trigger_under_another_name",
        _alerts("CREATE INDEX ALERTS_HOST ON Alerts (host);\n" + _TRIGGER.format("alerts_ai2")),
        {("rebuild-loses-dependents", 3, 1)},
    ),
    # an index made again under its name in other case, on other columns, is a changed index
    (
        "index_in_other_case_on_other_columns",
        _alerts("CREATE INDEX ALERTS_HOST ON Alerts (host, level);\n" + _TRIGGER.format("alerts_ai")),
        {("drop-index", 3, 1)},
    ),
]


@pytest.mark.parametrize(("sql", "expected"), [c[1:] for c in NAME_CASES], ids=[c[0] for c in NAME_CASES])
def test_names_compared_without_case(tmp_path: Path, sql: str, expected: set[tuple[str, int, int]]) -> None:
    assert findings(tmp_path, ALERTS, sql) == expected


LOGGED = """CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE event (id INTEGER PRIMARY KEY, what TEXT);
CREATE TRIGGER event_item AFTER INSERT ON event BEGIN INSERT INTO item (name) VALUES (new.what); END;
"""
_RENAME_FIRST = (
    "ALTER TABLE item RENAME TO item_old;\n"
    "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT, price INTEGER);\n"
    "INSERT INTO item (id, name) SELECT id, name FROM item_old;\n"
    "DROP TABLE item_old;\n"
)
_EVENT_ITEM = "CREATE TRIGGER event_item AFTER INSERT ON event BEGIN INSERT INTO item (name) VALUES (new.what); END;\n"

OTHER_TRIGGER_CASES = [
    # the rename points event's trigger at item_old, which the drop leaves it naming: every insert
    # into event fails from then on
    ("rename_first_leaves_trigger_dangling", _RENAME_FIRST, {("rebuild-loses-dependents", 4, 1)}),
    # near miss: the trigger is made again to name the new table (its drop is an info replacement)
    (
        "rename_first_trigger_made_again",
        _RENAME_FIRST + "DROP TRIGGER event_item;\n" + _EVENT_ITEM,
        {("drop-trigger", 5, 1)},
    ),
    # near miss: under legacy_alter_table the rename leaves the trigger's text alone, so it names
    # the new table
    (
        "rename_first_legacy",
        "PRAGMA legacy_alter_table = ON;\n" + _RENAME_FIRST + "PRAGMA legacy_alter_table = OFF;\n",
        set(),
    ),
]


@pytest.mark.parametrize(
    ("sql", "expected"), [c[1:] for c in OTHER_TRIGGER_CASES], ids=[c[0] for c in OTHER_TRIGGER_CASES]
)
def test_trigger_of_another_table_that_names_the_rebuilt_one(
    tmp_path: Path, sql: str, expected: set[tuple[str, int, int]]
) -> None:
    assert findings(tmp_path, LOGGED, sql) == expected


def test_a_dangling_trigger_an_earlier_file_left_is_named_as_what_stops_a_later_rename(tmp_path: Path) -> None:
    base = LOGGED + "CREATE TABLE tag (id INTEGER PRIMARY KEY, label TEXT);\n"
    (tmp_path / "1.0.0__base.sql").write_text(base, encoding="utf-8")
    (tmp_path / "1.1.0__case.sql").write_text(_RENAME_FIRST, encoding="utf-8")
    (tmp_path / "1.2.0__tag.sql").write_text(
        "CREATE TABLE tag_new (id INTEGER PRIMARY KEY, label TEXT, color TEXT);\n"
        "INSERT INTO tag_new (id, label) SELECT id, label FROM tag;\n"
        "DROP TABLE tag;\nALTER TABLE tag_new RENAME TO tag;\n",
        encoding="utf-8",
    )
    report = lint_paths([tmp_path], dialect="sqlite")
    later = [f for f in report.findings if f.path.name == "1.2.0__tag.sql"]
    assert [(f.rule, f.line, f.column) for f in later] == [("rebuild-loses-dependents", 3, 1)]
    # the trigger names item_old, not tag: it is named as what stops the rename, not as tag's dependent
    assert "trigger event_item names table item_old, which does not exist" in later[0].message
    assert "depends on tag" not in later[0].message
