"""PostgreSQL INVALID indexes (what a failed or killed ``CREATE INDEX CONCURRENTLY`` leaves):
found, tied to the migration file that names them, and described with what to do.

An INVALID index is never used by queries but is still maintained on every write, and
re-running the ``CREATE INDEX CONCURRENTLY`` fails with "already exists" (or, with
``IF NOT EXISTS``, silently keeps the broken index), so ``validate`` reports it as drift and
``repair`` refuses to finish a file while an index it names is INVALID.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from packaging.version import Version

from ratchet.backends.base import Backend
from ratchet.discover import MigrationFile
from ratchet.errors import DriverError


@dataclass(frozen=True)
class InvalidIndex:
    """One INVALID index, its table, and the migration whose SQL names either (if any)."""

    index: str
    table: str
    version: Version | None

    @property
    def message(self) -> str:
        """What is wrong."""
        source = f", left by migration {self.version}" if self.version is not None else ""
        return f"index {self.index} on {self.table} is INVALID{source} (a failed or killed CREATE INDEX CONCURRENTLY)"

    @property
    def hint(self) -> str:
        """What to do."""
        return f"DROP INDEX CONCURRENTLY {self.index}; then create it again (ratchet repair, or a new migration)"

    def as_dict(self) -> dict[str, str | None]:
        """The shape of a drift entry in ``validate --json``."""
        version = str(self.version) if self.version is not None else None
        return {"kind": "invalid-index", "version": version, "message": self.message, "hint": self.hint}

    def __str__(self) -> str:
        return f"{self.message}\n    -> {self.hint}"


def _bare(name: str) -> str:
    """``schema."Index"`` -> ``Index``: the name as a migration file would write it."""
    last = name.rsplit(".", 1)[-1]
    return last[1:-1].replace('""', '"') if last.startswith('"') and last.endswith('"') else last


def _mentions(file: MigrationFile, name: str) -> bool:
    """Whether the file's SQL has ``name`` as a whole word, in any case."""
    pattern = rf"(?<![\w$]){re.escape(_bare(name))}(?![\w$])"
    return re.search(pattern, file.text, re.IGNORECASE) is not None


def invalid_indexes(backend: Backend, files: list[MigrationFile]) -> list[InvalidIndex]:
    """Every INVALID index, each tied to the newest of ``files`` that names it, else to the
    newest that names its table (an unnamed ``CREATE INDEX CONCURRENTLY ON t``)."""
    try:
        found = backend.invalid_index_tables()
    except DriverError:
        return []
    newest_first = sorted(files, key=lambda file: file.version.release, reverse=True)
    result = []
    for index, table in found:
        owner = next((file.version for file in newest_first if _mentions(file, index)), None)
        if owner is None:
            owner = next((file.version for file in newest_first if _mentions(file, table)), None)
        result.append(InvalidIndex(index, table, owner))
    return result
