"""What a fresh apply sends per file: the bookkeeping in as few statements as the
guarantees allow, no lint under --no-lint, the file lines written in one go off a terminal,
and on MariaDB consecutive data statements sharing one commit with an exact statements_done."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from packaging.version import Version

from conftest import Db, Project
from ratchet import api
from ratchet.backends.base import Backend
from ratchet.backends.sqlite import SqliteBackend
from ratchet.cli import CliEvents
from ratchet.errors import DriverError
from ratchet.history import Tables
from ratchet.load import load_migrations
from ratchet.runner import FileResult


def write_files(migrations: Path, count: int) -> None:
    migrations.mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        (migrations / f"1.{number}.0__t{number}.sql").write_text(
            f"CREATE TABLE t{number} (id INTEGER);\nINSERT INTO t{number} VALUES ({number});\n", encoding="utf-8"
        )


def after_tables_ensured(sent: list[str]) -> int:
    """Where the per-file statements start: after ratchet's CREATE TABLE IF NOT EXISTS and their commit."""
    last = max(i for i, sql in enumerate(sent) if "CREATE TABLE IF NOT EXISTS" in sql)
    return sent.index("COMMIT", last) + 1


def verbs(statements: list[str]) -> Counter[str]:
    return Counter(" ".join(sql.split()[:2]).upper() for sql in statements)


def test_sqlite_sends_one_claim_and_two_writes_per_file(tmp_path: Path) -> None:
    write_files(tmp_path / "m", 5)
    connection = sqlite3.connect(tmp_path / "app.db")
    api.migrate(connection, tmp_path / "m")  # creates the tables and applies 1.1.0 .. 1.5.0
    write_files(tmp_path / "m", 8)
    sent: list[str] = []
    connection.set_trace_callback(sent.append)
    report = api.migrate(connection, tmp_path / "m")
    connection.close()
    assert [str(r.version) for r in report.applied] == ["1.6.0", "1.7.0", "1.8.0"]
    transactions: list[list[str]] = []
    for sql in sent[after_tables_ensured(sent) :]:
        if sql == "BEGIN IMMEDIATE":
            transactions.append([])
        if transactions and (len(transactions[-1]) == 0 or transactions[-1][-1] != "COMMIT"):
            transactions[-1].append(sql)
    files = [t for t in transactions if len(t) > 1 and t[1].startswith("SELECT (SELECT status")]
    assert len(files) == 3
    for one_file in files:
        # BEGIN, the claim, 2 statements, db_version, the history row, COMMIT; no DELETE
        assert len(one_file) == 7 and one_file[-1] == "COMMIT", one_file
        assert not any(sql.startswith("DELETE") for sql in one_file)


def test_sqlite_history_and_version_stay_exact(tmp_path: Path) -> None:
    write_files(tmp_path / "m", 3)
    api.migrate(f"sqlite:///{tmp_path / 'app.db'}", tmp_path / "m", single_transaction=True)
    with sqlite3.connect(tmp_path / "app.db") as connection:
        rows = connection.execute("SELECT version, status, statements_done FROM schema_history ORDER BY rowid")
        assert rows.fetchall() == [(f"1.{n}.0", "applied", 2) for n in (1, 2, 3)]
        version = connection.execute("SELECT value FROM system_settings WHERE key = 'db_version'").fetchone()
        assert version == ("1.3.0",)


def test_no_lint_does_not_run_the_lint_and_records_the_bypass(project: Project, sqlite_path: Path) -> None:
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    probe = (
        "import sys\nfrom ratchet.cli import main\n"
        "try:\n    main(['migrate', '--no-lint', '--database', sys.argv[1]], prog_name='ratchet')\n"
        "except SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "print('LINTER' if 'ratchet.linter.run' in sys.modules else 'NO LINTER')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, project.database], cwd=project.root, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().endswith("NO LINTER"), done.stdout
    assert "--no-lint: applying without the lint" in done.stderr
    with sqlite3.connect(sqlite_path) as connection:
        assert connection.execute("SELECT lint_bypassed FROM schema_history").fetchall() == [(1,)]


def test_file_lines_wait_for_one_write_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    from packaging.version import Version

    events = CliEvents(quiet=False)
    assert not events.tty  # pytest captures stdout
    for minor in range(3):
        events.file_finished(FileResult(Version(f"1.{minor}.0"), f"f{minor}", "applied", 1, 2))
    assert capsys.readouterr().out == ""
    events.flush()
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["1.0.0", "1.1.0", "1.2.0"]


def test_file_lines_come_before_the_error_of_a_failing_run(project: Project) -> None:
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    project.write("1.1.0__b.sql", "INSERT INTO nowhere VALUES (1);")
    result = project.ratchet("migrate")
    assert result.code == 5
    assert "1.0.0" in result.out and "applied" in result.out and "no such table: nowhere" in result.err


# --- PostgreSQL: statements per file ---------------------------------------------------------


def counting_connection(db: Db, sent: list[str], pipelined: list[bool] | None = None) -> Any:
    import psycopg

    class Counting(psycopg.Cursor[Any]):
        def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
            sent.append(str(query))
            if pipelined is not None:
                pipelined.append(bool(self.connection.pgconn.pipeline_status))
            return super().execute(query, params, **kwargs)

    return psycopg.connect(host="127.0.0.1", user="postgres", dbname=db.name, autocommit=True, cursor_factory=Counting)


