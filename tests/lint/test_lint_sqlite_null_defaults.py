"""A NULL default is no default: an ADD COLUMN ... NOT NULL whose DEFAULT is NULL (or folds to
NULL) adds a required column, while a REFERENCES column may take the NULL literal as its default."""

from __future__ import annotations

from pathlib import Path

import pytest

from ratchet.linter import lint_paths

INIT = "CREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);\n"


def findings(tmp_path: Path, added: str) -> list[tuple[str, int, int]]:
    (tmp_path / "1.0.0__init.sql").write_text(INIT, encoding="utf-8")
    (tmp_path / "1.0.1__x.sql").write_text(f"ALTER TABLE t ADD COLUMN {added};\n", encoding="utf-8")
    return [(f.rule, f.line, f.column) for f in lint_paths([tmp_path], dialect="sqlite").findings]


@pytest.mark.parametrize(
    "added",
    [
        "x INTEGER NOT NULL DEFAULT (CAST(NULL AS INTEGER))",
        "x INTEGER NOT NULL DEFAULT NULL",
        "x INTEGER NOT NULL DEFAULT (NULL)",
        "x INTEGER NOT NULL DEFAULT ((null))",
        "x NUMERIC NOT NULL DEFAULT (CAST((NULL) AS DECIMAL(10, 2)))",
    ],
)
def test_a_not_null_column_with_a_null_default_has_no_default(tmp_path: Path, added: str) -> None:
    assert findings(tmp_path, added) == [("add-not-null-without-default", 1, 15)]


@pytest.mark.parametrize(
    "added",
    [
        "x INTEGER NOT NULL DEFAULT (CAST(0 AS INTEGER))",
        "x INTEGER NOT NULL DEFAULT 0",
        "x TEXT NOT NULL DEFAULT 'NULL'",
        "x INTEGER NOT NULL DEFAULT (CAST(NULL AS INTEGER) IS NULL)",
    ],
)
def test_a_not_null_column_with_a_value_default_is_clean(tmp_path: Path, added: str) -> None:
    found = findings(tmp_path, added)
    assert ("add-not-null-without-default", 1, 15) not in found


@pytest.mark.parametrize("default", ["NULL", "(NULL)", "((NULL))"])
def test_a_references_column_may_default_to_the_null_literal(tmp_path: Path, default: str) -> None:
    assert findings(tmp_path, f"p_id INTEGER REFERENCES p(id) DEFAULT {default}") == []


@pytest.mark.parametrize("default", ["(CAST(NULL AS INTEGER))", "0"])
def test_a_references_column_with_another_default_is_refused(tmp_path: Path, default: str) -> None:
    found = findings(tmp_path, f"p_id INTEGER REFERENCES p(id) DEFAULT {default}")
    assert found == [("sqlite-add-column-restriction", 1, 15)]
