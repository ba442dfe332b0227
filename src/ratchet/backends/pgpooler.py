"""Refuse a transaction- or statement-pooling proxy (PgBouncer and the like) in front of PostgreSQL.

Behind such a pooler every transaction may run on a different server connection: the
session advisory lock is taken on one of them and stays held there after ratchet exits,
and psycopg's prepared statements collide with other clients'. A session pooler pins one
server connection to each client for the client's whole life, which is all ratchet needs.

The check sends no server-side prepared statement (the caller has them switched off):

1. ``pg_backend_pid()`` must be the same in two transactions of the connection, and a
   setting made in the first must survive into the second;
2. when the cancel key of the startup names a process other than ``pg_backend_pid()``,
   something other than PostgreSQL answered the startup: a proxy. A second client then
   queries between the first one's transactions. A session pooler keeps each client on its
   own server connection; a transaction pooler hands the first client's idle connection to
   the second (always so with a pool of one) or moves a client between connections.
"""

from __future__ import annotations

import contextlib
import secrets
import select
import time
from collections.abc import Callable
from typing import Any

import psycopg
from psycopg import pq

from ratchet.errors import ConnectionFailedError, UsageError

_SETTING = "ratchet.pooler_probe"
#: How long the second client may wait for a server connection. A full session pool makes it
#: wait (the first client's connection stays pinned), which is itself the answer.
_SECOND_CLIENT_WAIT_S = 2.0


def refuse_transaction_pooler(
    connection: psycopg.Connection[Any], open_second: Callable[[], psycopg.Connection[Any]], display_url: str
) -> None:
    """Raise :class:`UsageError` when ``connection`` goes through a transaction or statement pooler."""
    token = secrets.token_hex(8)
    first = _row(connection, f"SELECT pg_backend_pid(), set_config('{_SETTING}', '{token}', false)")
    second = _row(connection, f"SELECT pg_backend_pid(), current_setting('{_SETTING}', true)")
    if first[0] != second[0] or second[1] != token:
        raise _refusal(display_url, "the server connection changed between two transactions")
    if connection.info.backend_pid == first[0]:
        return  # the startup was answered by PostgreSQL itself: no proxy in between
    _compare_with_second_client(connection, open_second, int(first[0]), token, display_url)


def _compare_with_second_client(
    connection: psycopg.Connection[Any],
    open_second: Callable[[], psycopg.Connection[Any]],
    first_pid: int,
    token: str,
    display_url: str,
) -> None:
    try:
        other = open_second()
    except psycopg.Error as exc:
        raise ConnectionFailedError(
            f"cannot open a second connection to {display_url} to check the connection pooler in front of it: "
            f"{' '.join(str(exc).split())}"
        ) from None
    try:
        mine: set[int] = {first_pid}
        theirs: set[int] = set()
        for who in "BBAB":
            if who == "A":
                pid, setting = _row(connection, f"SELECT pg_backend_pid(), current_setting('{_SETTING}', true)")
                if setting != token:
                    raise _refusal(display_url, "a session setting was lost between two transactions")
                mine.add(int(pid))
                continue
            other_pid = _pid_within(other, _SECOND_CLIENT_WAIT_S)
            if other_pid is None:
                return  # no server connection came free: the first client's stays pinned to it
            theirs.add(other_pid)
        if mine & theirs:
            raise _refusal(display_url, "a second client was given this client's server connection")
        if len(mine) > 1 or len(theirs) > 1:
            raise _refusal(display_url, "a client moved between server connections")
    finally:
        with contextlib.suppress(psycopg.Error):
            other.close()


def _row(connection: psycopg.Connection[Any], sql: str) -> tuple[Any, ...]:
    row = connection.execute(sql, prepare=False).fetchone()
    assert row is not None  # a SELECT without FROM returns one row
    return tuple(row)


def _pid_within(connection: psycopg.Connection[Any], timeout_s: float) -> int | None:
    """``pg_backend_pid()`` of ``connection``, or ``None`` when the pooler gave it no server
    connection within ``timeout_s`` (the connection is then useless and closed by the caller)."""
    pgconn = connection.pgconn
    pgconn.send_query(b"SELECT pg_backend_pid()")
    deadline = time.monotonic() + timeout_s
    while True:
        pgconn.consume_input()
        if not pgconn.is_busy():
            break
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        select.select([pgconn.socket], [], [], remaining)
    value: int | None = None
    problem = ""
    while (result := pgconn.get_result()) is not None:
        if result.status == pq.ExecStatus.TUPLES_OK and result.ntuples:
            raw = result.get_value(0, 0)
            value = int(raw.decode()) if raw is not None else None
        elif result.status != pq.ExecStatus.TUPLES_OK:
            problem = (result.error_message or b"").decode(errors="replace")
    if value is None:
        raise ConnectionFailedError(f"cannot check the connection pooler: {' '.join(problem.split())}")
    return value


def _refusal(display_url: str, evidence: str) -> UsageError:
    return UsageError(
        f"{display_url} goes through a connection pooler in transaction or statement mode (e.g. PgBouncer "
        f"pool_mode=transaction): {evidence}. ratchet's migration lock and each file's transaction need one "
        "server session for the whole run, so it refuses; nothing was changed",
        hint="migrate over a direct connection to PostgreSQL (or a session-mode pool): set RATCHET_DATABASE_URL "
        "to the direct URL beside the application's pooled DATABASE_URL",
    )
