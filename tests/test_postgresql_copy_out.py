"""A PostgreSQL migration may ``COPY ... TO STDOUT``: it only reads, so the lint passes it and
``migrate`` runs it, dropping the rows it sends as it drops a ``SELECT``'s."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Db, Project
from ratchet.linter import lint_paths

COPIES = [
    "COPY t TO stdout;\n",
    "COPY (SELECT v, 'TO STDOUT' FROM t) TO STDOUT WITH (FORMAT csv, HEADER);\n",
    "copy t (v) to stdout;\n",
]


@pytest.mark.parametrize("copy", COPIES)
def test_a_copy_to_stdout_is_run_and_its_rows_dropped(
    project: Project, make_db: Callable[[str], Db], copy: str
) -> None:
    db = make_db("postgresql")
    on_db = Project(project.root, db.url)
    on_db.write(
        "1.0.0__t.sql", "CREATE TABLE t (v TEXT);\nINSERT INTO t SELECT 'row ' || n FROM generate_series(1, 5000) n;\n"
    )
    on_db.write("1.1.0__copy.sql", f"{copy}INSERT INTO t VALUES ('after');\n")
    on_db.write("1.2.0__next.sql", "INSERT INTO t VALUES ('next');\n")
    result = on_db.ratchet("migrate")
    assert result.code == 0, result.output
    assert "row 1" not in result.output
    assert db.query("SELECT count(*) FROM t") == [(5002,)]
    assert db.history() == {"1.0.0": ("applied", 2), "1.1.0": ("applied", 2), "1.2.0": ("applied", 1)}


def test_a_failing_copy_to_stdout_fails_its_file(project: Project, make_db: Callable[[str], Db]) -> None:
    db = make_db("postgresql")
    on_db = Project(project.root, db.url)
    on_db.write("1.0.0__t.sql", "CREATE TABLE t (v TEXT);\n")
    on_db.write("1.1.0__copy.sql", "INSERT INTO t VALUES ('x');\nCOPY missing TO STDOUT;\n")
    result = on_db.ratchet("migrate")
    assert result.code == 5, result.output
    assert '1.1.0__copy.sql:2: statement 2 of 1.1.0 failed: relation "missing" does not exist' in result.err
    assert db.query("SELECT count(*) FROM t") == [(0,)]
    assert db.history() == {"1.0.0": ("applied", 1)}


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        *((copy, []) for copy in COPIES),
        ("COPY t TO '/tmp/t.csv';\n", []),
        ("COPY t TO PROGRAM 'gzip > /tmp/t.gz';\n", [("opaque-sql", 1, 1)]),
        ("COPY (DELETE FROM t RETURNING v) TO STDOUT;\n", [("delete-without-where", 1, 1)]),
        ("COPY t FROM stdin;\n", [("opaque-sql", 1, 1)]),
    ],
)
def test_a_copy_to_the_client_is_linted_as_the_read_it_is(
    tmp_path: Path, sql: str, expected: list[tuple[str, int, int]]
) -> None:
    (tmp_path / "1.0.0__t.sql").write_text("CREATE TABLE t (v text);\n", encoding="utf-8")
    (tmp_path / "1.1.0__copy.sql").write_text(sql, encoding="utf-8")
    findings = lint_paths([tmp_path], dialect="postgresql").findings
    assert [(f.rule, f.line, f.column) for f in findings] == expected
