"""MySQL/MariaDB's catalog from ``information_schema``, and its schema from ``SHOW CREATE``.

Index names are per table in MySQL, so indexes, constraints and triggers are named
``table.name``. Values are text so that two reads of an unchanged database are equal.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from ratchet.backends.base import Backend

_TABLES = (
    "SELECT table_name, table_type, engine, table_collation FROM information_schema.tables "
    "WHERE table_schema = DATABASE()"
)
_COLUMNS = (
    "SELECT table_name, column_name, column_type, is_nullable, column_default, extra, collation_name "
    "FROM information_schema.columns WHERE table_schema = DATABASE()"
)
_INDEXES = (
    "SELECT table_name, index_name, non_unique, column_name, sub_part, index_type "
    "FROM information_schema.statistics WHERE table_schema = DATABASE() "
    "ORDER BY table_name, index_name, seq_in_index"
)
_CONSTRAINTS = (
    "SELECT table_name, constraint_name, constraint_type FROM information_schema.table_constraints "
    "WHERE table_schema = DATABASE() AND constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY', 'CHECK')"
)
_KEY_COLUMNS = (
    "SELECT table_name, constraint_name, column_name, referenced_table_name, referenced_column_name "
    "FROM information_schema.key_column_usage WHERE table_schema = DATABASE() "
    "ORDER BY table_name, constraint_name, ordinal_position"
)
_CHECKS = (
    "SELECT constraint_name, check_clause FROM information_schema.check_constraints "
    "WHERE constraint_schema = DATABASE()"
)
_REFERENTIAL = (
    "SELECT table_name, constraint_name, update_rule, delete_rule FROM information_schema.referential_constraints "
    "WHERE constraint_schema = DATABASE()"
)
_VIEWS = (
    "SELECT table_name, view_definition, check_option, security_type FROM information_schema.views "
    "WHERE table_schema = DATABASE()"
)
# A trigger lives in its table's schema; the condition on that schema too is what lets MariaDB read
# only this database's tables (on trigger_schema alone it opens every table of every database).
_TRIGGERS = (
    "SELECT trigger_name, event_object_table, action_timing, event_manipulation, action_statement "
    "FROM information_schema.triggers WHERE trigger_schema = DATABASE() AND event_object_schema = DATABASE()"
)
_ROUTINES = (
    "SELECT routine_name, routine_type, dtd_identifier, routine_definition FROM information_schema.routines "
    "WHERE routine_schema = DATABASE()"
)
_AUTO_INCREMENT = re.compile(r" AUTO_INCREMENT=\d+")
_DEFINER = re.compile(r" DEFINER=`(?:[^`]|``)*`@`(?:[^`]|``)*`")


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", "replace")
    return str(value)


def read_catalog(backend: Backend, excluded_tables: frozenset[str]) -> dict[str, dict[str, Any]]:
    """Tables, sequences (MariaDB), columns, indexes, constraints, views, triggers and routines."""
    catalog: dict[str, dict[str, Any]] = {}
    # MySQL writes the database's name into view bodies; without it a restored copy compares equal
    own_name = f"`{backend.query('SELECT DATABASE()')[0][0]}`."
    for table, table_type, engine, collation in backend.query(_TABLES):
        if table in excluded_tables or table_type == "VIEW" or table_type == "SYSTEM VIEW":
            continue
        kind = "sequence" if table_type == "SEQUENCE" else "table"
        catalog[f"{kind} {table}"] = {"engine": _text(engine), "collation": _text(collation)}
    for table, column, column_type, nullable, default, extra, collation in backend.query(_COLUMNS):
        if table in excluded_tables or f"table {table}" not in catalog:
            continue
        catalog[f"column {table}.{column}"] = {
            "type": _text(column_type),
            "nullable": "yes" if nullable == "YES" else "no",
            "default": _text(default),
            "extra": _text(extra) or "",
            "collation": _text(collation),
        }
    indexes: dict[str, dict[str, Any]] = {}
    for table, name, non_unique, column, sub_part, index_type in backend.query(_INDEXES):
        if table in excluded_tables or name == "PRIMARY":
            continue
        entry = indexes.setdefault(
            f"index {table}.{name}",
            {"table": _text(table), "unique": "no" if int(non_unique) else "yes", "type": _text(index_type)},
        )
        entry.setdefault("columns", []).append(f"{column}({sub_part})" if sub_part else str(column))
    catalog.update(indexes)
    checks = {str(name): _text(clause) for name, clause in backend.query(_CHECKS)}
    rules = {(str(t), str(n)): f"ON UPDATE {u} ON DELETE {d}" for t, n, u, d in backend.query(_REFERENTIAL)}
    keys: dict[tuple[str, str], list[str]] = defaultdict(list)
    for table, name, column, referenced_table, referenced_column in backend.query(_KEY_COLUMNS):
        target = f" -> {referenced_table}.{referenced_column}" if referenced_table else ""
        keys[(str(table), str(name))].append(f"{column}{target}")
    for table, name, constraint_type in backend.query(_CONSTRAINTS):
        if table in excluded_tables:
            continue
        key = (str(table), str(name))
        definition: str | None
        if constraint_type == "CHECK":
            definition = checks.get(str(name))
        else:
            definition = ", ".join(keys.get(key, []))
            if key in rules:
                definition += f" {rules[key]}"
        catalog[f"constraint {table}.{name}"] = {"type": str(constraint_type).lower(), "definition": definition}
    for name, definition, check_option, security in backend.query(_VIEWS):
        catalog[f"view {name}"] = {
            "definition": (_text(definition) or "").replace(own_name, ""),
            "check_option": _text(check_option),
            "security": _text(security),
        }
    for name, table, timing, event, statement in backend.query(_TRIGGERS):
        if table not in excluded_tables:
            catalog[f"trigger {table}.{name}"] = {"timing": f"{timing} {event}", "definition": _text(statement)}
    for name, routine_type, returns, definition in backend.query(_ROUTINES):
        catalog[f"routine {name}"] = {
            "type": str(routine_type).lower(),
            "returns": _text(returns),
            "definition": _text(definition),
        }
    return catalog


def dump_schema(backend: Backend, excluded_tables: frozenset[str]) -> str:
    """``SHOW CREATE`` of every table and sequence, view, trigger and routine, each group by
    name; the ``AUTO_INCREMENT`` counter and ``DEFINER`` (who ran it) are left out."""
    statements: list[str] = []
    objects = sorted((str(row[0]), str(row[1])) for row in backend.query(_TABLES))
    tables = [name for name, kind in objects if kind not in ("VIEW", "SYSTEM VIEW") and name not in excluded_tables]
    views = [name for name, kind in objects if kind == "VIEW"]
    for table in tables:
        statements.append(_AUTO_INCREMENT.sub("", _show(backend, "TABLE", table)))
    for view in views:
        statements.append(_show(backend, "VIEW", view))
    triggers = sorted((str(row[0]), str(row[1])) for row in backend.query(_TRIGGERS))
    for name, table in triggers:
        if table not in excluded_tables:
            statements.append(_show(backend, "TRIGGER", name, column=2))
    for name, routine_type in sorted((str(row[0]), str(row[1])) for row in backend.query(_ROUTINES)):
        statements.append(_show(backend, routine_type, name, column=2))
    return "".join(f"{_DEFINER.sub('', statement).strip()};\n\n" for statement in statements)


def _show(backend: Backend, kind: str, name: str, *, column: int = 1) -> str:
    rows = backend.query(f"SHOW CREATE {kind} {backend.quote(name)}")
    return _text(rows[0][column]) or "" if rows else ""
