"""The SQLite schema replay: the earlier files of a directory run in an in-memory SQLite, bounded.

SQLite is its own parser and catalog: every statement of the linted file is prepared by the
engine (a statement it rejects is a ``syntax-error``), the schema statements are executed, and
the catalog (tables, and their columns with type/NOT NULL/default) is read before the file and
after each statement that changed it, for the net-effect rules; a rebuilt table's indexes,
triggers and dependent views are snapshotted around its ``DROP`` (``schema.py``).

Bounds: the replay runs only schema statements (data statements and queries are prepared,
never run, so it needs no data), each under a time bound (a progress handler) and SQLite's
process-wide heap limit, and never touches the filesystem (an authorizer refuses ``ATTACH``).
A statement that exceeds a bound is reported once, as ``replay-limit``.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import cast

from ratchet.discover import MigrationFile
from ratchet.headers import Guards
from ratchet.linter.schema import Snapshot, quoted, snapshot
from ratchet.split import split_statements
from ratchet.statement import TRANSACTION_WORDS, Statement, advance

#: How long one statement may run in the replay (the tables are empty: only runaway
#: computations such as an unbounded recursive CTE take longer).
STATEMENT_SECONDS = 1.0
#: SQLite's hard heap limit while a replay statement runs (process-wide, restored after).
HEAP_LIMIT_BYTES = 256 * 1024 * 1024
# Between two looks at the clock: 100,000 virtual machine steps take a millisecond or less, and a
# replay of thousands of CREATE TABLEs steps through sqlite_master's rows on every one of them.
_PROGRESS_OPS = 100_000

#: Statements whose data the replay does not need: prepared (syntax), never run.
_DATA_WORDS = frozenset({"INSERT", "REPLACE", "UPDATE", "DELETE", "SELECT", "WITH", "VALUES", "EXPLAIN"})
#: Statements that change no schema, or act outside the database: not run.
#: (``ATTACH`` and ``VACUUM INTO`` are run, and refused by the authorizer: the catalog cannot know
#: what an attached database holds.)
_SKIPPED_WORDS = TRANSACTION_WORDS | {"PRAGMA", "ANALYZE", "REINDEX", "DELIMITER"}
#: ``VACUUM ... INTO 'file'``, which is run (and refused): a plain ``VACUUM`` is skipped.
_VACUUM_INTO = re.compile(r"\bINTO\b", re.IGNORECASE)
# ... but a PRAGMA that changes what later schema statements do is run: with legacy_alter_table on,
# a rename neither checks nor rewrites the views, triggers and foreign keys that name the table
# (a rebuild under it keeps a view over the table, and a child table's foreign key).
_REPLAYED_PRAGMA = re.compile(r"\s*PRAGMA\s+(?:main\s*\.\s*)?legacy_alter_table(?![\w$])", re.IGNORECASE)
# SQLite's own tables, as `.schema` prints them (`CREATE TABLE sqlite_sequence(name,seq);`): SQLite
# makes them itself (an AUTOINCREMENT table, ANALYZE) and refuses to have them created.
_SQLITE_OWN = re.compile(r"\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?[\"`\[]?sqlite_", re.IGNORECASE)
_MISSING = re.compile(r"^no such (?P<kind>function|collation sequence): (?P<name>\S+)$")
# A virtual table of a module SQLite lacks (an extension the app loads: spellfix1, vec0), and what
# later names it: the replay cannot make it, but knows it is there (see Replay.outside). Patterns
# kept as text, compiled (and cached by re) the first time a file needs them, not by every run.
_NAMED = r"(?:[\"`\[]?main[\"`\]]?\s*\.\s*)?[\"`\[]?(?P<name>[\w$]+)"
_VIRTUAL = r"\s*CREATE\s+VIRTUAL\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?" + _NAMED
# What follows a virtual table's name in the names of its shadow tables (FTS3/4, FTS5, R*Tree,
# spellfix1, vec0): a table named so is one of them; another that starts with its name is not.
_SHADOW = (
    r"_(?:content|docsize|config|data|idx|segments|segdir|stat|node|parent|rowid|rowids|vocab|chunks|info|"
    r"auxiliary|vector_chunks\d+|metadatachunks\d+|metadatatext\d+)"
)
_NO_TABLE = r"^no such table: (?:\w+\.)?(?P<name>\S+)$"
_SYNTAX = re.compile(r'^(?:near "(?P<near>.*)": syntax error|incomplete input|unrecognized token: "(?P<token>.*)")$')
_LIMIT_MESSAGES = ("interrupted", "out of memory")
#: Data statements prepared in one script (each is checked alone only when the script fails).
_BATCH = 500

#: Guard headers by file version (``None``: the header could not be read at all).


@dataclass(frozen=True)
class Column:
    """A column as SQLite's ``pragma_table_xinfo`` sees it."""

    type: str
    not_null: bool
    default: str | None
    primary_key: bool
    generated: bool


#: A table's columns by lower-cased name.
Columns = dict[str, Column]


@dataclass(frozen=True)
class Catalog:
    """The tables at one point and their columns (names lower-cased). (The indexes, triggers and
    views of a rebuilt table are snapshotted around its ``DROP``: ``schema.Snapshot``.)"""

    tables: dict[str, Columns]

    def has_table(self, name: str) -> bool:
        """Whether table ``name`` exists."""
        return name.lower() in self.tables

    def columns(self, table: str) -> Columns | None:
        """The columns of ``table``, or ``None`` when it does not exist."""
        return self.tables.get(table)


