"""Real processes against the real servers: concurrent runners, SIGKILL at random moments,
and a killed lock holder. Slow, but part of ``make test`` (CI runs them).

The SIGKILL trials aim each kill inside the run: after a random number of files were applied (as
the history table shows), within about one file's time. So 10 trials per server hit as many
mid-run moments as 20 blind ones did, however slow the shared machine is at the moment (a kill
after a fixed delay lands before the run or after it when the machine is busy or idle). A
nightly run can ask for more, with another seed:
``RATCHET_CRASH_TRIALS=100 RATCHET_CRASH_SEED=nightly pytest tests/test_servers_slow.py -k sigkill``.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from conftest import ADMIN_DATABASE, RATCHET, SERVER_DIALECTS, DatabaseFactory, Db, Project, server_connect

SERVERS = SERVER_DIALECTS
RUNNERS = 8
CRASH_TRIALS = int(os.environ.get("RATCHET_CRASH_TRIALS", "10"))
CRASH_FILES = 4
pytestmark = pytest.mark.slow


def spawn(project: Project, *args: str) -> subprocess.Popen[str]:
    """Start the real ``ratchet`` on the project's database without waiting for it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RATCHET_")}
    env["NO_COLOR"] = "1"
    command = [RATCHET, args[0], "--database", project.database, *args[1:]]
    return subprocess.Popen(
        command, cwd=project.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def sleep_sql(dialect: str, seconds: float) -> str:
    """A statement that sleeps on the server."""
    return f"SELECT pg_sleep({seconds})" if dialect == "postgresql" else f"SELECT SLEEP({seconds})"


def other_sessions(db: Db, connection: Any = None) -> int:
    """Sessions connected to ``db`` other than the one asking (``connection``, or a new one)."""
    asking = connection or server_connect(db.dialect, db.name)
    try:
        cursor = asking.cursor()
        if db.dialect == "postgresql":
            cursor.execute(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", (db.name,)
            )
        else:
            cursor.execute(
                "SELECT COUNT(*) FROM information_schema.processlist WHERE db = %s AND id <> CONNECTION_ID()",
                (db.name,),
            )
        return int(cursor.fetchall()[0][0])
    finally:
        if connection is None:
            asking.close()


def wait_for_dead_sessions(db: Db, timeout_s: float = 30) -> float:
    """Wait until the server has ended every session of killed runners; seconds waited."""
    started = time.monotonic()
    while other_sessions(db) and time.monotonic() - started < timeout_s:
        time.sleep(0.05)
    return time.monotonic() - started


def log_counts(db: Db) -> Counter[str]:
    """How many log rows each version wrote."""
    return Counter(str(row[0]) for row in db.query("SELECT v FROM log"))


@pytest.mark.parametrize("dialect", SERVERS)
def test_eight_concurrent_runners_apply_each_file_once(
    project: Project, make_db: Callable[[str], Db], dialect: str
) -> None:
    db = make_db(dialect)
    project = Project(project.root, db.url)
    project.write("1.0.0__log.sql", "CREATE TABLE log (v VARCHAR(20) NOT NULL);\nINSERT INTO log VALUES ('1.0.0');")
    versions = ["1.0.0"]
    for minor in range(1, 7):
        version = f"1.{minor}.0"
        versions.append(version)
        body = f"CREATE TABLE t{minor} (id INTEGER);\nINSERT INTO log VALUES ('{version}');"
        if minor == 3:
            body += f"\n{sleep_sql(dialect, 0.5)};"
        project.write(f"{version}__step{minor}.sql", body)
    if dialect == "postgresql":
        versions.append("1.7.0")
        project.write(
            "1.7.0__index_log.sql",
            "-- guard: no-transaction\nCREATE INDEX CONCURRENTLY log_v ON log (v);\nINSERT INTO log VALUES ('1.7.0');",
        )
    runners = [spawn(project, "migrate") for _ in range(RUNNERS)]
    outcomes = [(runner.wait(timeout=240), *runner.communicate()) for runner in runners]
    assert [code for code, _, _ in outcomes] == [0] * RUNNERS, outcomes
    assert log_counts(db) == Counter(dict.fromkeys(versions, 1))
    assert db.history() == {v: ("applied", 3 if v == "1.3.0" else 2) for v in versions}
    assert db.db_version() == versions[-1]
    file_lines = [line.split() for _, out, _ in outcomes for line in out.splitlines() if line.startswith("  1.")]
    applied_lines = sum(1 for words in file_lines if words[2] == "applied")
    assert applied_lines == len(versions)
    if dialect == "postgresql":
        assert db.query("SELECT indisvalid FROM pg_index WHERE indexrelid = 'log_v'::regclass") == [(True,)]


def _crash_files(project: Project, dialect: str) -> None:
    # IF NOT EXISTS: on MySQL a kill between a DDL statement's implicit commit and the
    # statements_done update leaves the statement done but not counted, so --retry reruns it.
    project.write("1.0.0__log.sql", "CREATE TABLE IF NOT EXISTS log (v VARCHAR(20) NOT NULL);")
    nap = sleep_sql(dialect, 0.04)
    for minor in range(1, CRASH_FILES + 1):
        version = f"1.{minor}.0"
        project.write(
            f"{version}__step{minor}.sql",
            f"CREATE TABLE IF NOT EXISTS t{minor} (id INTEGER);\n{nap};\nINSERT INTO log VALUES ('{version}');\n"
            f"{nap};\nINSERT INTO log VALUES ('{version}');\n{nap};",
        )


# Statement numbers of the two INSERTs in each crash file, and the file's statement count.
_INSERTS = (3, 5)
_STATEMENTS = 6


def _assert_file_boundary(db: Db, history: dict[str, tuple[str, int]]) -> None:
    """The schema and data are exactly those of the files whose history rows exist."""
    assert all(status == "applied" for status, _ in history.values()), history
    done = {v for v in history if v != "1.0.0"}
    expected_tables = {f"t{v.split('.')[1]}" for v in done}
    if history:
        expected_tables |= {"log", "schema_history", "system_settings"}
    actual = set(db.tables())
    assert actual - {"schema_history", "system_settings"} == expected_tables - {"schema_history", "system_settings"}
    if "log" in actual:
        assert log_counts(db) == Counter(dict.fromkeys(done, 2))
    newest = max(history, key=lambda v: tuple(int(p) for p in v.split("."))) if history else None
    assert db.db_version() == newest


def _all_applied(db: Db) -> None:
    versions = [f"1.{m}.0" for m in range(1, CRASH_FILES + 1)]
    assert log_counts(db) == Counter(dict.fromkeys(versions, 2))
    assert {v for v, (status, _) in db.history().items() if status == "applied"} == {"1.0.0", *versions}
    assert db.db_version() == versions[-1]


def _applied(connection: Any) -> int:
    """Files the history table shows applied (0 before the runner made it)."""
    cursor = connection.cursor()
    try:
        cursor.execute("SELECT COUNT(*) FROM schema_history WHERE status = 'applied'")
    except Exception:  # no history table yet (each driver has its own error class)
        return 0
    return int(cursor.fetchall()[0][0])


def _kill_after(process: subprocess.Popen[str], db: Db, files: int, delay: float) -> None:
    """Once the runner is connected and ``files`` files are applied, wait ``delay`` seconds more,
    then SIGKILL it if it still runs."""
    watcher = server_connect(db.dialect, db.name)
    try:
        while process.poll() is None and not (other_sessions(db, watcher) and _applied(watcher) >= files):
            time.sleep(0.01)
    finally:
        watcher.close()  # before the caller waits for the runner's sessions to end
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
    process.communicate()


@pytest.mark.parametrize("dialect", SERVERS)
def test_sigkill_at_random_moments(project: Project, make_db: DatabaseFactory, dialect: str) -> None:
    rng = random.Random(os.environ.get("RATCHET_CRASH_SEED", "ratchet"))
    outcomes: Counter[str] = Counter()
    for trial in range(CRASH_TRIALS):
        db = make_db(dialect)
        trial_project = Project(project.root / f"trial{trial}", db.url)
        _crash_files(trial_project, dialect)
        runner = spawn(trial_project, "migrate")
        # 1.0.0 and CRASH_FILES files follow; each naps 3 x 40 ms besides its DDL.
        _kill_after(runner, db, rng.randint(0, CRASH_FILES), rng.uniform(0, 0.3))
        wait_for_dead_sessions(db)
        history = db.history()
        running = {v: done for v, (status, done) in history.items() if status != "applied"}
        context = f"trial {trial}: {history}"
        if runner.returncode == 0:
            outcomes["finished"] += 1
        elif len(history) <= 1 and not running:
            outcomes["killed before the first file"] += 1
        else:
            outcomes["killed mid-run"] += 1
        if dialect == "postgresql" or not running:
            outcomes["boundary"] += 1
            _assert_file_boundary(db, history)
            finish = trial_project.ratchet("migrate")
            assert finish.code == 0, (context, finish.output)
        else:
            outcomes["running"] += 1
            assert len(running) == 1, context
            (version, done), *_ = running.items()
            assert history[version][0] == "running", context
            assert log_counts(db)[version] == sum(1 for n in _INSERTS if n <= done), context
            assert 0 <= done <= _STATEMENTS, context
            refused = trial_project.ratchet("migrate")
            assert refused.code == 4, (context, refused.output)
            assert f"ratchet repair {version} --retry" in refused.err, context
            retried = trial_project.ratchet("repair", version, "--retry")
            assert retried.code == 0, (context, retried.output)
            finish = trial_project.ratchet("migrate")
            assert finish.code == 0, (context, finish.output)
        _all_applied(db)
        make_db.release(db)
    print(f"{dialect}: {dict(outcomes)} over {CRASH_TRIALS} trials")
    assert outcomes["killed mid-run"] >= CRASH_TRIALS // 3, f"too few kills landed inside a run: {dict(outcomes)}"


@pytest.mark.parametrize("dialect", SERVERS)
def test_a_killed_lock_holder_releases_the_lock(project: Project, make_db: Callable[[str], Db], dialect: str) -> None:
    db = make_db(dialect)
    (project.root / "pyproject.toml").write_text('[tool.ratchet]\nlock-timeout = "15s"\n', encoding="utf-8")
    project = Project(project.root, db.url)
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    project.write("1.1.0__slow.sql", f"CREATE TABLE slow (id INTEGER);\n{sleep_sql(dialect, 120)};")
    holder = spawn(project, "migrate")
    deadline = time.monotonic() + 60
    while not _sleeping(db) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _sleeping(db), holder.communicate()
    holder.send_signal(signal.SIGKILL)
    holder.communicate()
    killed_at = time.monotonic()
    # With the lock still held (120 s of sleep left), the next runner would time out after
    # 15 s with "held the migration lock"; it must instead get the lock and decide. On
    # PostgreSQL the killed file was rolled back, so the next deploy ships a quick 1.1.0 and
    # the follower applies it under the lock; on MySQL the follower finds the dead runner's
    # `running` row, waits for the lock to tell a live runner from a dead one, and refuses.
    if dialect == "postgresql":
        project.write("1.1.0__slow.sql", "CREATE TABLE slow (id INTEGER);\nSELECT 1;")
    follower = project.ratchet("migrate", timeout=120)
    waited = time.monotonic() - killed_at
    assert "held the migration lock" not in follower.err, follower.output
    if dialect == "postgresql":
        assert follower.code == 0, follower.output
        assert db.history()["1.1.0"] == ("applied", 2)
    else:
        assert follower.code == 4, follower.output
        assert "ratchet repair 1.1.0" in follower.err
    print(f"{dialect}: the next runner finished {waited:.2f}s after the holder was killed")


def _sleeping(db: Db) -> bool:
    connection = server_connect(db.dialect, ADMIN_DATABASE)
    try:
        cursor = connection.cursor()
        if db.dialect == "postgresql":
            cursor.execute(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = %s AND query LIKE 'SELECT pg_sleep(120%%'",
                (db.name,),
            )
        else:
            cursor.execute(
                "SELECT COUNT(*) FROM information_schema.processlist WHERE db = %s AND info LIKE 'SELECT SLEEP(120%%'",
                (db.name,),
            )
        return int(cursor.fetchall()[0][0]) > 0
    finally:
        connection.close()
