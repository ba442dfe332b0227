"""The seed's safe table rebuild: proven by schema replay, run with SQLite's 12-step procedure."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import Project, sqlite_rows
from ratchet.linter import lint_paths

PARENT = """
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  email TEXT
);
CREATE INDEX idx_users_email ON users (email);
CREATE TRIGGER users_audit AFTER UPDATE ON users BEGIN SELECT 1; END;
"""
CHILD = """
CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title TEXT NOT NULL
);
"""
DATA = """
INSERT INTO users (id, username, email) VALUES (1, 'ann', 'a@x'), (2, 'bob', NULL), (3, 'cy', 'c@x');
INSERT INTO posts (id, user_id, title) VALUES (1, 1, 'one'), (2, 1, 'two'), (3, 2, 'three'), (4, 3, 'four');
"""
NEW_TABLE = """
CREATE TABLE temp_users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  email TEXT,
  bio TEXT NOT NULL DEFAULT '' CHECK (length(bio) <= 500)
);
"""
COPY = "INSERT INTO temp_users (id, username, email) SELECT id, username, email FROM users;\n"
SWAP = "DROP TABLE users;\nALTER TABLE temp_users RENAME TO users;\n"
RECREATE = (
    "CREATE INDEX idx_users_email ON users (email);\n"
    "CREATE TRIGGER users_audit AFTER UPDATE ON users BEGIN SELECT 1; END;\n"
)
FAITHFUL = NEW_TABLE + COPY + SWAP + RECREATE


def write(directory: Path, rebuild: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "1.0.0__users.sql").write_text(PARENT, encoding="utf-8")
    (directory / "1.1.0__posts.sql").write_text(CHILD, encoding="utf-8")
    (directory / "1.2.0__data.sql").write_text(DATA, encoding="utf-8")
    (directory / "1.3.0__rebuild_users.sql").write_text(rebuild, encoding="utf-8")


def findings(tmp_path: Path, rebuild: str) -> list[tuple[str, int, str]]:
    write(tmp_path / "m", rebuild)
    report = lint_paths([tmp_path / "m"], dialect="sqlite")
    return [(f.rule, f.line, f.message) for f in report.findings if f.path.name.startswith("1.3.0")]


def test_faithful_rebuild_passes(tmp_path: Path) -> None:
    assert findings(tmp_path, FAITHFUL) == []


@pytest.mark.parametrize(
    ("rebuild", "rule", "line", "names"),
    [
        (
            NEW_TABLE.replace("  email TEXT,\n", "")
            + COPY.replace(", email) SELECT id, username, email", ") SELECT id, username")
            + SWAP
            + RECREATE.replace("(email)", "(username)"),
            "rebuild-unverified",
            8,
            "column email is missing",
        ),
        (
            NEW_TABLE + COPY.replace(";", " WHERE email IS NOT NULL;") + SWAP + RECREATE,
            "rebuild-filters-rows",
            8,
            "WHERE",
        ),
        (
            NEW_TABLE + COPY.replace("SELECT id", "SELECT DISTINCT id") + SWAP + RECREATE,
            "rebuild-filters-rows",
            8,
            "DISTINCT",
        ),
        (
            NEW_TABLE + COPY.replace("INSERT", "INSERT OR IGNORE") + SWAP + RECREATE,
            "rebuild-filters-rows",
            8,
            "OR IGNORE",
        ),
        (NEW_TABLE + SWAP + RECREATE, "rebuild-filters-rows", 8, "rows are lost"),
        (NEW_TABLE + COPY + SWAP + RECREATE.split("\n")[1], "rebuild-loses-dependents", 9, "index idx_users_email"),
        (NEW_TABLE + COPY + SWAP + RECREATE.split("\n")[0], "rebuild-loses-dependents", 9, "trigger users_audit"),
        (
            NEW_TABLE.replace("username TEXT NOT NULL UNIQUE", "username TEXT NOT NULL") + COPY + SWAP + RECREATE,
            "rebuild-loses-dependents",
            9,
            "UNIQUE constraint (username)",
        ),
    ],
)
def test_lossy_rebuild_fails_naming_the_loss(tmp_path: Path, rebuild: str, rule: str, line: int, names: str) -> None:
    found = findings(tmp_path, rebuild)
    assert any(r == rule and ln == line and names in message for r, ln, message in found), found
    assert all(r.startswith("rebuild-") for r, _, _ in found), found


def test_rebuild_on_other_dialects_is_unverified(tmp_path: Path) -> None:
    write(tmp_path / "m", FAITHFUL)
    report = lint_paths([tmp_path / "m"], dialect="mysql")
    rules = {f.rule for f in report.findings if f.path.name.startswith("1.3.0")}
    assert "rebuild-unverified" in rules
    assert "drop-table" not in rules


def test_faithful_rebuild_keeps_every_row_and_cascade_child(project: Project, sqlite_path: Path) -> None:
    write(project.migrations, FAITHFUL)
    assert project.ratchet("lint", "migrations").code == 0
    result = project.ratchet("migrate")
    assert result.code == 0, result.output
    assert sqlite_rows(sqlite_path, "SELECT id, username, email FROM users ORDER BY id") == [
        (1, "ann", "a@x"),
        (2, "bob", None),
        (3, "cy", "c@x"),
    ]
    assert sqlite_rows(sqlite_path, "SELECT id, user_id FROM posts ORDER BY id") == [(1, 1), (2, 1), (3, 2), (4, 3)]
    assert sqlite_rows(sqlite_path, "PRAGMA foreign_key_check") == []
    indexes = {name for (name,) in sqlite_rows(sqlite_path, "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "idx_users_email" in indexes


def test_rebuild_without_12_steps_would_cascade(tmp_path: Path) -> None:
    """The hazard the runner avoids: with foreign keys on, DROP TABLE parent deletes the children."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    connection.executescript(PARENT + CHILD + DATA + "BEGIN;" + FAITHFUL + "COMMIT;")
    assert connection.execute("SELECT count(*) FROM posts").fetchone() == (0,)


