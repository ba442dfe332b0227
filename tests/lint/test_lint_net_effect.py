"""The lint's root causes that apply to SQLite and MySQL, each with its trigger and a near miss,
checked by rule, line and column: net effect per file (1, 7), SQLite's own syntax check (6),
``lint-schema`` (8), the bounded replay (9), waivers. Empty files (10): test_empty_migration.py."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from conftest import RATCHET, Project
from ratchet.linter import lint_paths

BASE = "CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL, email TEXT, created_at TEXT);\n"


def lint(tmp_path: Path, sql: str, dialect: str, *, earlier: tuple[str, ...] = ()) -> set[tuple[str, int, int]]:
    """Blocking-or-not findings ``(rule, line, column)`` of ``sql`` linted after BASE and ``earlier``."""
    directory = tmp_path / "migrations"
    directory.mkdir(parents=True)
    (directory / "1.0.0__base.sql").write_text(BASE, encoding="utf-8")
    for number, text in enumerate(earlier, start=1):
        (directory / f"1.0.{number}__earlier.sql").write_text(text, encoding="utf-8")
    (directory / "1.1.0__change.sql").write_text(sql, encoding="utf-8")
    report = lint_paths([directory], dialect=dialect)
    return {
        (f.rule, f.line, f.column)
        for f in report.findings
        if f.path.name == "1.1.0__change.sql" and f.severity != "info" and f.rule != "mysql-implicit-commit"
    }


REBUILD_WITH_AGE = (
    "CREATE TABLE users_new (id INTEGER PRIMARY KEY, username TEXT NOT NULL, email TEXT, created_at TEXT, "
    "age INTEGER NOT NULL{default});\n"
    "INSERT INTO users_new (id, username, email, created_at, age) SELECT id, username, email, created_at, age "
    "FROM users;\n"
    "DROP TABLE users;\n"
    "ALTER TABLE users_new RENAME TO users;\n"
)


# -- 1. the same-file exemption judged by the net effect -----------------------------------------


def test_nullable_then_backfill_then_not_null_is_add_not_null_without_default(tmp_path: Path) -> None:
    steps = "ALTER TABLE users ADD COLUMN age INTEGER;\nUPDATE users SET age = 0;\n"
    found = lint(tmp_path, steps + REBUILD_WITH_AGE.format(default=""), "sqlite")
    assert found == {("add-not-null-without-default", 6, 1)}


def test_nullable_then_not_null_with_a_default_is_fine(tmp_path: Path) -> None:
    steps = "ALTER TABLE users ADD COLUMN age INTEGER;\nUPDATE users SET age = 0;\n"
    assert lint(tmp_path, steps + REBUILD_WITH_AGE.format(default=" DEFAULT 0"), "sqlite") == set()


def test_default_then_dropped_default_is_add_not_null_without_default(tmp_path: Path) -> None:
    steps = "ALTER TABLE users ADD COLUMN age INTEGER NOT NULL DEFAULT 0;\n"
    found = lint(tmp_path, steps + REBUILD_WITH_AGE.format(default=""), "sqlite")
    assert found == {("add-not-null-without-default", 5, 1)}


def test_not_null_column_on_a_new_table_is_fine(tmp_path: Path) -> None:
    sql = "CREATE TABLE pets (id INTEGER PRIMARY KEY);\nALTER TABLE pets ADD COLUMN name TEXT NOT NULL;\n"
    assert lint(tmp_path, sql, "sqlite") == set()
    assert lint(tmp_path / "again", "ALTER TABLE users ADD COLUMN name TEXT NOT NULL;\n", "sqlite") == {
        ("add-not-null-without-default", 1, 19)
    }


EMAIL_REBUILD = (
    "CREATE TABLE users_new (id INTEGER PRIMARY KEY, username TEXT NOT NULL, email TEXT{constraint}, "
    "created_at TEXT);\n"
    "INSERT INTO users_new (id, username, email, created_at) SELECT id, username, {email}, created_at FROM users;\n"
    "DROP TABLE users;\n"
    "ALTER TABLE users_new RENAME TO users;\n"
)


def test_a_rebuild_that_makes_an_old_column_not_null_is_set_not_null(tmp_path: Path) -> None:
    sql = EMAIL_REBUILD.format(constraint=" NOT NULL DEFAULT ''", email="coalesce(email, '')")
    assert lint(tmp_path, sql, "sqlite") == {("set-not-null", 4, 1)}
    kept = EMAIL_REBUILD.format(constraint=" DEFAULT ''", email="email")
    assert lint(tmp_path / "near", kept, "sqlite") == set()


def test_a_renamed_column_is_the_old_column_not_a_new_one(tmp_path: Path) -> None:
    # username was NOT NULL without a default before the file: renaming it adds no required column
    rename = "ALTER TABLE users RENAME COLUMN username TO login;\n"
    assert lint(tmp_path, rename, "sqlite") == {("rename-column", 1, 19)}
    # email was nullable: renamed, then made NOT NULL by a rebuild, it is set-not-null of the old column
    rebuild = EMAIL_REBUILD.format(constraint=" NOT NULL DEFAULT ''", email="coalesce(mail, '')")
    renamed = "ALTER TABLE users RENAME COLUMN email TO mail;\n" + rebuild.replace("email", "mail")
    assert lint(tmp_path / "rebuilt", renamed, "sqlite") == {("rename-column", 1, 19), ("set-not-null", 5, 1)}


def test_a_rebuild_that_widens_a_type_is_info(tmp_path: Path) -> None:
    directory = tmp_path / "migrations"
    directory.mkdir()
    (directory / "1.0.0__base.sql").write_text(BASE.replace("email TEXT", "email VARCHAR(50)"), encoding="utf-8")
    (directory / "1.1.0__change.sql").write_text(
        EMAIL_REBUILD.format(constraint="", email="email").replace("email TEXT", "email VARCHAR(255)"), encoding="utf-8"
    )
    findings = [f for f in lint_paths([directory], dialect="sqlite").findings if f.path.name == "1.1.0__change.sql"]
    assert [(f.rule, f.severity, f.line, f.object) for f in findings] == [
        ("widen-column-type", "info", 3, "users.email")
    ]
    (directory / "1.1.0__change.sql").write_text(
        EMAIL_REBUILD.format(constraint="", email="email").replace("email TEXT", "email INTEGER"), encoding="utf-8"
    )
    findings = [f for f in lint_paths([directory], dialect="sqlite").findings if f.path.name == "1.1.0__change.sql"]
    assert [(f.rule, f.severity) for f in findings] == [("rebuild-unverified", "error")]


@pytest.mark.parametrize("dialect", ["sqlite", "mysql"])
def test_create_if_not_exists_does_not_make_the_table_new(tmp_path: Path, dialect: str) -> None:
    sql = "CREATE TABLE IF NOT EXISTS legacy (a INTEGER, c INTEGER);\nALTER TABLE legacy DROP COLUMN c;\n"
    assert lint(tmp_path, sql, dialect) == {("drop-column", 2, 20)}
    plain = "CREATE TABLE legacy (a INTEGER, c INTEGER);\nALTER TABLE legacy DROP COLUMN c;\n"
    assert lint(tmp_path / "near", plain, dialect) == set()


@pytest.mark.parametrize("dialect", ["sqlite", "mysql"])
def test_create_index_if_not_exists_then_drop_it_is_a_drop(tmp_path: Path, dialect: str) -> None:
    on = " ON users" if dialect == "mysql" else ""
    sql = f"CREATE INDEX IF NOT EXISTS idx_mail ON users (email);\nDROP INDEX idx_mail{on};\n"
    found = lint(tmp_path, sql, dialect)
    assert ("drop-index", 2, 1) in found
    near = f"CREATE INDEX idx_mail ON users (email);\nDROP INDEX idx_mail{on};\n"
    assert ("drop-index", 2, 1) not in lint(tmp_path / "near", near, dialect)


# -- 6. SQLite's parser is the syntax check -------------------------------------------------------


def test_two_statements_without_their_semicolon_are_a_syntax_error_at_the_second(tmp_path: Path) -> None:
    sql = "CREATE INDEX idx_a ON users (email)\n\n  CREATE INDEX idx_b ON users (username);\n"
    directory = tmp_path / "migrations"
    directory.mkdir()
    (directory / "1.0.0__base.sql").write_text(BASE, encoding="utf-8")
    (directory / "1.1.0__change.sql").write_text(sql, encoding="utf-8")
    findings = [f for f in lint_paths([directory], dialect="sqlite").findings if f.path.name == "1.1.0__change.sql"]
    assert [(f.rule, f.line, f.column) for f in findings] == [("syntax-error", 3, 3)]
    assert 'near "CREATE": syntax error' in findings[0].message


def test_a_missing_table_is_not_a_syntax_error(tmp_path: Path) -> None:
    sql = (
        "INSERT INTO nowhere (x) VALUES (1);\nCREATE INDEX idx_n ON nowhere (x);\n"
        "UPDATE nowhere SET x = 1 WHERE x = 2;\n"
    )
    assert lint(tmp_path, sql, "sqlite") == set()


# -- 7. DROP TABLE IF EXISTS right before creating a brand-new table ---------------------------------


@pytest.mark.parametrize("dialect", ["sqlite", "mysql"])
def test_drop_if_exists_before_creating_a_brand_new_table_is_nothing(tmp_path: Path, dialect: str) -> None:
    sql = "DROP TABLE IF EXISTS audit_log;\nCREATE TABLE audit_log (id INTEGER PRIMARY KEY, what TEXT);\n"
    assert lint(tmp_path, sql, dialect) == set()
    guarded = "DROP TABLE IF EXISTS audit_log;\nCREATE TABLE IF NOT EXISTS audit_log (id INTEGER PRIMARY KEY);\n"
    assert lint(tmp_path / "guarded", guarded, dialect) == set()
    existing = "DROP TABLE IF EXISTS users;\nCREATE TABLE users (id INTEGER PRIMARY KEY);\n"
    assert lint(tmp_path / "near", existing, dialect) == {("drop-table", 1, 1)}


VIEW = "CREATE VIEW active_users AS SELECT id, username FROM users;\n"
INDEX = "CREATE INDEX idx_users_email ON users (email);\n"
TRIGGER = "CREATE TRIGGER users_touch AFTER UPDATE ON users BEGIN SELECT 1; END;\n"


def test_sqlite_drop_if_exists_of_what_the_history_dropped_is_nothing(tmp_path: Path) -> None:
    drops = (
        "CREATE TABLE a (x int);\n  DROP VIEW IF EXISTS active_users;\nDROP INDEX IF EXISTS idx_users_email;\n"
        "DROP TRIGGER IF EXISTS users_touch;\nDROP TABLE IF EXISTS legacy_sessions;\n"
    )
    each_a_drop = {("drop-view", 2, 3), ("drop-index", 3, 1), ("drop-trigger", 4, 1), ("drop-table", 5, 1)}
    made = VIEW + INDEX + TRIGGER + "CREATE TABLE legacy_sessions (id int);\n"
    # made by an earlier file: each drop is a drop, at its line and column
    assert lint(tmp_path / "made", drops, "sqlite", earlier=(made,)) == each_a_drop
    # made, then dropped (or renamed away) by an earlier file: nothing left to drop
    gone = "DROP VIEW active_users;\nDROP INDEX idx_users_email;\nDROP TRIGGER users_touch;\n"
    renamed = "ALTER TABLE legacy_sessions RENAME TO sessions;\n"
    assert lint(tmp_path / "gone", drops, "sqlite", earlier=(made, gone + renamed)) == set()
    # a table's indexes and triggers go with it
    table = "CREATE TABLE notes (id int);\nCREATE INDEX notes_id ON notes (id);\n"
    after = "DROP INDEX IF EXISTS notes_id;\nDROP TABLE IF EXISTS notes;\n"
    assert lint(tmp_path / "with", after, "sqlite", earlier=(table, "DROP TABLE notes;\n")) == set()
    # near miss: made again after the drop, so dropped again
    again = (made, gone, VIEW)
    assert lint(tmp_path / "again", "DROP VIEW IF EXISTS active_users;\n", "sqlite", earlier=again) == {
        ("drop-view", 1, 1)
    }


def test_sqlite_drop_if_exists_of_what_the_history_never_made_is_a_drop(tmp_path: Path) -> None:
    # a database older than the history (adopted with a baseline, or the app made the object) may
    # have it: IF EXISTS says the file expects so, as CREATE ... IF NOT EXISTS is taken to find one
    drops = "DROP VIEW IF EXISTS active_users;\nDROP TABLE IF EXISTS legacy_sessions;\n"
    assert lint(tmp_path, drops, "sqlite") == {("drop-view", 1, 1), ("drop-table", 2, 1)}


def test_sqlite_drop_if_exists_after_a_vacuum_of_what_the_history_dropped_is_nothing(tmp_path: Path) -> None:
    # a VACUUM (in its own no-transaction file, as upgrade scripts keep it) changes no schema: the
    # replay still knows the history whole
    made = "CREATE TABLE legacy_sessions (id int);\n" + TRIGGER
    gone = "DROP TABLE legacy_sessions;\nDROP TRIGGER users_touch;\n"
    drops = "CREATE TABLE a (x int);\n  DROP TABLE IF EXISTS legacy_sessions;\nDROP TRIGGER IF EXISTS users_touch;\n"
    for vacuum in ("VACUUM;\n", "VACUUM main;\n"):
        earlier = (made, gone, "-- guard: no-transaction\n" + vacuum)
        assert lint(tmp_path / vacuum.strip(" ;\n"), drops, "sqlite", earlier=earlier) == set()
    # near miss: a VACUUM INTO is refused (never written): what it did is unknown, so each drop stays
    into = (made, gone, f"-- guard: no-transaction\nVACUUM INTO '{tmp_path / 'copy.db'}';\n")
    assert lint(tmp_path / "into", drops, "sqlite", earlier=into) == {("drop-table", 2, 3), ("drop-trigger", 3, 1)}


def test_sqlite_drop_if_exists_after_a_history_the_replay_lost_is_a_drop(tmp_path: Path) -> None:
    # an earlier statement SQLite could not run (on a table from outside the history) may have
    # made the object: the replay cannot tell, so the drop stays a drop
    lost = ("CREATE VIEW recent_events AS SELECT * FROM events;\nCREATE VIEW active_users AS SELECT * FROM events;\n",)
    sql = "DROP VIEW IF EXISTS active_users;\n"
    assert lint(tmp_path, sql, "sqlite", earlier=lost) == {("drop-view", 1, 1)}


SPELLING = "CREATE VIRTUAL TABLE spelling USING spellfix1;\n"  # a module SQLite lacks, the app loads it


def test_a_virtual_table_of_a_module_sqlite_lacks_is_there_for_the_drops(tmp_path: Path) -> None:
    # the app's database has the table and its shadow tables (spelling_vocab): each drop is a drop
    drops = "DROP TABLE IF EXISTS spelling_vocab;\nCREATE TABLE a (x int);\n  DROP TABLE IF EXISTS spelling;\n"
    found = lint(tmp_path, drops, "sqlite", earlier=(SPELLING,))
    assert found == {("drop-table", 1, 1), ("drop-table", 3, 3)}
    assert lint(tmp_path / "plain", "DROP TABLE spelling;\n", "sqlite", earlier=(SPELLING,)) == {("drop-table", 1, 1)}
    # near miss: the shadow table goes with its virtual table
    gone = "DROP TABLE spelling;\nDROP TABLE IF EXISTS spelling_vocab;\n"
    assert lint(tmp_path / "gone", gone, "sqlite", earlier=(SPELLING,)) == {("drop-table", 1, 1)}


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        # a table named like the dropped virtual table, but none of its shadows: never made by the
        # history, IF EXISTS expects it may be there
        ("spelling_notes", {("drop-table", 1, 1)}),
        ("spelling_vocabulary", {("drop-table", 1, 1)}),
        # near misses: the shadow tables of a dropped virtual table went with it
        ("spelling_vocab", set()),
        ("spelling_content", set()),
        ("spelling_segdir", set()),
    ],
)
def test_only_a_shadow_suffix_makes_a_table_the_dropped_virtual_tables(
    tmp_path: Path, table: str, expected: set[tuple[str, int, int]]
) -> None:
    earlier = (SPELLING, "DROP TABLE spelling;\n")
    assert lint(tmp_path, f"DROP TABLE IF EXISTS {table};\n", "sqlite", earlier=earlier) == expected


def test_a_virtual_table_of_a_module_sqlite_lacks_leaves_the_replay_whole(tmp_path: Path) -> None:
    # the replay still knows every other table: a view the history dropped, dropped again IF EXISTS,
    # is nothing, and SQLite's refusal of a duplicate column is judged
    earlier = (SPELLING, "INSERT INTO spelling (word) VALUES ('ratchet');\n", VIEW, "DROP VIEW active_users;\n")
    sql = "DROP VIEW IF EXISTS active_users;\nALTER TABLE users ADD COLUMN email TEXT;\n"
    assert lint(tmp_path, sql, "sqlite", earlier=earlier) == {("syntax-error", 2, 30)}
    # near miss: a statement really lost
    lost = (SPELLING, VIEW, "DROP VIEW active_users;\n", "CREATE INDEX idx_nowhere ON nowhere (x);\n")
    assert lint(tmp_path / "lost", sql, "sqlite", earlier=lost) == {("drop-view", 1, 1)}


@pytest.mark.parametrize("dialect", ["sqlite", "mysql"])
def test_drop_if_exists_of_a_table_an_earlier_file_created_is_a_drop(tmp_path: Path, dialect: str) -> None:
    earlier = ("CREATE TABLE audit_log (id INTEGER PRIMARY KEY);\n",)
    sql = "DROP TABLE IF EXISTS audit_log;\nCREATE TABLE audit_log (id INTEGER PRIMARY KEY, what TEXT);\n"
    assert lint(tmp_path, sql, dialect, earlier=earlier) == {("drop-table", 1, 1)}


def test_word_path_agrees_on_enum_renames_and_extensions(tmp_path: Path) -> None:
    sql = "ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';\nDROP EXTENSION hstore;\nDEALLOCATE PREPARE stmt;\n"
    assert lint(tmp_path, sql, "postgresql") == {("rename-enum-value", 1, 17), ("drop-extension", 2, 1)}
    assert lint(tmp_path / "my", "PREPARE s FROM 'SELECT 1';\nEXECUTE s;\nDEALLOCATE PREPARE s;\n", "mysql") == {
        ("opaque-sql", 1, 1),
        ("opaque-sql", 2, 1),
    }


# -- 8. lint-schema seeds the catalog -------------------------------------------------------------

DUMP = """PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, email TEXT);
INSERT INTO users VALUES (1, 'ann', 'a@x');
CREATE INDEX idx_users_email ON users (email);
COMMIT;
"""
FROM_DUMP_REBUILD = """CREATE TABLE users_new (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, email TEXT,
  nick TEXT, bio TEXT NOT NULL DEFAULT '');
