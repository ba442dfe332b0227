"""sqlparse's statements of a PostgreSQL file without sqlparse: from one pglast parse and scan (C).

``ratchet lint`` needs, for each file, the statements ratchet would send (``split_statements``,
sqlparse's splitter) and whether PostgreSQL reads the same ones (``splitcheck``). sqlparse's
splitter costs ten times PostgreSQL's parse and scan together. For most files both questions are
answered by the parse and the scan alone, when the text avoids everything that could make
sqlparse's reading differ from PostgreSQL's (``_RISKY``):

- sqlparse's lexer and PostgreSQL's scanner then agree on which characters are strings, quoted
  names and ``--`` comments: without a backslash, ``'...'`` and ``"..."`` (doubled quotes
  inside) are the same tokens for both; without ``$``, ``/*``, ``#``, backticks, acute accents (U+00B4) or a
  ``[`` that sqlparse would read as a bracketed name, no other token of sqlparse's can hold a
  quote, a ``--`` or a ``;``, except its ``AT TIME ZONE '...'`` token, whose string differs only
  with a doubled quote in it (``zone '...''``), and an operator run like ``+--`` that swallows a
  comment start (``[+/@%^&|]-``). Control characters and non-ASCII white space, which only
  sqlparse counts as blanks, are excluded too.
- sqlparse's splitter then ends a statement at every ``;`` outside parentheses: without the
  words ``BEGIN``, ``DECLARE`` and ``GO`` only parentheses and ``END`` move its level, and
  ``END`` only lowers it (``_change_splitlevel``), so a ``;`` with balanced parentheses before
  it always ends a statement.
- PostgreSQL's scanner pieces (the text between ``;`` tokens) must be exactly the parser's
  statements, each starting at the parser's location: a ``;`` inside a statement (a ``CREATE
  RULE`` action list) makes a piece start inside a statement, and the file goes the slow way.
  So every ``;`` ends a statement for PostgreSQL, its parentheses are balanced there, and
  sqlparse ends a statement there too: both read the same statements, with the same first and
  last non-blank character (the same comments and blanks around them).

Anything else (a syntax error included) returns ``None`` and the caller runs sqlparse and the
split check. The argument rests on sqlparse's lexer rules and splitter as of ``_PROVEN_ON``;
``tests/lint/test_pg_fastsplit_differential.py`` checks the statements identical to
``split_statements`` on every corpus of the test suite, the bench corpora and generated files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pglast import parser as pg_parser

from ratchet.linter.postgres.parse import Offsets, Parsed, SyntaxProblem, parse
from ratchet.split import Statement

#: sqlparse versions whose lexer rules and splitter the argument above was checked against.
_PROVEN_ON = frozenset({"0.6.1"})
_RISKY = re.compile(
    r"[\\$`#\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00b4]|/\*|\[[^\]]|[+/@%^&|]-|(?=\s)[^\x00-\x7f]"
    r"|(?i:\b(?:begin|declare|go)\b|zone\s+'[^']*''|with')"
)
_SEMICOLON = "ASCII_59"
_COMMENTS = frozenset({"SQL_COMMENT", "C_COMMENT"})


@dataclass(frozen=True)
class FastSplit:
    """A file's statements as ``split_statements`` makes them, and pglast's parse of the file."""

    statements: list[Statement]
    parsed: list[Parsed]
    offsets: Offsets


def _proven() -> bool:
    """Whether sqlparse is a version the argument holds for, with its default lexer rules."""
    import sqlparse
    from sqlparse import keywords
    from sqlparse.lexer import Lexer

    if sqlparse.__version__ not in _PROVEN_ON:
        return False
    lexer = Lexer._default_instance
    if lexer is None:
        return True
    return [(rx.__self__.pattern, action) for rx, action in lexer._SQL_REGEX] == list(keywords.SQL_REGEX)


def fast_split(text: str) -> FastSplit | None:
    """The statements of ``text`` (equal to ``split_statements(text)``) and its parse, when
    PostgreSQL provably reads the same statements as sqlparse; ``None`` otherwise."""
    if _RISKY.search(text) is not None or not _proven():
        return None
    try:
        parsed, offsets = parse(text)
        tokens = pg_parser.scan(text)
    except (SyntaxProblem, pg_parser.ParseError):
        return None
    spans: list[tuple[int, int]] = []
    first = last = -1
    for token in tokens:
        name = token.name
        if name == _SEMICOLON:
            if first >= 0:
                spans.append((first, last))
                first = -1
        elif name not in _COMMENTS:
            if first < 0:
                first = token.start
            last = token.end + 1  # pglast's token ends are inclusive
    if first >= 0:
        spans.append((first, last))
    if len(spans) != len(parsed):
        return None
    char = offsets.char
    statements: list[Statement] = []
    line, line_start, counted = 1, 0, 0
    for (start, stop), item in zip(spans, parsed, strict=True):
        start, stop = char(start), char(stop)
        if start != item.offset:
            return None
        newlines = text.count("\n", counted, start)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", counted, start) + 1
        counted = start
        # held None: tokens are lexed from the SQL on demand, as in the file (no $ or /* spans).
        statements.append(Statement(len(statements) + 1, line, start - line_start + 1, text[start:stop], None, start))
    return FastSplit(statements, parsed, offsets)