#: What the runner sends to give each file the session ratchet opened (settings, role, temp tables).
SESSION_RESET = (
    "SELECT 'role', current_setting('role')",
    "SELECT CASE WHEN pg_my_temp_schema()",
    "SELECT (SELECT count(set_config(",
)


def recording_pipe(monkeypatch: pytest.MonkeyPatch, sent: list[str], pipelined: list[bool]) -> None:
    """Note the commands the backend sends in libpq's pipeline mode directly (no cursor)."""
    from ratchet.backends.postgresql_pipe import CommandPipe

    send, send_prepared = CommandPipe.send, CommandPipe.send_prepared

    def noted(pipe: CommandPipe, sql: str) -> None:
        sent.append(sql)
        pipelined.append(bool(pipe._pgconn.pipeline_status))

    def sending(pipe: CommandPipe, sql: str, params: Any = ()) -> int:
        noted(pipe, sql)
        return send(pipe, sql, params)

    def sending_prepared(pipe: CommandPipe, name: bytes, sql: str, *, prepare: bool) -> int:
        noted(pipe, sql)
        return send_prepared(pipe, name, sql, prepare=prepare)

    monkeypatch.setattr(CommandPipe, "send", sending)
    monkeypatch.setattr(CommandPipe, "send_prepared", sending_prepared)


