"""Classify one statement from its words and list the rule candidates it raises.

It serves SQLite and MySQL; PostgreSQL files are parsed by ``linter.postgres`` and never reach
it (``tests/lint/test_lint_leftovers.py`` checks). The classifier knows nothing about the rest
of the file: same-file exemptions, waivers and rebuild verification are the engine's job. A
candidate names the object it touches so the engine can exempt objects created earlier in the
file and match ``allow RULE:OBJECT``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice, takewhile

from sqlparse import tokens as T

from ratchet.linter.nulldefault import folded_literal, folds_to_null, null_literal
from ratchet.linter.words import Word, after_lock_wait, iter_words
from ratchet.statement import TRANSACTION_WORDS, Statement, opened_executable_comments

#: Words read to classify a bulk-data statement (INSERT ... VALUES of any size).
HEAD_LIMIT = 64
_DATA_VERBS = frozenset({"INSERT", "REPLACE"})
_CREATE_MODIFIERS = frozenset(
    {"OR", "REPLACE", "TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL", "VIRTUAL", "RECURSIVE", "CONSTRAINT"}
    | {"UNIQUE", "ALGORITHM", "=", "UNDEFINED", "MERGE", "TEMPTABLE", "SQL", "SECURITY", "INVOKER", "AGGREGATE"}
    | {"TRUSTED", "PROCEDURAL", "ONLINE", "OFFLINE", "FULLTEXT", "SPATIAL", "IF", "NOT", "EXISTS"}
)
_CREATE_KINDS = {
    "TABLE": "table",
    "INDEX": "index",
    "VIEW": "view",
    "TRIGGER": "trigger",
    "FUNCTION": "routine",
    "PROCEDURE": "routine",
    "EVENT": "routine",
    "SEQUENCE": "sequence",
    "TYPE": "type",
    "DOMAIN": "type",
    "SCHEMA": "schema",
    "DATABASE": "schema",
    "EXTENSION": "extension",
    "MATERIALIZED": "view",
}
_DROP_RULES = {
    "TABLE": ("drop-table", "table"),
    "VIEW": ("drop-view", "view"),
    "MATERIALIZED": ("drop-view", "view"),
    "INDEX": ("drop-index", "index"),
    "TRIGGER": ("drop-trigger", "trigger"),
    "FUNCTION": ("drop-routine", "routine"),
    "PROCEDURE": ("drop-routine", "routine"),
    "EVENT": ("drop-routine", "routine"),
    "AGGREGATE": ("drop-routine", "routine"),
    "TYPE": ("drop-type", "type"),
    "DOMAIN": ("drop-type", "type"),
    "SEQUENCE": ("drop-sequence", "sequence"),
    "SCHEMA": ("drop-schema", "schema"),
    "DATABASE": ("drop-schema", "schema"),
    "EXTENSION": ("drop-extension", "extension"),
}
_ALTER_RENAMEABLE = frozenset({"INDEX", "VIEW", "SEQUENCE", "TYPE", "DOMAIN", "FUNCTION", "PROCEDURE", "TRIGGER"})
_SAFE_VERBS = frozenset(
    {"SELECT", "VALUES", "SET", "COMMENT", "GRANT", "ANALYZE", "ANALYSE", "LOCK", "UNLOCK", "DEALLOCATE"}
)
_OPAQUE_VERBS = frozenset({"DO", "EXECUTE", "EXEC", "PREPARE", "CALL", "LOAD", "SOURCE", "HANDLER"})
_BODY_FRAGMENTS = frozenset({"END", "ELSE", "ELSEIF", "ELSIF", "UNTIL", "DECLARE", "RETURN", "LEAVE", "ITERATE"})
_CONSTRAINT_WORDS = frozenset({"CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE"})
_INDEX_WORDS = frozenset({"INDEX", "KEY", "FULLTEXT", "SPATIAL"})
_ROW_FILTERS = frozenset(
    {"WHERE", "LIMIT", "OFFSET", "JOIN", "GROUP", "HAVING", "UNION", "EXCEPT", "INTERSECT", "FETCH", "DISTINCT"}
)
#: ``ALTER TABLE ... ALTER INDEX i`` endings: MySQL's VISIBLE/INVISIBLE, MariaDB's [NOT] IGNORED.
_INDEX_VISIBILITY = (["VISIBLE"], ["INVISIBLE"], ["IGNORED"])
_SQLITE_NO_TX_PRAGMAS = frozenset({"journal_mode"})
#: MySQL ``ALTER TABLE`` options that change how the table is stored or altered, not its data.
_TABLE_OPTIONS = frozenset(
    {"ALGORITHM", "LOCK", "ENGINE", "ROW_FORMAT", "COMMENT", "AUTO_INCREMENT", "KEY_BLOCK_SIZE"}
    | {"STATS_PERSISTENT", "STATS_AUTO_RECALC", "STATS_SAMPLE_PAGES", "PACK_KEYS", "CHECKSUM"}
)

# What to do instead of changing a column in place (expand/contract), shown with alter-column-type.
_NEW_COLUMN_ADVICE = (
    "existing values may not convert and the table may be rewritten under lock: add a column of the new "
    "type, backfill it, move readers to it, and drop the old one in a later release"
)


@dataclass(frozen=True)
class Candidate:
    """A possible finding; ``kind``/``name`` is the object it touches, ``column`` a column of it."""

    rule: str
    line: int
    column: int
    message: str
    kind: str | None = None
    name: str | None = None
    column_name: str | None = None
    backfill: tuple[str, ...] = ()
    if_exists: bool = False  # DROP ... IF EXISTS
    place: str = ""  # a DROP's schema (lower-cased), or "temp"; "" for the default one
    recreated: bool = False  # a drop by CREATE OR REPLACE, which makes the object again

    @property
    def object(self) -> str | None:
        """``table`` or ``table.column``: what ``allow RULE:OBJECT`` matches."""
        if self.name is None:
            return None
        return f"{self.name}.{self.column_name}" if self.column_name else self.name


@dataclass(slots=True)
class Classified:
    """What one statement is and does.

    One per statement, and a 20 MB data file has hundreds of thousands: no ``__dict__``, and the
    sequences are the shared empty tuple unless the classifier fills them (its own lists).
    """

    statement: Statement
    candidates: Sequence[Candidate] = ()
    creates: Sequence[tuple[str, str]] = ()
    added_columns: Sequence[tuple[str, str]] = ()
    dropped_tables: Sequence[str] = ()
    renamed_table: tuple[str, str] | None = None
    #: ``(table, old, new)`` of each ``RENAME COLUMN old TO new``.
    renamed_columns: Sequence[tuple[str, str, str]] = ()
    insert_target: str | None = None
    ddl: bool = False
    rest_is_data: bool = False
    #: Objects of ``CREATE ... IF NOT EXISTS``: the file expects they may exist, so they are not new.
    maybe_existing: Sequence[tuple[str, str]] = ()
    #: ``(kind, name, place)`` of an object made temporary or in a named schema (``place`` as
    #: :attr:`Candidate.place`): another object than the one an unqualified DROP named.
    made_in: Sequence[tuple[str, str, str]] = ()
    #: ``(index, table)`` of a ``CREATE INDEX``.
    index_on: tuple[str, str] | None = None


def _names_after(words: list[Word], start: int) -> tuple[str | None, int]:
    """Read a possibly qualified name at ``words[start]``; return its last part and the next index."""
    if start >= len(words) or not words[start].is_name_like:
        return None, start
    name = words[start].ident
    index = start + 1
    while index + 1 < len(words) and words[index].text == "." and words[index + 1].is_name_like:
        name = words[index + 1].ident
        index += 2
    return name, index


def _place(words: list[Word], start: int, temporary: bool) -> str:
    """Where the name at ``words[start]`` is: ``temp`` for a temporary object, else its schema
    lower-cased (``schema.name``), ``""`` for none or the default one (``main``, ``public``)."""
    if temporary:
        return "temp"
    qualified = start + 2 < len(words) and words[start + 1].text == "." and words[start].is_name_like
    schema = words[start].ident.lower() if qualified else ""
    return "" if schema in ("main", "public") else schema


#: The values SQLite reads as on for a boolean PRAGMA besides a non-zero number; any other turns it off.
_PRAGMA_ON_WORDS = frozenset({"ON", "YES", "TRUE"})
_HEX_DIGITS = "0123456789ABCDEF"


def sets_foreign_keys_off(statement: Statement) -> bool:
    """Whether ``statement`` is a ``PRAGMA foreign_keys`` that turns them off: as SQLite reads the
    value, every word but a few (and a signed negative number, or one whose low byte is zero) means off."""
    words = list(iter_words(statement))
    if not words or words[0].upper != "PRAGMA":
        return False
    name, index = _names_after(words, 1)
    if name != "foreign_keys" or index + 1 >= len(words) or words[index].text not in ("=", "("):
        return False
    value = words[index + 1].upper
    if value == "+" and index + 2 < len(words):
        value = words[index + 2].upper
    value = value.strip("'\"`[]")
    return _pragma_number(value) & 0xFF == 0 if value[:1].isdigit() else value not in _PRAGMA_ON_WORDS


def _pragma_number(value: str) -> int:
    """The number SQLite reads from a PRAGMA value that starts with a digit (upper case): hexadecimal
    after ``0X``, else the decimal digits up to the first other character (``1.5`` is 1); a number
    that does not fit in 32 signed bits is 0. SQLite then keeps only its low byte as a boolean, so
    ``256`` and ``0x100`` are off."""
    hexadecimal = value[:2] == "0X" and len(value) > 2 and value[2] in _HEX_DIGITS
    digits = value[2:] if hexadecimal else value
    digits = digits.lstrip("0")
    run = len(digits) - len(digits.lstrip(_HEX_DIGITS if hexadecimal else "0123456789"))
    if run > (8 if hexadecimal else 10):
        return 0
    number = int(digits[:run] or "0", 16 if hexadecimal else 10)
    return number if number <= 0x7FFFFFFF else 0


def _literal_in_parentheses(action: list[Word]) -> bool:
    """Whether the parenthesised ``DEFAULT ( ... )`` of an ADD COLUMN holds one literal, signed or
    not, or its ``CAST`` (``DEFAULT (0)``, ``DEFAULT ('en')``): SQLite takes that as a constant
    default, as it does the bare literal; an expression (``(1 + 1)``, ``(strftime('%s', 'now'))``)
    it refuses on a table with rows."""
    return folded_literal(_default_text(action)) is not None


def _default_text(action: list[Word]) -> str:
    """The text of the ``DEFAULT`` of an ADD COLUMN: the word after it, signed or not, or the whole
    of its parenthesised expression (words joined by blanks)."""
    at = next(i for i, w in enumerate(action) if w.depth == 0 and w.upper == "DEFAULT")
    first = action[at + 1]
    if first.text in ("-", "+") and at + 2 < len(action):
        return first.text + action[at + 2].text
    if first.text != "(":
        return first.text
    inner = takewhile(lambda w: w.depth > first.depth, action[at + 2 :])
    return " ".join(["(", *(w.text for w in inner), ")"])


def _blob_literal(words: Sequence[Word]) -> bool:
    """Whether ``words`` are one blob literal, ``X'00ff'``: sqlparse reads it as the name ``X`` and
    a string."""
    return len(words) == 2 and words[0].upper == "X" and words[1].ttype in T.Literal.String.Single


def _skip(words: list[Word], index: int, *phrases: tuple[str, ...]) -> int:
    """Skip any of the keyword ``phrases`` at ``index`` (repeatedly)."""
    moved = True
    while moved and index < len(words):
        moved = False
        upper = words[index].upper
        for phrase in phrases:
            if phrase[0] != upper or index + len(phrase) > len(words):
                continue
            if all(words[index + k].upper == part for k, part in enumerate(phrase)):
                index += len(phrase)
                moved = True
                break
    return index


#: What ends a ``WHERE`` clause of an UPDATE or DELETE.
_AFTER_WHERE = frozenset({"RETURNING", "ORDER", "LIMIT", ";"})
#: ... and of the SELECT of an ``INSERT ... SELECT`` (``ON`` starts its upsert clause).
_AFTER_SELECT_WHERE = _AFTER_WHERE | {"ON", "GROUP", "HAVING", "WINDOW", "UNION", "EXCEPT", "INTERSECT", "OFFSET"}


def _keeps_every_row(top: list[Word], ends: frozenset[str] = _AFTER_WHERE) -> bool:
    """Whether the statement's ``WHERE`` keeps every row: none, ``WHERE true``, ``WHERE 1`` (SQLite
    and MySQL read a non-zero number as true) or two equal constants compared (``WHERE 1 = 1``,
    written to get past tools that refuse an UPDATE or DELETE without WHERE)."""
    at = next((i for i, w in enumerate(top) if w.upper == "WHERE"), None)
    if at is None:
        return True
    condition: list[Word] = []
    for word in top[at + 1 :]:
        if word.upper in ends:
            break
        condition.append(word)
    if len(condition) == 1:
        only = condition[0]
        return only.upper == "TRUE" or (only.ttype in T.Number and _nonzero(only.text))
    if len(condition) != 3 or condition[1].text not in ("=", "=="):
        return False
    left, right = condition[0], condition[2]
    constant = T.Number, T.String.Single
    return left.text == right.text and any(left.ttype in kind for kind in constant)


def _nonzero(number: str) -> bool:
    try:
        return float(number) != 0
    except ValueError:
        return int(number, 16) != 0 if number[:2].lower() == "0x" else False


def _indexed_columns(words: list[Word]) -> tuple[str, ...]:
    """The parts of the indexed list ``( ... )`` that ``words`` start with: a plain name (with
    ``COLLATE``, ``ASC`` or ``DESC``) as its column, an expression as its text lower-cased without
    blanks or quotes (``lower(email)``), as the SQLite snapshot of an index shows it; so an
    expression is never a column the file added."""
    listed: list[Word] = []
    for word in words[1:] if words and words[0].text == "(" else []:
        if word.depth == 0:
            break
        listed.append(word)
    return tuple(
        part[0].ident
        if part[0].is_name_like and (len(part) == 1 or part[1].upper in ("COLLATE", "ASC", "DESC"))
        else re.sub(r"[\"`\[\]]", "", "".join(w.text for w in part)).lower()
        for part in _split_top(listed, 0, 1)
    )


def _split_top(words: list[Word], start: int, depth: int = 0) -> list[list[Word]]:
    """The comma-separated parts (at ``depth``) of ``words[start:]``, each with its nested words."""
    parts: list[list[Word]] = [[]]
    for word in words[start:]:
        if word.depth == depth and word.text == ",":
            parts.append([])
        else:
            parts[-1].append(word)
    return [p for p in parts if p]


#: ``INSERT INTO name`` then a column list, VALUES or SELECT: nothing to report but the target
#: (a rebuild's copy is then read in full by :func:`copy_info`).
_PLAIN_INSERT = re.compile(r"INSERT\s+INTO\s+([A-Za-z_][A-Za-z0-9_]*)\s*[(\s]", re.IGNORECASE)
_BLOCK_OPENERS = frozenset({"BEGIN", "CASE", "IF", "WHILE", "LOOP", "REPEAT"})


def _opens_block(words: list[Word], position: int) -> bool:
    word = words[position]
    following = words[position + 1].upper if position + 1 < len(words) else ""
    if word.upper not in _BLOCK_OPENERS:
        return False
    if following == "(":  # IF(...) and REPEAT(...) are functions; IF (cond) THEN is a block
        closing = next(
            (i for i in range(position + 2, len(words)) if words[i].depth == word.depth and words[i].text == ")"),
            len(words),
        )
        return word.upper == "IF" and closing + 1 < len(words) and words[closing + 1].upper == "THEN"
    if word.upper == "IF" and following in ("EXISTS", "NOT"):
        # IF [NOT] EXISTS name (DDL), unless a subquery follows: IF NOT EXISTS (SELECT ...) THEN;
        # IF NOT without EXISTS negates a condition: IF NOT (a <=> b) THEN
        exists_at = position + (2 if following == "NOT" else 1)
        if exists_at >= len(words) or words[exists_at].upper != "EXISTS":
            return True
        return exists_at + 1 < len(words) and words[exists_at + 1].text == "("
    return not (position > 0 and words[position - 1].upper == "END")  # the IF of END IF


def _balanced(words: list[Word]) -> bool:
    """Whether every BEGIN/CASE/IF/WHILE/LOOP/REPEAT block of a routine body is closed by its
    END and nothing follows the outermost END: otherwise sqlparse split the body wrongly."""
    stack: list[str] = []
    for position, word in enumerate(words):
        if _opens_block(words, position):
            stack.append(word.upper)
        elif word.upper == "END":
            if not stack:
                return False
            following = words[position + 1].upper if position + 1 < len(words) else ""
            closes = following if following in _BLOCK_OPENERS - {"BEGIN"} else None
            opened = stack.pop()
            if (closes is not None and opened != closes) or (closes is None and opened not in ("BEGIN", "CASE")):
                return False
            if not stack and position + 2 < len(words):
                return False  # more than a label after the outermost END: a statement was swallowed
    return not stack


def _data_head(statement: Statement) -> list[Word]:
    """The words of ``INSERT [OR x] [INTO] name`` / ``REPLACE [INTO] name``, and no further.

    Statements of bulk data are the most numerous and the longest, so this reads raw tokens
    up to the target table and nothing else.
    """
    words: list[Word] = []
    after_name = False
    for word in islice(iter_words(statement), HEAD_LIMIT):
        if after_name and word.text != ".":
            break
        words.append(word)
        after_name = len(words) > 1 and word.is_name_like and word.upper not in ("INTO", "OR", "IGNORE", "REPLACE")
        if word.text == ".":
            after_name = False
    return words


class _Classifier:
    def __init__(self, statement: Statement, dialect: str, transactional: bool) -> None:
        self.statement = statement
        self.dialect = dialect
        self.transactional = transactional
        self.words: list[Word] = []
        self.candidates: list[Candidate] = []
        self.creates: list[tuple[str, str]] = []
        self.added_columns: list[tuple[str, str]] = []
        self.dropped_tables: list[str] = []
        self.out = Classified(statement, self.candidates, self.creates, self.added_columns, self.dropped_tables)

    def add(self, rule: str, at: Word, message: str, **obj: str | tuple[str, ...] | bool | None) -> None:
        self.candidates.append(Candidate(rule, at.line, at.column, message, **obj))  # type: ignore[arg-type]

    def run(self) -> Classified:
        if not self.statement.tokens:  # a splitter that kept no tokens: nothing is proven (default-deny)
            where = Word(self.statement.sql[:20], "", None, 0, self.statement.line, self.statement.column)
            self.words = [where]
            self.unrecognized(where, self.statement.sql[:30])
            return self.out
        if self.statement.tokens[0].value.upper() in _DATA_VERBS:
            # Bulk data: classify from the head only, however long the statement is.
            self.words = _data_head(self.statement)
            self.insert(self.words)
            return self.out
        self.words = list(iter_words(self.statement))
        first = self.words[0]
        if self.split_problem():
            return self.out
        verb = first.upper
        handler = {
            "CREATE": self.create,
            "ALTER": self.alter,
            "DROP": self.drop,
            "RENAME": self.rename_table,
            "TRUNCATE": self.truncate,
            "DELETE": self.delete,
            "UPDATE": self.update,
            "WITH": self.with_cte,
            "PRAGMA": self.pragma,
            "VACUUM": self.vacuum,
            "REINDEX": self.reindex,
            "REFRESH": self.refresh,
            "COPY": self.copy,
        }.get(verb)
        if handler is not None:
            handler(self.words)
        elif verb == "DELIMITER" or self.transaction_control():
            pass  # reported by split.statement_problems (in a no-transaction file it is allowed)
        elif verb in _OPAQUE_VERBS:
            self.add("opaque-sql", first, f"{verb} runs SQL the lint cannot see; write the statements out, or waive")
        elif verb in ("LOCK", "UNLOCK") and self.dialect == "mysql" and self.table_locks():
            pass
        elif verb in _SAFE_VERBS:
            self.safe_verb(self.words)
        elif not (self.dialect == "mysql" and [w.upper for w in self.words] == ["FLUSH", "PRIVILEGES"]):
            self.unrecognized(first)
        return self.out

    def transaction_control(self) -> bool:
        """BEGIN, COMMIT, ... as ``split`` counts them: START only in START TRANSACTION."""
        words = self.words
        if words[0].upper == "START":
            return len(words) > 1 and words[1].upper == "TRANSACTION"
        return words[0].upper in TRANSACTION_WORDS

    def unrecognized(self, at: Word, what: str | None = None) -> None:
        shown = what or " ".join(w.text for w in self.words[:3])
        self.add(
            "unrecognized-statement",
            at,
            f"unrecognised statement '{shown}': the lint cannot prove it additive; rewrite it, or waive with a reason",
        )

    # -- splitting -----------------------------------------------------------------------

    def split_problem(self) -> bool:
        words = self.words
        first = words[0]
        fragment_end = first.upper == "END" and (
            (len(words) > 1 and words[1].upper not in ("TRANSACTION", "WORK")) or self.dialect == "mysql"
        )
        if (first.upper in _BODY_FRAGMENTS and first.upper != "END") or fragment_end:
            self.add(
                "split-ambiguity",
                first,
                f"'{first.text}' starts a statement: a routine body was split at its ';'; write the routine "
                "as one statement with BEGIN ... END (no DELIMITER)",
            )
            return True
        semicolons = [w for w in words if w.text == ";" and w.ttype in T.Punctuation]
        if not semicolons:
            return False
        if first.upper == "CREATE" and any(w.upper == "BEGIN" for w in words) and _balanced(words):
            return False
        self.add(
            "split-ambiguity",
            semicolons[0],
            f"the statement starting with '{first.text}' at line {first.line} swallows the ';' at line "
            f"{semicolons[0].line}: sqlparse cannot split it; write it differently (for BEGIN ... use "
            "SET TRANSACTION, for routines one BEGIN ... END body)",
        )
        return True

    # -- statements ----------------------------------------------------------------------

    def table_locks(self) -> bool:
        """MySQL's ``LOCK TABLE(S)`` / ``UNLOCK TABLE(S)`` (what mysqldump writes around each table's
        rows): while a session holds table locks MySQL refuses it every other table, so ratchet could
        not record the file's progress in its history after each statement; reported as
        ``transaction-control`` in a file that ratchet tracks so (a ``no-transaction`` file is not)."""
        if len(self.words) < 2 or self.words[1].upper not in ("TABLE", "TABLES"):
            return False
        if self.transactional:
            self.add(
                "transaction-control",
                self.words[0],
                f"{self.words[0].upper} {self.words[1].upper}: while tables are locked MySQL refuses ratchet's "
                "progress record in schema_history after each statement, so the file cannot run; remove LOCK "
                "TABLES and UNLOCK TABLES (mysqldump --skip-add-locks): ratchet runs each file under its own lock",
            )
        return True

    def safe_verb(self, words: list[Word]) -> None:
        if words[0].upper == "SET" or words[0].upper not in ("SELECT", "VALUES"):
            return
        for word in words:
            if word.depth > 0 and word.ttype in T.Keyword.DML and word.upper in ("INSERT", "UPDATE", "DELETE"):
                self.add("data-modifying-cte", word, f"{word.upper} inside a query modifies rows; write it out")
                return

    def create(self, words: list[Word]) -> None:
        self.out.ddl = True
        if self.dialect == "mysql" and len(words) > 1 and words[1].upper in ("USER", "ROLE"):
            return  # an account, like GRANT: no schema change
        index = 1
        unique = False
        while index < len(words) and words[index].upper not in _CREATE_KINDS:
            upper = words[index].upper
            unique = unique or upper == "UNIQUE"
            if upper == "DEFINER":  # MySQL DEFINER = user@host: skip the account
                index += 1
                while index < len(words) and words[index].upper not in _CREATE_KINDS and words[index].upper != "SQL":
                    index += 1
                continue
            if upper not in _CREATE_MODIFIERS:
                break
            index += 1
        if index >= len(words) or words[index].upper not in _CREATE_KINDS:
            self.unrecognized(words[0])
            return
        kind_word = words[index]
        kind = _CREATE_KINDS[kind_word.upper]
        index += 1
        if kind_word.upper == "MATERIALIZED":
            index = _skip(words, index, ("VIEW",))
        if kind == "index":
            if index < len(words) and words[index].upper == "CONCURRENTLY":
                index += 1
            self.create_index(words, index, unique, kind_word)
            return
        guarded = _skip(words, index, ("IF", "NOT", "EXISTS"))
        name, _ = _names_after(words, guarded)
        if name is None:
            self.unrecognized(kind_word)
            return
        if guarded > index:
            self.out.maybe_existing = ((kind, name),)
        else:
            self.creates.append((kind, name))
        modifiers = [w.upper for w in words[1 : index - 1]]
        temporary = "TEMPORARY" in modifiers or "TEMP" in modifiers  # replaces only a temporary table
        if kind == "table" and "REPLACE" in modifiers and not temporary and self.dialect == "mysql":
            self.add(  # MariaDB's CREATE OR REPLACE TABLE is DROP TABLE IF EXISTS, then CREATE TABLE
                "drop-table",
                words[1 + modifiers.index("REPLACE")],
                f"CREATE OR REPLACE TABLE drops table {name} and its rows when it exists; create it under a new "
                "name, or waive with a reason",
                kind="table",
                name=name,
                if_exists=True,
                recreated=True,
            )
        if place := _place(words, guarded, any(w.upper in ("TEMP", "TEMPORARY") for w in words[1:index])):
            self.out.made_in = ((kind, name, place),)

    def create_index(self, words: list[Word], index: int, unique: bool, at: Word) -> None:
        guarded = _skip(words, index, ("IF", "NOT", "EXISTS"))
        conditional, index = guarded > index, guarded
        name: str | None = None
        if index < len(words) and words[index].upper != "ON":
            if place := _place(words, index, False):
                self.out.made_in = (("index", words[index + 2].ident, place),)
            name, index = _names_after(words, index)
        if index >= len(words) or words[index].upper != "ON":
            self.unrecognized(at)
            return
        index = _skip(words, index + 1, ("ONLY",))
        table, index = _names_after(words, index)
        if table is None:
            self.unrecognized(at)
            return
        if name and conditional:
            self.out.maybe_existing = (("index", name),)
        elif name:
            self.creates.append(("index", name))
        if name:
            self.out.index_on = (name, table)
        if unique:
            self.add(
                "add-unique-to-existing",
                words[0],
                f"unique index on existing table {table} fails if it holds duplicates; check first, or waive",
                kind="table",
                name=table,
                backfill=_indexed_columns(words[index:]),
            )

    def no_transaction(self, at: Word, what: str) -> None:
        if self.transactional:
            self.add(
                "needs-no-transaction",
                at,
                f"{what} cannot run inside a transaction; put it in its own file with '-- guard: no-transaction'",
            )

    def alter(self, words: list[Word]) -> None:
        self.out.ddl = True
        index = _skip(words, 1, ("IGNORE",), ("ONLINE",))
        what = words[index].upper if index < len(words) else ""
        if what == "TABLE":
            self.alter_table(words, index + 1)
        elif self.dialect == "mysql" and self.mysql_alter(words, what):
            return
        elif what in _ALTER_RENAMEABLE:
            self.alter_other(words, index)
        else:
            self.unrecognized(words[0])

    def mysql_alter(self, words: list[Word], what: str) -> bool:
        """MySQL ``ALTER`` statements that change no table: a view's new definition (as
        ``CREATE OR REPLACE VIEW``), a database's default character set (for tables created
        later), an event's schedule or body (as ``CREATE EVENT``). Whether it was one."""
        uppers = [w.upper for w in words if w.depth == 0]
        if "VIEW" in uppers and "AS" in uppers and uppers.index("VIEW") < uppers.index("AS"):
            return what in ("VIEW", "ALGORITHM", "DEFINER", "SQL")
        if what in ("DATABASE", "SCHEMA"):
            return bool({"CHARACTER", "CHARSET", "COLLATE"}.intersection(uppers)) and "RENAME" not in uppers
        if what == "EVENT" and "RENAME" in uppers:
            name, _ = _names_after(words, 2)
            at = next(w for w in words if w.depth == 0 and w.upper == "RENAME")
            self.add(
                "rename-other",
                at,
                f"renaming event {name} breaks code and later migrations that use the old name; keep the name, or "
                "waive with a reason",
            )
            return True
        return what == "EVENT"

    def alter_other(self, words: list[Word], index: int) -> None:
        kind_word = words[index]
        name, after = _names_after(words, _skip(words, index + 1, ("IF", "EXISTS")))
        rest = [w.upper for w in words[after:] if w.depth == 0]
        if rest[:1] == ["("] and ")" in rest:  # a routine's argument types: ALTER FUNCTION f(int) RENAME TO g
            closing = next(i for i in range(after, len(words)) if words[i].depth == 0 and words[i].text == ")")
            rest, after = rest[rest.index(")") + 1 :], min(closing + 1, len(words) - 1)
        if kind_word.upper == "TYPE" and rest[:2] == ["RENAME", "VALUE"]:
            self.add(
                "rename-enum-value",
                words[after],
                f"renaming a value of enum {name} breaks every reader and writer of the old label; add the new "
                "value (ALTER TYPE ... ADD VALUE), move the rows, and stop using the old one",
                kind="type",
                name=name,
            )
        elif rest[:2] == ["RENAME", "TO"] or rest[:3] == ["RENAME", "ATTRIBUTE"]:
            self.add("rename-other", words[after], f"renaming {kind_word.text.lower()} {name} breaks code that uses it")
        elif (kind_word.upper == "TYPE" and rest[:2] == ["ADD", "VALUE"]) or (
            kind_word.upper == "SEQUENCE" and "RENAME" not in rest
        ):
            return
        else:
            self.unrecognized(words[0])

    def alter_table(self, words: list[Word], index: int) -> None:
        index = _skip(words, index, ("IF", "EXISTS"), ("ONLY",))
        table, index = _names_after(words, index)
        if table is None:
            self.unrecognized(words[0])
            return
        if self.dialect == "mysql":
            index = after_lock_wait(words, index)
        for action in _split_top(words, index):
            self.alter_action(table, action)

    def alter_action(self, table: str, action: list[Word]) -> None:
        top = [w for w in action if w.depth == action[0].depth]
        first = top[0].upper
        second = top[1].upper if len(top) > 1 else ""
        if first == "ADD":
            self.alter_add(table, top, action)
        elif first == "DROP":
            self.alter_drop(table, top)
        elif first == "RENAME":
            self.alter_rename(table, top)
        elif first == "ALTER" or (first == "MODIFY") or first == "CHANGE":
            self.alter_column(table, top)
        elif (first in _TABLE_OPTIONS and second == "=") or (first == "VALIDATE" and second == "CONSTRAINT"):
            return
        elif not (self.dialect == "mysql" and self.mysql_table_option(table, top)):
            self.unrecognized(top[0], " ".join(w.text for w in top[:3]))

    def mysql_table_option(self, table: str, top: list[Word]) -> bool:
        """MySQL table defaults and maintenance (``DEFAULT CHARSET``, ``DISABLE KEYS``, ``FORCE``):
        benign; ``CONVERT TO CHARACTER SET`` changes every text column's type. Whether it was one."""
        uppers = [w.upper for w in top]
        if uppers[:1] == ["DEFAULT"]:
            uppers = uppers[1:]
        if uppers[:1] in (["CHARSET"], ["COLLATE"]) or uppers[:2] == ["CHARACTER", "SET"]:
            return True
        if uppers in (["DISABLE", "KEYS"], ["ENABLE", "KEYS"], ["FORCE"]):
            return True
        if uppers[:2] == ["CONVERT", "TO"]:
            self.add(
                "alter-column-type",
                top[0],
                f"CONVERT TO CHARACTER SET changes the type of every text column of {table} and rewrites it; "
                "convert the columns that need it one by one, or waive with a reason",
                kind="table",
                name=table,
            )
            return True
        return False

    def alter_add(self, table: str, top: list[Word], action: list[Word]) -> None:
        index = 1
        next_word = top[index].upper if index < len(top) else ""
        if next_word in _CONSTRAINT_WORDS or next_word in _INDEX_WORDS:
            self.alter_add_constraint(table, top)
            return
        index = _skip(top, index, ("COLUMN",))
        guarded = _skip(top, index, ("IF", "NOT", "EXISTS"))
        if self.dialect == "mysql" and guarded < len(top) and top[guarded].text == "(":
            # MySQL ADD [COLUMN] (a type, b type): each column as its own ADD
            depth = top[guarded].depth + 1
            inner = [w for w in action[action.index(top[guarded]) + 1 :] if w.depth >= depth]
            for part in _split_top(
                [Word(w.text, w.upper, w.ttype, w.depth - depth, w.line, w.column) for w in inner], 0
            ):
                self.alter_add(table, [top[0], *[w for w in part if w.depth == 0]], [top[0], *part])
            return
        column, index = _names_after(top, guarded)
        if column is None:
            self.unrecognized(top[0])
            return
        if not any(w.upper == "EXISTS" for w in top[1:guarded]):  # IF NOT EXISTS: the column may exist
            self.added_columns.append((table, column))
        uppers = [w.upper for w in top[index:]]
        pairs = list(zip(uppers, [*uppers[1:], ""], strict=True))
        not_null = ("NOT", "NULL") in pairs
        default_at = uppers.index("DEFAULT") if "DEFAULT" in uppers else -1
        default_value = uppers[default_at + 1] if 0 <= default_at < len(uppers) - 1 else ""
        default_text = _default_text(action) if default_value else ""
        has_default = (
            (default_value != "" and not folds_to_null(default_text))
            or "GENERATED" in uppers
            or "AUTO_INCREMENT" in uppers
        )
        has_default = has_default or any(u in ("SERIAL", "BIGSERIAL", "SMALLSERIAL", "IDENTITY") for u in uppers)
        if not_null and not has_default:
            self.add(
                "add-not-null-without-default",
                top[0],
                f"column {table}.{column} is NOT NULL without a default: adding it fails on existing rows; "
                "add a DEFAULT, or add it nullable and backfill",
                kind="table",
                name=table,
                column_name=column,
            )
        if self.dialect == "sqlite":
            self.sqlite_add_column(table, column, top[0], uppers, default_value, action, default_text)

    def sqlite_add_column(
        self,
        table: str,
        column: str,
        at: Word,
        uppers: list[str],
        default: str,
        action: list[Word],
        default_text: str,
    ) -> None:
        reason = None
        if "PRIMARY" in uppers or "UNIQUE" in uppers:
            reason = "a PRIMARY KEY or UNIQUE column"
        elif default in ("CURRENT_TIMESTAMP", "CURRENT_TIME", "CURRENT_DATE") or (
            default == "(" and not _literal_in_parentheses(action)
        ):
            reason = "a column whose default is not constant"
        elif "STORED" in uppers:
            reason = "a STORED generated column"
        elif "REFERENCES" in uppers and default and not null_literal(default_text):  # (NULL) is NULL, a CAST not
            reason = "a REFERENCES column with a non-NULL default"
        if reason:
            self.add(
                "sqlite-add-column-restriction",
                at,
                f"SQLite cannot ADD COLUMN {table}.{column}: {reason}; rebuild the table instead",
                kind="table",
                name=table,
                column_name=column,
            )

    def alter_add_constraint(self, table: str, top: list[Word]) -> None:
        uppers = [w.upper for w in top]
        if uppers[1] in _INDEX_WORDS and "UNIQUE" not in uppers:
            return  # MySQL ADD INDEX / KEY: a plain index
        if "UNIQUE" in uppers or "PRIMARY" in uppers:
            self.add(
                "add-unique-to-existing",
                top[0],
                f"unique/primary key on existing table {table} fails if it holds duplicates; check first, or waive",
                kind="table",
                name=table,
            )
        elif not ("NOT" in uppers and ("VALID" in uppers or "ENFORCED" in uppers)):
            self.add(
                "add-constraint-to-existing",
                top[0],
                f"constraint on existing table {table} fails on rows that violate it and locks the table; "
                "on PostgreSQL add it NOT VALID and VALIDATE it later",
                kind="table",
                name=table,
            )

    def alter_drop(self, table: str, top: list[Word]) -> None:
        second = top[1].upper if len(top) > 1 else ""
        if second in ("CONSTRAINT", "PRIMARY", "FOREIGN", "CHECK"):
            named = _skip(top, 2, ("KEY",), ("IF", "EXISTS"))
            what = "primary key" if second == "PRIMARY" else (_names_after(top, named)[0] or second.lower())
            self.add(
                "drop-constraint",
                top[0],
                f"dropping constraint {what} of {table} lets rows in that it kept out; keep it, or waive with a reason",
                kind="table",
                name=table,
            )
            return
        if second in ("INDEX", "KEY"):
            index_name = _names_after(top, _skip(top, 2, ("IF", "EXISTS")))[0]
            self.add(
                "drop-index",
                top[0],
                f"dropping index {index_name} of {table}: queries that use it get slow; keep it, or waive with a "
                "reason",
                kind="table",
                name=table,
            )
            return
        if second == "DEFAULT":
            self.unrecognized(top[0])
            return
        before_guard = _skip(top, 1, ("COLUMN",))
        index = _skip(top, before_guard, ("IF", "EXISTS"))
        column, _ = _names_after(top, index)
        self.add(
            "drop-column",
            top[0],
            f"dropping column {table}.{column} destroys its data and breaks code that reads it",
            kind="table",
            name=table,
            column_name=column,
            if_exists=index > before_guard,
        )

    def alter_rename(self, table: str, top: list[Word]) -> None:
        second = top[1].upper if len(top) > 1 else ""
        if second in ("TO", "AS") or (self.dialect == "mysql" and second not in ("COLUMN", "INDEX", "KEY")):
            new, _ = _names_after(top, 2 if second in ("TO", "AS") else 1)
            self.out.renamed_table = (table, new or "")
            self.add(
                "rename-table",
                top[0],
                f"renaming table {table} to {new} breaks running code that uses {table}",
                kind="table",
                name=table,
            )
        elif second in ("CONSTRAINT", "INDEX", "KEY"):
            old, index = _names_after(top, 2)
            new, _ = _names_after(top, index + 1)
            self.add(
                "rename-other",
                top[0],
                f"renaming {second.lower()} {old} of {table} to {new} breaks code and later migrations that use "
                "the old name; keep the name, or waive with a reason",
                kind="table",
                name=table,
            )
        else:
            column, index = _names_after(top, 2 if second == "COLUMN" else 1)
            if index < len(top) and top[index].upper == "TO" and column:
                new, _ = _names_after(top, index + 1)
                self.out.renamed_columns = (*self.out.renamed_columns, (table, column, new or ""))
            self.add(
                "rename-column",
                top[0],
                f"renaming column {table}.{column} breaks running code that uses it; add a new column instead",
                kind="table",
                name=table,
                column_name=column,
            )

    def alter_column(self, table: str, top: list[Word]) -> None:
        verb = top[0].upper
        index = _skip(top, 1, ("COLUMN",), ("IF", "EXISTS"))  # MariaDB: MODIFY [COLUMN] IF EXISTS
        column, index = _names_after(top, index)
        obj = {"kind": "table", "name": table, "column_name": column}
        rest = [w.upper for w in top[index:]]
        if verb == "CHANGE":
            new, _ = _names_after(top, index)
            if new is not None and new != column:
                self.add(
                    "rename-column",
                    top[0],
                    f"CHANGE renames column {table}.{column} to {new}, which breaks running code that uses {column}; "
                    "add the new column, write both, switch readers, then drop the old one",
                    **obj,
                )
                return
            verb = "MODIFY"
        if verb == "MODIFY":
            self.add(
                "alter-column-type",
                top[0],
                f"{top[0].upper} redefines column {table}.{column} (type, nullability, default); {_NEW_COLUMN_ADVICE}",
                **obj,
            )
        elif rest[:1] == ["TYPE"] or rest[:3] == ["SET", "DATA", "TYPE"]:
            self.add("alter-column-type", top[0], f"changing the type of {table}.{column}; {_NEW_COLUMN_ADVICE}", **obj)
        elif rest[:3] == ["SET", "NOT", "NULL"]:
            self.add("set-not-null", top[0], f"SET NOT NULL on {table}.{column} fails on existing NULLs", **obj)
        elif rest[:3] == ["DROP", "NOT", "NULL"]:
            self.add("drop-not-null", top[0], f"DROP NOT NULL on {table}.{column}", **obj)
        elif rest[:2] == ["DROP", "DEFAULT"]:
            self.add("drop-default", top[0], f"DROP DEFAULT on {table}.{column}", **obj)
        elif rest[:2] == ["SET", "DEFAULT"] or rest[:2] == ["SET", "STATISTICS"]:
            return
        elif self.dialect == "mysql" and column in ("index", "key") and rest[-1:] in _INDEX_VISIBILITY:
            return  # the optimizer's use of an index, no schema change (the safe step before a drop)
        else:
            self.unrecognized(top[0], " ".join(w.text for w in top[:4]))

    def drop(self, words: list[Word]) -> None:
        self.out.ddl = True
        index = _skip(words, 1, ("TEMPORARY",))
        kind_word = words[index] if index < len(words) else words[0]
        if kind_word.upper == "PREPARE" and self.dialect == "mysql":  # DEALLOCATE PREPARE's synonym
            self.out.ddl = False
            return
        if kind_word.upper not in _DROP_RULES:
            self.unrecognized(words[0])
            return
        rule, kind = _DROP_RULES[kind_word.upper]
        before_guard = _skip(words, index + 1, ("VIEW",), ("CONCURRENTLY",))
        index = _skip(words, before_guard, ("IF", "EXISTS"))
        if_exists = index > before_guard
        for part in _split_top(words, index):
            name, _ = _names_after(part, 0)
            if name is None:
                continue
            if kind == "table":
                self.dropped_tables.append(name)
            self.add(
                rule,
                part[0] if len(_split_top(words, index)) > 1 else words[0],
                self.drop_message(rule, name),
                kind=kind,
                name=name,
                if_exists=if_exists,
                place=_place(part, 0, words[1].upper == "TEMPORARY"),
            )

    @staticmethod
    def drop_message(rule: str, name: str) -> str:
        what = rule.removeprefix("drop-").replace("routine", "function/procedure")
        if rule in ("drop-index", "drop-trigger"):
            effect = "queries that use it get slow" if rule == "drop-index" else "writes stop doing what it did"
            return f"dropping {what} {name}: {effect}; keep it, or waive with a reason"
        return f"dropping {what} {name} breaks running code that uses it; deprecate it instead of dropping"

    def rename_table(self, words: list[Word]) -> None:
        self.out.ddl = True
        if len(words) < 2 or words[1].upper != "TABLE":
            self.unrecognized(words[0])
            return
        for part in _split_top(words, 2):
            old, index = _names_after(part, 0)
            new, _ = _names_after(part, index + 1)
            if old:
                self.add(
                    "rename-table",
                    part[0],
                    f"renaming table {old} to {new} breaks running code",
                    kind="table",
                    name=old,
                )

    def truncate(self, words: list[Word]) -> None:
        index = _skip(words, 1, ("TABLE",), ("ONLY",))
        for part in _split_top(words, index):
            name, _ = _names_after(part, 0)
            if name:
                self.add("truncate", words[0], f"TRUNCATE deletes every row of {name}", kind="table", name=name)

    def delete(self, words: list[Word], start: int = 0) -> None:
        top = [w for w in words[start:] if w.depth == words[start].depth]
        index = _skip(top, 1, ("FROM",), ("ONLY",))
        table, _ = _names_after(top, index)
        if _keeps_every_row(top):
            self.add(
                "delete-without-where",
                words[start],
                f"DELETE without WHERE deletes every row of {table}",
                kind="table",
                name=table,
            )

    def update(self, words: list[Word], start: int = 0) -> None:
        top = [w for w in words[start:] if w.depth == words[start].depth]
        index = _skip(top, 1, ("ONLY",), ("OR", "IGNORE"), ("IGNORE",))
        table, _ = _names_after(top, index)
        uppers = [w.upper for w in top]
        set_at = uppers.index("SET") if "SET" in uppers else len(top)
        joined = "ON" in uppers[:set_at] and "LEFT" not in uppers[:set_at]
        if ("WHERE" in uppers and not _keeps_every_row(top)) or joined:
            return  # MySQL's UPDATE a JOIN b ON ... SET: only joined rows, like PostgreSQL's UPDATE ... FROM ... WHERE
        columns = tuple(
            top[i].ident for i in range(set_at + 1, len(top) - 1) if top[i + 1].text == "=" and top[i].is_name_like
        )
        self.add(
            "update-without-where",
            words[start],
            f"UPDATE without WHERE rewrites every row of {table}",
            kind="table",
            name=table,
            backfill=columns,
        )

    def with_cte(self, words: list[Word]) -> None:
        for word in words:
            if word.depth > 0 and word.ttype in T.Keyword.DML and word.upper in ("INSERT", "UPDATE", "DELETE"):
                self.add(
                    "data-modifying-cte",
                    word,
                    f"{word.upper} inside WITH modifies rows where the lint cannot follow; write it as its own "
                    "statement",
                )
                break
        for position, word in enumerate(words):
            if word.depth == 0 and position > 0 and word.upper in ("UPDATE", "DELETE") and word.ttype in T.Keyword.DML:
                (self.update if word.upper == "UPDATE" else self.delete)(words, position)
                return
            if word.depth == 0 and position > 0 and word.upper == "INSERT" and word.ttype in T.Keyword.DML:
                self.insert(words[position:])  # a rebuild may copy its rows through a CTE
                return

    def insert(self, head: list[Word]) -> None:
        uppers = [w.upper for w in head]
        if uppers[0] == "REPLACE" or uppers[:3] == ["INSERT", "OR", "REPLACE"]:
            self.add("replace-into", head[0], "REPLACE deletes the conflicting row before inserting; use an upsert")
        index = _skip(head, 1, ("OR", "REPLACE"), ("OR", "IGNORE"), ("IGNORE",), ("INTO",))
        table, _ = _names_after(head, index)
        self.out.insert_target = table

    def pragma(self, words: list[Word]) -> None:
        """A PRAGMA that cannot take effect inside the file's transaction is ``needs-no-transaction``.
        ``PRAGMA foreign_keys`` is benign either way: ratchet's connection has foreign keys on, and
        ``migrate`` runs a file that turns them off with them off from before its transaction
        (SQLite's 12-step procedure, :meth:`ratchet.prepare.PreparedFile.runs_with_foreign_keys_off`)."""
        name, index = _names_after(words, 1)
        setting = index < len(words) and words[index].text in ("=", "(")
        if setting and name in _SQLITE_NO_TX_PRAGMAS:
            self.no_transaction(words[0], f"PRAGMA {name}")
        elif name == "writable_schema":
            self.add("opaque-sql", words[0], "PRAGMA writable_schema edits the schema behind SQLite's back")

    def vacuum(self, words: list[Word]) -> None:
        self.no_transaction(words[0], "VACUUM")

    def reindex(self, words: list[Word]) -> None:
        """REINDEX rebuilds indexes: nothing the lint guards (PostgreSQL files, whose REINDEX
        CONCURRENTLY cannot run in a transaction, are judged by ``linter.postgres``)."""

    def refresh(self, words: list[Word]) -> None:
        if [w.upper for w in words[:3]] != ["REFRESH", "MATERIALIZED", "VIEW"]:
            self.unrecognized(words[0])

    def copy(self, words: list[Word]) -> None:
        uppers = [w.upper for w in words if w.depth == 0]
        if "FROM" in uppers:
            stdin = "STDIN" in uppers
            self.out.rest_is_data = stdin
            source = "stdin: the data lines that follow are not SQL" if stdin else "a file or program on the server"
            self.add("opaque-sql", words[0], f"COPY ... FROM {source}; load data with INSERT statements")
        else:
            self.unrecognized(words[0])


