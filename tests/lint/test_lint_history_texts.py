"""The texts that decide which tables a SQLite replay finds lonely are worked out only when one replays."""

from __future__ import annotations

from pathlib import Path

import pytest

from ratchet.linter.history import History
from ratchet.linter.run import lint_paths


@pytest.mark.parametrize(("dialect", "counted"), [("postgresql", False), ("mysql", False), ("sqlite", True)])
def test_only_a_replaying_lint_counts_the_texts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialect: str, counted: bool
) -> None:
    (tmp_path / "1.0.0__a.sql").write_text("CREATE TABLE a (id int);\n", encoding="utf-8")
    (tmp_path / "1.1.0__b.sql").write_text("DROP TABLE a;\n", encoding="utf-8")
    calls: list[int] = []
    real = History._texts
    monkeypatch.setattr(History, "_texts", lambda self: calls.append(1) or real(self))
    report = lint_paths([tmp_path], dialect=dialect)
    assert any(f.rule == "drop-table" for f in report.findings)
    assert bool(calls) is counted
    assert len(calls) <= 2  # worked out once, then kept


def test_the_texts_are_the_seed_and_every_file_by_version(tmp_path: Path) -> None:
    (tmp_path / "1.0.0__a.sql").write_text("CREATE TABLE a (id int);\n", encoding="utf-8")
    from ratchet.discover import read_all

    files, _ = read_all(tmp_path)
    history = History("CREATE TABLE s (id int);", files)
    assert history._texts() == {"lint-schema": "CREATE TABLE s (id int);", "1.0.0": "CREATE TABLE a (id int);\n"}
    assert history._texts() is history._texts()
    virtual = History("CREATE VIRTUAL TABLE v USING fts5(x);", files)
    assert virtual._texts() is None