def test_foreign_key_violation_rolls_the_rebuild_back(project: Project, sqlite_path: Path) -> None:
    write(project.migrations, NEW_TABLE + COPY.replace(";", " WHERE id <> 3;") + SWAP + RECREATE)
    refused = project.ratchet("migrate")
    assert refused.code == 1 and "rebuild-filters-rows" in refused.output
    result = project.ratchet("migrate", "--no-lint")
    assert result.code == 5, result.output
    assert "violate foreign keys" in result.output and "posts rowid 4" in result.output
    assert sqlite_rows(sqlite_path, "SELECT count(*) FROM users") == [(3,)]
    assert sqlite_rows(sqlite_path, "SELECT count(*) FROM posts") == [(4,)]
    assert sqlite_rows(sqlite_path, "PRAGMA foreign_keys") == [(0,)]  # a fresh connection's default; nothing leaked


def test_dependent_view_must_be_dropped_and_recreated(tmp_path: Path) -> None:
    view = "CREATE VIEW user_emails AS SELECT id, email FROM users;\n"
    directory = tmp_path / "m"
    write(directory, FAITHFUL)
    (directory / "1.2.5__view.sql").write_text(view, encoding="utf-8")
    report = lint_paths([directory], dialect="sqlite")
    lost = [(f.rule, f.message) for f in report.findings if f.path.name.startswith("1.3.0")]
    assert [rule for rule, _ in lost] == ["rebuild-loses-dependents"], lost
    assert "view user_emails" in lost[0][1]
    fixed = "DROP VIEW user_emails;\n" + FAITHFUL + view
    (directory / "1.3.0__rebuild_users.sql").write_text(fixed, encoding="utf-8")
    report = lint_paths([directory], dialect="sqlite")
    assert [(f.rule, f.severity) for f in report.findings if f.path.name.startswith("1.3.0")] == [("drop-view", "info")]


def test_replay_failure_is_unverified_and_names_the_file(tmp_path: Path) -> None:
    directory = tmp_path / "m"
    write(directory, FAITHFUL)
    pg_only = "CREATE EXTENSION citext;\nALTER TABLE users ALTER COLUMN email TYPE citext;\n"
    (directory / "1.2.5__citext.sql").write_text(pg_only, encoding="utf-8")
    report = lint_paths([directory], dialect="sqlite")
    found = [(f.rule, f.message) for f in report.findings if f.path.name.startswith("1.3.0")]
    assert len(found) == 1 and found[0][0] == "rebuild-unverified"
    assert "1.2.5__citext.sql:2:" in found[0][1]  # the failed statement that names users
    # a failure that does not name the rebuilt table leaves its replay trustworthy
    (directory / "1.2.5__citext.sql").write_text("CREATE EXTENSION citext;\n", encoding="utf-8")
    assert [f for f in lint_paths([directory], dialect="sqlite").findings if f.path.name.startswith("1.3.0")] == []
    (directory / "1.2.5__citext.sql").write_text("-- guard: dialect postgresql\n" + pg_only, encoding="utf-8")
    assert [f for f in lint_paths([directory], dialect="sqlite").findings if f.path.name.startswith("1.3.0")] == []


