"""Split a migration file into statements with sqlparse, keeping each statement's line.

sqlparse's statement splitter over its flat, lossless token stream (produced by
``ratchet.lexer``, identical to sqlparse's lexer but faster): the statements' text
concatenated is exactly the input, so line numbers are counted, not guessed. Plain one-row
INSERT lines, the bulk of a data file, are split by one regex where sqlparse's splitter
provably ends them (``_PLAIN_INSERT_LINE``). sqlparse stays the reference: the differential
test (tests/test_fastlex_differential.py) proves the statements identical on every corpus.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

import sqlparse
from sqlparse import tokens
from sqlparse.engine.statement_splitter import StatementSplitter
from sqlparse.sql import Statement as ParsedStatement
from sqlparse.sql import Token
from sqlparse.tokens import _TokenType

from ratchet.lazyre import LazyPattern
from ratchet.lexer import Scanner, TokenPair, tokenize
from ratchet.statement import EXECUTABLE_OPENERS, Statement
from ratchet.statement import PROVEN_ON as _PROVEN_ON
from ratchet.statement import RELEXED as _RELEXED


def relex(sql: str) -> tuple[Token, ...]:
    """sqlparse's flat tokens of one statement's SQL (no leading/trailing blanks or ``;``), lexed
    and split alone exactly as in its file (``Statement.tokens`` of a statement that keeps none)."""
    return tuple(_meaningful(next(_parse(sql))))


def _is_blank(token: Token, executable_comments: bool = False) -> bool:
    if token.ttype in tokens.Comment:
        return not (executable_comments and _executable(token.value))
    return bool(token.is_whitespace)


def _executable(comment: str) -> bool:
    """A MySQL/MariaDB executable comment (``/*!40101 SET NAMES utf8 */``, ``/*M!100100 ... */``):
    the server runs the SQL in it (the mysql client sends it), so on MySQL it is never a blank."""
    return comment.startswith(EXECUTABLE_OPENERS)


def _meaningful(parsed: ParsedStatement, executable_comments: bool = False) -> list[Token]:
    """Tokens with leading/trailing blanks and the trailing semicolon removed (``executable_comments``:
    MySQL's ``/*! ... */`` are not blanks)."""
    flat = list(parsed.tokens)
    start = 0
    while start < len(flat) and _is_blank(flat[start], executable_comments):
        start += 1
    end = len(flat)
    while end > start and (
        _is_blank(flat[end - 1], executable_comments) or flat[end - 1].match(tokens.Punctuation, ";")
    ):
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


def split_statements(text: str, *, executable_comments: bool = False) -> list[Statement]:
    """Split ``text`` into statements, dropping comment-only and empty pieces.

    ``executable_comments`` (MySQL): a ``/*! ... */`` comment is SQL the server runs, kept in its
    statement and a statement of its own when it stands alone (as mysqldump writes them)."""
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
            position, pairs = _body(piece.pairs, position, executable_comments)
            if not pairs:
                continue
            sql_start = pairs[0][0]
            sql = "".join(value for _, _, value in pairs)
            if not _RELEXED.match(sql) or (executable_comments and "/*" in sql):
                held = tuple(_token(ttype, value) for _, ttype, value in pairs)
        else:
            start, position = position, position + len(str(piece))
            body = _meaningful(piece, executable_comments)
            if not body:
                continue
            sql_start = start
            for token in piece.tokens:
                if token is body[0]:
                    break
                sql_start += len(token.value)
            sql = "".join(token.value for token in body)
            if not _RELEXED.match(sql) or (executable_comments and "/*" in sql):
                held = tuple(body)
        newlines = text.count("\n", counted, sql_start)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", counted, sql_start) + 1
        counted = sql_start
        statements.append(Statement(len(statements) + 1, line, sql_start - line_start + 1, sql, held, sql_start, plain))
    return statements


def _body(
    pairs: list[TokenPair], start: int, executable_comments: bool = False
) -> tuple[int, list[tuple[int, _TokenType, str]]]:
    """Where the pairs end, and their ``(offset, ttype, value)`` without the leading and trailing
    blanks (white space, comments) and the trailing ``;`` (as :func:`_meaningful`)."""
    placed: list[tuple[int, _TokenType, str]] = []
    offset = start
    for ttype, value in pairs:
        placed.append((offset, ttype, value))
        offset += len(value)
    first, end = 0, len(placed)
    blank = _blank_pair_executable if executable_comments else _blank_pair
    while first < end and blank(placed[first]):
        first += 1
    while end > first and (blank(placed[end - 1]) or placed[end - 1][1:] == (tokens.Punctuation, ";")):
        end -= 1
    return offset, placed[first:end]


def _blank_pair(pair: tuple[int, _TokenType, str]) -> bool:
    return _kinds(pair[1])[3]


def _blank_pair_executable(pair: tuple[int, _TokenType, str]) -> bool:
    return _kinds(pair[1])[3] and not _executable(pair[2])


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


def not_in_runs(statements: Sequence[Statement]) -> Iterable[Statement]:
    """The statements that are not lines of a run of plain INSERT lines (every one of a list)."""
    return statements.split() if isinstance(statements, Statements) else statements


# -- large files: runs of plain INSERT lines found in the bytes ---------------------------------

# A run: lines that each hold one plain INSERT statement (``_PLAIN_INSERT_LINE``) with the same text
# up to its VALUES list and the same number of values, each a number, a string without a newline or
# NULL. Found in the file's bytes, never decoded whole; each line is decoded only to be run. The
# quantifiers are possessive: a value, a gap or a line that matched is never matched again.
# Each branch starts with a character or a set, which the regex engine tests before it enters the
# branch; what one branch matched no other can, so none needs to be atomic (a fifth fewer instructions).
_RUN_VALUE = (
    rb"(?:'[^'\\\n]*+'(?:'[^'\\\n]*+')*+|[0-9]++(?:\.[0-9]++|)|-[0-9]++(?:\.[0-9]++|)|[Nn][Uu][Ll][Ll](?![A-Za-z0-9_]))"
)
_RUN_GAP = rb"[ \t]*+"
_RUN_LINE = re.compile(
    rf"(?P<head>{_case_free('INSERT')}[ \t]+{_case_free('INTO')}[ \t]+{_NAME}{_GAP}"
    rf"\({_GAP}{_NAME}(?:{_GAP},{_GAP}{_NAME})*{_GAP}\){_GAP}{_case_free('VALUES')}{_GAP}\()".encode()
    + rb"(?P<values>"
    + _RUN_GAP
    + _RUN_VALUE
    + rb"(?:"
    + _RUN_GAP
    + rb","
    + _RUN_GAP
    + _RUN_VALUE
    + rb")*+"
    + _RUN_GAP
    + rb")\)"
    + _RUN_GAP
    + rb";[ \t]*+(?=\n|\Z)"
)
_ONE_RUN_VALUE = LazyPattern(_RUN_VALUE)
_INSERT_AT_LINE_START = re.compile(rb"^[Ii][Nn][Ss][Ee][Rr][Tt][ \t]", re.MULTILINE)
#: Lines after a run's first one for the run to be worth its own piece.
_MIN_RUN = 16
_RUN_PATTERNS: dict[tuple[bytes, int], re.Pattern[bytes]] = {}
_INSERT_LINES: dict[int, re.Pattern[bytes]] = {}
# The text before a run, split on its own, splits as in the whole file when no token of it can reach
# into the run: strings only in single quotes without backslashes (closed before the run), ``--``
# comments not glued to an operator (sqlparse reads ``+--`` as one operator, and so a run of operator
# characters with ``--`` or ``/*`` in it is refused), and none of the other
# characters that open a longer token (quoted names, dollar quotes, block comments, ``#`` comments).
_CLOSED_TEXT = LazyPattern(
    rb"(?:[^'\"`$\[\\#/+@%^&|\-]++|(?![+/@%^&|\-]*?(?:--|/\*))[+/@%^&|\-]++|'[^'\\]*+'|--[^\n]*+)*+"
)
_NOT_CONTINUATION = bytes(set(range(256)) - set(range(0x80, 0xC0)))
_COUNTED_CHUNK = 1 << 20
#: Bytes of a run's lines decoded and run at a time.
_BATCH_BYTES = 1 << 18


def _insert_lines(count: int) -> re.Pattern[bytes]:
    """``count`` lines that start with INSERT (what a run's following lines must be at least): a
    cheap test before a run's own pattern, which is compiled per head, for the small files."""
    pattern = _INSERT_LINES.get(count)
    if pattern is None:
        pattern = _INSERT_LINES[count] = re.compile(rb"(?:\n[Ii][Nn][Ss][Ee][Rr][Tt][ \t][^\n]*+){%d}" % count)
    return pattern


def _run_pattern(head: bytes, values: int) -> re.Pattern[bytes]:
    """Lines that continue a run: ``head`` exactly, then ``values`` run values."""
    key = (head, values)
    pattern = _RUN_PATTERNS.get(key)
    if pattern is None:
        listed = _RUN_VALUE + (_RUN_GAP + rb"," + _RUN_GAP + _RUN_VALUE) * (values - 1)
        pattern = re.compile(
            rb"(?:\n" + re.escape(head) + _RUN_GAP + listed + _RUN_GAP + rb"\)" + _RUN_GAP + rb";[ \t]*+(?=\n|\Z))++"
        )
        if len(_RUN_PATTERNS) < 64:
            _RUN_PATTERNS[key] = pattern
    return pattern


@dataclass(frozen=True, slots=True)
class PlainRun:
    """Consecutive plain INSERT lines of a file's bytes, each one statement starting its line; its
    statements are made (and their SQL decoded) one at a time, when asked for."""

    data: bytes
    start: int  # byte offset of the first line's first character
    end: int  # byte offset just after the last line's last character
    number: int  # the first line's statement number
    line: int  # the first line's line number
    offset: int  # the first line's character offset
    count: int
    ascii: bool

    def __iter__(self) -> Iterator[Statement]:
        data, end = self.data, self.end
        find, rfind = data.find, data.rfind
        position, offset, number, line = self.start, self.offset, self.number, self.line
        for _ in range(self.count):
            stop = find(b"\n", position, end)
            if stop < 0:
                stop = end
            close = rfind(b")", position, stop) + 1
            sql = data[position:close].decode("utf-8")
            yield Statement(number, line, 1, sql, None, offset, True)
            offset += (stop + 1 - position) if self.ascii else len(sql) + stop + 1 - close
            position, number, line = stop + 1, number + 1, line + 1

    def batches(self) -> Iterator[tuple[int, list[str]]]:
        """Its statements' SQL in order, a list per about ``_BATCH_BYTES`` of lines, each list with its
        first statement's number; decoded a batch at a time, no statement objects made."""
        data, end = self.data, self.end
        position, number = self.start, self.number
        # lines that all end in ");" (no blank around the ';'): each line's SQL is the line without
        # its ';', a batch split at its ";\n"s in one go (a run's values hold no newline)
        closed = data.endswith(b");", position, end) and data.count(b");\n", position, end) == self.count - 1
        while position < end:
            stop = data.find(b"\n", min(position + _BATCH_BYTES, end), end)
            if stop < 0:
                stop = end
            if closed:
                sqls = data[position : stop - 1].decode("utf-8").split(";\n")
            else:
                sqls = list(_line_sql(data, position, stop))
            yield number, sqls
            number += len(sqls)
            position = stop + 1


def _line_sql(data: bytes, position: int, end: int) -> Iterator[str]:
    """The SQL of each run line in ``data[position:end]``: up to its last ')'."""
    find, rfind = data.find, data.rfind
    while position < end:
        stop = find(b"\n", position, end)
        if stop < 0:
            stop = end
        yield data[position : rfind(b")", position, stop) + 1].decode("utf-8")
        position = stop + 1


def sql_batches(statements: Sequence[Statement]) -> Iterator[tuple[int, list[str], bool]]:
    """Every statement's SQL in order, in lists, each with its first statement's number and whether
    they are lines of a run of plain INSERT lines (a list of many; any other statement: a list of
    one), without making a run's statements."""
    if not isinstance(statements, Statements):
        for statement in statements:
            yield statement.number, [statement.sql], False
        return
    for item in statements.items:
        if isinstance(item, PlainRun):
            for number, sqls in item.batches():
                yield number, sqls, True
        else:
            yield item.number, [item.sql], False


class Statements(Sequence[Statement]):
    """A file's statements in order: split ones, and runs of plain INSERT lines whose statements are
    made as they are reached (a 20 MB data file is not 200,000 statement objects at once)."""

    def __init__(self, items: list[Statement | PlainRun]) -> None:
        self.items = items
        self._firsts = [item.number for item in items]
        last = items[-1] if items else None
        self._count = 0 if last is None else last.number - 1 + (last.count if isinstance(last, PlainRun) else 1)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Statement]:
        for item in self.items:
            if isinstance(item, PlainRun):
                yield from item
            else:
                yield item

    @overload
    def __getitem__(self, index: int) -> Statement: ...

    @overload
    def __getitem__(self, index: slice) -> list[Statement]: ...

    def __getitem__(self, index: int | slice) -> Statement | list[Statement]:
        if isinstance(index, slice):
            start, stop, step = index.indices(self._count)
            if step != 1:
                return list(self)[index]
            return list(itertools.islice(self._from(start + 1), max(0, stop - start)))
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError("statement index out of range")
        return next(self._from(index + 1))

    def _from(self, number: int) -> Iterator[Statement]:
        """The statements from number ``number`` on."""
        at = bisect.bisect_right(self._firsts, number) - 1
        for position in range(max(at, 0), len(self.items)):
            item = self.items[position]
            if isinstance(item, PlainRun):
                for statement in item:
                    if statement.number >= number:
                        yield statement
            elif item.number >= number:
                yield item

    def split(self) -> Iterator[Statement]:
        """The statements not in a run (a run's lines are plain INSERT lines, each its own statement)."""
        return (item for item in self.items if isinstance(item, Statement))

    def runs(self) -> list[PlainRun]:
        """The runs of plain INSERT lines."""
        return [item for item in self.items if isinstance(item, PlainRun)]


