"""The ``ratchet`` command line: the only module that prints or exits."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ratchet import commandline, helptext
from ratchet.config import Config, load_config
from ratchet.errors import EXIT_CHECK_FAILED, RatchetError, UsageError
from ratchet.events import Events
from ratchet.headers import parse_duration_ms
from ratchet.linter.rules import help_epilog

# The commands import what they use (``ratchet.api``: the runner, the backends, the history;
# ``ratchet.plan``, the states, the URL helpers): ``ratchet lint`` needs none of it, and importing
# it all cost more than linting a thousand files.
if TYPE_CHECKING:
    from ratchet import api
    from ratchet.backends.base import Server
    from ratchet.prepare import PreparedFile, PreparedRepeatable
    from ratchet.rehearse import Rehearsal
    from ratchet.runner import FileResult, RepeatableResult

F = TypeVar("F", bound=Callable[..., Any])
_PROGRESS_MIN_STATEMENTS = 20
_FLUSH_EVERY_S = 1.0


def fail(error: RatchetError) -> None:
    """Print ``error`` plainly on stderr and exit with its code."""
    from ratchet.urls import mask_password

    click.echo(f"ratchet: error: {mask_password(str(error))}", err=True)
    sys.exit(error.exit_code)


def handles_errors(command: F) -> F:
    """Turn an expected :class:`RatchetError` into a message and its exit code."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except RatchetError as error:
            fail(error)
        except KeyboardInterrupt:
            click.echo("ratchet: interrupted", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def declared(options: tuple[commandline.Option, ...]) -> Callable[[F], F]:
    """click options built from ``ratchet.commandline``'s records, in their order."""

    def decorate(command: F) -> F:
        for option in reversed(options):  # click lists the last one applied first
            command = click.option(*option.spellings, option.keyword, help=option.help, **_click_settings(option))(
                command
            )
        return command

    return decorate


def _click_settings(option: commandline.Option) -> dict[str, Any]:
    if option.kind == commandline.FLAG:
        return {"is_flag": True}
    settings: dict[str, Any] = {"metavar": option.metavar}
    if option.kind == commandline.CHOICE and option.choices is not None:
        settings["type"] = click.Choice(option.choices())
    elif option.kind == commandline.COUNT:
        settings["type"] = click.IntRange(min=0)
    if option.default is not None:
        settings.update(default=option.default, show_default=option.show_default)
    return settings


#: ``--database`` and ``--migrations``, taken by every command.
common_options = declared(commandline.COMMON)


def resolve(database: str | None, migrations: str | None) -> Config:
    """Configuration with the command-line values on top."""
    return load_config({"database": database, "migrations": migrations})


def emit_json(document: object) -> None:
    """Print one JSON document."""
    click.echo(json.dumps(document, indent=2, default=str))


def json_errors(command: F) -> F:
    """With ``--json``, a failure is also one JSON document on stdout (the message still goes to stderr)."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ratchet.jsondoc import error_json

        try:
            return command(*args, **kwargs)
        except RatchetError as error:
            if kwargs.get("as_json"):
                emit_json(error_json(error))
            raise

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=helptext.main_epilog())
@click.version_option(package_name="ratchet-migrations", prog_name="ratchet")
def main() -> None:
    """ratchet: plain-SQL migrations, ordered by semantic version, additive-only."""


class CliEvents(Events):
    """Prints one line per file; a progress bar on a TTY for files with many statements."""

    def __init__(self, *, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = sys.stdout.isatty() and not quiet
        self.bar: Any = None
        # Off a terminal the file lines are written in one go (a thousand small writes cost more
        # than the commits they report), at the latest _FLUSH_EVERY_S after the first one waiting.
        self.waiting: list[str] = []
        self.first_waiting = 0.0

    def flush(self) -> None:
        """Write the lines still waiting."""
        if self.waiting:
            click.echo("\n".join(self.waiting))
            self.waiting.clear()

    def file_started(self, prepared: PreparedFile) -> None:
        """Open a progress bar for a long file on a TTY."""
        if self.tty and len(prepared.statements) >= _PROGRESS_MIN_STATEMENTS:
            self.bar = click.progressbar(
                length=len(prepared.statements), label=f"  {prepared.file.version}", file=sys.stdout
            )
            self.bar.__enter__()

    def statement_done(self, prepared: PreparedFile, number: int) -> None:
        """Advance the bar."""
        if self.bar is not None:
            self.bar.update(1)

    def notice(self, message: str) -> None:
        """Warnings go to stderr at once, even with --quiet or --json."""
        click.echo(f"ratchet: warning: {message}", err=True)

    def caution(self, message: str) -> None:
        """Cautions go to stderr, except with --quiet or --json."""
        if not self.quiet:
            click.echo(f"ratchet: warning: {message}", err=True)

    def file_finished(self, result: FileResult) -> None:
        """One line: version, description, outcome, duration."""
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
        if self.quiet:
            return
        self._write_line(
            file_line(str(result.version), result.description, result.outcome, result.duration_ms, result.reason)
        )

    def _write_line(self, line: str) -> None:
        """Print a file's line: at once on a terminal, else batched (in order) until :meth:`flush`."""
        if self.tty:
            click.echo(line)
            return
        now = time.perf_counter()
        if not self.waiting:
            self.first_waiting = now
        self.waiting.append(line)
        if now - self.first_waiting >= _FLUSH_EVERY_S:
            self.flush()

    def repeatable_finished(self, result: RepeatableResult) -> None:
        """One line, like a versioned file's, with ``R__`` for the version."""
        if self.quiet:
            return
        self._write_line(file_line("R__", result.description, result.outcome, result.duration_ms, result.reason))


def file_line(name: str, description: str, outcome: str, duration_ms: float | None, detail: str = "") -> str:
    """One file's line in the output of ``migrate`` and ``--rehearse``: name, description, outcome,
    duration (``-`` when none) and the detail in parentheses."""
    duration = "-" if duration_ms is None else format_ms(duration_ms)
    shown = f" ({detail})" if detail else ""
    return f"  {name:<10} {description:<32} {outcome:<15} {duration:>8}{shown}"


def format_ms(milliseconds: float) -> str:
    """``12 ms``, ``<1 ms`` or ``3.4 s``."""
    if milliseconds < 1:
        return "<1 ms"
    if milliseconds < 10_000:
        return f"{milliseconds:.0f} ms"
    return f"{milliseconds / 1000:.1f} s"


def render_plan(planned: list[PreparedFile], dialect: str) -> str:
    """The SQL ``migrate`` would run, file by file, with the guard decisions known in advance."""
    out: list[str] = []
    for prepared in planned:
        file, guards = prepared.file, prepared.guards
        if not guards.applies_to(dialect):
            only = " ".join(sorted(guards.dialects or ()))
            out.append(
                f"-- {file.version} {file.description}: will be recorded as skipped (dialect {only}, not {dialect})"
            )
            out.append("")
            continue
        count = len(prepared.statements)
        out.append(f"-- {file.version} {file.description} ({file.path}, {count} statement{'' if count == 1 else 's'})")
        mode = "outside a transaction, statement by statement" if guards.no_transaction else "in one transaction"
        out.append(f"--   runs {mode}")
        if guards.dialects:
            out.append(f"--   only on: {' '.join(sorted(guards.dialects))} (skipped elsewhere)")
        for query in guards.skip_ifs:
            out.append(f"--   skipped if: {query.sql}")
        for query in guards.requires:
            out.append(f"--   requires: {query.sql}")
        if guards.lock_timeout_ms is not None:
            out.append(f"--   lock timeout: {guards.lock_timeout_ms} ms")
        for waiver in guards.waivers:
            target = f"{waiver.rule}:{waiver.object}" if waiver.object else waiver.rule
            out.append(f'--   waives {target}: "{waiver.reason}"')
        for statement in prepared.statements:
            out.append(f"{statement.sql};")
        out.append("")
    return "\n".join(out)


def render_repeatables(planned: list[PreparedRepeatable]) -> str:
    """The SQL of the repeatable files ``migrate`` would apply after the versioned ones."""
    out: list[str] = []
    for prepared in planned:
        file = prepared.file
        out.append(f"-- {file.name} ({file.path}, {len(prepared.statements)} statements): repeatable, new or changed")
        out.append("--   runs in one transaction, after the versioned files")
        out.extend(f"{statement.sql};" for statement in prepared.statements)
        out.append("")
    return "\n".join(out) + ("\n" if out else "")


def _where(database: str, server: Server | None) -> str:
    """``postgresql://u:***@h/db (PostgreSQL 15.5)``: the masked URL and the engine it ran on."""
    from ratchet.urls import mask_url

    where = mask_url(database)
    return f"{where} ({server.engine} {server.version})" if server else where


@main.command()
@declared(commandline.MIGRATE)
@handles_errors
@json_errors
def migrate(
    database: str | None,
    migrations: str | None,
    to: str | None,
    dry_run: bool,
    out_of_order: bool,
    single_transaction: bool,
    quiet: bool,
    as_json: bool,
    no_lint: bool,
    rehearse: bool,
) -> None:
    """Apply pending migrations in version order, each file in its own transaction, then the
    repeatable R__ files that are new or changed."""
    from ratchet import api
    from ratchet.urls import mask_url

    config = resolve(database, migrations)
    events = CliEvents(quiet=quiet or as_json)
    started = time.perf_counter()
    try:
        report = api.migrate(
            config.database,
            config.migrations,
            to=to,
            dry_run=dry_run,
            out_of_order=out_of_order,
            single_transaction=single_transaction,
            no_lint=no_lint,
            rehearse=rehearse,
            events=events,
            config=config,
        )
    finally:
        events.flush()
    failed = report.rehearsal is not None and not report.rehearsal.ok
    if as_json:
        emit_json(report.to_json())
    elif report.rehearsal is not None:
        _print_rehearsal(report.rehearsal, quiet=quiet)
    elif rehearse and not quiet:
        click.echo(f"rehearsal: nothing pending on {mask_url(config.database)}")
    elif not quiet:
        _print_migrate_summary(report, config, (time.perf_counter() - started) * 1000)
    if failed:
        sys.exit(EXIT_CHECK_FAILED)


def _print_rehearsal(rehearsal: Rehearsal, *, quiet: bool) -> None:
    """One line per file (outcome and time), the failure, and that nothing was kept."""
    from ratchet.states import RehearsalOutcome
    from ratchet.urls import mask_password

    if not quiet:
        click.echo(f"rehearsal on {mask_password(rehearsal.where)} (rolled back; nothing is kept):")
        for item in rehearsal.files:
            detail = item.detail if item.outcome != RehearsalOutcome.FAILED else ""
            duration = item.duration_ms if item.outcome in (RehearsalOutcome.OK, RehearsalOutcome.FAILED) else None
            click.echo(file_line(item.name, item.description, item.outcome, duration, detail))
    failed = next((item for item in rehearsal.files if item.outcome == RehearsalOutcome.FAILED), None)
    if failed is not None:
        click.echo(f"ratchet: rehearsal failed: {mask_password(failed.detail)}", err=True)
        click.echo("  the database is unchanged: fix the file (or the data) before the real migrate", err=True)
    elif not quiet:
        rehearsed = sum(1 for item in rehearsal.files if item.outcome == RehearsalOutcome.OK)
        click.echo(f"rehearsal passed: {rehearsed} file(s) ran and were rolled back; the database is unchanged")


def _echo_planned(report: api.MigrateReport) -> str:
    """Print the SQL a run would apply (``plan`` and ``migrate --dry-run``); return how many files."""
    if report.planned:
        click.echo(render_plan(report.planned, report.dialect), nl=False)
    click.echo(render_repeatables(report.planned_repeatables), nl=False)
    repeatables = len(report.planned_repeatables)
    also = f" and {repeatables} repeatable file(s)" if repeatables else ""
    return f"{len(report.planned)} file(s){also}"


def _print_migrate_summary(report: api.MigrateReport, config: Config, elapsed_ms: float) -> None:
    from ratchet.plan import describe_version

    where = _where(config.database, report.server)
    if report.dry_run:
        click.echo(f"dry run: {_echo_planned(report)} would be applied to {where}; nothing changed")
        return
    if report.ahead and not report.planned:
        click.echo(
            f"{where} is at {describe_version(report.from_version)}, ahead of the newest file; "
            "nothing to do (an older release is running against a newer database)"
        )
        return
    if not report.results and not report.repeatables:
        from ratchet.uptodate import up_to_date_message

        click.echo(up_to_date_message(where, describe_version(report.from_version)))
        return
    counts: dict[str, int] = {}
    for result in report.results:
        counts[result.outcome] = counts.get(result.outcome, 0) + 1
    for repeatable in report.repeatables:
        outcome = f"repeatable {repeatable.outcome}"
        counts[outcome] = counts.get(outcome, 0) + 1
    parts = ", ".join(f"{n} {outcome}" for outcome, n in counts.items())
    click.echo(
        f"migrated {where} from {describe_version(report.from_version)} to "
        f"{describe_version(report.to_version)}: {parts} in {format_ms(elapsed_ms)}"
    )


@main.command()
@common_options
@click.argument("version")
@click.option(
    "--retry", is_flag=True, help="Run the file's remaining statements, after the failed one's cause is fixed."
)
@click.option("--mark-applied", is_flag=True, help="The file was finished by hand: record it as applied.")
@click.option("--forget", is_flag=True, help="Delete a 'failed' row that committed nothing, so the file runs again.")
@click.option(
    "--accept-checksum", is_flag=True, help="Record the file's new checksum after a harmless edit (needs --reason)."
)
@click.option("--reason", metavar="TEXT", help="Why the edit is harmless; kept in history with the old checksum.")
@handles_errors
def repair(
    database: str | None,
    migrations: str | None,
    version: str,
    retry: bool,
    mark_applied: bool,
    forget: bool,
    accept_checksum: bool,
    reason: str | None,
) -> None:
    """Get VERSION past a history row that blocks migrate: a 'running' or 'failed' file, or an edited one."""
    from ratchet import api
    from ratchet.states import Outcome

    config = resolve(database, migrations)
    events = CliEvents(quiet=False)
    try:
        result = api.repair(
            config.database,
            config.migrations,
            version,
            mark_applied=mark_applied,
            retry=retry,
            forget=forget,
            accept_checksum=accept_checksum,
            reason=reason,
            events=events,
            config=config,
        )
    finally:
        events.flush()
    how = {
        Outcome.MARKED_APPLIED: "marked applied",
        Outcome.FORGOTTEN: "failed row deleted; `ratchet migrate` runs the file again",
        Outcome.CHECKSUM_ACCEPTED: "new checksum recorded; the old one and the reason are kept in history",
    }.get(result.outcome, f"remaining statements run, {result.duration_ms} ms")
    click.echo(f"repaired {result.version} ({result.description}): {how}")


@main.command()
@common_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--exit-code", is_flag=True, help="Exit 1 when files are pending or a problem blocks migrate.")
@handles_errors
@json_errors
def status(database: str | None, migrations: str | None, as_json: bool, exit_code: bool) -> None:
    """Show every migration's state against the database."""
    from ratchet import api

    config = resolve(database, migrations)
    report = api.status(config.database, config.migrations, config=config)
    if report.server and report.server.warning:
        click.echo(f"ratchet: warning: {report.server.warning}", err=True)
    plan = report.plan
    if as_json:
        emit_json(report.to_json())
    else:
        _print_status_table(report, config)
    if exit_code and (plan.waiting or plan.pending_repeatables or plan.drift):  # a failed/running row blocks too
        sys.exit(EXIT_CHECK_FAILED)


def _print_status_table(report: api.StatusReport, config: Config) -> None:
    from ratchet.plan import describe_version
    from ratchet.states import EntryState

    plan = report.plan
    click.echo(f"database: {_where(config.database, report.server)}  db_version: {describe_version(plan.db_version)}")
    header = f"{'VERSION':<10} {'DESCRIPTION':<32} {'STATE':<13} {'APPLIED AT':<29} {'DURATION':>9}  WAIVERS"
    click.echo(header)
    for entry in plan.entries:
        row = entry.row
        applied_at = row.applied_at if row else ""
        duration = format_ms(row.duration_ms) if row else ""
        waivers = ", ".join(
            f"{w['rule']}{':' + w['object'] if w.get('object') else ''} ({w['reason']})"
            for w in (row.waivers if row else [])
        )
        if row and row.lint_bypassed:
            waivers = (waivers + "; " if waivers else "") + "lint bypassed (--no-lint)"
        click.echo(
            f"{entry.version!s:<10} {entry.description[:32]:<32} {entry.state:<13} "
            f"{applied_at:<29} {duration:>9}  {waivers}"
        )
    for repeatable in plan.repeatables:
        last = repeatable.row
        click.echo(
            f"{'R__':<10} {repeatable.description[:32]:<32} {repeatable.state:<13} "
            f"{last.applied_at if last else '':<29} {format_ms(last.duration_ms) if last else '':>9}"
        )
    pending = sum(1 for e in plan.entries if e.state == EntryState.PENDING)
    out_of_order = sum(1 for e in plan.entries if e.state == EntryState.OUT_OF_ORDER)
    if plan.ahead:
        click.echo(f"the database is ahead of the newest file ({describe_version(plan.highest_file)})")
    click.echo(
        f"{pending} pending"
        + (f", {out_of_order} out-of-order (apply with --out-of-order)" if out_of_order else "")
        + (f", {len(plan.pending_repeatables)} repeatable to apply" if plan.pending_repeatables else "")
    )
    for drift in plan.drift:
        click.echo(f"problem: {drift}")


@main.command()
@common_options
@click.option("--to", "to", metavar="VERSION", help="Plan pending files up to and including VERSION.")
@click.option("--out-of-order", is_flag=True, help="Include pending files older than db_version.")
@click.option("--no-lint", is_flag=True, help="Plan despite lint errors (as migrate --no-lint would apply).")
@handles_errors
def plan(database: str | None, migrations: str | None, to: str | None, out_of_order: bool, no_lint: bool) -> None:
    """Print the exact SQL that `migrate` would run, file by file; change nothing."""
    from ratchet import api
    from ratchet.plan import describe_version

    config = resolve(database, migrations)
    report = api.migrate(
        config.database,
        config.migrations,
        to=to,
        dry_run=True,
        out_of_order=out_of_order,
        no_lint=no_lint,
        events=CliEvents(quiet=True),
        config=config,
    )
    click.echo(f"-- {_echo_planned(report)} pending; database at {describe_version(report.from_version)}")


@main.command()
@common_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handles_errors
@json_errors
def validate(database: str | None, migrations: str | None, as_json: bool) -> None:
    """Check files and history for drift without applying anything (exit 1 on drift)."""
    from ratchet import api
    from ratchet.plan import describe_version
    from ratchet.states import DONE_STATUSES, RowStatus

    config = resolve(database, migrations)
    report = api.validate(config.database, config.migrations, config=config)
    plan = report.plan
    if as_json:
        emit_json(report.to_json())
    elif report.ok:
        ahead = ", ahead of the newest file" if plan.ahead else ""
        states = [entry.state for entry in plan.entries]
        done = ", ".join(f"{states.count(state)} {state}" for state in RowStatus if state in DONE_STATUSES)
        to_apply = len(plan.pending_repeatables)
        repeatables = f", {to_apply} of {len(plan.repeatables)} repeatable file(s) to apply" if plan.repeatables else ""
        click.echo(
            f"valid: {done}, {len(report.planned)} pending, "
            f"db_version {describe_version(plan.db_version)}{ahead}{repeatables}"
        )
    else:
        problems = [*plan.drift, *report.invalid_indexes]
        click.echo(f"{len(problems)} problem(s):")
        for problem in problems:
            click.echo(f"  {problem}")
    if not report.ok:
        sys.exit(EXIT_CHECK_FAILED)


@main.command()
@common_options
@click.argument("version")
@handles_errors
def baseline(database: str | None, migrations: str | None, version: str) -> None:
    """Adopt an existing database at VERSION: files at or below it count as applied."""
    from ratchet import api
    from ratchet.urls import mask_url

    config = resolve(database, migrations)
    report = api.baseline(config.database, version, config.migrations, config=config)
    click.echo(
        f"baselined {mask_url(config.database)} at {report.version}: "
        f"{len(report.baselined)} file(s) recorded as baseline"
    )


@main.command()
@common_options
@click.argument("description")
@click.option("--major", is_flag=True, help="Next major version (X+1.0.0).")
@click.option("--minor", is_flag=True, help="Next minor version (the default).")
@click.option("--patch", is_flag=True, help="Next patch version.")
@click.option("--repeatable", is_flag=True, help="Write R__DESCRIPTION.sql, a repeatable file (views, functions).")
@handles_errors
def new(
    database: str | None,
    migrations: str | None,
    description: str,
    major: bool,
    minor: bool,
    patch: bool,
    repeatable: bool,
) -> None:
    """Create the next migration file (or a repeatable one), with a header template."""
    from ratchet import api

    chosen = [name for name, given in (("major", major), ("minor", minor), ("patch", patch)) if given]
    if len(chosen) > 1:
        raise UsageError(f"choose one of --major, --minor or --patch, not {' and '.join('--' + c for c in chosen)}")
    config = resolve(database, migrations)
    if repeatable:
        path = api.new_repeatable(config.migrations, description)
    else:
        path = api.new_migration(config.migrations, description, bump=chosen[0] if chosen else "minor")
    click.echo(str(path))


@main.command()
@common_options
@click.option(
    "--timeout", "timeout", metavar="DURATION", default="60s", show_default=True, help="Give up after this long."
)
@handles_errors
def wait(database: str | None, migrations: str | None, timeout: str) -> None:
    """Wait until the database accepts connections (exit 5 when it does not in time)."""
    from ratchet import api
    from ratchet.urls import mask_url

    timeout_ms = parse_duration_ms(timeout)
    if timeout_ms is None:
        raise UsageError(f"--timeout must be a duration like 60s, 500ms or 2m, got '{timeout}'")
    config = resolve(database, migrations)
    report = api.wait(config.database, timeout_s=timeout_ms / 1000, config=config)
    click.echo(f"{mask_url(config.database)} accepts connections ({format_ms(report.waited_s * 1000)})")


@main.command("diff")
@common_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--record", is_flag=True, help="Record the live schema as the snapshot (after a reviewed change).")
@handles_errors
def diff_command(database: str | None, migrations: str | None, as_json: bool, record: bool) -> None:
    """List schema changes made outside migrations since the last applied file (exit 1 on drift)."""
    from ratchet import api
    from ratchet.urls import mask_url

    config = resolve(database, migrations)
    report = api.diff(config.database, config.migrations, record=record, config=config)
    where = mask_url(config.database)
    if as_json:
        emit_json(report.to_json())
    elif report.recorded:
        click.echo(
            f"recorded the schema of {where} with {report.recorded_with} (fingerprint {report.live_fingerprint})"
        )
    elif report.recorded_with is None:
        click.echo(report.no_snapshot)
    elif not report.changes:
        click.echo(f"no drift: the schema matches the snapshot recorded with {report.recorded_with}")
    else:
        click.echo(
            f"{len(report.changes)} change(s) since the snapshot recorded with {report.recorded_with} "
            f"at {report.recorded_at}, made outside ratchet:"
        )
        for change in report.changes:
            click.echo(f"  {change}")
        click.echo("put them in a migration, revert them, or accept them with `ratchet diff --record`")
    if report.drift:
        sys.exit(EXIT_CHECK_FAILED)


@main.command("schema")
@common_options
@click.option("--output", "-o", "output", type=click.Path(path_type=Path), help="Write to FILE instead of stdout.")
@click.option("--check", is_flag=True, help="Exit 1 when FILE (--output, else schema-file) differs from the database.")
@handles_errors
def schema_command(database: str | None, migrations: str | None, output: Path | None, check: bool) -> None:
    """Print the schema as DDL in a stable order, ratchet's tables left out."""
    from ratchet import api

    config = resolve(database, migrations)
    target = output or config.schema_file
    if check and target is None:
        raise UsageError("schema --check needs a file: pass --output FILE or set schema-file in [tool.ratchet]")
    text = api.schema(config.database, config=config)
    if check:
        assert target is not None
        try:
            committed = target.read_text(encoding="utf-8")
        except FileNotFoundError:
            click.echo(f"{target} does not exist; write it with `ratchet schema --output {target}`")
            sys.exit(EXIT_CHECK_FAILED)
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read {target}: {exc}") from None
        if committed == text:
            click.echo(f"{target} matches the database schema")
            return
        import difflib

        lines = difflib.unified_diff(
            committed.splitlines(keepends=True), text.splitlines(keepends=True), str(target), "database"
        )
        click.echo("".join(lines), nl=False)
        click.echo(f"{target} differs from the database schema; run `ratchet migrate` or `ratchet schema -o {target}`")
        sys.exit(EXIT_CHECK_FAILED)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror}") from None


