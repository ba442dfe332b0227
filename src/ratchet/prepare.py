"""Turn pending files into runnable units: guards parsed, statements split and validated."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from packaging.version import Version

from ratchet.discover import MigrationFile, read_all
from ratchet.errors import FileProblem, MigrationFileError
from ratchet.headers import Guards, parse_guards
from ratchet.split import Statement, split_statements, statement_problems


@dataclass(frozen=True)
class PreparedFile:
    """A pending file ready to run."""

    file: MigrationFile
    guards: Guards
    statements: list[Statement]

    @property
    def transactional(self) -> bool:
        """Whether the file runs inside one transaction (no ``no-transaction`` guard)."""
        return not self.guards.no_transaction


@dataclass(frozen=True)
class Migrations:
    """Every migration file of a directory, read and with its guards parsed."""

    files: list[MigrationFile]
    guards: dict[Version, Guards]


def load_migrations(directory: Path) -> Migrations:
    """Names, encoding, content and guard headers of every file (SPEC sections 1-2); one
    :class:`MigrationFileError` lists every problem, before any database is touched."""
    files, problems = read_all(directory)
    guards: dict[Version, Guards] = {}
    for file in files:
        try:
            guards[file.version] = parse_guards(file.path, file.text)
        except MigrationFileError as exc:
            problems.extend(exc.problems)
    if problems:
        raise MigrationFileError(problems)
    return Migrations(files, guards)


def prepare_files(files: list[MigrationFile], guards: dict[Version, Guards]) -> list[PreparedFile]:
    """Split every file and validate its statements; raise one error listing every problem."""
    prepared: list[PreparedFile] = []
    problems: list[FileProblem] = []
    for file in files:
        file_guards = guards[file.version]
        statements = split_statements(file.text)
        if not statements:
            problems.append(FileProblem(file.path, "no statements: the file holds only comments", line=1))
            continue
        problems.extend(statement_problems(file.path, statements, transactional=not file_guards.no_transaction))
        prepared.append(PreparedFile(file, file_guards, statements))
    if problems:
        raise MigrationFileError(problems)
    return prepared
