"""sqlparse's statements of a PostgreSQL file without sqlparse: from one pglast parse and scan (C).

``ratchet lint`` needs, for each file, the statements ratchet would send (``split_statements``,
sqlparse's splitter) and whether PostgreSQL reads the same ones (``splitcheck``). sqlparse's
splitter costs ten times PostgreSQL's parse and scan together. For most files both questions are
answered by the parse and the scan alone, when the text avoids everything that could make
sqlparse's reading differ from PostgreSQL's (``_risks``):

- sqlparse's lexer and PostgreSQL's scanner then agree on which characters are strings, quoted
  names and ``--`` comments: without a backslash, ``'...'`` and ``"..."`` (doubled quotes
  inside) are the same tokens for both; without ``#``, backticks, acute accents (U+00B4) or a
  ``[`` that sqlparse would read as a bracketed name, no other token of sqlparse's can hold a
  quote, a ``--`` or a ``;``, except its ``AT TIME ZONE '...'`` token, whose string differs only
  with a doubled quote in it (``zone '...''``), and an operator run like ``+--`` or ``+/*`` that
  swallows a comment start (``[+/@%^&|]-``, ``[+/@%^&|-]/*``). Control characters and non-ASCII
  white space, which only sqlparse counts as blanks, are excluded too.
- Dollar quotes: a ``$tag$`` (tag: a letter or ``_``, then word characters) that sqlparse can
  open is one PostgreSQL opens where both lexers stand at a token start; both close it at the
  next ``$tag$`` spelled the same. PostgreSQL opens some that sqlparse does not (after ``"``,
  ``$`` or a word character; other tag characters): each of PostgreSQL's dollar-quoted strings
  must be one that sqlparse opens too.
- ``/* */`` comments: both close one at the first ``*/`` unless another ``/*`` opens inside it
  (PostgreSQL's comments nest, sqlparse's do not): each of PostgreSQL's must hold no ``/*``.
- Inside those strings and comments nothing above matters (both lexers read each as one token),
  so what ``_risks`` finds there (the ``BEGIN`` of a function body, a backslash) is ignored.
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
split check. The argument rests on sqlparse's lexer rules and splitter as of ``statement.PROVEN_ON``;
``tests/lint/test_pg_fastsplit_differential.py`` checks the statements identical to
``split_statements`` on every corpus of the test suite, the bench corpora and generated files.
"""

from __future__ import annotations

import re
import sys
from typing import NamedTuple

from ratchet import pgscan, statement
from ratchet.lazyre import LazyPattern
from ratchet.linter.postgres import parse as pg_parse
from ratchet.linter.postgres.parse import Offsets, Parsed, SyntaxProblem, parse
from ratchet.pgblanks import skip_postgres_blanks
from ratchet.pgparser import parser as pg_parser
from ratchet.statement import Statement

# What could make sqlparse read the text differently (see above), in three patterns that each start
# with a character class or literal, so that sre skips ahead to candidates without trying each position
# (an alternation gets that only when every branch starts with a literal: so the characters are one
# class first, then the branches of ``[...]|/\*|\[[^\]]|[+/@%^&|]-|[+/@%^&|-]/\*`` in that order, each
# looking back at the character taken; the same matches, five times faster).
_RISKY_CHARACTERS = re.compile(
    r"[\\`#\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00b4/\[+@%^&|-]"
    r"(?:(?<=[\\`#\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00b4])|(?<=/)\*|(?<=\[)[^\]]|(?<=[+/@%^&|])-|(?<=[+/@%^&|-])/\*)"
)
_RISKY_WHITE_SPACE = LazyPattern(r"[^\S\x00-\x7f]")  # non-ASCII white space
# On the upper-cased text, as sqlparse compares keywords (``is_keyword``; "beg\\u0131n", with a dotless
# i, is BEGIN): the words (not inside a longer word), a doubled quote in the string of sqlparse's
# ``AT TIME ZONE '...'`` token, and its ``WITH'`` variant.
_RISKY_WORDS = re.compile(r"B(?<!\wB)EGIN(?!\w)|D(?<!\wD)ECLARE(?!\w)|G(?<!\wG)O(?!\w)|ZONE\s+'[^']*''|WITH'")
_WORDS = ("BEGIN", "DECLARE", "GO")  # the words of ``_RISKY_WORDS``
#: A dollar-quote delimiter as sqlparse reads one (``keywords._DOLLAR_QUOTE_DELIM``), and where it may open one.
_SQLPARSE_DOLLAR = LazyPattern(r"\$(?:[_A-ZÀ-Ü]\w*)?\$", re.IGNORECASE)
_DOLLAR_OPENER_NOT_AFTER = LazyPattern(r'[\w"$]')
_SEMICOLON = "ASCII_59"
_COMMENTS = frozenset({"SQL_COMMENT", "C_COMMENT"})