EMPTY = Catalog({})


@dataclass(frozen=True)
class Outcome:
    """What the replay made of one statement of the linted file.

    ``status``: ``ran`` (schema statement executed), ``prepared`` (data statement or query,
    compiled only), ``skipped``, ``failed`` (SQLite refused it, e.g. a missing table),
    ``syntax`` (SQLite's parser rejected it), or ``limit`` (over a bound); ``message`` says why.
    """

    status: str
    message: str | None = None
    #: For a statement of the linted file that ran only with a stand-in: SQLite's refusal without it.
    stand_in: str | None = None
    #: For a ``DROP VIEW``: the triggers of the view (``INSTEAD OF``) that went with it.
    took: tuple[str, ...] = ()
    #: For a statement of the linted file that ran on the empty table: SQLite's refusal of a row in it
    #: (a date or time function that reads the clock or the time zone, in an index, a CHECK or a
    #: generated column: SQLite checks that only when it evaluates a row).
    with_rows: str | None = None


@dataclass
class FileReplay:
    """The replay of one file: the catalog before it, each statement's outcome, the catalog
    after each statement that changed it, and the rebuild snapshots that were asked for."""

    before: Catalog
    complete: bool  # every earlier schema statement replayed: the catalog before the file is whole
    outcomes: dict[int, Outcome] = field(default_factory=dict)
    after: dict[int, dict[str, Columns]] = field(default_factory=dict)  # the tables after each statement
    snapshots: dict[tuple[int, str], Snapshot] = field(default_factory=dict)
    final: Catalog = EMPTY
    final_snapshots: dict[str, Snapshot] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)  # tables whose columns the file changed
    #: ``(where, SQL)`` of each earlier statement that could not be replayed (``file:line: why``).
    history_failures: list[tuple[str, str]] = field(default_factory=list)
    #: Virtual tables of modules SQLite lacks, there before the file but not in the replay.
    outside: frozenset[str] = frozenset()
    #: Whether a ``DROP VIEW`` of the file took triggers with it; then the triggers (lower-cased
    #: names) after the file.
    took_triggers: bool = False
    final_triggers: frozenset[str] = frozenset()

    def failure_about(self, table: str) -> str | None:
        """The first earlier failure whose statement names ``table`` (it may have shaped it)."""
        pattern = re.compile(r"(?<![\w$])" + re.escape(table) + r"(?![\w$])", re.IGNORECASE)
        return next((where for where, sql in self.history_failures if pattern.search(sql)), None)


class _Guard:
    """Authorizer (no ``ATTACH``: ``VACUUM INTO`` attaches too) and time bound of the replay. The
    authorizer is installed only while SQLite prepares a text that can attach (``_may_attach``):
    SQLite calls it for every table and column a statement reads, a call into Python each time."""

    def __init__(self) -> None:
        self.refused: str | None = None
        self.deadline = 0.0

    def authorize(self, action: int, arg1: str | None, arg2: str | None, db: str | None, source: str | None) -> int:
        if action == sqlite3.SQLITE_ATTACH:
            self.refused = f"ATTACH / VACUUM INTO '{arg1}'"
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    def progress(self) -> int:
        return 1 if time.monotonic() > self.deadline else 0

    def explain(self, exc: sqlite3.Error) -> str:
        if self.refused is None:
            return str(exc)
        refused, self.refused = self.refused, None
        return f"{refused} is not run: the lint's schema replay never touches the filesystem"


def _heap_limit_setter() -> Callable[[int], int] | None:
    """SQLite's ``sqlite3_hard_heap_limit64`` (the ``PRAGMA`` can only lower the limit, so a
    replay could never restore the caller's), or ``None`` when the library does not export it."""
    import _sqlite3
    import ctypes

    try:
        function = ctypes.CDLL(_sqlite3.__file__).sqlite3_hard_heap_limit64
    except (OSError, AttributeError):
        return None
    function.restype = ctypes.c_int64
    function.argtypes = [ctypes.c_int64]
    return cast(Callable[[int], int], function)


_SET_HEAP_LIMIT = _heap_limit_setter()


@contextmanager
def _heap_limit() -> Iterator[None]:
    """SQLite's process-wide hard heap limit lowered to :data:`HEAP_LIMIT_BYTES` meanwhile."""
    if _SET_HEAP_LIMIT is None:
        yield
        return
    previous = _SET_HEAP_LIMIT(-1)  # a negative argument only reads the limit
    _SET_HEAP_LIMIT(HEAP_LIMIT_BYTES if previous == 0 else min(previous, HEAP_LIMIT_BYTES))
    try:
        yield
    finally:
        _SET_HEAP_LIMIT(previous)


