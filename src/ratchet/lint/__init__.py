"""The additive-only lint (SPEC section 3): classify each statement, apply the rules."""

from ratchet.lint.engine import Finding, LintReport, lint_file
from ratchet.lint.rules import RULES, Rule
from ratchet.lint.run import lint_paths, lint_prepared

__all__ = ["RULES", "Finding", "LintReport", "Rule", "lint_file", "lint_paths", "lint_prepared"]
