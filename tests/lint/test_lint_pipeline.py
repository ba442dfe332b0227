"""The PostgreSQL lint in two processes (a forked worker prepares and then lints the later files
with the catalog the earlier ones left) reports exactly what one process reports, in the same
order; a worker that fails leaves its files to this process."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest
from pg_histories import HISTORIES

from conftest import Project
from ratchet.linter import lint_paths, run
from ratchet.linter.formats import render_json
from ratchet.linter.pipeline import two_processes

ROOT = Path(__file__).resolve().parents[2]


def bench_corpora() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pipeline_lint_bench", ROOT / "bench" / "lint_bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def directories(tmp_path: Path) -> list[Path]:
    made = []
    for label, history in HISTORIES.items():
        directory = tmp_path / label
        directory.mkdir()
        for name, sql, _ in history:
            (directory / name).write_text(sql, encoding="utf-8")
        made.append(directory)
    for name, generate in bench_corpora().CORPORA.items():
        (tmp_path / name).mkdir()
        generate(tmp_path / name, 120)
        made.append(tmp_path / name)
    return made


def test_two_processes_report_what_one_does(directories: list[Path]) -> None:
    for directory in [*directories, *directories[:2]]:  # each directory, then several in one run
        one = lint_paths([directory], dialect="postgresql", jobs=1)
        two = lint_paths([directory], dialect="postgresql", jobs=2)
        assert one.findings, directory
        assert render_json(two, strict=True) == render_json(one, strict=True)
    one = lint_paths(directories, dialect="postgresql", jobs=1)
    two = lint_paths(directories, dialect="postgresql", jobs=2)
    assert render_json(two, strict=True) == render_json(one, strict=True)


def test_a_failing_worker_leaves_its_files_to_this_process(
    directories: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = render_json(lint_paths(directories, dialect="postgresql", jobs=1), strict=False)
    parent = os.getpid()
    prepare = run._prepare

    def failing_in_the_worker(*args: object) -> object:
        if os.getpid() != parent:
            raise RuntimeError("the worker fails")
        return prepare(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(run, "_prepare", failing_in_the_worker)
    assert render_json(lint_paths(directories, dialect="postgresql", jobs=2), strict=False) == expected


def test_the_cli_lints_in_two_processes_when_asked_and_prints_the_same(project: Project) -> None:
    bench_corpora().generate_history(project.migrations, 60)
    two = project.ratchet_process("lint", "--dialect", "postgresql", "--format", "json", "--jobs", "2", "migrations")
    one = project.ratchet_process("lint", "--dialect", "postgresql", "--format", "json", "--jobs", "1", "migrations")
    assert two.out == one.out
    assert json.loads(two.out)["summary"]["files"] == 60


def test_two_processes_only_when_asked() -> None:
    assert not run._pipelined(10_000, 0)
    assert not run._pipelined(10_000, 1)
    assert run._pipelined(2, 2)
    assert not run._pipelined(1, 2)


def test_the_worker_gets_what_the_earlier_part_left() -> None:
    done, result = two_processes(lambda: {"catalog": 3}, lambda: [1, 2], lambda prepared, left: (prepared, left))
    assert (done, result) == (True, ([1, 2], {"catalog": 3}))


def test_a_worker_that_raises_is_reported_and_reaped() -> None:
    def fail(prepared: object, left: object) -> object:
        raise RuntimeError("no")

    assert two_processes(lambda: 1, lambda: 2, fail) == (False, None)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_an_error_of_the_earlier_part_ends_the_worker() -> None:
    def earlier() -> object:
        raise KeyError("mine")

    with pytest.raises(KeyError):
        two_processes(earlier, lambda: 2, lambda prepared, left: left)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_many_postgresql_files_are_linted_in_one_process_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bench_corpora().generate(tmp_path, 250)
    one = render_json(lint_paths([tmp_path], dialect="postgresql", jobs=1), strict=False)

    def no_fork() -> int:
        raise AssertionError("forked")

    monkeypatch.setattr(os, "fork", no_fork)
    assert render_json(lint_paths([tmp_path], dialect="postgresql", jobs=0), strict=False) == one
