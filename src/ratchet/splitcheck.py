"""Check sqlparse's split against the engine's own reading of the file (``split-ambiguity``).

ratchet sends each statement sqlparse found on its own (see ``backends/``), so the server
can never run a second statement hidden in one. What is left is the case where sqlparse and
the engine read the text differently: a backslash before a quote (not an escape in a standard
PostgreSQL or SQLite string), a keyword used as a name (``begin``), a nested comment
(PostgreSQL's nest). Then the pieces ratchet would send are not the statements the file says,
and the file is refused before anything runs.

- PostgreSQL: PostgreSQL's own scanner (``pglast``, libpg_query) splits the text and every
  statement must start and end where sqlparse's does. Plain one-row INSERT lines (the bulk of
  a data file; ``split._PLAIN_INSERT_LINE``) hold no comment, backslash, dollar quote or
  keyword that could make the two differ, so only the text between them is scanned: once per
  file, in pieces that each start where both agree a statement starts. Where the scanner and
  sqlparse disagree, PostgreSQL's parser has the last word (a ``BEGIN ATOMIC`` body holds
  semicolons that only the grammar knows).
- SQLite: the statements SQLite itself would see in each piece, by the rules of
  ``sqlite3_complete`` (strings without backslash escapes, ``CREATE TRIGGER ... END``), for the
  pieces that hold a ``;`` (only there can a second statement hide); ``sqlite3`` ``execute``
  refuses a second statement anyway, this says so before anything runs.
- MySQL: the server runs one statement per call (no ``CLIENT.MULTI_STATEMENTS``); its lexer
  agrees with sqlparse on backslash escapes, and whether a ``;`` inside ``BEGIN ... END``
  ends a statement is the grammar's to say, so the server is the check.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ratchet.discover import MigrationFile
from ratchet.errors import FileProblem
from ratchet.lazyre import LazyPattern
from ratchet.pgblanks import skip_postgres_blanks, skip_space
from ratchet.split import not_in_runs
from ratchet.statement import Statement, client_copy

RULE = "split-ambiguity"
_PREVIEW = 60


@dataclass(frozen=True)
class _Span:
    """A statement from its first meaningful character to the ``;`` that ends it (or the end of
    the text), past the comments and blanks before that."""

    start: int
    stop: int


def split_problems(
    path: Path, source: str | MigrationFile, statements: Sequence[Statement], dialect: str
) -> list[FileProblem]:
    """Where ``statements`` (sqlparse's split of the text, or of the file's text) differ from what
    ``dialect`` reads (a file's text is decoded only where it is read: PostgreSQL, or a problem)."""
    if dialect == "postgresql":
        return _postgres_problems(path, source if isinstance(source, str) else source.text, list(statements))
    if dialect == "sqlite":
        return _sqlite_problems(path, source, statements)
    return []


# -- PostgreSQL -------------------------------------------------------------------------------


def _postgres_problems(path: Path, text: str, statements: list[Statement]) -> list[FileProblem]:
    region_start = 0
    region_stop = len(text)
    pending: list[Statement] = []
    for statement in statements:
        if not statement.plain:
            pending.append(statement)
            if client_copy(statement) == "FROM STDIN":  # the lines after it are its data, read by no one
                region_stop = _after_semicolon(text, statement.offset + len(statement.sql))
                break
            continue
        problem = _check_region(path, text, region_start, statement.offset, pending)
        if problem is not None:
            return [problem]
        pending = []
        region_start = text.index(";", statement.offset + len(statement.sql)) + 1
    problem = _check_region(path, text, region_start, region_stop, pending)
    return [] if problem is None else [problem]


def _after_semicolon(text: str, end: int) -> int:
    """Just past the ``;`` that ends the statement ending at ``end`` (``end`` if none does)."""
    semicolon = text.find(";", end)
    return semicolon + 1 if semicolon >= 0 and not text[end:semicolon].strip() else end


def _check_region(path: Path, text: str, start: int, stop: int, statements: list[Statement]) -> FileProblem | None:
    """Compare sqlparse's statements in ``text[start:stop]`` with PostgreSQL's reading of it."""
    region = text[start:stop]
    if not statements and not region.strip():
        return None
    ours = [_sqlparse_span(region, s.offset - start, s.sql) for s in statements]
    theirs = _postgres_spans(region, with_parser=False)
    if theirs == ours:
        return None
    parsed = _postgres_spans(region, with_parser=True)
    if parsed == ours:
        return None  # the scanner alone cannot see a BEGIN ATOMIC body; the parser agrees
    if isinstance(theirs, str):
        where = statements[0] if statements else None
        return _problem(path, text, where, start, f"PostgreSQL cannot read this part of the file: {theirs}")
    index = next((i for i, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b), min(len(ours), len(theirs)))
    if index < len(statements):
        statement = statements[index]
        said = f"ratchet would send {_lines(text, start, ours[index])} as statement {statement.number}"
    else:
        statement = None
        said = "ratchet sees no statement here"
    if index < len(theirs):
        span = theirs[index]
        read = f"PostgreSQL reads {_lines(text, start, span)} as one: {_preview(region[span.start : span.stop])}"
        offset = start + span.start
    else:
        read = "PostgreSQL reads no statement there (a comment: PostgreSQL comments nest)"
        offset = start + ours[index].start
    return _problem(path, text, statement, offset, f"{said}, but {read}")


def _postgres_spans(region: str, *, with_parser: bool) -> list[_Span] | str:
    """PostgreSQL's statements in ``region`` (scanner or parser), or its error message."""
    from ratchet.pgparser import parser  # only PostgreSQL files pay for loading it

    try:
        if region.isascii():
            slices = [(s.start, s.stop) for s in parser.split(region, with_parser=with_parser, only_slices=True)]
        else:
            slices = _locate(region, parser.split(region, with_parser=with_parser))
    except parser.ParseError as exc:
        return " ".join(str(exc).split())
    spans = []
    for first, last in slices:
        begin = skip_postgres_blanks(region, first)
        spans.append(_Span(begin, skip_space(region, last)))
    return spans


def _locate(region: str, pieces: tuple[str, ...]) -> list[tuple[int, int]]:
    """Character positions of statements pglast returned as text (its own offset translation is
    quadratic in the number of non-ASCII characters). Each statement begins after the previous
    one's ``;``, separated by blanks, semicolons and comment-only statements; where a comment
    holds a copy of the statement, the copy found first is rejected by the gap check below and the
    exact, slower translation is used."""
    located: list[tuple[int, int]] = []
    position = 0
    for piece in pieces:
        found = region.find(piece, position)
        gap = region[position:found]
        if found < 0 or gap.strip().strip(";").strip():
            from ratchet.pgparser import parser

            return [(s.start, s.stop) for s in parser.split(region, with_parser=False, only_slices=True)]
        located.append((found, found + len(piece)))
        position = found + len(piece)
    return located


def _sqlparse_span(text: str, offset: int, sql: str) -> _Span:
    """Where sqlparse's statement starts and where the blanks after it end: at the ``;`` ending
    it, or the end (comments as sqlparse reads them: ``--`` or ``# `` to the line end, ``/* */``
    without nesting)."""
    position = offset + len(sql)
    while True:
        position = skip_space(text, position)
        if text.startswith(("--", "# "), position):
            newline = text.find("\n", position)
            position = len(text) if newline < 0 else newline + 1
        elif text.startswith("/*", position):
            closing = text.find("*/", position + 2)
            position = len(text) if closing < 0 else closing + 2
        else:
            break
    return _Span(offset, position)


# -- SQLite -----------------------------------------------------------------------------------

# SQLite's tokens as far as statement ends go (sqlite3_complete): strings and quoted names
# without backslash escapes, comments that do not nest, words, ';'.
_SQLITE_TOKEN = LazyPattern(
    r"""'(?:[^']|'')*'?|"(?:[^"]|"")*"?|`(?:[^`]|``)*`?|\[[^\]]*\]?|--[^\n]*|/\*[\s\S]*?(?:\*/|\Z)"""
    r"""|(?P<word>[A-Za-z_][A-Za-z0-9_$]*)|(?P<semi>;)|[\s\S]"""
)
# sqlite3_complete's states and transitions, by token: ';', another token, and the words it knows.
_START, _NORMAL, _EXPLAIN, _CREATE, _TRIGGER, _SEMI, _END = range(7)
_WORDS = {"EXPLAIN": 1, "CREATE": 2, "TEMP": 3, "TEMPORARY": 3, "TRIGGER": 4, "END": 5}
_OTHER = 0
# state -> next state for: other, EXPLAIN, CREATE, TEMP, TRIGGER, END (a ';' is handled apart)
_TRANSITIONS = {
    _START: (_NORMAL, _EXPLAIN, _CREATE, _NORMAL, _NORMAL, _NORMAL),
    _NORMAL: (_NORMAL,) * 6,
    _EXPLAIN: (_EXPLAIN, _NORMAL, _CREATE, _NORMAL, _NORMAL, _NORMAL),
    _CREATE: (_NORMAL, _NORMAL, _NORMAL, _CREATE, _TRIGGER, _NORMAL),
    _TRIGGER: (_TRIGGER,) * 6,
    _SEMI: (_TRIGGER, _TRIGGER, _TRIGGER, _TRIGGER, _TRIGGER, _END),
    _END: (_TRIGGER,) * 6,
}
_AFTER_SEMI = {_START: _START, _NORMAL: _START, _EXPLAIN: _START, _CREATE: _START, _TRIGGER: _SEMI, _SEMI: _SEMI}


def _sqlite_problems(path: Path, source: str | MigrationFile, statements: Sequence[Statement]) -> list[FileProblem]:
    for statement in not_in_runs(statements):  # a run's lines are plain INSERT lines
        if statement.plain or ";" not in statement.sql:
            continue
        end = _sqlite_statement_end(statement.sql)
        if end is not None and statement.sql[end:].strip():
            rest = statement.sql[end:].strip()
            message = (
                f"ratchet would send statement {statement.number} as one, but SQLite reads a second statement in it "
                f"at {_preview(rest)}"
            )
            text = source if isinstance(source, str) else source.text
            return [_problem(path, text, statement, statement.offset + statement.sql.index(rest, end), message)]
    return []


def _sqlite_statement_end(sql: str) -> int | None:
    """The position after the first ``;`` that ends a statement for SQLite, if any."""
    state = _START
    for match in _SQLITE_TOKEN.finditer(sql):
        if match["semi"]:
            state = _AFTER_SEMI.get(state, _START)
            if state == _START:
                return match.end()
            continue
        token = match.group()
        if token.isspace() or token.startswith(("--", "/*")):
            continue
        kind = _WORDS.get(token.upper(), _OTHER) if match["word"] else _OTHER
        state = _TRANSITIONS[state][kind]
    return None


# -- messages ---------------------------------------------------------------------------------


def _lines(text: str, base: int, span: _Span) -> str:
    first = text.count("\n", 0, base + span.start) + 1
    last = first + text.count("\n", base + span.start, base + max(span.start, span.stop - 1))
    return f"line {first}" if first == last else f"lines {first}-{last}"


def _preview(sql: str) -> str:
    flat = " ".join(sql.split())
    return repr(flat if len(flat) <= _PREVIEW else flat[: _PREVIEW - 3] + "...")


def _problem(path: Path, text: str, statement: Statement | None, offset: int, said: str) -> FileProblem:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    if statement is not None and statement.offset <= offset:
        line, column = statement.line, statement.column
    return FileProblem(
        path,
        f"the file splits differently for ratchet (sqlparse) and the database: {said}; ratchet refuses to guess. "
        "Usual causes: a backslash before a quote (not an escape in a standard string: 'C:\\' ends at its quote), "
        "a nested /* comment */, or a name spelled like a keyword such as begin or end (double-quote it)",
        line=line,
        column=column,
        rule=RULE,
    )
