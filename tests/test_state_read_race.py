"""A runner reads ``db_version`` and the history before it takes the migration lock; another runner
may commit a file between the two reads. The race eight concurrent runners hit now and then
(``1.6.0 is older than db_version 1.6.0 and was never applied``, exit 4) is replayed here on a
real SQLite file: the other runner is a real ``ratchet`` process started right after the first read.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest

import ratchet
from conftest import RATCHET, Project
from ratchet.history import Tables


@pytest.mark.parametrize("first_read", ["db_version", "_all_rows"])
def test_a_file_committed_between_the_two_reads_is_not_a_refusal(
    project: Project, monkeypatch: pytest.MonkeyPatch, first_read: str
) -> None:
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    assert project.ratchet("migrate").code == 0
    project.write("1.1.0__b.sql", "CREATE TABLE b (id INTEGER);")
    raced: list[int] = []
    original: Callable[..., Any] = getattr(Tables, first_read)

    def read_then_let_another_runner_commit(self: Tables) -> Any:
        value = original(self)
        if not raced and sys._getframe(1).f_code.co_name == "state":  # once, inside Tables.state
            other = subprocess.run(
                [RATCHET, "migrate", "--database", project.database, "--migrations", str(project.migrations)],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            raced.append(other.returncode)
        return value

    monkeypatch.setattr(Tables, first_read, read_then_let_another_runner_commit)
    report = ratchet.migrate(project.database, project.migrations)
    assert raced == [0]
    assert [result.outcome for result in report.results] in ([], ["already-applied"])
    assert ratchet.get_system_setting(project.database, "db_version") == "1.1.0"