class FastSplit(NamedTuple):
    """A file's statements as ``split_statements`` makes them, and pglast's parse of the file."""

    statements: list[Statement]
    parsed: list[Parsed]
    offsets: Offsets


#: The regex list last found to be sqlparse's own (kept, so that its identity cannot be reused).
_checked: list[object] = []


def _proven() -> bool:
    """Whether sqlparse is a version the argument holds for, with its default lexer rules (rules
    that nobody can have changed while sqlparse is not imported: then it is not imported here)."""
    if statement.sqlparse_version() not in statement.PROVEN_ON:
        return False
    if "sqlparse" not in sys.modules:
        return True
    from sqlparse import keywords
    from sqlparse.lexer import Lexer

    lexer = Lexer._default_instance
    if lexer is None:
        return True
    rules = lexer._SQL_REGEX
    if _checked and _checked[0] is rules and _checked[1] == len(rules):
        return True
    if [(rx.__self__.pattern, action) for rx, action in rules] != list(keywords.SQL_REGEX):
        return False
    _checked[:] = [rules, len(rules)]
    return True


def fast_split(text: str) -> FastSplit | None:
    """The statements of ``text`` (equal to ``split_statements(text)``) and its parse, when
    PostgreSQL provably reads the same statements as sqlparse; ``None`` otherwise (always for a
    text above ``WHOLE_PARSE_MAX_CHARS``: its whole parse would hold every statement's tree at once)."""
    if len(text) > pg_parse.WHOLE_PARSE_MAX_CHARS:
        return None
    risky = _risks(text)
    if (risky and "$" not in text and "/*" not in text) or not _proven():
        return None
    try:
        parsed, offsets = parse(text)
        spans = None if risky else _plain_spans(text)
        if spans is None:
            spans, inert = _token_spans(text, pgscan.scan(text))
            if spans is None or not _outside_risk(risky, inert):
                return None
    except (SyntaxProblem, pg_parser.ParseError, UnicodeError):  # a lone surrogate: the slow way decides
        return None
    if len(spans) != len(parsed):
        return None
    statements: list[Statement] = []
    line, line_start, counted = 1, 0, 0
    for (start, stop), item in zip(spans, parsed, strict=True):
        if start != item.offset:
            return None
        newlines = text.count("\n", counted, start)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", counted, start) + 1
        counted = start
        # held None: the tokens are lexed from the SQL on demand, the same as in the file: every
        # /* */ comment and dollar quote in it opens and closes inside it.
        statements.append(Statement(len(statements) + 1, line, start - line_start + 1, text[start:stop], None, start))
    return FastSplit(statements, parsed, offsets)


def _plain_spans(text: str) -> list[tuple[int, int]] | None:
    """The statements' spans from PostgreSQL's scanner split (no token objects), for a risk-free
    (so ``/*``-free) ASCII text without ``$`` whose statements hold no ``--`` and no ``;`` after
    their first token: then only blanks and ``--`` comments stand before a statement, only blanks
    after it, and every ``;`` ends one. ``None`` where that does not hold."""
    if not text.isascii() or "$" in text:
        return None
    spans = []
    for piece in pg_parser.split(text, with_parser=False, only_slices=True):
        start = min(skip_postgres_blanks(text, piece.start), piece.stop)
        stop = piece.stop
        if start >= stop:
            continue
        if text.find("--", start, stop) >= 0 or text.find(";", start, stop) >= 0:
            return None  # a comment that may end it, or a ';' the scanner split keeps inside (in parentheses)
        while stop > start and text[stop - 1] in " \t\r\n":
            stop -= 1
        spans.append((start, stop))
    return spans