_PREPARED = Outcome("prepared")
#: The outcome of a ``DROP ... IF EXISTS`` of an object the history dropped (or renamed away) and did
#: not make again: the schema did not change.
DROPPED_NOTHING = Outcome("ran", "nothing to drop")
_NAME = r'(?:"(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|[A-Za-z_][A-Za-z0-9_$]*)'
#: What a ``DROP`` names, and the old name of an ``ALTER TABLE ... RENAME TO``.
_DROPPED = (
    r"\s*DROP\s+(?P<kind>TABLE|VIEW|INDEX|TRIGGER)\s+(?P<if_exists>IF\s+EXISTS\s+)?"
    rf"(?:{_NAME}\s*\.\s*)?(?P<name>{_NAME})"
)
_RENAMED_AWAY = rf"ALTER\s+TABLE\s+(?:{_NAME}\s*\.\s*)?(?P<name>{_NAME})\s+RENAME\s+TO\b"
_TARGET = re.compile(
    rf"\s*(?:CREATE\s+TABLE(?:\s+IF\s+NOT\s+EXISTS)?|ALTER\s+TABLE)\s+(?:(?P<schema>{_NAME})\s*\.\s*)?(?P<name>{_NAME})",
    re.IGNORECASE,
)
_INDEX_ON = re.compile(
    rf"\s*CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:{_NAME}\s*\.\s*)?{_NAME}\s+ON\s+"
    rf"(?:(?P<schema>{_NAME})\s*\.\s*)?(?P<name>{_NAME})",
    re.IGNORECASE,
)
#: SQLite's date and time functions: deterministic unless they read the clock (``'now'``) or the
#: time zone (``'localtime'``, ``'utc'``), which SQLite finds only when it evaluates them on a row.
_CLOCK_FUNCTION = re.compile(r"\b(?:date|time|datetime|julianday|strftime|unixepoch|timediff)\s*\(", re.IGNORECASE)
_NO_TABLE_CHANGE = re.compile(
    r"\s*(?:CREATE|DROP)\s+(?:UNIQUE\s+)?(?:INDEX|VIEW|TRIGGER)\b|\s*CREATE\s+TEMP(?:ORARY)?\b|\s*PRAGMA\b",
    re.IGNORECASE,
)


def _scope(sql: str) -> frozenset[str] | None:
    """The tables whose columns a schema statement can change: none (an index, view, trigger or
    temporary object, the one PRAGMA the replay runs), the one a ``CREATE TABLE`` or an ``ALTER
    TABLE`` other than a rename names, or ``None`` when any table may have changed."""
    if _NO_TABLE_CHANGE.match(sql):
        return frozenset()
    match = _TARGET.match(sql)
    if match is None or re.search(r"\bRENAME\b", sql, re.IGNORECASE):
        return None
    if match["schema"] is not None and _unquoted(match["schema"]) != "main":
        return frozenset() if _unquoted(match["schema"]) in ("temp", "temporary") else None
    return frozenset({_unquoted(match["name"])})


_ISLAND_NAME = re.compile(r"[a-z_][a-z0-9_]*")
# Lonely tables go this many files at a time: each batch costs a pass over the tables known, and a
# few dozen rows more in the attached database's sqlite_master cost little.
_DROP_BATCH = 32
#: The in-memory database attached for lonely tables (``Replay``), and a statement naming a table
#: with its schema (``main.t``), which would not find one made there.
_ISLANDS = "ratchet_islands"
_QUALIFIED = re.compile(r"(?<![\w$])[\"`\[]?main[\"`\]]?\s*\.", re.IGNORECASE)
# CREATE TABLE without IF NOT EXISTS: a table that existed already (a virtual table's shadow table,
# named by no statement) fails it instead of being taken for a new one
_PLAIN_CREATE = re.compile(r"\s*CREATE\s+TABLE\s+(?!IF(?![\w$]))", re.IGNORECASE)


def _island(sql: str) -> str | None:
    """The table a ``CREATE TABLE name (...)`` in ``main`` makes when its statement links it to no
    other table (no ``REFERENCES``; a column list, not ``AS SELECT``), its name a plain word; else
    ``None``."""
    if not _PLAIN_CREATE.match(sql):
        return None
    match = _TARGET.match(sql)
    if match is None or not sql[match.end() :].lstrip().startswith("("):
        return None
    if match["schema"] is not None and _unquoted(match["schema"]) != "main":
        return None
    name = _unquoted(match["name"])
    if not _ISLAND_NAME.fullmatch(name) or "REFERENCES" in sql.upper():  # as a word or not: a superset
        return None
    return name


def _names(sql: str, name: str) -> bool:
    """Whether ``sql`` names ``name`` (as a word, in any case)."""
    if name not in sql.lower():
        return False
    return re.search(rf"(?<![\w$]){re.escape(name)}(?![\w$])", sql, re.IGNORECASE) is not None


def _dropped_table(sql: str) -> str | None:
    """The table (lower-cased, unquoted) a ``DROP TABLE`` drops, else ``None``."""
    match = re.match(_DROPPED, sql, re.IGNORECASE)
    return _unquoted(match["name"]) if match is not None and match["kind"].upper() == "TABLE" else None


def _shadow_of(name: str, virtual: str) -> bool:
    """Whether table ``name`` is one of virtual table ``virtual``'s shadow tables (both lower-cased)."""
    return name.startswith(virtual) and re.fullmatch(_SHADOW, name[len(virtual) :]) is not None


def _unquoted(word: str) -> str:
    if word[0] in '"`[':
        word = word[1:-1].replace('""', '"')
    return word.lower()


def _kind(statement: Statement) -> str:
    """``data``, ``skip`` or ``schema`` from the statement's first word."""
    words = statement.first_words(1)
    first = words[0] if words else ""
    if first in _DATA_WORDS:
        return "data"
    if first in _SKIPPED_WORDS:
        return "schema" if first == "PRAGMA" and _REPLAYED_PRAGMA.match(statement.sql) else "skip"
    if first == "VACUUM" and _VACUUM_INTO.search(statement.sql) is None:
        # a plain VACUUM changes no schema; run, it would be refused as an ATTACH (of its own copy)
        return "skip"
    if first == "CREATE" and "sqlite_" in statement.sql[:80].lower() and _SQLITE_OWN.match(statement.sql):
        return "skip"
    return "schema"


