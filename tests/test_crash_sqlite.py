"""Crash safety on SQLite: SIGKILL a real ``ratchet migrate`` at random moments.

Each trial applies slow files (every ``INSERT`` computes a ~30 ms recursive CTE, so a kill
lands mid-file most of the time) to a fresh database file and kills the process after a
random delay drawn from a seeded RNG. Afterwards the database must hold exactly what the
files with a history row produce when replayed by plain ``sqlite3`` on a fresh file,
``db_version`` must be the highest history row, and a second run must finish the job.

Reproduce a failure with ``RATCHET_TRIAL_SEED=<seed printed in the message>``.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from collections import Counter
from pathlib import Path

import pytest

from conftest import Project
from sqlite_trials import (
    PROCESS_TIMEOUT_S,
    Snapshot,
    SqlFile,
    connect,
    db_version,
    history,
    replay,
    run_migrate,
    slow_insert,
    snapshot,
    spawn_migrate,
    wait_for,
    write_files,
)

pytestmark = pytest.mark.slow

# Each run draws new seeds, so CI covers more moments run after run; a nightly run can ask for
# more trials per test with RATCHET_CRASH_TRIALS (e.g. 100).
_MORE = os.environ.get("RATCHET_CRASH_TRIALS")
CHUNKS = 3  # separate test items, so pytest-xdist can spread the trials over both cores
TRIALS = int(_MORE) * CHUNKS if _MORE else 18
NO_TRANSACTION_TRIALS = int(_MORE or 8)
SINGLE_TRANSACTION_TRIALS = int(_MORE or 5)
BASE_SEED = int(os.environ.get("RATCHET_TRIAL_SEED", random.SystemRandom().randrange(2**31)))

TRANSACTIONAL = [
    SqlFile(
        "1.0.0",
        "first",
        (
            "CREATE TABLE t1 (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, note TEXT)",
            slow_insert("t1", "a"),
            "CREATE INDEX t1_n ON t1 (n)",
            slow_insert("t1", "b"),
        ),
    ),
    SqlFile(
        "1.1.0",
        "second",
        (
            "CREATE TABLE t2 (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, note TEXT)",
            slow_insert("t2", "a"),
            "ALTER TABLE t1 ADD COLUMN extra TEXT DEFAULT 'x'",
            slow_insert("t1", "b"),
        ),
    ),
    SqlFile(
        "1.2.0",
        "third",
        (
            "CREATE TABLE t3 (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, note TEXT)",
            slow_insert("t3", "a"),
            "CREATE VIEW v3 AS SELECT n, note FROM t3",
            slow_insert("t3", "b"),
        ),
    ),
    SqlFile(
        "1.10.0",
        "fourth",
        (
            "CREATE TABLE t4 (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, note TEXT)",
            slow_insert("t4", "a"),
            slow_insert("t2", "c"),
        ),
    ),
]

NO_TRANSACTION = SqlFile(
    "1.3.0",
    "outside_a_transaction",
    (
        "CREATE TABLE nt (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, note TEXT)",
        slow_insert("nt", "a"),
        slow_insert("nt", "b"),
        "CREATE INDEX nt_n ON nt (n)",
        slow_insert("nt", "c"),
    ),
    header="-- guard: no-transaction\n\n",
)


class Trials:
    """One migrations directory, a calibrated kill window, and cached replays."""

    def __init__(self, root: Path, files: list[SqlFile], seed: int, *args: str) -> None:
        self.root = root
        self.files = files
        self.args = args
        self.seed = seed
        self.rng = random.Random(seed)
        self.replays: dict[tuple[int, int], Snapshot] = {}
        self.outcomes: Counter[str] = Counter()
        self.killed = 0
        write_files(root / "migrations", files)
        self.window = self._calibrate() * 1.15

    def _calibrate(self) -> float:
        """The kill window: the time one full run takes from its database file's creation to its exit."""
        db = self.root / "calibrate.db"
        process = spawn_migrate(self.root, db, *self.args)
        assert wait_for(db.exists, process, "the database file"), process.communicate()
        started = time.monotonic()
        out, err = process.communicate(timeout=PROCESS_TIMEOUT_S)
        assert process.returncode == 0, out + err
        assert self.expected(len(self.files)) == snapshot(db), "a full run differs from the replay of every file"
        return time.monotonic() - started

    def _observed(self, duration: float) -> None:
        # The machine is shared: shrink the window to the fastest run seen, so that slower runs
        # are still killed mid-way. The margin lets a few kills land after the run finished.
        self.window = min(self.window, duration * 1.15)

    def expected(self, done: int, partial: int = 0) -> Snapshot:
        """Replay of the first ``done`` files plus ``partial`` statements of the next one."""
        key = (done, partial)
        if key not in self.replays:
            scripts = [file.text for file in self.files[:done]]
            if partial:
                scripts.append("".join(f"{sql};\n" for sql in self.files[done].statements[:partial]))
            self.replays[key] = replay(self.root, scripts, f"{done}-{partial}")
        return self.replays[key]

    def kill_at_random(self, db: Path) -> int:
        """Start ``ratchet migrate`` on ``db`` and SIGKILL it after a random delay."""
        delay = self.rng.uniform(0, self.window)
        process = spawn_migrate(self.root, db, *self.args)
        started = time.monotonic()
        if wait_for(db.exists, process, "the database file"):
            started = time.monotonic()
            wait_for(lambda: time.monotonic() - started >= delay, process, "the kill moment")
        finished = time.monotonic()
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        out, err = process.communicate(timeout=PROCESS_TIMEOUT_S)
        if process.returncode == 0:
            self._observed(finished - started)
        assert process.returncode in (0, -signal.SIGKILL), f"seed {self.seed}: {out}{err}"
        return process.returncode

    def copy_as_killed(self, db: Path) -> Path:
        """Copy the database file and any hot journal as the kill left them, so that the
        inspection (which rolls a hot journal back) does not spare ratchet that work."""
        copy = db.with_name(f"inspect-{db.name}")
        for suffix in ("", "-journal"):
            source = Path(f"{db}{suffix}")
            if source.exists():
                shutil.copyfile(source, f"{copy}{suffix}")
        if Path(f"{db}-journal").exists():
            self.outcomes["left a journal for the next run"] += 1
        return copy

    def check_after_kill(self, db: Path, context: str) -> tuple[str, int]:
        """Assert the killed run left a consistent database; return the running row, if any."""
        versions = [file.version for file in self.files]
        rows = history(db)
        done = [version for version, status, _ in rows if status == "applied"]
        running = [(version, statements) for version, status, statements in rows if status == "running"]
        assert done == versions[: len(done)], f"{context}: history {rows} is not a prefix of {versions}"
        assert len(rows) == len(done) + len(running) and len(running) <= 1, f"{context}: history {rows}"
        assert db_version(db) == (done[-1] if done else None), f"{context}: db_version vs history {rows}"
        actual = snapshot(db)
        if not running:
            assert actual == self.expected(len(done)), f"{context}: schema is not the replay of {done}"
            return "", 0
        version, statements = running[0]
        nt_file = self.files[len(done)]
        assert version == nt_file.version and "no-transaction" in nt_file.header, f"{context}: {rows}"
        # Statements run in autocommit and the progress is committed right after each one, so a
        # kill between the two leaves one more statement done than recorded: a boundary either way.
        boundaries = {self.expected(len(done), statements)}
        if statements < len(nt_file.statements):
            boundaries.add(self.expected(len(done), statements + 1))
        assert actual in boundaries, f"{context}: running row {running[0]} is not at a statement boundary"
        if actual != self.expected(len(done), statements):
            self.outcomes["statement done, progress not yet recorded"] += 1
        return version, statements

    def classify(self, code: int, db: Path) -> None:
        rows = history(db)
        self.killed += code != 0
        if code == 0:
            self.outcomes["finished before the kill"] += 1
        elif not rows:
            self.outcomes["killed before the first file committed"] += 1
        elif any(status == "running" for _, status, _ in rows):
            self.outcomes["killed inside the no-transaction file"] += 1
        else:
            self.outcomes["killed between or inside files"] += 1


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_sigkill_leaves_exactly_the_recorded_files(tmp_path: Path, chunk: int) -> None:
    seed = BASE_SEED + chunk
    trials = Trials(tmp_path, TRANSACTIONAL, seed)
    for trial in range(TRIALS // CHUNKS):
        context = f"seed {seed} (RATCHET_TRIAL_SEED={BASE_SEED}), trial {trial}"
        db = tmp_path / f"trial{trial}.db"
        code = trials.kill_at_random(db)
        inspected = trials.copy_as_killed(db)
        trials.classify(code, inspected)
        trials.check_after_kill(inspected, context)
        again, output = run_migrate(tmp_path, db)
        assert again == 0, f"{context}: the run after the kill failed:\n{output}"
        versions = [file.version for file in TRANSACTIONAL]
        assert [v for v, status, _ in history(db)] == versions, f"{context}: {history(db)}"
        assert db_version(db) == versions[-1], context
        assert snapshot(db) == trials.expected(len(TRANSACTIONAL)), f"{context}: final schema"
    print(f"seed {seed}: kill window {trials.window:.2f}s, outcomes {dict(trials.outcomes)}")
    assert trials.killed, f"seed {seed}: no kill landed before the run finished, so nothing was tested"


def test_sigkill_in_a_no_transaction_file_stops_at_a_statement_boundary(tmp_path: Path) -> None:
    files = [*TRANSACTIONAL[:2], NO_TRANSACTION]
    seed = BASE_SEED + CHUNKS
    trials = Trials(tmp_path, files, seed)
    for trial in range(NO_TRANSACTION_TRIALS):
        context = f"seed {seed} (RATCHET_TRIAL_SEED={BASE_SEED}), trial {trial}"
        db = tmp_path / f"trial{trial}.db"
        code = trials.kill_at_random(db)
        inspected = trials.copy_as_killed(db)
        trials.classify(code, inspected)
        running, _ = trials.check_after_kill(inspected, context)
        again, output = run_migrate(tmp_path, db)
        if running:
            assert again == 4, f"{context}: an interrupted no-transaction file must refuse:\n{output}"
            assert "ratchet repair" in output and running in output, f"{context}:\n{output}"
            assert "may also have taken effect" in output, f"{context}:\n{output}"
            assert (snapshot(db), history(db)) == (snapshot(inspected), history(inspected)), (
                f"{context}: the refused run changed the database"
            )
            continue
        assert again == 0, f"{context}: the run after the kill failed:\n{output}"
        assert [v for v, status, _ in history(db) if status == "applied"] == [f.version for f in files], context
        assert snapshot(db) == trials.expected(len(files)), f"{context}: final schema"
    print(f"seed {seed}: kill window {trials.window:.2f}s, outcomes {dict(trials.outcomes)}")
    assert trials.killed, f"seed {seed}: no kill landed before the run finished, so nothing was tested"


def test_a_crash_between_a_statement_and_its_progress_row_is_reported(project: Project, sqlite_path: Path) -> None:
    """The state the trials above hit now and then, built by hand: statement 2 of the
    no-transaction file committed, the kill came before its progress update."""
    project.write("1.0.0__first.sql", "CREATE TABLE t (id INTEGER);\n")
    statements = ("CREATE TABLE nt (n INTEGER)", "INSERT INTO nt (n) VALUES (1)", "INSERT INTO nt (n) VALUES (2)")
    project.write("1.1.0__outside.sql", NO_TRANSACTION.header + "".join(f"{sql};\n" for sql in statements))
    assert project.ratchet("migrate").code == 0
    connection = connect(sqlite_path)
    try:
        connection.execute("DELETE FROM nt WHERE n = 2")
        connection.execute("UPDATE schema_history SET status = 'running', statements_done = 1 WHERE version = '1.1.0'")
        connection.execute("UPDATE system_settings SET value = '1.0.0' WHERE key = 'db_version'")
    finally:
        connection.close()

    result = project.ratchet("migrate")

    assert result.code == 4, result.output
    assert "after 1 recorded statement(s)" in result.err and "may also have taken effect" in result.err
    assert "check whether statement 2 took effect" in result.err and "ratchet repair 1.1.0" in result.err


def test_sigkill_in_a_single_transaction_run_is_all_or_nothing(tmp_path: Path) -> None:
    seed = BASE_SEED + CHUNKS + 1
    trials = Trials(tmp_path, TRANSACTIONAL, seed, "--single-transaction")
    versions = [file.version for file in TRANSACTIONAL]
    for trial in range(SINGLE_TRANSACTION_TRIALS):
        context = f"seed {seed} (RATCHET_TRIAL_SEED={BASE_SEED}), trial {trial}"
        db = tmp_path / f"trial{trial}.db"
        code = trials.kill_at_random(db)
        inspected = trials.copy_as_killed(db)
        trials.classify(code, inspected)
        trials.check_after_kill(inspected, context)
        assert [v for v, _, _ in history(inspected)] in ([], versions), f"{context}: {history(inspected)}"
        again, output = run_migrate(tmp_path, db, "--single-transaction")
        assert again == 0, f"{context}: the run after the kill failed:\n{output}"
        assert [v for v, _, _ in history(db)] == versions, f"{context}: {history(db)}"
        assert snapshot(db) == trials.expected(len(TRANSACTIONAL)), f"{context}: final schema"
    print(f"seed {seed}: kill window {trials.window:.2f}s, outcomes {dict(trials.outcomes)}")
    assert trials.killed, f"seed {seed}: no kill landed before the run finished, so nothing was tested"