def test_postgresql_sends_each_file_as_one_pipeline(
    tmp_path: Path, make_db: Callable[[str], Db], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = make_db("postgresql")
    write_files(tmp_path / "m", 2)
    sent: list[str] = []
    pipelined: list[bool] = []
    connection = counting_connection(db, sent, pipelined)
    recording_pipe(monkeypatch, sent, pipelined)
    api.migrate(connection, tmp_path / "m")
    write_files(tmp_path / "m", 5)
    sent.clear()
    pipelined.clear()
    report = api.migrate(connection, tmp_path / "m")
    connection.close()
    assert len(report.applied) == 3
    # the rows' statuses are read once, under the lock, for the whole run: no claim per file
    assert len([sql for sql in sent if sql.startswith("SELECT version, status FROM")]) == 1, sent
    assert not [sql for sql in sent if sql.startswith("SELECT (SELECT status")], sent
    transactions: list[list[tuple[str, bool]]] = []
    for sql, in_pipeline in zip(sent, pipelined, strict=True):
        if sql == "BEGIN":
            transactions.append([])
        if transactions and (len(transactions[-1]) == 0 or transactions[-1][-1][0] != "COMMIT"):
            transactions[-1].append((sql, in_pipeline))
    files = [t for t in transactions if any(sql.startswith("WITH bumped AS") for sql, _ in t)]
    assert len(files) == 3
    for one_file in files:
        # BEGIN, 2 statements, the session restore, db_version and the history row together, COMMIT:
        # all sent in pipeline mode (the restore waits for the answers before it, the end syncs)
        assert all(in_pipeline for _, in_pipeline in one_file), one_file
        statements = [sql for sql, _ in one_file]
        # the session reset is counted apart: its settings are read once per run (before the
        # first file), and every file restores them in one statement
        assert [s for s in statements if s.startswith(SESSION_RESET)] == [
            s for s in statements if s.startswith(SESSION_RESET[-1])
        ]
        statements = [s for s in statements if not s.startswith(SESSION_RESET)]
        assert len(statements) == 5 and statements[-1] == "COMMIT", statements
        assert statements[-2].startswith("WITH bumped AS (UPDATE")
    assert db.db_version() == "1.5.0"
    assert db.history() == {f"1.{n}.0": ("applied", 2) for n in range(1, 6)}


# --- MariaDB: consecutive data statements share a commit ---------------------------------------


#: What :func:`recording_mysql_connection` notes where it reads an answer, when asked to.
ANSWER = "<answer>"


def recording_mysql_connection(db: Db, sent: list[str], *, answers: bool = False) -> Any:
    """A PyMySQL connection (as an application passes it) that keeps every SQL text it sends,
    also those ratchet sends two at a time (and, with ``answers``, :data:`ANSWER` for each answer
    read, so that a round trip is the run of texts before it)."""
    import pymysql
    from pymysql.constants import COMMAND

    class Recording(pymysql.connections.Connection):  # type: ignore[misc]
        def _execute_command(self, command: int, sql: Any) -> Any:
            if command == COMMAND.COM_QUERY:
                sent.append(sql if isinstance(sql, str) else sql.decode())
            return super()._execute_command(command, sql)

        def _read_query_result(self, unbuffered: bool = False) -> Any:
            if answers:
                sent.append(ANSWER)
            return super()._read_query_result(unbuffered=unbuffered)

    Recording.__module__ = "pymysql.connections"  # ratchet tells drivers apart by module
    return Recording(host="127.0.0.1", user="root", database=db.name, autocommit=True)


def _updates_history(sql: str) -> bool:
    """An UPDATE of ratchet's history table (its name may be qualified with the database's)."""
    return sql.startswith("UPDATE ") and "`schema_history`" in sql.split(" SET ", 1)[0]


def test_mariadb_data_statements_share_one_commit(tmp_path: Path, make_db: Callable[[str], Db]) -> None:
    db = make_db("mysql")
    migrations = tmp_path / "m"
    migrations.mkdir()
    (migrations / "1.0.0__a.sql").write_text("CREATE TABLE a (id INTEGER);", encoding="utf-8")
    sent: list[str] = []
    connection = recording_mysql_connection(db, sent)
    api.migrate(connection, migrations)
    inserts = "".join(f"INSERT INTO a VALUES ({n});\n" for n in range(10))
    (migrations / "1.1.0__b.sql").write_text(f"CREATE TABLE b (id INTEGER);\n{inserts}", encoding="utf-8")
    sent.clear()
    api.migrate(connection, migrations)
    connection.close()
    per_file = sent[after_tables_ensured(sent) :]
    finished = next(i for i, sql in enumerate(per_file) if _updates_history(sql) and "'applied'" in sql)
    per_file = per_file[: per_file.index("COMMIT", finished) + 1]  # not what runs after the files (snapshots)
    # the running row, committed by CREATE TABLE's implicit commit as it starts; CREATE TABLE and
    # its count, each committing on its own in autocommit mode (no START TRANSACTION/COMMIT around
    # them); the ten INSERTs, db_version raised from the value the claim read (no second read) and
    # the end, in one commit
    assert per_file.count("COMMIT") == 1 and per_file.count("START TRANSACTION") == 2, per_file
    create = per_file.index("CREATE TABLE b (id INTEGER)")
    assert "COMMIT" not in per_file[:create] and _updates_history(per_file[create + 1]), per_file
    assert "statements_done = 1 " in per_file[create + 1] and per_file[create + 2] == "START TRANSACTION", per_file
    # db_version and the rows' statuses are read once per run, under the lock, before the first
    # file: no claim per file, and db_version raised from the value read then
    reads = [sql for sql in per_file if sql.startswith(("SELECT value FROM", "SELECT version, status FROM"))]
    assert len(reads) == 2 and per_file.index(reads[-1]) < per_file.index("START TRANSACTION"), per_file
    assert not [sql for sql in per_file if sql.startswith("SELECT (SELECT status")], per_file
    history_updates = [sql for sql in per_file if _updates_history(sql)]
    assert len(history_updates) == 2 and "'applied'" in history_updates[-1], per_file
    assert db.history()["1.1.0"] == ("applied", 11)
    assert db.query("SELECT COUNT(*) FROM a")[0][0] == 10


@pytest.mark.parametrize(
    ("first", "error"),
    [
        ("CREATE TABLE a (id INTEGER PRIMARY KEY)", "already exists"),
        ("CREATE TABLE a (id INTEGER PRIMARY KEY", "syntax"),
    ],
)
def test_mariadb_running_row_of_a_failing_first_ddl_is_kept(
    project: Project, make_db: Callable[[str], Db], first: str, error: str
) -> None:
    """The running row rides on the first DDL statement's implicit commit; when that statement
    fails (after its implicit commit, or before it at parsing) the row is still recorded failed."""
    db = make_db("mysql")
    db.execute("CREATE TABLE a (id INTEGER PRIMARY KEY)")
    project = Project(project.root, db.url)
    project.write("1.0.0__a.sql", f"{first};\nINSERT INTO a VALUES (1);\n")
    result = project.ratchet("migrate", "--no-lint")  # the lint would refuse the unparsable statement
    assert result.code == 5 and "statement 1 of 1.0.0" in result.err and error in result.err.lower(), result.output
    assert db.history() == {"1.0.0": ("failed", 0)}
    assert db.query("SELECT COUNT(*) FROM a")[0][0] == 0


def test_mariadb_first_ddl_lost_with_its_connection_says_the_row_may_not_exist(
    project: Project, make_db: Callable[[str], Db]
) -> None:
    """A first DDL the server refuses by dropping the connection (over max_allowed_packet) never
    reaches its implicit commit, so the running row riding on it is gone: the message must not
    claim a 'running' row, and its advice must work (a plain migrate runs the file again)."""
    db = make_db("mysql")
    limit = int(db.query("SELECT @@max_allowed_packet")[0][0])
    project = Project(project.root, db.url)
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);\n")
    project.write(
        "1.1.0__b.sql", f"CREATE TABLE b (id INTEGER) COMMENT '{'x' * (limit + 1024)}';\nINSERT INTO a VALUES (1);\n"
    )
    result = project.ratchet("migrate", "--no-lint")
    assert result.code == 5 and "statement 1 of 1.1.0" in result.err, result.err[:2000]
    assert "may not exist" in result.err and "says 'running'" not in result.err, result.err[-2000:]
    assert db.history() == {"1.0.0": ("applied", 1)}  # what the hint says to look for: no row, nothing ran
    project.write("1.1.0__b.sql", "CREATE TABLE b (id INTEGER);\nINSERT INTO a VALUES (1);\n")
    rerun = project.ratchet("migrate", "--no-lint")
    assert rerun.code == 0, rerun.output
    assert db.history() == {"1.0.0": ("applied", 1), "1.1.0": ("applied", 2)}


def mariadb_refusing_progress(project: Project, db: Db, *, statements_done: int, message: str) -> Project:
    """A project on ``db`` with 1.0.0 (table ``a``) applied, where a trigger refuses with ``message``
    the history update of 1.1.0 that records ``statements_done``."""
    project = Project(project.root, db.url)
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);\n")
    assert project.ratchet("migrate").code == 0
    db.execute(
        "CREATE TRIGGER refuse_progress BEFORE UPDATE ON schema_history FOR EACH ROW "
        f"BEGIN IF NEW.version = '1.1.0' AND NEW.statements_done = {statements_done} THEN "
        f"SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{message}'; END IF; END"
    )
    return project


