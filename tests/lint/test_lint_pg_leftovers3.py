"""PostgreSQL leftovers: overloaded routines, each kept by its argument types (a call runs the
overload PostgreSQL chooses, a drop of one leaves the others); each trigger with a near miss,
checked by rule, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from ratchet.linter import lint_paths

BASE = """CREATE TABLE ledgers (id bigint PRIMARY KEY, label text);
CREATE FUNCTION purge(days int) RETURNS void LANGUAGE sql AS $$ DELETE FROM ledgers $$;
CREATE FUNCTION purge(label text) RETURNS void LANGUAGE sql AS $$ SELECT 1 $$;
"""


def lint(tmp_path: Path, sql: str, base: str = BASE) -> list[tuple[str, int, int, str]]:
    """``(rule, line, column, severity)`` of the findings of ``sql`` in the file after ``base``."""
    directory = tmp_path / "migrations"
    directory.mkdir(parents=True)
    (directory / "1.0.0__base.sql").write_text(base, encoding="utf-8")
    (directory / "1.1.0__change.sql").write_text(sql, encoding="utf-8")
    report = lint_paths([directory], dialect="postgresql", jobs=1)
    return sorted((f.rule, f.line, f.column, f.severity) for f in report.findings if f.path.name[:5] == "1.1.0")


# -- a call runs the overload PostgreSQL chooses -------------------------------------------------

DELETES = [("delete-without-where", 1, 8, "error")]


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ("SELECT purge(30);\n", DELETES),
        ("SELECT purge(30::bigint);\n", DELETES),  # none takes a bigint (the call fails): each is judged
        ("SELECT purge(CAST(30 AS integer));\n", DELETES),
        ("SELECT purge('old');\n", []),  # an untyped string goes to the text overload
        ("SELECT purge('old'::text);\n", []),
        ("SELECT purge(NULL);\n", []),
        ("SELECT purge(id::int) FROM ledgers;\n", DELETES),
        ("SELECT purge(label) FROM ledgers;\n", DELETES),  # a column: the lint cannot tell, both may run
    ],
)
def test_a_call_of_an_overloaded_routine_runs_the_overload_it_chooses(
    tmp_path: Path, call: str, expected: list[tuple[str, int, int, str]]
) -> None:
    assert lint(tmp_path, call) == expected


def test_overloads_made_in_either_order_are_told_apart(tmp_path: Path) -> None:
    swapped = BASE.splitlines()
    base = "\n".join([swapped[0], swapped[2], swapped[1]]) + "\n"
    assert lint(tmp_path, "SELECT purge('old'::text);\n", base) == []
    assert lint(tmp_path / "again", "SELECT purge(7);\n", base) == DELETES


def test_overloads_made_in_the_same_file_run_the_one_called(tmp_path: Path) -> None:
    sql = (
        "CREATE FUNCTION tidy(days int) RETURNS void LANGUAGE sql AS $$ DELETE FROM ledgers $$;\n"
        "CREATE FUNCTION tidy(label text) RETURNS void LANGUAGE sql AS $$ SELECT 1 $$;\n"
        "SELECT tidy('x'::text);\n"
    )
    assert lint(tmp_path, sql) == []
    assert lint(tmp_path / "again", sql.replace("'x'::text", "7")) == [("delete-without-where", 1, 64, "error")]


# -- a drop of one overload ------------------------------------------------------------------------


def test_dropping_one_overload_names_it_and_keeps_the_others(tmp_path: Path) -> None:
    found = lint(tmp_path, "DROP FUNCTION purge(text);\nSELECT purge(30);\n")
    assert found == [("delete-without-where", 2, 8, "error"), ("drop-routine", 1, 1, "error")]
    directory = tmp_path / "migrations"
    report = lint_paths([directory], dialect="postgresql", jobs=1)
    message = next(f.message for f in report.findings if f.rule == "drop-routine")
    assert message.startswith("dropping function purge(text) breaks")
    assert "creates" not in message  # the int overload was there before: nothing is made again


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        (  # the same overload made again
            "DROP FUNCTION purge(int);\nCREATE FUNCTION purge(days int) RETURNS void LANGUAGE sql AS $$ SELECT 2 $$;\n",
            [("drop-routine", 1, 1, "info")],
        ),
        (  # made again taking a wider type: old calls still work
            "DROP FUNCTION purge(int);\n"
            "CREATE FUNCTION purge(days bigint) RETURNS void LANGUAGE sql AS $$ SELECT 2 $$;\n",
            [("drop-routine", 1, 1, "info")],
        ),
        (  # made again taking another type
            "DROP FUNCTION purge(int);\nCREATE FUNCTION purge(day date) RETURNS void LANGUAGE sql AS $$ SELECT 2 $$;\n",
            [("drop-routine", 1, 1, "error")],
        ),
        ("DROP FUNCTION IF EXISTS purge(date);\n", []),  # no such overload
        ("DROP FUNCTION IF EXISTS purge(integer);\n", [("drop-routine", 1, 1, "error")]),
    ],
)
def test_an_overload_dropped_and_made_again_is_judged_by_its_argument_types(
    tmp_path: Path, sql: str, expected: list[tuple[str, int, int, str]]
) -> None:
    assert lint(tmp_path, sql) == expected


def test_a_dropped_overload_no_longer_runs_and_the_other_still_does(tmp_path: Path) -> None:
    sql = "DROP FUNCTION purge(int);\nSELECT purge(30);\n"
    assert lint(tmp_path, sql) == [("drop-routine", 1, 1, "error")]
    sql = "DROP FUNCTION purge(text);\nSELECT purge('x');\n"  # the string goes to the int one now
    assert lint(tmp_path / "again", sql) == [("delete-without-where", 2, 8, "error"), ("drop-routine", 1, 1, "error")]
