"""The Python API: migrate, status and the settings functions."""

from __future__ import annotations

import contextlib
import os
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from packaging.version import Version

from ratchet.backends import open_backend
from ratchet.backends.base import Backend, Server
from ratchet.catalog import Change
from ratchet.catalog import diff as compare
from ratchet.config import Config, load_config
from ratchet.discover import MigrationFile, parse_version, scan_names
from ratchet.engines import admit
from ratchet.errors import (
    ConnectionFailedError,
    DriverError,
    LintFailed,
    RatchetError,
    RefusedError,
    SettingsError,
    UsageError,
)
from ratchet.events import Events
from ratchet.history import DB_VERSION_KEY, DatabaseState, Tables, check_setting, repeatable_key
from ratchet.indexes import InvalidIndex, invalid_indexes
from ratchet.jsondoc import engine_fields, json_version
from ratchet.lazyre import LazyPattern
from ratchet.lintapi import lint as lint  # the public API
from ratchet.lintapi import lint_schema_sql, lint_since
from ratchet.load import Migrations, load_migrations
from ratchet.plan import Plan, make_plan, refuse_on_drift
from ratchet.repeatables import RepeatableFile
from ratchet.runner import FileResult, RepairAction, RepeatableResult, Runner, RunOptions, migration_lock
from ratchet.snapshot import excluded_tables, latest_snapshot, live_catalog, newest_done_row, record_snapshot
from ratchet.states import WAITING_STATES, EntryState, Outcome, RowStatus
from ratchet.urls import mask_url

if TYPE_CHECKING:  # splitting and linting need sqlparse, which a no-op run never imports
    from ratchet.linter import Finding, LintReport
    from ratchet.prepare import PreparedFile, PreparedRepeatable
    from ratchet.rehearse import Rehearsal

Database = object  # a URL string or an open DB-API connection


@dataclass
class MigrateReport:
    """The outcome of :func:`migrate`."""

    dialect: str
    from_version: Version | None
    to_version: Version | None
    results: list[FileResult] = field(default_factory=list)
    planned: list[PreparedFile] = field(default_factory=list)
    dry_run: bool = False
    ahead: bool = False
    notices: list[str] = field(default_factory=list)
    lint: LintReport | None = None
    server: Server | None = None
    planned_repeatables: list[PreparedRepeatable] = field(default_factory=list)
    repeatables: list[RepeatableResult] = field(default_factory=list)
    rehearsal: Rehearsal | None = None
    #: The fingerprint of the schema snapshot this run recorded (``None``: it applied nothing).
    snapshot: str | None = None

    def notify(self, events: Events, message: str, *, quiet_hides: bool = False) -> None:
        """Keep a warning in the report and hand it to ``events`` at once (before any file runs);
        ``quiet_hides``: a caution that ``--quiet`` need not print."""
        self.notices.append(message)
        if quiet_hides:
            events.caution(message)
        else:
            events.notice(message)

    @property
    def applied(self) -> list[FileResult]:
        """Files this run applied."""
        return [r for r in self.results if r.outcome == Outcome.APPLIED]

    def to_json(self) -> dict[str, Any]:
        """The document of ``migrate --json`` (``ok`` is false when a rehearsal failed)."""
        return {
            "ok": self.rehearsal is None or self.rehearsal.ok,
            "dialect": self.dialect,
            **engine_fields(self.server),
            "dry_run": self.dry_run,
            "from_version": json_version(self.from_version),
            "to_version": json_version(self.to_version),
            "ahead": self.ahead,
            "notices": self.notices,
            "files": [result.to_json() for result in self.results],
            "planned": [
                {"version": str(p.file.version), "description": p.file.description, "statements": len(p.statements)}
                for p in self.planned
            ],
            "repeatables": [result.to_json() for result in self.repeatables],
            "planned_repeatables": [
                {"name": p.file.name, "description": p.file.description, "statements": len(p.statements)}
                for p in self.planned_repeatables
            ],
            "rehearsal": None if self.rehearsal is None else self.rehearsal.to_json(),
            "snapshot": self.snapshot,
        }