# What SQLite's prepare of a plain one-row INSERT line (``Statement.plain``: names, and number and
# string literals, see ``split._PLAIN_INSERT_LINE``) depends on: its shape, its text with each
# literal as '?'. A literal is one token whatever its digits or characters (a string holds no
# backslash there), and prepare reads no values, so lines of one shape are accepted or refused
# alike (a NUL, which the driver refuses before SQLite sees the text, is never shaped).
_LITERAL = re.compile(r"'[^'\\]*(?:''[^'\\]*)*'|(?<![A-Za-z0-9_.])-?[0-9]+(?:\.[0-9]+)?")
_ANY_LITERAL = r"(?:'[^'\\]*(?:''[^'\\]*)*'|-?[0-9]+(?:\.[0-9]+)?)"
_PATTERNS_PER_PREFIX = 16


class _Shapes:
    """Shapes of plain INSERT lines. Each shape is also kept as a pattern matching exactly the
    plain lines of that shape (its text between literals, a literal in each gap), which is
    quicker to try than the substitution: in a plain line quotes occur only in strings, and
    literals sit between '(' or ',' and ',' or ')', so no literal match crosses a gap."""

    def __init__(self) -> None:
        self.known: dict[str, list[tuple[re.Pattern[str], str]]] = {}

    def of(self, statement: Statement) -> str | None:
        """The shape of a plain INSERT line, or ``None`` (prepared on its own)."""
        sql = statement.sql
        if not statement.plain or "\x00" in sql:
            return None
        prefix = sql[: sql.find("(", sql.find("(") + 1)]  # up to the VALUES list: no literal in it
        known = self.known.get(prefix)
        if known is None:  # a pattern is compiled only for a prefix seen again (a data file's lines)
            self.known[prefix] = []
            return _LITERAL.sub("?", sql)
        for pattern, shape in known:
            if pattern.fullmatch(sql):
                return shape
        shape = _LITERAL.sub("?", sql)
        if len(known) < _PATTERNS_PER_PREFIX:
            known.append((re.compile(_ANY_LITERAL.join(map(re.escape, _LITERAL.split(sql)))), shape))
        return shape


