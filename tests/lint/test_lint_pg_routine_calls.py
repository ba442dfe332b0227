"""PostgreSQL routines run where any statement calls them: an UPDATE, INSERT or DELETE, or an ALTER
TABLE whose added default or USING expression runs for the rows, lints the called routine's body at
the call (or, for one made in the same file, where the body stands); and the marks the lint keeps
while it runs a body belong to one file's check, not to every check of the process."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from ratchet.linter import lint_paths
from ratchet.linter.engine import Finding
from ratchet.linter.postgres import catalog_from_sql
from ratchet.linter.postgres.check import FileChecker
from ratchet.linter.rules import ERROR

BASE = """CREATE TABLE ledgers (id bigint PRIMARY KEY, label text, closed boolean, hits int);
CREATE FUNCTION wipe_ledgers() RETURNS int LANGUAGE sql AS $$ DELETE FROM ledgers RETURNING 1 $$;
CREATE FUNCTION wipe_closed() RETURNS int LANGUAGE sql AS $$ DELETE FROM ledgers WHERE closed RETURNING 1 $$;
"""


def _findings(directory: Path, sql: str) -> list[Finding]:
    directory.mkdir(parents=True)
    (directory / "1.0.0__base.sql").write_text(BASE, encoding="utf-8")
    (directory / "1.1.0__change.sql").write_text(sql, encoding="utf-8")
    return [f for f in lint_paths([directory], dialect="postgresql", jobs=1).findings if f.path.name[:5] == "1.1.0"]


def errors(tmp_path: Path, sql: str) -> set[tuple[str, int, int]]:
    """The error findings ``(rule, line, column)`` of ``sql`` in the file after ``BASE``."""
    return {(f.rule, f.line, f.column) for f in _findings(tmp_path / "migrations", sql) if f.severity == ERROR}


@pytest.mark.parametrize(
    ("sql", "column"),
    [
        ("UPDATE ledgers SET hits = wipe_ledgers() WHERE id = 1;\n", 27),
        ("INSERT INTO ledgers (id, hits) VALUES (1, wipe_ledgers());\n", 43),
        ("INSERT INTO ledgers (id, hits) SELECT 2, wipe_ledgers();\n", 42),
        ("DELETE FROM ledgers WHERE hits = wipe_ledgers();\n", 34),
        ("ALTER TABLE ledgers ADD COLUMN spent int DEFAULT wipe_ledgers();\n", 50),
        ("ALTER TABLE ledgers ALTER COLUMN label TYPE text USING wipe_ledgers()::text;\n", 56),
    ],
)
def test_a_data_or_table_change_runs_the_routine_it_calls(tmp_path: Path, sql: str, column: int) -> None:
    assert ("delete-without-where", 1, column) in errors(tmp_path, sql)


def test_the_message_names_the_routine_an_update_calls(tmp_path: Path) -> None:
    found = _findings(tmp_path / "migrations", "UPDATE ledgers SET hits = wipe_ledgers() WHERE id = 1;\n")
    (message,) = [f.message for f in found if f.rule == "delete-without-where"]
    assert message.startswith("wipe_ledgers(), made by an earlier file, runs here: DELETE without WHERE")


def test_a_default_set_for_later_rows_runs_nothing_now(tmp_path: Path) -> None:
    assert errors(tmp_path, "ALTER TABLE ledgers ALTER COLUMN hits SET DEFAULT wipe_ledgers();\n") == set()


def test_a_called_routine_that_keeps_to_a_where_is_nothing(tmp_path: Path) -> None:
    sql = "UPDATE ledgers SET hits = wipe_closed() WHERE id = 1;\nINSERT INTO ledgers (id, hits) VALUES (3, 0);\n"
    assert errors(tmp_path, sql) == set()


def test_a_routine_made_in_the_file_runs_where_its_body_stands(tmp_path: Path) -> None:
    made = "CREATE FUNCTION clear_all() RETURNS int LANGUAGE sql AS $$ DELETE FROM ledgers RETURNING 1 $$;\n"
    assert errors(tmp_path / "called", made + "UPDATE ledgers SET hits = clear_all() WHERE id = 1;\n") == {
        ("delete-without-where", 1, 60)
    }
    assert errors(tmp_path / "uncalled", made) == set()


def test_a_check_running_a_body_does_not_move_another_checks_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # one check stops inside the body of the routine it runs; another check runs meanwhile
    inside, resumed = threading.Event(), threading.Event()
    original = FileChecker._check_body_statement

    def paused(self: FileChecker, *args: Any) -> None:
        if not inside.is_set():
            inside.set()
            resumed.wait(timeout=60)
        original(self, *args)

    monkeypatch.setattr(FileChecker, "_check_body_statement", paused)
    calling: list[Finding] = []
    caller = threading.Thread(
        target=lambda: calling.extend(_findings(tmp_path / "caller", "-- run it\n\nSELECT wipe_ledgers();\n"))
    )
    caller.start()
    try:
        assert inside.wait(timeout=60)
        other = _findings(tmp_path / "other", "DELETE FROM ledgers;\n")
    finally:
        resumed.set()
        caller.join(timeout=60)
    assert [(f.rule, f.line, f.column, f.message[:20]) for f in other if f.severity == ERROR] == [
        ("delete-without-where", 1, 1, "DELETE without WHERE")
    ]
    assert [(f.rule, f.line, f.column) for f in calling if f.severity == ERROR] == [("delete-without-where", 3, 8)]


def test_the_callable_names_are_those_of_the_catalog_asked() -> None:
    # the names are kept from one catalog to the next: a catalog with the same routine keys, one of
    # them a trigger function now, must not get the names of the catalog asked before it
    callable_first = catalog_from_sql(BASE)
    trigger_now = callable_first.copy()
    ledgers = trigger_now.routines["public.wipe_ledgers"]
    trigger_now.routines["public.wipe_ledgers"] = ledgers._replace(trigger=True)
    assert sorted(callable_first.routine_names().called) == ["wipe_closed", "wipe_ledgers"]
    assert trigger_now.routine_names().called == ("wipe_closed",)
    assert sorted(callable_first.routine_names().called) == ["wipe_closed", "wipe_ledgers"]
    assert catalog_from_sql(BASE.splitlines()[0]).routine_names().called == ()


@pytest.mark.parametrize(
    ("name", "call"),
    [
        ('"Wipe-All"', '"Wipe-All"()'),  # not one word: found by its text
        ("wipe_all", "public.WIPE_ALL()"),  # one word, in any case
    ],
)
def test_a_routine_runs_at_a_call_by_any_of_its_names(tmp_path: Path, name: str, call: str) -> None:
    made = f"CREATE FUNCTION {name}() RETURNS int LANGUAGE sql AS $$ DELETE FROM ledgers RETURNING 1 $$;\n"
    directory = tmp_path / "migrations"
    directory.mkdir()
    (directory / "1.0.0__base.sql").write_text(BASE + made, encoding="utf-8")
    (directory / "1.1.0__call.sql").write_text(f"UPDATE ledgers SET hits = {call} WHERE id = 1;\n", encoding="utf-8")
    # the near miss: the name inside a longer word calls nothing
    (directory / "1.2.0__near.sql").write_text("UPDATE ledgers SET hits = 1 WHERE label = 'wipe_allx';\n")
    findings = lint_paths([directory], dialect="postgresql", jobs=1).findings
    called = {(f.path.name[:5], f.rule, f.line) for f in findings if f.severity == ERROR}
    assert called == {("1.1.0", "delete-without-where", 1)}
