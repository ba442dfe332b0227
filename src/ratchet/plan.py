"""Compare the files with the database: what is applied, pending, drifted or missing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from packaging.version import Version

from ratchet.discover import MigrationFile
from ratchet.errors import DriftError
from ratchet.history import DatabaseState, HistoryRow
from ratchet.jsondoc import json_version
from ratchet.repeatables import RepeatableEntry, RepeatableFile, plan_repeatables
from ratchet.states import REPEATABLE_PENDING_STATES, UNFINISHED_STATUSES, WAITING_STATES, EntryState


@dataclass(frozen=True)
class Entry:
    """One version as seen from both sides: its file (if any) and its history row (if any)."""

    version: Version
    description: str
    #: An :class:`EntryState` (a row's status ratchet does not know passes through as written).
    state: str
    file: MigrationFile | None
    row: HistoryRow | None

    def to_json(self) -> dict[str, Any]:
        """The version's entry in ``status --json``."""
        file, row = self.file, self.row
        return {
            "version": str(self.version),
            "description": self.description,
            "state": self.state,
            "file": str(file.path) if file else None,
            "applied_at": row.applied_at if row else None,
            "duration_ms": row.duration_ms if row else None,
            "applied_by": row.applied_by if row else None,
            "waivers": row.waivers if row else [],
            "lint_bypassed": row.lint_bypassed if row else False,
            "statements_done": row.statements_done if row else None,
            "error": row.error if row else None,
        }


@dataclass(frozen=True)
class Drift:
    """One reason to refuse: what is wrong and what to do."""

    #: The :class:`EntryState` of the version that drifted.
    kind: str
    version: Version
    message: str
    hint: str

    def __str__(self) -> str:
        return f"{self.message}\n    -> {self.hint}"

    def as_dict(self) -> dict[str, str]:
        """The drift as shown by ``status --json`` and ``validate --json``."""
        return {"kind": self.kind, "version": str(self.version), "message": self.message, "hint": self.hint}


@dataclass(frozen=True)
class Plan:
    """Everything ``migrate``/``status``/``validate`` need to know before touching anything."""

    entries: list[Entry]
    pending: list[MigrationFile]
    drift: list[Drift]
    db_version: Version | None
    highest_file: Version | None
    repeatables: list[RepeatableEntry] = field(default_factory=list)

    @property
    def pending_repeatables(self) -> list[RepeatableFile]:
        """Repeatable files never applied or changed since, in description order."""
        return [entry.file for entry in self.repeatables if entry.state in REPEATABLE_PENDING_STATES and entry.file]

    @property
    def ahead(self) -> bool:
        """The database is at a version newer than every file (rolling deploy, old image)."""
        return self.db_version is not None and (self.highest_file is None or self.db_version > self.highest_file)

    @property
    def waiting(self) -> list[Entry]:
        """Versions with a file and no row: ``pending``, or ``out-of-order`` (older than ``db_version``)."""
        return [e for e in self.entries if e.state in WAITING_STATES]

    def to_json(self) -> dict[str, Any]:
        """Every version and repeatable with its state, and the drift (the body of ``status --json``)."""
        return {
            "db_version": json_version(self.db_version),
            "ahead": self.ahead,
            "pending": len(self.waiting),
            "drift": [d.as_dict() for d in self.drift],
            "files": [entry.to_json() for entry in self.entries],
            "pending_repeatables": len(self.pending_repeatables),
            "repeatables": [entry.to_json() for entry in self.repeatables],
        }


def _state_of(file: MigrationFile | None, row: HistoryRow | None, highest: Version | None) -> str:
    if row is None:
        return EntryState.PENDING
    if row.status in UNFINISHED_STATUSES:
        return row.status
    if file is None:
        return EntryState.AHEAD if highest is None or row.version > highest else EntryState.MISSING
    if not file.matches(row.checksum):
        return EntryState.CHANGED
    return row.status


