"""Precision and recall of error findings on realistic SQLite histories (sqlite_corpus.py, and the
long ones of sqlite_long_histories.py, sqlite_desktop_histories.py and, in the shapes the big ORMs
and other migration tools generate, sqlite_orm_histories.py and sqlite_tool_histories.py, and the
hand-written app upgrade scripts of sqlite_app_histories.py, and the EF Core scripts and goose
files of sqlite_script_histories.py, and the Atlas and PRAGMA user_version histories of
sqlite_generated_histories.py, and the Drizzle, Alembic batch, Prisma, sqlx, GORM, Android onUpgrade
and Core Data-like histories of sqlite_kit_histories.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from history_corpus import measure, union
from sqlite_corpus import HISTORIES
from sqlite_histories import SQLITE_HISTORIES
from sqlite_long_histories import SEEDS

from ratchet.linter import lint_paths
from ratchet.linter.rules import ERROR


def errors_of(tmp_path: Path, files: list[tuple[str, str]]) -> set[tuple[str, str, int]]:
    directory = tmp_path / "migrations"
    directory.mkdir(parents=True)
    for name, sql in files:
        (directory / name).write_text(sql, encoding="utf-8")
    report = lint_paths([directory], dialect="sqlite")
    assert not report.problems, report.problems
    return {(f.path.name, f.rule, f.line) for f in report.findings if f.severity == ERROR}


@pytest.mark.parametrize(("files", "expected"), [h[1:] for h in HISTORIES], ids=[h[0] for h in HISTORIES])
def test_history_errors_are_exactly_the_expected_ones(
    tmp_path: Path, files: list[tuple[str, str]], expected: set[tuple[str, str, int]]
) -> None:
    found = errors_of(tmp_path, files)
    assert found - expected == set(), "false errors"
    assert expected - found == set(), "missed errors"


def test_precision_and_recall_over_the_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hits = false = missed = 0
    for name, files, expected in HISTORIES:
        found = errors_of(tmp_path / name, files)
        hits += len(found & expected)
        false += len(found - expected)
        missed += len(expected - found)
    precision, recall = hits / (hits + false), hits / (hits + missed)
    with capsys.disabled():
        print(
            f"\nSQLite corpus: {hits} true errors, {false} false, {missed} missed: "
            f"precision {precision:.2f}, recall {recall:.2f}"
        )
    assert (precision, recall) == (1.0, 1.0)


def test_precision_and_recall_over_the_long_histories(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    measured = measure(
        tmp_path,
        SQLITE_HISTORIES,
        "sqlite",
        SEEDS,
    )
    with capsys.disabled():
        print("\n" + measured.summary("SQLite long-history"))
    assert measured.found - measured.expected == set(), "false errors"
    assert measured.expected - measured.found == set(), "missed errors"


def test_the_union_of_histories_refuses_a_repeated_label() -> None:
    with pytest.raises(ValueError, match="history labels repeated: shop"):
        union({"shop": [], "blog": []}, {"shop": []})
    # near miss: distinct labels are all kept
    assert list(union({"shop": []}, {"blog": []})) == ["shop", "blog"]
