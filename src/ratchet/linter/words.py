"""A statement as a list of significant words, each with its parenthesis depth and position.

Built from sqlparse's flat token stream (``Statement.tokens``), never from ``get_type()`` or
sqlparse's grouping, which misreads ``RENAME TABLE``, ``PRAGMA``, ``DO`` and data-modifying
CTEs and gives up on statements of over 10,000 tokens.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from sqlparse import tokens as T
from sqlparse.sql import Token

from ratchet.statement import Statement, advance


class Word(NamedTuple):
    """One significant token: text, upper-cased text, depth (0 = top level), 1-based position.
    (A named tuple: a statement's words are made by the thousand, and a frozen dataclass takes
    three times as long to make.)"""

    text: str
    upper: str
    ttype: object
    depth: int
    line: int
    column: int

    @property
    def is_name_like(self) -> bool:
        """Could be an identifier: a name, a quoted identifier, or a keyword used as a name."""
        if self.ttype in T.Name or self.ttype in T.String.Symbol:
            return True
        return self.ttype in T.Keyword and self.upper not in _STRUCTURAL

    @property
    def ident(self) -> str:
        """The identifier this word names: quotes removed, lower-cased."""
        text = self.text
        if len(text) >= 2 and text[0] in '"`[' and text[-1] in '"`]':
            text = text[1:-1]
        return text.lower()


_STRUCTURAL = frozenset(
    {"ON", "TO", "AS", "SET", "WHERE", "FROM", "ADD", "DROP", "RENAME", "ALTER", "TABLE", "COLUMN", "IF", "EXISTS"}
)


def iter_words(statement: Statement) -> Iterator[Word]:
    """The statement's significant words in order; comments and white space skipped.

    Multi-word keywords that sqlparse lexes as one token (``NOT NULL``, ``IF EXISTS``,
    ``ORDER BY``) come out as one word per keyword, each at its own column.
    """
    line, column = statement.line, statement.column
    depth = 0
    flags = _FLAGS.get
    for token in statement.tokens:
        value = token.value
        comment, punctuation, keyword = flags(token.ttype) or _flags(token.ttype)
        if not (token.is_whitespace or comment):
            if value == ")" and punctuation:
                depth = max(depth - 1, 0)
                yield Word(value, value, token.ttype, depth, line, column)
            elif keyword and (" " in value or "\n" in value or "\t" in value):
                yield from _keyword_words(token, value, depth, line, column)
            else:
                yield Word(value, value.upper(), token.ttype, depth, line, column)
                if value == "(" and punctuation:
                    depth += 1
        # advance() written out: a call per token was a tenth of this loop
        newlines = value.count("\n")
        if newlines:
            line, column = line + newlines, len(value) - value.rfind("\n")
        else:
            column += len(value)


#: Per token type: (comment, punctuation, keyword). sqlparse's ``ttype in T.Comment`` is a Python
#: call on every token; here it is one dict lookup per token, computed once per type.
_FLAGS: dict[object, tuple[bool, bool, bool]] = {}


def _flags(ttype: object) -> tuple[bool, bool, bool]:
    found = _FLAGS[ttype] = (ttype in T.Comment, ttype in T.Punctuation, ttype in T.Keyword)
    return found


def _keyword_words(token: Token, value: str, depth: int, line: int, column: int) -> Iterator[Word]:
    """``NOT NULL`` as two words, each at its own position."""
    offset = 0
    for part in value.split():
        offset = value.index(part, offset)
        part_line, part_column = advance(line, column, value[:offset])
        yield Word(part, part.upper(), token.ttype, depth, part_line, part_column)
        offset += len(part)


def after_lock_wait(words: list[Word], index: int) -> int:
    """The index after MariaDB's lock-wait option of ``ALTER TABLE t [WAIT n | NOWAIT] ...`` at
    ``words[index]`` (``index`` itself when there is none)."""
    if index < len(words) and words[index].upper == "NOWAIT":
        return index + 1
    if index + 1 < len(words) and words[index].upper == "WAIT" and words[index + 1].text.isdigit():
        return index + 2
    return index
