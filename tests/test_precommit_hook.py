"""The pre-commit hook, run by the real ``pre-commit`` tool on a throwaway git
repository: a misnamed migration with a DROP must fail the commit, not be skipped.

The hook is this repository's ``.pre-commit-hooks.yaml`` entry, used as a ``repo: local`` hook with
``language: system`` (the ratchet of this virtualenv): pre-commit's own file selection (``files``,
``pass_filenames``) is what is tested, without building a hook virtualenv from an index (~80 s).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")

pytestmark = pytest.mark.skipif(
    not PRE_COMMIT.exists() or shutil.which("git") is None, reason="pre-commit (dev extra) and git are needed"
)


def _repository(tmp_path: Path, files: dict[str, str]) -> Path:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    local = {**hook, "language": "system"}
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    repo = tmp_path / "repo"
    (repo / "migrations").mkdir(parents=True)
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    for name, sql in files.items():
        (repo / name).write_text(sql)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    return repo


def _pre_commit(repo: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RATCHET_", "DATABASE_URL"))}
    env.update(
        PATH=f"{PRE_COMMIT.parent}{os.pathsep}{env.get('PATH', '')}",
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        NO_COLOR="1",
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.com",
    )
    return subprocess.run(
        [str(PRE_COMMIT), "run", "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("name", ["V2__drop_email.sql", "1.2__drop.sql"])
def test_a_misnamed_migration_with_a_drop_fails_the_hook(tmp_path: Path, name: str) -> None:
    repo = _repository(
        tmp_path,
        {
            "migrations/1.0.0__users.sql": "CREATE TABLE users (id INTEGER, email TEXT);\n",
            f"migrations/{name}": "ALTER TABLE users DROP COLUMN email;\n",
        },
    )
    done = _pre_commit(repo, tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "no files to check" not in done.stdout.lower()
    assert f"migrations/{name}:1:1: error file-name" in done.stdout
    assert "rename it to " in done.stdout


def test_a_drop_in_a_well_named_migration_fails_and_a_clean_one_passes(tmp_path: Path) -> None:
    repo = _repository(
        tmp_path,
        {
            "migrations/1.0.0__users.sql": "CREATE TABLE users (id INTEGER, email TEXT);\n",
            "migrations/1.1.0__drop_email.sql": "ALTER TABLE users DROP COLUMN email;\n",
        },
    )
    done = _pre_commit(repo, tmp_path)
    assert done.returncode == 1 and "drop-column" in done.stdout, done.stdout + done.stderr
    (repo / "migrations/1.1.0__drop_email.sql").write_text("ALTER TABLE users ADD COLUMN bio TEXT;\n")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    clean = _pre_commit(repo, tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr
