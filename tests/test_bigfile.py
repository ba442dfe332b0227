"""Large migration files: held as UTF-8 bytes, checked a chunk at a time, split and run in runs of
plain INSERT lines; the same statements, checksums, messages and findings as the text path."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from packaging.version import Version

from conftest import Project
from ratchet.discover import checksum, load_file, read_sql
from ratchet.errors import MigrationFileError
from ratchet.headers import read_guards

CHUNK = 1 << 20


def test_a_character_across_the_checked_chunks_is_valid(tmp_path: Path) -> None:
    head = "CREATE TABLE t (s TEXT);\n-- " + "x" * (CHUNK - 30)
    text = head + "\u00e9\u20ac\U0001f600 done\nINSERT INTO t (s) VALUES ('\U0001f600');\n"
    for shift in range(4):  # the 2-, 3- and 4-byte characters land across the boundary in turn
        path = tmp_path / f"1.0.{shift}__t.sql"
        path.write_text("-" * shift + text, encoding="utf-8")
        file = load_file(Version(f"1.0.{shift}"), "t", path)
        assert file.text == "-" * shift + text
        assert file.checksum == checksum("-" * shift + text)


def test_a_bad_byte_past_the_first_chunk_is_named_with_line_and_column(tmp_path: Path) -> None:
    raw = b"CREATE TABLE t (s TEXT);\n" + b"-- " + b"y" * CHUNK + b"\n-- caf\xe9 \xff\n"
    path = tmp_path / "1.0.0__t.sql"
    path.write_bytes(raw)
    with pytest.raises(MigrationFileError) as caught:
        load_file(Version("1.0.0"), "t", path)
    problem = caught.value.problems[0]
    offset = raw.index(b"\xe9")
    assert f"byte 0xe9 at byte offset {offset}" in problem.message
    assert (problem.line, problem.column) == (3, 7)
    with pytest.raises(MigrationFileError) as as_text:
        read_sql(path)
    assert as_text.value.problems[0].message == problem.message


def test_bom_and_crlf_are_normalised_in_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "1.0.0__t.sql"
    path.write_bytes(b"\xef\xbb\xbfCREATE TABLE t (s TEXT);\r\nINSERT INTO t (s) VALUES ('\xc3\xa9');\r")
    file = load_file(Version("1.0.0"), "t", path)
    assert file.data == b"CREATE TABLE t (s TEXT);\nINSERT INTO t (s) VALUES ('\xc3\xa9');\n"
    assert file.text == read_sql(path)


HEADERS = [
    "-- guard: no-transaction\nCREATE TABLE t (a INT);\n",
    '-- guard: allow drop-table reason="old"\n-- guard: lock-timeout 5s\n\nDROP TABLE t;\n',
    "-- Guard require SELECT 1\nCREATE TABLE t (a INT);\n",
    "-- guardé: allow drop-table\nCREATE TABLE t (a INT);\n",
    "-- guard\u00e9 no-transaction\n-- guard: dialect sqlite\nSELECT 1;\n-- guard: no-transaction\n",
    '-- caf\u00e9\n   -- guard: allow drop-table reason="x"\nDROP TABLE t;\n-- guard allow drop-table\n',
    "\u00a0\n-- guard: no-transaction\nCREATE TABLE t (a INT);\n",
    "-- guard: no-transaction -- guard: dialect sqlite\nSELECT 1; -- guard: allow drop-table\n",
    "x -- guard: no-transaction\n\t-- GUARD:  no-transaction\n",
]


@pytest.mark.parametrize("text", HEADERS)
def test_guards_read_from_bytes_as_from_text(text: str) -> None:
    path = Path("1.0.0__t.sql")
    assert read_guards(path, text.encode("utf-8")) == read_guards(path, text)


def test_a_large_file_applies_with_its_checksum(project: Project) -> None:
    rows = "".join(f"INSERT INTO t (id, s) VALUES ({n}, 'r\u00e9''{n}');\n" for n in range(CHUNK // 30))
    project.write("1.0.0__t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT);\n" + rows)
    result = project.ratchet("migrate")
    assert result.code == 0, result.output
    database = sqlite3.connect(project.database.removeprefix("sqlite:///"))
    assert database.execute("SELECT count(*), s FROM t WHERE id = 7").fetchone() == (1, "r\u00e9'7")
    recorded = database.execute("SELECT checksum FROM schema_history").fetchone()[0]
    assert recorded == checksum("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT);\n" + rows)


def test_a_failing_line_of_a_run_is_named_by_file_and_line(project: Project, sqlite_path: Path) -> None:
    lines = [f"INSERT INTO t (id, s) VALUES ({n % 30}, 'row {n}');\n" for n in range(40)]
    project.write("1.0.0__t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT);\n\n" + "".join(lines))
    result = project.ratchet("migrate")
    assert result.code != 0
    assert "1.0.0__t.sql:33" in result.err, result.err  # line 33: statement 32, the first repeated id
    assert "INSERT INTO t (id, s) VALUES (0, 'row 30')" in result.err
    tables = sqlite3.connect(sqlite_path).execute("SELECT name FROM sqlite_master WHERE name = 't'").fetchall()
    assert tables == []  # rolled back whole


def test_a_run_the_lint_refuses_is_refused_line_by_line_as_by_lint(project: Project) -> None:
    lines = "".join(f"INSERT INTO select (a) VALUES ({n});\n" for n in range(20))
    project.write("1.0.0__t.sql", "CREATE TABLE t (a INT);\n" + lines)
    migrated = project.ratchet("migrate")
    linted = project.ratchet("lint")
    assert migrated.code != 0 and linted.code != 0
    found = sorted(line.strip() for line in migrated.output.splitlines() if "syntax-error" in line)
    assert len(found) == 20
    assert found == sorted(line.strip() for line in linted.output.splitlines() if "syntax-error" in line)


def test_small_files_compile_no_run_pattern(monkeypatch: pytest.MonkeyPatch) -> None:
    """A run's pattern is compiled per INSERT head: a small file with a few INSERT lines (most files,
    each naming its own table) must not pay for one (1,000 of them cost a second)."""
    from ratchet import split

    compiled: list[bytes] = []
    original = split._run_pattern

    def counting(head: bytes, values: int) -> re.Pattern[bytes]:
        compiled.append(head)
        return original(head, values)

    monkeypatch.setattr(split, "_run_pattern", counting)
    for number in range(50):
        text = f"CREATE TABLE t{number} (id int);\n" + "".join(
            f"INSERT INTO t{number} (a, b) VALUES ({row}, 'x');\n" for row in range(3)
        )
        assert [s.sql for s in split.split_data(text.encode())] == [s.sql for s in split.split_statements(text)]
    assert compiled == []
    many = "".join(f"INSERT INTO t (a, b) VALUES ({row}, 'x');\n" for row in range(40))
    assert len(split.split_data(many.encode()).runs()) == 1 and len(compiled) == 1


def test_a_runs_lines_are_taken_in_batches_as_its_statements(monkeypatch: pytest.MonkeyPatch) -> None:
    """A run whose lines all end in ');' is split into SQL a batch at a time without looking at each
    line; one with a blank around a ';' line by line; both give its statements' SQL and numbers."""
    from ratchet import split

    monkeypatch.setattr(split, "_BATCH_BYTES", 100)
    clean = "".join(f"INSERT INTO t (a, b) VALUES ({n}, 'x;y''{n}');\n" for n in range(40))
    blanks = "".join(f"INSERT INTO t (a, b) VALUES ({n}, 'z'){' ;' if n % 3 else ';  '}\n" for n in range(40))
    for text in (clean, "CREATE TABLE t (a INT);\n" + clean + blanks + "SELECT 1;\n", blanks.rstrip("\n")):
        statements = split.split_data(text.encode())
        batches = list(split.sql_batches(statements))
        assert len(statements.runs()) >= 1 and any(len(sqls) > 1 for _, sqls, _ in batches)
        taken = [(first + index, sql) for first, sqls, _ in batches for index, sql in enumerate(sqls)]
        assert taken == [(s.number, s.sql) for s in split.split_statements(text)]
    lines: list[int] = []
    original = split._line_sql

    def counted(data: bytes, position: int, end: int) -> Iterator[str]:
        lines.append(position)
        return original(data, position, end)

    monkeypatch.setattr(split, "_line_sql", counted)
    assert sum(len(sqls) for _, sqls, _ in split.sql_batches(split.split_data(clean.encode()))) == 40
    assert lines == []
    assert sum(len(sqls) for _, sqls, _ in split.sql_batches(split.split_data(blanks.encode()))) == 40
    assert lines != []


