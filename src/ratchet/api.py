"""The Python API (SPEC section 7): migrate, status and the settings functions."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from packaging.version import InvalidVersion, Version

from ratchet.backends import open_backend
from ratchet.backends.base import Backend
from ratchet.config import Config, load_config
from ratchet.discover import MigrationFile, scan_names
from ratchet.errors import ConnectionFailedError, DriftError, LintFailed, RatchetError, RefusedError, UsageError
from ratchet.history import DB_VERSION_KEY, DatabaseState, HistoryRow, Tables, check_setting
from ratchet.load import Migrations, load_migrations
from ratchet.plan import Plan, make_plan, refuse_on_drift
from ratchet.runner import Events, FileResult, Runner, RunOptions, migration_lock
from ratchet.urls import parse_url

if TYPE_CHECKING:  # splitting and linting need sqlparse, which a no-op run never imports
    from ratchet.linter import Finding, LintReport
    from ratchet.prepare import PreparedFile

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
        return [r for r in self.results if r.outcome == "applied"]


@dataclass
class StatusReport:
    """The outcome of :func:`status`: the plan plus where the database is."""

    dialect: str
    plan: Plan
    database: str


def parse_version(text: str, option: str) -> Version:
    """Parse a ``MAJOR.MINOR.PATCH`` argument or raise :class:`UsageError`."""
    try:
        version = Version(text)
    except InvalidVersion:
        raise UsageError(f"{option}: '{text}' is not a version like 1.2.0") from None
    if len(version.release) != 3 or version.pre or version.post or version.dev or version.local:
        raise UsageError(f"{option}: '{text}' is not a version like 1.2.0")
    return version


@contextmanager
def session(database: Database, config: Config) -> Iterator[tuple[Backend, Tables]]:
    """Open the backend (URL or connection) and its tables; always closed afterwards."""
    backend = open_backend(database, busy_timeout_s=config.busy_timeout_s)
    try:
        yield backend, Tables(backend, config.settings_table, config.history_table)
    finally:
        backend.close()


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
    events: Events | None = None,
    config: Config | None = None,
) -> MigrateReport:
    """Apply every pending migration of ``migrations`` to ``database`` (a URL or connection).

    The pending files are linted first: an unwaived error raises :class:`LintFailed` before
    anything is written, unless ``no_lint`` (then the history rows record the bypass).
    Raises a :class:`ratchet.errors.RatchetError` subclass on any expected failure; the
    database is then at the version before the failing file.
    """
    config = _config(migrations, config)
    target = parse_version(to, "--to") if to is not None else None
    loaded = load_migrations(config.migrations)
    with session(database, config) as (backend, tables):
        state: DatabaseState = tables.state()
        plan = make_plan(loaded.files, state, to=target, out_of_order=out_of_order)
        if any(problem.kind == "running" for problem in plan.drift):
            state = _state_after_live_runner(backend, tables, config)
            plan = make_plan(loaded.files, state, to=target, out_of_order=out_of_order)
        refuse_on_drift(plan)
        prepared: list[PreparedFile] = []
        linted: LintReport | None = None
        blocking: list[Finding] = []
        if plan.pending:
            prepared, linted = _prepare_and_lint(plan.pending, loaded, backend.dialect, config)
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
        )
        events = events or Events()
        if blocking:
            doing = "a run would apply" if dry_run else "applying"
            recorded = "" if dry_run else "; the bypass is recorded in history"
            report.notify(
                events,
                f"--no-lint: {doing} despite {len(blocking)} lint error(s){recorded}:\n{listed}",
            )
        options = RunOptions(
            single_transaction=single_transaction,
            out_of_order=out_of_order,
            lock_timeout_s=config.lock_timeout_s,
            lint_bypassed=bool(blocking),
            events=events,
        )
        runner = Runner(backend, tables, options)
        if single_transaction and prepared:
            runner.check_single_transaction(prepared)  # a dry run refuses what the run would refuse
        if dry_run or not prepared:
            return report
        if not backend.transactional_ddl:
            report.notify(events, MYSQL_NOTICE, quiet_hides=True)
        report.results = runner.run(prepared)
        report.to_version = tables.db_version()
        return report


def _prepare_and_lint(
    pending: list[MigrationFile], loaded: Migrations, dialect: str, config: Config
) -> tuple[list[PreparedFile], LintReport]:
    """Split and lint the pending files (imported here: a no-op run never loads sqlparse)."""
    from ratchet.linter import lint_prepared
    from ratchet.prepare import prepare_files

    prepared = prepare_files(pending, loaded.guards)
    return prepared, lint_prepared(prepared, loaded.files, dialect=dialect, lint_since=_lint_since(config))


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
    with session(database, config) as (backend, tables):
        if not tables.exist():
            raise RefusedError(f"{backend.display_url} has no ratchet history; nothing to repair")
        with migration_lock(backend, config.lock_timeout_s):
            row = tables.rows().get(wanted)
            if row is None:
                raise RefusedError(
                    f"migration {wanted} has no history row; nothing to repair", hint="see `ratchet status`"
                )
            if forget:
                return _forget(tables, backend, row)
            file = _file_of(config, wanted)
            if accept_checksum:
                return _accept_checksum(tables, backend, row, file, (reason or "").strip())
            if row.status not in ("running", "failed"):
                raise RefusedError(
                    f"migration {wanted} has status '{row.status}'; --retry and --mark-applied only finish a "
                    "'running' or 'failed' one",
                    hint="see `ratchet status`",
                )
            if not file.matches(row.checksum):
                raise DriftError(
                    f"{file.path} changed since it was run (checksum in database {row.checksum[:12]}..., "
                    f"file {file.checksum[:12]}...)",
                    hint="restore the file exactly as it was run (git checkout it), then repair again; or, if "
                    f"you corrected a statement that had not run yet, record the edit with `ratchet repair {wanted} "
                    '--accept-checksum --reason "..."` first',
                )
            from ratchet.prepare import prepare_files

            loaded = load_migrations(config.migrations)
            prepared = prepare_files([file], loaded.guards)[0]
            runner = Runner(
                backend, tables, RunOptions(lock_timeout_s=config.lock_timeout_s, events=events or Events())
            )
            if mark_applied:
                with backend.transaction():
                    runner.bump_version(wanted)
                    tables.update_row(wanted, status="applied", error=None, statements_done=len(prepared.statements))
                return FileResult(wanted, file.description, "marked-applied", 0, len(prepared.statements))
            with backend.transaction():
                tables.update_row(wanted, status="running", error=None)
            return runner.resume(prepared, start_after=row.statements_done)


def _file_of(config: Config, version: Version) -> MigrationFile:
    file = next((f for f in load_migrations(config.migrations).files if f.version == version), None)
    if file is None:
        raise RefusedError(
            f"no migration file for {version} in {config.migrations}",
            hint="restore the file exactly as it was run, then repair again",
        )
    return file


def _forget(tables: Tables, backend: Backend, row: HistoryRow) -> FileResult:
    """Delete a ``failed`` row whose file committed nothing, so the corrected file runs again."""
    if row.status != "failed":
        raise RefusedError(
            f"migration {row.version} has status '{row.status}'; --forget only deletes a 'failed' row",
            hint="a 'running' row may have a statement in effect: see `ratchet status`, then --retry or --mark-applied",
        )
    if row.statements_done > 0:
        raise RefusedError(
            f"migration {row.version} committed {row.statements_done} statement(s) before it failed; "
            "forgetting it would run them again",
            hint=f"correct the failed statement, then `ratchet repair {row.version} --accept-checksum "
            f'--reason "..."` and `ratchet repair {row.version} --retry`; or undo them by hand first',
        )
    with backend.transaction():
        tables.delete_row(row.version)
    return FileResult(row.version, row.description, "forgotten", 0, 0)


def _accept_checksum(tables: Tables, backend: Backend, row: HistoryRow, file: MigrationFile, reason: str) -> FileResult:
    """Record ``file``'s checksum for ``row`` after a harmless edit; the old one and ``reason`` stay in history."""
    if file.matches(row.checksum):
        raise RefusedError(
            f"{file.path} has the checksum recorded for {row.version}; there is no edit to accept",
            hint="see `ratchet validate`",
        )
    if not tables.has_checksum_changes():
        with backend.transaction():
            tables.add_checksum_changes()
    with backend.transaction():
        tables.accept_checksum(row.version, row.checksum, file.checksum, reason)
    return FileResult(row.version, row.description, "checksum-accepted", 0, 0, reason)


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


