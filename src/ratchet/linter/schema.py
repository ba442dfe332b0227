"""Replay migrations into an in-memory SQLite database to prove a table rebuild safe.

The seed's safe rebuild of table ``t``: create ``new``, copy the rows, drop ``t``, rename
``new`` to ``t``. It is accepted only when, after replaying the earlier migrations of the same
directory and then the file itself, every old column of ``t`` is back with a compatible type,
and every index, trigger and dependent view of the old ``t`` exists again.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass

from packaging.version import Version

from ratchet.discover import MigrationFile
from ratchet.errors import MigrationFileError
from ratchet.headers import Guards, parse_guards
from ratchet.split import TRANSACTION_WORDS, Statement


@dataclass(frozen=True)
class Snapshot:
    """What SQLite knows about one table."""

    columns: dict[str, str]  # name -> declared type
    primary_key: tuple[str, ...]
    indexes: dict[tuple[bool, tuple[str, ...]], str]  # (unique, columns) -> index name
    triggers: frozenset[str]
    views: frozenset[str]


#: Guard headers by file version, filled as files are parsed (``None``: the header is invalid),
#: so that the replays of one lint run parse each earlier file's header once.
Headers = dict[Version, Guards | None]


class ReplayError(Exception):
    """A statement failed during the replay; the message names file, line and error."""


class _NoFiles:
    """A SQLite authorizer that refuses ATTACH (VACUUM INTO attaches its target too).

    The replay runs SQL from migration files, possibly an untrusted pull request's, inside
    ``ratchet lint``, which must never write a file; ``load_extension`` is off by default.
    """

    def __init__(self) -> None:
        self.refused: str | None = None

    def __call__(self, action: int, arg1: str | None, arg2: str | None, db: str | None, source: str | None) -> int:
        if action == sqlite3.SQLITE_ATTACH:
            self.refused = f"ATTACH / VACUUM INTO '{arg1}'"
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    def explain(self, exc: sqlite3.Error) -> str:
        """The error text, naming the refused statement when the authorizer caused it."""
        if self.refused is None:
            return str(exc)
        refused, self.refused = self.refused, None
        return f"{refused} is not run: the lint's schema replay never touches the filesystem"


def affinity(declared: str) -> str:
    """SQLite's type affinity of a declared column type (section 3.1 of its datatype docs)."""
    upper = declared.upper()
    if "INT" in upper:
        return "INTEGER"
    if any(word in upper for word in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if "BLOB" in upper or not upper:
        return "BLOB"
    if any(word in upper for word in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def snapshot(connection: sqlite3.Connection, table: str) -> Snapshot:
    """Columns, primary key, indexes, triggers and dependent views of ``table``."""
    quoted = '"' + table.replace('"', '""') + '"'
    info = connection.execute(f"PRAGMA table_xinfo({quoted})").fetchall()
    columns = {str(row[1]).lower(): str(row[2]) for row in info if row[6] in (0, 2, 3)}
    primary_key = tuple(str(row[1]).lower() for row in sorted((r for r in info if r[5]), key=lambda r: r[5]))
    indexes: dict[tuple[bool, tuple[str, ...]], str] = {}
    for row in connection.execute(f"PRAGMA index_list({quoted})").fetchall():
        name, unique, origin = str(row[1]), bool(row[2]), str(row[3])
        if origin == "pk":
            continue
        index_quoted = '"' + name.replace('"', '""') + '"'
        cols = tuple(
            str(c[2]).lower() if c[2] is not None else "<expr>"
            for c in connection.execute(f"PRAGMA index_info({index_quoted})").fetchall()
        )
        indexes[(unique, cols)] = name
    triggers = frozenset(
        str(row[0])
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND lower(tbl_name) = ?", (table.lower(),)
        )
    )
    pattern = re.compile(r'(?<![\w"`])["`\[]?' + re.escape(table) + r'["`\]]?(?![\w])', re.IGNORECASE)
    views = frozenset(
        str(name)
        for name, sql in connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'view'")
        if sql and pattern.search(str(sql))
    )
    return Snapshot(columns, primary_key, indexes, triggers, views)


def _run(connection: sqlite3.Connection, guard: _NoFiles, file_name: str, statements: list[Statement]) -> None:
    for statement in statements:
        words = statement.first_words(1)
        if words and words[0] in TRANSACTION_WORDS:
            continue
        try:
            connection.execute(statement.sql)
        except sqlite3.Error as exc:
            raise ReplayError(f"{file_name}:{statement.line}: {guard.explain(exc)}") from None


def _guards(file: MigrationFile, headers: Headers) -> Guards | None:
    if file.version not in headers:
        try:
            headers[file.version] = parse_guards(file.path, file.text)
        except MigrationFileError:
            headers[file.version] = None
    return headers[file.version]


def replay_earlier(
    connection: sqlite3.Connection, guard: _NoFiles, earlier: list[MigrationFile], headers: Headers
) -> None:
    """Run every earlier file that applies to SQLite; raise :class:`ReplayError` on a failure."""
    for file in earlier:
        guards = _guards(file, headers)
        if guards is None:
            raise ReplayError(f"{file.path.name}: its guard header is invalid")
        if not guards.applies_to("sqlite"):
            continue
        # SQLite's own script runner: a data file of many megabytes replays in C, unsplit.
        try:
            connection.executescript(file.text)
        except sqlite3.Error as exc:
            raise ReplayError(f"{file.path.name}: {guard.explain(exc)}") from None
        except ValueError as exc:  # a NUL character: SQLite's C API cannot take the text
            raise ReplayError(f"{file.path.name}: {exc}") from None


@dataclass(frozen=True)
class RebuildCheck:
    """Before/after snapshots of the rebuilt table, or why they could not be taken."""

    before: Snapshot | None
    after: Snapshot | None
    error: str | None


def check_rebuild(
    earlier: list[MigrationFile],
    file_name: str,
    statements: list[Statement],
    table: str,
    drop_number: int,
    headers: Headers,
) -> RebuildCheck:
    """Replay ``earlier``, then ``statements`` (snapshotting ``table`` just before statement ``drop_number``);
    ``headers`` caches the earlier files' guards across calls."""
    with closing(sqlite3.connect(":memory:", isolation_level=None)) as connection:
        guard = _NoFiles()
        connection.set_authorizer(guard)
        try:
            replay_earlier(connection, guard, earlier, headers)
            _run(connection, guard, file_name, [s for s in statements if s.number < drop_number])
        except ReplayError as exc:
            return RebuildCheck(None, None, f"replaying the earlier migrations failed at {exc}")
        before = snapshot(connection, table)
        if not before.columns:
            return RebuildCheck(None, None, f"table {table} does not exist after replaying the earlier migrations")
        try:
            _run(connection, guard, file_name, [s for s in statements if s.number >= drop_number])
        except ReplayError as exc:
            return RebuildCheck(before, None, f"the rebuild fails on SQLite at {exc}")
        return RebuildCheck(before, snapshot(connection, table), None)


def lost(before: Snapshot, after: Snapshot) -> tuple[list[str], list[str]]:
    """``(column problems, dependents lost)`` comparing the old and the rebuilt table."""
    columns: list[str] = []
    for name, declared in before.columns.items():
        if name not in after.columns:
            columns.append(f"column {name} is missing from the rebuilt table")
        elif affinity(after.columns[name]) not in (affinity(declared), "BLOB"):
            columns.append(f"column {name} changes type from {declared or 'none'} to {after.columns[name]}")
    dependents: list[str] = []
    if before.primary_key and before.primary_key != after.primary_key:
        dependents.append(f"primary key ({', '.join(before.primary_key)})")
    for (unique, cols), name in sorted(before.indexes.items(), key=lambda item: item[1]):
        if (unique, cols) not in after.indexes:
            kind = "unique index" if unique else "index"
            shown = name if not name.startswith("sqlite_autoindex") else "UNIQUE constraint"
            dependents.append(f"{kind} {shown} ({', '.join(cols)})")
    dependents += [f"trigger {name}" for name in sorted(before.triggers - after.triggers)]
    dependents += [f"view {name}" for name in sorted(before.views - after.views)]
    return columns, dependents