INSERT INTO users_new (id, username, email, nick) SELECT id, username, email, nick FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE INDEX idx_users_email ON users (email);
"""


def dump_project(project: Project, setting: str | None) -> None:
    project.write("1.0.0__add_nick.sql", "ALTER TABLE users ADD COLUMN nick TEXT;\n")
    project.write("1.1.0__rebuild.sql", FROM_DUMP_REBUILD)
    (project.root / "db").mkdir(exist_ok=True)
    (project.root / "db" / "schema.sql").write_text(DUMP, encoding="utf-8")
    toml = f'[tool.ratchet]\nlint-schema = "{setting}"\n' if setting else ""
    (project.root / "pyproject.toml").write_text(toml, encoding="utf-8")


def test_lint_schema_lets_a_history_from_a_dump_prove_its_rebuilds(project: Project) -> None:
    dump_project(project, None)
    unseeded = project.ratchet("lint", "--format", "json")
    rules = [
        (f["file"].split("/")[-1], f["rule"], f["line"], f["column"]) for f in json.loads(unseeded.out)["findings"]
    ]
    assert ("1.1.0__rebuild.sql", "rebuild-unverified", 4, 1) in rules, unseeded.output
    dump_project(project, "db/schema.sql")
    seeded = project.ratchet("lint", "--format", "json")
    assert seeded.code == 0, seeded.output
    assert json.loads(seeded.out)["findings"] == []


def test_lint_schema_is_relative_to_the_pyproject_and_validated(project: Project) -> None:
    dump_project(project, "db/schema.sql")
    inner = project.root / "migrations"
    done = subprocess.run(
        [RATCHET, "lint", "."], cwd=inner, capture_output=True, text=True, timeout=120, check=False, env=_env()
    )
    assert done.returncode == 0, done.stdout + done.stderr
    dump_project(project, "db/nothing.sql")
    missing = project.ratchet("lint")
    assert missing.code == 2 and "lint-schema" in missing.err and "does not exist" in missing.err
    assert "Traceback" not in missing.output


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("RATCHET_")} | {"NO_COLOR": "1"}


def test_lint_schema_seeds_migrates_lint_too(project: Project, sqlite_path: Path) -> None:
    dump_project(project, "db/schema.sql")
    with sqlite3.connect(sqlite_path) as connection:
        connection.executescript(DUMP)
    assert project.ratchet("baseline", "0.0.0").code == 0
    result = project.ratchet("migrate")
    assert result.code == 0, result.output


# -- 9. the replay is bounded ---------------------------------------------------------------------

# The 301-byte files that once hung the replay: an unbounded recursive query, and an inserting variant.
UNBOUNDED_QUERY = (
    "-- 1.1.0: how many numbers are there? (an unbounded recursive query: it never ends)\n"
    "-- Written by mistake: the recursive term has no WHERE clause, so the CTE never stops\n"
    "-- and SQLite counts on.\n"
    "WITH RECURSIVE numbers(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM numbers)\n"
    "SELECT count(*) FROM numbers;\n"
)
UNBOUNDED_INSERT = (
    "-- 1.1.0: fill a log with every number (an unbounded recursive insert: it never ends)\n"
    "CREATE TABLE number_log (n INTEGER);\n"
    "-- the recursive term has no WHERE clause at all...\n"
    "INSERT INTO number_log (n) WITH RECURSIVE numbers(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM numbers)\n"
    "SELECT n FROM numbers;\n"
)


@pytest.mark.parametrize("earlier", [UNBOUNDED_QUERY, UNBOUNDED_INSERT], ids=["query", "insert"])
def test_an_unbounded_earlier_file_does_not_hang_the_lint(project: Project, earlier: str) -> None:
    assert len(earlier.encode()) == 301
    project.write("1.0.0__users.sql", BASE)
    project.write("1.1.0__numbers.sql", earlier)
    project.write("1.2.0__drop.sql", "ALTER TABLE users DROP COLUMN email;\n")
    # The timeout only detects a hang (the unbounded statements are not replayed at all).
    result = project.ratchet("lint", "--format", "json", timeout=60)
    findings = json.loads(result.out)["findings"]
    assert [(f["file"].split("/")[-1], f["rule"], f["line"], f["column"]) for f in findings] == [
        ("1.2.0__drop.sql", "drop-column", 1, 19)
    ]


@pytest.mark.parametrize(
    ("select", "bound"),
    [("SELECT n FROM numbers", "time"), ("SELECT zeroblob(300000000) || n FROM numbers", "memory")],
    ids=["time", "memory"],
)
def test_a_schema_statement_over_the_bounds_is_one_finding(project: Project, select: str, bound: str) -> None:
    project.write("1.0.0__users.sql", BASE)
    project.write(
        "1.1.0__numbers.sql",
        "CREATE TABLE numbers_copy AS\n"
        f"  WITH RECURSIVE numbers(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM numbers) {select};\n",
    )
    project.write("1.2.0__more.sql", "ALTER TABLE users ADD COLUMN bio TEXT;\n")
    result = project.ratchet("lint", "--format", "json", timeout=60)
    findings = json.loads(result.out)["findings"]
    assert [(f["file"].split("/")[-1], f["rule"], f["line"], f["column"]) for f in findings] == [
        ("1.1.0__numbers.sql", "replay-limit", 1, 1)
    ]
    assert f"{bound} bound" in findings[0]["message"]


def test_the_heap_limit_is_restored_after_the_replay(tmp_path: Path) -> None:
    lint(tmp_path, "CREATE TABLE t (x INTEGER);\n", "sqlite")
    with sqlite3.connect(":memory:") as connection:
        assert connection.execute("PRAGMA hard_heap_limit").fetchone()[0] == 0


# -- waivers --------------------------------------------------------------------------------------


def test_a_waiver_without_a_reason_does_not_hide_the_other_findings(tmp_path: Path) -> None:
    sql = "-- guard: allow drop-table\nDROP TABLE users;\nCREATE TABLE t (x INTEGER);\nDELETE FROM t;\n"
    assert lint(tmp_path, sql, "sqlite") == {("waiver-missing-reason", 1, 1), ("drop-table", 2, 1)}
    reasoned = '-- guard: allow drop-table reason="archived"\nDROP TABLE users;\n'
    assert lint(tmp_path / "near", reasoned, "sqlite") == {("drop-table", 2, 1)}


def test_a_waiver_without_a_reason_is_a_lint_error_not_an_invalid_file(project: Project) -> None:
    project.write("1.0.0__users.sql", BASE)
    project.write("1.1.0__drop.sql", "-- guard: allow drop-column\nALTER TABLE users DROP COLUMN email;\n")
    result = project.ratchet("lint", "--format", "json")
    assert result.code == 1, result.output
    found = {(f["rule"], f["line"], f["waived"]) for f in json.loads(result.out)["findings"]}
    assert found == {("waiver-missing-reason", 1, False), ("drop-column", 2, False)}


def test_an_unknown_rule_in_a_waiver_suggests_the_nearest(tmp_path: Path) -> None:
    directory = tmp_path / "migrations"
    directory.mkdir()
    (directory / "1.0.0__a.sql").write_text('-- guard: allow drop-colum reason="x"\nCREATE TABLE a (x int);\n')
    (directory / "1.1.0__b.sql").write_text('-- guard: allow frobnicate reason="x"\nCREATE TABLE b (x int);\n')
    findings = {f.path.name: f for f in lint_paths([directory], dialect="sqlite").findings}
    assert findings["1.0.0__a.sql"].rule == "waiver-unknown-rule"
    assert "did you mean 'drop-column'?" in findings["1.0.0__a.sql"].message
    assert "did you mean" not in findings["1.1.0__b.sql"].message


def test_a_syntax_error_among_many_data_statements_is_found_at_its_line(tmp_path: Path) -> None:
    rows = [f"INSERT INTO users (id, username) VALUES ({n}, 'user{n}');\n" for n in range(1, 1201)]
    rows[699] = "INSERT INTO users (id, username) VALUES (700, 'user700') (701, 'user701');\n"
    found = lint(tmp_path, "".join(rows), "sqlite")
    assert found == {("syntax-error", 700, 58)}
    rows[699] = "INSERT INTO users (id, username) VALUES (700, 'user700'), (701, 'user701');\n"
    assert lint(tmp_path / "near", "".join(rows), "sqlite") == set()