@pytest.mark.parametrize("touch", ["ATTACH DATABASE '{path}' AS side;\n", "VACUUM INTO '{path}';\n"])
def test_replay_never_touches_the_filesystem(project: Project, tmp_path: Path, touch: str) -> None:
    target = tmp_path / "written-by-the-lint.db"
    project.write("1.0.0__users.sql", PARENT)
    project.write(
        "1.1.0__touch.sql", touch.format(path=target) + "CREATE TABLE side.users_copy AS SELECT * FROM users;\n"
    )
    project.write("1.2.0__rebuild.sql", FAITHFUL)
    result = project.ratchet("lint", "migrations", "--format", "json")
    assert not target.exists(), "the lint's schema replay wrote a file"
    assert result.code == 1, result.output
    findings = [f for f in json.loads(result.out)["findings"] if f["file"].endswith("1.2.0__rebuild.sql")]
    assert [f["rule"] for f in findings] == ["rebuild-unverified"]
    assert "1.1.0__touch.sql:2:" in findings[0]["message"]
    refused = project.ratchet("migrate")  # migrate lints the pending files with the same replay
    if touch.startswith("ATTACH"):  # which migrate refuses to run at all, before its lint
        assert refused.code == 3 and "1.1.0__touch.sql:1:1: ATTACH opens another database file" in refused.err
    else:
        assert refused.code == 1 and "rebuild-unverified" in refused.err, refused.output
    assert not target.exists(), "migrate's lint replay wrote a file"


def test_replay_of_a_file_with_a_nul_character_is_a_finding_not_a_crash(project: Project) -> None:
    project.write("1.0.0__users.sql", PARENT)
    project.write("1.1.0__nul.sql", "CREATE TABLE z (a);\nALTER TABLE users ADD COLUMN n\x00 TEXT;\n")
    project.write("1.2.0__rebuild.sql", FAITHFUL)
    result = project.ratchet("lint", "migrations", "--format", "json")
    assert result.code == 1 and "Traceback" not in result.err, result.output
    findings = [f for f in json.loads(result.out)["findings"] if f["file"].endswith("1.2.0__rebuild.sql")]
    assert [f["rule"] for f in findings] == ["rebuild-unverified"]
    assert "1.1.0__nul.sql:2: the query contains a null character" in findings[0]["message"]


def test_replays_parse_each_earlier_header_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ratchet.linter.history as history

    calls: list[str] = []
    real = history.read_guards

    def counting(path: Path, text: str) -> object:
        calls.append(path.name)
        return real(path, text)

    monkeypatch.setattr(history, "read_guards", counting)
    directory = tmp_path / "migrations"
    directory.mkdir()
    (directory / "1.0.0__users.sql").write_text(PARENT, encoding="utf-8")
    (directory / "1.0.1__more.sql").write_text("CREATE TABLE other (x int);\n", encoding="utf-8")
    (directory / "1.1.0__rebuild.sql").write_text(FAITHFUL, encoding="utf-8")
    (directory / "1.2.0__again.sql").write_text(FAITHFUL, encoding="utf-8")
    from packaging.version import Version

    report = lint_paths([directory], dialect="sqlite", since=Version("1.0.1"))
    assert [f.rule for f in report.findings] == ["rebuild-unverified"]  # 1.2.0 does not copy bio
    assert sorted(calls) == ["1.0.0__users.sql", "1.0.1__more.sql"]


def test_rebuild_whose_new_table_an_earlier_file_made_runs_the_12_steps(project: Project, sqlite_path: Path) -> None:
    """A rebuild split over two files (the copy, then the swap) is one too, for the lint and the runner
    alike: without the 12 steps the DROP TABLE would delete every post."""
    write(project.migrations, NEW_TABLE + COPY)
    (project.migrations / "1.4.0__swap_users.sql").write_text(SWAP + RECREATE, encoding="utf-8")
    refused = project.ratchet("migrate")
    assert refused.code == 1 and "rebuild-filters-rows" in refused.output and "drop-table" not in refused.output
    result = project.ratchet("migrate", "--no-lint")
    assert result.code == 0, result.output
    assert sqlite_rows(sqlite_path, "SELECT count(*) FROM posts") == [(4,)]
    assert sqlite_rows(sqlite_path, "PRAGMA foreign_key_check") == []


def test_each_expression_index_must_be_recreated(tmp_path: Path) -> None:
    directory = tmp_path / "m"
    write(directory, FAITHFUL)
    indexes = "CREATE INDEX users_lower ON users (lower(username));\nCREATE INDEX users_len ON users (length(email));\n"
    (directory / "1.2.5__indexes.sql").write_text(indexes, encoding="utf-8")
    (directory / "1.3.0__rebuild_users.sql").write_text(FAITHFUL + indexes.split("\n")[0] + "\n", encoding="utf-8")
    found = [(f.rule, f.line, f.column, f.message) for f in lint_paths([directory], dialect="sqlite").findings]
    assert [(rule, line, column) for rule, line, column, _ in found] == [("rebuild-loses-dependents", 9, 1)]
    assert "index users_len (length(email))" in found[0][3]
    # near miss: both recreated, one written with other blanks and quotes
    again = FAITHFUL + indexes.split("\n")[0] + '\nCREATE INDEX users_len ON users (length( "email" ));\n'
    (directory / "1.3.0__rebuild_users.sql").write_text(again, encoding="utf-8")
    assert lint_paths([directory], dialect="sqlite").findings == []


