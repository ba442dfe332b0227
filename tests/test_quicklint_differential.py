"""The console script's ``lint`` without click (``ratchet.quicklint``) against ``ratchet.cli``'s.

Each command line runs in a real process both ways: through the console script, which reads a
plain ``lint`` command line itself, and through ``ratchet.cli`` alone. Their standard output,
standard error and exit codes must be the same; the quick path must have run (click not imported)
for every command line it reads, and click for every other one (``--help``, a bad value, an error).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

RUN = """
import gc
import sys
mode = sys.argv[1]
sys.argv = ["ratchet", *sys.argv[2:]]
if mode == "console":
    from ratchet.launch import run
else:
    from ratchet.cli import run
try:
    code = run()
except SystemExit as exit:
    code = exit.code
sys.stdout.flush()
sys.stderr.write(f"\\n{code or 0} {'click' in sys.modules} {gc.isenabled()}")
"""


def run(mode: str, args: list[str], cwd: Path) -> tuple[str, str, int, bool, bool]:
    """stdout, stderr, exit code, whether click was imported and whether the cyclic garbage
    collector was on at the end, of ``ratchet ARGS`` run ``mode``."""
    done = subprocess.run(
        [sys.executable, "-c", RUN, mode, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={k: v for k, v in os.environ.items() if not k.startswith("RATCHET_") and k != "NO_COLOR"},
    )
    errors, _, last = done.stderr.rpartition("\n")
    code, click_loaded, collecting = last.split()
    assert done.returncode == 0, done.stderr
    return done.stdout, errors, int(code), click_loaded == "True", collecting == "True"


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with four migration directories: clean, with errors, with warnings only, with an invalid file."""
    root = tmp_path_factory.mktemp("quicklint")
    files = {
        "clean": {"1.0.0__a.sql": "CREATE TABLE a (id int);\n"},
        "errors": {
            "1.0.0__a.sql": "CREATE TABLE a (id int, b text);\n",
            "1.1.0__b.sql": "-- drop it\nALTER TABLE a DROP COLUMN b;\n",
            "1.2.0__c.sql": '-- guard: allow drop-table reason="gone"\nDROP TABLE a;\n',
        },
        "warnings": {
            "1.0.0__a.sql": "CREATE TABLE a (id int);\n",
            "1.1.0__b.sql": "CREATE INDEX a_id ON a (id);\n",
        },
        "invalid": {"1.0.0__a.sql": "CREATE TABLE a (id int);\n", "1.1.0__b.sql": b"SELECT '\xff';\n"},
    }
    for directory, contents in files.items():
        (root / directory).mkdir()
        for name, content in contents.items():
            path = root / directory / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
    (root / "invalid" / "bad name.sql").write_text("SELECT 1;\n", encoding="utf-8")
    return root


QUICK = [
    ["lint", "--dialect", "postgresql", "errors"],
    ["lint", "--dialect=postgresql", "--format", "json", "errors", "warnings"],
    ["lint", "errors"],  # no dialect configured: the note on stderr
    ["lint", "--format", "sarif", "--dialect", "sqlite", "warnings", "--strict"],
    ["lint", "--format=github", "--all", "--since", "1.0.0", "--dialect", "mysql", "errors"],
    ["lint", "--migrations", "warnings", "--dialect", "postgresql", "--jobs", "1"],
    ["lint", "--migrations=clean", "--format", "json"],
    ["lint", "-d", "postgresql://u@127.0.0.1:1/db", "warnings"],  # the dialect from the URL: no note
    ["lint", "--database=mysql://u@127.0.0.1:1/db", "--strict", "clean", "--jobs=0"],
    ["lint", "--dialect", "postgresql", "invalid"],  # exit 3
    ["lint", "--dialect", "postgresql", "errors/1.1.0__b.sql", "clean/1.0.0__a.sql"],
    ["lint", "--since", "9.9.9", "--dialect", "sqlite", "errors"],
]
TO_CLICK = [
    ["lint", "--help"],
    ["lint", "-h"],
    ["lint", "--format", "xml", "errors"],
    ["lint", "--dialect", "PostgreSQL", "errors"],
    ["lint", "--jobs", "-1", "errors"],
    ["lint", "--jobs", "x", "errors"],
    ["lint", "--strict=1", "errors"],
    ["lint", "--since", "bogus", "errors"],  # the lint's own usage error: click prints it
    ["lint", "--dialect", "postgresql", "nowhere"],
    ["lint", "--git-base", "HEAD", "errors"],
    ["lint", "--dialect"],
    ["lint", "-dpostgresql://u@h/db", "errors"],
    ["lint", "--", "errors"],
    ["lint", "--unknown", "errors"],
    ["lint", "--migrations=clean", "--format", "text", "--format", "json"],  # repeated: click's last-one-wins
]


@pytest.mark.parametrize("args", QUICK, ids=" ".join)
def test_a_plain_lint_runs_without_click_and_says_what_the_cli_says(tree: Path, args: list[str]) -> None:
    quick = run("console", args, tree)
    full = run("cli", args, tree)
    assert quick[:3] == full[:3]
    assert (quick[3], full[3]) == (False, True)
    assert not quick[4]  # the collector stays off to the end of a quick lint (it makes no garbage cycles)


@pytest.mark.parametrize("args", TO_CLICK, ids=" ".join)
def test_anything_else_goes_to_click(tree: Path, args: list[str]) -> None:
    quick = run("console", args, tree)
    full = run("cli", args, tree)
    assert quick[:3] == full[:3]
    assert quick[3]
    assert quick[4]  # back on for click


def test_the_outcomes_cover_every_exit_code(tree: Path) -> None:
    codes = {run("console", args, tree)[2] for args in QUICK}
    assert codes == {0, 1, 3}
