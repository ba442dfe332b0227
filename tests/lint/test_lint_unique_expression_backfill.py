"""A unique index on columns the file just added is exempt from ``add-unique-to-existing``; one
that also indexes an expression of an old column is not (the expression is not a new column)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ratchet.linter import lint_paths

ADD = "ALTER TABLE t ADD COLUMN tenant INTEGER NOT NULL DEFAULT 1;\nALTER TABLE t ADD COLUMN mail TEXT;\n"


def lint(tmp_path: Path, dialect: str, index: str) -> list[tuple[str, int, int]]:
    (tmp_path / "1.0.0__init.sql").write_text("CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT);\n", "utf-8")
    (tmp_path / "1.0.1__x.sql").write_text(ADD + index + "\n", encoding="utf-8")
    report = lint_paths([tmp_path], dialect=dialect)
    return [(f.rule, f.line, f.column) for f in report.findings if f.rule == "add-unique-to-existing"]


@pytest.mark.parametrize("dialect", ["sqlite", "postgres"])
@pytest.mark.parametrize(
    "index", ["CREATE UNIQUE INDEX u ON t (tenant, lower(email));", "CREATE UNIQUE INDEX u ON t ((email || ''), mail);"]
)
def test_a_unique_index_on_an_expression_of_an_old_column_is_found(tmp_path: Path, dialect: str, index: str) -> None:
    assert lint(tmp_path, dialect, index) == [("add-unique-to-existing", 3, 1)]


@pytest.mark.parametrize("dialect", ["sqlite", "postgres"])
def test_a_unique_index_on_added_columns_only_is_exempt(tmp_path: Path, dialect: str) -> None:
    assert lint(tmp_path, dialect, "CREATE UNIQUE INDEX u ON t (tenant, mail DESC);") == []