@dataclass
class StatusReport:
    """The outcome of :func:`status`: the plan plus where the database is."""

    dialect: str
    plan: Plan
    #: The database as shown to people (its URL with the password masked).
    database: str
    server: Server | None = None

    def to_json(self) -> dict[str, Any]:
        """The document of ``status --json``."""
        return {
            "ok": True,
            "database": self.database,
            "dialect": self.dialect,
            **engine_fields(self.server),
            **self.plan.to_json(),
        }


@contextmanager
def session(database: Database, config: Config) -> Iterator[tuple[Backend, Tables]]:
    """Open the backend (URL or connection) and its tables; always closed afterwards."""
    backend = open_backend(database, busy_timeout_s=config.busy_timeout_s)
    try:
        # Before anything is read or written: an engine or pooler that breaks exactly-once is refused.
        backend.server = admit(backend.display_url, backend.dialect, backend.server_facts())
        backend.open_session()
        if backend.exists():
            backend.upgrade_key_columns(config.settings_table, config.history_table, config.lock_timeout_s)
        yield backend, Tables(backend, config.settings_table, config.history_table)
    finally:
        backend.close()


def _shown(database: Database, backend: Backend) -> str:
    """The database as shown to people: the URL given, its password masked; a connection's own."""
    return mask_url(database) if isinstance(database, str) else backend.display_url


def _config(migrations: str | Path | None, config: Config | None) -> Config:
    """The configuration a Python caller gets: ``[tool.ratchet]`` and the environment, as the CLI
    reads them, with ``migrations`` (when given) on top."""
    if config is not None:
        return config
    return load_config({"migrations": str(migrations) if migrations is not None else None})


