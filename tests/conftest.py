"""Shared fixtures: a project directory with migrations, and the real CLI (in-process or as a subprocess).

Output and exit-code tests run the CLI in-process with click's ``CliRunner`` (``Project.ratchet``,
``run_cli``): a subprocess costs ~0.3 s of interpreter start-up and imports per call. Crash,
concurrency, TTY and start-up/import tests use a real process (``Project.ratchet_process``).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import traceback
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ratchet import dialects

RATCHET = str(Path(sys.executable).with_name("ratchet"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the slow trials first (each keeps its relative order): pytest-xdist deals the first
    tests out in turn, so both workers start on a long trial and end on short tests together,
    instead of one worker finishing a 30-second trial alone at the end."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@dataclass
class Result:
    """A finished ``ratchet`` subprocess."""

    code: int
    out: str
    err: str

    @property
    def output(self) -> str:
        return self.out + self.err


@dataclass
class Project:
    """A temporary project: ``migrations/`` and a SQLite database URL by default."""

    root: Path
    database: str

    @property
    def migrations(self) -> Path:
        return self.root / "migrations"

    def write(self, name: str, sql: str | bytes) -> Path:
        """Write one migration file (bytes are written as they are)."""
        path = self.migrations / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(sql, bytes):
            path.write_bytes(sql)
        else:
            path.write_text(sql, encoding="utf-8")
        return path

    def ratchet(self, *args: str, env: dict[str, str] | None = None, timeout: float = 120) -> Result:
        """Run the ``ratchet`` CLI in-process in the project directory (``--database`` added unless given)."""
        return run_cli(self._arguments(args), cwd=self.root, env=env)

    def ratchet_process(self, *args: str, env: dict[str, str] | None = None, timeout: float = 120) -> Result:
        """Run the real ``ratchet`` executable in a subprocess (for start-up, signals, TTYs, crashes)."""
        full_env = {k: v for k, v in os.environ.items() if k not in _CONFIG_VARIABLES and not k.startswith("RATCHET_")}
        full_env["NO_COLOR"] = "1"
        full_env.update(env or {})
        done = subprocess.run(
            [RATCHET, *self._arguments(args)],
            cwd=self.root,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    def _arguments(self, args: tuple[str, ...]) -> list[str]:
        if args and args[0] not in ("--help", "--version") and "--database" not in args:
            return [*args[:1], *_subcommand(args), "--database", self.database, *args[1 + len(_subcommand(args)) :]]
        return list(args)


def _subcommand(args: tuple[str, ...]) -> list[str]:
    # `settings get KEY` takes its options after the sub-command name.
    return [args[1]] if args[0] == "settings" and len(args) > 1 else []


# Variables the CLI reads besides RATCHET_*: a test's own environment must not leak into it.
_CONFIG_VARIABLES = ("DATABASE_URL",)


def run_cli(args: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> Result:
    """Run ``ratchet ARGS`` in-process with click's ``CliRunner``, in ``cwd``, as a subprocess would see
    it: no inherited ``RATCHET_*``/``DATABASE_URL``, ``NO_COLOR=1``, and an unexpected exception
    reported as a traceback on stderr with exit code 1."""
    from click.testing import CliRunner

    from ratchet.cli import main

    variables: dict[str, str | None] = {
        name: None for name in os.environ if name.startswith("RATCHET_") or name in _CONFIG_VARIABLES
    }
    variables["NO_COLOR"] = "1"
    variables.update(env or {})
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        done = CliRunner().invoke(main, args, env=variables, prog_name="ratchet", catch_exceptions=True)
    finally:
        os.chdir(previous)
    err = done.stderr
    if done.exception is not None and not isinstance(done.exception, SystemExit):
        err += "".join(traceback.format_exception(done.exception))
    return Result(done.exit_code, done.stdout, err)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A project on a fresh SQLite file."""
    root = tmp_path / "project"
    (root / "migrations").mkdir(parents=True)
    return Project(root, f"sqlite:///{root / 'app.db'}")


@pytest.fixture
def sqlite_path(project: Project) -> Path:
    """The project's SQLite database file."""
    return project.root / "app.db"


def sqlite_rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    """The rows of one query on the SQLite database file at ``path``."""
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def dump_sqlite(path: Path) -> str:
    """A full, ordered dump of a SQLite database (schema and rows)."""
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


MakeProject = Callable[..., Project]


# --- Server databases -------------------------------------------------------
# Each test gets a fresh database `ratchet_t_<hex>` on the real server, dropped afterwards.
# An unreachable server skips its tests, or fails them when RATCHET_REQUIRE_SERVERS=1 (CI).


@dataclass(frozen=True)
class ServerSetup:
    """One dialect's test server: its URL, how a test connects, and the SQL that makes, lists and
    drops test databases. A new backend's tests need its :class:`ratchet.dialects.DialectSpec`
    and one of these."""

    #: The URL of database ``{name}``.
    url: str
    #: An autocommit driver connection to a database of the server.
    connect: Callable[[str], Any]
    #: ``CREATE DATABASE`` for ``{name}``.
    create_sql: str
    #: The statements that drop database ``name`` given an admin connection: the last one drops it,
    #: those before end the sessions still connected (each may fail: a session may end meanwhile).
    drop_sql: Callable[[Any, str], list[str]]
    #: The user tables of the connected database, one name a row.
    tables_sql: str
    #: How an identifier is quoted.
    quote: str = '"'


