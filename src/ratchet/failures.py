"""Failures outside a migration's own statements, told with their context: a
COMMIT that fails (a deferred constraint, a full disk, a read-only directory, a database file
deleted mid-run), a lost connection, progress that could not be recorded. Each message names
the file, the version and the statement, says what state the database is in, and what to do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ratchet.errors import DatabaseError, DriverError, StatementFailedError

if TYPE_CHECKING:  # annotations only: keeps sqlparse out of the imports of a no-op run
    from ratchet.prepare import PreparedFile
    from ratchet.statement import Statement


def _version(prepared: PreparedFile) -> str:
    return str(prepared.file.version)


def commit_failed(files: list[PreparedFile], exc: DriverError) -> DatabaseError:
    """The COMMIT of one file (or of ``--single-transaction``'s files) failed."""
    last = files[-1]
    statements = sum(len(p.statements) for p in files)
    if len(files) == 1:
        what = f"{last.file.path}: COMMIT of {_version(last)} failed, after its {statements} statement(s) ran"
        rolled_back = f"the file was rolled back: the database is at the version before {_version(last)}"
    else:
        versions = f"{_version(files[0])} ... {_version(last)}"
        what = f"{last.file.path}: COMMIT of the single transaction ({versions}) failed after {statements} statement(s)"
        rolled_back = "nothing was applied: the database is at the version before the run"
    if exc.state is not None:
        state = exc.state
    elif exc.connection_lost:
        state = "the connection was lost during COMMIT: whether it took effect is unknown"
    else:
        state = rolled_back
    hint = exc.hint or (
        "run `ratchet status` to see what is applied, then `ratchet migrate` again once the database is reachable"
        if exc.connection_lost
        else "fix the cause the database gives above (a deferred constraint, disk space, permissions), "
        "then run `ratchet migrate` again"
    )
    return DatabaseError(f"{what}: {exc.db_message}\n  {state}", hint=hint)


def bookkeeping_failed(prepared: PreparedFile, stage: str, exc: DriverError) -> DatabaseError:
    """A statement of ratchet's own (history row, ``db_version``, a session setting) failed
    inside the file's transaction, which was rolled back."""
    if exc.connection_lost:
        state = "the connection was lost: the open transaction is rolled back by the server"
        hint = "run `ratchet migrate` again once the database is reachable"
    else:
        state = f"the file was rolled back: the database is at the version before {_version(prepared)}"
        hint = "fix the cause the database gives above (disk space, permissions), then run `ratchet migrate` again"
    return DatabaseError(
        f"{prepared.file.path}: {_version(prepared)} failed {stage}: {exc.db_message}\n  {state}", hint=hint
    )


def _repair(prepared: PreparedFile, done: int) -> str:
    version = _version(prepared)
    return (
        f"check statement {done + 1} (it may have run); then `ratchet repair {version} --retry` runs "
        f"statements {done + 1} to {len(prepared.statements)}, or finish by hand and run "
        f"`ratchet repair {version} --mark-applied`"
    )


def progress_not_recorded(
    prepared: PreparedFile,
    statement: Statement,
    exc: DriverError,
    *,
    committed_alone: bool,
    group_start: Statement | None = None,
) -> DatabaseError:
    """Statement N of a file run step by step ran, but ``statements_done = N`` was not recorded.
    ``committed_alone``: the statement committed on its own before (else it shared the failed
    COMMIT with the counter, so it took effect only if that COMMIT did, and so did every statement
    of its group from ``group_start`` on)."""
    number = statement.number
    first = number if committed_alone or group_start is None else group_start.number
    done = first - 1
    if committed_alone:
        ran = f"statements 1-{number} have run"
    elif first == number:
        ran = f"statements 1-{done} have run; statement {number} took effect only if its COMMIT did"
    else:
        ran = f"statements 1-{done} have run; statements {first}-{number} took effect only if their COMMIT did"
    return DatabaseError(
        f"{prepared.file.path}:{statement.line}: statement {number} of {_version(prepared)} ran, "
        f"but recording its progress failed: {exc.db_message}\n"
        f"  {ran}; the history row says 'running' with statements_done = {done}",
        hint=_repair(prepared, done),
    )


def transaction_not_opened(prepared: PreparedFile, done: int, exc: DriverError) -> DatabaseError:
    """Statements 1 to ``done`` of a file run step by step ran and were counted, but the BEGIN of
    the next ones failed (and the next statement with it, so nothing more ran)."""
    return DatabaseError(
        f"{prepared.file.path}: {_version(prepared)} stopped after statement {done}: opening the transaction "
        f"of the next statements failed: {exc.db_message}\n"
        f"  statements 1-{done} have run; the history row says 'running' with statements_done = {done}",
        hint=_repair(prepared, done),
    )


def finish_not_recorded(prepared: PreparedFile, exc: DriverError) -> DatabaseError:
    """Every statement of a non-transactional file ran, but it was not recorded as applied."""
    count = len(prepared.statements)
    version = _version(prepared)
    return DatabaseError(
        f"{prepared.file.path}: all {count} statement(s) of {version} ran, but recording it as applied "
        f"failed: {exc.db_message}\n  the history row still says 'running'; db_version was not raised",
        hint=f"once the database is reachable, run `ratchet repair {version} --mark-applied`",
    )


def failure_not_recorded(
    failure: StatementFailedError, prepared: PreparedFile, done: int, exc: DriverError, *, row_maybe_lost: bool
) -> None:
    """The statement failed and marking the row ``failed`` failed too (the connection is gone):
    say so on the original failure, which is what the user must see. ``row_maybe_lost``: the
    ``running`` row was to be committed by the failed first statement's implicit commit (MySQL),
    which the server may not have reached."""
    if row_maybe_lost:
        version = _version(prepared)
        failure.message += (
            f"\n  the history row could not be marked failed ({exc.db_message}); it was to be committed by "
            "statement 1 itself, so it may not exist"
        )
        failure.hint = (
            f"see `ratchet status`: with no row for {version}, nothing of it ran and the next `ratchet migrate` "
            f"runs it again; with a 'running' row, {_repair(prepared, done)}"
        )
        return
    failure.message += (
        f"\n  the history row could not be marked failed ({exc.db_message}): it says 'running' with "
        f"statements_done = {done}"
    )
    failure.hint = _repair(prepared, done) if failure.hint is None or exc.connection_lost else failure.hint
