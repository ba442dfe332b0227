"""The exception tree and the exit code each kind of failure maps to.

Every expected failure is a :class:`RatchetError`; the CLI turns it into a message (with its
``hint``) and exits with its ``exit_code``. Nothing else in the package prints or exits.
Catch a branch to handle a kind of failure, or :class:`RatchetError` for all of them::

    RatchetError                 exit 1  base of every expected failure
    ├── UsageError               exit 2  bad option, setting, URL or argument; nothing touched
    │   ├── MissingDriverError           the driver for the URL's database is not installed
    │   └── SettingsError                a system setting's key or value is refused
    ├── MigrationFileError       exit 3  invalid migration files; ``problems`` lists them all
    ├── LintFailed               exit 1  unwaived lint findings; ``findings`` holds them
    ├── RefusedError             exit 4  the database's state forbids the run; nothing changed
    │   ├── LockTimeoutError             another runner held the migration lock too long
    │   ├── GuardFailedError             a ``-- guard: require`` query did not hold
    │   └── DriftError                   files and history disagree (edited, missing, ...)
    └── DatabaseError            exit 5  the database failed
        ├── ConnectionFailedError        it could not be reached or refused the credentials
        ├── DriverError                  the driver raised; ``db_message`` is its own words
        └── StatementFailedError         a migration statement failed (file, line, SQL)

"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar, NamedTuple

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2
EXIT_INVALID_FILES = 3
EXIT_REFUSED = 4
EXIT_DATABASE = 5


class RatchetError(Exception):
    """Base of every expected ratchet failure; ``exit_code`` is what the CLI exits with."""

    exit_code: ClassVar[int] = EXIT_CHECK_FAILED

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n  hint: {self.hint}"


class UsageError(RatchetError):
    """A bad option, setting, URL or argument; nothing was touched."""

    exit_code = EXIT_USAGE


class MissingDriverError(UsageError):
    """The database driver for a URL's scheme is not installed."""


class SettingsError(UsageError):
    """A system setting key or value is not acceptable (read-only key, NUL byte, too long)."""


class FileProblem(NamedTuple):
    """One thing wrong with one migration file, located as precisely as known."""

    path: Path
    message: str
    line: int | None = None
    column: int | None = None
    rule: str | None = None

    def location(self) -> str:
        """``path:line:col`` (line and column only when known)."""
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        rule = f" [{self.rule}]" if self.rule else ""
        return f"{self.location()}: {self.message}{rule}"


class MigrationFileError(RatchetError):
    """One or more migration files are invalid; every problem found is listed."""

    exit_code = EXIT_INVALID_FILES

    def __init__(self, problems: list[FileProblem], *, hint: str | None = None) -> None:
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{count} {noun} in migration files:"] + [f"  {p}" for p in problems]
        super().__init__("\n".join(lines), hint=hint)
        self.problems = problems


class LintFailed(RatchetError):
    """Unwaived lint findings; ``findings`` holds them (objects of :mod:`ratchet.lint`)."""

    exit_code = EXIT_CHECK_FAILED

    def __init__(self, message: str, *, hint: str | None = None, findings: Sequence[object] | None = None) -> None:
        super().__init__(message, hint=hint)
        self.findings = list(findings or [])


class RefusedError(RatchetError):
    """The database's state forbids the run; nothing was changed."""

    exit_code = EXIT_REFUSED


class LockTimeoutError(RefusedError):
    """Another runner held the migration lock for longer than the lock timeout."""


class GuardFailedError(RefusedError):
    """A ``-- guard: require`` precondition was not met; the file was rolled back."""


class DriftError(RefusedError):
    """Files and history disagree (changed checksum, missing file, out-of-order, repair needed)."""


class DatabaseError(RatchetError):
    """The database failed: connection, authentication, or a statement."""

    exit_code = EXIT_DATABASE


class ConnectionFailedError(DatabaseError):
    """The database could not be reached or refused the credentials."""


class DriverError(DatabaseError):
    """A database driver raised; ``db_message`` is the database's own words. ``connection_lost``:
    the session is gone, so whether its last statement or COMMIT took effect is unknown;
    ``state``: what the backend knows better than the runner about the state left behind."""

    def __init__(
        self, db_message: str, *, hint: str | None = None, connection_lost: bool = False, state: str | None = None
    ) -> None:
        super().__init__(db_message, hint=hint)
        self.db_message = db_message
        self.connection_lost = connection_lost
        self.state = state


class StatementFailedError(DatabaseError):
    """A migration statement failed; the file was rolled back where the database allows."""

    def __init__(
        self,
        *,
        path: Path,
        version: str,
        statement_number: int,
        line: int,
        sql: str,
        db_message: str,
        rolled_back: bool,
        hint: str | None = None,
    ) -> None:
        outcome = (
            f"database left at the version before {version}" if rolled_back else "the database could not roll back"
        )
        super().__init__("", hint=hint)
        self.path = path
        self.version = version
        self.statement_number = statement_number
        self.line = line
        self.sql = sql
        self.db_message = db_message
        self.rolled_back = rolled_back
        self.set_outcome(outcome)

    def set_outcome(self, outcome: str) -> None:
        """Say what state the failure left the database in (last line of the message)."""
        shown_sql = self.sql if len(self.sql) <= 500 else self.sql[:500] + " ..."
        self.outcome = outcome
        self.message = (
            f"{self.path}:{self.line}: statement {self.statement_number} of {self.version} failed: "
            f"{self.db_message}\n  SQL: {shown_sql}\n  {outcome}"
        )
        self.args = (self.message,)
