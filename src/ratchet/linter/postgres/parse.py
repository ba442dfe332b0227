"""Parse PostgreSQL with pglast (PostgreSQL's own parser) into plain JSON trees.

pglast's JSON output is used rather than its Python node objects: building the objects
costs about thirty times the parse itself. The JSON locations are UTF-8 byte offsets; they
are turned into character offsets here, so callers only ever see characters.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import Any, NamedTuple

from ratchet.pgparser import parser

Node = dict[str, Any]
#: The JSON decoder without ``json.loads``'s checks around it (for pglast's output, always one
#: JSON document with nothing around it): a tenth of decoding a small tree.
_decode = json.JSONDecoder().raw_decode
#: Texts longer than this (in characters) are parsed one statement at a time, never whole: a parse's
#: JSON trees take about fifty times the text's size while they are alive (a 20 MB seed file would
#: need gigabytes), one statement's only its own. Measured on INSERT files, the statement-at-a-time
#: lint is as fast from about 64 KiB and faster above (the whole tree's decoding and collection cost
#: more than the split); the size at which ``prepare`` stops splitting by the parse too.
WHOLE_PARSE_MAX_CHARS = 1 << 18
_CHUNK_CHARS = 1 << 16  # how much of such a text PostgreSQL's parser reads at once (see statement_extents)


class SyntaxProblem(Exception):
    """pglast rejected the text: the parser's message and the 0-based character offset."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


class Parsed(NamedTuple):
    """One parsed statement: its node type, its node, and where it starts in the parsed text."""

    kind: str
    node: Node
    offset: int
    length: int | None


class Offsets:
    """Map UTF-8 byte offsets of a text to character offsets (the identity for ASCII text)."""

    def __init__(self, text: str) -> None:
        self.ascii = text.isascii()
        self.starts: list[int] = []
        if not self.ascii:
            position = 0
            for character in text:
                self.starts.append(position)
                position += len(character.encode("utf-8"))
            self.starts.append(position)

    def char(self, byte_offset: int) -> int:
        """The character offset of ``byte_offset``."""
        if self.ascii:
            return byte_offset
        return bisect_left(self.starts, byte_offset)

    def byte(self, char_offset: int) -> int:
        """The UTF-8 byte offset of ``char_offset``."""
        if self.ascii:
            return char_offset
        return self.starts[min(char_offset, len(self.starts) - 1)]


def parse(text: str) -> tuple[list[Parsed], Offsets]:
    """Every statement of ``text``; raises :class:`SyntaxProblem` if pglast rejects it."""
    try:
        tree = _decode(parser.parse_sql_json(text))[0]
    except parser.ParseError as exc:
        message = str(exc.args[0]) if exc.args else str(exc)
        location = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], int) else None
        raise SyntaxProblem(message, first_text(text) if location is None else location) from None
    offsets = Offsets(text)
    out: list[Parsed] = []
    for raw in tree.get("stmts", []):
        statement: Node = raw.get("stmt", {})
        if not statement:
            continue
        (kind, node), *_ = statement.items()
        start = offsets.char(raw.get("stmt_location", 0))
        length = raw.get("stmt_len")
        out.append(Parsed(kind, node, start, length))
    return out, offsets


class PlacedOffsets(Offsets):
    """The offsets of a statement parsed alone, placed in its file: ``char`` maps a byte offset
    into the statement's text to a character offset in the file (``byte`` is its inverse)."""

    def __init__(self, alone: Offsets, char_base: int) -> None:
        self.ascii = alone.ascii
        self.starts = alone.starts
        self.char_base = char_base

    def char(self, byte_offset: int) -> int:
        """The file character offset of ``byte_offset`` (bytes into the statement's text)."""
        return self.char_base + super().char(byte_offset)

    def byte(self, char_offset: int) -> int:
        """The byte offset into the statement's text of the file character offset ``char_offset``."""
        return super().byte(char_offset - self.char_base)


def statement_extents(text: str) -> list[tuple[int, int]]:
    """Where each statement of ``text`` stands as :func:`parse` places it: from its first token to its
    ending ``;`` (or the end of the text), found by PostgreSQL's parser without building any tree in
    Python; raises :class:`SyntaxProblem` if pglast rejects the text.

    The parser's own trees (in C) take about ten times the text's size: it reads the text in chunks
    that end at a ``;`` ending a line. A chunk that ends inside a statement, a string or a comment
    fails at its very end (the parser rejects no prefix of a valid text earlier): that chunk is read
    again, longer. Any other failure is the text's own syntax error."""
    extents: list[tuple[int, int]] = []
    start, size = 0, _CHUNK_CHARS
    while start < len(text):
        cut = text.find(";\n", start + size)
        cut = len(text) if cut < 0 else cut + 2
        try:
            slices = parser.split(text[start:cut], with_parser=True, only_slices=True)
        except parser.ParseError as exc:
            message = str(exc.args[0]) if exc.args else str(exc)
            location = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], int) else None
            if cut < len(text) and (location is None or message.startswith("unterminated")):
                size *= 2
                continue
            raise SyntaxProblem(message, first_text(text) if location is None else start + location) from None
        # PostgreSQL places a statement at its first token and ends it at its ';' (or the end of the
        # text); pglast strips white space (only white space) from that: what it strips after one
        # precedes its ';'.
        extents += [(start + piece.start, first_text(text, start + piece.stop)) for piece in slices]
        start, size = cut, _CHUNK_CHARS
    return extents


def parse_each(text: str, extents: list[tuple[int, int]]) -> Iterator[tuple[Parsed, int, Offsets]]:
    """Each statement of :func:`statement_extents` parsed alone, as it is asked for (so only one
    statement's tree is alive at a time), with where it ends and the offsets that place its node
    locations in ``text``: the same nodes and places as :func:`parse` of the whole text."""
    for start, end in extents:
        (item, *_), alone = parse(text[start:end])
        yield Parsed(item.kind, item.node, start, None), end, PlacedOffsets(alone, start)


def parse_body(text: str) -> list[Node]:
    """The PL/pgSQL tree of a ``DO`` statement (pglast's raw structures)."""
    try:
        result: list[Node] = _decode(parser.parse_plpgsql_json(text))[0]
    except parser.ParseError as exc:
        message = str(exc.args[0]) if exc.args else str(exc)
        raise SyntaxProblem(message, -1) from None
    return result


_BLANK = re.compile(r"\s*")  # \s is what str.isspace() (and so str.lstrip()) takes for white space


def first_text(text: str, start: int = 0) -> int:
    """The offset of the first character at or after ``start`` that is not white space
    (``len(text)`` when there is none), without copying the text."""
    match = _BLANK.match(text, start)
    return start if match is None else match.end()


def walk(node: Any) -> Any:
    """Every dict inside ``node`` (depth first), ``node`` itself included."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def strings(items: list[Node] | None) -> list[str]:
    """The ``sval`` of a list of ``String`` nodes (a qualified name)."""
    return [item["String"]["sval"] for item in items or () if "String" in item]