def _token_spans(text: str, tokens: pgscan.Tokens) -> tuple[list[tuple[int, int]] | None, list[tuple[int, int]]]:
    """The statements' spans from PostgreSQL's scanner tokens, and its dollar-quoted strings and
    ``/* */`` comments, which both lexers read as one token whatever they hold (``None`` spans: one
    of those is not one that sqlparse reads the same: a dollar quote it does not open, a comment
    with another ``/*`` inside, which nests for PostgreSQL only)."""
    has_dollar = "$" in text
    spans: list[tuple[int, int]] = []
    inert: list[tuple[int, int]] = []
    first = last = -1
    for start, end, name in zip(*tokens, strict=True):
        if name == _SEMICOLON:
            if first >= 0:
                spans.append((first, last))
                first = -1
            continue
        if name not in _COMMENTS:
            if first < 0:
                first = start
            last = end + 1  # the scanner's token ends are inclusive
        if has_dollar and name == "SCONST" and text.startswith("$", start):
            if not _sqlparse_opens(text, start):
                return None, inert
            inert.append((start, end + 1))
        elif name == "C_COMMENT":
            if text.find("/*", start + 2, end - 1) >= 0:
                return None, inert
            inert.append((start, end + 1))
    if first >= 0:
        spans.append((first, last))
    return spans, inert


def _sqlparse_opens(text: str, start: int) -> bool:
    """Whether sqlparse opens a dollar quote with the same delimiter where PostgreSQL opened one."""
    delimiter = _SQLPARSE_DOLLAR.match(text, start)
    if delimiter is None or text.find("$", start + 1) + 1 != delimiter.end():
        return False
    return start == 0 or _DOLLAR_OPENER_NOT_AFTER.match(text, start - 1) is None


def _risks(text: str) -> list[int]:
    """Where the text holds something that could make sqlparse read it differently, in order."""
    found = [match.start() for match in _RISKY_CHARACTERS.finditer(text)]
    if not text.isascii():
        found += [match.start() for match in _RISKY_WHITE_SPACE.finditer(text)]
    upper = text.upper()
    if len(upper) == len(text):  # else upper-casing moved characters: treat the text as risky
        found += _risky_words(upper)
    else:
        found.append(0)
    return sorted(found)


def _risky_words(upper: str) -> list[int]:
    """Where ``_RISKY_WORDS`` matches ``upper``. Without ``ZONE`` and ``WITH'`` in the text only its
    three words can match, and ``str.find`` finds them for a fifth of what the pattern's search costs
    (each of its branches starts at a letter the text is full of); none of the three can begin
    inside another's match, so the positions are the pattern's."""
    if "ZONE" in upper or "WITH'" in upper:
        return [match.start() for match in _RISKY_WORDS.finditer(upper)]
    found = []
    for word in _WORDS:
        at = upper.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not _is_word(upper[at - 1])) and (end == len(upper) or not _is_word(upper[end])):
                found.append(at)
            at = upper.find(word, at + 1)
    return sorted(found)


def _is_word(character: str) -> bool:
    """Whether a pattern's ``\\w`` matches ``character``."""
    return character.isalnum() or character == "_"


def _outside_risk(risks: list[int], inert: list[tuple[int, int]]) -> bool:
    """Whether every risky position lies inside a dollar-quoted string or a ``/* */`` comment."""
    index = 0
    for position in risks:
        while index < len(inert) and inert[index][1] <= position:
            index += 1
        if index == len(inert) or position < inert[index][0]:
            return False
    return True
