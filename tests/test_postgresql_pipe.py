"""The PostgreSQL backend's own pipeline (libpq's pipeline mode driven directly): placeholders,
parameters, a query's rows and the first failure, and nothing of ratchet's left on an
application's session."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from conftest import Db
from ratchet import api
from ratchet.backends.postgresql import PostgresBackend
from ratchet.backends.postgresql_pipe import numbered, text_value
from ratchet.errors import DriverError


def test_placeholders_are_numbered_and_percent_signs_kept() -> None:
    assert numbered("INSERT INTO t (a, b) VALUES (%s, %s)") == "INSERT INTO t (a, b) VALUES ($1, $2)"
    assert numbered("SELECT '100%%', %s") == "SELECT '100%', $1"
    assert numbered("SELECT 1") == "SELECT 1"


def test_parameters_go_as_text() -> None:
    assert text_value(None, "utf-8") is None
    assert text_value(True, "utf-8") == b"t" and text_value(False, "utf-8") == b"f"
    assert text_value(12, "utf-8") == b"12"
    assert text_value("é", "utf-8") == "é".encode()


@pytest.fixture
def backend(make_db: Callable[[str], Db]) -> Iterator[PostgresBackend]:
    db = make_db("postgresql")
    connection = psycopg.connect(host="127.0.0.1", user="postgres", dbname=db.name, autocommit=True)
    backend = PostgresBackend.from_connection(connection, busy_timeout_s=5)
    yield backend
    backend.close()
    connection.close()


def test_a_query_inside_the_pipeline_waits_for_what_was_sent_before_it(backend: PostgresBackend) -> None:
    with backend.pipeline():
        backend.begin()
        backend.execute("CREATE TABLE t (n INTEGER, label TEXT)")
        backend.run_statement("INSERT INTO t VALUES (1, 'one')")
        backend.execute("INSERT INTO t VALUES (%s, %s)", (2, "two"))
        rows = backend.query("SELECT n, label FROM t WHERE n >= %s ORDER BY n", (1,))
        backend.commit()
    assert rows == [(1, "one"), (2, "two")]
    assert backend.statements_answered() == 1
    assert backend.query("SELECT count(*) FROM t") == [(2,)]


def test_the_first_failure_is_raised_and_nothing_after_it_runs(backend: PostgresBackend) -> None:
    backend.execute("CREATE TABLE t (n INTEGER)")
    with pytest.raises(DriverError, match='relation "nowhere" does not exist'), backend.pipeline():
        backend.begin()
        backend.run_statement("INSERT INTO t VALUES (1)")
        backend.run_statement("INSERT INTO nowhere VALUES (1)")
        backend.run_statement("INSERT INTO t VALUES (3)")
        backend.commit()
    assert backend.statements_answered() == 1
    backend.rollback()
    assert backend.query("SELECT count(*) FROM t") == [(0,)]


def test_two_statements_in_one_are_refused(backend: PostgresBackend) -> None:
    with pytest.raises(DriverError, match="cannot insert multiple commands"), backend.pipeline():
        backend.run_statement("CREATE TABLE a (n INTEGER); CREATE TABLE b (n INTEGER)")
    assert backend.query("SELECT count(*) FROM pg_tables WHERE tablename IN ('a', 'b')") == [(0,)]


def test_an_applications_session_keeps_no_prepared_statement_of_ratchets(
    tmp_path: Path, make_db: Callable[[str], Db]
) -> None:
    db = make_db("postgresql")
    (tmp_path / "1.0.0__a.sql").write_text("CREATE TABLE a (id INTEGER);\n", encoding="utf-8")
    connection = psycopg.connect(host="127.0.0.1", user="postgres", dbname=db.name, autocommit=True)
    try:
        assert len(api.migrate(connection, tmp_path, no_lint=True).applied) == 1
        (tmp_path / "1.1.0__b.sql").write_text("CREATE TABLE b (id INTEGER);\n", encoding="utf-8")
        assert len(api.migrate(connection, tmp_path, no_lint=True).applied) == 1
        left = connection.execute("SELECT name FROM pg_prepared_statements WHERE name LIKE 'ratchet%'").fetchall()
    finally:
        connection.close()
    assert left == []


def test_an_interrupted_pipeline_cancels_the_running_statement(backend: PostgresBackend) -> None:
    """Ctrl-C while a long statement runs: cancelled (as psycopg does), not waited for; the
    connection leaves pipeline mode and serves the next command."""
    timer = threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT))
    started = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt), backend.pipeline():
            backend.begin()
            backend.run_statement("SELECT pg_sleep(30)")
            backend.commit()
    finally:
        timer.cancel()
    assert time.monotonic() - started < 15
    backend.rollback()
    assert backend.query("SELECT 1") == [(1,)]
