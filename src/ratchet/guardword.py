"""Whether a file's text mentions ``guard`` at all: most files do not, and then their header is
empty without being parsed. No imports, so that the no-op quick path (:mod:`ratchet.uptodate`)
can use it as cheaply as :mod:`ratchet.headers`."""

from __future__ import annotations

#: Lower-cased a window at a time: never a copy of a whole large file (a regex with IGNORECASE
#: copies nothing but is about three times slower on bytes).
_WINDOW = 1 << 18


def mentions_guard(text: str | bytes) -> bool:
    """Whether ``text`` (or its UTF-8 bytes) holds ``guard`` in any case."""
    if len(text) <= _WINDOW:  # one window: most files
        return "guard" in text.lower() if isinstance(text, str) else b"guard" in text.lower()
    starts = range(0, len(text), _WINDOW)
    if isinstance(text, bytes):
        # find, not ``in``: ``bytes in bytes`` first tries the needle as an integer and formats the
        # TypeError it raises and drops, about 2,400 instructions each time (10% of a no-op run)
        return any(text[start : start + _WINDOW + 4].lower().find(b"guard") >= 0 for start in starts)
    return any("guard" in text[start : start + _WINDOW + 4].lower() for start in starts)
