"""A real PgBouncer in front of the test PostgreSQL: transaction and statement pooling are
refused before anything is written (no table, no advisory lock left behind); session pooling
works as a direct connection, also for concurrent runners."""

from __future__ import annotations

import json
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterator

import pytest

from conftest import Db, Project
from pgbouncer_server import Bouncer, running_pgbouncer
from test_servers_slow import log_counts, spawn

REFUSAL = "connection pooler in transaction or statement mode"


def advisory_locks(db: Db) -> int:
    """Advisory locks held by anyone in ``db``, looked at over a direct connection."""
    rows = db.query(
        "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' "
        "AND database = (SELECT oid FROM pg_database WHERE datname = %s)",
        (db.name,),
    )
    return int(rows[0][0])


@pytest.fixture(
    scope="module",
    params=[("transaction", 1, False), ("transaction", 4, False), ("transaction", 3, True), ("statement", 2, False)],
    ids=["transaction-pool-1", "transaction-pool-4", "transaction-round-robin", "statement"],
)
def pooling_bouncer(request: pytest.FixtureRequest) -> Iterator[Bouncer]:
    """PgBouncer in a mode ratchet must refuse: a pool of one, of several reused last-in
    first-out (the default) or in turn (``server_round_robin``)."""
    mode, size, round_robin = request.param
    with running_pgbouncer(mode, size, round_robin=round_robin) as bouncer:
        yield bouncer


@pytest.fixture(scope="module")
def session_bouncer() -> Iterator[Bouncer]:
    """PgBouncer in session mode, with room for 8 runners and their pooler checks."""
    with running_pgbouncer("session", 20) as bouncer:
        yield bouncer


def _through(project: Project, bouncer: Bouncer, db: Db) -> Project:
    return Project(project.root, bouncer.url(db.name))


def _files(project: Project) -> None:
    project.write("1.0.0__log.sql", "CREATE TABLE log (v VARCHAR(20) NOT NULL);\nINSERT INTO log VALUES ('1.0.0');")
    project.write("1.1.0__more.sql", "CREATE TABLE more (id INTEGER);\nINSERT INTO log VALUES ('1.1.0');")


def test_a_transaction_pooler_is_refused_and_nothing_is_written(
    project: Project, make_db: Callable[[str], Db], pooling_bouncer: Bouncer
) -> None:
    db = make_db("postgresql")
    pooled = _through(project, pooling_bouncer, db)
    _files(pooled)
    result = pooled.ratchet("migrate")
    assert result.code == 2, result.output
    assert REFUSAL in result.err
    assert "RATCHET_DATABASE_URL" in result.err and "DATABASE_URL" in result.err
    assert "nothing was changed" in result.err
    assert "Traceback" not in result.err and "_pg3_" not in result.err
    assert db.tables() == []
    assert advisory_locks(db) == 0
    status = pooled.ratchet("status", "--json")
    assert status.code == 2 and REFUSAL in status.err
    # The direct URL works at once: no lock was stranded on a pooled server connection.
    (project.root / "pyproject.toml").write_text('[tool.ratchet]\nlock-timeout = "2s"\n')
    direct = Project(project.root, db.url)
    applied = direct.ratchet("migrate")
    assert applied.code == 0, applied.output
    assert log_counts(db) == Counter({"1.0.0": 1, "1.1.0": 1})


def test_concurrent_runners_behind_a_transaction_pooler_all_refuse(
    project: Project, make_db: Callable[[str], Db]
) -> None:
    db = make_db("postgresql")
    with running_pgbouncer("transaction", 2) as bouncer:
        pooled = _through(project, bouncer, db)
        _files(pooled)
        runners = [spawn(pooled, "migrate") for _ in range(6)]
        outcomes = [(runner.wait(timeout=120), *runner.communicate()) for runner in runners]
    assert [code for code, _, _ in outcomes] == [2] * 6, outcomes
    assert all(REFUSAL in err for _, _, err in outcomes)
    assert db.tables() == []
    assert advisory_locks(db) == 0


def test_session_pooling_works_as_a_direct_connection(
    project: Project, make_db: Callable[[str], Db], session_bouncer: Bouncer
) -> None:
    db = make_db("postgresql")
    pooled = _through(project, session_bouncer, db)
    _files(pooled)
    result = pooled.ratchet("migrate", "--json")
    assert result.code == 0, result.output
    report = json.loads(result.out)
    assert (report["engine"], report["to_version"]) == ("PostgreSQL", "1.1.0")
    assert db.history() == {"1.0.0": ("applied", 2), "1.1.0": ("applied", 2)}
    assert advisory_locks(db) == 0


