"""SQLite's catalog from ``sqlite_master`` and the pragmas, and its schema as DDL.

The catalog maps ``"kind name"`` to the object's attributes, every value text (or ``None``),
so that two reads of an unchanged database are equal and JSON keeps them exactly.
"""

from __future__ import annotations

from typing import Any

from ratchet.backends.base import Backend

_KIND_ORDER = {"table": 0, "index": 1, "view": 2, "trigger": 3}
_USER_OBJECTS = (
    "SELECT type, name, tbl_name, sql FROM sqlite_master "
    "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql IS NOT NULL ORDER BY rowid"
)
# One query for every column of every table: a pragma per table would cost a round trip each.
_COLUMNS = (
    'SELECT m.name, c.name, c.type, c."notnull", c.dflt_value, c.pk, c.hidden '
    "FROM sqlite_master AS m JOIN pragma_table_xinfo(m.name) AS c "
    "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.name, c.cid"
)


def normalise_sql(sql: str) -> str:
    """DDL text with every run of white space made one space (editors and ALTER re-indent it)."""
    return " ".join(sql.split())


def read_catalog(backend: Backend, excluded_tables: frozenset[str]) -> dict[str, dict[str, Any]]:
    """Tables (their DDL, which holds CHECK and foreign key clauses), columns (type,
    nullability, default, primary key position), indexes, views and triggers."""
    catalog: dict[str, dict[str, Any]] = {}
    for kind, name, table, sql in backend.query(_USER_OBJECTS):
        if str(table) in excluded_tables:
            continue
        entry: dict[str, Any] = {"sql": normalise_sql(str(sql))}
        if kind in ("index", "trigger"):
            entry["table"] = str(table)
        catalog[f"{kind} {name}"] = entry
    for table, column, declared, not_null, default, primary_key, hidden in backend.query(_COLUMNS):
        if str(table) in excluded_tables:
            continue
        catalog[f"column {table}.{column}"] = {
            "type": str(declared),
            "nullable": "no" if not_null else "yes",
            "default": None if default is None else str(default),
            "primary_key": str(primary_key),
            "generated": "no" if not hidden else "yes",
        }
    return catalog


def dump_schema(backend: Backend, excluded_tables: frozenset[str]) -> str:
    """Every ``CREATE`` statement of ``sqlite_master``: tables, indexes, views, triggers, each
    group by name."""
    objects = [
        (str(kind), str(name), str(sql))
        for kind, name, table, sql in backend.query(_USER_OBJECTS)
        if str(table) not in excluded_tables
    ]
    objects.sort(key=lambda item: (_KIND_ORDER.get(item[0], 9), item[1]))
    return "".join(f"{sql.strip()};\n\n" for _, _, sql in objects)
