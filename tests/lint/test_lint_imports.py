"""``ratchet lint`` on PostgreSQL files imports only what it needs: not the runner, the backends, the
history tables, sqlite3 or sqlparse (pglast splits the files), whose imports cost more than linting
a thousand files. Checked in a real process started as the console script starts."""

from __future__ import annotations

import json
import subprocess
import sys

import sqlparse

from conftest import Project
from ratchet import statement

PROBE = """
import json, sys
from ratchet.launch import run
sys.argv = ["ratchet", *sys.argv[1:]]
try:
    run()
except SystemExit:
    pass
sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
from ratchet.lazyre import LazyPattern
lazy = {
    f"{name}.{attribute}": value._compiled is not None
    for name, module in list(sys.modules.items())
    if name.startswith("ratchet")
    for attribute, value in vars(module).items()
    if isinstance(value, LazyPattern)
}
sys.stderr.write("\\nPATTERNS " + json.dumps(lazy) + "\\n")
"""
#: Modules a PostgreSQL lint never needs.
NOT_NEEDED = (
    "ratchet.api",
    "ratchet.runner",
    "ratchet.backends",
    "ratchet.history",
    "ratchet.plan",
    "ratchet.prepare",
    "ratchet.uptodate",
    "ratchet.urls",
    "ratchet.states",
    "ratchet.split",
    "ratchet.lexer",
    "ratchet.linter.classify",
    "ratchet.linter.replay",
    "sqlparse",
    "sqlite3",
    "_sqlite3",
    "difflib",
    "pglast.enums.nodes",  # pglast's enums and node classes: the lint reads its JSON (ratchet.pgparser)
    "decimal",
    "hashlib",  # a lint compares files' bytes and records nothing: no checksum is computed
    "_hashlib",
)
PG_FILES = {
    "1.0.0__items.sql": "-- items\nCREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL);\n",
    "1.1.0__touch.sql": (
        "create or replace function touch() returns trigger language plpgsql as $$\n"
        "begin\n  new.name := lower(new.name);\n  return new;\nend;\n$$;\n"
        "/* a comment */\nalter table items add column note text;\n"
    ),
    "1.2.0__drop.sql": "ALTER TABLE items DROP COLUMN note;\n",
}


def probed(project: Project, *args: str) -> tuple[set[str], dict[str, bool]]:
    """The modules a run imports, and its patterns compiled on first use (whether each was)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    marker = done.stderr.rindex("MODULES ")
    modules: list[str] = json.loads(done.stderr[marker + len("MODULES ") :].split("\n", 1)[0])
    marker = done.stderr.rindex("PATTERNS ")
    patterns: dict[str, bool] = json.loads(done.stderr[marker + len("PATTERNS ") :])
    return set(modules), patterns


def loaded(project: Project, *args: str) -> set[str]:
    return probed(project, *args)[0]


def needless(modules: set[str]) -> list[str]:
    return sorted(name for name in modules if name in NOT_NEEDED or name.startswith(tuple(f"{n}." for n in NOT_NEEDED)))


def test_postgresql_lint_imports_none_of_the_runner_nor_sqlparse(project: Project) -> None:
    for name, sql in PG_FILES.items():
        project.write(name, sql)
    modules = loaded(project, "lint", "--dialect", "postgresql", "--format", "json", "migrations")
    assert "ratchet.linter.postgres" in modules
    assert needless(modules) == []


def test_postgresql_lint_compiles_none_of_the_patterns_it_does_not_use(project: Project) -> None:
    """Guard headers', misnamed files', non-ASCII blanks', SQLite history's patterns wait (ratchet.lazyre)."""
    for name, sql in PG_FILES.items():
        project.write(name, sql)
    _, patterns = probed(project, "lint", "--dialect", "postgresql", "--format", "json", "migrations")
    assert len(patterns) >= 15
    compiled = {name for name, done in patterns.items() if done}
    # only what the file with a dollar-quoted function body needs
    assert compiled <= {
        "ratchet.linter.postgres.fastsplit._SQLPARSE_DOLLAR",
        "ratchet.linter.postgres.fastsplit._DOLLAR_OPENER_NOT_AFTER",
        "ratchet.linter.postgres.body._DOLLAR",
        "ratchet.linter.postgres.body._LITERAL_START",
        "ratchet.linter.postgres.catalog._DYNAMIC_TRIGGER",
    }
    assert "ratchet.headers._GUARD_LINE" in patterns
    assert "ratchet.discover._NEAR_NAME" in patterns


def test_a_file_pglast_cannot_split_alone_loads_sqlparse(project: Project) -> None:
    """The near miss: a backslash may read differently for sqlparse, so that file is split by it."""
    project.write("1.0.0__items.sql", "CREATE TABLE items (id bigint PRIMARY KEY, name text DEFAULT E'a\\\\b');\n")
    modules = loaded(project, "lint", "--dialect", "postgresql", "migrations")
    assert {"sqlparse", "ratchet.split"} <= modules


def test_sqlite_lint_loads_its_replay(project: Project) -> None:
    """The probe sees what a lint imports: SQLite's needs the engine and the word classifier."""
    project.write("1.0.0__items.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY);\n")
    modules = loaded(project, "lint", "--dialect", "sqlite", "migrations")
    assert {"sqlite3", "ratchet.linter.replay", "ratchet.linter.classify"} <= modules


def test_sqlparse_version_read_from_its_source_is_its_version() -> None:
    assert statement._read_sqlparse_version() == sqlparse.__version__
    assert statement.sqlparse_version() == sqlparse.__version__
