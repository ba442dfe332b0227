"""Seeded property test: random SQL through split, lint and ``migrate --dry-run`` ends in a
RatchetError at worst (exit codes 0-5, never a traceback), on SQLite and PostgreSQL.

The seed is printed and in every failure message; replay one with ``RATCHET_FUZZ_SEED=<seed>``
(``RATCHET_FUZZ_CASES`` sets how many files per dialect, default 40).
"""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from pglast import parser

from conftest import Db
from ratchet.cli import main
from ratchet.split import split_statements
from ratchet.splitcheck import _sqlite_statement_end, split_problems

SEED = int(os.environ.get("RATCHET_FUZZ_SEED") or random.SystemRandom().randrange(2**32))
CASES = int(os.environ.get("RATCHET_FUZZ_CASES") or 40)

_WORDS = [
    "SELECT", "INSERT", "INTO", "VALUES", "CREATE", "TABLE", "DROP", "ALTER", "ADD", "COLUMN", "BEGIN", "END",
    "COMMIT", "ROLLBACK", "CASE", "WHEN", "THEN", "IF", "DO", "LOOP", "FUNCTION", "TRIGGER", "ATOMIC", "ON",
    "AS", "RETURNS", "LANGUAGE", "DELETE", "UPDATE", "SET", "WHERE", "FROM", "WITH", "COPY", "DELIMITER", "users",
    "paths", "begin", "end", "t", "x", "id", "integer", "text", "NOT", "NULL", "DEFAULT", "INDEX", "CONCURRENTLY",
]  # fmt: skip
_PIECES = [
    ";", ";", ";", "(", ")", ",", "'", "''", "\\", "\\'", "'C:\\'", "E'a\\'b'", '"', '"q""x"', "`b`", "$$", "$f$",
    "$$ BEGIN RETURN 1; END $$", "--", "-- c\n", "/*", "*/", "/* a /* b */", "/*! x */", "#", "# c\n", "\n", "\n\n",
    " ", "\t", "1", "-1", "3.5", "é", "\u2028", "::", "%s", "%", "?", ":name", "[x]", "\r\n", "\ufeff",
]  # fmt: skip
_HEADERS = [
    "",
    "-- guard: require SELECT 1\n",
    "-- guard: skip-if SELECT 1; DROP TABLE users\n",
    "-- guard: no-transaction\n",
    "-- guard: dialect postgresql\n",
    '-- guard: allow drop-table reason="fuzz"\n',
    "-- guard: require\n",
]


def random_sql(rng: random.Random) -> str:
    """A file of random tokens: words, quotes, comments, dollar quotes, backslashes, BEGIN/END."""
    parts = [rng.choice(_HEADERS)]
    if rng.random() < 0.3:
        parts.append("INSERT INTO paths (name, path) VALUES ('a', 'it''s é', -1.5, x);\n")
    for _ in range(rng.randrange(1, 60)):
        parts.append(rng.choice(_WORDS) if rng.random() < 0.5 else rng.choice(_PIECES))
        parts.append(rng.choice((" ", " ", "", "\n")))
    return "".join(parts)


def _agrees_with_sqlite(sql: str, where: str) -> None:
    """The SQLite check's first statement end is where ``sqlite3.complete_statement`` (SQLite's
    own ``sqlite3_complete``) first says a statement is complete, at one of the piece's ``;``."""
    end = _sqlite_statement_end(sql)
    complete = [i + 1 for i, char in enumerate(sql) if char == ";" and sqlite3.complete_statement(sql[: i + 1])]
    assert end == (complete[0] if complete else None), f"seed={SEED} {where}: {sql!r}"


def _run(arguments: list[str], where: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, arguments, catch_exceptions=True, env={"NO_COLOR": "1"})
    unexpected = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not unexpected, f"seed={SEED} {where}: {arguments} raised {result.exception!r}\n{result.output}"
    return result.exit_code, result.output


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_random_sql_fails_only_with_ratchet_errors(
    tmp_path: Path, make_db: Callable[[str], Db], dialect: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with capsys.disabled():
        print(f"\nsplit property test: RATCHET_FUZZ_SEED={SEED} ({CASES} files, {dialect})")
    database = make_db(dialect)
    rng = random.Random(f"{SEED}-{dialect}")
    for case in range(CASES):
        directory = tmp_path / f"case{case}"
        directory.mkdir()
        path = directory / "1.0.0__fuzz.sql"
        text = random_sql(rng)
        path.write_text(text, encoding="utf-8", newline="")
        where = f"case {case} ({text!r})"
        statements = split_statements(text)
        for statement in statements:  # each statement is where the check looks for it
            assert text[statement.offset : statement.offset + len(statement.sql)] == statement.sql, f"seed={SEED}"
            if statement.plain:  # and a plain INSERT line is one statement for PostgreSQL as well
                assert parser.split(statement.sql + ";", with_parser=False) == (statement.sql,), f"seed={SEED}"
        for statement in statements if dialect == "sqlite" else ():
            _agrees_with_sqlite(statement.sql, where)
        problems = split_problems(path, text, statements, dialect)
        assert all(p.rule == "split-ambiguity" and p.line for p in problems), f"seed={SEED} {where}"
        code, output = _run(["lint", "--dialect", dialect, str(directory)], path)
        assert code in (0, 1, 3), f"seed={SEED} {where}: lint exit {code}\n{output}"
        code, output = _run(["migrate", "--dry-run", "--database", database.url, "--migrations", str(directory)], path)
        assert code in range(6), f"seed={SEED} {where}: migrate exit {code}\n{output}"
        assert "Traceback" not in output, f"seed={SEED} {where}\n{output}"
        if problems and code == 0 and "guard: dialect" not in text:
            pytest.fail(f"seed={SEED} {where}: migrate --dry-run accepted a split-ambiguity\n{output}")