def migrate(
    database: Database,
    migrations: str | Path | None = None,
    *,
    to: str | None = None,
    dry_run: bool = False,
    out_of_order: bool = False,
    single_transaction: bool = False,
    no_lint: bool = False,
    rehearse: bool = False,
    events: Events | None = None,
    config: Config | None = None,
) -> MigrateReport:
    """Apply every pending migration of ``migrations`` to ``database`` (a URL or connection),
    then every repeatable file that is new or changed.

    The pending files are linted first: an unwaived error raises :class:`LintFailed` before
    anything is written. ``no_lint`` skips the lint (the history rows record the bypass); a
    ``dry_run`` still lints, to show what a run would bypass.
    Raises a :class:`ratchet.errors.RatchetError` subclass on any expected failure; the
    database is then at the version before the failing file. ``rehearse`` runs the pending
    files and rolls all of it back (``report.rehearsal`` holds each file's outcome).
    """
    config = _config(migrations, config)
    target = parse_version(to, "--to") if to is not None else None
    if rehearse and dry_run:
        raise UsageError("--rehearse runs the files and --dry-run does not: choose one")
    loaded = load_migrations(config.migrations)
    events = events or Events()
    with session(database, config) as (backend, tables):
        _warn_unverified(backend, events)
        if rehearse:
            from ratchet.rehearse import refuse_unless_possible

            refuse_unless_possible(backend)
        state: DatabaseState = tables.state()
        plan = make_plan(loaded.files, state, to=target, out_of_order=out_of_order, repeatables=loaded.repeatables)
        if any(problem.kind == EntryState.RUNNING for problem in plan.drift):
            state = _state_after_live_runner(backend, tables, config)
            plan = make_plan(loaded.files, state, to=target, out_of_order=out_of_order, repeatables=loaded.repeatables)
        refuse_on_drift(plan)
        prepared: list[PreparedFile] = []
        linted: LintReport | None = None
        blocking: list[Finding] = []
        held_back = _repeatables_held_back(plan, target)
        repeatables = [] if held_back else plan.pending_repeatables
        skip_lint = no_lint and not dry_run and not rehearse  # its findings would change nothing
        if plan.pending and skip_lint:
            from ratchet.prepare import prepare_files

            prepared = prepare_files(plan.pending, loaded.guards, backend.dialect, split_check=False)
        elif plan.pending:
            version = config.postgres_version or backend.server_major_version()
            prepared, linted = _prepare_and_lint(plan.pending, loaded, backend.dialect, config, version)
        prepared_repeatables: list[PreparedRepeatable] = []
        if repeatables:
            prepared_repeatables, linted = _prepare_and_lint_repeatables(repeatables, linted, backend.dialect)
        if linted is not None:
            blocking = linted.blocking()
        listed = "\n".join(f"  {finding}" for finding in blocking)
        if blocking and not no_lint:
            raise LintFailed(
                f"{len(blocking)} unwaived lint error(s) in pending migrations; nothing was applied:\n{listed}",
                hint='fix them, waive one with -- guard: allow RULE reason="...", or run with --no-lint',
                findings=blocking,
            )
        report = MigrateReport(
            backend.dialect,
            state.db_version,
            state.db_version,
            planned=prepared,
            dry_run=dry_run,
            ahead=plan.ahead,
            lint=linted,
            planned_repeatables=prepared_repeatables,
            server=backend.server,
        )
        if backend.server and backend.server.warning:
            report.notices.append(backend.server.warning)
        if held_back and plan.pending_repeatables:
            report.notify(events, held_back)
        if blocking:
            doing = "a run would apply" if dry_run or rehearse else "applying"
            recorded = "" if dry_run or rehearse else "; the bypass is recorded in history"
            report.notify(
                events,
                f"--no-lint: {doing} despite {len(blocking)} lint error(s){recorded}:\n{listed}",
            )
        elif skip_lint and prepared:
            report.notify(events, "--no-lint: applying without the lint; the bypass is recorded in history")
        options = RunOptions(
            single_transaction=single_transaction,
            out_of_order=out_of_order,
            lock_timeout_s=config.lock_timeout_s,
            lint_bypassed=no_lint,
            events=events,
        )
        runner = Runner(backend, tables, options)
        if single_transaction and (prepared or prepared_repeatables):
            runner.check_single_transaction(prepared)  # a dry run refuses what the run would refuse
        if dry_run or not (prepared or prepared_repeatables):
            return report
        if rehearse:
            from ratchet.rehearse import rehearse as run_rehearsal

            report.rehearsal = run_rehearsal(backend, tables, prepared, prepared_repeatables, options)
            return report
        if not backend.transactional_ddl and prepared:
            report.notify(events, MYSQL_NOTICE, quiet_hides=True)
        _apply(backend, tables, config, report, options, prepared_repeatables)
        return report


def _warn_unverified(backend: Backend, events: Events) -> None:
    """The engine's one warning line where ratchet's guarantees on it are unverified."""
    if backend.server and backend.server.warning:
        events.notice(backend.server.warning)


def _repeatables_held_back(plan: Plan, target: Version | None) -> str:
    """Why repeatable files wait this run ('' when they do not): they run after every
    versioned file, so not while ``--to`` leaves some pending, nor on a database ahead of
    the files (an older release would put back its older views)."""
    if plan.ahead:
        return "repeatable files are not applied: the database is ahead of the newest file (an older release?)"
    if target is not None and any(
        entry.state == EntryState.PENDING and entry.version > target for entry in plan.entries
    ):
        return f"repeatable files wait until every versioned file is applied (--to {target} leaves some pending)"
    return ""


def _apply(
    backend: Backend,
    tables: Tables,
    config: Config,
    report: MigrateReport,
    options: RunOptions,
    repeatables: list[PreparedRepeatable],
) -> None:
    """Run the versioned files, then the repeatable ones; then record the schema snapshot
    (also when a later file failed: the files applied before it stay applied)."""
    recorder = _Recorder(options.events)
    options.events = recorder
    failed = True
    try:
        report.results, report.repeatables = Runner(backend, tables, options).run(report.planned, repeatables)
        failed = False
    finally:
        if recorder.last_applied is not None:
            # after a failure too (the files before it stay applied), without hiding that failure
            with contextlib.suppress(*((RatchetError,) if failed else ())):
                _after_applying(backend, tables, config, report, recorder.last_applied, recorder.inner)
        with contextlib.suppress(*((RatchetError,) if failed else ())):
            report.to_version = tables.db_version() if tables.exist() else None