def classify(statement: Statement, dialect: str, *, transactional: bool = True) -> Classified:
    """Classify ``statement`` for ``dialect`` (``transactional``: the file runs in a transaction)."""
    if dialect == "mysql" and "/*" in statement.sql:
        statement = opened_executable_comments(statement)
        if not statement.sql.strip():  # an empty /*!40101 */: nothing runs
            return Classified(statement)
    plain = _PLAIN_INSERT.match(statement.sql)
    if plain is not None:  # the common bulk-data case, read from the text alone (no classifier built)
        return Classified(statement, insert_target=plain[1].lower())
    return _Classifier(statement, dialect, transactional).run()


#: What :func:`copy_info` puts for a NULL or a literal in a SELECT list: no column's value.
NO_COLUMN = ""
_LITERALS = (T.String.Single, T.Number.Integer, T.Number.Float, T.Number.Hexadecimal)


@dataclass(frozen=True)
class CopyInfo:
    """What a rebuild's ``INSERT INTO new [(cols)] SELECT ... FROM source`` does."""

    filters: list[str]
    reads_source: bool
    columns: list[str] | None
    #: Each item of the SELECT list: ``*``, a column's name (lower-cased), :data:`NO_COLUMN` for a
    #: NULL or a literal, or ``None`` for anything else.
    selected: list[str | None]
    #: For each item of the SELECT list, the type of a ``CAST(column AS type)`` (then ``selected``
    #: names the column), else ``None``.
    casts: tuple[str | None, ...] = ()


