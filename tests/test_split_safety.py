"""A file never runs something other than what it says.

Each reproduction runs through the real CLI on the real backend, after a first file made
``users`` (with a row) and ``paths``: what the database does must match what the engine itself
reads in the file, and a file the splitter and the engine read differently is refused (exit 3)
with the database unchanged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import DIALECTS, Db, Project, require_server
from ratchet.backends import open_backend
from ratchet.errors import DriverError

BASE = (
    "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(40));\n"
    "INSERT INTO users (id, name) VALUES (1, 'ada');\n"
    "CREATE TABLE paths (name VARCHAR(40), path VARCHAR(200));\n"
)
BACKSLASH = "INSERT INTO paths VALUES ('win', 'C:\\');\nDROP TABLE users;\nINSERT INTO paths VALUES ('x', 'y\\');\n"
HIDDEN_END = (
    "CREATE TABLE shifts (id INTEGER, begin TIMESTAMP);\n"
    "DROP TABLE users;\n"
    "END;\n"
    "CREATE TABLE after_commit (x INTEGER);\n"
    "INSERT INTO nowhere VALUES (1);\n"
)
NESTED_COMMENT = "/* off /* ticket */ INSERT INTO paths VALUES ('should','not run'); -- */\n"


@pytest.fixture
def applied(project: Project, db: Db) -> tuple[Project, Db]:
    """A project on :func:`db` whose 1.0.0 (users with one row, paths) is applied."""
    on_db = Project(project.root, db.url)
    on_db.write("1.0.0__base.sql", BASE)
    result = on_db.ratchet("migrate")
    assert result.code == 0, result.output
    return on_db, db


def _refused(project: Project, db: Db, sql: str) -> str:
    """Write ``sql`` as 1.1.0, run migrate, and check it was refused with nothing changed."""
    before = db.snapshot()
    project.write("1.1.0__repro.sql", sql)
    result = project.ratchet("migrate")
    assert result.code == 3, result.output
    assert "[split-ambiguity]" in result.err
    assert "1.1.0__repro.sql:1:" in result.err
    assert "Traceback" not in result.output
    assert db.snapshot() == before
    assert db.history() == {"1.0.0": ("applied", 3)}
    linted = project.ratchet("lint", "--dialect", db.dialect)
    assert linted.code == 1, linted.output
    assert "split-ambiguity" in linted.out
    return result.err


@pytest.mark.parametrize("db", ["postgresql", "sqlite"], indirect=True)
def test_backslash_before_a_quote_is_refused_where_it_ends_the_string(applied: tuple[Project, Db]) -> None:
    project, db = applied
    message = _refused(project, db, BACKSLASH)
    assert "lines 1-3 as statement 1" in message or "reads a second statement" in message
    assert db.query("SELECT name FROM users") == [("ada",)]


@pytest.mark.parametrize("db", ["postgresql", "sqlite"], indirect=True)
def test_a_keyword_named_column_cannot_hide_an_end_that_commits(applied: tuple[Project, Db]) -> None:
    project, db = applied
    _refused(project, db, HIDDEN_END)
    assert "shifts" not in db.tables()
    assert "after_commit" not in db.tables()


@pytest.mark.parametrize("db", ["postgresql"], indirect=True)
def test_postgresql_nested_comment_hides_the_insert(applied: tuple[Project, Db]) -> None:
    project, db = applied
    message = _refused(project, db, NESTED_COMMENT)
    assert "PostgreSQL comments nest" in message
    assert db.query("SELECT * FROM paths") == []
    # what PostgreSQL itself does with the whole text: nothing (it is one comment)
    connection = db.connect()
    try:
        connection.execute(NESTED_COMMENT)
    finally:
        connection.close()
    assert db.query("SELECT * FROM paths") == []


@pytest.mark.parametrize("db", ["sqlite", "mysql"], indirect=True)
def test_comments_do_not_nest_in_sqlite_and_mysql_so_the_insert_runs_as_there(
    applied: tuple[Project, Db], tmp_path: Path
) -> None:
    project, db = applied
    project.write("1.1.0__repro.sql", NESTED_COMMENT)
    result = project.ratchet("migrate")
    assert result.code == 0, result.output
    assert db.query("SELECT name, path FROM paths") == [("should", "not run")]
    if db.dialect == "sqlite":  # the engine agrees: sqlite3 runs the same text the same way
        scratch = sqlite3.connect(tmp_path / "scratch.db")
        scratch.executescript(BASE + NESTED_COMMENT)
        assert scratch.execute("SELECT name, path FROM paths").fetchall() == [("should", "not run")]
        scratch.close()


@pytest.mark.parametrize("db", ["mysql"], indirect=True)
def test_mysql_reads_backslashes_as_sqlparse_does_and_runs_one_statement_per_call(
    applied: tuple[Project, Db],
) -> None:
    """MySQL escapes with a backslash (its default sql_mode), as sqlparse reads it: the three lines
    are one INSERT for both, which MySQL rejects as a syntax error; nothing else runs."""
    project, db = applied
    project.write("1.1.0__repro.sql", BACKSLASH)
    result = project.ratchet("migrate")
    assert result.code == 5, result.output
    assert "statement 1 of 1.1.0 failed" in result.err
    assert db.query("SELECT name FROM users") == [("ada",)]
    assert db.query("SELECT * FROM paths") == []
    assert db.history()["1.1.0"] == ("failed", 0)


@pytest.mark.parametrize("db", ["mysql"], indirect=True)
def test_mysql_keyword_named_column_piece_is_refused_by_the_server(applied: tuple[Project, Db]) -> None:
    """sqlparse keeps the three statements together; without multi-statements MySQL refuses the
    piece, so neither the DROP nor the END runs."""
    project, db = applied
    project.write("1.1.0__repro.sql", HIDDEN_END)
    result = project.ratchet("migrate", "--no-lint")
    assert result.code == 5, result.output
    assert db.query("SELECT name FROM users") == [("ada",)]
    assert "shifts" not in db.tables()
    assert "after_commit" not in db.tables()


def test_every_backend_refuses_a_second_statement_in_one_call(make_db: Callable[[str], Db]) -> None:
    """The last line of defence, below the split check: the statement a file's piece is sent as
    cannot run a second one (PostgreSQL's extended protocol, PyMySQL without multi-statements,
    sqlite3 ``execute``), also outside a transaction (no-transaction files)."""
    for dialect in DIALECTS:
        if dialect != "sqlite":
            require_server(dialect)
        db = make_db(dialect)
        db.execute("CREATE TABLE users (id INTEGER)")
        db.execute("INSERT INTO users VALUES (1)")
        backend = open_backend(db.url)
        try:
            with pytest.raises(DriverError):
                backend.run_statement("INSERT INTO users VALUES (2); DROP TABLE users")
            backend.begin()
            with pytest.raises(DriverError):
                backend.run_statement("SELECT 1; DROP TABLE users")
            backend.rollback()
            backend.run_statement("INSERT INTO users VALUES (3)")
        finally:
            backend.close()
        assert sorted(db.query("SELECT id FROM users")) == [(1,), (3,)], dialect


def test_postgresql_percent_and_dollar_bodies_still_run(make_db: Callable[[str], Db], project: Project) -> None:
    """The extended protocol leaves ``%`` alone and a ``$$`` body with semicolons is one statement
    for both splitters; a BEGIN ATOMIC body, which only PostgreSQL's parser can delimit, too."""
    require_server("postgresql")
    db = make_db("postgresql")
    on_db = Project(project.root, db.url)
    on_db.write(
        "1.0.0__fn.sql",
        "CREATE TABLE t (name TEXT);\n"
        "INSERT INTO t VALUES ('100%'), ('C:\\');\n"
        "CREATE FUNCTION f() RETURNS integer LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$;\n"
        "CREATE FUNCTION g() RETURNS integer LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n  SELECT 2;\nEND;\n",
    )
    result = on_db.ratchet("migrate")
    assert result.code == 0, result.output
    assert sorted(db.query("SELECT name FROM t")) == [("100%",), ("C:\\",)]
    assert db.query("SELECT f(), g()") == [(1, 2)]


