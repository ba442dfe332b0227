"""The additive-only lint: classify each statement, apply the rules.

The names below load on first use: the lint needs sqlparse, which a no-op ``migrate``
never imports even though the CLI imports ``ratchet.linter.formats`` for its options.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ratchet.linter.engine import Finding, LintReport, lint_file
    from ratchet.linter.rules import RULES, Rule
    from ratchet.linter.run import lint_paths, lint_prepared

_HOMES = {
    "Finding": "ratchet.linter.engine",
    "LintReport": "ratchet.linter.engine",
    "lint_file": "ratchet.linter.engine",
    "RULES": "ratchet.linter.rules",
    "Rule": "ratchet.linter.rules",
    "lint_paths": "ratchet.linter.run",
    "lint_prepared": "ratchet.linter.run",
}
__all__ = ["RULES", "Finding", "LintReport", "Rule", "lint_file", "lint_paths", "lint_prepared"]


def __getattr__(name: str) -> Any:
    """Import a public name's module when the name is first used."""
    if name not in _HOMES:
        raise AttributeError(f"module 'ratchet.linter' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