def make_plan(
    files: list[MigrationFile],
    state: DatabaseState,
    *,
    to: Version | None = None,
    out_of_order: bool = False,
    repeatables: list[RepeatableFile] | None = None,
) -> Plan:
    """Classify every version (and repeatable file) and collect the drift that must refuse a run."""
    by_version = {file.version: file for file in files}
    highest = files[-1].version if files else None
    done_versions = [v for v, row in state.rows.items() if row.done]
    high_water = max([*done_versions, *([state.db_version] if state.db_version else [])], default=None)
    entries: list[Entry] = []
    pending: list[MigrationFile] = []
    drift: list[Drift] = []
    # The files are already in version order, so sorting them plus the few row-only versions is cheap.
    extra = [version for version in state.rows if version not in by_version]
    for version in sorted([*by_version, *extra]):
        file = by_version.get(version)
        row = state.rows.get(version)
        kind = _state_of(file, row, highest)
        if kind == EntryState.PENDING and high_water is not None and version <= high_water:
            kind = EntryState.PENDING if out_of_order else EntryState.OUT_OF_ORDER
        description = file.description if file else row.description if row else ""
        entries.append(Entry(version, description, kind, file, row))
        if file is not None and kind == EntryState.PENDING and (to is None or version <= to):
            pending.append(file)
        problem = _drift(kind, version, file, row, state)
        if problem is not None:
            drift.append(problem)
    repeatable_entries = plan_repeatables(repeatables or [], state.repeatables)
    return Plan(entries, pending, drift, state.db_version, highest, repeatable_entries)


def _drift(
    kind: str,
    version: Version,
    file: MigrationFile | None,
    row: HistoryRow | None,
    state: DatabaseState,
) -> Drift | None:
    if kind == EntryState.CHANGED and file is not None and row is not None:
        return Drift(
            kind,
            version,
            f"{file.path}: applied file {version} was edited after it was applied "
            f"(checksum recorded {row.checksum}, file now {file.checksum})",
            "restore the file as applied (git checkout it) and put the change in a new migration with `ratchet new`; "
            f"if the edit changes nothing that ran (a comment), record it: `ratchet repair {version} --accept-checksum "
            '--reason "..."`',
        )
    if kind == EntryState.MISSING and row is not None:
        return Drift(
            kind,
            version,
            f"applied migration {version} ({row.description}) has no file any more",
            f"restore {version}__{row.description}.sql to the migrations directory",
        )
    if kind == EntryState.OUT_OF_ORDER and file is not None:
        at = f"db_version {state.db_version}" if state.db_version else "newer applied files"
        if not state.rows:
            return Drift(
                kind,
                version,
                f"{file.path}: the database is at {at} but has no migration history",
                f"adopt it first: ratchet baseline {state.db_version}",
            )
        return Drift(
            kind,
            version,
            f"{file.path}: version {version} is older than {at} and was never applied",
            "give it a version above the database's, or apply it with --out-of-order",
        )
    if kind == EntryState.RUNNING and row is not None:
        # Each statement and its progress update commit separately, so a crash between the
        # two leaves one statement more done than recorded.
        next_one = row.statements_done + 1
        return Drift(
            kind,
            version,
            f"migration {version} ({row.description}) was interrupted after {row.statements_done} recorded "
            "statement(s); the next statement, if any, may also have taken effect",
            f"check whether statement {next_one} took effect: if so, finish the file by hand and run "
            f"`ratchet repair {version} --mark-applied`; if not, run `ratchet repair {version} --retry` "
            f"to run statements {next_one} onward",
        )
    if kind == EntryState.FAILED and row is not None:
        done = f"after {row.statements_done} statement(s)"
        reason = f": {row.error}" if row.error else ""
        return Drift(
            kind,
            version,
            f"migration {version} ({row.description}) failed {done}{reason}",
            f"finish it by hand and run `ratchet repair {version} --mark-applied`, "
            f"or run `ratchet repair {version} --retry` to run its remaining statements"
            + (
                f", or, as nothing was committed, fix the file and run `ratchet repair {version} --forget`"
                if row.statements_done == 0
                else ""
            ),
        )
    return None


def refuse_on_drift(plan: Plan) -> None:
    """Raise :class:`DriftError` listing every drift of ``plan``."""
    if not plan.drift:
        return
    count = len(plan.drift)
    lines = [f"refusing to migrate: {count} problem{'s' if count > 1 else ''} with the history:"]
    lines += [f"  {problem}" for problem in plan.drift]
    raise DriftError("\n".join(lines))


def describe_version(version: Version | None) -> str:
    """``1.2.0`` or ``(empty)``."""
    return str(version) if version is not None else "(empty)"
