"""Load a migrations directory: every file's name, content and guard header.

Cheap enough for every run, including the no-op one: nothing here splits SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from packaging.version import Version

from ratchet.discover import MigrationFile, read_all
from ratchet.errors import MigrationFileError
from ratchet.headers import Guards, parse_guards
from ratchet.repeatables import RepeatableFile, load_repeatables


@dataclass(frozen=True)
class Migrations:
    """Every migration file of a directory, read and with its guards parsed."""

    files: list[MigrationFile]
    guards: dict[Version, Guards]
    repeatables: list[RepeatableFile] = field(default_factory=list)


def load_migrations(directory: Path) -> Migrations:
    """Names, encoding, content and guard headers of every file; one
    :class:`MigrationFileError` lists every problem, before any database is touched."""
    found: list[tuple[str, Path]] = []
    files, problems = read_all(directory, found)
    problems = list(problems)
    repeatables, repeatable_problems = load_repeatables(found)
    problems.extend(repeatable_problems)
    guards: dict[Version, Guards] = {}
    for file in files:
        try:
            guards[file.version] = parse_guards(file.path, file.data)
        except MigrationFileError as exc:
            problems.extend(exc.problems)
    if problems:
        raise MigrationFileError(problems)
    return Migrations(files, guards, repeatables)