def _connect_postgresql(database: str) -> Any:
    import psycopg

    return psycopg.connect(
        host="127.0.0.1", port=5432, user="postgres", dbname=database, autocommit=True, connect_timeout=5
    )


def _connect_mysql(database: str) -> Any:
    import pymysql

    # ssl_disabled: PyMySQL >= 1.2 otherwise builds a default TLS context (reading the system's CA
    # bundle) for every connection, ~40 ms of CPU, and the suite's inspection opens thousands.
    return pymysql.connect(
        host="127.0.0.1",
        port=3306,
        user="root",
        database=database,
        autocommit=True,
        connect_timeout=5,
        ssl_disabled=True,
    )


def _drop_mysql(admin: Any, name: str) -> list[str]:
    """MySQL has no ``DROP DATABASE ... (FORCE)``: end the database's sessions first."""
    with admin.cursor() as cursor:
        cursor.execute("SELECT id FROM information_schema.processlist WHERE db = %s", (name,))
        sessions = [int(session_id) for (session_id,) in cursor.fetchall()]
    return [f"KILL {session_id}" for session_id in sessions] + [f"DROP DATABASE IF EXISTS `{name}`"]


SERVERS = {
    "postgresql": ServerSetup(
        url="postgresql://postgres@127.0.0.1:5432/{name}",
        connect=_connect_postgresql,
        create_sql='CREATE DATABASE "{name}" TEMPLATE template0',
        drop_sql=lambda admin, name: [f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'],
        tables_sql="SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    ),
    "mysql": ServerSetup(
        url="mysql://root@127.0.0.1:3306/{name}",
        connect=_connect_mysql,
        create_sql="CREATE DATABASE `{name}` CHARACTER SET utf8mb4",
        drop_sql=_drop_mysql,
        tables_sql="SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()",
        quote="`",
    ),
}
SERVER_URLS = {dialect: server.url for dialect, server in SERVERS.items()}
#: The dialects with a test server (every one but SQLite's files), for tests run on each server.
SERVER_DIALECTS = tuple(SERVERS)
ADMIN_DATABASE = "test"
DIALECTS = dialects.NAMES
_server_problems: dict[str, str | None] = {}


def server_connect(dialect: str, database: str) -> Any:
    """An autocommit driver connection to ``database`` on the test server of ``dialect``."""
    return SERVERS[dialect].connect(database)


def require_server(dialect: str) -> None:
    """Skip (or fail, with RATCHET_REQUIRE_SERVERS=1) unless the server of ``dialect`` answers."""
    if dialect not in _server_problems:
        try:
            server_connect(dialect, ADMIN_DATABASE).close()
            _server_problems[dialect] = None
        except Exception as exc:
            _server_problems[dialect] = " ".join(str(exc).split())[:300]
    problem = _server_problems[dialect]
    if problem is None:
        return
    reason = f"{dialect} test server at {SERVER_URLS[dialect].format(name=ADMIN_DATABASE)} is unreachable: {problem}"
    if os.environ.get("RATCHET_REQUIRE_SERVERS") == "1":
        pytest.fail(f"RATCHET_REQUIRE_SERVERS=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@dataclass
class Db:
    """A test database on one backend, inspected through the driver (one connection per call)."""

    dialect: str
    url: str
    name: str
    path: Path | None = None

    def connect(self) -> Any:
        """A fresh autocommit connection."""
        if self.dialect == "sqlite":
            import sqlite3

            assert self.path is not None
            return sqlite3.connect(self.path, isolation_level=None)
        return server_connect(self.dialect, self.name)

    def q(self, identifier: str) -> str:
        """Quote an identifier for this dialect."""
        quote = SERVERS[self.dialect].quote if self.dialect in SERVERS else '"'
        return f"{quote}{identifier}{quote}"

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Rows of one statement (``?`` placeholders on SQLite, ``%s`` on the servers)."""
        connection = self.connect()
        try:
            cursor = connection.cursor()
            if self.dialect == "sqlite":
                cursor.execute(sql, params)
            else:
                cursor.execute(sql, params or None)
            rows = cursor.fetchall() if cursor.description else []
            return [tuple(row) for row in rows]
        finally:
            connection.close()

    def execute(self, sql: str) -> None:
        """Run one statement."""
        self.query(sql)

    def tables(self) -> list[str]:
        """User tables, sorted."""
        if self.dialect != "sqlite":
            sql = SERVERS[self.dialect].tables_sql
        elif self.path is None or not self.path.exists():
            return []
        else:
            sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        return sorted(str(row[0]) for row in self.query(sql))

    def db_version(self) -> str | None:
        """The ``db_version`` setting, or ``None``."""
        if "system_settings" not in self.tables():
            return None
        rows = self.query(f"SELECT value FROM system_settings WHERE {self.q('key')} = 'db_version'")
        return str(rows[0][0]) if rows else None

    def snapshot(self) -> dict[str, list[tuple[str, ...]]]:
        """Every table's rows, as sorted text, keyed by table name: a full dump for comparisons."""
        return {
            table: sorted(tuple(str(value) for value in row) for row in self.query(f"SELECT * FROM {self.q(table)}"))
            for table in self.tables()
        }

    def history(self) -> dict[str, tuple[str, int]]:
        """``{version: (status, statements_done)}``."""
        if "schema_history" not in self.tables():
            return {}
        rows = self.query("SELECT version, status, statements_done FROM schema_history")
        return {str(r[0]): (str(r[1]), int(r[2])) for r in rows}


def _create_database_now(dialect: str) -> Db:
    name = f"ratchet_t_{uuid.uuid4().hex[:16]}"
    admin = server_connect(dialect, ADMIN_DATABASE)
    try:
        with contextlib.closing(admin.cursor()) as cursor:
            cursor.execute(SERVERS[dialect].create_sql.format(name=name))
    finally:
        admin.close()
    return Db(dialect, SERVERS[dialect].url.format(name=name), name)


class _ServerDatabases:
    """Every test gets a database never used before, and every database is dropped after its test.
    Creating one (copying template0: ~0.3-1 s of the server's I/O) and dropping one cost more than
    most tests, so this worker creates the next database of a dialect while a test runs, and drops
    finished ones in the background; both wait on the server's disk, not on this process."""

    def __init__(self) -> None:
        self._work = ThreadPoolExecutor(max_workers=2, thread_name_prefix="test-databases")
        self._next: dict[str, Future[Db]] = {}
        self._drops: list[Future[None]] = []

    def create(self, dialect: str) -> Db:
        """A fresh database of ``dialect``; the one after it starts being made at once."""
        ahead = self._next.pop(dialect, None)
        db = ahead.result() if ahead is not None else _create_database_now(dialect)
        self._next[dialect] = self._work.submit(_create_database_now, dialect)
        return db

    def drop(self, db: Db) -> None:
        """Drop ``db`` in the background (its sessions are ended first)."""
        self._drops.append(self._work.submit(drop_server_database, db))

    def close(self) -> None:
        """Drop the databases made ahead, wait for every drop and raise the first that failed."""
        for ahead in self._next.values():
            with contextlib.suppress(Exception):
                self.drop(ahead.result())
        self._next.clear()
        self._work.shutdown(wait=True)
        for dropped in self._drops:
            dropped.result()


_databases = _ServerDatabases()


def _create_server_database(dialect: str) -> Db:
    require_server(dialect)
    return _databases.create(dialect)


@pytest.fixture(scope="session", autouse=True)
def _drop_server_databases() -> Iterator[None]:
    """At the end of this worker's session: no test database is left on the servers."""
    yield
    _databases.close()


def drop_server_database(db: Db) -> None:
    """Drop a test database, ending any session still connected to it."""
    admin = server_connect(db.dialect, ADMIN_DATABASE)
    try:
        statements = SERVERS[db.dialect].drop_sql(admin, db.name)
        with contextlib.closing(admin.cursor()) as cursor:
            for sql in statements[:-1]:
                with contextlib.suppress(Exception):  # a session that ended meanwhile
                    cursor.execute(sql)
            cursor.execute(statements[-1])
    finally:
        admin.close()


class DatabaseFactory:
    """``make_db(dialect)``: a fresh, empty database; server databases are dropped when the test
    ends, or earlier with :meth:`release`."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.created: list[Db] = []

    def __call__(self, dialect: str) -> Db:
        if dialect == "sqlite":
            path = self.tmp_path / f"db_{uuid.uuid4().hex[:8]}.db"
            return Db("sqlite", f"sqlite:///{path}", path.name, path)
        db = _create_server_database(dialect)
        self.created.append(db)
        return db

    def release(self, db: Db) -> None:
        """Done with ``db`` before the test ends (a test making many databases in turn): drop it."""
        if db in self.created:
            self.created.remove(db)
            _databases.drop(db)

    def release_all(self) -> None:
        """Drop every database still held."""
        while self.created:
            _databases.drop(self.created.pop())


@pytest.fixture
def make_db(tmp_path: Path) -> Iterator[DatabaseFactory]:
    """Factory of fresh, empty databases (:class:`DatabaseFactory`)."""
    factory = DatabaseFactory(tmp_path)
    yield factory
    factory.release_all()


@pytest.fixture(params=DIALECTS)
def db(request: pytest.FixtureRequest, make_db: Callable[[str], Db]) -> Db:
    """A fresh database on each backend in turn (the contract tests run once per backend)."""
    return make_db(request.param)


@pytest.fixture
def database_url(db: Db) -> str:
    """The URL of :func:`db`."""
    return db.url


@pytest.fixture
def db_project(tmp_path: Path, db: Db) -> Project:
    """A project whose database is :func:`db` (so parametrised over the three backends)."""
    root = tmp_path / "dbproject"
    (root / "migrations").mkdir(parents=True)
    return Project(root, db.url)
