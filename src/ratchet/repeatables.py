"""Repeatable migrations: ``R__description.sql`` files, read and compared with history.

A repeatable file (re)defines code (views, functions, procedures, triggers): ``migrate``
applies it after the pending versioned files whenever it is new or its checksum changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ratchet.discover import checksum, read_sql
from ratchet.errors import FileProblem, MigrationFileError
from ratchet.headers import Guards, parse_guards
from ratchet.history import RepeatableRow, repeatable_key
from ratchet.states import RepeatableState


@dataclass(frozen=True)
class RepeatableFile:
    """One ``R__description.sql`` file, read and normalised, with its guard header."""

    description: str
    path: Path
    text: str
    checksum: str
    guards: Guards

    @property
    def name(self) -> str:
        """``R__description``: how output names the file."""
        return f"R__{self.description}"

    @property
    def key(self) -> str:
        """What its history row holds in the ``version`` column."""
        return repeatable_key(self.description)


@dataclass(frozen=True)
class RepeatableEntry:
    """One repeatable as seen from both sides: its file (if any) and its history row (if any)."""

    description: str
    #: A :class:`RepeatableState` (a row's status ratchet does not know passes through as written).
    state: str
    file: RepeatableFile | None
    row: RepeatableRow | None

    @property
    def name(self) -> str:
        """``R__description``."""
        return f"R__{self.description}"

    def to_json(self) -> dict[str, Any]:
        """The repeatable with its state, as ``status --json`` and ``validate --json`` show it."""
        file, row = self.file, self.row
        return {
            "name": self.name,
            "description": self.description,
            "state": self.state,
            "file": str(file.path) if file else None,
            "checksum": file.checksum if file else None,
            "applied_checksum": row.checksum if row else None,
            "applied_at": row.applied_at if row else None,
            "duration_ms": row.duration_ms if row else None,
            "applied_by": row.applied_by if row else None,
        }


def load_repeatables(found: list[tuple[str, Path]]) -> tuple[list[RepeatableFile], list[FileProblem]]:
    """Read the ``(description, path)`` pairs that :func:`ratchet.discover.scan` found, in
    description order; every unreadable file or bad header is a problem."""
    files: list[RepeatableFile] = []
    problems: list[FileProblem] = []
    for description, path in sorted(found):
        try:
            text = read_sql(path)
            guards = parse_guards(path, text)
        except MigrationFileError as exc:
            problems.extend(exc.problems)
            continue
        if guards.no_transaction:
            line = next(
                (number for number, text_line in enumerate(text.splitlines(), 1) if "no-transaction" in text_line), 1
            )
            problems.append(
                FileProblem(
                    path,
                    "a repeatable file runs in its own transaction; remove -- guard: no-transaction "
                    "(put such statements in a versioned file)",
                    line=line,
                    rule="guard-invalid",
                )
            )
            continue
        files.append(RepeatableFile(description, path, text, checksum(text), guards))
    return files, problems


def plan_repeatables(files: list[RepeatableFile], rows: dict[str, RepeatableRow]) -> list[RepeatableEntry]:
    """Every repeatable by description: ``pending`` (never applied), ``outdated`` (changed
    since it was last applied), ``applied``/``skipped`` (up to date) or ``missing`` (a row
    whose file was deleted: nothing is dropped)."""
    entries: list[RepeatableEntry] = []
    by_description = {file.description: file for file in files}
    for description in sorted(by_description.keys() | rows.keys()):
        file = by_description.get(description)
        row = rows.get(description)
        if row is None:
            state: str = RepeatableState.PENDING
        elif file is None:
            state = RepeatableState.MISSING
        elif row.checksum != file.checksum:
            state = RepeatableState.OUTDATED
        else:
            state = row.status
        entries.append(RepeatableEntry(description, state, file, row))
    return entries
