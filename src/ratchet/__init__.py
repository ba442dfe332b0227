"""ratchet: a plain-SQL migration runner with semver ordering and an additive-only lint."""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # not typing's: importing typing costs the console script's no-op check
if TYPE_CHECKING:
    from typing import Any

    from ratchet.api import (
        DiffReport,
        MigrateReport,
        StatusReport,
        diff,
        get_system_setting,
        lint,
        list_system_settings,
        migrate,
        repair,
        schema,
        set_system_setting,
        status,
        wait,
    )
    from ratchet.errors import (
        ConnectionFailedError,
        DatabaseError,
        DriftError,
        DriverError,
        GuardFailedError,
        LintFailed,
        LockTimeoutError,
        MigrationFileError,
        MissingDriverError,
        RatchetError,
        RefusedError,
        SettingsError,
        StatementFailedError,
        UsageError,
    )

#: The API and the error classes users catch (the tree is drawn in :mod:`ratchet.errors`).
__all__ = [
    "ConnectionFailedError",
    "DatabaseError",
    "DiffReport",
    "DriftError",
    "DriverError",
    "GuardFailedError",
    "LintFailed",
    "LockTimeoutError",
    "MigrateReport",
    "MigrationFileError",
    "MissingDriverError",
    "RatchetError",
    "RefusedError",
    "SettingsError",
    "StatementFailedError",
    "StatusReport",
    "UsageError",
    "diff",
    "get_system_setting",
    "lint",
    "list_system_settings",
    "migrate",
    "repair",
    "schema",
    "set_system_setting",
    "status",
    "wait",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """The public API, imported on first use: the console script's no-op check
    (``ratchet.uptodate``) must not pay for importing all of ratchet."""
    if name not in __all__:
        raise AttributeError(f"module 'ratchet' has no attribute {name!r}")
    errors = importlib.import_module("ratchet.errors")
    value = getattr(errors, name) if hasattr(errors, name) else getattr(importlib.import_module("ratchet.api"), name)
    globals()[name] = value
    return value
