"""INVALID indexes after a killed CREATE INDEX CONCURRENTLY, and
failures outside a statement (a killed session, COMMIT, a full disk, a deleted database file)
reported with file, version, statement, the state left behind and the next step."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import ratchet
from conftest import RATCHET, Db, Project, server_connect
from ratchet.errors import DatabaseError
from ratchet.events import Events


def wait_for(probe: Callable[[], Any], what: str, attempts: int = 400) -> Any:
    """Poll ``probe`` until it returns something truthy (bounded)."""
    for _ in range(attempts):
        found = probe()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def start_ratchet(project: Project, *args: str) -> subprocess.Popen[str]:
    """The real CLI in a process of its own (so it can be killed)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RATCHET_")}
    return subprocess.Popen(
        [RATCHET, *args, "--database", project.database],
        cwd=project.root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def index_valid(db: Db, name: str) -> bool:
    rows = db.query(f"SELECT indisvalid FROM pg_index WHERE indexrelid = '{name}'::regclass")
    return bool(rows[0][0])


# --- 9. INVALID indexes -----------------------------------------------------------------------


@pytest.fixture
def killed_index_build(tmp_path: Path, make_db: Callable[[str], Db]) -> tuple[Project, Db]:
    """A PostgreSQL database where ratchet was SIGKILLed inside ``CREATE INDEX CONCURRENTLY``:
    the index is INVALID and 1.1.0's history row says 'running'."""
    db = make_db("postgresql")
    project = Project(tmp_path, db.url)
    project.write("1.0.0__t.sql", "CREATE TABLE t (x INTEGER);\nINSERT INTO t VALUES (1), (2);")
    project.write("1.1.0__index.sql", "-- guard: no-transaction\nCREATE INDEX CONCURRENTLY t_x_idx ON t (x);")
    assert project.ratchet("migrate", "--to", "1.0.0").code == 0
    holder = server_connect("postgresql", db.name)
    try:
        # an open snapshot makes the index build wait in its last phase, with the index in the catalog
        holder.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        holder.execute("SELECT count(*) FROM t")
        runner = start_ratchet(project, "migrate")
        waiting = (
            "SELECT pid FROM pg_stat_activity "
            "WHERE query LIKE 'CREATE INDEX CONCURRENTLY t_x_idx%' AND wait_event_type = 'Lock'"
        )
        pid = wait_for(lambda: db.query(waiting), "the index build to wait")[0][0]
        runner.kill()
        runner.communicate(timeout=30)
        db.execute(f"SELECT pg_terminate_backend({int(pid)})")
        wait_for(lambda: not db.query(f"SELECT 1 FROM pg_stat_activity WHERE pid = {int(pid)}"), "the build to end")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not index_valid(db, "t_x_idx")
    assert db.history() == {"1.0.0": ("applied", 2), "1.1.0": ("running", 0)}
    return project, db


def test_repair_and_validate_name_the_invalid_index_a_killed_build_left(killed_index_build: tuple[Project, Db]) -> None:
    project, db = killed_index_build
    for how in ("--retry", "--mark-applied"):
        result = project.ratchet("repair", "1.1.0", how)
        assert result.code == 4, result.output
        assert "migration 1.1.0 left INVALID index(es): t_x_idx (on t); nothing was changed" in result.err
        assert "DROP INDEX CONCURRENTLY t_x_idx" in result.err
        assert db.history()["1.1.0"] == ("running", 0) and db.db_version() == "1.0.0"
        assert not index_valid(db, "t_x_idx")
    result = project.ratchet("validate")
    assert result.code == 1, result.output
    assert "index t_x_idx on t is INVALID, left by migration 1.1.0" in result.out
    drift = json.loads(project.ratchet("validate", "--json").out)["drift"]
    assert {"kind": "invalid-index", "version": "1.1.0"}.items() <= next(
        d for d in drift if d["kind"] == "invalid-index"
    ).items()
    # the advice works: drop it, retry, and everything is valid
    db.execute("DROP INDEX CONCURRENTLY t_x_idx")
    result = project.ratchet("repair", "1.1.0", "--retry")
    assert result.code == 0, result.output
    assert index_valid(db, "t_x_idx")
    assert db.history()["1.1.0"] == ("applied", 1) and db.db_version() == "1.1.0"
    assert project.ratchet("validate").code == 0


def test_validate_reports_an_invalid_index_no_migration_names(tmp_path: Path, make_db: Callable[[str], Db]) -> None:
    db = make_db("postgresql")
    project = Project(tmp_path, db.url)
    project.write("1.0.0__t.sql", "CREATE TABLE t (x INTEGER);")
    assert project.ratchet("migrate").code == 0
    db.execute("CREATE TABLE other (x INTEGER)")
    db.execute("INSERT INTO other VALUES (1), (1)")
    with pytest.raises(Exception, match="could not create unique index"):
        db.execute("CREATE UNIQUE INDEX CONCURRENTLY other_x_key ON other (x)")
    result = project.ratchet("validate")
    assert result.code == 1, result.output
    assert "index other_x_key on other is INVALID (a failed" in result.out


def test_mark_applied_after_a_failed_unique_build_names_the_index(tmp_path: Path, make_db: Callable[[str], Db]) -> None:
    db = make_db("postgresql")
    project = Project(tmp_path, db.url)
    project.write("1.0.0__t.sql", "CREATE TABLE t (x INTEGER);\nINSERT INTO t VALUES (1), (1);")
    project.write("1.1.0__unique.sql", "-- guard: no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY t_x_key ON t (x);")
    assert project.ratchet("migrate").code == 5
    result = project.ratchet("repair", "1.1.0", "--mark-applied")
    assert result.code == 4, result.output
    assert "t_x_key (on t)" in result.err
    assert db.history()["1.1.0"] == ("failed", 0)
    assert project.ratchet("validate").code == 1


# --- 10. failures with context ----------------------------------------------------------------


def _row_locked(db: Db) -> Any:
    """A connection holding a lock on the row ``locked.id = 1`` until it rolls back."""
    connection = server_connect(db.dialect, db.name)
    cursor = connection.cursor()
    cursor.execute("BEGIN" if db.dialect == "postgresql" else "START TRANSACTION")
    cursor.execute("SELECT * FROM locked WHERE id = 1 FOR UPDATE")
    return connection


@pytest.mark.parametrize("dialect", ["postgresql", "mysql"])
def test_a_killed_session_is_reported_with_file_statement_state_and_next_step(
    tmp_path: Path, make_db: Callable[[str], Db], dialect: str
) -> None:
    db = make_db(dialect)
    project = Project(tmp_path, db.url)
    project.write("1.0.0__locked.sql", "CREATE TABLE locked (id INTEGER PRIMARY KEY, v INTEGER);")
    header = "-- guard: no-transaction\n" if dialect == "postgresql" else ""
    project.write(
        "1.1.0__wait.sql",
        f"{header}CREATE TABLE first_one (id INTEGER);\nUPDATE locked SET v = 2 WHERE id = 1;\n"
        "CREATE TABLE never (id INTEGER);",
    )
    assert project.ratchet("migrate", "--to", "1.0.0").code == 0
    db.execute("INSERT INTO locked VALUES (1, 1)")
    holder = _row_locked(db)
    try:
        runner = start_ratchet(project, "migrate")
        if dialect == "postgresql":
            probe = (
                "SELECT pid FROM pg_stat_activity WHERE query LIKE 'UPDATE locked%%' AND wait_event_type = 'Lock' "
                "AND datname = %s"
            )
            session = wait_for(lambda: db.query(probe, (db.name,)), "the UPDATE to wait")[0][0]
            db.execute(f"SELECT pg_terminate_backend({int(session)})")
        else:
            # this test's database only: the server is shared with other test runs
            probe = "SELECT id FROM information_schema.processlist WHERE info LIKE 'UPDATE locked%%' AND db = %s"
            session = wait_for(lambda: db.query(probe, (db.name,)), "the UPDATE to wait")[0][0]
            db.execute(f"KILL {int(session)}")
        _, err = runner.communicate(timeout=60)
    finally:
        holder.rollback()
        holder.close()
    assert runner.returncode == 5, err
    assert "Traceback" not in err
    line = next(line for line in err.splitlines() if line.startswith("ratchet: error:"))
    statement_line = 3 if header else 2
    assert f"1.1.0__wait.sql:{statement_line}: statement 2 of 1.1.0 failed: lost the connection to" in line, err
    assert "the database could not roll back" in err
    assert "SQL: UPDATE locked SET v = 2 WHERE id = 1" in err
    assert "the history row could not be marked failed" in err and "statements_done = 1" in err
    assert "ratchet repair 1.1.0 --retry" in err and "--mark-applied" in err
    assert db.history()["1.1.0"] == ("running", 1)
    assert "first_one" in db.tables() and "never" not in db.tables()
    assert db.db_version() == "1.0.0"


DEFERRED = (
    "CREATE TABLE parent (id INTEGER PRIMARY KEY);\n"
    "CREATE TABLE child (parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);\n"
    "INSERT INTO child VALUES (42);"
)


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])  # MySQL has no deferred constraints
def test_a_deferred_foreign_key_failing_at_commit(tmp_path: Path, make_db: Callable[[str], Db], dialect: str) -> None:
    db = make_db(dialect)
    project = Project(tmp_path, db.url)
    project.write("1.0.0__base.sql", "CREATE TABLE base (id INTEGER);")
    project.write("1.1.0__deferred.sql", DEFERRED)
    assert project.ratchet("migrate", "--to", "1.0.0").code == 0
    before = db.snapshot()
    for args in (("migrate",), ("migrate", "--single-transaction")):
        result = project.ratchet(*args)
        assert result.code == 5, result.output
        first = result.err.splitlines()[0]
        assert "1.1.0__deferred.sql: COMMIT of 1.1.0 failed, after its 3 statement(s) ran:" in first, result.err
        assert "foreign key" in first.lower()
        assert "the file was rolled back: the database is at the version before 1.1.0" in result.err
        assert "hint: fix the cause" in result.err and "ratchet migrate" in result.err
        assert db.snapshot() == before


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 512 KB tmpfs (needs the right to mount: root in the CI container)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_at_commit(tiny_disk: Path) -> None:
    project = Project(tiny_disk, f"sqlite:///{tiny_disk / 'app.db'}")
    project.write("1.0.0__base.sql", "CREATE TABLE base (id INTEGER);")
    # a small transaction is written out at COMMIT: the statements succeed, the COMMIT cannot
    project.write("1.1.0__grow.sql", "CREATE TABLE grow (x TEXT);\nINSERT INTO grow VALUES (hex(zeroblob(60000)));")
    assert project.ratchet("migrate", "--to", "1.0.0").code == 0
    filler = tiny_disk / "filler"
    free = os.statvfs(tiny_disk)
    filler.write_bytes(b"\0" * (free.f_bavail * free.f_frsize - 8 * 4096))  # room for the journal only
    result = project.ratchet("migrate")
    assert result.code == 5, result.output
    assert "Traceback" not in result.err
    first = result.err.splitlines()[0]
    assert "1.1.0__grow.sql: COMMIT of 1.1.0 failed, after its 2 statement(s) ran" in first, result.err
    assert "disk is full" in first
    assert "database left at the version before 1.1.0" in result.err or "is at the version before 1.1.0" in result.err
    filler.unlink()
    connection = sqlite3.connect(tiny_disk / "app.db")
    try:
        assert connection.execute("SELECT value FROM system_settings WHERE key = 'db_version'").fetchone() == ("1.0.0",)
        assert connection.execute("SELECT name FROM sqlite_master WHERE name = 'grow'").fetchall() == []
    finally:
        connection.close()


