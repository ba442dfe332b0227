"""The replay's authorizer refuses every way of attaching a database, and is consulted only for the
texts that can attach one (the others would call into Python for every table and column read)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ratchet.linter.replay import Replay, _Guard
from ratchet.split import split_statements


class CountedGuard(_Guard):
    """The replay's guard, counting the authorizer's calls."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def authorize(self, action: int, arg1: str | None, arg2: str | None, db: str | None, source: str | None) -> int:
        self.calls += 1
        return super().authorize(action, arg1, arg2, db, source)


def counted_replay() -> tuple[Replay, CountedGuard]:
    replay = Replay()
    guard = replay.guard = CountedGuard()
    return replay, guard


def outcomes(replay: Replay, sql: str) -> list[tuple[str, str | None]]:
    return [(outcome.status, outcome.message) for _, outcome in replay.replay(split_statements(sql), check_syntax=True)]


@pytest.mark.parametrize(
    "touch",
    [
        "ATTACH DATABASE '{path}' AS side",
        "attach '{path}' as side",
        "VACUUM INTO '{path}'",
        "vacuum main into '{path}'",
        "Attach Database '{path}' As side",
    ],
)
def test_every_spelling_of_attach_is_refused(tmp_path: Path, touch: str) -> None:
    target = tmp_path / "side.db"
    replay, guard = counted_replay()
    [(status, message)] = outcomes(replay, touch.format(path=target) + ";\n")
    assert status == "failed" and message is not None and "never touches the filesystem" in message
    assert guard.calls >= 1
    assert not target.exists()
    replay.prepare(touch.format(path=target))  # compiled only (EXPLAIN): ATTACH is refused there too
    assert not target.exists()
    if touch.lower().startswith("attach"):
        assert replay.prepare(touch.format(path=target)).status == "failed"


def test_the_authorizer_is_not_consulted_for_statements_that_cannot_attach() -> None:
    replay, guard = counted_replay()
    sql = (
        "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
        "CREATE INDEX t_name ON t (name);\n"
        "INSERT INTO t (id, name) VALUES (1, 'a');\n"
        "UPDATE t SET name = 'b' WHERE id = 1;\n"
        "ALTER TABLE t ADD COLUMN note TEXT;\n"
    )
    assert [status for status, _ in outcomes(replay, sql)] == ["ran", "ran", "prepared", "prepared", "ran"]
    assert guard.calls == 0
    # a near miss: a name that holds the word is judged with the authorizer on, and runs
    assert [status for status, _ in outcomes(replay, "CREATE TABLE attachments (vacuumed INTEGER);\n")] == ["ran"]
    assert guard.calls > 0
    calls = guard.calls
    assert [status for status, _ in outcomes(replay, "CREATE TABLE u (id INTEGER);\n")] == ["ran"]
    assert guard.calls == calls  # and off again afterwards
