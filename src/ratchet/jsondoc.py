"""The JSON shapes of ``--json`` output that are not a lint report: versions and failures."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ratchet.errors import LintFailed, MigrationFileError, RatchetError, StatementFailedError
from ratchet.urls import mask_password

if TYPE_CHECKING:
    from packaging.version import Version

    from ratchet.backends.base import Server


def json_version(version: Version | None) -> str | None:
    """A version for JSON: ``"1.2.0"``, or ``null`` when there is none."""
    return str(version) if version is not None else None


def engine_fields(server: Server | None) -> dict[str, str | None]:
    """The engine and version a command ran on, for its JSON report."""
    return {"engine": server.engine if server else None, "engine_version": server.version if server else None}


def error_json(error: RatchetError) -> dict[str, Any]:
    """The JSON document of a failed command: the message, the exit code, and where it failed."""
    document: dict[str, Any] = {
        "ok": False,
        "exit_code": error.exit_code,
        "error": mask_password(error.message),
        "hint": mask_password(error.hint) if error.hint else None,
    }
    if isinstance(error, StatementFailedError):
        document["failure"] = {
            "file": str(error.path),
            "version": error.version,
            "line": error.line,
            "statement_number": error.statement_number,
            "sql": mask_password(error.sql),
            "db_message": mask_password(error.db_message),
            "rolled_back": error.rolled_back,
            "outcome": error.outcome,
        }
    if isinstance(error, LintFailed):
        document["findings"] = [
            finding.as_dict() if hasattr(finding, "as_dict") else str(finding) for finding in error.findings
        ]
    if isinstance(error, MigrationFileError):
        document["problems"] = [
            {"file": str(p.path), "line": p.line, "column": p.column, "rule": p.rule, "message": p.message}
            for p in error.problems
        ]
    return document
