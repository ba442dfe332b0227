"""Parse PostgreSQL with pglast (PostgreSQL's own parser) into plain JSON trees.

pglast's JSON output is used rather than its Python node objects: building the objects
costs about thirty times the parse itself. The JSON locations are UTF-8 byte offsets; they
are turned into character offsets here, so callers only ever see characters.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from typing import Any, NamedTuple

from ratchet.pgparser import parser

Node = dict[str, Any]
#: The JSON decoder without ``json.loads``'s checks around it (for pglast's output, always one
#: JSON document with nothing around it): a tenth of decoding a small tree.
_decode = json.JSONDecoder().raw_decode


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
