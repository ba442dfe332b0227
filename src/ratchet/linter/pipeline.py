"""Two processes for one sequence of work whose later part depends on the state the earlier part leaves.

The PostgreSQL lint judges each file against the catalog of all the files before it, so the files
cannot be shared out to workers that each start from nothing. Most of a file's work does not need
the catalog, though (its guard header, pglast's parse and split): a forked worker does that for
the later files while this process lints the earlier ones, then takes the catalog they left and
lints its files. Objects cross between the processes pickled, through pipes.
"""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Callable
from typing import Any, TypeVar

_Prepared = TypeVar("_Prepared")


def two_processes(
    earlier: Callable[[], Any],
    prepare_later: Callable[[], _Prepared],
    finish_later: Callable[[_Prepared, Any], Any],
) -> tuple[bool, Any]:
    """Run ``earlier()`` here while a forked worker runs ``prepare_later()``; the worker then gets
    what ``earlier()`` returned and returns ``finish_later(prepared, that)`` to this process.

    Returns ``(True, what finish_later returned)``, or ``(False, None)`` when the worker failed
    (the caller does the later part itself). An exception of ``earlier()`` ends the worker too.
    """
    to_worker_read, to_worker_write = os.pipe()
    from_worker_read, from_worker_write = os.pipe()
    # The objects made so far are left out of the garbage collector's passes (in both processes),
    # which would otherwise write to every one of them and so copy the parent's memory into the worker.
    gc.freeze()
    pid = os.fork()
    if pid == 0:  # the worker: never returns, never runs the parent's exit handlers
        status = 1
        try:
            os.close(to_worker_write)
            os.close(from_worker_read)
            prepared = prepare_later()
            # What it prepared (all the parse trees) stays alive until it is used: out of the collector's
            # passes too, which would walk it again and again (a third of the worker's time).
            gc.freeze()
            handed = pickle.loads(_read(to_worker_read))
            _write(from_worker_write, pickle.dumps(finish_later(prepared, handed), pickle.HIGHEST_PROTOCOL))
            status = 0
        finally:
            os._exit(status)
    os.close(to_worker_read)
    os.close(from_worker_write)
    answer: bytes | None = None
    waited = False
    try:
        try:
            _write(to_worker_write, pickle.dumps(earlier(), pickle.HIGHEST_PROTOCOL))
        except BrokenPipeError:  # the worker is gone: the caller does its part
            return False, None
        finally:
            os.close(to_worker_write)  # end of file for the worker, also when earlier() raised
        answer = _read(from_worker_read)
        _, status = os.waitpid(pid, 0)
        waited = True
        if status != 0 or not answer:
            return False, None
        return True, pickle.loads(answer)
    finally:
        if answer is None:
            os.close(from_worker_read)
        if not waited:
            os.waitpid(pid, 0)
        gc.unfreeze()


def _read(fd: int) -> bytes:
    """Everything until the other end closes the pipe; ``fd`` is closed then."""
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks)


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