@pytest.mark.parametrize("ending", [";", " ;"])
def test_a_failing_line_in_a_later_batch_is_named_and_the_file_rolled_back(
    project: Project, sqlite_path: Path, monkeypatch: pytest.MonkeyPatch, ending: str
) -> None:
    from ratchet import split

    monkeypatch.setattr(split, "_BATCH_BYTES", 120)
    lines = [f"INSERT INTO t (id, s) VALUES ({n if n != 57 else 3}, 'row {n}'){ending}\n" for n in range(80)]
    project.write("1.0.0__t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT);\n" + "".join(lines))
    result = project.ratchet("migrate")
    assert result.code != 0
    assert "1.0.0__t.sql:59: statement 59 of 1.0.0 failed" in result.err, result.err  # the repeated id 3
    assert "INSERT INTO t (id, s) VALUES (3, 'row 57')" in result.err
    tables = sqlite3.connect(sqlite_path).execute("SELECT name FROM sqlite_master WHERE name = 't'").fetchall()
    assert tables == []


class _CountingConnection(sqlite3.Connection):
    """A connection that counts the statements run through its ``execute`` and the cursors made."""

    __module__ = "sqlite3"  # ratchet picks the backend by the connection's module
    executed = 0
    cursors = 0

    def execute(self, *args: Any, **kwargs: Any) -> sqlite3.Cursor:
        type(self).executed += 1
        return super().execute(*args, **kwargs)

    def cursor(self, *args: Any, **kwargs: Any) -> sqlite3.Cursor:
        type(self).cursors += 1
        return super().cursor(*args, **kwargs)


def test_a_runs_lines_run_on_one_cursor(tmp_path: Path) -> None:
    import ratchet

    migrations = tmp_path / "migrations"
    migrations.mkdir()
    rows = "".join(f"INSERT INTO t (id, s) VALUES ({n}, 'r{n}');\n" for n in range(500))
    (migrations / "1.0.0__t.sql").write_text("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT);\n" + rows)
    connection = sqlite3.connect(tmp_path / "app.db", factory=_CountingConnection, isolation_level=None)
    try:
        ratchet.migrate(connection, migrations)
        assert connection.execute("SELECT count(*) FROM t").fetchone() == (500,)
    finally:
        connection.close()
    assert _CountingConnection.executed < 100  # ratchet's own statements, not one per line
    assert _CountingConnection.cursors < 100
