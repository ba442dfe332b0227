"""ratchet: a plain-SQL migration runner with semver ordering and an additive-only lint."""

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
from ratchet.errors import RatchetError

__all__ = [
    "DiffReport",
    "MigrateReport",
    "RatchetError",
    "StatusReport",
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