def copy_info(statement: Statement, source: str) -> CopyInfo:
    """Inspect a copy statement: its row filters, its source table, its column list.

    Reads the whole statement (not just the head): a rebuild's copy is one short statement.
    """
    words, ctes = _without_ctes(list(iter_words(statement)))
    at_top = [i for i, w in enumerate(words) if w.depth == 0]
    top = [words[i] for i in at_top]
    uppers = [w.upper for w in top]
    filters: list[str] = []
    if uppers[:3] in (["INSERT", "OR", "IGNORE"], ["INSERT", "OR", "REPLACE"]) or uppers[:2] == ["INSERT", "IGNORE"]:
        filters.append(" ".join(uppers[:3] if uppers[1] == "OR" else uppers[:2]))
    columns: list[str] | None = None
    into = _skip(top, 1, ("OR", "REPLACE"), ("OR", "IGNORE"), ("IGNORE",), ("INTO",))
    _, after_name = _names_after(top, into)
    if after_name < len(top) and top[after_name].text == "(":
        opening = words.index(top[after_name])
        inner: list[Word] = []
        for word in words[opening + 1 :]:
            if word.depth == 0:
                break
            inner.append(word)
        columns = []
        expect_name = True
        for word in inner:
            if word.depth == 1 and word.text == ",":
                expect_name = True
            elif expect_name and word.depth == 1 and word.is_name_like:
                columns.append(word.ident)
                expect_name = False
    if "SELECT" not in uppers:
        return CopyInfo(filters, False, columns, [])
    after_select = uppers.index("SELECT") + 1
    filters += [u for u in uppers[after_select:] if u in _ROW_FILTERS]
    if "WHERE" in filters and _keeps_every_row(top, _AFTER_SELECT_WHERE):  # WHERE true: SQLite's upsert needs one
        filters.remove("WHERE")
    tail = uppers[after_select:]
    if any(tail[i : i + 2] == ["ON", "CONFLICT"] for i in range(len(tail) - 1)):
        filters.append("ON CONFLICT")  # an upsert skips or merges the rows that repeat a key
    from_at = uppers.index("FROM", after_select) if "FROM" in uppers[after_select:] else len(top)
    end = at_top[from_at] if from_at < len(top) else len(words)
    items = _split_top(words[at_top[after_select - 1] + 1 : end], 0)
    casts = tuple(_cast(item) for item in items)
    selected = [
        cast[0] if cast else _selected([w for w in item if w.depth == 0])
        for item, cast in zip(items, casts, strict=True)
    ]
    types = tuple(cast[1] if cast else None for cast in casts)
    if from_at == len(top):
        return CopyInfo(filters, False, columns, selected, types)
    if from_at + 1 < len(top) and top[from_at + 1].text == "(":
        # FROM (SELECT ... FROM source ...) [AS] alias: the rows are the subquery's
        opening = at_top[from_at + 1]
        inner = list(takewhile(lambda word: word.depth > 0, words[opening + 1 :]))
        inner_filters, reads = _subquery_read(inner, source)
        _, index = _names_after(top, from_at + 3 + (from_at + 3 < len(top) and top[from_at + 3].upper == "AS"))
        if index < len(top) and top[index].text == ",":
            inner_filters.append("a second table in FROM")
        return CopyInfo(filters + inner_filters, reads, columns, selected, types)
    name, index = _names_after(top, from_at + 1)
    if index < len(top) and top[index].text == ",":
        filters.append("a second table in FROM")
    if name in ctes:  # FROM a CTE: the rows are its SELECT's, as for a subquery in FROM
        inner_filters, reads = _subquery_read(ctes[name], source)
        return CopyInfo(filters + inner_filters, reads, columns, selected, types)
    return CopyInfo(filters, name == source, columns, selected, types)


