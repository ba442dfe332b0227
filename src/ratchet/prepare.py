"""Turn pending files into runnable units: statements split and validated.

Versioned and repeatable files alike present what the runner needs of either: ``file`` (its
path, description and checksum), ``guards``, ``statements``, ``name`` (as messages show it),
``key`` (the history row's ``version``) and ``kind``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from packaging.version import Version

from ratchet.discover import MigrationFile
from ratchet.errors import FileProblem, MigrationFileError
from ratchet.headers import Guards
from ratchet.history import REPEATABLE, VERSIONED
from ratchet.repeatables import RepeatableFile
from ratchet.statement import Statement, statement_problems, unrunnable_problems

if TYPE_CHECKING:
    from ratchet.linter.postgres.fastsplit import FastSplit


@dataclass(frozen=True)
class PreparedFile:
    """A pending file ready to run."""

    file: MigrationFile
    guards: Guards
    statements: Sequence[Statement]
    #: PostgreSQL's split and parse of the file, which the lint reuses (``None``: it parses the file itself).
    parsed: FastSplit | None = field(default=None, compare=False, repr=False)

    kind = VERSIONED

    @property
    def name(self) -> str:
        """Its version, as messages name it."""
        return str(self.file.version)

    @property
    def key(self) -> Version:
        """Its history row's ``version``."""
        return self.file.version

    def runs_with_foreign_keys_off(self, dialect: str) -> bool:
        """Whether the file runs inside the backend's rebuild procedure (SQLite's 12 steps: foreign keys
        off before ``BEGIN``, checked before ``COMMIT``): it rebuilds a table (:mod:`ratchet.linter.rebuild`),
        or, on SQLite, it turns foreign keys off itself, which inside its transaction would do nothing.
        Looked at once per dialect."""
        known = self._rebuilds
        if dialect not in known:
            from ratchet.linter.rebuild import is_table_rebuild, turns_foreign_keys_off  # the lint's modules

            known[dialect] = (dialect == "sqlite" and turns_foreign_keys_off(self.statements)) or is_table_rebuild(
                self.statements, dialect
            )
        return known[dialect]

    @cached_property
    def _rebuilds(self) -> dict[str, bool]:
        return {}

    @property
    def transactional(self) -> bool:
        """Whether the file runs inside one transaction (no ``no-transaction`` guard)."""
        return not self.guards.no_transaction


def prepare_files(
    files: list[MigrationFile], guards: dict[Version, Guards], dialect: str | None = None, *, split_check: bool = True
) -> list[PreparedFile]:
    """Split every file for ``dialect`` (MySQL runs ``/*! ... */``) and validate its statements; raise
    one error listing every problem.

    With ``dialect`` and ``split_check``, a file that would run there is also checked against that
    database's own reading of it (``split-ambiguity``, see :mod:`ratchet.splitcheck`)."""
    prepared: list[PreparedFile] = []
    problems: list[FileProblem] = []
    kept = 0  # bytes of the files whose parse is kept for the lint
    for file in files:
        file_guards = guards[file.version]
        checked = dialect if dialect is not None and split_check and file_guards.applies_to(dialect) else None
        # none: a valid no-op file, applied with 0 statements
        parsed = _postgres_split(file) if checked == "postgresql" else None
        statements: Sequence[Statement]
        if parsed is not None:
            statements = parsed.statements
            if kept + len(file.data) > _KEPT_PARSES_BYTES:
                parsed = None
            else:
                kept += len(file.data)
        else:  # sqlparse's split, imported only here: a PostgreSQL run of plain files never loads sqlparse
            from ratchet.split import split_data
            from ratchet.splitcheck import split_problems

            statements = split_data(file.data, executable_comments=dialect == "mysql")
            if checked is not None:
                problems.extend(split_problems(file.path, file, statements, checked))
        problems.extend(statement_problems(file.path, statements, transactional=not file_guards.no_transaction))
        if dialect is None or file_guards.applies_to(dialect):
            problems.extend(unrunnable_problems(file.path, statements, dialect))
        prepared.append(PreparedFile(file, file_guards, statements, parsed))
    if problems:
        raise MigrationFileError(problems)
    return prepared


#: Files up to this size may be split by PostgreSQL's parse (larger ones: the split of
#: :func:`split_data`, which never decodes a data file's runs of INSERT lines whole).
_PARSED_SPLIT_MAX_BYTES = 1 << 18
#: A parse takes about a hundred times its file's size: those of the first files up to this many
#: bytes are kept until the lint (a few tens of MB at most); the lint parses the others again.
_KEPT_PARSES_BYTES = 1 << 18


def _postgres_split(file: MigrationFile) -> FastSplit | None:
    """sqlparse's statements of a PostgreSQL file from PostgreSQL's own parse and scan, where they
    provably agree (``linter.postgres.fastsplit``: the same statements as :func:`split_data`, and
    a split check that would find nothing), with the parse; ``None``: split it and check the split."""
    if len(file.data) > _PARSED_SPLIT_MAX_BYTES:
        return None
    return _fast_split()(file.text)


@functools.cache
def _fast_split() -> Callable[[str], FastSplit | None]:
    """``fastsplit.fast_split``, imported on first use (it loads pglast, which only PostgreSQL needs)."""
    from ratchet.linter.postgres.fastsplit import fast_split

    return fast_split


@dataclass(frozen=True)
class PreparedRepeatable:
    """A repeatable file split into statements."""

    file: RepeatableFile
    statements: list[Statement]
    kind = REPEATABLE

    @property
    def guards(self) -> Guards:
        """Its guard header."""
        return self.file.guards

    @property
    def name(self) -> str:
        """``R__description``, as messages name it."""
        return self.file.name

    @property
    def key(self) -> str:
        """Its history row's ``version`` (:func:`ratchet.history.repeatable_key`)."""
        return self.file.key


def prepare_repeatables(files: list[RepeatableFile], dialect: str) -> list[PreparedRepeatable]:
    """Split every file, checked against ``dialect``'s own reading as versioned files are; raise one
    :class:`MigrationFileError` listing every unrunnable statement."""
    from ratchet.split import split_statements
    from ratchet.splitcheck import split_problems

    prepared: list[PreparedRepeatable] = []
    problems: list[FileProblem] = []
    for file in files:
        statements = split_statements(file.text, executable_comments=dialect == "mysql")
        problems.extend(statement_problems(file.path, statements, transactional=True))
        problems.extend(unrunnable_problems(file.path, statements, dialect))
        problems.extend(split_problems(file.path, file.text, statements, dialect))
        prepared.append(PreparedRepeatable(file, statements))
    if problems:
        raise MigrationFileError(problems)
    return prepared
