"""The replay reads its catalog again only when a schema statement ran since the last read."""

from __future__ import annotations

import sqlite3

from ratchet.linter.replay import Replay
from ratchet.split import split_statements


class Counting:
    """The replay's real connection, counting the catalog reads (``PRAGMA schema_version``)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.reads = 0

    def executescript(self, script: str) -> sqlite3.Cursor:
        return self.connection.executescript(script)

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        self.reads += sql == "PRAGMA schema_version"
        return self.connection.execute(sql, *args)


def replay_all(replay: Replay, sql: str) -> None:
    for _ in replay.replay(split_statements(sql), check_syntax=True):
        pass


def test_the_catalog_is_read_again_only_after_something_ran() -> None:
    replay = Replay()
    counting = Counting(replay.connection)
    replay.connection = counting  # type: ignore[assignment]
    replay_all(replay, "CREATE TABLE t1 (id INTEGER);\n")
    assert set(replay.tables()) == {"t1"}
    assert counting.reads == 1
    assert set(replay.tables()) == {"t1"}  # nothing ran since
    assert counting.reads == 1
    replay_all(replay, "INSERT INTO t1 (id) VALUES (1);\nINSERT INTO t1 (id) VALUES (2);\n")
    assert set(replay.catalog().tables) == {"t1"}  # data statements are only compiled
    assert counting.reads == 1
    replay_all(replay, "CREATE TABLE t2 (id INTEGER);\n")
    assert set(replay.tables()) == {"t1", "t2"}
    assert counting.reads == 2
