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
from pathlib import Path

import sqlparse
from sqlparse import tokens
from sqlparse.engine.statement_splitter import StatementSplitter
from sqlparse.sql import Statement as ParsedStatement
from sqlparse.sql import Token
from sqlparse.tokens import _TokenType

from ratchet.errors import FileProblem
from ratchet.lexer import Scanner, TokenPair, tokenize

TRANSACTION_WORDS = frozenset({"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "START", "END", "ABORT"})


# A statement that starts with INSERT (the bulk of a data file) does not keep its tokens:
# millions of sqlparse Token objects would cost many times the file's size in memory. They are
# lexed again from ``sql`` when asked for, which gives the very same tokens (the statement is
# lexed and split alone exactly as in its file; tests/test_fastlex_differential.py checks it).
_RELEXED = re.compile(r"INSERT\s", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement: its 1-based number in the file, 1-based start line and column, SQL,
    its 0-based character offset in the file, and whether it is a plain one-row INSERT line
    (``_PLAIN_INSERT_LINE``: no comment, backslash, quoted name or keyword in it)."""

    number: int
    line: int
    column: int
    sql: str
    held: tuple[Token, ...] | None  # None: lexed again from ``sql`` on demand (see _RELEXED, linter.postgres.fastsplit)
    offset: int = 0
    plain: bool = False

    @property
    def tokens(self) -> tuple[Token, ...]:
        """sqlparse's flat tokens of the statement (no leading/trailing blanks or ``;``)."""
        if self.held is not None:
            return self.held
        return tuple(_meaningful(next(_parse(self.sql))))

    def first_words(self, count: int) -> list[str]:
        """The first ``count`` keywords/names, upper-cased (comments and spaces skipped)."""
        if self.held is None and count == 1 and _RELEXED.match(self.sql):  # "INSERT" and white space: one word
            return [self.sql[:6].upper()]
        words: list[str] = []
        pairs = ((token.ttype, token.value) for token in self.held) if self.held is not None else tokenize(self.sql)
        for ttype, value in pairs:
            if ttype in tokens.Whitespace or ttype in tokens.Comment:
                continue
            if ttype in tokens.Punctuation:
                break
            words.append(value.upper())
            if len(words) == count:
                break
        return words


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
_PROVEN_ON = frozenset({"0.6.1"})
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


def advance(line: int, column: int, value: str) -> tuple[int, int]:
    """The 1-based line and column just after ``value`` written at ``line``/``column``."""
    newlines = value.count("\n")
    if newlines:
        return line + newlines, len(value) - value.rfind("\n")
    return line, column + len(value)


# A statement's first word is its text's first token: a statement that does not start with one of these
# words (case-insensitive, ending where a word ends) has none of them as its first word.
_MAY_CONTROL = re.compile(rf"(?:{'|'.join(sorted(TRANSACTION_WORDS | {'DELIMITER'}))})(?!\w)", re.IGNORECASE)


def statement_problems(path: Path, statements: list[Statement], *, transactional: bool) -> list[FileProblem]:
    """Statements ratchet cannot run safely: ``DELIMITER``, and transaction control in a
    file that ratchet wraps in its own transaction."""
    problems: list[FileProblem] = []
    for statement in statements:
        if statement.plain or not _MAY_CONTROL.match(statement.sql):
            continue  # not lexed: a statement that starts with no control word cannot be one
        words = statement.first_words(1)  # a second word only where it decides (cheap for INSERTs)
        if words and words[0] in TRANSACTION_WORDS:
            words = statement.first_words(2)
        if not words:
            continue
        if words[0] == "DELIMITER":
            problems.append(
                FileProblem(
                    path,
                    "DELIMITER is a mysql client command, not SQL; write each routine as one "
                    "statement ending in ';' without DELIMITER",
                    line=statement.line,
                    column=statement.column,
                    rule="split-ambiguity",
                )
            )
        elif transactional and _is_transaction_control(words):
            problems.append(
                FileProblem(
                    path,
                    f"{words[0]} in a file that ratchet runs in its own transaction; remove it "
                    "(ratchet commits each file), or add '-- guard: no-transaction'",
                    line=statement.line,
                    column=statement.column,
                    rule="transaction-control",
                )
            )
    return problems


def _is_transaction_control(words: list[str]) -> bool:
    first = words[0]
    if first == "START":
        return len(words) > 1 and words[1] == "TRANSACTION"
    if first == "END":
        return len(words) == 1 or words[1] in {"TRANSACTION", "WORK"}
    return first in TRANSACTION_WORDS