class Replay:
    """One in-memory SQLite database that the files of a directory are replayed into, in order.

    ``lonely``, when given, says of a table name that no text but the file being replayed names
    it (not the seed, not another file of the directory). A table created by a plain ``CREATE
    TABLE name (...)`` without ``REFERENCES``, which no other schema statement of its file names
    (only data statements, which the replay never runs), is then linked to no other object either
    way, and nothing after its file can see it. Such tables are made in an attached in-memory
    database (``_ISLANDS``), where the file's own statements still find them, and go with it, a
    batch of files at a time. SQLite scans every row of ``sqlite_master`` on each ``CREATE``, so a
    replay that kept thousands of such tables would grow quadratically with the files."""

    def __init__(self, lonely: Callable[[str], bool] | None = None) -> None:
        self.lonely = lonely
        self._islanded: dict[str, tuple[str, str]] = {}  # CREATE TABLE -> (its table, the statement run)
        self._in_islands: set[str] = set()  # the tables _ISLANDS holds
        self._island_files = 0  # files that made tables in _ISLANDS since it was last emptied
        self._island_ran = False  # a table was made in _ISLANDS since the tables were last read
        self._attached = False  # whether _ISLANDS is
        self.connection = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        self.guard = _Guard()
        self.connection.set_progress_handler(self.guard.progress, _PROGRESS_OPS)
        self.complete = True
        self.failures: list[tuple[str, str]] = []  # (file:line: why, SQL) of schema statements
        self._catalog: Catalog | None = EMPTY
        self._version = 0  # PRAGMA schema_version when _tables was read
        self._tables: dict[str, Columns] = {}
        self._since: list[str] = []  # schema statements run since the tables were last read
        self.touched: set[str] = set()  # tables whose columns changed (reset per linted file)
        self.shapes = _Shapes()
        self._stand_ins: dict[str, str] = {}  # name -> kind: functions and collations registered by _stand_in
        self._pragma_ran = False  # the file being replayed ran PRAGMA legacy_alter_table
        #: Objects (lower-cased names) an earlier statement dropped or renamed away: a later ``DROP ...
        #: IF EXISTS`` of one that was not made again drops nothing. One the history never made is
        #: another matter: it may exist where the database is older than the history.
        self.gone: set[str] = set()
        self._gone_virtual: set[str] = set()  # virtual tables dropped (of :attr:`outside` too): their shadows went too
        #: Virtual tables of modules SQLite lacks (lower-cased): in the app's database, with shadow
        #: tables named ``<name>_...``, but not in the replay, which stays complete without them.
        self.outside: set[str] = set()

    def close(self) -> None:
        """Release the in-memory database."""
        self.connection.close()

    # -- running ----------------------------------------------------------------------------

    def execute(self, sql: str) -> Outcome:
        """Run one schema statement under the bounds."""
        self.guard.deadline = time.monotonic() + STATEMENT_SECONDS
        self._since.append(sql)
        island = self._islanded.get(sql)
        target = None if island is None else island[1]
        dropped = re.match(_DROPPED, sql, re.I) if sql[:4].upper() == "DROP" else None
        version = self._schema_version() if dropped is not None else None
        going = self._made_on(dropped) if dropped is not None else ()
        while True:
            text = sql if target is None else target
            guarded = self._guard_if_attaching(text)
            try:
                with _heap_limit():
                    self.connection.execute(text)
            except sqlite3.Error as exc:
                if self._stand_in(str(exc)):
                    continue
                return self._refused(exc)
            except MemoryError:  # SQLITE_NOMEM: the heap limit was reached
                return self._over("memory")
            except ValueError as exc:  # a NUL character: SQLite's C API cannot take the text
                return Outcome("failed", str(exc))
            finally:
                if guarded:
                    self.connection.set_authorizer(None)
            break
        if island is not None:
            self._in_islands.add(island[0])
            self._island_ran = True
        if dropped is not None:
            name = _unquoted(dropped["name"])
            if self._schema_version() != version:  # with it went its indexes and triggers
                self.gone.update((name, *(made.lower() for kind, made in going if kind != "table")))
                if any(kind == "table" for kind, _ in going):  # a virtual table: its shadow tables went too
                    self._gone_virtual.add(name)
            elif dropped["if_exists"]:
                if self._drops_outside(sql):  # a virtual table outside the replay (or its shadow) went
                    self.gone.add(name)
                elif name in self.gone or any(_shadow_of(name, table) for table in self._gone_virtual):
                    return DROPPED_NOTHING
        elif sql[:5].upper() == "ALTER" and (renamed := re.match(_RENAMED_AWAY, sql, re.I)) is not None:
            self.gone.add(_unquoted(renamed["name"]))
        if dropped is not None and dropped["kind"].upper() == "VIEW":
            return Outcome("ran", took=tuple(made for kind, made in going if kind == "trigger"))
        return Outcome("ran")

    def triggers(self) -> frozenset[str]:
        """The lower-cased names of every trigger of the schema."""
        return frozenset(
            row[0] for row in self.connection.execute("SELECT lower(name) FROM sqlite_master WHERE type = 'trigger'")
        )

    def _made_on(self, dropped: re.Match[str]) -> tuple[tuple[str, str], ...]:
        """``(type, name)`` of what a ``DROP TABLE`` or ``DROP VIEW`` takes with its object: its indexes
        and triggers (a view's ``INSTEAD OF`` ones), and ``("table", name)`` when the table is a
        virtual one (its shadow tables go too)."""
        if dropped["kind"].upper() not in ("TABLE", "VIEW"):
            return ()
        rows = self.connection.execute(
            "SELECT type, name FROM sqlite_master WHERE (type IN ('index', 'trigger') AND lower(tbl_name) = ?1)"
            " OR (type = 'table' AND lower(name) = ?1 AND sql LIKE 'CREATE VIRTUAL TABLE%')",
            (_unquoted(dropped["name"]),),
        ).fetchall()
        return tuple((str(kind), str(name)) for kind, name in rows)

    def _drops_outside(self, sql: str) -> bool:
        """Whether ``DROP TABLE`` ``sql`` drops a virtual table of :attr:`outside` or one of its
        shadow tables (``<name>_...``), which the replay does not hold; a dropped one is forgotten."""
        name = _dropped_table(sql) if self.outside else None
        if name is None:
            return False
        if name in self.outside:
            self.outside.discard(name)
            self._gone_virtual.add(name)
            return True
        return any(_shadow_of(name, table) for table in self.outside)

    def _outside_failure(self, sql: str, outcome: Outcome) -> bool:
        """Whether a schema statement failed only for a virtual table of a module SQLite lacks (made
        by it, or named by a later one): the rest of the catalog is still whole."""
        message = outcome.message or ""
        if message.startswith("no such module: "):
            match = re.match(_VIRTUAL, sql, re.I)
            if match is not None:
                self.outside.add(match["name"].lower())
                return True
            return False
        missing = re.match(_NO_TABLE, message) if self.outside else None
        if missing is None or missing["name"].lower() not in self.outside:
            return False
        if _dropped_table(sql) is not None:
            self.outside.discard(missing["name"].lower())
            self._gone_virtual.add(missing["name"].lower())
        return True

    def _stand_in(self, message: str) -> bool:
        """Register a stand-in for the function or collation SQLite says it lacks (one the app
        registers on its connection, such as Android's LOCALIZED, or one of a newer SQLite): a
        CHECK, index or generated column naming it is then made as the app's database has it,
        instead of failing and leaving the history's replay without its table. (Nothing the replay
        runs calls them: it runs no data statement.) ``False`` when ``message`` is another error."""
        match = _MISSING.match(message)
        if match is None or match["name"].lower() in self._stand_ins:
            return False
        self._stand_ins[match["name"].lower()] = match["kind"]
        if match["kind"] == "function":
            self.connection.create_function(match["name"], -1, _no_value, deterministic=True)
        else:
            self.connection.create_collation(match["name"], _binary)
        return True

    @property
    def has_stand_ins(self) -> bool:
        """Whether a function or collation stands in for one SQLite lacks (see :meth:`_stand_in`)."""
        return bool(self._stand_ins)

    def stand_in_named(self, sql: str) -> str | None:
        """SQLite's refusal of ``sql`` on a connection without the stand-ins (``no such function:
        x``) when it names one, else ``None``: the linted file's statements are judged without them."""
        for name, kind in self._stand_ins.items():
            if _names(sql, name):
                return f"no such {kind}: {name}"
        return None

    def begin_file(self, statements: list[Statement]) -> None:
        """Before a file: which of the tables it creates are lonely (see the class); those are made
        in ``_ISLANDS``, where the statements of the file find them (an unqualified name is looked
        up in every attached database) and from which they all go at once, a batch of files at a time."""
        self._islanded = {}
        if self.lonely is None:
            return
        schema = {statement.sql: _island(statement.sql) for statement in statements if _kind(statement) == "schema"}
        creates = {sql: name for sql, name in schema.items() if name is not None and self.lonely(name)}
        if not creates or any(
            "main" in statement.sql.lower() and _QUALIFIED.search(statement.sql) for statement in statements
        ):
            return
        for sql, name in creates.items():
            # another CREATE TABLE of the same name fails: the table stays the first one's
            if not any(made != name and _names(other, name) for other, made in schema.items()):
                match = _TARGET.match(sql)
                assert match is not None
                self._islanded[sql] = (name, f"{sql[: match.start('name')]}{_ISLANDS}.{sql[match.start('name') :]}")
        if self._islanded and not self._attached:
            self._attach()

    def end_file(self) -> None:
        """After a file: ``PRAGMA legacy_alter_table`` back off, as ratchet's runner puts it back
        after each file; every batch of files, the lonely tables they made are gone at once."""
        if self._pragma_ran:
            self._pragma_ran = False
            self.connection.execute("PRAGMA legacy_alter_table = OFF")
        if not self._islanded:
            return
        self._islanded = {}
        self._island_files += 1
        if self._island_files < _DROP_BATCH:
            return
        self.connection.execute(f"DETACH DATABASE {_ISLANDS}")  # ratchet's own: no authorizer is on
        gone, self._in_islands, self._island_files, self._attached = self._in_islands, set(), 0, False
        self._tables = {name: columns for name, columns in self._tables.items() if name not in gone}

    def _attach(self) -> None:
        self.connection.execute(f"ATTACH DATABASE ':memory:' AS {_ISLANDS}")  # ratchet's own: no authorizer is on
        self._attached = True

    def _guard_if_attaching(self, text: str) -> bool:
        """Install the authorizer if SQLite could attach a database while preparing ``text``
        (the caller removes it afterwards); whether it did."""
        if not _may_attach(text):
            return False
        self.connection.set_authorizer(self.guard.authorize)
        return True

    def _schema_version(self) -> int:
        return int(self.connection.execute("PRAGMA schema_version").fetchone()[0])

    def prepare(self, sql: str) -> Outcome:
        """Compile a statement without running it (``EXPLAIN`` only builds its program)."""
        self.guard.deadline = time.monotonic() + STATEMENT_SECONDS
        guarded = self._guard_if_attaching(sql)
        try:
            self.connection.execute("EXPLAIN " + sql).fetchone()
        except sqlite3.Error as exc:
            return self._refused(exc)
        except MemoryError:
            return self._over("memory")
        except ValueError as exc:
            return Outcome("failed", str(exc))
        finally:
            if guarded:
                self.connection.set_authorizer(None)
        return Outcome("prepared")

    @staticmethod
    def _over(bound: str) -> Outcome:
        limit = f"{STATEMENT_SECONDS:g} s" if bound == "time" else f"{HEAP_LIMIT_BYTES // 2**20} MB"
        return Outcome("limit", f"exceeded the replay's {bound} bound ({limit})")

    def _refused(self, exc: sqlite3.Error) -> Outcome:
        message = self.guard.explain(exc)
        if message in _LIMIT_MESSAGES:
            return self._over("time" if message == "interrupted" else "memory")
        if _SYNTAX.match(message):
            return Outcome("syntax", message)
        return Outcome("failed", message)

    def replay(self, statements: list[Statement], *, check_syntax: bool = False) -> Iterator[tuple[Statement, Outcome]]:
        """Replay ``statements``: schema statements run, data statements are prepared only when
        ``check_syntax`` (the linted file), the rest skipped. Yields each outcome."""
        data: list[Statement] = []  # a run of data statements, prepared together
        for statement in statements:
            kind = _kind(statement)
            if kind == "data" and check_syntax:
                data.append(statement)
                if len(data) < _BATCH:
                    continue
            yield from self._prepare_all(data)
            data = []
            if kind == "schema":
                if _REPLAYED_PRAGMA.match(statement.sql):
                    self._pragma_ran = True
                clock = check_syntax and _CLOCK_FUNCTION.search(statement.sql) is not None
                refused_before = self._row_refused(statement.sql) if clock else None
                outcome = self.execute(statement.sql)
                if clock and outcome.status == "ran":
                    refused = self._row_refused(statement.sql)  # not what the table refused before it
                    outcome = replace(outcome, with_rows=refused if refused != refused_before else None)
                if outcome.status in ("failed", "syntax", "limit") and not self._outside_failure(
                    statement.sql, outcome
                ):
                    self.complete = False
                yield statement, outcome
            elif kind != "data" or not check_syntax:
                yield statement, Outcome("skipped")
        yield from self._prepare_all(data)

    def _row_refused(self, sql: str) -> str | None:
        """SQLite's refusal of a row in the table a ``CREATE INDEX``, ``CREATE TABLE`` or ``ALTER
        TABLE`` just made or changed on the empty replay: a row of zeros is inserted and rolled back
        (a row the table's own constraints refuse tells nothing, and is no finding)."""
        match = _INDEX_ON.match(sql) or _TARGET.match(sql)
        if match is None or (match["schema"] is not None and _unquoted(match["schema"]) != "main"):
            return None
        table = quoted(_unquoted(match["name"]))
        try:
            columns = [str(row[1]) for row in self.connection.execute(f"PRAGMA table_xinfo({table})") if row[6] == 0]
        except sqlite3.Error:
            return None
        if not columns:
            return None
        listed = ", ".join(quoted(column) for column in columns)
        self.guard.deadline = time.monotonic() + STATEMENT_SECONDS
        self.connection.execute("SAVEPOINT ratchet_row")
        try:
            with _heap_limit():
                self.connection.execute(f"INSERT INTO {table} ({listed}) VALUES ({', '.join('0' * len(columns))})")
        except sqlite3.Error as exc:
            return str(exc) if str(exc).startswith("non-deterministic use of ") else None
        except MemoryError:
            return None
        finally:
            self.connection.execute("ROLLBACK TO ratchet_row")
            self.connection.execute("RELEASE ratchet_row")
        return None

    def _prepare_all(self, statements: list[Statement]) -> Iterator[tuple[Statement, Outcome]]:
        """Prepare data statements: all in one script of ``EXPLAIN``s (in C: a data file has many),
        and one by one only when that script fails, to tell which statement and why. Plain INSERT
        lines of one shape (:class:`_Shapes`) are prepared once: the others share its outcome."""
        if not statements:
            return
        shapes = [self.shapes.of(statement) for statement in statements] if len(statements) > 1 else [None]
        chosen: dict[str, Statement] = {}  # a shape's first statement, prepared for all of that shape
        unique: list[Statement] = []
        for statement, shape in zip(statements, shapes, strict=True):
            if shape is None:
                unique.append(statement)
            elif shape not in chosen:
                chosen[shape] = statement
                unique.append(statement)
        self.guard.deadline = time.monotonic() + STATEMENT_SECONDS
        script = ";\n".join("EXPLAIN " + statement.sql for statement in unique)
        guarded, failed = self._guard_if_attaching(script), False
        try:
            self.connection.executescript(script)
        except (sqlite3.Error, MemoryError, ValueError):
            failed = True
        finally:
            if guarded:
                self.connection.set_authorizer(None)
        if failed:
            outcomes = {id(statement): self.prepare(statement.sql) for statement in unique}
            for statement, shape in zip(statements, shapes, strict=True):
                yield statement, outcomes[id(statement if shape is None else chosen[shape])]
            return
        for statement in statements:
            yield statement, _PREPARED

    def replay_text(self, name: str, text: str) -> None:
        """Replay a whole earlier file (or the ``lint-schema`` seed) by its text."""
        statements = split_statements(text)
        self.begin_file(statements)
        for statement, outcome in self.replay(statements):
            if outcome.status in ("failed", "syntax", "limit"):
                self.failures.append((f"{name}:{statement.line}: {outcome.message}", statement.sql))
        self.end_file()

    # -- the catalog -------------------------------------------------------------------------

    def catalog(self) -> Catalog:
        """The tables now."""
        tables = self.tables()
        if self._catalog is None or self._catalog.tables is not tables:
            self._catalog = Catalog(tables)
        return self._catalog

    def tables(self) -> dict[str, Columns]:
        """Every table's columns now (the same dict while the schema does not change).

        Read again only where the statements run since the last call can have changed them:
        nowhere for an index, view or trigger; the table a ``CREATE TABLE`` or ``ALTER TABLE``
        names; every table after anything else (a rename rewrites other tables, a drop or a
        virtual table has shadow tables), so a long history is not re-read after every file.
        """
        if not self._since:  # no schema statement ran since the last read (data statements are only compiled)
            return self._tables
        version = self._schema_version()
        scopes = [_scope(sql) for sql in self._since]
        self._since.clear()
        island_ran, self._island_ran = self._island_ran, False
        if version == self._version and not island_ran:
            return self._tables
        self._version = version
        if all(scope is not None for scope in scopes):
            names = {name for scope in scopes if scope for name in scope}
            if not names:
                return self._tables
            tables = dict(self._tables)
            for name in names:
                columns = table_columns(self.connection, name)
                if columns:
                    tables[name] = columns
                else:
                    tables.pop(name, None)
        else:
            query = "SELECT lower(name) FROM {}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            schemas = ["main", _ISLANDS] if self._attached else ["main"]
            rows = self.connection.execute(" UNION ALL ".join(map(query.format, schemas))).fetchall()
            names = {str(row[0]) for row in rows} | self._tables.keys()
            tables = {str(row[0]): table_columns(self.connection, str(row[0])) for row in rows}
        self.touched |= {name for name in names if tables.get(name) != self._tables.get(name)}
        self._tables = tables
        return tables