def test_mariadb_progress_not_recorded_after_a_ddl_says_the_ddl_ran(
    project: Project, make_db: Callable[[str], Db]
) -> None:
    """A DDL statement commits itself; when its statements_done update then fails, the message
    must say the statement ran (not that it took effect only if a COMMIT did)."""
    db = make_db("mysql")
    project = mariadb_refusing_progress(project, db, statements_done=1, message="progress refused")
    project.write("1.1.0__b.sql", "CREATE TABLE b (id INTEGER);\nINSERT INTO a VALUES (1);\n")
    result = project.ratchet("migrate")
    assert result.code != 0 and "progress refused" in result.err, result.output
    assert "statements 1-1 have run" in result.err and "only if its COMMIT did" not in result.err, result.err
    assert "b" in db.tables()  # it did run
    # the next step's BEGIN went with the refused count: rolled back, nothing after it ran
    assert db.query("SELECT COUNT(*) FROM a") == [(0,)]
    assert db.history()["1.1.0"] == ("running", 0)
    assert db.history()["1.1.0"] == ("running", 0)


def test_mariadb_failure_in_a_group_keeps_every_earlier_statement(
    project: Project, make_db: Callable[[str], Db]
) -> None:
    db = make_db("mysql")
    project = Project(project.root, db.url)
    project.write(
        "1.0.0__a.sql",
        "CREATE TABLE a (id INTEGER PRIMARY KEY);\nINSERT INTO a VALUES (1);\nINSERT INTO a VALUES (2);\n"
        "INSERT INTO a VALUES (1);\nINSERT INTO a VALUES (3);\n",
    )
    result = project.ratchet("migrate")
    assert result.code == 5 and "statement 4 of 1.0.0" in result.err, result.output
    assert db.history() == {"1.0.0": ("failed", 3)}
    assert db.query("SELECT id FROM a ORDER BY id") == [(1,), (2,)]
    project.write(
        "1.0.0__a.sql",
        "CREATE TABLE a (id INTEGER PRIMARY KEY);\nINSERT INTO a VALUES (1);\nINSERT INTO a VALUES (2);\n"
        "INSERT INTO a VALUES (1);\nINSERT INTO a VALUES (3);\n",
    )
    db.execute("DELETE FROM a WHERE id = 1")
    retried = project.ratchet("repair", "1.0.0", "--retry")
    assert retried.code == 0, retried.output
    assert db.query("SELECT id FROM a ORDER BY id") == [(1,), (2,), (3,)]
    assert db.history() == {"1.0.0": ("applied", 5)}


def test_mariadb_file_ending_with_a_ddl_records_its_end_with_its_count(
    tmp_path: Path, make_db: Callable[[str], Db]
) -> None:
    """After a file's last statement, a DDL that committed itself, nothing of the file is left to
    run: its count, the status and db_version go in one commit (no count of its own first); in
    one statement, sent alone in autocommit, once db_version exists, which also checks the session
    (before, db_version's INSERT and the row's UPDATE share a transaction, after the compare)."""
    db = make_db("mysql")
    migrations = tmp_path / "m"
    migrations.mkdir()
    (migrations / "1.0.0__a.sql").write_text("CREATE TABLE a (id INTEGER);", encoding="utf-8")
    sent: list[str] = []
    connection = recording_mysql_connection(db, sent)
    api.migrate(connection, migrations)
    first = sent[after_tables_ensured(sent) :]
    first_end = first[first.index("CREATE TABLE a (id INTEGER)") + 1 :][:5]
    assert first_end[0] == "START TRANSACTION" and first_end[4] == "COMMIT", first_end
    assert first_end[1].startswith("SELECT (BINARY DATABASE() <=> "), first_end  # the session given back first
    assert first_end[2].startswith("INSERT INTO") and "'db_version'" in first_end[2], first_end
    assert _updates_history(first_end[3]) and "statements_done = 1" in first_end[3], first_end
    (migrations / "1.1.0__b.sql").write_text(
        "CREATE TABLE b (id INTEGER);\nINSERT INTO a VALUES (1);\nCREATE TABLE c (id INTEGER);\n", encoding="utf-8"
    )
    sent.clear()
    api.migrate(connection, migrations)
    connection.close()
    per_file = sent[after_tables_ensured(sent) :]
    end = per_file[per_file.index("CREATE TABLE c (id INTEGER)") + 1 :][:2]
    # the end, which carries the session compare: one statement, no COMMIT
    assert "`system_settings` AS s, " in end[0] and "h.statements_done = 3" in end[0] and "'applied'" in end[0], end
    assert " AND (BINARY DATABASE() <=> " in end[0] and end[1].startswith("SELECT RELEASE_LOCK("), end
    assert not [sql for sql in per_file if _updates_history(sql) and "statements_done = 3 " in sql], per_file
    assert db.history()["1.1.0"] == ("applied", 3) and db.db_version() == "1.1.0"
    # the session, unchanged by the file: read once when remembered, then compared by the server in the end
    assert len([sql for sql in per_file if sql.startswith("SELECT DATABASE(), @@SESSION.")]) == 1, per_file
    assert not [sql for sql in per_file if sql.startswith("SELECT (BINARY DATABASE() <=> ")], per_file


