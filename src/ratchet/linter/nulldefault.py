"""What a column's ``DEFAULT`` text folds to without running anything: a NULL default is no
default at all, and SQLite adds a column to a table with rows only when its default is such a
constant. The one reader of these defaults, for the word classifier and the replayed catalog."""

from __future__ import annotations

import re

_CAST = re.compile(r"CAST\s*\(", re.IGNORECASE)
_AS = re.compile(r"\bAS\b", re.IGNORECASE)
#: A literal as SQLite reads one: a number (decimal, with a fraction or an exponent, or
#: hexadecimal), a string, a blob (the word classifier's text has a blank after its ``X``), NULL,
#: TRUE or FALSE.
_LITERAL = re.compile(
    r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:E[+-]?[0-9]+)?|0X[0-9A-F]+|'(?:[^']|'')*'|X ?'[0-9A-F]*'|NULL|TRUE|FALSE",
    re.IGNORECASE,
)


def _closing(text: str, opening: int) -> int:
    """The index of the parenthesis that closes the one at ``opening`` (-1 when none does);
    parentheses inside quotes do not count."""
    depth = 0
    quote = ""
    for at in range(opening, len(text)):
        char = text[at]
        if quote:
            quote = "" if char == quote else quote  # a doubled quote closes and opens again
        elif char in "'\"`":
            quote = char
        else:
            depth += (char == "(") - (char == ")")
            if depth == 0:
                return at
    return -1


def _unwrapped(text: str) -> str:
    """``text`` without blanks around it and without parentheses around the whole of it."""
    text = text.strip()
    while text.startswith("(") and _closing(text, 0) == len(text) - 1:
        text = text[1:-1].strip()
    return text


def folded_literal(default: str) -> str | None:
    """The literal ``default`` folds to without running anything, upper-cased: a literal in any
    parentheses, signed or not, or the ``CAST`` of one (``CAST(0 AS INTEGER)``, ``-NULL``,
    ``(- NULL)``: a sign or a cast of NULL is NULL); ``None`` for anything else (an expression,
    a name, a function call)."""
    text = _unwrapped(default)
    if text[:1] in ("-", "+"):
        return folded_literal(text[1:])
    cast = _CAST.match(text)
    if cast is not None:
        if _closing(text, cast.end() - 1) != len(text) - 1:
            return None
        inner = text[cast.end() : -1]
        splits = [m.start() for m in _AS.finditer(inner)]
        return folded_literal(inner[: splits[-1]]) if splits else None
    return text.upper() if _LITERAL.fullmatch(text) else None


def folds_to_null(default: str) -> bool:
    """Whether ``default`` is NULL once folded: the NULL literal, signed, cast or in parentheses
    (SQLite stores ``CAST(NULL AS INTEGER)`` as the default of a NOT NULL column it adds)."""
    return folded_literal(default) == "NULL"


def null_literal(default: str) -> bool:
    """Whether ``default`` is the NULL literal as SQLite's ``DEFAULT`` reads it, in any parentheses
    (``NULL``, ``(NULL)``) or after the ``+`` its grammar drops (``DEFAULT +NULL``); a minus sign or
    a ``CAST`` makes an expression, which is not the literal."""
    text = default.strip()
    if text[:1] == "+":
        text = text[1:]
    return _unwrapped(text).upper() == "NULL"
