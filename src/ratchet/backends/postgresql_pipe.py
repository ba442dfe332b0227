"""libpq's pipeline mode driven directly (``psycopg.pq.PGconn``), for the few commands of one
migration file: ``BEGIN``, its statements, the session restore, the history row, ``COMMIT``.

psycopg's own pipeline makes a cursor, a query conversion and several generators for every
command, and reads whatever answers have arrived each time it sends: most of a small file's
client time. Here each command is one libpq send, and the answers are read only where the
caller asks for them (:meth:`CommandPipe.sync`). Every command goes over the extended query
protocol, which carries exactly one statement.
"""

from __future__ import annotations

import re
import select
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import psycopg
from psycopg import pq
from psycopg.errors import error_from_result

_COPY = frozenset({pq.ExecStatus.COPY_IN, pq.ExecStatus.COPY_OUT, pq.ExecStatus.COPY_BOTH})
_PLACEHOLDER = re.compile(r"%[s%]")


@lru_cache(maxsize=64)
def numbered(sql: str) -> str:
    """psycopg's ``%s`` placeholders as libpq's ``$1``, ``$2``... (``%%`` is a literal ``%``)."""
    count = 0

    def number(match: re.Match[str]) -> str:
        nonlocal count
        if match.group() == "%%":
            return "%"
        count += 1
        return f"${count}"

    return _PLACEHOLDER.sub(number, sql)


def text_value(value: Any, encoding: str) -> bytes | None:
    """A parameter in PostgreSQL's text format, its type left for the server to infer from the
    statement (ratchet's own commands put each into a column or a text argument)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return b"t" if value else b"f"
    return str(value).encode(encoding)


def _wait(socket: int, *, writing: bool) -> None:
    """Until ``socket`` can be read (or, ``writing``, written to): ``poll`` where there is one,
    which, unlike ``select``, takes any descriptor number."""
    if not hasattr(select, "poll"):
        select.select([socket], [socket] if writing else [], [])
        return
    poller = select.poll()
    poller.register(socket, select.POLLIN | select.POLLOUT if writing else select.POLLIN)
    poller.poll()


def run_dropping_copy_out(pgconn: pq.abc.PGconn, sql: bytes, encoding: str) -> None:
    """Run one statement over the extended query protocol (as every migration statement goes) on
    an idle connection, reading and dropping the rows a ``COPY ... TO STDOUT`` sends, as a
    ``SELECT``'s are dropped; raise its failure (``psycopg.Error``). A ``COPY ... FROM STDIN``
    gets no data: it is ended as failed."""
    pgconn.send_query_params(sql, None)
    while pgconn.flush() == 1:
        _wait(pgconn.socket, writing=True)
    failure: pq.abc.PGresult | None = None
    while True:
        while pgconn.is_busy():
            _wait(pgconn.socket, writing=False)
            pgconn.consume_input()
        result = pgconn.get_result()
        if result is None:
            break
        if result.status == pq.ExecStatus.COPY_OUT:
            while (got := pgconn.get_copy_data(1)[0]) != -1:
                if got == 0:  # nothing arrived yet
                    _wait(pgconn.socket, writing=False)
                    pgconn.consume_input()
        elif result.status == pq.ExecStatus.COPY_IN:
            pgconn.put_copy_end(b"ratchet sends no COPY data")
            while pgconn.flush() == 1:
                _wait(pgconn.socket, writing=True)
        elif result.status == pq.ExecStatus.FATAL_ERROR and failure is None:
            failure = result
    if failure is not None:
        raise error_from_result(failure, encoding=encoding)


class CommandPipe:
    """Commands sent in libpq's pipeline mode on an idle connection, answered at each :meth:`sync`."""

    def __init__(self, pgconn: pq.abc.PGconn, encoding: str) -> None:
        self._pgconn = pgconn
        self._encoding = encoding
        #: Every answer read so far, one per command, in the order the commands were sent.
        self.results: list[pq.abc.PGresult] = []
        self._sent = 0
        self._syncs = 0  # sent and not yet read
        pgconn.enter_pipeline_mode()

    def send(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Queue one command (unnamed, extended protocol) and return its position."""
        encoding = self._encoding
        if params:
            values = [text_value(value, encoding) for value in params]
            self._pgconn.send_query_params(numbered(sql).encode(encoding), values)
        else:
            self._pgconn.send_query_params(sql.encode(encoding), None)
        self._sent += 1
        return self._sent - 1

    def send_prepared(self, name: bytes, sql: str, *, prepare: bool) -> int:
        """Queue the server-side prepared statement ``name`` (prepared first when ``prepare``)."""
        if prepare:
            self._pgconn.send_prepare(name, sql.encode(self._encoding))
            self._sent += 1
        self._pgconn.send_query_prepared(name, None)
        self._sent += 1
        return self._sent - 1

    @property
    def sent(self) -> int:
        """How many commands were queued."""
        return self._sent

    def sync(self) -> None:
        """Send a sync, then read every answer up to it; raise the first failure
        (``psycopg.Error``: the server skips what follows a failure until the sync)."""
        self._pgconn.pipeline_sync()
        self._syncs += 1
        first = len(self.results)
        self._read_syncs()
        for result in self.results[first:]:
            if result.status == pq.ExecStatus.FATAL_ERROR:
                raise error_from_result(result, encoding=self._encoding)

    def close(self) -> None:
        """Read what is still unanswered (errors dropped) and leave pipeline mode."""
        pgconn = self._pgconn
        if pgconn.status != pq.ConnStatus.OK:
            return
        if not self._syncs and len(self.results) < self._sent:
            pgconn.pipeline_sync()
            self._syncs += 1
        if self._syncs:
            self._read_syncs()
        if pgconn.status == pq.ConnStatus.OK:
            pgconn.exit_pipeline_mode()

    def _read_syncs(self) -> None:
        """Read the answers up to the last sync sent (those already received first: after an
        interruption some may wait in libpq's buffer, with nothing more to come on the socket)."""
        pgconn = self._pgconn
        results = self.results
        last: pq.abc.PGresult | None = None
        writing = pgconn.flush() == 1
        while True:
            while not pgconn.is_busy():
                result = pgconn.get_result()
                if result is None:  # the end of one command's answers (or, twice, of those arrived)
                    if last is None:
                        break
                    results.append(last)
                    last = None
                    continue
                status = result.status
                if status == pq.ExecStatus.PIPELINE_SYNC:
                    self._syncs -= 1
                    if not self._syncs:
                        return
                elif status in _COPY:
                    raise psycopg.NotSupportedError("COPY cannot run in pipeline mode")
                else:
                    last = result
            _wait(pgconn.socket, writing=writing)
            pgconn.consume_input()
            writing = pgconn.flush() == 1
