"""The no-op run (everything applied) reads and hashes the files but never splits them:
sqlparse is not even imported. Checked in a real process."""

from __future__ import annotations

import subprocess
import sys

from conftest import Project

PROBE = """
import sys
from ratchet.cli import main
try:
    main(["migrate", "--quiet", "--database", sys.argv[1]], prog_name="ratchet")
except SystemExit as exit:
    assert not exit.code, exit.code
print(" ".join(sorted(name for name in ("sqlparse", "ratchet.split", "ratchet.prepare") if name in sys.modules)))
"""


def loaded_by_migrate(project: Project) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, project.database],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip()


def test_no_op_run_does_not_import_the_splitter(project: Project) -> None:
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    project.write("1.1.0__b.sql", "-- the header is read for the checksum only\nCREATE TABLE b (id INTEGER);")
    assert project.ratchet("migrate").code == 0
    assert loaded_by_migrate(project) == ""


def test_a_pending_file_is_split(project: Project) -> None:
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    assert project.ratchet("migrate").code == 0
    project.write("1.1.0__b.sql", "CREATE TABLE b (id INTEGER);")
    assert loaded_by_migrate(project) == "ratchet.prepare ratchet.split sqlparse"
