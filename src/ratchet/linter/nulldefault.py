"""Whether a column's ``DEFAULT`` text is NULL: a NULL default is no default at all."""

from __future__ import annotations

import re

_CAST = re.compile(r"CAST\s*\(", re.IGNORECASE)
_AS = re.compile(r"\bAS\b", re.IGNORECASE)


def _closing(text: str, opening: int) -> int:
    """The index of the parenthesis that closes the one at ``opening`` (-1 when none does)."""
    depth = 0
    for at in range(opening, len(text)):
        depth += (text[at] == "(") - (text[at] == ")")
        if depth == 0:
            return at
    return -1


def _unwrapped(text: str) -> str:
    """``text`` without blanks around it and without parentheses around the whole of it."""
    text = text.strip()
    while text.startswith("(") and _closing(text, 0) == len(text) - 1:
        text = text[1:-1].strip()
    return text


def null_literal(default: str) -> bool:
    """Whether ``default`` is the NULL literal, in any parentheses (``NULL``, ``(NULL)``)."""
    return _unwrapped(default).upper() == "NULL"


def folds_to_null(default: str) -> bool:
    """Whether ``default`` is NULL as SQLite folds it: the NULL literal or the ``CAST`` of one
    (``CAST(NULL AS INTEGER)``), which SQLite stores as the default of a NOT NULL column it adds."""
    text = _unwrapped(default)
    if text.upper() == "NULL":
        return True
    cast = _CAST.match(text)
    if cast is None or _closing(text, cast.end() - 1) != len(text) - 1:
        return False
    inner = text[cast.end() : -1]
    splits = [m.start() for m in _AS.finditer(inner)]
    return bool(splits) and folds_to_null(inner[: splits[-1]])