def _lint_since(config: Config) -> Version | None:
    if config.lint_since is None:
        return None
    return parse_version(config.lint_since, "lint-since")


def default_dialect(config: Config) -> str:
    """``dialect`` from the configuration, else the configured database's, else ``sqlite``."""
    if config.dialect:
        return config.dialect
    try:
        return parse_url(config.database).dialect
    except RatchetError:
        return "sqlite"


def lint(
    paths: str | Path | list[str | Path],
    *,
    dialect: str | None = None,
    since: str | None = None,
    include_all: bool = False,
    only: set[Path] | None = None,
    jobs: int = 1,
    config: Config | None = None,
) -> LintReport:
    """Lint migration files or directories without a database (SPEC section 3).

    ``dialect`` defaults to the configured one (``[tool.ratchet]``, the database URL, else
    ``sqlite``); files at or below ``lint-since`` are skipped unless ``include_all``.
    """
    config = config or load_config()
    if dialect is not None and dialect not in ("sqlite", "postgresql", "mysql"):
        raise UsageError(f"--dialect: unknown dialect '{dialect}'; use sqlite, postgresql or mysql")
    from ratchet.linter import lint_paths

    targets = [paths] if isinstance(paths, (str, Path)) else list(paths)
    return lint_paths(
        [Path(p) for p in targets],
        dialect=dialect or default_dialect(config),
        since=parse_version(since, "--since") if since is not None else None,
        lint_since=_lint_since(config),
        include_all=include_all,
        only=only,
        jobs=jobs,
    )


