"""PostgreSQL sends a plain file as one pipeline; differential test against the ordinary path
(one round trip per statement, the reference): for every case the same exit code, the same
messages, the same history rows, ``db_version``, tables and rows, and the same session left to
an application's connection. A file whose statement fails in the pipeline is rolled back, the
statement named from the answers that came before it (nothing runs twice); ratchet's own statements or the COMMIT
failing after the pipeline ran are reported as on the ordinary path."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest

from conftest import Db, Project
from ratchet import api
from ratchet.backends.postgresql import PostgresBackend
from ratchet.backends.postgresql_pipe import CommandPipe

_TRIGGER = (
    "CREATE FUNCTION refuse_1_1() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF NEW.version = '1.1.0' THEN RAISE EXCEPTION 'history refused'; END IF; RETURN NEW; END $$"
)

#: name -> (files in order, the exit code both paths give, SQL run on the database before)
CASES: dict[str, tuple[list[tuple[str, str]], int, list[str]]] = {
    "plain files": (
        [
            ("1.0.0__a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT);\nINSERT INTO a VALUES (1, 'x;y');\n"),
            ("1.1.0__b.sql", "SELECT 1;\nINSERT INTO a VALUES (2, $$dollar 'quoted'$$);\n"),
            ("1.2.0__c.sql", "DO $$ BEGIN INSERT INTO a VALUES (3, 'do'); END $$;\n"),
            ("1.3.0__empty.sql", "-- nothing to do here\n"),
        ],
        0,
        [],
    ),
    "a statement fails in the middle": (
        [
            ("1.0.0__a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);\n"),
            (
                "1.1.0__b.sql",
                "CREATE TABLE b (id INTEGER);\nINSERT INTO nowhere VALUES (1);\nCREATE TABLE c (id INTEGER);\n",
            ),
        ],
        5,
        [],
    ),
    "the first statement is refused at parsing": (
        [("1.0.0__a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY\n;\nCREATE TABLE b (id INTEGER);\n")],
        5,
        [],
    ),
    "a file changes the session": (
        [
            (
                "1.0.0__a.sql",
                "CREATE SCHEMA other;\nSET search_path TO other;\nSET statement_timeout = '7s';\n"
                "CREATE TABLE inside (id INTEGER);\n",
            ),
            ("1.1.0__b.sql", "CREATE TABLE outside (id INTEGER);\n"),
        ],
        0,
        [],
    ),
    "a temporary table named like ratchet's history": (
        [
            ("1.0.0__a.sql", "CREATE TEMPORARY TABLE schema_history (version TEXT);\nCREATE TABLE a (id INTEGER);\n"),
            ("1.1.0__b.sql", "CREATE TABLE b (id INTEGER);\n"),
        ],
        0,
        [],
    ),
    "a deferred constraint fails at COMMIT": (
        [
            ("1.0.0__a.sql", "CREATE TABLE p (id INTEGER PRIMARY KEY);\n"),
            (
                "1.1.0__b.sql",
                "CREATE TABLE c (pid INTEGER REFERENCES p DEFERRABLE INITIALLY DEFERRED);\nINSERT INTO c VALUES (1);\n",
            ),
        ],
        5,
        [],
    ),
    "ratchet's history row is refused after the statements ran": (
        [
            ("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);\n"),
            ("1.1.0__b.sql", "CREATE TABLE b (id INTEGER);\nINSERT INTO a VALUES (1);\n"),
        ],
        5,
        [
            "CREATE TABLE schema_history (version TEXT PRIMARY KEY, description TEXT NOT NULL, checksum TEXT "
            "NOT NULL, status TEXT NOT NULL, waivers TEXT NOT NULL DEFAULT '[]', applied_at TEXT NOT NULL, "
            "duration_ms BIGINT NOT NULL DEFAULT 0, applied_by TEXT NOT NULL, statements_done INTEGER NOT NULL "
            "DEFAULT 0, error TEXT, lint_bypassed INTEGER NOT NULL DEFAULT 0)",
            _TRIGGER,
            "CREATE TRIGGER refuse BEFORE INSERT ON schema_history FOR EACH ROW EXECUTE FUNCTION refuse_1_1()",
        ],
    ),
}


@contextmanager
def counting_pipelines(monkeypatch: pytest.MonkeyPatch, *, enabled: bool) -> Iterator[list[int]]:
    """Count the files sent as a pipeline; with ``enabled`` False the backend says it cannot
    pipeline, so every file takes the ordinary path (the reference)."""
    entered: list[int] = []
    original = PostgresBackend.pipeline

    @contextmanager
    def pipeline(self: PostgresBackend) -> Iterator[None]:
        entered.append(1)
        with original(self):
            yield

    with monkeypatch.context() as patch:
        patch.setattr(PostgresBackend, "pipeline", pipeline)
        if not enabled:
            patch.setattr(PostgresBackend, "can_pipeline", lambda self: False)
        yield entered


def normalised(text: str, db: Db) -> str:
    """Output without what differs between two runs: durations and the database's name."""
    return re.sub(r"\s+\d+ ms", " N ms", text.replace(db.name, "DB"))


