"""Split a migration file into statements with sqlparse, keeping each statement's line.

sqlparse's statement splitter over its flat, lossless token stream (produced by
``ratchet.lexer``, identical to sqlparse's lexer but faster): the statements' text
concatenated is exactly the input, so line numbers are counted, not guessed. Plain one-row
INSERT lines, the bulk of a data file, are split by one regex where sqlparse's splitter
provably ends them (``_PLAIN_INSERT_LINE``). sqlparse stays the reference: the differential
test (tests/test_fastlex_differential.py) proves the statements identical on every corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import sqlparse
from sqlparse import tokens
from sqlparse.engine.statement_splitter import StatementSplitter
from sqlparse.sql import Statement as ParsedStatement
from sqlparse.sql import Token
from sqlparse.tokens import _TokenType

from ratchet.lexer import Scanner, TokenPair, tokenize
from ratchet.statement import PROVEN_ON as _PROVEN_ON
from ratchet.statement import RELEXED as _RELEXED
from ratchet.statement import Statement


def relex(sql: str) -> tuple[Token, ...]:
    """sqlparse's flat tokens of one statement's SQL (no leading/trailing blanks or ``;``), lexed
    and split alone exactly as in its file (``Statement.tokens`` of a statement that keeps none)."""
    return tuple(_meaningful(next(_parse(sql))))


def _is_blank(token: Token) -> bool:
    return bool(token.is_whitespace or token.ttype in tokens.Comment)


def _meaningful(parsed: ParsedStatement) -> list[Token]:
    """Tokens with leading/trailing blanks and the trailing semicolon removed."""
    flat = list(parsed.tokens)
    start = 0
    while start < len(flat) and _is_blank(flat[start]):
        start += 1
    end = len(flat)
    while end > start and (_is_blank(flat[end - 1]) or flat[end - 1].match(tokens.Punctuation, ";")):
        end -= 1
    return flat[start:end]


def _parse(text: str) -> Iterator[ParsedStatement]:
    """sqlparse's statement splitting (its ungrouped ``FilterStack.run``) over ratchet's faster,
    identical token stream (``ratchet.lexer``)."""
    yield from StatementSplitter().process(tokenize(text))  # type: ignore[no-untyped-call]


def _case_free(word: str) -> str:
    return "".join(f"[{char}{char.lower()}]" for char in word)


# A plain one-row INSERT line, the bulk of a data file, split without tokens. What sqlparse's
# StatementSplitter would do with it is known without running it: its tokens are names, numbers,
# strings, ',', and two balanced '(...)' pairs, so the level is 0 at the ';' and the statement
# ends there, with the spaces behind it, at the newline (or the end). Only a ';' at level 0, the
# parentheses and the keywords below change its state: a name spelling one of them is left to
# sqlparse, as is anything else (comments, backslashes in strings, quoted names, non-ASCII
# names). Statements start only where sqlparse's own splitter starts one, so the lexer reaches
# the same positions; tests/test_fastlex_differential.py proves the split identical.
# The argument rests on sqlparse's default lexer rules and splitter as of these versions; with any
# other version, or with the lexer's rules customised, sqlparse's splitter does every statement.
_SPLITTER_WORDS = ("BEGIN", "END", "CREATE", "DECLARE", "GO", "IF", "CASE", "FOR", "WHILE", "LOOP", "DO")
_NAME = rf"(?!(?:{'|'.join(map(_case_free, _SPLITTER_WORDS))})(?![A-Za-z0-9_]))[A-Za-z_][A-Za-z0-9_]*"
# The string part is unrolled ("normal* (special normal*)*"): the same strings as (?:[^'\\]|'')*
# without a branch per character, about twice as fast on a data file.
_VALUE = rf"(?:-?[0-9]+(?:\.[0-9]+)?|'[^'\\]*(?:''[^'\\]*)*'|{_NAME})"
_GAP = r"[ \t]*"
_PLAIN_INSERT_LINE = re.compile(
    rf"(?P<lead>\s*)(?P<sql>{_case_free('INSERT')}[ \t]+{_case_free('INTO')}[ \t]+{_NAME}{_GAP}"
    rf"\({_GAP}{_NAME}(?:{_GAP},{_GAP}{_NAME})*{_GAP}\){_GAP}{_case_free('VALUES')}{_GAP}"
    rf"\({_GAP}{_VALUE}(?:{_GAP},{_GAP}{_VALUE})*{_GAP}\)){_GAP};[ \t]*(?=[\r\n]|\Z)"
)


# A statement in which sqlparse's splitter meets no keyword of its block logic (BEGIN, DECLARE,
# END..., GO: without them its block stack stays empty and only parentheses move its level) ends
# at the first ';' at level 0 or below, with the spaces and '--' comments after it, exactly as in
# StatementSplitter.process; anything else is left to the splitter itself. Such a statement is
# taken from the scanner's (ttype, value) pairs, without the splitter's per-token work and without
# Token objects for its blanks.
_BLOCK_WORDS = ("BEGIN", "DECLARE", "END", "GO")


@dataclass(frozen=True, slots=True)
class _Simple:
    """A statement split without sqlparse's splitter: its ``(ttype, value)`` pairs."""

    pairs: list[TokenPair]


