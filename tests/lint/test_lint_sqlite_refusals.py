"""SQLite refuses some statements for what the schema holds, not for their syntax: a column a
trigger, index or view still uses, a duplicate or missing column, an object that exists already.
The lint reports them as ``syntax-error`` (the engine is SQLite's parser) when the replay knows
the schema whole; each with a near miss, by rule, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Project
from ratchet.linter import lint_paths

BASE = """CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT, tag TEXT);
CREATE TABLE log (msg TEXT);
CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN INSERT INTO log VALUES (new.title); END;
CREATE INDEX notes_on_body ON notes (body);
"""

Found = set[tuple[str, int, int]]


def lint(tmp_path: Path, sql: str, base: str = BASE) -> Found:
    directory = tmp_path / "migrations"
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "1.0.0__base.sql").write_text(base, encoding="utf-8")
    (directory / "1.1.0__change.sql").write_text(sql, encoding="utf-8")
    report = lint_paths([directory], dialect="sqlite")
    return {(f.rule, f.line, f.column) for f in report.findings if f.path.name.startswith("1.1.0")}


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        # a column the trigger still uses: SQLite refuses the drop, the file fails
        ("ALTER TABLE notes DROP COLUMN title;\n", {("syntax-error", 1, 31), ("drop-column", 1, 19)}),
        # a column an index still uses
        (
            "CREATE TABLE t (x int);\nALTER TABLE notes DROP COLUMN body;\n",
            {("syntax-error", 2, 31), ("drop-column", 2, 19)},
        ),
        ("ALTER TABLE notes ADD COLUMN tag TEXT;\n", {("syntax-error", 1, 30)}),
        ("CREATE INDEX notes_on_color ON notes (color);\n", {("syntax-error", 1, 39)}),
        ("CREATE TABLE log (msg TEXT);\n", {("syntax-error", 1, 1)}),
        ("INSERT INTO notes (id, title, colour) VALUES (1, 'a', 'red');\n", {("syntax-error", 1, 31)}),
    ],
)
def test_statements_sqlite_refuses_on_the_replayed_schema(tmp_path: Path, sql: str, expected: Found) -> None:
    assert lint(tmp_path, sql) == expected


def test_only_the_first_refusal_of_a_file_is_reported(tmp_path: Path) -> None:
    sql = "ALTER TABLE notes ADD COLUMN tag TEXT;\nCREATE INDEX notes_on_color ON notes (color);\n"
    assert lint(tmp_path, sql) == {("syntax-error", 1, 30)}


@pytest.mark.parametrize(
    "sql",
    [
        # the index goes first: the drop is only a drop
        "DROP INDEX notes_on_body;\nALTER TABLE notes DROP COLUMN body;\n",
        # a table the history never made may come from outside it (the app, Room's own tables)
        "INSERT INTO room_master_table (id, identity_hash) VALUES (42, 'abc');\n",
        "ALTER TABLE android_metadata ADD COLUMN x TEXT;\n",
        # IF NOT EXISTS: SQLite does nothing
        "CREATE TABLE IF NOT EXISTS log (msg TEXT);\nCREATE INDEX IF NOT EXISTS notes_on_body ON notes (body);\n",
        # a skip-if guard may skip the file where the object exists
        "-- guard: skip-if SELECT count(*) FROM sqlite_master WHERE name = 'log'\nCREATE TABLE log (msg TEXT);\n",
    ],
)
def test_refusal_near_misses(tmp_path: Path, sql: str) -> None:
    assert not {f for f in lint(tmp_path, sql) if f[0] == "syntax-error"}


def test_no_refusal_is_judged_after_an_earlier_file_failed_to_replay(tmp_path: Path) -> None:
    base = BASE + "ALTER TABLE made_elsewhere ADD COLUMN x TEXT;\n"
    assert lint(tmp_path, "ALTER TABLE notes ADD COLUMN tag TEXT;\n", base) == set()


def test_sqlite_own_tables_in_a_schema_dump_do_not_stop_the_judging(tmp_path: Path) -> None:
    """`.schema` prints SQLite's own tables (`CREATE TABLE sqlite_sequence(name,seq);`), which SQLite
    makes itself and refuses to have created: the replay leaves them to it."""
    base = "CREATE TABLE counters (id INTEGER PRIMARY KEY AUTOINCREMENT);\nCREATE TABLE sqlite_sequence(name,seq);\n"
    base += "CREATE TABLE IF NOT EXISTS sqlite_stat1(tbl,idx,stat);\n" + BASE
    assert lint(tmp_path, "ALTER TABLE notes ADD COLUMN tag TEXT;\n", base) == {("syntax-error", 1, 30)}
    # near miss: another name that SQLite refuses still stops it
    assert (
        lint(tmp_path, "ALTER TABLE notes ADD COLUMN tag TEXT;\n", base.replace("sqlite_stat1", "sqlitex.t")) == set()
    )


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("INSERT INTO notes SELECT * FROM log;\n", {("syntax-error", 1, 1)}),
        ("CREATE TABLE t (x int);\nINSERT INTO notes (id, title) VALUES (1, 'a', 'b');\n", {("syntax-error", 2, 1)}),
        # near misses: as many values as columns
        ("INSERT INTO notes SELECT 1, msg, NULL, NULL FROM log;\n", set()),
        ("INSERT INTO notes (id, title) VALUES (1, 'a');\n", set()),
    ],
)
def test_an_insert_with_more_or_fewer_values_than_columns_fails(tmp_path: Path, sql: str, expected: Found) -> None:
    assert lint(tmp_path, sql) == expected


APP_REGISTERED = """CREATE TABLE labels (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE LOCALIZED,
  pattern TEXT CHECK (pattern IS NULL OR regexp('^[a-z]+$', pattern)),
  stem TEXT AS (stem_of(name)) VIRTUAL
);
CREATE INDEX labels_name ON labels (name COLLATE UNICODE);
CREATE INDEX labels_folded ON labels (fold(name));
"""


def test_functions_and_collations_the_app_registers_do_not_stop_the_replay(tmp_path: Path) -> None:
    """A table whose CHECK, generated column or index names a function or collation that only the
    app's connection has (Android's LOCALIZED) is made in the replay all the same; the linted file's
    own statements that need one are reported (ratchet's connection has none of them)."""
    base = BASE + APP_REGISTERED
    assert lint(tmp_path, "ALTER TABLE labels ADD COLUMN pattern TEXT;\n", base) == {("syntax-error", 1, 31)}
    rebuild = APP_REGISTERED.replace("labels", "labels_new", 1).replace("VIRTUAL\n", "VIRTUAL,\n  color INTEGER\n")
    rebuild = rebuild.split("CREATE INDEX")[0] + (
        "INSERT INTO labels_new (id, name, pattern) SELECT id, name, pattern FROM labels;\n"
        "DROP TABLE labels;\nALTER TABLE labels_new RENAME TO labels;\n"
        "CREATE INDEX labels_name ON labels (name COLLATE UNICODE);\n"
        "CREATE INDEX labels_folded ON labels (fold(name));\n"
    )
    needs = {("syntax-error", 3, 30), ("syntax-error", 11, 50), ("syntax-error", 12, 39)}
    assert lint(tmp_path / "rebuild", rebuild, base) == needs
    # near miss: the rebuild forgets an index on the app's function
    forgot = rebuild.replace("CREATE INDEX labels_folded ON labels (fold(name));\n", "")
    assert lint(tmp_path / "forgot", forgot, base) == {("rebuild-loses-dependents", 9, 1)} | needs - {
        ("syntax-error", 12, 39)
    }


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT CHECK (lenght(x) > 2));\n", {("syntax-error", 1, 55)}),
        ("CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT COLLATE NOCASEE);\n", {("syntax-error", 1, 56)}),
        ("CREATE INDEX notes_lower ON notes (lowr(title));\n", {("syntax-error", 1, 36)}),
        ("CREATE INDEX notes_label ON notes (title COLLATE LOCALIZED);\n", {("syntax-error", 1, 50)}),
        # near misses: SQLite's own functions and collations
        ("CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT CHECK (length(x) > 2));\n", set()),
        ("CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT COLLATE NOCASE);\n", set()),
        ("CREATE INDEX notes_lower ON notes (lower(title));\n", set()),
    ],
)
def test_a_function_or_collation_ratchets_connection_lacks_fails_the_file(
    tmp_path: Path, sql: str, expected: Found
) -> None:
    """Only the earlier files' statements run silently with a stand-in (see above)."""
    found = lint(tmp_path, sql, BASE + APP_REGISTERED)
    assert found == expected
    if expected:
        directory = tmp_path / "migrations"
        report = lint_paths([directory], dialect="sqlite")
        assert "on ratchet's connection" in report.findings[-1].message


def test_migrate_fails_where_the_lint_said_it_would(project: Project) -> None:
    (project.migrations / "1.0.0__base.sql").write_text(BASE, encoding="utf-8")
    misspelt = "CREATE INDEX notes_lower ON notes (lowr(title));\n"
    (project.migrations / "1.1.0__index.sql").write_text(misspelt, encoding="utf-8")
    result = project.ratchet("lint", "migrations")
    assert result.code != 0 and "1.1.0__index.sql:1:36" in result.output, result.output
    result = project.ratchet("migrate", "--no-lint")
    assert result.code != 0 and "no such function: lowr" in result.output, result.output
    # near miss: the function SQLite has
    (project.migrations / "1.1.0__index.sql").write_text(misspelt.replace("lowr", "lower"), encoding="utf-8")
    assert project.ratchet("lint", "migrations").code == 0
    assert project.ratchet("migrate").code == 0
