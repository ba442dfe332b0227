"""A guard is one read-only statement: refused in the header before
the database is touched, and run where it cannot write on every backend."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import DIALECTS, Db, Project
from ratchet.backends import open_backend
from ratchet.errors import DriverError
from ratchet.headers import read_only_problem

BASE = (
    "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(40));\n"
    "INSERT INTO users (id, name) VALUES (1, 'ada');\n"
    "INSERT INTO users (id, name) VALUES (2, 'bob');\n"
)
WRITING_GUARDS = [
    "-- guard: require SELECT 1; DROP TABLE users; SELECT 1",
    "-- guard: skip-if DELETE FROM users RETURNING 1",
    "-- guard: require WITH gone AS (DELETE FROM users RETURNING 1) SELECT COUNT(*) = 0 FROM gone",
    "-- guard: skip-if SELECT COUNT(*) FROM users FOR UPDATE",
    "-- guard: require SELECT * INTO copied FROM users",
]


@pytest.fixture
def applied(project: Project, db: Db) -> tuple[Project, Db]:
    """A project on :func:`db` whose 1.0.0 (users with two rows) is applied."""
    on_db = Project(project.root, db.url)
    on_db.write("1.0.0__base.sql", BASE)
    result = on_db.ratchet("migrate")
    assert result.code == 0, result.output
    return on_db, db


def test_a_guard_that_can_write_is_an_invalid_header_and_nothing_changes(applied: tuple[Project, Db]) -> None:
    project, db = applied
    before = db.snapshot()
    names = [f"1.{minor}.0__guarded.sql" for minor in range(1, len(WRITING_GUARDS) + 1)]
    for name, guard in zip(names, WRITING_GUARDS, strict=True):
        project.write(name, f"{guard}\nCREATE TABLE marker (id INTEGER);\n")
    for command in ("migrate", "plan"):
        result = project.ratchet(command)
        assert result.code == 3, result.output
        for name in names:  # every one reported, each at its guard line
            assert f"{name}:1:1: require" in result.err or f"{name}:1:1: skip-if" in result.err, name
        assert result.err.count("a guard query must be one read-only statement") == len(names)
        assert result.err.count("[guard-invalid]") == len(names)
        assert "Traceback" not in result.output
    linted = project.ratchet("lint")
    assert linted.code == 3, linted.output
    assert linted.out.count("guard-invalid") == len(names)
    assert db.snapshot() == before
    assert db.history() == {"1.0.0": ("applied", 3)}


def test_read_only_guards_still_decide(applied: tuple[Project, Db]) -> None:
    project, db = applied
    project.write(
        "1.1.0__skipped.sql",
        "-- guard: skip-if SELECT COUNT(*) = 2 FROM users -- both rows are there\nCREATE TABLE never (id INTEGER);\n",
    )
    project.write(
        "1.2.0__required.sql",
        "-- guard: require WITH named AS (SELECT name FROM users WHERE id = 1) SELECT COUNT(*) FROM named;\n"
        "-- guard: require VALUES (1)\n"
        "CREATE TABLE marker (id INTEGER);\n",
    )
    result = project.ratchet("migrate")
    assert result.code == 0, result.output
    assert db.history()["1.1.0"][0] == "skipped"
    assert db.history()["1.2.0"][0] == "applied"
    assert "never" not in db.tables()
    assert "marker" in db.tables()


def test_server_side_a_guard_cannot_write_on_any_backend(make_db: Callable[[str], Db]) -> None:
    """Below the header check: the backend runs the guard where writing fails (PostgreSQL: a
    read-only subtransaction; SQLite: an authorizer) or is undone (MySQL: a savepoint rolled
    back), and the file's transaction goes on."""
    for dialect in DIALECTS:
        db = make_db(dialect)
        db.execute("CREATE TABLE users (id INTEGER)")
        db.execute("INSERT INTO users VALUES (1)")
        backend = open_backend(db.url)
        try:
            backend.begin()
            backend.execute("INSERT INTO users VALUES (2)")
            if dialect == "mysql":
                backend.guard_query("DELETE FROM users")  # runs, and is rolled back at once
            else:
                with pytest.raises(DriverError):
                    backend.guard_query("DELETE FROM users")
            assert backend.guard_query("SELECT COUNT(*) FROM users") == [(2,)]
            backend.execute("INSERT INTO users VALUES (3)")
            backend.commit()
        finally:
            backend.close()
        assert sorted(db.query("SELECT id FROM users")) == [(1,), (2,), (3,)], dialect


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("1.1.0__sneaky.sql", "CREATE TABLE marker (id INTEGER);\n"),
        ("R__sneaky.sql", "CREATE OR REPLACE VIEW marker AS SELECT 1 AS x;\n"),  # repeatables' guards too
    ],
)
def test_postgresql_guard_calling_a_writing_function_fails_and_changes_nothing(
    project: Project, make_db: Callable[[str], Db], name: str, body: str
) -> None:
    db = make_db("postgresql")
    on_db = Project(project.root, db.url)
    on_db.write(
        "1.0.0__base.sql",
        BASE + "CREATE FUNCTION wipe() RETURNS bigint LANGUAGE sql AS $$ DELETE FROM users RETURNING 1 $$;\n",
    )
    assert on_db.ratchet("migrate").code == 0
    before = db.snapshot()
    on_db.write(name, "-- guard: skip-if SELECT wipe() = 1\n" + body)
    result = on_db.ratchet("migrate")
    assert result.code == 5, result.output
    assert f"{name}:1: guard query failed: cannot execute DELETE in a read-only transaction" in result.err
    assert db.snapshot() == before


def test_mysql_guard_calling_a_writing_function_is_rolled_back(project: Project, make_db: Callable[[str], Db]) -> None:
    db = make_db("mysql")
    on_db = Project(project.root, db.url)
    on_db.write(
        "1.0.0__base.sql",
        BASE + "CREATE FUNCTION wipe() RETURNS INTEGER MODIFIES SQL DATA BEGIN DELETE FROM users; RETURN 1; END;\n",
    )
    assert on_db.ratchet("migrate", "--no-lint").code == 0
    on_db.write("1.1.0__sneaky.sql", "-- guard: require SELECT wipe() = 1\nCREATE TABLE marker (id INTEGER);\n")
    result = on_db.ratchet("migrate")
    assert result.code == 0, result.output
    assert sorted(db.query("SELECT id FROM users")) == [(1,), (2,)]
    assert "marker" in db.tables()


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ("SELECT 1", None),
        ("SELECT 1;", None),
        ("SELECT COUNT(*) FROM t WHERE note = 'DELETE; DROP TABLE t'", None),
        ("SELECT updated_at FROM t -- ; DROP TABLE t", None),
        ("SELECT 1 --x; DROP TABLE t", "more than one statement"),  # MySQL: '--x' is not a comment
        ("SELECT 'it\\'; DELETE FROM t; -- '", "more than one statement"),  # a backslash escapes nothing
        ("SELECT 1 /* ; DELETE FROM t", "more than one statement"),  # an unclosed comment hides nothing
        ("/*!50000 DELETE FROM t */ SELECT 1", "executable comment"),
        ("SELECT nextval('s')", "NEXTVAL"),
        ("TABLE users", "starts with TABLE"),
        ("", "no query"),
    ],
)
def test_read_only_check(query: str, why: str | None) -> None:
    problem = read_only_problem(query)
    if why is None:
        assert problem is None
    else:
        assert problem is not None and why in problem
