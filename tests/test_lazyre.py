"""Patterns compiled on first use (``ratchet.lazyre``): the same answers as ``re.compile``'s (that a
plain PostgreSQL lint compiles none of those it never uses: ``tests/lint/test_lint_imports.py``)."""

from __future__ import annotations

import re

from ratchet.lazyre import LazyPattern


def test_every_method_answers_as_the_compiled_pattern() -> None:
    source, flags = r"(?P<word>[a-z]+)_(\d+)", re.IGNORECASE
    lazy, compiled = LazyPattern(source, flags), re.compile(source, flags)
    text = "Orders_12 and items_3, not _4"

    def spans(match: re.Match[str] | None) -> tuple[int, int] | None:
        return None if match is None else match.span()

    assert spans(lazy.match(text)) == spans(compiled.match(text)) == (0, 9)
    assert spans(lazy.match(text, 14)) == spans(compiled.match(text, 14))
    assert spans(lazy.search(text, 1)) == spans(compiled.search(text, 1))
    assert spans(lazy.search(text, 0, 12)) == spans(compiled.search(text, 0, 12))
    assert spans(lazy.fullmatch("Items_7")) == spans(compiled.fullmatch("Items_7"))
    assert lazy.fullmatch(text) is None
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.findall(text) == compiled.findall(text)
    assert lazy.sub("x", text) == compiled.sub("x", text)
    assert lazy.sub(lambda m: m["word"].upper(), text, 1) == compiled.sub(lambda m: m["word"].upper(), text, 1)
    assert lazy.compiled is lazy.compiled  # compiled once


def test_bytes_patterns_answer_as_compiled_ones() -> None:
    lazy, compiled = LazyPattern(rb"[ \t]+(?=\n)"), re.compile(rb"[ \t]+(?=\n)")
    data = b"a  \nb\t\nc"
    assert lazy.sub(b"", data) == compiled.sub(b"", data) == b"a\nb\nc"