def _simple(scanner: Scanner, position: int) -> _Simple | None:
    """The statement sqlparse's splitter makes from ``position`` when it holds no block keyword."""
    pairs: list[TokenPair] = []
    level, ended = 0, False
    punctuation, blank, single = tokens.Punctuation, tokens.Whitespace, tokens.Comment.Single
    for pair in scanner.tokens(position):
        ttype, value = pair
        if ended:
            if ttype is not blank and ttype is not single:
                break
        elif ttype is punctuation:
            if value == "(":
                level += 1
            elif value == ")":
                level -= 1
            elif value == ";" and level <= 0:
                ended = True
        elif _kinds(ttype)[0] and value.upper().startswith(_BLOCK_WORDS):  # a superset: END IF, GO 2, GOTO
            return None
        pairs.append(pair)
    return _Simple(pairs)


def _pieces(text: str) -> Iterator[ParsedStatement | re.Match[str] | _Simple]:
    """The text's statements in order, as sqlparse splits them: a plain INSERT line as its match
    of ``_PLAIN_INSERT_LINE``, a statement without block keywords as its pairs (``_simple``),
    anything else as sqlparse's statement (from its splitter)."""
    scanner = Scanner.of(text)
    if scanner is None:  # only sqlparse's own lexer is exact: it cannot start mid-text
        yield from _parse(text)
        return
    if not scanner.default_rules or sqlparse.__version__ not in _PROVEN_ON:
        yield from StatementSplitter().process(scanner.tokens(0))  # type: ignore[no-untyped-call]
        return
    position, length = 0, len(text)
    while position < length:
        plain = _PLAIN_INSERT_LINE.match(text, position)
        if plain is not None:
            yield plain
            position = plain.end()
            continue
        simple = _simple(scanner, position)
        if simple is not None:
            if not all(ttype in tokens.Whitespace for ttype, _ in simple.pairs):  # as the splitter's last piece
                yield simple
            position += sum(len(value) for _, value in simple.pairs)
            continue
        # sqlparse from here, in a fresh splitter (as after any statement): one statement
        parsed = next(StatementSplitter().process(scanner.tokens(position)), None)  # type: ignore[no-untyped-call]
        if parsed is None:
            return
        yield parsed
        position += len(str(parsed))


def split_statements(text: str) -> list[Statement]:
    """Split ``text`` into statements, dropping comment-only and empty pieces."""
    statements: list[Statement] = []
    position = 0  # where the next piece starts
    line, line_start, counted = 1, 0, 0  # lines are counted in text[:counted]; line_start: its line's offset
    for piece in _pieces(text):
        held: tuple[Token, ...] | None = None
        plain = isinstance(piece, re.Match)
        if isinstance(piece, re.Match):
            sql_start, sql = piece.start("sql"), piece["sql"]
            position = piece.end()
        elif isinstance(piece, _Simple):
            position, pairs = _body(piece.pairs, position)
            if not pairs:
                continue
            sql_start = pairs[0][0]
            sql = "".join(value for _, _, value in pairs)
            if not _RELEXED.match(sql):
                held = tuple(_token(ttype, value) for _, ttype, value in pairs)
        else:
            start, position = position, position + len(str(piece))
            body = _meaningful(piece)
            if not body:
                continue
            sql_start = start
            for token in piece.tokens:
                if token is body[0]:
                    break
                sql_start += len(token.value)
            sql = "".join(token.value for token in body)
            if not _RELEXED.match(sql):
                held = tuple(body)
        newlines = text.count("\n", counted, sql_start)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", counted, sql_start) + 1
        counted = sql_start
        statements.append(Statement(len(statements) + 1, line, sql_start - line_start + 1, sql, held, sql_start, plain))
    return statements


def _body(pairs: list[TokenPair], start: int) -> tuple[int, list[tuple[int, _TokenType, str]]]:
    """Where the pairs end, and their ``(offset, ttype, value)`` without the leading and trailing
    blanks (white space, comments) and the trailing ``;`` (as :func:`_meaningful`)."""
    placed: list[tuple[int, _TokenType, str]] = []
    offset = start
    for ttype, value in pairs:
        placed.append((offset, ttype, value))
        offset += len(value)
    first, end = 0, len(placed)
    while first < end and _kinds(placed[first][1])[3]:
        first += 1
    while end > first and (_kinds(placed[end - 1][1])[3] or placed[end - 1][1:] == (tokens.Punctuation, ";")):
        end -= 1
    return offset, placed[first:end]


#: Per token type: (keyword, white space, newline, blank: white space or comment), as sqlparse's
#: ``Token`` computes them for every token (``ttype in T.Keyword``...), here once per type.
_KINDS: dict[_TokenType, tuple[bool, bool, bool, bool]] = {}


def _kinds(ttype: _TokenType) -> tuple[bool, bool, bool, bool]:
    found = _KINDS.get(ttype)
    if found is None:
        whitespace = ttype in tokens.Whitespace
        found = (ttype in tokens.Keyword, whitespace, ttype in tokens.Newline, whitespace or ttype in tokens.Comment)
        _KINDS[ttype] = found
    return found


def _token(ttype: _TokenType, value: str) -> Token:
    """``sqlparse.sql.Token(ttype, value)``, its attributes set as its ``__init__`` sets them
    (tests/test_fastlex_differential.py compares every slot), the type's flags looked up once."""
    keyword, whitespace, newline, _ = _kinds(ttype)
    token = Token.__new__(Token)
    token.value = value
    token.ttype = ttype
    token.parent = None
    token.is_group = False
    token.is_keyword = keyword
    token.is_whitespace = whitespace
    token.is_newline = newline
    token.normalized = value.upper() if keyword else value
    return token
