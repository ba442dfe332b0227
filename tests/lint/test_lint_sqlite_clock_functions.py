"""A date or time function that reads the clock ('now') or the time zone ('localtime', 'utc') in
an index, a partial index's WHERE, a CHECK or a generated column: SQLite refuses it only when it
evaluates a row, so the replay (on empty tables) tries a row. Each case is checked against what
SQLite does on a table that holds a row, by rule, line and column."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ratchet.linter import lint_paths

BASE = "CREATE TABLE visit (id INTEGER PRIMARY KEY, at INTEGER NOT NULL);\n"

CASES = [
    ("index_localtime", "CREATE INDEX visit_day ON visit (date(at, 'unixepoch', 'localtime'));\n", (1, 34)),
    # near miss: the same function on the column alone is deterministic
    ("index_utc_free", "CREATE INDEX visit_day ON visit (date(at, 'unixepoch'));\n", None),
    ("partial_index_now", "CREATE INDEX visit_recent ON visit (at) WHERE at > unixepoch('now', '-7 days');\n", (1, 52)),
    # near miss: a WHERE on a constant date
    ("partial_index_constant", "CREATE INDEX visit_recent ON visit (at) WHERE at > unixepoch('2024-01-01');\n", None),
    (
        "check_now",
        "CREATE TABLE person (id INTEGER PRIMARY KEY,\n  born TEXT CHECK (born < date('now')));\n",
        (2, 27),
    ),
    # near miss: a default may read the clock (SQLite evaluates it when a row leaves the column out)
    ("default_now", "CREATE TABLE person (id INTEGER PRIMARY KEY, born TEXT DEFAULT (date('now')));\n", None),
    (
        "generated_now",
        "ALTER TABLE visit ADD COLUMN age INTEGER GENERATED ALWAYS AS (unixepoch('now') - at) VIRTUAL;\n",
        (1, 63),
    ),
    # near miss: computed from the row's own columns
    (
        "generated_from_row",
        "ALTER TABLE visit ADD COLUMN day TEXT GENERATED ALWAYS AS (date(at, 'unixepoch')) VIRTUAL;\n",
        None,
    ),
]


def sqlite_refuses_a_row(sql: str) -> bool:
    connection = sqlite3.connect(":memory:")
    try:
        connection.executescript(BASE + "INSERT INTO visit VALUES (1, 1700000000);\n" + sql)
        connection.execute("INSERT INTO visit VALUES (2, 1700000000)")
        for (table,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            columns = [row[1] for row in connection.execute(f"PRAGMA table_xinfo({table})") if row[6] == 0]
            connection.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('3' * len(columns))})")
    except sqlite3.OperationalError as exc:
        return str(exc).startswith("non-deterministic use of")
    except sqlite3.IntegrityError:
        return False
    finally:
        connection.close()
    return False


@pytest.mark.parametrize(("sql", "at"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_clock_readers_where_sqlite_evaluates_rows(tmp_path: Path, sql: str, at: tuple[int, int] | None) -> None:
    (tmp_path / "1.0.0__base.sql").write_text(BASE, encoding="utf-8")
    (tmp_path / "1.1.0__case.sql").write_text(sql, encoding="utf-8")
    report = lint_paths([tmp_path], dialect="sqlite")
    found = {(f.rule, f.line, f.column) for f in report.findings if f.path.name == "1.1.0__case.sql"}
    assert found == (set() if at is None else {("syntax-error", *at)})
    assert sqlite_refuses_a_row(sql) == (at is not None)


def test_a_refusal_an_earlier_file_left_is_not_blamed_on_a_later_index(tmp_path: Path) -> None:
    (tmp_path / "1.0.0__base.sql").write_text(BASE, encoding="utf-8")
    (tmp_path / "1.1.0__local.sql").write_text(
        "CREATE INDEX visit_local ON visit (date(at, 'unixepoch', 'localtime'));\n", encoding="utf-8"
    )
    (tmp_path / "1.2.0__day.sql").write_text(
        "CREATE INDEX visit_day ON visit (date(at, 'unixepoch'));\n", encoding="utf-8"
    )
    report = lint_paths([tmp_path], dialect="sqlite")
    assert [(f.path.name, f.rule, f.line, f.column) for f in report.findings] == [
        ("1.1.0__local.sql", "syntax-error", 1, 36)
    ]