def status(database: Database, migrations: str | Path | None = None, *, config: Config | None = None) -> StatusReport:
    """Every file's state against ``database``, without changing anything."""
    config = _config(migrations, config)
    files = load_migrations(config.migrations).files
    with session(database, config) as (backend, tables):
        plan = make_plan(files, tables.state())
        return StatusReport(backend.dialect, plan, backend.display_url)


@dataclass
class ValidateReport:
    """The outcome of :func:`validate`: drift found, files pending, where the database is."""

    dialect: str
    plan: Plan
    planned: list[PreparedFile]

    @property
    def ok(self) -> bool:
        """No drift: ``migrate`` would not refuse."""
        return not self.plan.drift


def validate(
    database: Database, migrations: str | Path | None = None, *, config: Config | None = None
) -> ValidateReport:
    """Every check ``migrate`` makes (files, checksums, missing files, out-of-order files,
    unfinished rows), without applying anything. Invalid pending files raise."""
    config = _config(migrations, config)
    loaded = load_migrations(config.migrations)
    with session(database, config) as (backend, tables):
        plan = make_plan(loaded.files, tables.state())
        waiting = [e.file for e in plan.entries if e.file and e.state in ("pending", "out-of-order")]
        from ratchet.prepare import prepare_files  # sqlparse: only validate pays for it

        planned = prepare_files(waiting, loaded.guards)
        return ValidateReport(backend.dialect, plan, planned)


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
        with backend.transaction():
            tables.ensure()
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
                    status="baseline",
                    waivers=[],
                )
            tables.put(DB_VERSION_KEY, str(target))
        return BaselineReport(target, [f.version for f in files])


_SLUG = re.compile(r"[^a-z0-9]+")

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
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", description).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG.sub("_", ascii_text.lower()).strip("_")
    if not slug:
        raise UsageError(f"description '{description}' has no letters or digits")
    directory = Path(migrations)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create migrations directory {directory}: {exc.strerror}") from None
    existing = scan_names(directory)
    major, minor, patch = existing[-1][0].release if existing else (0, 0, 0)
    version = {
        "major": f"{major + 1}.0.0",
        "minor": f"{major}.{minor + 1}.0",
        "patch": f"{major}.{minor}.{patch + 1}",
    }[bump]
    path = directory / f"{version}__{slug}.sql"
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(_TEMPLATE.format(version=version, title=description))
    except FileExistsError:
        raise UsageError(f"{path} already exists; refusing to overwrite it") from None
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    return path


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
    with session(database, config) as (backend, tables), backend.transaction():
        tables.ensure()
        tables.put(key, value)


def list_system_settings(database: Database, *, config: Config | None = None) -> dict[str, str]:
    """Every setting as ``{key: value}``, ordered by key."""
    config = config or load_config()
    with session(database, config) as (_, tables):
        if not tables.exist():
            return {}
        return {key: value for key, value, _, _ in tables.all_settings()}
