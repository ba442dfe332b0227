"""What a table rebuild must keep: snapshots of one table in the SQLite replay, compared.

The seed's safe rebuild of table ``t``: create ``new``, copy the rows, drop ``t``, rename
``new`` to ``t``. It is accepted only when, in the schema replay (``replay.py``), every old
column of ``t`` is back with a compatible type, and every index, trigger and dependent view of
the old ``t`` exists again.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class Snapshot:
    """What SQLite knows about one table."""

    columns: dict[str, str]  # name -> declared type
    primary_key: tuple[str, ...]
    indexes: dict[tuple[bool, tuple[str, ...]], str]  # (unique, columns) -> index name
    triggers: frozenset[str]
    views: frozenset[str]
    generated: frozenset[str] = frozenset()  # generated columns: computed, never copied
    #: Tables whose foreign keys name this one (a rename rewrites them to the new name: a rebuild
    #: that renames the old table first and drops it leaves them pointing at a table that is gone).
    referenced_by: frozenset[str] = frozenset()


def quoted(name: str) -> str:
    """``name`` as a SQLite identifier, in double quotes."""
    return '"' + name.replace('"', '""') + '"'


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


# A declared decimal that holds fractions: NUMERIC or DECIMAL without a scale, or with one above 0.
_FRACTIONAL = re.compile(r"^\s*(?:DECIMAL|NUMERIC|DEC)\s*(?:\(\s*\d+\s*(?:,\s*0*[1-9]\d*\s*)?\))?\s*$", re.IGNORECASE)
_SCALE_ZERO = re.compile(r"^\s*(?:DECIMAL|NUMERIC|DEC)\s*\(\s*\d+\s*(?:,\s*0+\s*)?\)\s*$", re.IGNORECASE)


def _keeps_values(old: str, new: str) -> bool:
    """Whether a column declared ``new`` keeps every value of one declared ``old``: the same
    affinity, none (BLOB), or INTEGER and NUMERIC, which store alike and differ only in CAST;
    but a decimal with fractions declared an integer narrows (what reads the column as an
    integer drops the fraction), as it would on any other database."""
    was, now = affinity(old), affinity(new)
    if now == "INTEGER" and _FRACTIONAL.match(old) and not _SCALE_ZERO.match(old):
        return False
    return now in (was, "BLOB") or {was, now} == {"INTEGER", "NUMERIC"}


def snapshot(connection: sqlite3.Connection, table: str) -> Snapshot:
    """Columns, primary key, indexes, triggers, dependent views and referencing tables of ``table``."""
    name_sql = quoted(table)
    info = connection.execute(f"PRAGMA table_xinfo({name_sql})").fetchall()
    columns = {str(row[1]).lower(): str(row[2]) for row in info if row[6] in (0, 2, 3)}
    generated = frozenset(str(row[1]).lower() for row in info if row[6] in (2, 3))
    primary_key = tuple(str(row[1]).lower() for row in sorted((r for r in info if r[5]), key=lambda r: r[5]))
    indexes: dict[tuple[bool, tuple[str, ...]], str] = {}
    for row in connection.execute(f"PRAGMA index_list({name_sql})").fetchall():
        name, unique, origin = str(row[1]), bool(row[2]), str(row[3])
        if origin == "pk":
            continue
        index_quoted = quoted(name)
        cols = tuple(
            str(c[2]).lower() if c[2] is not None else "<expr>"
            for c in connection.execute(f"PRAGMA index_info({index_quoted})").fetchall()
        )
        if "<expr>" in cols:  # two expression indexes differ by their expressions
            row = connection.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)
            ).fetchone()
            cols = _expressions(str(row[0]) if row and row[0] else "", cols)
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
    # the foreign keys of the tables whose text names this one (read per table: a join with
    # pragma_foreign_key_list prepares a PRAGMA for every table of a long history)
    naming = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND instr(lower(sql), ?) > 0", (table.lower(),)
    ).fetchall()
    referenced_by = frozenset(
        str(name)
        for (name,) in naming
        if any(
            str(row[2]).lower() == table.lower()
            for row in connection.execute(f"PRAGMA foreign_key_list({quoted(str(name))})")
        )
    )
    return Snapshot(columns, primary_key, indexes, triggers, views, generated, referenced_by)


_INDEXED = re.compile(r"\bON\s+(?:\"(?:[^\"]|\"\")+\"|`[^`]+`|\[[^\]]+\]|[\w$.]+)\s*\(", re.IGNORECASE)


def _expressions(sql: str, cols: tuple[str, ...]) -> tuple[str, ...]:
    """``cols`` with each expression (``<expr>``) replaced by its text in the indexed list of
    ``CREATE INDEX`` ``sql`` (lower-cased, without blanks and quotes: ``lower(word)``), when that
    list has as many parts."""
    match = _INDEXED.search(sql)
    if match is None:
        return cols
    parts: list[str] = []
    depth, current = 1, ""
    for char in sql[match.end() :]:
        depth += (char == "(") - (char == ")")
        if depth == 0 or (char == "," and depth == 1):
            parts.append(current)
            current = ""
            if depth == 0:
                break
            continue
        current += char
    if len(parts) != len(cols):
        return cols
    return tuple(
        re.sub(r"[\s\"`\[\]]", "", part).lower() if col == "<expr>" else col
        for part, col in zip(parts, cols, strict=True)
    )


def lost(
    before: Snapshot, after: Snapshot, becomes: frozenset[str] = frozenset()
) -> tuple[list[str], list[str], list[str]]:
    """``(column problems, dependents lost, indexes changed)`` comparing the old and the rebuilt
    table; ``becomes`` holds the lower-cased names of the tables renamed to it (a foreign key of the
    new table that names the old one is its own, not a dependent's). An index made again under its
    old name on other columns is changed, as a DROP INDEX and a CREATE INDEX would change it."""
    remade = {name: cols for (_, cols), name in after.indexes.items() if not name.startswith("sqlite_autoindex")}
    changed: list[str] = []
    columns: list[str] = []
    for name, declared in before.columns.items():
        if name not in after.columns:
            columns.append(f"column {name} is missing from the rebuilt table")
        elif not _keeps_values(declared, after.columns[name]):
            columns.append(f"column {name} changes type from {declared or 'none'} to {after.columns[name]}")
    dependents: list[str] = []
    if before.primary_key and before.primary_key != after.primary_key:
        dependents.append(f"primary key ({', '.join(before.primary_key)})")
    for (unique, cols), name in sorted(before.indexes.items(), key=lambda item: item[1]):
        gone = [c for c in cols if c in before.columns and c not in after.columns]
        if not gone and not _index_kept(unique, cols, after) and name in remade:
            changed.append(f"index {name} is made again on ({', '.join(remade[name])}) instead of ({', '.join(cols)})")
        elif not gone and not _index_kept(unique, cols, after):  # an index of a lost column goes with it
            kind = "unique index" if unique else "index"
            shown = name if not name.startswith("sqlite_autoindex") else "UNIQUE constraint"
            dependents.append(f"{kind} {shown} ({', '.join(cols)})")
    dependents += [f"trigger {name}" for name in sorted(before.triggers - after.triggers)]
    dependents += [f"view {name}" for name in sorted(before.views - after.views)]
    referencing = {name.lower() for name in after.referenced_by}
    dependents += [
        f"the foreign key of {name}"
        for name in sorted(before.referenced_by)
        if name.lower() not in referencing and name.lower() not in becomes
    ]
    return columns, dependents, changed


def _index_kept(unique: bool, cols: tuple[str, ...], after: Snapshot) -> bool:
    """Whether the rebuilt table still has an index like the old one: the same, or a unique index
    (or primary key) on the same columns; for a unique index, on the same columns in any order."""
    keys = [c for u, c in after.indexes if u] + ([after.primary_key] if after.primary_key else [])
    if (unique, cols) in after.indexes or cols in keys:
        return True
    return unique and any(sorted(key) == sorted(cols) for key in keys)
