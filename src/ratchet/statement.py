"""A split statement and what is known of it without sqlparse: its place, its first words, whether
ratchet can run it (``statement_problems``), the sqlparse versions the fast splits are proven on.

Apart from :mod:`ratchet.split` so that a run that never splits with sqlparse (``ratchet lint`` on
PostgreSQL files, which pglast splits: ``linter.postgres.fastsplit``) never imports it: sqlparse
and the lexer built from its rules load when a statement's tokens are first asked for.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ratchet.errors import FileProblem
from ratchet.lazyre import LazyPattern

if TYPE_CHECKING:
    from sqlparse.sql import Token

TRANSACTION_WORDS = frozenset({"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "START", "END", "ABORT"})

#: The sqlparse versions that ratchet's fast splits (``split._PLAIN_INSERT_LINE``, ``split._simple``,
#: ``linter.postgres.fastsplit``) and its lexer (``ratchet.lexer``) are proven on; with any other
#: version, sqlparse's own splitter does every statement.
PROVEN_ON = frozenset({"0.6.1"})
_VERSION_LINE = re.compile(r"""^__version__ = ["']([^"']+)["']""", re.MULTILINE)


def sqlparse_version() -> str | None:
    """The installed sqlparse's ``__version__``, read from its source (once) when it is not imported
    yet: importing it costs more than the PostgreSQL lint of a hundred files. ``None``: not found."""
    module = sys.modules.get("sqlparse")
    if module is not None:
        return str(module.__version__)
    if not _source_version:
        _source_version.append(_read_sqlparse_version())
    return _source_version[0]


#: sqlparse's version as its source says, once read.
_source_version: list[str | None] = []


def _read_sqlparse_version() -> str | None:
    from importlib.util import find_spec

    spec = find_spec("sqlparse")
    if spec is None or spec.origin is None:
        return None
    try:
        with open(spec.origin, encoding="utf-8") as source:
            found = _VERSION_LINE.search(source.read())
    except (OSError, UnicodeDecodeError):
        return None
    return found.group(1) if found else None


# A statement that starts with INSERT (the bulk of a data file) does not keep its tokens:
# millions of sqlparse Token objects would cost many times the file's size in memory. They are
# lexed again from ``sql`` when asked for, which gives the very same tokens (the statement is
# lexed and split alone exactly as in its file; tests/test_fastlex_differential.py checks it).
RELEXED = re.compile(r"INSERT\s", re.IGNORECASE)


class Statement(NamedTuple):
    """One statement: its 1-based number in the file, 1-based start line and column, SQL,
    its 0-based character offset in the file, and whether it is a plain one-row INSERT line
    (``_PLAIN_INSERT_LINE``: no comment, backslash, quoted name or keyword in it)."""

    number: int
    line: int
    column: int
    sql: str
    held: tuple[Token, ...] | None  # None: lexed again from ``sql`` on demand (see RELEXED, linter.postgres.fastsplit)
    offset: int = 0
    plain: bool = False

    @property
    def tokens(self) -> tuple[Token, ...]:
        """sqlparse's flat tokens of the statement (no leading/trailing blanks or ``;``)."""
        if self.held is not None:
            return self.held
        from ratchet.split import relex

        return relex(self.sql)

    def first_words(self, count: int) -> list[str]:
        """The first ``count`` keywords/names, upper-cased (comments and spaces skipped)."""
        if self.held is None and count == 1 and RELEXED.match(self.sql):  # "INSERT" and white space: one word
            return [self.sql[:6].upper()]
        from ratchet.lexer import tokenize

        words: list[str] = []
        pairs = ((token.ttype, token.value) for token in self.held) if self.held is not None else tokenize(self.sql)
        for ttype, value in pairs:
            blank, punctuation = _KINDS.get(ttype) or _kinds(ttype)
            if blank:
                continue
            if punctuation:
                break
            words.append(value.upper())
            if len(words) == count:
                break
        return words


#: Per token type: (white space or comment, punctuation). sqlparse's ``ttype in tokens.Comment`` is a
#: Python call; a statement's first words are looked for many times (the lint, the replay, the runner).
_KINDS: dict[object, tuple[bool, bool]] = {}


def _kinds(ttype: object) -> tuple[bool, bool]:
    from sqlparse import tokens

    found = _KINDS[ttype] = (ttype in tokens.Whitespace or ttype in tokens.Comment, ttype in tokens.Punctuation)
    return found


def advance(line: int, column: int, value: str) -> tuple[int, int]:
    """The 1-based line and column just after ``value`` written at ``line``/``column``."""
    newlines = value.count("\n")
    if newlines:
        return line + newlines, len(value) - value.rfind("\n")
    return line, column + len(value)


# A statement's first word is its text's first token: a statement that does not start with one of these
# words (case-insensitive, ending where a word ends) has none of them as its first word.
_MAY_CONTROL = re.compile(rf"(?:{'|'.join(sorted(TRANSACTION_WORDS | {'DELIMITER'}))})(?!\w)", re.IGNORECASE)


