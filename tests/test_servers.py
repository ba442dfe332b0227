"""What only the server backends do: connection errors, the migration lock, lock-timeout
guards, PostgreSQL's INVALID indexes and MySQL's notice and key column."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from packaging.version import Version

import ratchet
from conftest import SERVER_DIALECTS, Db, Project, require_server, server_connect
from ratchet.backends.mysql import lock_name
from ratchet.backends.postgresql import LOCK_KEY

SERVERS = SERVER_DIALECTS
PASSWORD = "s3cret-pw"


@pytest.fixture(params=SERVERS)
def server_db(request: pytest.FixtureRequest, make_db: Callable[[str], Db]) -> Db:
    """A fresh database on each server in turn."""
    return make_db(request.param)


@pytest.fixture
def server_project(server_db: Db, project: Project) -> Project:
    """A project on :func:`server_db` with a 1-second migration lock timeout."""
    (project.root / "pyproject.toml").write_text('[tool.ratchet]\nlock-timeout = "1s"\n', encoding="utf-8")
    return Project(project.root, server_db.url)


CONNECTION_FAILURES = [
    ("postgresql", f"postgresql://postgres:{PASSWORD}@127.0.0.1:1/test", "connection refused"),
    ("postgresql", f"postgresql://ratchet_no_role:{PASSWORD}@127.0.0.1:5432/test", "authentication failed"),
    ("postgresql", f"postgresql://postgres:{PASSWORD}@127.0.0.1:5432/ratchet_no_db", "database does not exist"),
    ("mysql", f"mysql://root:{PASSWORD}@127.0.0.1:1/test", "connection refused"),
    ("mysql", f"mysql://root:{PASSWORD}@127.0.0.1:3306/test", "authentication failed"),
    ("mysql", "mysql://root@127.0.0.1:3306/ratchet_no_db", "database does not exist"),
]


@pytest.mark.parametrize(("dialect", "url", "what"), CONNECTION_FAILURES)
def test_connection_failures_give_one_masked_line_and_exit_5(
    project: Project, dialect: str, url: str, what: str
) -> None:
    require_server(dialect)
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    for command in (("migrate",), ("status",), ("settings", "list")):
        result = project.ratchet(*command, "--database", url)
        assert result.code == 5, result.output
        assert result.err.count("\n") == 1, result.err
        assert what in result.err
        assert "cannot connect to" in result.err
        assert PASSWORD not in result.output
        assert "Traceback" not in result.output
    if ":" + PASSWORD in url:
        assert ":***@" in result.err


def _hold_lock(db: Db) -> object:
    connection = server_connect(db.dialect, db.name)
    cursor = connection.cursor()
    if db.dialect == "postgresql":
        cursor.execute("SELECT pg_advisory_lock(%s)", (LOCK_KEY,))
    else:
        cursor.execute("SELECT GET_LOCK(%s, 0)", (lock_name(db.name),))
        assert cursor.fetchall()[0][0] == 1
    return connection


def test_lock_timeout_exits_4_with_one_line(server_project: Project, server_db: Db) -> None:
    server_project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    holder = _hold_lock(server_db)
    try:
        result = server_project.ratchet("migrate")
    finally:
        holder.close()  # type: ignore[attr-defined]
    assert result.code == 4, result.output
    assert "held the migration lock" in result.err and "lock-timeout" in result.err
    errors = [line for line in result.err.splitlines() if not line.startswith("ratchet: warning:")]
    assert len(errors) == 1 and errors[0].startswith("ratchet: error:")
    assert server_db.tables() == []
    assert server_project.ratchet("migrate").code == 0


def test_lock_timeout_guard_sets_the_session_timeout(server_project: Project, server_db: Db) -> None:
    probe = (
        "CREATE TABLE probe AS SELECT current_setting('lock_timeout') AS v"
        if server_db.dialect == "postgresql"
        else "CREATE TABLE probe AS SELECT @@SESSION.lock_wait_timeout AS v"
    )
    server_project.write("1.0.0__probe.sql", f"-- guard: lock-timeout 3s\n{probe};")
    result = server_project.ratchet("migrate")
    assert result.code == 0, result.output
    assert str(server_db.query("SELECT v FROM probe")[0][0]) in ("3s", "3")


def test_a_statement_blocked_past_its_lock_timeout_fails_cleanly(server_project: Project, server_db: Db) -> None:
    server_project.write("1.0.0__t.sql", "CREATE TABLE t (id INTEGER);")
    assert server_project.ratchet("migrate").code == 0
    server_project.write("1.1.0__add.sql", "-- guard: lock-timeout 1s\nALTER TABLE t ADD COLUMN c INTEGER;")
    blocker = server_connect(server_db.dialect, server_db.name)
    try:
        cursor = blocker.cursor()
        cursor.execute("BEGIN")
        cursor.execute("SELECT * FROM t")  # holds a shared lock on t until the transaction ends
        result = server_project.ratchet("migrate")
    finally:
        blocker.close()
    assert result.code == 5, result.output
    assert "1.1.0__add.sql:2" in result.err and "lock" in result.err.lower()
    assert "Traceback" not in result.err
    assert server_db.db_version() == "1.0.0"


def test_postgresql_reports_an_invalid_index(project: Project, make_db: Callable[[str], Db]) -> None:
    db = make_db("postgresql")
    project = Project(project.root, db.url)
    project.write("1.0.0__t.sql", "CREATE TABLE t (x INTEGER);\nINSERT INTO t VALUES (1), (1);")
    project.write(
        "1.1.0__unique.sql",
        "-- guard: no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY t_x_key ON t (x);",
    )
    result = project.ratchet("migrate")
    assert result.code == 5, result.output
    assert "INVALID index(es) left by the failed statement: t_x_key" in result.err
    assert "DROP INDEX CONCURRENTLY t_x_key" in result.err
    assert "ratchet repair 1.1.0 --retry" in result.err
    assert db.history()["1.1.0"] == ("failed", 0)
    db.execute("DROP INDEX CONCURRENTLY t_x_key")
    db.execute("DELETE FROM t WHERE ctid = (SELECT max(ctid) FROM t)")
    assert project.ratchet("repair", "1.1.0", "--retry").code == 0
    assert db.query("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_x_key'::regclass") == [(True,)]


def _with_an_old_invalid_index(db: Db) -> None:
    db.execute("CREATE TABLE old (x INTEGER)")
    db.execute("INSERT INTO old VALUES (1), (1)")
    with pytest.raises(Exception, match="could not create unique index"):
        db.execute("CREATE UNIQUE INDEX CONCURRENTLY old_x_key ON old (x)")
    assert db.query("SELECT indisvalid FROM pg_index WHERE indexrelid = 'old_x_key'::regclass") == [(False,)]


@pytest.mark.parametrize(
    ("sql", "says"),
    [
        (
            "CREATE UNIQUE INDEX CONCURRENTLY t_x_key ON t (x);",
            "INVALID index(es) left by the failed statement: t_x_key;",
        ),
        ("SELECT 1 / 0;", "division by zero"),
    ],
)
def test_postgresql_names_only_the_invalid_indexes_the_file_left(
    tmp_path: Path, make_db: Callable[[str], Db], sql: str, says: str
) -> None:
    db = make_db("postgresql")
    _with_an_old_invalid_index(db)
    project = Project(tmp_path, db.url)
    project.write("1.0.0__t.sql", "CREATE TABLE t (x INTEGER);\nINSERT INTO t VALUES (1), (1);")
    project.write("1.1.0__fails.sql", f"-- guard: no-transaction\n{sql}")
    result = project.ratchet("migrate")
    assert result.code == 5, result.output
    assert says in result.err
    assert "old_x_key" not in result.err
    assert result.err.count("INVALID") == (1 if "INDEX" in sql else 0)


def test_mysql_says_once_that_it_cannot_roll_back(project: Project, make_db: Callable[[str], Db]) -> None:
    db = make_db("mysql")
    project = Project(project.root, db.url)
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    project.write("1.1.0__b.sql", "CREATE TABLE b (id INTEGER);")
    result = project.ratchet("migrate")
    assert result.code == 0, result.output
    assert result.output.count("MySQL cannot roll back schema changes") == 1
    assert "ratchet: warning: MySQL cannot roll back schema changes" in result.err
    assert "cannot roll back" not in project.ratchet("migrate").output  # nothing to apply, nothing to say
    rows = db.query(
        "SELECT column_type, collation_name FROM information_schema.columns "
        "WHERE table_schema = DATABASE() AND table_name = 'system_settings' AND column_name = 'key'"
    )
    assert rows == [("varchar(191)", "utf8mb4_nopad_bin")]


def test_mysql_statements_done_advances_per_statement(project: Project, make_db: Callable[[str], Db]) -> None:
    db = make_db("mysql")
    project = Project(project.root, db.url)
    project.write(
        "1.0.0__a.sql",
        "CREATE TABLE a (id INTEGER);\nINSERT INTO a VALUES (1);\nINSERT INTO a VALUES (2);\n"
        "INSERT INTO nope VALUES (3);",
    )
    result = project.ratchet("migrate")
    assert result.code == 5, result.output
    assert db.history() == {"1.0.0": ("failed", 3)}
    assert db.query("SELECT id FROM a ORDER BY id") == [(1,), (2,)]
    status = project.ratchet("status")
    assert "failed" in status.out and "ratchet repair 1.0.0" in status.out


def test_mysql_refuses_single_transaction(project: Project, make_db: Callable[[str], Db]) -> None:
    db = make_db("mysql")
    project = Project(project.root, db.url)
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    result = project.ratchet("migrate", "--single-transaction")
    assert result.code == 2, result.output
    assert "not possible on mysql" in result.err and "commits implicitly" in result.err
    assert db.tables() == []


DRIVERS = [("psycopg", "postgresql", "postgres"), ("pymysql", "mysql", "mysql")]


@pytest.mark.parametrize(("module", "url", "extra"), DRIVERS)
def test_missing_driver_names_the_extra(project: Project, module: str, url: str, extra: str) -> None:
    # The driver made unimportable in the real CLI process, as on an install without the extra.
    code = f"import sys; sys.modules[{module!r}] = None; from ratchet.cli import run; run()"
    done = subprocess.run(
        [sys.executable, "-c", code, "status", "--database", f"{url}://u:{PASSWORD}@127.0.0.1/app"],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert f"install ratchet-migrations[{extra}]" in done.stderr
    assert PASSWORD not in done.stderr and "Traceback" not in done.stderr


def test_postgresql_single_transaction_is_all_or_nothing(project: Project, make_db: Callable[[str], Db]) -> None:
    db = make_db("postgresql")
    project = Project(project.root, db.url)
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    project.write("1.1.0__b.sql", "CREATE TABLE b (id INTEGER);")
    project.write("1.2.0__c.sql", "INSERT INTO nowhere VALUES (1);")
    failed = project.ratchet("migrate", "--single-transaction")
    assert failed.code == 5, failed.output
    assert db.tables() == ["schema_history", "system_settings"]
    assert db.db_version() is None
    project.write("1.2.0__c.sql", "CREATE TABLE c (id INTEGER);")
    assert project.ratchet("migrate", "--single-transaction").code == 0
    assert db.db_version() == "1.2.0"
    assert db.tables() == ["a", "b", "c", "schema_history", "system_settings"]


def test_mysql_single_transaction_is_refused_with_only_repeatables_pending(
    project: Project, make_db: Callable[[str], Db]
) -> None:
    """Refused on MySQL when only repeatables are pending too (a dry run as well), so a deploy script does not pass
    on a day with only a repeatable file and fail on the next."""
    db = make_db("mysql")
    project = Project(project.root, db.url)
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    assert project.ratchet("migrate").code == 0
    project.write("R__a_view.sql", "CREATE OR REPLACE VIEW a_view AS SELECT id FROM a;")
    for extra in ((), ("--dry-run",)):
        refused = project.ratchet("migrate", "--single-transaction", *extra)
        assert refused.code == 2 and "--single-transaction is not possible on mysql" in refused.err, refused.output
    assert "a_view" not in db.tables()
    assert project.ratchet("migrate").code == 0


@pytest.mark.parametrize("dialect", SERVERS)
def test_api_with_a_dict_row_connection(make_db: Callable[[str], Db], dialect: str, project: Project) -> None:
    db = make_db(dialect)
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    if dialect == "postgresql":
        import psycopg
        from psycopg.rows import dict_row

        connection: Any = psycopg.connect(host="127.0.0.1", user="postgres", dbname=db.name, row_factory=dict_row)
    else:
        import pymysql
        import pymysql.cursors

        connection = pymysql.connect(
            host="127.0.0.1", user="root", database=db.name, cursorclass=pymysql.cursors.DictCursor
        )
    try:
        assert [r.outcome for r in ratchet.migrate(connection, project.migrations).applied] == ["applied"]
        assert ratchet.list_system_settings(connection) == {"db_version": "1.0.0"}
        assert ratchet.status(connection, project.migrations).plan.db_version == Version("1.0.0")
    finally:
        connection.close()


def test_mysql_cannot_roll_back_warning_is_not_printed_quietly_nor_before_a_refusal(
    project: Project, make_db: Callable[[str], Db]
) -> None:
    db = make_db("mysql")
    project = Project(project.root, db.url)
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    quiet = project.ratchet("migrate", "--quiet")
    assert (quiet.code, quiet.out, quiet.err) == (0, "", "")
    project.write("1.1.0__drop.sql", "DROP TABLE a;")
    refused_by_lint = project.ratchet("migrate")
    assert refused_by_lint.code == 1 and "nothing was applied" in refused_by_lint.err
    project.write("1.1.0__drop.sql", "CREATE TABLE b (id INTEGER);")
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER, edited INTEGER);")
    refused_by_drift = project.ratchet("migrate")
    assert refused_by_drift.code == 4 and "refusing to migrate" in refused_by_drift.err
    for result in (refused_by_lint, refused_by_drift):
        assert "cannot roll back" not in result.output, result.output
    assert db.db_version() == "1.0.0"
