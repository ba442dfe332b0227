"""The states ratchet's records take, each spelled once: a history row's status, a plan
entry's state, a repeatable file's state and what happened to a file in a run.

Each is a :class:`~enum.StrEnum`, so a member is its text: it compares equal to the string
the database or a JSON document holds, and prints as it. This module imports nothing but
:mod:`enum`, so the no-op path (:mod:`ratchet.uptodate`) can use it.
"""

from __future__ import annotations

from enum import StrEnum


class RowStatus(StrEnum):
    """``schema_history.status``: what a row records about its file."""

    #: The file ran and committed.
    APPLIED = "applied"
    #: Its ``skip-if`` guard held: recorded as done without running.
    SKIPPED = "skipped"
    #: Recorded by ``ratchet baseline``: the database already held it.
    BASELINE = "baseline"
    #: A file running outside a transaction started and has not finished (or died).
    RUNNING = "running"
    #: A file running outside a transaction failed part-way; ``repair`` decides.
    FAILED = "failed"


#: Rows whose file needs nothing more.
DONE_STATUSES = frozenset({RowStatus.APPLIED, RowStatus.SKIPPED, RowStatus.BASELINE})
#: Rows of a non-transactional file that did not finish: they block runs until repaired.
UNFINISHED_STATUSES = frozenset({RowStatus.RUNNING, RowStatus.FAILED})


class EntryState(StrEnum):
    """A version's state in a plan (``status``), from its file and its history row; also
    the ``kind`` of the drift it causes, where it causes one."""

    #: A file without a row, newer than everything applied.
    PENDING = "pending"
    #: A file without a row, older than something applied (runs with ``--out-of-order``).
    OUT_OF_ORDER = "out-of-order"
    APPLIED = "applied"
    SKIPPED = "skipped"
    BASELINE = "baseline"
    RUNNING = "running"
    FAILED = "failed"
    #: The file's checksum differs from its row's.
    CHANGED = "changed"
    #: A row whose file is gone, below the newest file.
    MISSING = "missing"
    #: A row newer than every file (the database is ahead: an older deploy).
    AHEAD = "ahead"


#: Plan states of a file waiting to run.
WAITING_STATES = frozenset({EntryState.PENDING, EntryState.OUT_OF_ORDER})


class RepeatableState(StrEnum):
    """A repeatable file's state (``R__*.sql``) from its file and its history row."""

    #: Never applied.
    PENDING = "pending"
    #: Changed since it was last applied.
    OUTDATED = "outdated"
    APPLIED = "applied"
    SKIPPED = "skipped"
    #: A row whose file was deleted (nothing is dropped).
    MISSING = "missing"


#: Repeatable states that ``migrate`` applies.
REPEATABLE_PENDING_STATES = frozenset({RepeatableState.PENDING, RepeatableState.OUTDATED})


class Outcome(StrEnum):
    """What a command did to one file (``FileResult.outcome``, ``RepeatableResult.outcome``)."""

    #: ``migrate`` ran it.
    APPLIED = "applied"
    #: ``migrate`` found its ``skip-if`` guard true and recorded it without running it.
    SKIPPED = "skipped"
    #: Another runner applied it while this one waited for the lock.
    ALREADY_APPLIED = "already-applied"
    #: ``repair --mark-applied``: its unfinished row recorded as applied.
    MARKED_APPLIED = "marked-applied"
    #: ``repair --forget``: its unfinished row deleted.
    FORGOTTEN = "forgotten"
    #: ``repair --accept-checksum``: its row took the file's new checksum.
    CHECKSUM_ACCEPTED = "checksum-accepted"


class RehearsalOutcome(StrEnum):
    """What ``migrate --rehearse`` did with one pending file (``RehearsedFile.outcome``); a file
    whose ``skip-if`` guard held is ``skipped``, as in :class:`Outcome`."""

    #: It ran, and was rolled back with the rest.
    OK = "ok"
    SKIPPED = "skipped"
    #: It failed: the rehearsal fails, and the files after it are not reached.
    FAILED = "failed"
    #: ``no-transaction``: it cannot be rolled back, so it is not run.
    NOT_REHEARSED = "not rehearsed"
    #: An earlier file failed.
    NOT_REACHED = "not reached"
