"""ratchet: a plain-SQL migration runner with semver ordering and an additive-only lint."""

from ratchet.api import (
    MigrateReport,
    StatusReport,
    get_system_setting,
    lint,
    list_system_settings,
    migrate,
    repair,
    set_system_setting,
    status,
    wait,
)
from ratchet.errors import RatchetError

__all__ = [
    "MigrateReport",
    "RatchetError",
    "StatusReport",
    "get_system_setting",
    "lint",
    "list_system_settings",
    "migrate",
    "repair",
    "set_system_setting",
    "status",
    "wait",
]
__version__ = "0.1.0"