def _may_attach(text: str) -> bool:
    """Whether SQLite could attach a database while preparing ``text``: only ``ATTACH`` and
    ``VACUUM INTO`` do, and their keywords are ASCII words spelled out in the text (a plain
    ``in`` on the lower-cased text: a case-insensitive regex search costs several times more)."""
    lowered = text.lower()
    return "attach" in lowered or "vacuum" in lowered


def _no_value(*_: object) -> None:
    """A stand-in function (:meth:`Replay._stand_in`)."""


def _binary(left: str, right: str) -> int:
    """A stand-in collation (:meth:`Replay._stand_in`): SQLite's BINARY order."""
    return (left > right) - (left < right)


def table_columns(connection: sqlite3.Connection, table: str) -> dict[str, Column]:
    """``PRAGMA table_xinfo`` of ``table`` as :class:`Column` records (names lower-cased)."""
    result: dict[str, Column] = {}
    for _, name, declared, not_null, default, primary_key, hidden in connection.execute(
        f"PRAGMA table_xinfo({quoted(table)})"
    ):
        if hidden == 1:  # a virtual table's hidden column
            continue
        result[str(name).lower()] = Column(
            str(declared), bool(not_null), None if default is None else str(default), bool(primary_key), hidden > 1
        )
    return result


def applies(guards: Guards | None) -> bool:
    """Whether a file with these guards runs on SQLite (the replay runs only those)."""
    return guards is None or guards.applies_to("sqlite")


