"""A file with no statement is a valid no-op migration: applied with 0 statements on
every backend, and the lint warns ``empty-migration``."""

from __future__ import annotations

import json

import pytest

from conftest import Db, Project

EMPTY_FILES = [
    ("zero_bytes", b""),
    ("blanks", b"  \n\n\t\n"),
    ("comments", b"-- not needed on this dialect\n/* see 1.2.0 */\n"),
]


@pytest.mark.parametrize(("name", "content"), EMPTY_FILES)
def test_empty_file_is_applied_with_zero_statements(db_project: Project, db: Db, name: str, content: bytes) -> None:
    db_project.write("1.0.0__base.sql", "CREATE TABLE a (x INTEGER);\n")
    db_project.write(f"1.1.0__{name}.sql", content)
    db_project.write("1.2.0__after.sql", "CREATE TABLE b (y INTEGER);\n")
    result = db_project.ratchet("migrate")
    assert result.code == 0, result.output
    assert db.history() == {"1.0.0": ("applied", 1), "1.1.0": ("applied", 0), "1.2.0": ("applied", 1)}
    assert db.db_version() == "1.2.0"
    assert db_project.ratchet("validate").code == 0
    again = db_project.ratchet("migrate")
    assert again.code == 0 and db.history()["1.1.0"] == ("applied", 0)


@pytest.mark.parametrize(("name", "content"), EMPTY_FILES)
def test_lint_warns_empty_migration(project: Project, name: str, content: bytes) -> None:
    project.write(f"1.0.0__{name}.sql", content)
    project.write("1.1.0__real.sql", "-- a header comment only before a statement\nCREATE TABLE a (x INTEGER);\n")
    result = project.ratchet("lint", "--format", "json")
    assert result.code == 0, result.output
    findings = json.loads(result.out)["findings"]
    assert [(f["file"].split("/")[-1], f["rule"], f["severity"], f["line"], f["column"]) for f in findings] == [
        (f"1.0.0__{name}.sql", "empty-migration", "warning", 1, 1)
    ]
    assert project.ratchet("lint", "--strict").code == 1
