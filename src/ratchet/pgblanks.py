"""Where PostgreSQL's blanks end: white space and comments, which nest in PostgreSQL.

Its own module so that the PostgreSQL lint's fast split (``linter.postgres.fastsplit``) needs
nothing else of the split check (``splitcheck``).
"""

from __future__ import annotations

import re

_WHITESPACE = re.compile(r"\s*")


def skip_space(text: str, position: int) -> int:
    """The first position at or after ``position`` that is not white space."""
    match = _WHITESPACE.match(text, position)
    return position if match is None else match.end()


def skip_postgres_blanks(text: str, position: int) -> int:
    """The first position at or after ``position`` outside white space and comments, which
    nest in PostgreSQL."""
    while True:
        position = skip_space(text, position)
        if text.startswith("--", position):
            newline = text.find("\n", position)
            position = len(text) if newline < 0 else newline + 1
        elif text.startswith("/*", position):
            depth, position = 1, position + 2
            while depth and position < len(text):
                opening, closing = text.find("/*", position), text.find("*/", position)
                if closing < 0:
                    return len(text)
                if 0 <= opening < closing:
                    depth, position = depth + 1, opening + 2
                else:
                    depth, position = depth - 1, closing + 2
        else:
            return position