def split_data(data: bytes, *, executable_comments: bool = False) -> Statements:
    """:func:`split_statements` of the UTF-8 text ``data``, the same statements, with runs of plain
    INSERT lines found in the bytes: only the text between runs is decoded and split
    (``executable_comments``: as :func:`split_statements`)."""
    scanner = Scanner.of("")
    if scanner is None or not scanner.default_rules or sqlparse.__version__ not in _PROVEN_ON:
        return Statements(list(split_statements(data.decode("utf-8"), executable_comments=executable_comments)))
    ascii = data.isascii()
    items: list[Statement | PlainRun] = []
    position, line, offset, number = 0, 1, 0, 0  # where the text not yet split starts
    while position < len(data):
        run = _next_run(data, position)
        stop = len(data) if run is None else run[1]
        text = data[position:stop].decode("utf-8")
        statements = split_statements(text, executable_comments=executable_comments)
        if run is not None:
            first = len(text) - len(data[run[0] : run[1]].decode("utf-8"))  # the run's first line, in text
            if not (statements and statements[-1].plain and statements[-1].offset == first):
                run = None  # a statement before it reaches into it: the rest of the file as text
                text = data[position:].decode("utf-8")
                statements = split_statements(text, executable_comments=executable_comments)
        if number or offset:  # text after a run: its statements placed in the file (the first text's are)
            statements = [
                Statement(
                    number + statement.number,
                    line + statement.line - 1,
                    statement.column,
                    statement.sql,
                    statement.held,
                    offset + statement.offset,
                    statement.plain,
                )
                for statement in statements
            ]
        items.extend(statements)
        number += len(statements)
        line += text.count("\n")
        offset += len(text)
        if run is None:
            break
        start, end, count = run[1] + 1, run[2], run[3]
        items.append(PlainRun(data, start, end, number + 1, line + 1, offset + 1, count, ascii))
        number += count
        line += count
        offset += (end - run[1]) if ascii else _characters(data, run[1], end)
        position = end
    return Statements(items)


