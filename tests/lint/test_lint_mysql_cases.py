"""The MySQL word classifier on MySQL files written from real-world patterns (mysql_cases.py):
every expected error and warning at its line, and nothing else. bench/mysql_parser_measure.py
measures sqlglot's MySQL parser on the same cases (it is less faithful; see the README)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mysql_cases import BASE, CASES

from ratchet.linter import lint_paths


@pytest.mark.parametrize(("sql", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_mysql_case(tmp_path: Path, sql: str, expected: set[tuple[str, int]]) -> None:
    (tmp_path / "1.0.0__base.sql").write_text(BASE, encoding="utf-8")
    (tmp_path / "1.1.0__case.sql").write_text(sql, encoding="utf-8")
    report = lint_paths([tmp_path], dialect="mysql")
    found = {
        (f.rule, f.line)
        for f in report.findings
        if f.path.name == "1.1.0__case.sql" and f.severity != "info" and f.rule != "mysql-implicit-commit"
    }
    assert found == expected
