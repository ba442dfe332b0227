"""``migrate --rehearse``: run the pending files for real, then keep none of it.

PostgreSQL runs every pending file in one transaction on the real database and rolls it
back; SQLite applies them to a temporary copy made with the backup API (the database itself
is only read); MySQL cannot roll back DDL, so a rehearsal is refused. Files marked
``no-transaction`` cannot be undone and are listed as not rehearsed. A file that fails
ends the rehearsal: the later ones are not reached (they may depend on it).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ratchet.backends.base import Backend
from ratchet.backends.sqlite import SqliteBackend
from ratchet.errors import RatchetError, StatementFailedError, UsageError
from ratchet.events import Events
from ratchet.history import Tables
from ratchet.prepare import PreparedFile, PreparedRepeatable
from ratchet.runner import Runner, RunOptions, migration_lock
from ratchet.states import Outcome, RehearsalOutcome
from ratchet.urls import mask_password


@dataclass(frozen=True)
class RehearsedFile:
    """One file's rehearsal."""

    name: str
    description: str
    #: A :class:`~ratchet.states.RehearsalOutcome`.
    outcome: str
    duration_ms: int
    detail: str = ""


@dataclass
class Rehearsal:
    """Every pending file's outcome; ``where`` says what was rehearsed on."""

    where: str
    files: list[RehearsedFile] = field(default_factory=list)
    error: RatchetError | None = None

    @property
    def ok(self) -> bool:
        """No file failed."""
        return self.error is None

    def to_json(self) -> dict[str, Any]:
        """The rehearsal in ``migrate --rehearse --json``: secrets masked."""
        return {
            "ok": self.ok,
            "on": mask_password(self.where),
            "files": [
                {"name": f.name, "description": f.description, "outcome": f.outcome, "duration_ms": f.duration_ms}
                | ({"detail": mask_password(f.detail)} if f.detail else {})
                for f in self.files
            ],
        }


def refuse_unless_possible(backend: Backend) -> None:
    """Raise :class:`UsageError` where a rehearsal cannot be undone (MySQL)."""
    if not backend.rehearsal:
        raise UsageError(
            f"--rehearse is not possible on {backend.dialect}: its DDL commits implicitly, so the "
            "rehearsed files could not be rolled back",
            hint="rehearse on a copy of the database (a restored backup or a staging server) with plain migrate",
        )


def rehearse(
    backend: Backend,
    tables: Tables,
    files: list[PreparedFile],
    repeatables: list[PreparedRepeatable],
    options: RunOptions,
) -> Rehearsal:
    """Rehearse ``files`` then ``repeatables`` as ``migrate`` would run them; change nothing."""
    refuse_unless_possible(backend)
    quiet = RunOptions(
        out_of_order=options.out_of_order,
        lint_bypassed=options.lint_bypassed,
        lock_timeout_s=options.lock_timeout_s,
        events=Events(),
    )
    with _target(backend, tables) as (target, target_tables, where):
        rehearsal = Rehearsal(where)
        _Rehearser(target, target_tables, quiet).run_all(rehearsal, files, repeatables)
        return rehearsal


@contextmanager
def _target(backend: Backend, tables: Tables) -> Iterator[tuple[Backend, Tables, str]]:
    """The database to rehearse on: the real one (rolled back) or a temporary copy."""
    if backend.rehearsal != "copy":
        yield backend, tables, backend.display_url
        return
    assert isinstance(backend, SqliteBackend)
    directory = tempfile.mkdtemp(prefix="ratchet-rehearsal-")
    try:
        path = str(Path(directory) / "rehearsal.db")
        # a database file that does not exist yet is not created by reading it for the copy
        copy = backend.copy_to(path) if backend.exists() else SqliteBackend(path, busy_timeout_s=backend.busy_timeout_s)
        try:
            yield copy, Tables(copy, tables.settings_name, tables.history_name), f"a copy of {backend.display_url}"
        finally:
            copy.close()
    finally:
        shutil.rmtree(directory, ignore_errors=True)


class _Rehearser(Runner):
    """The runner's per-file steps, all inside one transaction that is rolled back."""

    def run_all(self, rehearsal: Rehearsal, files: list[PreparedFile], repeatables: list[PreparedRepeatable]) -> None:
        transactional = [p for p in files if self._transactional(p)]
        with (
            migration_lock(self.backend, self.options.lock_timeout_s, session=False),
            self._rebuild_procedure(transactional),
        ):
            self._begin()
            try:
                self.tables.ensure()
                for prepared in files:
                    rehearsal.files.append(self._file(rehearsal, prepared))
                for item in repeatables:
                    rehearsal.files.append(self._repeatable(rehearsal, item))
            finally:
                self.backend.rollback()

    def _file(self, rehearsal: Rehearsal, prepared: PreparedFile) -> RehearsedFile:
        file = prepared.file
        name, description = str(file.version), file.description
        if not self._transactional(prepared):
            why = "no-transaction: it cannot be rolled back, so it is not run"
            return RehearsedFile(name, description, RehearsalOutcome.NOT_REHEARSED, 0, why)
        if rehearsal.error is not None:
            return RehearsedFile(name, description, RehearsalOutcome.NOT_REACHED, 0)
        started = time.perf_counter()
        try:
            result = self._apply_inside(prepared)
        except RatchetError as error:
            rehearsal.error = error
            return RehearsedFile(name, description, RehearsalOutcome.FAILED, _ms_since(started), _failure(error))
        outcome = RehearsalOutcome.OK if result.outcome == Outcome.APPLIED else result.outcome
        return RehearsedFile(name, description, outcome, _ms_since(started), result.reason)

    def _repeatable(self, rehearsal: Rehearsal, prepared: PreparedRepeatable) -> RehearsedFile:
        file = prepared.file
        if rehearsal.error is not None:
            return RehearsedFile(file.name, file.description, RehearsalOutcome.NOT_REACHED, 0)
        started = time.perf_counter()
        try:
            result = self.apply_repeatable(prepared, rolled_back=True)
        except RatchetError as error:
            rehearsal.error = error
            failed = RehearsalOutcome.FAILED
            return RehearsedFile(file.name, file.description, failed, _ms_since(started), _failure(error))
        outcome = RehearsalOutcome.OK if result.outcome == Outcome.APPLIED else result.outcome
        return RehearsedFile(file.name, file.description, outcome, _ms_since(started), result.reason)


def _failure(error: RatchetError) -> str:
    """What failed, without the real run's "database left at ..." (a rehearsal keeps nothing)."""
    if isinstance(error, StatementFailedError):
        return (
            f"{error.path}:{error.line}: statement {error.statement_number} of {error.version} failed: "
            f"{error.db_message}\n  SQL: {error.sql if len(error.sql) <= 500 else error.sql[:500] + ' ...'}"
        )
    return error.message


def _ms_since(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)