def _next_run(data: bytes, position: int) -> tuple[int, int, int, int] | None:
    """The next run after ``position`` that the text before it cannot reach into: the start and end of
    its first line (split with the text before it), where the run ends, and its lines after the first."""
    for found in _INSERT_AT_LINE_START.finditer(data, position):
        line = _RUN_LINE.match(data, found.start())
        if line is None:
            continue
        if _insert_lines(_MIN_RUN).match(data, line.end()) is None:
            continue  # too few INSERT lines follow for a run: no pattern of this head is compiled
        count = len(_ONE_RUN_VALUE.findall(line["values"]))
        following = _run_pattern(line["head"], count).match(data, line.end())
        if following is None:
            continue
        lines = data.count(b"\n", line.end(), following.end())
        if lines < _MIN_RUN:
            continue
        if _CLOSED_TEXT.match(data, position, found.start()).end() != found.start():  # type: ignore[union-attr]
            return None  # a token could reach into it, or into any later run: the rest is text
        return found.start(), line.end(), following.end(), lines
    return None


def _characters(data: bytes, start: int, end: int) -> int:
    """The number of characters in ``data[start:end]`` (valid UTF-8): its bytes less its continuation bytes."""
    continuations = 0
    for chunk in range(start, end, _COUNTED_CHUNK):
        continuations += len(data[chunk : min(end, chunk + _COUNTED_CHUNK)].translate(None, _NOT_CONTINUATION))
    return end - start - continuations