def _after_applying(
    backend: Backend, tables: Tables, config: Config, report: MigrateReport, key: str, events: Events
) -> None:
    """Record the schema snapshot with the last applied file's row; rewrite ``schema-file``."""
    report.snapshot = record_snapshot(backend, tables, key, config.lock_timeout_s).fingerprint
    if config.schema_file is None:
        return

    try:
        text = backend.dump_schema(excluded_tables(tables))
        _write_atomically(config.schema_file, text)
    except RatchetError as error:
        report.notify(events, f"schema-file {config.schema_file} not updated: {error.message}")


def _write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one rename, so a reader never sees half a file."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None


class _Recorder(Events):
    """Passes every event on, and remembers the last file this run applied."""

    def __init__(self, inner: Events) -> None:
        self.inner = inner
        self.last_applied: str | None = None
        # every other callback goes straight to ``inner``, including ones added to Events later
        for name in vars(Events):
            if not name.startswith("_") and name not in vars(_Recorder):
                setattr(self, name, getattr(inner, name))

    def file_finished(self, result: FileResult) -> None:
        """Passed on; an applied file becomes the last applied."""
        if result.outcome == Outcome.APPLIED:
            self.last_applied = str(result.version)
        self.inner.file_finished(result)

    def repeatable_finished(self, result: RepeatableResult) -> None:
        """Passed on; an applied file becomes the last applied."""
        if result.outcome == Outcome.APPLIED:
            self.last_applied = repeatable_key(result.description)
        self.inner.repeatable_finished(result)


def _prepare_and_lint_repeatables(
    files: list[RepeatableFile], linted: LintReport | None, dialect: str
) -> tuple[list[PreparedRepeatable], LintReport]:
    """Split the repeatable files to run and add their ``repeatable-not-idempotent`` findings."""
    from ratchet.linter import LintReport
    from ratchet.linter.repeatable import lint_repeatable
    from ratchet.prepare import prepare_repeatables

    prepared = prepare_repeatables(files, dialect)
    report = linted if linted is not None else LintReport(dialect)
    for item in prepared:
        report.files.append(item.file.path)
        report.findings.extend(lint_repeatable(item.file.path, item.file.guards, item.statements))
    return prepared, report


def _prepare_and_lint(
    pending: list[MigrationFile], loaded: Migrations, dialect: str, config: Config, postgres_version: int | None = None
) -> tuple[list[PreparedFile], LintReport]:
    """Split and lint the pending files (imported here: a no-op run never loads sqlparse)."""
    from ratchet.linter import lint_prepared
    from ratchet.prepare import prepare_files

    prepared = prepare_files(pending, loaded.guards, dialect)
    linted = lint_prepared(
        prepared,
        loaded.files,
        dialect=dialect,
        lint_since=lint_since(config),
        seed_sql=lint_schema_sql(config),
        postgres_version=postgres_version,
    )
    return prepared, linted


def _state_after_live_runner(backend: Backend, tables: Tables, config: Config) -> DatabaseState:
    """Re-read the state once the migration lock is free.

    A ``running`` row is what a crashed no-transaction file leaves, but also what a live
    runner shows while it is inside one, holding the migration lock. Waiting for that lock
    tells them apart: a live runner finishes first; a dead one's lock is already free.
    """
    with migration_lock(backend, config.lock_timeout_s):
        return tables.state()


MYSQL_NOTICE = (
    "MySQL cannot roll back schema changes: each statement commits on its own, so a file that "
    "fails half-way stays half-applied; ratchet records how far it got, and `ratchet repair` finishes it"
)