def statement_problems(path: Path, statements: Sequence[Statement], *, transactional: bool) -> list[FileProblem]:
    """Statements ratchet cannot run safely: ``DELIMITER``, and transaction control in a
    file that ratchet wraps in its own transaction."""
    problems: list[FileProblem] = []
    for statement in _not_in_runs(statements):  # a run's lines are plain INSERT lines
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


def unrunnable_problems(path: Path, statements: Sequence[Statement], dialect: str | None) -> list[FileProblem]:
    """Statements no ratchet run can serve, refused with their line before anything runs (the lint
    reports them as ``opaque-sql``): PostgreSQL's ``COPY ... FROM STDIN``, whose rows psql sends
    after it (ratchet sends SQL statements only; a ``COPY ... TO STDOUT`` only reads, and runs with
    its rows dropped), and, on SQLite (``dialect``; ``None``: any), ``ATTACH``, which opens another database file
    that ratchet's lock, history and rollback do not cover (``--rehearse`` would change it for real)
    and that stays attached for the files after it."""
    problems: list[FileProblem] = []
    for statement in _not_in_runs(statements):
        if statement.plain or not _MAY_BE_UNRUNNABLE.match(statement.sql):
            continue
        if client_copy(statement) == "FROM STDIN":
            message = (
                "COPY ... FROM STDIN exchanges rows with a client such as psql, which ratchet is not: ratchet sends "
                "SQL statements only; load the rows with INSERT statements (the data lines after it are not SQL), "
                "or COPY from a file on the database server"
            )
        elif dialect in (None, "sqlite") and statement.first_words(1) == ["ATTACH"]:
            message = (
                "ATTACH opens another database file, which ratchet's lock, history and rollback do not cover "
                "(a rehearsal would change it for real) and which would stay attached for the files after this one; "
                "migrate each database with its own migrations directory"
            )
        else:
            continue
        problems.append(FileProblem(path, message, line=statement.line, column=statement.column))
    return problems


def client_copy(statement: Statement) -> str | None:
    """``"FROM STDIN"`` or ``"TO STDOUT"`` when ``statement`` is a ``COPY`` that reads its rows from the
    client or writes them to it (the words outside parentheses: a query's own ``FROM`` is not one)."""
    if statement.plain or not _MAY_BE_UNRUNNABLE.match(statement.sql) or statement.first_words(1) != ["COPY"]:
        return None
    from ratchet.lexer import tokenize

    depth = 0
    previous = ""
    for ttype, value in tokenize(statement.sql):
        blank, punctuation = _KINDS.get(ttype) or _kinds(ttype)
        if blank:
            continue
        if punctuation:
            depth += value == "("
            depth -= value == ")"
            previous = ""
            continue
        word = value.upper()
        if depth == 0 and (previous, word) in _CLIENT_ENDS:
            return f"{previous} {word}"
        previous = word
    return None


#: A statement that may be a ``COPY`` or an ``ATTACH`` (past the blanks and comments before it).
_MAY_BE_UNRUNNABLE = LazyPattern(r"(?:\s+|--[^\n]*(?:\n|\Z)|/\*[\s\S]*?\*/)*(?:COPY|ATTACH)(?!\w)", re.IGNORECASE)
_CLIENT_ENDS = frozenset({("FROM", "STDIN"), ("TO", "STDOUT")})


def _not_in_runs(statements: Sequence[Statement]) -> Iterable[Statement]:
    """``split.not_in_runs``: a list as it is (split.py, which makes the runs, is not imported for it)."""
    if isinstance(statements, list):
        return statements
    from ratchet.split import not_in_runs

    return not_in_runs(statements)


def _is_transaction_control(words: list[str]) -> bool:
    first = words[0]
    if first == "START":
        return len(words) > 1 and words[1] == "TRANSACTION"
    if first == "END":
        return len(words) == 1 or words[1] in {"TRANSACTION", "WORK"}
    return first in TRANSACTION_WORDS


#: What opens a MySQL/MariaDB executable comment (``/*!40101 ...*/``, ``/*M!100100 ...*/``).
EXECUTABLE_OPENERS = ("/*!", "/*M!")
#: An executable comment: its opening marker (with the version), its SQL, its end.
_EXECUTABLE_COMMENT = LazyPattern(r"(/\*M?!\d*)(.*?)(\*/)", re.DOTALL)


def opened_executable_comments(statement: Statement) -> Statement:
    """``statement`` with MySQL's executable comments opened: ``/*!40101 SET NAMES utf8 */`` and
    MariaDB's ``/*M!100100 ... */`` are the SQL in them, which the server runs (mysqldump writes them
    around every table; a column option such as ``/*!80023 INVISIBLE */`` sits inside a statement).
    The markers become blanks of the same length, so lines and columns stay those of the file."""
    opened = _EXECUTABLE_COMMENT.sub(lambda m: " " * len(m[1]) + m[2] + " " * len(m[3]), statement.sql)
    return statement if opened == statement.sql else statement._replace(sql=opened, held=None)
