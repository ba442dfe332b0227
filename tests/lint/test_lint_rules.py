"""Every rule, for every dialect it applies to: one file that triggers it, one near miss."""

from __future__ import annotations

from pathlib import Path

import pytest
from lint_corpus import BASE, NEAR_MISSES, TRIGGERS

from ratchet.linter import RULES, Finding, lint_paths
from ratchet.linter.rules import ERROR, INFO

# Rules whose fixtures live in test_rebuild.py (they need a real schema replay).
_REBUILD = {"rebuild-unverified", "rebuild-filters-rows", "rebuild-loses-dependents"}
# Invalid-file rules: their fixtures are in test_lint_cli.py (every other file there is valid).
_FILES = {"file-name", "duplicate-version", "file-invalid", "guard-unknown", "guard-invalid"}
# Rules of repeatable R__ files: their fixtures are in test_repeatables.py.
_REPEATABLE = {"repeatable-not-idempotent"}


def lint_sql(tmp_path: Path, sql: str, dialect: str) -> list[Finding]:
    directory = tmp_path / "migrations"
    directory.mkdir()
    (directory / "1.0.0__base.sql").write_text(BASE, encoding="utf-8")
    (directory / "1.1.0__change.sql").write_text(sql, encoding="utf-8")
    report = lint_paths([directory], dialect=dialect, since=None)
    assert not report.problems, report.problems
    return [f for f in report.findings if f.path.name == "1.1.0__change.sql"]


def _expand(cases: list[tuple]) -> list[tuple]:  # type: ignore[type-arg]
    return [(case[0], dialect, *case[2:]) for case in cases for dialect in case[1]]


@pytest.mark.parametrize(("rule", "dialect", "sql", "line", "column"), _expand(TRIGGERS))
def test_rule_triggers(tmp_path: Path, rule: str, dialect: str, sql: str, line: int, column: int) -> None:
    findings = lint_sql(tmp_path, sql, dialect)
    located = {(f.rule, f.line, f.column) for f in findings if f.severity != INFO or RULES[f.rule].severity == INFO}
    assert (rule, line, column) in located, [str(f) for f in findings]
    assert next(f for f in findings if f.rule == rule).severity == RULES[rule].severity


@pytest.mark.parametrize(("rule", "dialect", "sql"), _expand(NEAR_MISSES))
def test_near_miss_does_not_trigger(tmp_path: Path, rule: str, dialect: str, sql: str) -> None:
    findings = lint_sql(tmp_path, sql, dialect)
    assert rule not in {f.rule for f in findings if f.severity != INFO}, [str(f) for f in findings]


def test_every_rule_has_a_trigger_and_a_near_miss() -> None:
    triggered = {case[0] for case in TRIGGERS} | _REBUILD | _FILES | _REPEATABLE
    missed = {case[0] for case in NEAR_MISSES} | _REBUILD | _FILES | _REPEATABLE
    assert set(RULES) - triggered == set()
    assert set(RULES) - missed == set()


def test_replacement_and_backfill_are_info(tmp_path: Path) -> None:
    findings = lint_sql(
        tmp_path,
        "DROP VIEW v;\nCREATE VIEW v AS SELECT 1;\n"
        "ALTER TABLE users ADD COLUMN score INTEGER;\nUPDATE users SET score = 0;",
        "postgresql",
    )
    assert {(f.rule, f.line, f.severity) for f in findings} == {
        ("drop-view", 1, INFO),
        ("update-without-where", 4, INFO),
    }


def test_a_drop_made_again_if_not_exists_is_a_replacement(tmp_path: Path) -> None:
    # the file has just dropped the object: CREATE ... IF NOT EXISTS makes it again
    earlier = "CREATE VIEW v AS SELECT id FROM users;\nCREATE INDEX users_email ON users (email);\n"
    again = (
        "DROP VIEW IF EXISTS v;\nCREATE VIEW IF NOT EXISTS v AS SELECT id, email FROM users;\n"
        "DROP INDEX users_email;\nCREATE INDEX IF NOT EXISTS users_email ON users (email, username);\n"
    )
    directory = tmp_path / "migrations"
    directory.mkdir()
    (directory / "1.0.0__base.sql").write_text(BASE + earlier, encoding="utf-8")
    (directory / "1.1.0__change.sql").write_text(again, encoding="utf-8")
    found = {(f.rule, f.line, f.column, f.severity) for f in lint_paths([directory], dialect="sqlite").findings}
    assert found == {("drop-view", 1, 1, INFO), ("drop-index", 3, 1, INFO)}
    # near miss: made again under another name, the drop is a drop
    (directory / "1.1.0__change.sql").write_text(
        again.replace("IF NOT EXISTS v ", "IF NOT EXISTS v2 "), encoding="utf-8"
    )
    found = {(f.rule, f.line, f.column, f.severity) for f in lint_paths([directory], dialect="sqlite").findings}
    assert found == {("drop-view", 1, 1, ERROR), ("drop-index", 3, 1, INFO)}


def test_object_waiver_covers_only_its_object(tmp_path: Path) -> None:
    findings = lint_sql(
        tmp_path,
        '-- guard: allow drop-column:users.email reason="moved to contacts"\n'
        "ALTER TABLE users DROP COLUMN email;\nALTER TABLE users DROP COLUMN created_at;",
        "postgresql",
    )
    by_line = {f.line: f for f in findings}
    assert by_line[2].waived and by_line[2].waiver_reason == "moved to contacts"
    assert not by_line[3].waived and by_line[3].blocks()


def test_huge_statement_is_classified_from_its_head(tmp_path: Path) -> None:
    rows = ", ".join(f"({i}, 'user{i}')" for i in range(6000))
    sql = f"INSERT INTO users (id, username) VALUES {rows};\nREPLACE INTO users (id, username) VALUES {rows};"
    findings = lint_sql(tmp_path, sql, "mysql")
    assert [(f.rule, f.line) for f in findings if f.rule != "mysql-implicit-commit"] == [("replace-into", 2)]


def test_huge_non_insert_statement_is_classified(tmp_path: Path) -> None:
    whens = " ".join(f"WHEN {i} THEN 'u{i}@x'" for i in range(4000))
    sql = f"UPDATE users SET email = CASE id {whens} END;\n"
    findings = lint_sql(tmp_path, sql, "postgresql")
    assert [(f.rule, f.line, f.column) for f in findings] == [("update-without-where", 1, 1)]


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        # the journal mode cannot change inside the file's transaction
        ("PRAGMA journal_mode = WAL;\n", {("needs-no-transaction", 1, 1)}),
        # near misses: migrate runs a file that turns foreign keys off with them off from before its
        # transaction; turning them on asks for what ratchet's connection already has; reading is a query
        ("PRAGMA foreign_keys = OFF;\nCREATE TABLE x (id INTEGER);\n", set()),
        ("PRAGMA foreign_keys(0);\n", set()),
        ("PRAGMA foreign_keys = ON;\nCREATE TABLE x (id INTEGER);\n", set()),
        ("PRAGMA foreign_keys('on');\n", set()),
        ("pragma FOREIGN_KEYS=1;\n", set()),
        ("PRAGMA foreign_keys;\n", set()),
    ],
)
def test_sqlite_foreign_keys_pragma_outside_a_rebuild(
    tmp_path: Path, sql: str, expected: set[tuple[str, int, int]]
) -> None:
    assert {(f.rule, f.line, f.column) for f in lint_sql(tmp_path, sql, "sqlite")} == expected
