"""PostgreSQL's catalog from ``pg_catalog``, and its schema from ``pg_dump``.

Objects of the current schema are named plainly (``users``), others with their schema
(``audit.events``); system schemas and objects that belong to an extension are left out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import Any

from ratchet.backends.base import Backend
from ratchet.errors import DatabaseError, UsageError

#: A relation's display name, from the aliases ``n`` (its namespace) and ``c`` (its pg_class row).
_NAME = "CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname || '.' END || {}.{}"
_USER_SCHEMA = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'"
_NOT_EXTENSION = (
    "NOT EXISTS (SELECT 1 FROM pg_depend AS e WHERE e.classid = '{catalog}'::regclass "
    "AND e.objid = {oid} AND e.deptype = 'e')"
)

_RELATIONS = f"""
SELECT {_NAME.format("c", "relname")}, c.relkind,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END
FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm') AND {_USER_SCHEMA}
  AND {_NOT_EXTENSION.format(catalog="pg_class", oid="c.oid")}
"""
_COLUMNS = f"""
SELECT {_NAME.format("c", "relname")}, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated
FROM pg_attribute AS a
JOIN pg_class AS c ON c.oid = a.attrelid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND {_USER_SCHEMA}
  AND {_NOT_EXTENSION.format(catalog="pg_class", oid="c.oid")}
"""
# Indexes that back a primary key, unique or exclusion constraint are reported as that constraint.
_INDEXES = f"""
SELECT {_NAME.format("ic", "relname")}, {_NAME.format("c", "relname")}, pg_get_indexdef(i.indexrelid), i.indisvalid
FROM pg_index AS i
JOIN pg_class AS ic ON ic.oid = i.indexrelid
JOIN pg_class AS c ON c.oid = i.indrelid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
WHERE {_USER_SCHEMA} AND {_NOT_EXTENSION.format(catalog="pg_class", oid="c.oid")}
  AND NOT EXISTS (SELECT 1 FROM pg_constraint AS k
                  WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))
"""
_CONSTRAINTS = f"""
SELECT {_NAME.format("c", "relname")}, k.conname, k.contype, pg_get_constraintdef(k.oid)
FROM pg_constraint AS k
JOIN pg_class AS c ON c.oid = k.conrelid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
WHERE {_USER_SCHEMA} AND {_NOT_EXTENSION.format(catalog="pg_class", oid="c.oid")}
"""
_TRIGGERS = f"""
SELECT {_NAME.format("c", "relname")}, t.tgname, pg_get_triggerdef(t.oid, true)
FROM pg_trigger AS t
JOIN pg_class AS c ON c.oid = t.tgrelid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal AND {_USER_SCHEMA}
"""
_ROUTINES = f"""
SELECT {_NAME.format("p", "proname")} || '(' || pg_get_function_identity_arguments(p.oid) || ')', p.prokind,
       CASE WHEN p.prokind = 'a' THEN p.prosrc ELSE pg_get_functiondef(p.oid) END
FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
WHERE {_USER_SCHEMA} AND {_NOT_EXTENSION.format(catalog="pg_proc", oid="p.oid")}
"""
_SEQUENCES = f"""
SELECT {_NAME.format("c", "relname")}, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,
       s.seqmin, s.seqmax, s.seqcycle