class _DeleteTheDatabase(Events):
    """Deletes the SQLite file after the first statement of 1.1.0 (what an operator's cleanup does)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def statement_done(self, prepared: Any, number: int) -> None:
        if str(prepared.file.version) == "1.1.0" and number == 1:
            self.path.unlink()


def test_a_database_file_deleted_mid_run_is_not_reported_applied(project: Project, sqlite_path: Path) -> None:
    project.write("1.0.0__base.sql", "CREATE TABLE base (id INTEGER);")
    project.write("1.1.0__more.sql", "CREATE TABLE more (id INTEGER);")
    project.write("1.2.0__last.sql", "CREATE TABLE last (id INTEGER);")
    with pytest.raises(DatabaseError) as raised:
        ratchet.migrate(project.database, project.migrations, events=_DeleteTheDatabase(sqlite_path))
    message = str(raised.value)
    assert raised.value.exit_code == 5
    assert message.startswith(f"{project.migrations / '1.1.0__more.sql'}: COMMIT of 1.1.0 failed"), message
    assert f"the database file {sqlite_path} was deleted or replaced while ratchet ran" in message
    assert "this commit went into the deleted file" in message
    assert not sqlite_path.exists()  # and 1.2.0 was never tried


def test_a_read_only_database_directory(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    project = Project(tmp_path, f"sqlite:///{folder / 'app.db'}")
    (tmp_path / "migrations").mkdir()
    project.write("1.0.0__base.sql", "CREATE TABLE base (id INTEGER);")
    assert project.ratchet("migrate").code == 0
    project.write("1.1.0__more.sql", "CREATE TABLE more (id INTEGER);")
    # root ignores file modes, so the directory is made read-only with a read-only bind mount
    if subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True).returncode != 0:
        pytest.skip("cannot bind-mount here")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=True, capture_output=True)
        result = project.ratchet("migrate")
        assert result.code == 5, result.output
        assert "1.1.0__more.sql:1: statement 1 of 1.1.0 failed: attempt to write a readonly database" in result.err
        assert "database left at the version before 1.1.0" in result.err
        result = project.ratchet("settings", "set", "theme", "dark")
        assert result.code == 5, result.output
        assert "cannot set 'theme' in sqlite:///" in result.err and "nothing was changed" in result.err
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
    connection = sqlite3.connect(folder / "app.db")
    try:
        assert connection.execute("SELECT value FROM system_settings WHERE key = 'db_version'").fetchone() == ("1.0.0",)
        assert connection.execute("SELECT count(*) FROM system_settings").fetchone() == (1,)
    finally:
        connection.close()


class _KillAfterFirstStatement(Events):
    """Ends ratchet's session on the server right after 1.1.0's first statement ran, before its
    progress is recorded (what a failover or an operator's KILL at the wrong moment does)."""

    def __init__(self, db: Db) -> None:
        self.db = db

    def statement_done(self, prepared: Any, number: int) -> None:
        if str(prepared.file.version) != "1.1.0" or number != 1:
            return
        if self.db.dialect == "postgresql":
            sessions = "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()"
            kill = "SELECT pg_terminate_backend({})"
        else:
            sessions = "SELECT id FROM information_schema.processlist WHERE db = %s AND id <> CONNECTION_ID()"
            kill = "KILL {}"
        connection = server_connect(self.db.dialect, self.db.name)
        try:
            cursor = connection.cursor()
            cursor.execute(sessions, (self.db.name,))
            for (session,) in cursor.fetchall():
                cursor.execute(kill.format(int(session)))
        finally:
            connection.close()


@pytest.mark.parametrize("dialect", ["postgresql", "mysql"])
def test_a_session_killed_before_progress_is_recorded(
    tmp_path: Path, make_db: Callable[[str], Db], dialect: str
) -> None:
    db = make_db(dialect)
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    (migrations / "1.0.0__base.sql").write_text("CREATE TABLE base (id INTEGER);")
    header = "-- guard: no-transaction\n" if dialect == "postgresql" else ""
    (migrations / "1.1.0__two.sql").write_text(
        f"{header}CREATE TABLE one (id INTEGER);\nCREATE TABLE two (id INTEGER);"
    )
    ratchet.migrate(db.url, migrations, to="1.0.0")
    with pytest.raises(DatabaseError) as raised:
        ratchet.migrate(db.url, migrations, events=_KillAfterFirstStatement(db))
    message = str(raised.value)
    line = 2 if header else 1
    assert f"1.1.0__two.sql:{line}: statement 1 of 1.1.0 ran, but recording its progress failed: lost the" in message
    assert "the history row says 'running' with statements_done = 0" in message
    assert "ratchet repair 1.1.0 --retry" in message and "--mark-applied" in message
    assert db.history()["1.1.0"] == ("running", 0)
    assert "one" in db.tables() and "two" not in db.tables()
