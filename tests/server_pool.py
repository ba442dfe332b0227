"""Reuse of PostgreSQL test databases: a test still starts on a database identical to a fresh one.

``CREATE DATABASE`` copies template0 (~0.3 s here) and ``DROP DATABASE`` costs as much again,
for each of ~150 PostgreSQL tests. Instead a finished test's database is reset (its sessions
ended, every schema dropped, ``public`` made again as template0 has it, database settings
reset) and handed to the next test of the same worker, but only when a fingerprint of every
per-database catalog (row counts, the ``public`` schema's owner and privileges, the database's
settings, privileges and prepared transactions) equals that of a fresh database. Anything the
reset cannot undo (an event trigger, a large object, a cast...) fails the comparison and the
database is dropped and replaced as before. ``RATCHET_TEST_FRESH_DATABASES=1`` turns reuse off.
"""

from __future__ import annotations

import os
import time
from typing import Any

#: Per-database catalogs whose row counts make the fingerprint (pg_statistic changes with ANALYZE).
_CATALOGS = """
SELECT c.relname FROM pg_class c
WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind = 'r' AND NOT c.relisshared
  AND c.relname <> 'pg_statistic'
ORDER BY c.relname
"""
_STATE = """
SELECT n.nspowner::regrole::text, n.nspacl::text, obj_description(n.oid, 'pg_namespace'),
       (SELECT i.privtype::text || i.initprivs::text FROM pg_init_privs i
        WHERE i.objoid = n.oid AND i.classoid = 'pg_namespace'::regclass AND i.objsubid = 0),
       d.datacl::text, d.datconnlimit, d.datallowconn,
       (SELECT COUNT(*) FROM pg_db_role_setting s WHERE s.setdatabase = d.oid),
       (SELECT COUNT(*) FROM pg_prepared_xacts p WHERE p.database = d.datname),
       (SELECT array_agg(nspname::text ORDER BY nspname) FROM pg_namespace
        WHERE nspname !~ '^pg_(toast_)?temp_')
FROM pg_database d, pg_namespace n
WHERE d.datname = current_database() AND n.nspname = 'public'
"""
_USER_SCHEMAS = """
SELECT nspname FROM pg_namespace
WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND nspname !~ '^pg_(toast_)?temp_'
"""
_PUBLIC = (
    "CREATE SCHEMA public AUTHORIZATION pg_database_owner",
    "GRANT USAGE ON SCHEMA public TO PUBLIC",
    "COMMENT ON SCHEMA public IS 'standard public schema'",
)
# pg_dump compares public's privileges with its initial ones, which go with the dropped schema.
_INIT_PRIVS = "SELECT privtype, initprivs FROM pg_init_privs WHERE objoid = %s::regnamespace AND objsubid = 0"
_RESTORE_INIT_PRIVS = (
    "INSERT INTO pg_init_privs (objoid, classoid, objsubid, privtype, initprivs) "
    "VALUES (%s::regnamespace, 'pg_namespace'::regclass, 0, %s, %s)"
)


def reuse_enabled() -> bool:
    """Whether finished PostgreSQL test databases are reset and reused."""
    return os.environ.get("RATCHET_TEST_FRESH_DATABASES") != "1"


def fingerprint(connection: Any) -> tuple[Any, ...]:
    """What a fresh database and a correctly reset one must share."""
    names = [row[0] for row in connection.execute(_CATALOGS).fetchall()]
    counts = connection.execute(
        "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM pg_catalog.{name})" for name in names)
    ).fetchone()
    return (*zip(names, counts, strict=True), *connection.execute(_STATE).fetchone())


def end_sessions(admin: Any, name: str, timeout_s: float = 30) -> bool:
    """Terminate every other session connected to database ``name``; whether they all ended."""
    deadline = time.monotonic() + timeout_s
    while True:
        pids = admin.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", (name,)
        ).fetchall()
        if not pids:
            return True
        if time.monotonic() > deadline:
            return False
        for (pid,) in pids:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        time.sleep(0.005)


def reset(admin: Any, connect: Any, name: str) -> tuple[Any, ...] | None:
    """Make database ``name`` look fresh again; its fingerprint, or ``None`` when that failed."""
    try:
        if not end_sessions(admin, name):
            return None
        admin.execute(f'ALTER DATABASE "{name}" RESET ALL')
        connection = connect(name)
        try:
            initial = connection.execute(_INIT_PRIVS, ("public",)).fetchall()
            for (schema,) in connection.execute(_USER_SCHEMAS).fetchall():
                connection.execute(f'DROP SCHEMA "{schema}" CASCADE')
            for statement in _PUBLIC:
                connection.execute(statement)
            for privtype, privileges in initial:
                connection.execute(_RESTORE_INIT_PRIVS, ("public", privtype, privileges))
            return fingerprint(connection)
        finally:
            connection.close()
    except Exception:  # whatever went wrong, the caller drops the database instead
        return None
