"""The replay prepares plain INSERT lines of one shape once (``replay._Shapes``): every line's
outcome must equal what SQLite says of that line prepared alone, against the same schema."""

from __future__ import annotations

import random
import sqlite3

from ratchet.linter.replay import _LITERAL, Replay, _Shapes
from ratchet.split import split_statements

SCHEMA = "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL);\n"
TABLES = ("items", "missing", "t1", "t2", "select")  # t1/t2: a digit in a name is not a literal
COLUMNS = ("(id, name)", "(id, name, price)", "(id, nope)", "(id)", "(id, name, where)")
NAMES = ("NULL", "name", "TRUE")  # names in VALUES are part of a shape
LITERALS = ("1", "-2", "3.25", "'x'", "'it''s 4'", "'caf\u00e9 5'", "''", "'7'", "'a;b'", "10", "-0.5")


def lines(count: int) -> str:
    """Plain one-row INSERT lines of many shapes, valid and not (fixed seed)."""
    chooser = random.Random(20261201)
    text = ""
    for _ in range(count):
        columns = chooser.choice(COLUMNS)
        values = ", ".join(
            chooser.choice(NAMES if chooser.random() < 0.1 else LITERALS) for _ in range(chooser.randint(1, 3))
        )
        text += f"INSERT INTO {chooser.choice(TABLES)} {columns} VALUES ({values});\n"
    return text


def outcomes(replay: Replay, sql: str) -> list[tuple[str, str | None]]:
    statements = split_statements(sql)
    assert all(statement.plain for statement in statements)
    return [(outcome.status, outcome.message) for _, outcome in replay.replay(statements, check_syntax=True)]


class Counting:
    """The replay's real connection, counting the statements it is given to prepare."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.explained = 0

    def executescript(self, script: str) -> sqlite3.Cursor:
        self.explained += script.count("EXPLAIN ")
        return self.connection.executescript(script)

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        self.explained += sql.startswith("EXPLAIN ")
        return self.connection.execute(sql, *args)


def fresh() -> Replay:
    replay = Replay()
    replay.connection.executescript(SCHEMA + "CREATE TABLE t1 (id INTEGER, name TEXT);")
    return replay


def test_lines_of_one_shape_share_the_outcome_each_would_have_alone() -> None:
    text = lines(600)
    batched, alone = fresh(), fresh()
    counting = Counting(batched.connection)
    batched.connection = counting  # type: ignore[assignment]
    try:
        found = outcomes(batched, text)
        expected = [outcomes(alone, statement.sql + ";")[0] for statement in split_statements(text)]
    finally:
        counting.connection.close()
        alone.close()
    assert found == expected
    assert {status for status, _ in found} >= {"prepared", "failed", "syntax"}
    assert counting.explained < len(found)  # per shape (a failed script is prepared again one by one)


def test_a_valid_batch_is_prepared_once_per_shape() -> None:
    text = "".join(f"INSERT INTO items (id, name, price) VALUES ({n}, 'item {n}', {n}.5);\n" for n in range(1, 300))
    replay = fresh()
    counting = Counting(replay.connection)
    replay.connection = counting  # type: ignore[assignment]
    try:
        found = outcomes(replay, text)
    finally:
        counting.connection.close()
    assert found == [("prepared", None)] * 299
    assert counting.explained == 1


def test_a_shape_found_by_its_pattern_is_the_shape_of_the_line() -> None:
    """The patterns kept per shape match exactly the lines whose literals-as-'?' text is that shape."""
    shapes = _Shapes()
    statements = split_statements(lines(3000) + "INSERT INTO t1 (id) VALUES (1.5);\nINSERT INTO t1 (id) VALUES (x1);\n")
    found = [shapes.of(statement) for statement in statements]
    assert found == [_LITERAL.sub("?", statement.sql) for statement in statements]
    assert sum(len(patterns) for patterns in shapes.known.values()) < len(statements) / 4
