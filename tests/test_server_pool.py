"""The PostgreSQL test-database reuse (server_pool.py) hands out only databases identical to fresh ones."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest

import conftest
import server_pool
from conftest import ADMIN_DATABASE, Db, server_connect

pytestmark = pytest.mark.skipif(not server_pool.reuse_enabled(), reason="RATCHET_TEST_FRESH_DATABASES=1")

DIRTY = (
    "CREATE TABLE t (id serial PRIMARY KEY, note text)",
    "CREATE SCHEMA app",
    "CREATE TABLE app.y (id integer)",
    "CREATE EXTENSION citext",
    "CREATE VIEW v AS SELECT * FROM t",
    "COMMENT ON TABLE t IS 'x'",
    "CREATE FUNCTION f() RETURNS integer LANGUAGE sql AS 'SELECT 1'",
    "REVOKE ALL ON SCHEMA public FROM PUBLIC",
)


def _schema_dump(name: str) -> str:
    done = subprocess.run(
        ["pg_dump", "--schema-only", "-h", "127.0.0.1", "-U", "postgres", name],
        capture_output=True,
        text=True,
        check=True,
    )
    return "\n".join(line for line in done.stdout.splitlines() if not line.startswith(("\\restrict", "\\unrestrict")))


def _take() -> Db:
    return conftest._create_server_database("postgresql")


@pytest.fixture(autouse=True)
def _own_pool() -> Iterator[None]:
    """An empty pool for the test (so ``_take`` creates fresh databases); this worker's back afterwards."""
    saved = conftest._pool[:]
    conftest._pool.clear()
    yield
    while conftest._pool:
        conftest.drop_server_database(conftest._pool.pop())
    conftest._pool[:] = saved


def test_a_dirtied_database_comes_back_identical_to_a_fresh_one() -> None:
    used = _take()
    fresh = _take()
    try:
        connection = server_connect("postgresql", used.name)
        try:
            for statement in DIRTY:
                connection.execute(statement)
            connection.execute(f'ALTER DATABASE "{used.name}" SET lock_timeout = 5000')
            held = server_connect("postgresql", used.name)  # a session left open, as a killed runner leaves
            held.execute("SELECT pg_advisory_lock(42)")
        finally:
            connection.close()
        conftest.release_server_database(used, reusable=True)
        again = _take()
        assert again.name == used.name, "a reset database was not reused"
        checked = server_connect("postgresql", again.name)
        try:
            assert server_pool.fingerprint(checked) == conftest._fresh[0]
            held_here = (
                "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' "
                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            )
            assert checked.execute(held_here).fetchone() == (0,)
        finally:
            checked.close()
        assert Db("postgresql", again.url, again.name).tables() == []
        if subprocess.run(["which", "pg_dump"], capture_output=True).returncode == 0:
            assert _schema_dump(again.name) == _schema_dump(fresh.name)
    finally:
        for db in (used, fresh):
            conftest.drop_server_database(db)


def test_what_the_reset_cannot_undo_drops_the_database() -> None:
    used = _take()
    connection = server_connect("postgresql", used.name)
    try:
        connection.execute("SELECT lo_create(0)")  # a large object belongs to no schema
    finally:
        connection.close()
    conftest.release_server_database(used, reusable=True)
    assert used not in conftest._pool
    admin = server_connect("postgresql", ADMIN_DATABASE)
    try:
        assert admin.execute("SELECT COUNT(*) FROM pg_database WHERE datname = %s", (used.name,)).fetchone() == (0,)
    finally:
        admin.close()