def replay_file(
    replay: Replay,
    file: MigrationFile,
    statements: list[Statement],
    snapshot_before: dict[int, list[str]],
    snapshot_after: list[str],
) -> FileReplay:
    """Run ``file`` statement by statement on ``replay`` (which holds the files before it)."""
    result = FileReplay(
        replay.catalog(), replay.complete, history_failures=list(replay.failures), outside=frozenset(replay.outside)
    )
    replay.begin_file(statements)
    replay.touched = set()
    for statement, outcome in _with_snapshots(replay, statements, snapshot_before, result):
        if outcome.status == "ran" and replay.has_stand_ins:
            outcome = replace(outcome, stand_in=replay.stand_in_named(statement.sql))
        result.outcomes[statement.number] = outcome
        if outcome.status == "ran":
            result.after[statement.number] = replay.tables()
            result.took_triggers = result.took_triggers or bool(outcome.took)
        elif outcome.status in ("failed", "syntax", "limit") and _kind(statement) == "schema":
            replay.failures.append((f"{file.path.name}:{statement.line}: {outcome.message}", statement.sql))
    result.final = replay.catalog()
    result.changed = replay.touched
    if result.took_triggers:
        result.final_triggers = replay.triggers()
    result.final_snapshots = {table: snapshot(replay.connection, table) for table in snapshot_after}
    replay.end_file()
    return result