@main.group()
def settings() -> None:
    """Read and write the system_settings key/value table."""


@settings.command("get")
@common_options
@click.argument("key")
@handles_errors
def settings_get(database: str | None, migrations: str | None, key: str) -> None:
    """Print KEY's value (exit 1 when unset)."""
    from ratchet import api

    config = resolve(database, migrations)
    value = api.get_system_setting(config.database, key, config=config)
    if value is None:
        click.echo(f"ratchet: {key} is not set", err=True)
        sys.exit(EXIT_CHECK_FAILED)
    click.echo(value)


@settings.command("set")
@common_options
@click.argument("key")
@click.argument("value")
@handles_errors
def settings_set(database: str | None, migrations: str | None, key: str, value: str) -> None:
    """Set KEY to VALUE (db_version is read-only)."""
    from ratchet import api

    config = resolve(database, migrations)
    api.set_system_setting(config.database, key, value, config=config)


@settings.command("list")
@common_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handles_errors
def settings_list(database: str | None, migrations: str | None, as_json: bool) -> None:
    """List every setting."""
    from ratchet import api

    config = resolve(database, migrations)
    values = api.list_system_settings(config.database, config=config)
    if as_json:
        emit_json(values)
        return
    width = max((len(k) for k in values), default=3)
    for key, value in values.items():
        click.echo(f"{key:<{width}}  {value}")


