"""Concurrency on SQLite: 8 real ``ratchet migrate`` processes released at once on one file.

Each process imports ratchet, says it is ready, then blocks reading its stdin, one shared
pipe; the test closes the pipe's write end when all 8 are ready, so they all start migrating
at the same moment. Every migration inserts a row into ``log``: exactly one row per file
proves that every file ran exactly once.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import RATCHET
from sqlite_trials import (
    PROCESS_TIMEOUT_S,
    SqlFile,
    connect,
    db_version,
    history,
    ratchet_env,
    run_migrate,
    slow_insert,
    spawn_migrate,
    wait_for,
    write_files,
)

pytestmark = pytest.mark.slow

RUNNERS = 8
# Import first, report ready, wait for the barrier, then run the installed console script.
BARRIER = """
import runpy, sys
import ratchet.cli
print("ready", flush=True)
sys.stdin.read()
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def log_file(number: int, *, header: str = "", rows: int = 20_000) -> SqlFile:
    version = f"1.0.{number}"
    insert = slow_insert("log", version, rows, column="version")
    create = ("CREATE TABLE log (id INTEGER PRIMARY KEY, version TEXT NOT NULL, n INTEGER NOT NULL)",)
    return SqlFile(version, f"step_{number}", (*(create if number == 1 else ()), insert), header=header)