def _without_ctes(words: list[Word]) -> tuple[list[Word], dict[str, list[Word]]]:
    """A copy's words without its ``WITH`` clause (before the ``INSERT`` or before its ``SELECT``),
    and the words between the parentheses of each CTE without a column list, by name (one with a
    column list renames its columns: left out, so a copy through it reads nothing)."""
    at = next((i for i, w in enumerate(words) if w.depth == 0 and w.upper == "WITH"), None)
    if at is None:
        return words, {}
    ctes: dict[str, list[Word]] = {}
    index = _skip(words, at + 1, ("RECURSIVE",))
    while index < len(words):
        name, index = _names_after(words, index)
        listed = index < len(words) and words[index].text == "("
        if listed:
            index = next((i for i in range(index + 1, len(words)) if words[i].depth == 0), len(words)) + 1
        index = _skip(words, index, ("AS",), ("NOT",), ("MATERIALIZED",))
        if name is None or index >= len(words) or words[index].text != "(":
            return words, {}
        end = next((i for i in range(index + 1, len(words)) if words[i].depth == 0), len(words))
        if not listed:
            ctes[name] = words[index + 1 : end]
        index = end + 1
        if index >= len(words) or words[index].text != ",":
            break
        index += 1
    return words[:at] + words[index:], ctes