def _with_snapshots(
    replay: Replay, statements: list[Statement], wanted: dict[int, list[str]], result: FileReplay
) -> Iterator[tuple[Statement, Outcome]]:
    """Replay ``statements``, snapshotting the tables ``wanted`` just before their statement."""
    start = 0
    for position, statement in enumerate(statements):
        if statement.number in wanted:
            yield from replay.replay(statements[start:position], check_syntax=True)
            start = position
            for table in wanted[statement.number]:
                result.snapshots[(statement.number, table)] = snapshot(replay.connection, table)
    yield from replay.replay(statements[start:], check_syntax=True)


#: SQLite's refusals of a statement that the schema the earlier files built decides (not a
#: missing table or function, which may come from outside the history: the app, an extension).
_REFUSED = re.compile(
    r"^(?:duplicate column name: (?P<duplicate>.+)"
    r"|no such column: (?P<missing>.+)"
    r"|table \S+ has no column named (?P<unnamed>.+)"
    r"|error in (?:trigger|view|index) \S+ after (?:drop|rename) column: (?:no such column: (?P<used>.+)|.*)"
    r"|cannot drop (?:PRIMARY KEY |UNIQUE )?column.*"
    r"|table \S+ has \d+ columns but \d+ values were supplied|\d+ values for \d+ columns"
    r"|(?:table|index|trigger|view) \S+ already exists)$"
)


def refused_by_schema(message: str) -> bool:
    """Whether SQLite refused a statement for what the replayed schema holds (a duplicate or
    missing column, a column a trigger/index/view still uses, an object that exists already, an
    insert whose values do not match the table's columns)."""
    return _REFUSED.match(message) is not None


def refusal_position(statement: Statement, message: str) -> tuple[int, int]:
    """Where the column a refusal names first appears in the statement (else its start)."""
    match = _REFUSED.match(message)
    name = next((g for g in match.groups() if g), None) if match else None
    return name_position(statement, name.strip('"').rpartition(".")[2]) if name else (statement.line, statement.column)


def name_position(statement: Statement, name: str) -> tuple[int, int]:
    """Where ``name`` (a word, in any case, maybe quoted) first appears in the statement, else its start."""
    found = re.search(r"(?<![\w$])[\"`\[]?" + re.escape(name) + r"(?![\w$])", statement.sql, re.IGNORECASE)
    if found is None:
        return statement.line, statement.column
    return advance(statement.line, statement.column, statement.sql[: found.start()])


def syntax_position(statement: Statement, message: str) -> tuple[int, int]:
    """Where SQLite's ``near "X": syntax error`` most likely is: the first occurrence of X after
    which the text before it is a statement SQLite accepts (two statements with the ``;``
    missing between them break at the second one's first word); else the statement's start."""
    match = _SYNTAX.match(message)
    near = (match["near"] or match["token"]) if match else None
    if not near:
        return statement.line, statement.column
    sql = statement.sql
    positions = [m.start() for m in re.finditer(re.escape(near), sql, re.IGNORECASE) if m.start() > 0]
    chosen = positions[0] if positions else 0
    with _scratch() as connection:
        for position in positions:
            try:
                connection.execute("EXPLAIN " + sql[:position]).fetchone()
            except sqlite3.Error as exc:
                if _SYNTAX.match(str(exc)):
                    continue
            chosen = position
            break
    return advance(statement.line, statement.column, sql[:chosen])


@contextmanager
def _scratch() -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:")
    try:
        yield connection
    finally:
        connection.close()
