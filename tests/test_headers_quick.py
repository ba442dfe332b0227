"""A file without the word "guard" has the empty header, read without parsing it; the parse of the
same header (made to run by a "guard" after it, in a string) agrees, and any spelling of a guard
line is still read."""

from __future__ import annotations

from pathlib import Path

import pytest

from ratchet.headers import Guards, read_guards

PATH = Path("1.0.0__x.sql")
WITHOUT = [
    "",
    "\n\n",
    "-- add a column\nALTER TABLE t ADD c int;\n",
    "-- gaurd: no-transaction\nCREATE INDEX CONCURRENTLY i ON t (c);\n",
    "/* header */\n-- allow drop-table:t\nDROP TABLE t;\n",
    "CREATE TABLE t (id int);\n-- trailing comment\n",
]


@pytest.mark.parametrize("text", WITHOUT)
def test_a_file_without_guards_has_the_empty_header(text: str) -> None:
    assert read_guards(PATH, text) == (Guards(), [])
    assert read_guards(PATH, text + "\nSELECT 'guard';\n") == (Guards(), [])


@pytest.mark.parametrize(
    "text",
    ["-- guard: no-transaction\nVACUUM;\n", "-- GUARD: no-transaction\nVACUUM;\n", "--Guard:no-transaction\nVACUUM;"],
)
def test_every_spelling_of_a_guard_is_read(text: str) -> None:
    guards, problems = read_guards(PATH, text)
    assert guards.no_transaction and problems == []


def test_a_guard_line_without_its_colon_is_still_a_problem() -> None:
    assert read_guards(PATH, "-- guard no-transaction\nVACUUM;\n")[1]


def test_the_no_guard_test_copies_nothing_of_a_large_file() -> None:
    """A large data file without guards is searched in place: no lower-cased copy of it."""
    import tracemalloc

    data = b"INSERT INTO t (a) VALUES (1);\n" * 200_000  # 6 MB
    tracemalloc.start()
    try:
        assert read_guards(Path("big.sql"), data) == (Guards(), [])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < len(data) // 10, peak