def test_an_application_connection_that_allows_multi_statements_is_refused(
    make_db: Callable[[str], Db], tmp_path: Path
) -> None:
    import pymysql
    from pymysql.constants import CLIENT

    import ratchet
    from ratchet.errors import UsageError

    db = make_db("mysql")
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "1.0.0__a.sql").write_text("CREATE TABLE a (id INTEGER);\n", encoding="utf-8")
    connection = pymysql.connect(
        host="127.0.0.1", user="root", database=db.name, autocommit=True, client_flag=CLIENT.MULTI_STATEMENTS
    )
    try:
        with pytest.raises(UsageError, match="MULTI_STATEMENTS"):
            ratchet.migrate(connection, tmp_path / "m")
    finally:
        connection.close()
    assert db.tables() == []


def test_postgresql_application_session_reads_backslashes_as_the_check_does_and_gets_its_setting_back(
    make_db: Callable[[str], Db], tmp_path: Path
) -> None:
    """The split check reads strings as standard_conforming_strings = on does; an application's
    connection with it off runs the file with it on, and gets its own value back."""
    import ratchet

    db = make_db("postgresql")
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "1.0.0__a.sql").write_text(
        "CREATE TABLE p (path TEXT);\nINSERT INTO p VALUES ('C:\\');\n", encoding="utf-8"
    )
    connection = db.connect()
    try:
        connection.execute("SET standard_conforming_strings = off")
        ratchet.migrate(connection, tmp_path / "m")
        assert connection.execute("SHOW standard_conforming_strings").fetchone() == ("off",)
    finally:
        connection.close()
    assert db.query("SELECT path FROM p") == [("C:\\",)]


@pytest.mark.parametrize("db", ["postgresql"], indirect=True)
def test_a_repeatable_file_is_split_checked_like_a_versioned_one(applied: tuple[Project, Db]) -> None:
    project, db = applied
    before = db.snapshot()
    project.write(
        "R__paths.sql",
        "CREATE OR REPLACE VIEW win AS SELECT 'C:\\' AS p;\nDROP TABLE users;\n"
        "CREATE OR REPLACE VIEW unix AS SELECT 'y\\' AS p;\n",
    )
    result = project.ratchet("migrate")
    assert result.code == 3, result.output
    assert "R__paths.sql:1:" in result.err and "[split-ambiguity]" in result.err
    assert db.snapshot() == before
    assert db.query("SELECT name FROM users") == [("ada",)]