def test_mariadb_end_not_recorded_after_a_last_ddl_says_every_statement_ran(
    project: Project, make_db: Callable[[str], Db]
) -> None:
    db = make_db("mysql")
    project = mariadb_refusing_progress(project, db, statements_done=2, message="end refused")
    project.write("1.1.0__b.sql", "INSERT INTO a VALUES (1);\nCREATE TABLE b (id INTEGER);\n")
    result = project.ratchet("migrate")
    assert result.code != 0 and "end refused" in result.err, result.output
    assert "statements 1-2 have run" in result.err and "only if its COMMIT did" not in result.err, result.err
    assert "b" in db.tables()
    assert db.history()["1.1.0"] == ("running", 1) and db.db_version() == "1.0.0"


def test_history_rows_name_the_host_as_gethostname_does() -> None:
    """``applied_by`` takes the host from ``uname`` (no ``socket`` import); it is the same name."""
    import socket

    from ratchet.history import applied_by

    assert applied_by().rpartition("@")[2] == socket.gethostname()


def test_a_fresh_sqlite_migrate_does_not_import_socket(tmp_path: Path) -> None:
    write_files(tmp_path / "migrations", 2)
    code = (
        "import sys; from ratchet import api; "
        f"api.migrate('sqlite:///{tmp_path / 'app.db'}', {str(tmp_path / 'migrations')!r}); "
        "print('socket' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_mysql_statements_sent_in_pairs_both_run_and_the_first_failure_is_raised(make_db: Callable[[str], Db]) -> None:
    """Two statements sent at once: the server runs the second whatever the first did; each answer
    is read, so the session goes on in step, and the first failure is the one raised."""
    from ratchet.backends import open_backend
    from ratchet.errors import DriverError

    db = make_db("mysql")
    db.execute("CREATE TABLE p (id INTEGER PRIMARY KEY)")
    backend = open_backend(db.url)
    try:
        backend.execute_pair(("INSERT INTO p VALUES (%s)", (1,)), ("INSERT INTO p VALUES (%s)", (2,)))
        with pytest.raises(DriverError, match="Duplicate entry '1'"):
            backend.execute_pair(("INSERT INTO p VALUES (1)", ()), ("INSERT INTO p VALUES (3)", ()))
        with pytest.raises(DriverError, match="Duplicate entry '2'"):
            backend.execute_pair(("INSERT INTO p VALUES (4)", ()), ("INSERT INTO p VALUES (2)", ()))
        with pytest.raises(DriverError, match="Duplicate entry '1'"):  # the first of two failures
            backend.execute_pair(("INSERT INTO p VALUES (1)", ()), ("INSERT INTO p VALUES (2)", ()))
        assert backend.query("SELECT id FROM p ORDER BY id") == [(1,), (2,), (3,), (4,)]
    finally:
        backend.close()


def test_mariadb_next_file_running_row_commits_with_the_last_data_of_the_one_before(
    tmp_path: Path, make_db: Callable[[str], Db]
) -> None:
    """A file ending in data commits the next file's running row with its own end (one commit fewer:
    the next file's first DDL then has nothing to commit before itself); not a file whose guard
    query must be asked first, nor after a file ending in a DDL."""
    db = make_db("mysql")
    migrations = tmp_path / "m"
    migrations.mkdir()
    files = {
        "1.0.0__a.sql": "CREATE TABLE a (id INTEGER);\nINSERT INTO a VALUES (0);\n",
        "1.1.0__b.sql": "CREATE TABLE b (id INTEGER);\nINSERT INTO a VALUES (1);\n",
        "1.2.0__c.sql": "-- guard: require SELECT COUNT(*) FROM a\nCREATE TABLE c (id INTEGER);\n",
        "1.3.0__d.sql": "CREATE TABLE d (id INTEGER);\n",
    }
    for name, sql in files.items():
        (migrations / name).write_text(sql, encoding="utf-8")
    sent: list[str] = []
    connection = recording_mysql_connection(db, sent)
    api.migrate(connection, migrations)
    connection.close()

    def running_row(version: str) -> int:
        return next(i for i, sql in enumerate(sent) if sql.startswith("INSERT INTO") and f"('{version}', " in sql)

    def commit_after(index: int) -> int:
        return next(i for i in range(index, len(sent)) if sent[i] == "COMMIT")

    b_row = running_row("1.1.0")
    assert sent[b_row - 1].startswith("UPDATE") and "'applied'" in sent[b_row - 1], sent[b_row - 2 : b_row + 2]
    assert sent[commit_after(b_row) + 1] == "CREATE TABLE b (id INTEGER)", sent[b_row : b_row + 4]
    c_row = running_row("1.2.0")  # after its guard query, in a transaction of its own
    guard = [
        "START TRANSACTION",
        "SAVEPOINT ratchet_guard",
        "SELECT COUNT(*) FROM a",
        "ROLLBACK TO SAVEPOINT ratchet_guard",
    ]
    assert sent[c_row - 5 : c_row] == ["COMMIT", *guard], sent[c_row - 6 : c_row + 1]  # after 1.1.0's COMMIT
    d_row = running_row("1.3.0")  # after c, which ends in a DDL
    assert sent[d_row - 1] == "START TRANSACTION", sent[d_row - 3 : d_row + 1]
    assert db.history() == {
        "1.0.0": ("applied", 2),
        "1.1.0": ("applied", 2),
        "1.2.0": ("applied", 1),
        "1.3.0": ("applied", 1),
    }


def test_mariadb_file_end_and_next_running_row_go_in_one_round_trip(
    tmp_path: Path, make_db: Callable[[str], Db]
) -> None:
    """A file ending in data sends its end and the next file's running row together, then reads
    both answers: four round trips for a file of a DDL and an INSERT (the DDL; its count with the
    next START TRANSACTION and the INSERT; the end with the next row; COMMIT). Both writes carry the
    session condition, so after a file that changed the session neither writes anything before
    the session is given back."""
    db = make_db("mysql")
    migrations = tmp_path / "m"
    migrations.mkdir()
    for number, name in enumerate("abcd"):
        sql = f"CREATE TABLE {name} (id INTEGER);\nINSERT INTO {name} VALUES ({number});\n"
        if name == "c":  # leaves the session changed at its end
            sql = (
                f"CREATE TABLE {name} (id INTEGER);\nSET SESSION sql_mode = 'ANSI_QUOTES';\nINSERT INTO c VALUES (2);\n"
            )
        (migrations / f"1.{number}.0__{name}.sql").write_text(sql, encoding="utf-8")
    sent: list[str] = []
    connection = recording_mysql_connection(db, sent, answers=True)
    api.migrate(connection, migrations)
    connection.close()

    def running_row(version: str) -> int:
        return next(i for i, sql in enumerate(sent) if sql.startswith("INSERT INTO") and f"'{version}', " in sql)

    def round_trips(start: int, end: int) -> list[list[str]]:
        trips: list[list[str]] = [[]]
        for sql in sent[start:end]:
            if sql == ANSWER:
                if trips[-1]:
                    trips.append([])
            else:
                trips[-1].append(sql)
        return [trip for trip in trips if trip]

    # b, from its first statement to its COMMIT (c's running row is sent with b's end)
    trips = round_trips(sent.index("CREATE TABLE b (id INTEGER)"), sent.index("COMMIT", running_row("1.2.0")) + 1)
    assert len(trips) == 4, trips
    assert _updates_history(trips[1][0]) and "statements_done = 1 " in trips[1][0], trips
    assert trips[1][1:] == ["START TRANSACTION", "INSERT INTO b VALUES (1)"], trips
    assert trips[2][0].startswith("UPDATE") and "'applied'" in trips[2][0] and len(trips[2]) == 2, trips
    assert " WHERE (BINARY DATABASE() <=> BINARY " in trips[2][1], trips[2][1]
    assert trips[3] == ["COMMIT"], trips
    # c changed the session: its end and d's row, sent together, wrote nothing; the session given
    # back, both are written again
    d_rows = [i for i, sql in enumerate(sent) if sql.startswith("INSERT INTO") and "'1.3.0', " in sql]
    assert len(d_rows) == 2 and "sql_mode" in " ".join(sent[d_rows[0] : d_rows[1]]), sent[d_rows[0] : d_rows[1]]
    assert db.history() == {f"1.{n}.0": ("applied", 3 if n == 2 else 2) for n in range(4)}
    assert db.query("SELECT COUNT(*) FROM d")[0][0] == 1


def test_mariadb_session_condition_has_the_values_written_in(make_db: Callable[[str], Db]) -> None:
    """The session condition that every end of a file carries is built once, with the remembered
    values written into it as PyMySQL would escape them (no parameters to escape per file); a
    value whose escaping depends on the session's mode (a quote, a backslash) or that ``%``
    formatting would read stays a parameter."""
    from ratchet.backends import open_backend
    from ratchet.backends.mysql import _same_session_condition, _session_columns, _session_condition

    db = make_db("mysql")
    backend = open_backend(db.url)
    try:
        backend.remember_session()
        condition = backend.session_unchanged()
        assert condition is not None and condition[1] == (), condition
        remembered = backend._session  # type: ignore[attr-defined]
        columns = _session_columns(backend._session_variables)  # type: ignore[attr-defined]
        with backend.connection.cursor() as cursor:  # type: ignore[attr-defined]
            assert condition[0] == cursor.mogrify(_same_session_condition(columns, remembered), remembered)
        assert backend.query(f"SELECT {condition[0]}") == [(1,)]
        for odd in ("it's", "a\\b", "100%", 'say "x"'):
            changed = (odd, *remembered[1:])
            assert _session_condition(columns, changed) == (_same_session_condition(columns, changed), changed)
    finally:
        backend.close()


def test_a_file_version_is_written_out_once(tmp_path: Path) -> None:
    # a file's version is named by its claim, its history row, its lint replay and its output line
    write_files(tmp_path / "m", 2)
    loaded = load_migrations(tmp_path / "m")
    first = loaded.files[0].version
    assert str(first) == "1.1.0" and str(first) is str(first)
    assert first == Version("1.1.0") and hash(first) == hash(Version("1.1.0"))
    assert sorted([Version("1.10.0"), loaded.files[1].version, first]) == [first, Version("1.2.0"), Version("1.10.0")]


def test_each_claim_reuses_the_db_version_this_run_wrote(tmp_path: Path) -> None:
    backend = SqliteBackend(str(tmp_path / "app.db"), busy_timeout_s=1.0)
    tables = Tables(backend, "system_settings", "schema_history")
    tables.create()
    written = Version("1.2.0")
    with backend.transaction():
        tables.raise_version(written, None)
    assert tables.claim_state(Version("1.3.0"))[1] is written  # not parsed again
    with backend.transaction():
        tables.put("db_version", "1.4.0")  # written by someone else: read and parsed
    assert tables.claim_state(Version("1.5.0"))[1] == Version("1.4.0")
    assert tables.db_version() == Version("1.4.0")
    backend.close()


def begin_refusing_mysql_connection(db: Db, version: str) -> Any:
    """A PyMySQL connection (as an application passes it) whose START TRANSACTION sent right after
    the count of ``version``'s statement 1 is refused by the server (sent misspelt)."""
    import pymysql
    from pymysql.constants import COMMAND

    class RefusingBegin(pymysql.connections.Connection):  # type: ignore[misc]
        last = ""

        def _execute_command(self, command: int, sql: Any) -> Any:
            text = sql if isinstance(sql, str) else sql.decode()
            after_count = _updates_history(self.last) and "statements_done = 1 " in self.last
            if command == COMMAND.COM_QUERY and text == "START TRANSACTION" and after_count and version in self.last:
                text = "START TRANSACTON"
            self.last = text
            return super()._execute_command(command, text)

    RefusingBegin.__module__ = "pymysql.connections"  # ratchet tells drivers apart by module
    return RefusingBegin(host="127.0.0.1", user="root", database=db.name, autocommit=True)


@pytest.mark.parametrize("second", ["INSERT INTO a VALUES (1)", "INSERT INTO missing VALUES (1)"])
def test_mariadb_begin_refused_after_a_ddl_count_tells_what_ran(
    tmp_path: Path, make_db: Callable[[str], Db], second: str
) -> None:
    """The count after a DDL, the next BEGIN and the next statement go in one round trip, each run
    whatever the one before did. BEGIN refused: the statement ran on its own, committed and
    uncounted (said so, exactly), or failed (nothing after the counted DDL ran)."""
    from ratchet.errors import DatabaseError

    db = make_db("mysql")
    migrations = tmp_path / "m"
    migrations.mkdir()
    (migrations / "1.0.0__a.sql").write_text("CREATE TABLE a (id INTEGER);\n", encoding="utf-8")
    (migrations / "1.1.0__b.sql").write_text(
        f"CREATE TABLE b (id INTEGER);\n{second};\nINSERT INTO a VALUES (2);\n", encoding="utf-8"
    )
    connection = begin_refusing_mysql_connection(db, "1.1.0")
    with pytest.raises(DatabaseError) as raised:
        api.migrate(connection, migrations)
    connection.close()
    message = str(raised.value.message)
    assert "START TRANSACTON" in message or "syntax" in message.lower(), message
    assert db.history()["1.1.0"] == ("running", 1)
    if "missing" in second:
        assert "stopped after statement 1" in message and "statements 1-1 have run" in message, message
        assert db.query("SELECT id FROM a") == []
    else:
        assert "statement 2 of 1.1.0 ran" in message and "statements 1-2 have run" in message, message
        assert "statements_done = 1" in message, message
        assert db.query("SELECT id FROM a") == [(1,)]  # committed on its own; statement 3 never ran


def test_mariadb_first_statement_after_a_ddl_failing_is_recorded_exactly(
    project: Project, make_db: Callable[[str], Db]
) -> None:
    """The statement sent with the DDL's count and BEGIN fails: the count stands (the DDL ran), the
    transaction is rolled back and the row says failed after statement 1; a group of two reruns
    one commit per statement, so the one before the failing one stays."""
    db = make_db("mysql")
    project = Project(project.root, db.url)
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);\nINSERT INTO a VALUES (1, 2);\n")
    result = project.ratchet("migrate", "--no-lint")
    assert result.code == 5 and "statement 2 of 1.0.0" in result.err, result.output
    assert db.history() == {"1.0.0": ("failed", 1)} and "a" in db.tables()
    db.execute("DROP TABLE a")
    db.execute("DELETE FROM schema_history")
    project.write(
        "1.0.0__a.sql",
        "CREATE TABLE a (id INTEGER PRIMARY KEY);\nINSERT INTO a VALUES (1);\nINSERT INTO a VALUES (1);\n",
    )
    result = project.ratchet("migrate", "--no-lint")
    assert result.code == 5 and "statement 3 of 1.0.0" in result.err, result.output
    assert db.history() == {"1.0.0": ("failed", 2)}
    assert db.query("SELECT id FROM a") == [(1,)]