class Barrier:
    """Runners started and blocked on one pipe, released all at once by :meth:`release`."""

    def __init__(self, root: Path, db: Path, count: int) -> None:
        read_end, self.write_end = os.pipe()
        command = [sys.executable, "-c", BARRIER, RATCHET, "migrate", "--database", f"sqlite:///{db}"]
        command += ["--migrations", str(root / "migrations")]
        try:
            self.processes = [
                subprocess.Popen(
                    command,
                    cwd=root,
                    env=ratchet_env(),
                    stdin=read_end,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for _ in range(count)
            ]
        finally:
            os.close(read_end)
        for process in self.processes:
            assert process.stdout is not None
            if process.stdout.readline() != "ready\n":
                self.release()
                raise AssertionError(process.communicate(timeout=PROCESS_TIMEOUT_S))

    def release(self) -> None:
        """Close the pipe: every runner's ``read()`` returns at once."""
        os.close(self.write_end)

    def finish(self) -> list[tuple[int, str]]:
        """Wait for every runner; their exit codes and output."""
        results = []
        for process in self.processes:
            out, err = process.communicate(timeout=PROCESS_TIMEOUT_S)
            results.append((process.returncode, out + err))
        return results


def logged_versions(db: Path) -> list[str]:
    connection = connect(db)
    try:
        return [row[0] for row in connection.execute("SELECT version FROM log ORDER BY version").fetchall()]
    finally:
        connection.close()


@pytest.mark.parametrize("start", ["fresh", "middle", "middle, then a no-transaction file"])
def test_eight_runners_apply_every_file_exactly_once(tmp_path: Path, start: str) -> None:
    files = [log_file(n) for n in range(1, 11)]
    if "no-transaction" in start:
        # The first runner to get the lock enters it at once; the others see its running row.
        files[5] = log_file(6, header="-- guard: no-transaction\n")
    write_files(tmp_path / "migrations", files)
    db = tmp_path / "app.db"
    if start.startswith("middle"):
        code, output = run_migrate(tmp_path, db, "--to", "1.0.5")
        assert code == 0, output
        assert db_version(db) == "1.0.5"
    runners = Barrier(tmp_path, db, RUNNERS)
    runners.release()
    results = runners.finish()
    for code, output in results:
        assert code == 0, output
    versions = sorted(file.version for file in files)
    assert logged_versions(db) == versions
    rows = history(db)
    assert sorted(version for version, _, _ in rows) == versions
    assert {status for _, status, _ in rows} == {"applied"}
    assert db_version(db) == "1.0.10"


def test_runners_killed_mid_way_leave_the_rest_to_the_survivors(tmp_path: Path) -> None:
    """SIGKILL half of the runners at random moments: a dead holder's write lock dies with it,
    and the survivors still apply every file exactly once."""
    seed = int(os.environ.get("RATCHET_TRIAL_SEED", random.SystemRandom().randrange(2**31)))
    rng = random.Random(seed)
    files = [log_file(n, rows=100_000) for n in range(1, 11)]  # ~30 ms each, so kills land mid-file
    write_files(tmp_path / "migrations", files)
    db = tmp_path / "app.db"
    runners = Barrier(tmp_path, db, RUNNERS)
    victims = rng.sample(runners.processes, RUNNERS // 2)
    delays = sorted(rng.uniform(0, 0.4) for _ in victims)
    runners.release()
    released = time.monotonic()
    for victim, delay in zip(victims, delays, strict=True):
        time.sleep(max(0.0, released + delay - time.monotonic()))
        victim.send_signal(signal.SIGKILL)
    for process, (code, output) in zip(runners.processes, runners.finish(), strict=True):
        if process in victims:
            assert code in (0, -signal.SIGKILL), f"seed {seed}: {output}"
        else:
            assert code == 0, f"seed {seed}: a survivor failed:\n{output}"
    versions = sorted(file.version for file in files)
    assert logged_versions(db) == versions, f"seed {seed}"
    assert sorted(version for version, status, _ in history(db) if status == "applied") == versions, f"seed {seed}"
    assert db_version(db) == "1.0.10", f"seed {seed}"


def test_a_running_row_of_a_live_runner_is_waited_for_not_refused(tmp_path: Path) -> None:
    """A second runner that starts while the first is inside a no-transaction file sees a
    ``running`` row; that row belongs to a live process, so the second must wait, not refuse."""
    slow = tuple(slow_insert("log", "1.0.2", 150_000, column="version") for _ in range(12))
    files = [log_file(1), SqlFile("1.0.2", "outside", slow, header="-- guard: no-transaction\n"), log_file(3)]
    write_files(tmp_path / "migrations", files)
    db = tmp_path / "app.db"
    later = Barrier(tmp_path, db, 1)  # imported and waiting, to start the moment the row appears
    first = spawn_migrate(tmp_path, db)
    try:
        running = wait_for(lambda: any(row[1] == "running" for row in history(db)), first, "the running row")
    finally:
        later.release()
    [(code, output)] = later.finish()
    first_output = "".join(first.communicate(timeout=PROCESS_TIMEOUT_S))
    assert running, f"the first runner finished before the test saw its running row: {first_output}"
    assert first.returncode == 0, first_output
    assert code == 0, f"the second runner refused a live runner's file:\n{output}"
    assert logged_versions(db) == ["1.0.1", *["1.0.2"] * len(slow), "1.0.3"]
    assert [(v, s) for v, s, _ in history(db)] == [("1.0.1", "applied"), ("1.0.2", "applied"), ("1.0.3", "applied")]


def test_state_read_while_another_runner_applies_files_shows_no_false_drift(tmp_path: Path) -> None:
    """Reading the history takes two statements: files another runner applies between them must
    not look out of order (db_version is read first, then the rows that hold every file up to it)."""
    from conftest import Project
    from ratchet.backends import open_backend
    from ratchet.history import Tables
    from ratchet.load import load_migrations
    from ratchet.plan import make_plan

    project = Project(tmp_path, f"sqlite:///{tmp_path / 'app.db'}")
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    assert project.ratchet("migrate").code == 0
    project.write("1.1.0__b.sql", "CREATE TABLE b (id INTEGER);")
    project.write("1.2.0__c.sql", "CREATE TABLE c (id INTEGER);")
    backend = open_backend(project.database)
    read = backend.query
    other_runner_done: list[int] = []

    def query_then_let_another_runner_apply(sql: str, params: object = ()) -> list[tuple[object, ...]]:
        rows = read(sql, params)  # type: ignore[arg-type]
        if not other_runner_done and ("system_settings" in sql or "schema_history" in sql) and "sqlite_" not in sql:
            other_runner_done.append(project.ratchet("migrate").code)
        return rows

    backend.query = query_then_let_another_runner_apply  # type: ignore[method-assign]
    try:
        plan = make_plan(
            load_migrations(project.migrations).files, Tables(backend, "system_settings", "schema_history").state()
        )
    finally:
        backend.close()
    assert other_runner_done == [0]
    assert [str(d) for d in plan.drift] == []