def repair(
    database: Database,
    migrations: str | Path | None = None,
    version: str = "",
    *,
    mark_applied: bool = False,
    retry: bool = False,
    forget: bool = False,
    accept_checksum: bool = False,
    reason: str | None = None,
    events: Events | None = None,
    config: Config | None = None,
) -> FileResult:
    """Get past a history row that blocks ``migrate``; exactly one of:

    ``retry``: run the remaining statements of a ``running``/``failed`` file, from ``statements_done + 1``.
    ``mark_applied``: the DBA completed such a file by hand; record it as applied and set ``db_version``.
    ``forget``: delete a ``failed`` row whose file changed nothing permanent (no statement committed),
    so the corrected file runs again.
    ``accept_checksum``: record the file's new checksum after a harmless edit, keeping the old one and
    ``reason`` in the row's ``checksum_changes``.
    """
    if sum((mark_applied, retry, forget, accept_checksum)) != 1:
        raise UsageError(
            "repair needs exactly one action: --mark-applied or --retry (finish a running/failed file), "
            "--forget (drop a failed row that committed nothing) or --accept-checksum (record a harmless edit)"
        )
    if accept_checksum and not (reason and reason.strip()):
        raise UsageError("--accept-checksum needs --reason TEXT: why the edit is harmless (kept in history)")
    if reason is not None and not accept_checksum:
        raise UsageError("--reason goes with --accept-checksum")
    config = _config(migrations, config)
    wanted = parse_version(version, "VERSION")
    events = events or Events()
    action: RepairAction = (
        "forget" if forget else "accept-checksum" if accept_checksum else "mark-applied" if mark_applied else "retry"
    )
    with session(database, config) as (backend, tables):
        _warn_unverified(backend, events)
        if not tables.exist():
            raise RefusedError(f"{backend.display_url} has no ratchet history; nothing to repair")
        runner = Runner(backend, tables, RunOptions(lock_timeout_s=config.lock_timeout_s, events=events))
        return runner.repair(wanted, action, config.migrations, reason=(reason or "").strip())


@dataclass(frozen=True)
class WaitReport:
    """The outcome of :func:`wait`: how many connection attempts, and how long it took."""

    attempts: int
    waited_s: float


def wait(
    database: Database,
    *,
    timeout_s: float = 60.0,
    interval_s: float = 1.0,
    config: Config | None = None,
) -> WaitReport:
    """Wait until ``database`` accepts connections (a container that starts before its database).

    Retries every ``interval_s`` while connecting fails; raises :class:`ConnectionFailedError` with the
    last reason once ``timeout_s`` has passed. A bad URL or a missing driver fails at once. A SQLite
    file that does not exist yet is ready (``migrate`` creates it).
    """
    config = config or load_config()
    started = time.monotonic()
    attempts = 0
    while True:
        attempts += 1
        try:
            with session(database, config) as (backend, _):
                if backend.exists():
                    backend.query("SELECT 1")
            return WaitReport(attempts, time.monotonic() - started)
        except ConnectionFailedError as failure:
            remaining = timeout_s - (time.monotonic() - started)
            if remaining <= 0:
                raise ConnectionFailedError(
                    f"{failure.message} (still failing after {timeout_s:g}s, {attempts} attempt(s))",
                    hint="check that the database is running and reachable, or wait longer with --timeout",
                ) from None
            time.sleep(min(interval_s, remaining))


def status(database: Database, migrations: str | Path | None = None, *, config: Config | None = None) -> StatusReport:
    """Every file's state against ``database``, without changing anything."""
    config = _config(migrations, config)
    loaded = load_migrations(config.migrations)
    with session(database, config) as (backend, tables):
        plan = make_plan(loaded.files, tables.state(), repeatables=loaded.repeatables)
        return StatusReport(backend.dialect, plan, _shown(database, backend), backend.server)


