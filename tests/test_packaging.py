"""A fresh clone as a newcomer meets it: `make migrate`
installs only the runtime, `make test` adds the dev tools, bytecode is compiled, and the sdist can
run its own tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _dry_run(target: str, tmp_path: Path) -> list[str]:
    """The commands ``make TARGET`` would run in a fresh clone (no .venv yet)."""
    clone = tmp_path / "clone"
    clone.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, clone / name)
    # Not the MAKEFLAGS/MAKELEVEL of a `make check` this suite may run under (they add directory lines).
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES")}
    done = subprocess.run(
        ["make", "-n", "--no-print-directory", target], cwd=clone, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.splitlines()


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_migrate_installs_only_the_runtime_and_compiles_bytecode(tmp_path: Path) -> None:
    commands = _dry_run("migrate", tmp_path)
    installs = [line for line in commands if "pip install" in line]
    assert installs and all("[dev" not in line and "pytest" not in line for line in installs), installs
    assert any("compileall" in line for line in commands)
    assert commands[-1].endswith("ratchet migrate")


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("target", ["test", "test-fast", "check"])
def test_make_test_adds_the_dev_tools(tmp_path: Path, target: str) -> None:
    commands = _dry_run(target, tmp_path)
    assert any("pip install" in line and "[dev" in line for line in commands), commands
    if target == "test-fast":
        assert any("pytest" in line and '-m "not slow"' in line for line in commands)


@pytest.mark.filterwarnings("ignore:Support for `\\[tool.setuptools\\]`")
def test_the_sdist_carries_what_its_tests_need(tmp_path: Path) -> None:
    from setuptools import build_meta

    work = tmp_path / "src"
    shutil.copytree(ROOT, work, ignore=shutil.ignore_patterns(".venv", ".bench-venv", "*.egg-info", "__pycache__"))
    previous = os.getcwd()
    os.chdir(work)
    try:
        name = build_meta.build_sdist(str(tmp_path / "dist"))
    finally:
        os.chdir(previous)
    with tarfile.open(tmp_path / "dist" / name) as archive:
        names = {member.split("/", 1)[1] for member in archive.getnames() if "/" in member}
    assert {"tests/conftest.py", "tests/data/sarif-schema-2.1.0.json", "tests/lint/lint_corpus.py"} <= names
    assert not any("__pycache__" in member for member in names)
