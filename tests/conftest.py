"""Shared fixtures: a project directory with migrations, and the real CLI in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

RATCHET = str(Path(sys.executable).with_name("ratchet"))


@dataclass
class Result:
    """A finished ``ratchet`` subprocess."""

    code: int
    out: str
    err: str

    @property
    def output(self) -> str:
        return self.out + self.err


@dataclass
class Project:
    """A temporary project: ``migrations/`` and a SQLite database URL by default."""

    root: Path
    database: str

    @property
    def migrations(self) -> Path:
        return self.root / "migrations"

    def write(self, name: str, sql: str | bytes) -> Path:
        """Write one migration file (bytes are written as they are)."""
        path = self.migrations / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(sql, bytes):
            path.write_bytes(sql)
        else:
            path.write_text(sql, encoding="utf-8")
        return path

    def ratchet(self, *args: str, env: dict[str, str] | None = None, timeout: float = 120) -> Result:
        """Run the real ``ratchet`` command in the project directory."""
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("RATCHET_")}
        full_env["NO_COLOR"] = "1"
        full_env.update(env or {})
        command = [RATCHET, *args]
        if args and args[0] not in ("--help", "--version") and "--database" not in args:
            command = [RATCHET, *args[:1], *_subcommand(args), "--database", self.database]
            command += list(args[1 + len(_subcommand(args)) :])
        done = subprocess.run(
            command, cwd=self.root, env=full_env, capture_output=True, text=True, timeout=timeout, check=False
        )
        return Result(done.returncode, done.stdout, done.stderr)


def _subcommand(args: tuple[str, ...]) -> list[str]:
    # `settings get KEY` takes its options after the sub-command name.
    return [args[1]] if args[0] == "settings" and len(args) > 1 else []


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A project on a fresh SQLite file."""
    root = tmp_path / "project"
    (root / "migrations").mkdir(parents=True)
    return Project(root, f"sqlite:///{root / 'app.db'}")


@pytest.fixture
def sqlite_path(project: Project) -> Path:
    """The project's SQLite database file."""
    return project.root / "app.db"


def dump_sqlite(path: Path) -> str:
    """A full, ordered dump of a SQLite database (schema and rows)."""
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


MakeProject = Callable[..., Project]
