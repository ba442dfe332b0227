"""Split a migration file into statements with sqlparse, keeping each statement's line.

sqlparse's ungrouped filter stack gives the flat, lossless token stream: the statements'
text concatenated is exactly the input, so line numbers are counted, not guessed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlparse import engine, tokens
from sqlparse.sql import Statement as ParsedStatement
from sqlparse.sql import Token

from ratchet.errors import FileProblem

TRANSACTION_WORDS = frozenset({"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "START", "END", "ABORT"})


@dataclass(frozen=True)
class Statement:
    """One statement: its 1-based number in the file, 1-based start line and column, SQL."""

    number: int
    line: int
    column: int
    sql: str
    tokens: tuple[Token, ...]

    def first_words(self, count: int) -> list[str]:
        """The first ``count`` keywords/names, upper-cased (comments and spaces skipped)."""
        words: list[str] = []
        for token in self.tokens:
            if token.is_whitespace or token.ttype in tokens.Comment:
                continue
            if token.ttype in tokens.Punctuation:
                break
            words.append(token.value.upper())
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
    stack = engine.FilterStack()  # type: ignore[no-untyped-call]
    yield from stack.run(text)  # type: ignore[no-untyped-call]


def split_statements(text: str) -> list[Statement]:
    """Split ``text`` into statements, dropping comment-only and empty pieces."""
    statements: list[Statement] = []
    line, column = 1, 1
    for parsed in _parse(text):
        body = _meaningful(parsed)
        if body:
            offset_line, offset_column = line, column
            for token in parsed.tokens:
                if token is body[0]:
                    break
                offset_line, offset_column = advance(offset_line, offset_column, token.value)
            sql = "".join(token.value for token in body)
            statements.append(Statement(len(statements) + 1, offset_line, offset_column, sql, tuple(body)))
        line, column = advance(line, column, str(parsed))
    return statements


def advance(line: int, column: int, value: str) -> tuple[int, int]:
    """The 1-based line and column just after ``value`` written at ``line``/``column``."""
    newlines = value.count("\n")
    if newlines:
        return line + newlines, len(value) - value.rfind("\n")
    return line, column + len(value)


def statement_problems(path: Path, statements: list[Statement], *, transactional: bool) -> list[FileProblem]:
    """Statements ratchet cannot run safely: ``DELIMITER``, and transaction control in a
    file that ratchet wraps in its own transaction."""
    problems: list[FileProblem] = []
    for statement in statements:
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
