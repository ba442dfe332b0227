"""Progress callbacks of a run (``Events``): the CLI prints them, the API's default ignores them.

Its own module, apart from the runner, so that the CLI can define its printer without importing
the runner and the database machinery on every command (``ratchet lint`` needs none of it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ratchet.prepare import PreparedFile
    from ratchet.runner import FileResult, RepeatableResult


class Events:
    """Progress callbacks; the CLI subclasses this to print. The defaults do nothing."""

    def file_started(self, prepared: PreparedFile) -> None:
        """A file is about to run."""

    def statement_done(self, prepared: PreparedFile, number: int) -> None:
        """Statement ``number`` (1-based) of the file has run."""

    def file_finished(self, result: FileResult) -> None:
        """A file is done (applied, skipped, or found already applied by another runner)."""

    def notice(self, message: str) -> None:
        """A warning the user must see even if the run then fails (``--no-lint``)."""

    def caution(self, message: str) -> None:
        """A warning worth reading before files run that ``--quiet`` hides (MySQL cannot roll back DDL)."""

    def repeatable_finished(self, result: RepeatableResult) -> None:
        """A repeatable file is done (applied, skipped, or found applied by another runner)."""
