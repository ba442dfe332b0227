"""The lint pauses Python's cyclic garbage collector while it runs, and gives it back as it found it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from ratchet.linter import run
from ratchet.linter.run import lint_paths


def test_the_collector_is_paused_during_the_lint_and_restored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "1.0.0__a.sql").write_text("CREATE TABLE a (id int);\n", encoding="utf-8")
    seen: list[bool] = []
    real_read_all = run.read_all
    monkeypatch.setattr(run, "read_all", lambda *args: seen.append(gc.isenabled()) or real_read_all(*args))
    assert gc.isenabled()
    report = lint_paths([tmp_path], dialect="postgresql")
    assert report.files and seen == [False] and gc.isenabled()
    gc.disable()
    try:
        lint_paths([tmp_path], dialect="postgresql")
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()


def test_the_collector_is_restored_when_the_lint_fails(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="no such file"):
        lint_paths([tmp_path / "missing"], dialect="postgresql")
    assert gc.isenabled()