@dataclass
class ValidateReport:
    """The outcome of :func:`validate`: drift found, files pending, where the database is."""

    dialect: str
    plan: Plan
    planned: list[PreparedFile]
    invalid_indexes: list[InvalidIndex] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No drift (``migrate`` would not refuse) and no INVALID index."""
        return not self.plan.drift and not self.invalid_indexes

    def to_json(self) -> dict[str, Any]:
        """The document of ``validate --json``."""
        plan = self.plan
        return {
            "ok": self.ok,
            "db_version": json_version(plan.db_version),
            "ahead": plan.ahead,
            "pending": [str(p.file.version) for p in self.planned],
            "drift": [d.as_dict() for d in plan.drift] + [i.as_dict() for i in self.invalid_indexes],
            "repeatables": [entry.to_json() for entry in plan.repeatables],
        }


def validate(
    database: Database, migrations: str | Path | None = None, *, config: Config | None = None
) -> ValidateReport:
    """Every check ``migrate`` makes (files, checksums, missing files, out-of-order files,
    unfinished rows), and PostgreSQL's INVALID indexes, without applying anything. Invalid
    pending files raise."""
    config = _config(migrations, config)
    loaded = load_migrations(config.migrations)
    with session(database, config) as (backend, tables):
        plan = make_plan(loaded.files, tables.state(), repeatables=loaded.repeatables)
        waiting = [e.file for e in plan.entries if e.file and e.state in WAITING_STATES]
        from ratchet.prepare import prepare_files  # sqlparse: only validate pays for it

        planned = prepare_files(waiting, loaded.guards, backend.dialect)
        if plan.pending_repeatables:
            from ratchet.prepare import prepare_repeatables

            prepare_repeatables(plan.pending_repeatables, backend.dialect)  # raises for an unrunnable repeatable file
        return ValidateReport(backend.dialect, plan, planned, invalid_indexes(backend, loaded.files))


@dataclass
class BaselineReport:
    """The outcome of :func:`baseline`."""

    version: Version
    baselined: list[Version]


def baseline(
    database: Database, version: str, migrations: str | Path | None = None, *, config: Config | None = None
) -> BaselineReport:
    """Adopt a database built without ratchet: create the tables, set ``db_version`` to
    ``version`` and write ``baseline`` rows for the files at or below it."""
    config = _config(migrations, config)
    target = parse_version(version, "VERSION")
    files = [f for f in load_migrations(config.migrations).files if f.version <= target]
    with (
        session(database, config) as (backend, tables),
        migration_lock(backend, config.lock_timeout_s, session=False),
    ):
        tables.create()
        with backend.transaction():
            existing = tables.rows()
            if existing:
                newest = max(existing)
                raise RefusedError(
                    f"{backend.display_url} already has migration history ({len(existing)} rows, newest {newest})",
                    hint="baseline only adopts a database that ratchet has never migrated; use ratchet status",
                )
            for file in files:
                tables.insert_row(
                    version=file.version,
                    description=file.description,
                    checksum=file.checksum,
                    status=RowStatus.BASELINE,
                    waivers=[],
                )
            tables.put(DB_VERSION_KEY, str(target))
        return BaselineReport(target, [f.version for f in files])


_SLUG = LazyPattern(r"[^a-z0-9]+")

_TEMPLATE = """\
-- {version}: {title}
--
-- Guard headers go here, above the first statement, one per line, e.g.
--   -- guard: require SELECT COUNT(*) = 0 FROM users WHERE email IS NULL
--   -- guard: no-transaction
--   -- guard: allow RULE[:OBJECT] reason="why this is safe"
-- Additive only: add tables, columns and indexes; never drop or rename.

"""


def new_migration(migrations: str | Path, description: str, *, bump: str = "minor") -> Path:
    """Write the next migration file (``bump``: ``major``, ``minor`` or ``patch`` after the
    highest existing version) with a header template; never overwrites. Returns its path."""
    if bump not in ("major", "minor", "patch"):
        raise UsageError(f"bump must be major, minor or patch, not '{bump}'")
    slug = _slug(description, "description")
    directory = _migrations_directory(migrations)
    existing = scan_names(directory)
    major, minor, patch = existing[-1][0].release if existing else (0, 0, 0)
    version = {
        "major": f"{major + 1}.0.0",
        "minor": f"{major}.{minor + 1}.0",
        "patch": f"{major}.{minor}.{patch + 1}",
    }[bump]
    path = directory / f"{version}__{slug}.sql"
    _write_new_file(path, _TEMPLATE.format(version=version, title=" ".join(description.split())))
    return path


def _slug(text: str, what: str) -> str:
    """``text`` as a file-name description: accents stripped, lower case, ``[a-z0-9_]``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG.sub("_", ascii_text.lower()).strip("_")
    if not slug:
        raise UsageError(f"{what} '{text}' has no letters or digits")
    return slug