def test_a_full_session_pool_is_still_a_session_pool(project: Project, make_db: Callable[[str], Db]) -> None:
    # One server connection, pinned to ratchet: the check's second client waits for it in
    # vain, which proves the pinning, and the run goes ahead.
    db = make_db("postgresql")
    with running_pgbouncer("session", 1) as bouncer:
        pooled = _through(project, bouncer, db)
        _files(pooled)
        result = pooled.ratchet("migrate")
    assert result.code == 0, result.output
    assert db.db_version() == "1.1.0"


@pytest.mark.slow
def test_eight_concurrent_runners_through_session_pooling_apply_each_file_once(
    project: Project, make_db: Callable[[str], Db], session_bouncer: Bouncer
) -> None:
    db = make_db("postgresql")
    pooled = _through(project, session_bouncer, db)
    pooled.write("1.0.0__log.sql", "CREATE TABLE log (v VARCHAR(20) NOT NULL);\nINSERT INTO log VALUES ('1.0.0');")
    versions = ["1.0.0"]
    for minor in range(1, 7):
        version = f"1.{minor}.0"
        versions.append(version)
        body = f"CREATE TABLE t{minor} (id INTEGER);\nINSERT INTO log VALUES ('{version}');"
        if minor == 3:
            body += "\nSELECT pg_sleep(0.5);"
        pooled.write(f"{version}__step{minor}.sql", body)
    runners = [spawn(pooled, "migrate") for _ in range(8)]
    outcomes = [(runner.wait(timeout=240), *runner.communicate()) for runner in runners]
    failed = [(code, err) for code, _, err in outcomes if code != 0]  # only these: pytest cuts long messages
    assert not failed, failed
    assert log_counts(db) == Counter(dict.fromkeys(versions, 1))
    assert db.history() == {v: ("applied", 3 if v == "1.3.0" else 2) for v in versions}
    assert db.db_version() == versions[-1]
    assert advisory_locks(db) == 0


def test_an_application_connection_through_a_pooler(
    project: Project, make_db: Callable[[str], Db], session_bouncer: Bouncer
) -> None:
    import psycopg

    import ratchet
    from ratchet.errors import UsageError

    db = make_db("postgresql")
    _files(project)
    with (
        running_pgbouncer("transaction", 1) as pooling,
        psycopg.connect(pooling.url(db.name), prepare_threshold=3) as connection,
    ):
        with pytest.raises(UsageError, match=REFUSAL):
            ratchet.migrate(connection, project.migrations)
        assert (connection.prepare_threshold, connection.autocommit) == (3, False)
    assert db.tables() == [] and advisory_locks(db) == 0
    with psycopg.connect(session_bouncer.url(db.name), prepare_threshold=3) as connection:
        report = ratchet.migrate(connection, project.migrations)
        assert (connection.prepare_threshold, connection.autocommit) == (3, False)
    assert [r.outcome for r in report.results] == ["applied", "applied"]
    assert db.db_version() == "1.1.0"


@pytest.mark.slow
def test_a_killed_runner_behind_session_pooling_leaves_no_lock(
    project: Project, make_db: Callable[[str], Db], session_bouncer: Bouncer
) -> None:
    # PgBouncer drops the server connection of a client that vanished inside a transaction,
    # so the killed runner's advisory lock goes with it and the next runner gets the lock.
    db = make_db("postgresql")
    (project.root / "pyproject.toml").write_text('[tool.ratchet]\nlock-timeout = "15s"\n', encoding="utf-8")
    pooled = _through(project, session_bouncer, db)
    pooled.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    pooled.write("1.1.0__slow.sql", "CREATE TABLE slow (id INTEGER);\nSELECT pg_sleep(120);")
    holder = spawn(pooled, "migrate")
    deadline = time.monotonic() + 60
    while advisory_locks(db) == 0 or db.db_version() != "1.0.0":
        assert time.monotonic() < deadline and holder.poll() is None, holder.communicate()
        time.sleep(0.05)
    holder.send_signal(signal.SIGKILL)
    holder.communicate()
    pooled.write("1.1.0__slow.sql", "CREATE TABLE slow (id INTEGER);\nSELECT 1;")
    follower = pooled.ratchet("migrate", timeout=120)
    assert follower.code == 0, follower.output
    assert db.history()["1.1.0"] == ("applied", 2)
    assert advisory_locks(db) == 0