FROM pg_sequence AS s
JOIN pg_class AS c ON c.oid = s.seqrelid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
WHERE {_USER_SCHEMA} AND {_NOT_EXTENSION.format(catalog="pg_class", oid="c.oid")}
"""
_ENUMS = f"""
SELECT {_NAME.format("t", "typname")}, array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
FROM pg_type AS t
JOIN pg_enum AS e ON e.enumtypid = t.oid
JOIN pg_namespace AS n ON n.oid = t.typnamespace
WHERE {_USER_SCHEMA} AND {_NOT_EXTENSION.format(catalog="pg_type", oid="t.oid")}
GROUP BY 1
"""
_CONSTRAINT_TYPES = {
    "p": "primary key",
    "u": "unique",
    "f": "foreign key",
    "c": "check",
    "x": "exclusion",
    "t": "trigger",
}
_ROUTINE_TYPES = {"f": "function", "p": "procedure", "a": "aggregate", "w": "window"}


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def read_catalog(backend: Backend, excluded_tables: frozenset[str]) -> dict[str, dict[str, Any]]:
    """Tables, columns, indexes, constraints, views, triggers, routines, sequences and enum types."""
    catalog: dict[str, dict[str, Any]] = {}
    for name, relkind, definition in backend.query(_RELATIONS):
        if name in excluded_tables:
            continue
        if relkind in ("v", "m"):
            catalog[f"view {name}"] = {
                "materialized": "yes" if relkind == "m" else "no",
                "definition": " ".join(str(definition).split()),
            }
        else:
            catalog[f"table {name}"] = {"partitioned": "yes" if relkind == "p" else "no"}
    for table, column, data_type, not_null, default, identity, generated in backend.query(_COLUMNS):
        if table in excluded_tables:
            continue
        catalog[f"column {table}.{column}"] = {
            "type": str(data_type),
            "nullable": "no" if not_null else "yes",
            "default": _text(default),
            "identity": str(identity or ""),
            "generated": str(generated or ""),
        }
    for name, table, definition, valid in backend.query(_INDEXES):
        if table in excluded_tables:
            continue
        catalog[f"index {name}"] = {"table": str(table), "definition": str(definition), "valid": str(bool(valid))}
    for table, name, contype, definition in backend.query(_CONSTRAINTS):
        if table in excluded_tables:
            continue
        catalog[f"constraint {table}.{name}"] = {
            "type": _CONSTRAINT_TYPES.get(str(contype), str(contype)),
            "definition": str(definition),
        }
    for table, name, definition in backend.query(_TRIGGERS):
        if table not in excluded_tables:
            catalog[f"trigger {table}.{name}"] = {"definition": str(definition)}
    for name, prokind, definition in backend.query(_ROUTINES):
        catalog[f"routine {name}"] = {
            "type": _ROUTINE_TYPES.get(str(prokind), str(prokind)),
            "definition": str(definition).strip(),
        }
    for name, data_type, start, increment, minimum, maximum, cycle in backend.query(_SEQUENCES):
        catalog[f"sequence {name}"] = {
            "type": str(data_type),
            "start": str(start),
            "increment": str(increment),
            "min": str(minimum),
            "max": str(maximum),
            "cycle": "yes" if cycle else "no",
        }
    for name, labels in backend.query(_ENUMS):
        catalog[f"type {name}"] = {"enum": [str(label) for label in labels]}
    return catalog


#: pg_dump lines that change with the client, the server or each run, not with the schema.
_VOLATILE_PREFIXES = ("-- Dumped from database version", "-- Dumped by pg_dump version", "\\restrict", "\\unrestrict")


def dump_schema(
    backend: Backend,
    excluded_tables: frozenset[str],
    parameters: dict[str, str],
    password: str | None,
    *,
    schema: str | None = None,
) -> str:
    """``pg_dump --schema-only --no-owner`` with the session's connection parameters (the
    password goes through the environment, never the command line); ``excluded_tables`` are in
    ``schema`` (``None``: the current one)."""
    program = shutil.which("pg_dump")
    if program is None:
        raise UsageError(
            "ratchet schema needs pg_dump on PATH for PostgreSQL, and it is not there",
            hint="install the PostgreSQL client tools of the server's major version (apt install postgresql-client)",
        )
    if schema is None:
        schema = str(backend.query("SELECT current_schema()")[0][0])
    conninfo = " ".join(f"{key}='{_escape(value)}'" for key, value in sorted(parameters.items()) if key != "password")
    command = [program, "--schema-only", "--no-owner", f"--dbname={conninfo}"]
    command += [f'--exclude-table="{schema}"."{table}"' for table in sorted(excluded_tables)]
    environment = dict(os.environ)
    if password:
        environment["PGPASSWORD"] = password
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=environment, check=False, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DatabaseError(f"pg_dump could not run: {exc}") from None
    if done.returncode != 0:
        message = " ".join(done.stderr.split()) or f"exit status {done.returncode}"
        raise DatabaseError(
            f"pg_dump failed: {message}",
            hint="pg_dump must be of the server's major version or newer; check `pg_dump --version`",
        )
    lines = [line for line in done.stdout.splitlines() if not line.startswith(_VOLATILE_PREFIXES)]
    return "\n".join(lines).strip("\n") + "\n"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")
