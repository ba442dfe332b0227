"""Patterns compiled on first use (``ratchet.lazyre``): the same answers as ``re.compile``'s, and a
plain PostgreSQL lint compiles none of those it never uses."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from conftest import Project
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


PROBE = """
import json, sys
from ratchet.launch import run
from ratchet.lazyre import LazyPattern
sys.argv = ["ratchet", *sys.argv[1:]]
try:
    run()
except SystemExit:
    pass
compiled = sorted(
    f"{name}.{attribute}"
    for name, module in list(sys.modules.items())
    if name.startswith("ratchet")
    for attribute, value in vars(module).items()
    if isinstance(value, LazyPattern) and value._compiled is not None
)
waiting = sum(
    isinstance(value, LazyPattern)
    for name, module in list(sys.modules.items())
    if name.startswith("ratchet")
    for value in vars(module).values()
)
sys.stderr.write("\\nPATTERNS " + json.dumps([compiled, waiting]) + "\\n")
"""


def test_a_plain_postgresql_lint_compiles_none_of_the_patterns_it_does_not_use(project: Project) -> None:
    project.write("1.0.0__orders.sql", "-- orders\nCREATE TABLE orders (id bigint PRIMARY KEY, note text);\n")
    project.write("1.1.0__index.sql", "CREATE INDEX orders_note ON orders (note);\n")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "lint", "--dialect", "postgresql", "--format", "json", "migrations"],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    marker = done.stderr.rindex("PATTERNS ")
    compiled, waiting = json.loads(done.stderr[marker + len("PATTERNS ") :])
    assert compiled == []
    # the guard header's, the file names' advice, the non-ASCII blanks', the SQLite history's ...
    assert waiting >= 15