def outcome(db: Db) -> dict[str, Any]:
    """What a run leaves in the database (history rows without their times)."""
    return {
        "history": db.query(
            "SELECT version, status, statements_done, checksum, error, kind FROM schema_history ORDER BY version"
        ),
        "db_version": db.db_version(),
        "tables": db.query(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
        ),
        "rows": {
            table: rows for table, rows in db.snapshot().items() if table not in ("schema_history", "system_settings")
        },
    }


def run_case(project: Project, db: Db, name: str, pipelined: bool, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    files, code, before = CASES[name]
    root = project.root / ("pipelined" if pipelined else "ordinary")
    (root / "migrations").mkdir(parents=True)
    case = Project(root, db.url)
    for statement in before:
        db.execute(statement)
    results = []
    with counting_pipelines(monkeypatch, enabled=pipelined) as entered:
        for file_name, sql in files:  # one run per file: each failure is seen, then the next file
            case.write(file_name, sql)
            result = case.ratchet("migrate", "--no-lint")
            results.append((result.code, normalised(result.out, db), normalised(result.err, db)))
    assert results[-1][0] == code, results
    assert (len(entered) > 0) == pipelined
    return {"results": results, **outcome(db)}


@pytest.mark.parametrize("name", list(CASES))
def test_pipelined_files_end_as_on_the_ordinary_path(
    project: Project, make_db: Callable[[str], Db], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    pipelined = run_case(project, make_db("postgresql"), name, True, monkeypatch)
    ordinary = run_case(project, make_db("postgresql"), name, False, monkeypatch)
    assert pipelined == ordinary


def test_an_applications_session_is_given_back_as_it_was(
    tmp_path: Path, make_db: Callable[[str], Db], monkeypatch: pytest.MonkeyPatch
) -> None:
    """search_path, a setting and temporary tables, after a pipelined file changed all three."""
    import psycopg

    seen = []
    for pipelined in (True, False):
        db = make_db("postgresql")
        migrations = tmp_path / str(pipelined)
        migrations.mkdir()
        (migrations / "1.0.0__a.sql").write_text(
            "CREATE SCHEMA other;\nSET search_path TO other;\nSET work_mem = '7MB';\n"
            "CREATE TEMPORARY TABLE scratch (id INTEGER);\nCREATE TABLE a (id INTEGER);\n",
            encoding="utf-8",
        )
        connection = psycopg.connect(host="127.0.0.1", user="postgres", dbname=db.name, autocommit=True)
        with counting_pipelines(monkeypatch, enabled=pipelined) as entered:
            report = api.migrate(connection, migrations, no_lint=True)
        assert len(report.applied) == 1 and len(entered) == (1 if pipelined else 0)
        row = connection.execute(
            "SELECT current_setting('search_path'), current_setting('work_mem'), "
            "(SELECT count(*) FROM pg_class WHERE relnamespace = pg_my_temp_schema())"
        ).fetchone()
        connection.close()
        seen.append(row)
    assert seen[0] == seen[1] == ('"$user", public', "4MB", 0)


def test_a_failing_pipelined_file_runs_its_statements_once(
    project: Project, make_db: Callable[[str], Db], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The failing statement is named from the answers that came before it: nothing runs again
    (a sequence, which no rollback takes back, shows it), and the file is reported as started."""
    db = make_db("postgresql")
    case = Project(project.root, db.url)
    case.write("1.0.0__a.sql", "CREATE SEQUENCE s;\nCREATE TABLE log (n BIGINT);\n")
    assert case.ratchet("migrate", "--no-lint").code == 0
    case.write("1.1.0__b.sql", "INSERT INTO log SELECT nextval('s');\nSELECT 1;\nINSERT INTO nowhere VALUES (1);\n")
    with counting_pipelines(monkeypatch, enabled=True) as entered:
        result = case.ratchet("migrate", "--no-lint")
    assert len(entered) == 1 and result.code == 5, result.output
    assert "1.1.0__b.sql:3: statement 3 of 1.1.0 failed" in result.err, result.err
    assert db.query("SELECT last_value, is_called FROM s") == [(1, True)]
    assert db.query("SELECT count(*) FROM log") == [(0,)] and db.db_version() == "1.0.0"


def test_a_pipelined_file_makes_no_cursor(
    project: Project, make_db: Callable[[str], Db], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pipelined file's commands (``BEGIN``, its statements, the session restore, the history
    row, ``COMMIT``) go to libpq directly: three files make as many psycopg cursors as one."""
    made: list[int] = []
    make = psycopg.Connection.cursor
    ours = threading.get_ident()  # a thread an earlier test left running may make cursors meanwhile

    def counting(self: psycopg.Connection[Any], *args: Any, **kwargs: Any) -> Any:
        if threading.get_ident() == ours:
            made.append(1)
        return make(self, *args, **kwargs)

    monkeypatch.setattr(psycopg.Connection, "cursor", counting)

    def cursors_of(directory: str, count: int) -> int:
        case = Project(project.root / directory, make_db("postgresql").url)
        (case.root / "migrations").mkdir(parents=True)
        for number in range(1, count + 1):
            case.write(f"1.{number}.0__shelf_{number}.sql", f"CREATE TABLE shelf_{number} (id INTEGER);\nSELECT 1;\n")
        made.clear()
        with counting_pipelines(monkeypatch, enabled=True) as entered:
            assert case.ratchet("migrate", "--no-lint").code == 0
        assert len(entered) == count
        return len(made)

    assert cursors_of("three", 3) - cursors_of("one", 1) == 0


def test_a_pipelined_file_is_one_round_trip(
    project: Project, make_db: Callable[[str], Db], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing waits inside a file's pipeline: its statements, the session restore, the history
    row and the COMMIT are answered together, at the one sync of each file."""
    syncs: list[int] = []
    sync = CommandPipe.sync

    def counting(self: CommandPipe) -> None:
        syncs.append(1)
        sync(self)

    monkeypatch.setattr(CommandPipe, "sync", counting)
    db = make_db("postgresql")
    case = Project(project.root, db.url)
    for number in range(1, 4):
        case.write(
            f"1.{number}.0__shelf_{number}.sql", f"CREATE TABLE shelf_{number} (id INTEGER);\nSET work_mem = '7MB';\n"
        )
    with counting_pipelines(monkeypatch, enabled=True) as entered:
        result = case.ratchet("migrate", "--no-lint")
    assert result.code == 0, result.output
    assert len(entered) == 3 and len(syncs) == 3
    assert db.db_version() == "1.3.0"
    assert db.query("SELECT version, status, statements_done FROM schema_history ORDER BY version") == [
        ("1.1.0", "applied", 2),
        ("1.2.0", "applied", 2),
        ("1.3.0", "applied", 2),
    ]


def test_a_pipelined_files_duration_is_measured_by_the_server(project: Project, make_db: Callable[[str], Db]) -> None:
    """The history row goes before its statements have answered: its duration, from BEGIN to the
    row, is the server's, and covers the statements."""
    db = make_db("postgresql")
    case = Project(project.root, db.url)
    case.write("1.0.0__slow.sql", "SELECT pg_sleep(0.3);\nCREATE TABLE a (id INTEGER);\n")
    case.write("1.1.0__quick.sql", "CREATE TABLE b (id INTEGER);\n")
    assert case.ratchet("migrate", "--no-lint").code == 0
    durations = dict(db.query("SELECT version, duration_ms FROM schema_history"))
    assert 300 <= durations["1.0.0"] < 30_000
    assert 0 <= durations["1.1.0"] < durations["1.0.0"]


def test_a_session_ended_by_a_pipelined_statement_is_that_statements_failure(
    project: Project, make_db: Callable[[str], Db]
) -> None:
    """The server answers the statement that ended its session, so it ran nothing after it, the
    COMMIT neither: the statement failed and the file was rolled back (not a COMMIT of unknown
    effect)."""
    db = make_db("postgresql")
    case = Project(project.root, db.url)
    case.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);\n")
    case.write("1.1.0__b.sql", "CREATE TABLE b (id INTEGER);\nSELECT pg_terminate_backend(pg_backend_pid());\n")
    result = case.ratchet("migrate", "--no-lint")
    assert result.code == 5, result.output
    assert "1.1.0__b.sql:2: statement 2 of 1.1.0 failed" in result.err, result.err
    assert "unknown" not in result.err, result.err
    assert db.db_version() == "1.0.0" and db.tables() == ["a", "schema_history", "system_settings"]