def _subquery_read(inner: list[Word], source: str) -> tuple[list[str], bool]:
    """The row filters of a copy's parenthesised ``SELECT ... FROM source ...`` (``inner``, the words
    between the parentheses), and whether it reads ``source`` keeping each column's name."""
    level = [word for word in inner if word.depth == 1]
    uppers = [word.upper for word in level]
    if not uppers or uppers[0] != "SELECT" or "FROM" not in uppers:
        return [], False
    from_at = uppers.index("FROM")
    filters = [upper for upper in uppers[1:] if upper in _ROW_FILTERS]
    end = inner.index(level[from_at])
    items = _split_top(inner[1:end], 0, depth=1)
    plain = all(len(item) == 1 and (item[0].text == "*" or item[0].is_name_like) for item in items)
    name, index = _names_after(level, from_at + 1)
    if index < len(level) and level[index].text == ",":
        filters.append("a second table in FROM")
    return filters, plain and name == source


def _cast(item: list[Word]) -> tuple[str, str] | None:
    """``(column, type)`` of a SELECT list item ``CAST(column AS type)`` (the column possibly
    qualified, the item possibly aliased), else ``None``."""
    if len(item) < 6 or item[0].upper != "CAST" or item[1].text != "(":
        return None
    depth = item[0].depth
    close = next((i for i, w in enumerate(item) if i > 1 and w.depth == depth and w.text == ")"), None)
    rest = item[close + 1 :] if close is not None else []
    if close is None or not (not rest or (len(rest) == 2 and rest[0].upper == "AS") or len(rest) == 1):
        return None
    inner = item[2:close]
    at = next((i for i, w in enumerate(inner) if w.depth == depth + 1 and w.upper == "AS"), None)
    if at is None:
        return None
    name, index = _names_after(inner[:at], 0)
    if name is None or index != at or at + 1 >= len(inner):
        return None
    spaced = " ".join(w.text for w in inner[at + 1 :])
    return name, re.sub(r" ?([(),]) ?", lambda m: ", " if m[1] == "," else m[1], spaced)


def _selected(item: list[Word]) -> str | None:
    """A SELECT list item: ``*`` (or ``t.*``), the name of a plain (or qualified, or aliased)
    column, :data:`NO_COLUMN` for a NULL or a literal, else ``None`` (an expression)."""
    if item and item[-1].text == "*" and (len(item) == 1 or (len(item) == 3 and item[1].text == ".")):
        return "*"
    body = item[:-2] if len(item) > 2 and item[-2].upper == "AS" else item
    if len(body) == 1 and (body[0].upper in ("NULL", "TRUE", "FALSE") or body[0].ttype in _LITERALS):
        return NO_COLUMN
    if _blob_literal(body):
        return NO_COLUMN
    if len(body) == 2 and body[0].text in ("-", "+") and body[1].ttype in T.Number:
        return NO_COLUMN
    name, index = _names_after(body, 0)
    if name is not None and index + 1 == len(body) and body[index].is_name_like and len(body) == len(item):
        return name  # ``name alias``
    return name if name is not None and index == len(body) else None