@pytest.mark.parametrize(
    ("copy", "wrong"),
    [
        (
            "INSERT INTO temp_users SELECT id, email, username, '' FROM users;\n",
            "email into username, username into email",
        ),
        ("INSERT INTO temp_users SELECT * FROM users;\n", None),  # three values for four columns: SQLite refuses
    ],
)
def test_a_copy_by_position_must_keep_each_column_in_its_place(tmp_path: Path, copy: str, wrong: str | None) -> None:
    found = findings(tmp_path, NEW_TABLE + copy + SWAP + RECREATE)
    if wrong is None:
        assert [(rule, line) for rule, line, _ in found] == [("syntax-error", 8)]
        return
    assert [(rule, line) for rule, line, _ in found] == [("rebuild-unverified", 9)]
    assert f"puts column {wrong}" in found[0][2]


@pytest.mark.parametrize(
    "copy",
    [
        "INSERT INTO temp_users SELECT *, '' FROM users;\n",
        "INSERT INTO temp_users SELECT users.id, username, email, lower('') FROM users;\n",
    ],
)
def test_a_copy_by_position_in_the_right_order_passes(tmp_path: Path, copy: str) -> None:
    assert findings(tmp_path, NEW_TABLE + copy + SWAP + RECREATE) == []


REORDERED = NEW_TABLE.replace(
    "  username TEXT NOT NULL UNIQUE,\n  email TEXT,\n", "  email TEXT,\n  username TEXT NOT NULL UNIQUE,\n"
)


def test_a_qualified_star_into_a_reordered_table_swaps_columns(tmp_path: Path) -> None:
    found = findings(tmp_path, REORDERED + "INSERT INTO temp_users SELECT users.*, '' FROM users;\n" + SWAP + RECREATE)
    assert [(rule, line) for rule, line, _ in found] == [("rebuild-unverified", 9)]
    assert "puts column email into username, username into email" in found[0][2]
    # near miss: the same table, the columns named in its order
    named = REORDERED + "INSERT INTO temp_users SELECT id, email, users.username, '' FROM users;\n"
    assert findings(tmp_path / "named", named + SWAP + RECREATE) == []


@pytest.mark.parametrize("value", ["NULL", "''", "0", "-1", "'x' AS email", "X'00'", "x'' AS email"])
def test_a_null_or_a_literal_in_place_of_an_old_column_loses_it(tmp_path: Path, value: str) -> None:
    copy = f"INSERT INTO temp_users SELECT id, username, {value}, '' FROM users;\n"
    found = findings(tmp_path, NEW_TABLE + copy + SWAP + RECREATE)
    assert [(rule, line) for rule, line, _ in found] == [("rebuild-unverified", 9)]
    assert found[0][2] == "rebuild of users: column email is not copied"
    # near miss: an expression of the old value is a change the author chose
    kept = f"INSERT INTO temp_users SELECT id, username, lower(email), {value} FROM users;\n"
    assert findings(tmp_path / "kept", NEW_TABLE + kept + SWAP + RECREATE) == []


def test_a_rebuild_that_relies_on_a_cascade_names_the_cause(project: Project, sqlite_path: Path) -> None:
    """Foreign keys are off during the 12 steps: deleting a parent row there cascades to nothing."""
    write(project.migrations, "SELECT 1;\n")
    assert project.ratchet("migrate").code == 0
    cascade = FAITHFUL + "DELETE FROM users WHERE id = 3;\n"
    (project.migrations / "1.4.0__rebuild_users.sql").write_text(cascade, encoding="utf-8")
    result = project.ratchet("migrate", "--no-lint")
    assert result.code == 5, result.output
    assert "ON DELETE CASCADE and SET NULL do not run" in result.output
    assert sqlite_rows(sqlite_path, "SELECT count(*) FROM posts") == [(4,)]
    # near miss: the file deletes the children itself
    children_first = FAITHFUL + "DELETE FROM posts WHERE user_id = 3;\nDELETE FROM users WHERE id = 3;\n"
    (project.migrations / "1.4.0__rebuild_users.sql").write_text(children_first, encoding="utf-8")
    result = project.ratchet("migrate", "--no-lint")
    assert result.code == 0, result.output
    assert sqlite_rows(sqlite_path, "SELECT count(*) FROM posts") == [(3,)]
