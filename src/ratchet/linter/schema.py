"""What a table rebuild must keep: snapshots of one table in the SQLite replay, compared.

The seed's safe rebuild of table ``t``: create ``new``, copy the rows, drop ``t``, rename
``new`` to ``t``. It is accepted only when, in the schema replay (``replay.py``), every old
column of ``t`` is back with a compatible type, and every index, trigger and dependent view of
the old ``t`` exists again.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Snapshot:
    """What SQLite knows about one table."""

    columns: dict[str, str]  # name -> declared type
    primary_key: tuple[str, ...]
    indexes: dict[str, tuple[bool, tuple[str, ...]]]  # index name -> (unique, columns)
    triggers: frozenset[str]
    views: frozenset[str]
    generated: frozenset[str] = frozenset()  # generated columns: computed, never copied
    #: Tables whose foreign keys name this one (a rename rewrites them to the new name: a rebuild
    #: that renames the old table first and drops it leaves them pointing at a table that is gone).
    referenced_by: frozenset[str] = frozenset()
    #: The ``WHERE`` of each partial index, by index name (an index on every row has none).
    partial: dict[str, str] = field(default_factory=dict)
    #: Triggers of other tables whose text names this one (a rename rewrites them to the new name,
    #: as it does views: a rebuild that renames the old table first and drops it leaves them naming
    #: a table that is gone, and every write that fires them fails).
    naming_triggers: frozenset[str] = frozenset()
    #: A ``STRICT`` table: its ``ANY`` columns keep every value as it is written (elsewhere a
    #: column declared ``ANY`` has NUMERIC affinity, which turns ``'007'`` into ``7``).
    strict: bool = False


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
    indexes: dict[str, tuple[bool, tuple[str, ...]]] = {}
    partial: dict[str, str] = {}
    for row in connection.execute(f"PRAGMA index_list({name_sql})").fetchall():
        name, unique, origin, is_partial = str(row[1]), bool(row[2]), str(row[3]), bool(row[4])
        if origin == "pk":
            continue
        index_quoted = quoted(name)
        cols = tuple(
            str(c[2]).lower() if c[2] is not None else "<expr>"
            for c in connection.execute(f"PRAGMA index_info({index_quoted})").fetchall()
        )
        if "<expr>" in cols or is_partial:  # expression indexes differ by their expressions, partial ones by WHERE
            row = connection.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)
            ).fetchone()
            sql = str(row[0]) if row and row[0] else ""
            cols = _expressions(sql, cols)
            if is_partial:
                partial[name] = _where(sql)
        indexes[name] = (unique, cols)
    pattern = re.compile(r'(?<![\w"`])["`\[]?' + re.escape(table) + r'["`\]]?(?![\w])', re.IGNORECASE)
    triggers: set[str] = set()
    naming_triggers: set[str] = set()
    for name, on, sql in connection.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"):
        if str(on).lower() == table.lower():
            triggers.add(str(name))
        elif sql and pattern.search(str(sql)):
            naming_triggers.add(str(name))
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
    return Snapshot(
        columns,
        primary_key,
        indexes,
        frozenset(triggers),
        views,
        generated,
        referenced_by,
        partial,
        frozenset(naming_triggers),
        _is_strict(connection, table),
    )


def _is_strict(connection: sqlite3.Connection, table: str) -> bool:
    """Whether ``table`` is a ``STRICT`` table: its options, after the column list, say so (read
    from its ``CREATE TABLE``; ``pragma_table_list`` would read every table of the schema)."""
    row = connection.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND lower(name) = ?", (table.lower(),)
    ).fetchone()
    sql = str(row[0]) if row and row[0] else ""
    return re.search(r"\bSTRICT\b", sql[sql.rfind(")") + 1 :], re.IGNORECASE) is not None


def _stored_as(declared: str, strict: bool) -> str:
    """The declared type as its affinity reads it: ``ANY`` in a ``STRICT`` table stores values as
    they are, as a column without a type does."""
    return "" if strict and declared.strip().upper() == "ANY" else declared


_INDEXED = re.compile(r"\bON\s+(?:\"(?:[^\"]|\"\")+\"|`[^`]+`|\[[^\]]+\]|[\w$.]+)\s*\(", re.IGNORECASE)


def _where(sql: str) -> str:
    """The condition of the partial ``CREATE INDEX`` ``sql``: what follows the ``WHERE`` after its
    indexed list, its blanks collapsed."""
    match = _INDEXED.search(sql)
    if match is None:
        return ""
    depth = 1
    for at in range(match.end(), len(sql)):
        depth += (sql[at] == "(") - (sql[at] == ")")
        if depth == 0:
            rest = sql[at + 1 :].strip()
            return " ".join(rest[5:].split()) if rest[:5].upper() == "WHERE" else ""
    return ""


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
) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """``(column problems, dependents lost, indexes changed)`` comparing the old and the rebuilt
    table; ``becomes`` holds the lower-cased names of the tables renamed to it (a foreign key of the
    new table that names the old one is its own, not a dependent's). An index made again under its
    old name on other columns, or on the same columns for other rows (another partial ``WHERE``),
    is changed, as a DROP INDEX and a CREATE INDEX would change it: each change is ``(rule,
    what it does)``."""
    # SQLite's names are case-insensitive: an object made again as ``Alerts_AI`` is ``alerts_ai``
    remade = {
        name.lower(): cols for name, (_, cols) in after.indexes.items() if not name.startswith("sqlite_autoindex")
    }
    again = {name.lower() for name in after.indexes}
    changed: list[tuple[str, str]] = []
    columns: list[str] = []
    for name, declared in before.columns.items():
        if name not in after.columns:
            columns.append(f"column {name} is missing from the rebuilt table")
        elif not _keeps_values(_stored_as(declared, before.strict), _stored_as(after.columns[name], after.strict)):
            columns.append(f"column {name} changes type from {declared or 'none'} to {after.columns[name]}")
    dependents: list[str] = []
    if before.primary_key and sorted(before.primary_key) != sorted(after.primary_key):  # (a, b) is (b, a)
        dependents.append(f"primary key ({', '.join(before.primary_key)})")
    for name, (unique, cols) in sorted(before.indexes.items()):
        if any(c in before.columns and c not in after.columns for c in cols):
            continue  # an index of a lost column goes with it
        kind = "unique index" if unique else "index"
        shown = f"{kind} {name if not name.startswith('sqlite_autoindex') else 'UNIQUE constraint'} ({', '.join(cols)})"
        rows = _rows_kept(unique, cols, after)
        if not rows and name.lower() in remade and remade[name.lower()] != cols:  # same columns: unique made plain
            text = f"index {name} is made again on ({', '.join(remade[name.lower()])}) instead of ({', '.join(cols)})"
            changed.append(("drop-index", f"{text}; queries that used the old one may get slow"))
        elif not rows:
            dependents.append(shown)
        elif change := _rows_changed(unique, shown, before.partial.get(name, ""), rows, name.lower() in again):
            changed.append(change)
    dependents += [f"trigger {name}" for name in _gone(before.triggers, after.triggers)]
    dependents += [f"view {name}" for name in _gone(before.views, after.views)]
    dependents += [
        f"trigger {name} of another table, which names it"
        for name in _gone(before.naming_triggers, after.naming_triggers)
    ]
    referencing = {name.lower() for name in after.referenced_by}
    dependents += [
        f"the foreign key of {name}"
        for name in sorted(before.referenced_by)
        if name.lower() not in referencing and name.lower() not in becomes
    ]
    return columns, dependents, changed


def _gone(before: frozenset[str], after: frozenset[str]) -> list[str]:
    """The names of ``before`` that ``after`` lacks, compared as SQLite compares names (without case)."""
    kept = {name.lower() for name in after}
    return sorted(name for name in before if name.lower() not in kept)


def _rows_kept(unique: bool, cols: tuple[str, ...], after: Snapshot) -> set[str]:
    """The rows the rebuilt table's indexes like the old one cover, each as its partial ``WHERE``
    (``""``: every row), none when there is no such index. Like the old one: the same, or a unique
    index (or primary key) on the same columns; for a unique index, on the same columns in any order."""
    rows = {"" for key in [after.primary_key] if key and (key == cols or (unique and sorted(key) == sorted(cols)))}
    for name, (is_unique, key) in after.indexes.items():
        if (is_unique, key) == (unique, cols) or (
            is_unique and (key == cols or (unique and sorted(key) == sorted(cols)))
        ):
            rows.add(after.partial.get(name, ""))
    return rows


def _rows_changed(unique: bool, shown: str, where: str, rows: set[str], again: bool) -> tuple[str, str] | None:
    """``(rule, what it does)`` when the rebuilt table's indexes like the old one, covering ``rows``
    (partial ``WHERE`` each, ``""`` every row), do not cover the rows the old one did (its ``where``),
    compared as :func:`_condition` reads them; None when one does (an index on every row serves what a
    partial one did, but a unique one also refuses values that repeat outside its ``WHERE``); ``again``:
    whether the old index is made again under its own name (else only other indexes are like it)."""
    same = {_condition(where)} if unique or not where else {_condition(where), ""}
    if same & {_condition(row) for row in rows}:
        return None
    now = sorted(rows)[0]
    made = "is made again" if again else "is gone, its columns indexed"
    if unique and not now:
        return (
            "add-unique-to-existing",
            f"{shown} WHERE {where} {made} on every row: the copy and later writes fail on values "
            "that repeat outside its WHERE",
        )
    was = f" instead of WHERE {where}" if where else ""
    if unique:
        return (
            "drop-constraint",
            f"{shown} {made} only WHERE {now}{was}: other rows may now repeat its values",
        )
    return ("drop-index", f"{shown} {made} only WHERE {now}{was}; queries for other rows may get slow")


_STRING = re.compile(r"('(?:[^']|'')*')")


def same_condition(was: str, now: str, *, whole: bool = False) -> bool:
    """Whether the partial ``WHERE`` ``was`` covers the rows ``now`` does (``""``: every row), as
    :func:`_condition` reads them; ``whole``: an index on every row covers any."""
    return (whole and not was) or _condition(was) == _condition(now)


def _condition(where: str) -> str:
    """A partial index's ``WHERE`` as compared: without blanks, quotes or case, but for its string
    literals, whose case and blanks change which rows it covers."""
    return "".join(
        part if index % 2 else re.sub(r"[\s\"`\[\]]", "", part).lower()
        for index, part in enumerate(_STRING.split(where))
    )
