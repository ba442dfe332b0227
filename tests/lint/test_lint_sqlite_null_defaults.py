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
        "x INTEGER NOT NULL DEFAULT -NULL",
        "x INTEGER NOT NULL DEFAULT (- NULL)",
        "x INTEGER NOT NULL DEFAULT (-(NULL))",
        "x INTEGER NOT NULL DEFAULT +NULL",
        "x INTEGER NOT NULL DEFAULT (CAST(-NULL AS INTEGER))",
        "x INTEGER NOT NULL DEFAULT (-CAST(NULL AS INTEGER))",
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
        "x INTEGER NOT NULL DEFAULT -1",
        "x INTEGER NOT NULL DEFAULT (- 1)",
        "x INTEGER NOT NULL DEFAULT (-(1))",
        "x TEXT NOT NULL DEFAULT (-'NULL')",
        "x INTEGER NOT NULL DEFAULT (CAST(-0 AS INTEGER))",
    ],
)
def test_a_not_null_column_with_a_value_default_is_clean(tmp_path: Path, added: str) -> None:
    found = findings(tmp_path, added)
    assert ("add-not-null-without-default", 1, 15) not in found


@pytest.mark.parametrize(
    "added",
    [
        "x TEXT NOT NULL DEFAULT ('a)')",
        "x TEXT NOT NULL DEFAULT (CAST('(' AS TEXT))",
        "x BLOB NOT NULL DEFAULT (X'00')",
        "x REAL NOT NULL DEFAULT (- 1.5e3)",
        "x INTEGER NOT NULL DEFAULT (0x1F)",
        "x INTEGER NOT NULL DEFAULT (-TRUE)",
    ],
)
def test_a_constant_default_in_parentheses_is_added_as_sqlite_adds_it(tmp_path: Path, added: str) -> None:
    assert findings(tmp_path, added) == []


@pytest.mark.parametrize("added", ["x TEXT NOT NULL DEFAULT ('a' || ')')", 'x TEXT NOT NULL DEFAULT ("a")'])
def test_an_expression_default_in_parentheses_is_not_constant(tmp_path: Path, added: str) -> None:
    assert findings(tmp_path, added) == [("sqlite-add-column-restriction", 1, 15)]


@pytest.mark.parametrize("default", ["NULL", "(NULL)", "((NULL))", "+NULL"])
def test_a_references_column_may_default_to_the_null_literal(tmp_path: Path, default: str) -> None:
    assert findings(tmp_path, f"p_id INTEGER REFERENCES p(id) DEFAULT {default}") == []


@pytest.mark.parametrize("default", ["(CAST(NULL AS INTEGER))", "0", "-NULL", "(+NULL)", "(- NULL)"])
def test_a_references_column_with_another_default_is_refused(tmp_path: Path, default: str) -> None:
    found = findings(tmp_path, f"p_id INTEGER REFERENCES p(id) DEFAULT {default}")
    assert found == [("sqlite-add-column-restriction", 1, 15)]


@pytest.mark.parametrize("dialect", ["postgresql", "mysql"])
@pytest.mark.parametrize(
    ("default", "found"),
    [
        ("(- NULL)", True),
        ("-1", False),
        ("(- 1)", False),
    ],
)
def test_a_signed_null_default_is_no_default_on_the_servers(
    tmp_path: Path, dialect: str, default: str, found: bool
) -> None:
    (tmp_path / "1.0.0__init.sql").write_text("CREATE TABLE t (id INTEGER PRIMARY KEY);\n", encoding="utf-8")
    (tmp_path / "1.0.1__x.sql").write_text(
        f"ALTER TABLE t ADD COLUMN x INTEGER NOT NULL DEFAULT {default};\n", encoding="utf-8"
    )
    rules = {(f.rule, f.line, f.column) for f in lint_paths([tmp_path], dialect=dialect).findings}
    assert (("add-not-null-without-default", 1, 15) in rules) is found


@pytest.mark.parametrize(
    ("default", "found"),
    [
        ("NULL::integer", True),
        ("CAST(NULL AS integer)", True),
        ("-NULL::integer", True),
        ("+(NULL::integer)", True),
        ("0::integer", False),
        ("-(1::integer)", False),
        ("1 - NULL::integer", False),
    ],
)
def test_a_cast_or_signed_null_default_is_no_default_on_postgresql(tmp_path: Path, default: str, found: bool) -> None:
    (tmp_path / "1.0.0__init.sql").write_text("CREATE TABLE t (id integer PRIMARY KEY);\n", encoding="utf-8")
    (tmp_path / "1.0.1__x.sql").write_text(
        f"ALTER TABLE t ADD COLUMN x integer NOT NULL DEFAULT {default};\n", encoding="utf-8"
    )
    rules = {(f.rule, f.line, f.column) for f in lint_paths([tmp_path], dialect="postgresql").findings}
    assert (("add-not-null-without-default", 1, 15) in rules) is found