def _git_changed(base: str) -> set[Path]:
    """Files added or changed since git ``base`` (committed, staged, unstaged or untracked)."""
    import subprocess  # only --git-base needs it: 10.2M instructions, 2.4% of importing ratchet.cli

    commands = [
        ["git", "diff", "--name-only", "--diff-filter=ACMR", base],
        ["git", "ls-files", "--others", "--exclude-standard"],
    ]
    root_command = ["git", "rev-parse", "--show-toplevel"]
    try:
        root = Path(subprocess.run(root_command, capture_output=True, text=True, check=True).stdout.strip())
        changed: set[Path] = set()
        for command in commands:
            done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=root)
            changed.update((root / line).resolve() for line in done.stdout.splitlines() if line)
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = exc.stderr.strip() if isinstance(exc, subprocess.CalledProcessError) else str(exc)
        raise UsageError(
            f"--git-base {base}: git failed: {detail}", hint="run inside a git checkout with REF"
        ) from None
    return changed


@main.command("lint", epilog=help_epilog())
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@declared(commandline.LINT)
@handles_errors
def lint_command(
    paths: tuple[Path, ...],
    migrations: str | None,
    database: str | None,
    output_format: str,
    dialect: str | None,
    strict: bool,
    since: str | None,
    git_base: str | None,
    include_all: bool,
    jobs: int,
) -> None:
    """Check migration files against the additive-only rules; needs no database.

    Exit 0 when clean, 1 on findings (errors; warnings too with --strict), 2 on a usage
    error, 3 when a file is unreadable or invalid.
    """
    from ratchet.launch import use_colour
    from ratchet.quicklint import outcome

    config = resolve(database, migrations)
    only = _git_changed(git_base) if git_base else None
    output, errors, code = outcome(
        list(paths),
        config,
        output_format=output_format,
        dialect=dialect,
        strict=strict,
        since=since,
        include_all=include_all,
        only=only,
        jobs=jobs,
        colour=use_colour(),
    )
    click.echo(output, nl=False)
    if errors:
        click.echo(errors, nl=False, err=True)
    if code:
        sys.exit(code)


def _attach_examples(group: click.Group, prefix: str = "") -> None:
    """End every command's ``--help`` with its examples (``lint`` keeps its rule list after them)."""
    for name, command in group.commands.items():
        path = f"{prefix}{name}"
        command.epilog = "\n\n".join(part for part in (helptext.examples(path), command.epilog) if part)
        if isinstance(command, click.Group):
            _attach_examples(command, f"{path} ")


_attach_examples(main)


def run() -> None:
    """Console-script entry point."""
    main(prog_name="ratchet")


if __name__ == "__main__":  # pragma: no cover
    run()