def test_mysql_statements_sent_together_are_written_in_one_call(make_db: Callable[[str], Db]) -> None:
    """Statements sent at once reach the socket in one write (one system call, one wake-up of the
    server), unless they are long: a long one is not copied into a joined buffer."""
    import pymysql

    from ratchet.backends.mysql import MysqlBackend

    db = make_db("mysql")
    db.execute("CREATE TABLE p (id INTEGER PRIMARY KEY, note LONGTEXT)")
    writes: list[bytes] = []

    class CountingWrites(pymysql.connections.Connection):  # type: ignore[misc]
        def _write_bytes(self, data: bytes) -> None:
            writes.append(data)
            super()._write_bytes(data)

    CountingWrites.__module__ = "pymysql.connections"
    connection = CountingWrites(host="127.0.0.1", user="root", database=db.name, autocommit=True)
    backend = MysqlBackend.from_connection(connection, busy_timeout_s=5)
    try:
        writes.clear()
        backend.execute_pair(("INSERT INTO p (id) VALUES (%s)", (1,)), ("INSERT INTO p (id) VALUES (%s)", (2,)))
        assert len(writes) == 1 and writes[0].count(b"INSERT INTO p") == 2, writes
        writes.clear()
        failures = backend.run_statement_after([("INSERT INTO p (id) VALUES (1)", ())], "INSERT INTO p (id) VALUES (3)")
        assert len(writes) == 1 and [failure is None for failure in failures] == [False, True], failures
        writes.clear()
        long = "x" * 100_000
        backend.execute_pair(("INSERT INTO p VALUES (4, %s)", (long,)), ("INSERT INTO p (id) VALUES (5)", ()))
        assert len(writes) == 2, [len(data) for data in writes]
        assert backend.query("SELECT id FROM p ORDER BY id") == [(1,), (2,), (3,), (4,), (5,)]
    finally:
        backend.close()
        connection.close()