def _migrations_directory(migrations: str | Path) -> Path:
    """The migrations directory, created when missing."""
    directory = Path(migrations)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create migrations directory {directory}: {exc.strerror}") from None
    return directory


def _write_new_file(path: Path, text: str, *, hint: str | None = None) -> None:
    """Create ``path`` holding ``text``; never overwrite, never leave an empty file behind."""
    try:
        content = text.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(
            "the description is not valid Unicode (a byte that is not UTF-8 on the command line?); pass UTF-8 text"
        ) from None
    try:
        with path.open("xb") as handle:
            try:
                handle.write(content)
            except OSError:
                path.unlink(missing_ok=True)
                raise
    except FileExistsError:
        raise UsageError(f"{path} already exists; refusing to overwrite it", hint=hint) from None
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None


_REPEATABLE_TEMPLATE = """\
-- R__{slug}: {title}
--
-- A repeatable file: migrate applies it after the versioned files whenever it is new or
-- changed, so it may only (re)define code and must be safe to run again:
--   CREATE OR REPLACE VIEW / FUNCTION / PROCEDURE / TRIGGER ...
--   DROP VIEW IF EXISTS v; CREATE VIEW v AS ...   (SQLite has no CREATE OR REPLACE VIEW)
--   COMMENT ON ...; GRANT ...

"""


def new_repeatable(migrations: str | Path, name: str) -> Path:
    """Write ``R__name.sql`` (the name slugged) with a header template; never overwrites."""
    slug = _slug(name, "name")
    path = _migrations_directory(migrations) / f"R__{slug}.sql"
    _write_new_file(path, _REPEATABLE_TEMPLATE.format(slug=slug, title=name), hint="edit it instead")
    return path


@dataclass
class DiffReport:
    """The outcome of :func:`diff`: the live catalog against the newest recorded snapshot."""

    dialect: str
    #: The history row the snapshot is stored with (a version or ``R__name``), ``None`` without one.
    recorded_with: str | None
    recorded_at: str | None
    recorded_fingerprint: str | None
    live_fingerprint: str
    changes: list[Change]
    recorded: bool = False
    #: The database as shown to people (its URL with the password masked).
    database: str = ""

    @property
    def drift(self) -> bool:
        """The schema changed out of band (or there is no snapshot to compare with)."""
        return self.recorded_with is None or bool(self.changes)

    @property
    def no_snapshot(self) -> str:
        """What to do when there is no snapshot to compare with."""
        return (
            f"{self.database} has no schema snapshot yet (migrated before ratchet recorded them); "
            "record the current schema with `ratchet diff --record`"
        )

    def to_json(self) -> dict[str, Any]:
        """The document of ``diff --json``."""
        return {
            "ok": not self.drift,
            "dialect": self.dialect,
            "recorded": self.recorded,
            "snapshot": None
            if self.recorded_with is None
            else {"with": self.recorded_with, "applied_at": self.recorded_at, "fingerprint": self.recorded_fingerprint},
            "live_fingerprint": self.live_fingerprint,
            "changes": [change.as_dict() for change in self.changes],
            "message": self.no_snapshot if self.recorded_with is None else None,
        }


