"""The no-op run (everything applied) reads and hashes the files but never splits or lints them.

Observed, not assumed: the installed console script runs under a profile hook that records
every Python call into sqlparse (the splitter and the lint's tokenizer) and into
``ratchet/split.py``. A control run with one pending file proves that the probe sees splitting.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import RATCHET, Project
from sqlite_trials import PROCESS_TIMEOUT_S, ratchet_env

pytestmark = pytest.mark.slow

SPLIT_SEEN = 97
# Everything is imported before the hook is set: importing a module is not splitting a file.
PROBE = """
import os, runpy, sys
import ratchet.cli, sqlparse
watched = (os.path.dirname(sqlparse.__file__) + os.sep, os.path.join("ratchet", "split.py"))
seen = []
def hook(frame, event, arg):
    code = frame.f_code
    if event == "call" and code.co_name != "<module>" and not seen:
        if code.co_filename.startswith(watched[0]) or code.co_filename.endswith(watched[1]):
            seen.append(f"{code.co_filename}:{code.co_firstlineno} {code.co_name}")
sys.argv = sys.argv[1:]
sys.setprofile(hook)
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
finally:
    sys.setprofile(None)
    if seen:
        print("PROBE: the run called " + seen[0], file=sys.stderr)
        sys.stderr.flush()
        os._exit(SPLIT_SEEN)
""".replace("SPLIT_SEEN", str(SPLIT_SEEN))


def probed_migrate(project: Project) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, RATCHET, "migrate", "--database", project.database],
        cwd=project.root,
        env=ratchet_env(),
        capture_output=True,
        text=True,
        timeout=PROCESS_TIMEOUT_S,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def test_the_no_op_run_does_not_split_or_lint_applied_files(project: Project) -> None:
    for number in range(1, 21):
        project.write(
            f"1.{number}.0__step_{number}.sql",
            f"-- step {number}\nCREATE TABLE t{number} (id INTEGER);\nINSERT INTO t{number} VALUES ({number});\n",
        )
    assert project.ratchet("migrate").code == 0

    code, output = probed_migrate(project)

    assert code == 0, output
    assert "up to date at 1.20.0" in output


def test_the_probe_sees_a_pending_file_being_split(project: Project) -> None:
    """Control: without it, a probe that saw nothing would make the test above pass vacuously."""
    project.write("1.0.0__first.sql", "CREATE TABLE a (id INTEGER);\n")
    assert project.ratchet("migrate").code == 0
    project.write("1.1.0__second.sql", "CREATE TABLE b (id INTEGER);\n")

    code, output = probed_migrate(project)

    assert code == SPLIT_SEEN, output
    assert "PROBE: the run called" in output