def test_statements_run_after_ratchet_own_ones_each_whatever_came_before(tmp_path: Path) -> None:
    """Where a backend sends one at a time, ratchet's own statements and then the file's run as
    where they are sent together: each whatever the outcome of those before, every failure told."""
    backend = SqliteBackend(str(tmp_path / "a.db"), busy_timeout_s=5)
    try:
        backend.execute("CREATE TABLE p (id INTEGER PRIMARY KEY)")
        outcomes = backend.run_statement_after(
            [("INSERT INTO p VALUES (1)", ()), ("INSERT INTO missing VALUES (2)", ())], "INSERT INTO p VALUES (3)"
        )
        assert [outcome is None for outcome in outcomes] == [True, False, True], outcomes
        assert "missing" in str(outcomes[1])
        assert backend.query("SELECT id FROM p ORDER BY id") == [(1,), (3,)]
    finally:
        backend.close()


def test_statements_in_turn_stop_at_a_lost_connection() -> None:
    """Each call runs whatever the failure before it, except after a lost connection: that failure
    stands for every later call, none of which is made (what a backend that sends one statement at a
    time, MySQL without PyMySQL's internals included, tells the runner)."""
    made: list[str] = []

    def call(name: str, failure: DriverError | None = None) -> Callable[[], int]:
        def run() -> int:
            made.append(name)
            if failure is not None:
                raise failure
            return len(made)

        return run

    refused, lost = DriverError("refused"), DriverError("gone", connection_lost=True)
    outcomes = Backend.in_turn([call("a", refused), call("b"), call("c", lost), call("d")])
    assert outcomes == [refused, 2, lost, lost] and made == ["a", "b", "c"]


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO a VALUES (5);\nCALL p();\nINSERT INTO a VALUES (6);\n",
        "CREATE TABLE c (id INTEGER);\nCALL p();\nINSERT INTO a VALUES (6);\n",  # sent with the DDL's count
        "INSERT INTO a VALUES (5);\nCALL p();\n",
    ],
    ids=["between data", "after a ddl", "last"],
)
def test_mariadb_error_after_a_procedure_s_result_set_is_the_call_s_own(
    project: Project, make_db: Callable[[str], Db], sql: str
) -> None:
    """A CALL answers with the rows its procedure selects, then its status: a failure after the rows
    is statement 2's failure (row 'failed' with one statement done), not the failure of ratchet's
    next command (which would leave the row 'running' and blame the progress update)."""
    db = make_db("mysql")
    project = Project(project.root, db.url)
    project.write(
        "1.0.0__a.sql",
        "CREATE TABLE a (id INTEGER);\nCREATE PROCEDURE p() BEGIN INSERT INTO a VALUES (1); SELECT 1; "
        "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'boom'; END;\n",
    )
    project.write("1.1.0__b.sql", sql)
    result = project.ratchet("migrate", "--no-lint")
    assert result.code == 5 and "statement 2 of 1.1.0 failed" in result.err and "boom" in result.err, result.err
    assert "recording its progress" not in result.err
    assert db.history()["1.1.0"] == ("failed", 1)


def test_mariadb_group_progress_not_recorded_names_the_whole_group(
    project: Project, make_db: Callable[[str], Db]
) -> None:
    """Data statements after a DDL commit together with their count: when that count is refused, none
    of them is known to have taken effect, so the message must name the group from its first
    statement and the count the row really holds (what `repair --retry` runs again)."""
    db = make_db("mysql")
    project = mariadb_refusing_progress(project, db, statements_done=3, message="group refused")
    project.write(
        "1.1.0__b.sql", "CREATE TABLE b (id INTEGER);\nINSERT INTO a VALUES (1);\nINSERT INTO a VALUES (2);\n"
    )
    result = project.ratchet("migrate")
    assert result.code != 0 and "group refused" in result.err, result.output
    assert db.history()["1.1.0"] == ("running", 1)
    assert "statements 1-1 have run; statements 2-3 took effect only if their COMMIT did" in result.err, result.err
    assert "statements_done = 1" in result.err and "statements_done = 2" not in result.err, result.err
    assert db.query("SELECT COUNT(*) FROM a") == [(0,)]