def diff(
    database: Database, migrations: str | Path = "migrations", *, record: bool = False, config: Config | None = None
) -> DiffReport:
    """Compare the live schema with the snapshot recorded after the last applied file.

    ``record`` stores the live catalog as the snapshot of the newest applied row instead (for
    a database migrated before snapshots, or after a reviewed change by hand).
    """
    config = _config(migrations, config)
    with session(database, config) as (backend, tables):
        _require_existing(backend)
        shown = _shown(database, backend)
        if record:
            key = newest_done_row(tables)
            if key is None:
                raise RefusedError(
                    f"{backend.display_url} has no applied migration to record the schema snapshot with",
                    hint="run `ratchet migrate` (or `ratchet baseline VERSION`) first",
                )
            with migration_lock(backend, config.lock_timeout_s, session=False):
                tables.create()
            catalog = record_snapshot(backend, tables, key, config.lock_timeout_s)
            snapshot = latest_snapshot(tables)
            applied_at = snapshot.applied_at if snapshot else None
            return DiffReport(
                backend.dialect, key, applied_at, catalog.fingerprint, catalog.fingerprint, [], True, shown
            )
        live = live_catalog(backend, tables)
        snapshot = latest_snapshot(tables)
        if snapshot is None:
            return DiffReport(backend.dialect, None, None, None, live.fingerprint, [], database=shown)
        changes = [] if snapshot.fingerprint == live.fingerprint else compare(snapshot.catalog, live)
        return DiffReport(
            backend.dialect,
            snapshot.key,
            snapshot.applied_at,
            snapshot.fingerprint,
            live.fingerprint,
            changes,
            database=shown,
        )


def schema(database: Database, *, config: Config | None = None) -> str:
    """The schema as DDL in a stable order, ratchet's tables left out (SQLite from
    ``sqlite_master``, PostgreSQL from ``pg_dump --schema-only``, MySQL from ``SHOW CREATE``)."""
    config = config or load_config()
    with session(database, config) as (backend, tables):
        _require_existing(backend)
        return backend.dump_schema(excluded_tables(tables))


def _require_existing(backend: Backend) -> None:
    """Refuse to read a schema from a SQLite file that does not exist (opening would create it)."""
    if not backend.exists():
        raise ConnectionFailedError(
            f"{backend.display_url} does not exist", hint="check the database URL, or run `ratchet migrate` first"
        )


def get_system_setting(database: Database, key: str, *, config: Config | None = None) -> str | None:
    """The value of ``key`` in ``system_settings``, or ``None`` when unset."""
    check_setting(key)
    config = config or load_config()
    with session(database, config) as (_, tables):
        return tables.get(key) if tables.exist() else None


def set_system_setting(database: Database, key: str, value: str, *, config: Config | None = None) -> None:
    """Insert or update ``key``; commits on its own. ``db_version`` is read-only here."""
    if not isinstance(value, str):
        raise UsageError("a setting value must be a string")
    check_setting(key, value, writing=True)
    config = config or load_config()
    with session(database, config) as (backend, tables):
        _check_value_size(backend, key, value)
        try:
            tables.create()
            with backend.transaction():
                tables.put(key, value)
        except DriverError as exc:
            raise DriverError(
                f"cannot set '{key}' in {backend.display_url}: {exc.db_message}; nothing was changed",
                hint="check that the database accepts writes (permissions, disk space, a read-only replica)",
            ) from None


#: Characters a driver escapes with a backslash, doubling them on the wire.
_ESCAPED = ("\\", "'", '"', "\n", "\r", "\x00", "\x1a")


def _check_value_size(backend: Backend, key: str, value: str) -> None:
    """Refuse, before sending it, a value larger than the server takes in one statement (MySQL's
    ``max_allowed_packet``), with the limit and what to do, instead of a lost connection."""
    size = len(value.encode("utf-8"))
    if size < 1024:  # below any server's smallest packet limit: no round-trip
        return
    limit = backend.max_value_bytes()
    wire = size + sum(value.count(char) for char in _ESCAPED)
    if limit is not None and wire > limit:
        raise SettingsError(
            f"the value of setting '{key}' is {size} bytes; this {backend.dialect} server takes at most "
            f"about {limit} bytes in one statement (max_allowed_packet)",
            hint="store a smaller value (a reference to it), or raise max_allowed_packet on the server "
            "(SET GLOBAL max_allowed_packet = ..., and in the server's configuration)",
        )


def list_system_settings(database: Database, *, config: Config | None = None) -> dict[str, str]:
    """Every setting as ``{key: value}``, ordered by key."""
    config = config or load_config()
    with session(database, config) as (_, tables):
        if not tables.exist():
            return {}
        return {key: value for key, value, _, _ in tables.all_settings()}
