"""A DROP then a CREATE of the same name is a replacement only when the CREATE makes the same
object: not a temporary one, nor one in another schema (with or without ``IF NOT EXISTS``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ratchet.linter import lint_paths

SQLITE_INIT = (
    "CREATE TABLE t (id INTEGER PRIMARY KEY);\nCREATE VIEW v AS SELECT id FROM t;\n"
    "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;\n"
)
MYSQL_INIT = "CREATE TABLE t (id INT PRIMARY KEY);\nCREATE VIEW v AS SELECT id FROM t;\n"
TRIGGER = " TRIGGER IF NOT EXISTS tr AFTER INSERT ON t BEGIN SELECT 1; END;"


def lint(tmp_path: Path, dialect: str, change: str) -> list[tuple[str, str, int, int]]:
    (tmp_path / "1.0.0__init.sql").write_text(SQLITE_INIT if dialect == "sqlite" else MYSQL_INIT, encoding="utf-8")
    (tmp_path / "1.0.1__x.sql").write_text(change + "\n", encoding="utf-8")
    return [
        (f.rule, f.severity, f.line, f.column)
        for f in lint_paths([tmp_path], dialect=dialect).findings
        if f.path.name == "1.0.1__x.sql" and f.rule.startswith("drop-")
    ]


@pytest.mark.parametrize(
    ("dialect", "change", "rule"),
    [
        ("sqlite", "DROP VIEW v;\nCREATE TEMP VIEW IF NOT EXISTS v AS SELECT id FROM t;", "drop-view"),
        ("sqlite", "DROP VIEW v;\nCREATE VIEW IF NOT EXISTS temp.v AS SELECT id FROM t;", "drop-view"),
        ("sqlite", "DROP VIEW v;\nCREATE VIEW IF NOT EXISTS other.v AS SELECT id FROM t;", "drop-view"),
        ("sqlite", "DROP VIEW v;\nCREATE TEMP VIEW v AS SELECT id FROM t;", "drop-view"),
        ("sqlite", "DROP VIEW v;\nCREATE VIEW other.v AS SELECT id FROM t;", "drop-view"),
        ("sqlite", "DROP TRIGGER tr;\nCREATE TEMP" + TRIGGER, "drop-trigger"),
        ("mysql", "DROP VIEW v;\nCREATE VIEW IF NOT EXISTS other.v AS SELECT id FROM t;", "drop-view"),
    ],
)
def test_a_create_of_another_object_of_the_name_is_no_replacement(
    tmp_path: Path, dialect: str, change: str, rule: str
) -> None:
    severity = "warning" if rule == "drop-trigger" else "error"
    assert lint(tmp_path, dialect, change) == [(rule, severity, 1, 1)]


@pytest.mark.parametrize(
    ("dialect", "change", "rule"),
    [
        ("sqlite", "DROP VIEW v;\nCREATE VIEW IF NOT EXISTS v AS SELECT id FROM t;", "drop-view"),
        ("sqlite", "DROP VIEW v;\nCREATE VIEW main.v AS SELECT id FROM t;", "drop-view"),
        ("sqlite", "DROP TRIGGER tr;\nCREATE" + TRIGGER, "drop-trigger"),
        ("mysql", "DROP VIEW other.v;\nCREATE VIEW IF NOT EXISTS other.v AS SELECT id FROM t;", "drop-view"),
        ("mysql", "DROP VIEW v;\nCREATE VIEW IF NOT EXISTS v AS SELECT id FROM t;", "drop-view"),
    ],
)
def test_a_create_of_the_same_object_is_a_replacement(tmp_path: Path, dialect: str, change: str, rule: str) -> None:
    assert lint(tmp_path, dialect, change) == [(rule, "info", 1, 1)]
