"""Which engine answers behind the wire protocol, and what ratchet can promise on it.

PostgreSQL's and MySQL's protocols are spoken by engines whose locks and DDL behave
differently: CockroachDB's advisory-lock functions are stubs that always succeed, TiDB's
``GET_LOCK`` was a no-op before 6.1, YugabyteDB runs DDL outside the file's transaction.
Exactly-once rests on exactly those two things, so ratchet identifies the engine from the
version strings it reports (:meth:`Backend.server_facts`) before it touches anything, and
refuses where the promise cannot hold, or warns in one line where it is unverified.

:data:`ENGINES` holds one record per engine; the README's "Poolers and distributed SQL"
table states the same guarantees (a test keeps the two in step).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ratchet import dialects
from ratchet.backends.base import Server
from ratchet.errors import UsageError
from ratchet.lazyre import LazyPattern

Facts = Mapping[str, str]


def _version(text: str) -> tuple[int, ...]:
    """``"6.1.0"`` -> ``(6, 1, 0)``; the leading digits of each dot-separated part."""
    parts: list[int] = []
    for part in text.split("."):
        digits = re.match(r"\d+", part)
        if digits is None:
            break
        parts.append(int(digits.group()))
    return tuple(parts)


def _search(pattern: str, *names: str) -> Callable[[Facts], str | None]:
    """A recogniser: group 1 of ``pattern`` searched in the facts ``names`` (default ``version``),
    in that order, is the engine's version."""
    compiled = LazyPattern(pattern)  # compiled only where a server's version is read

    def recognise(facts: Facts) -> str | None:
        for name in names or ("version",):
            found = compiled.search(facts.get(name, ""))
            if found:
                return found.group(1)
        return None

    return recognise


def _present(fact: str) -> Callable[[Facts], str | None]:
    """A recogniser for an engine that shows itself by a fact of its own (Aurora's ``aurora_version``)."""

    def recognise(facts: Facts) -> str | None:
        return facts.get(fact) or None

    return recognise


def _galera(facts: Facts) -> str | None:
    if facts.get("wsrep_on", "").upper() not in ("ON", "1"):
        return None
    return _leading_version(facts)


def _leading_version(facts: Facts) -> str | None:
    found = re.match(r"(?:5\.5\.5-)?(\d+\.\d+(?:\.\d+)?)", facts.get("version", ""))
    return found.group(1) if found else None


def _anything(facts: Facts) -> str | None:
    text = " ".join(facts.get("version", "").split())
    return (text[:77] + "..." if len(text) > 80 else text) or "unknown version"


@dataclass(frozen=True)
class Engine:
    """One engine: how to recognise it and what ratchet guarantees on it.

    ``refusal`` says why exactly-once cannot hold (for every version, or below ``minimum``
    when ``minimum`` is set); ``verified`` False means ratchet runs but warns that the engine
    was never checked; ``guarantee`` is the README's wording.
    """

    name: str
    dialect: str
    recognise: Callable[[Facts], str | None]
    guarantee: str
    verified: bool = True
    refusal: str | None = None
    minimum: tuple[int, ...] | None = None
    caveat: str = ""

    def refusal_for(self, version: str) -> str | None:
        """Why ratchet refuses this engine at ``version``, or ``None``."""
        if self.refusal is None:
            return None
        if self.minimum is None or _version(version) < self.minimum:
            return self.refusal
        return None


_PG_LOCK = "a session advisory lock"
_MY_LOCK = "GET_LOCK"

#: First match wins, per dialect: the specific engines before the generic ones they imitate.
ENGINES: tuple[Engine, ...] = (
    Engine(
        "SQLite",
        "sqlite",
        _search(r"^(\d+\.\d+\.\d+)"),
        "exactly once: `BEGIN IMMEDIATE` per file is the lock; DDL rolls back with the file",
    ),
    Engine(
        "CockroachDB",
        "postgresql",
        _search(r"^CockroachDB \S+ v(\d+\.\d+\.\d+\S*)"),
        "refused: `pg_advisory_lock` and `pg_try_advisory_lock` are stubs that always succeed, and "
        "from v25.1 `autocommit_before_ddl` commits the file's transaction before DDL",
        refusal=(
            "its pg_advisory_lock/pg_try_advisory_lock are stubs that always succeed, so concurrent runners "
            "would all hold the migration lock, and from v25.1 autocommit_before_ddl commits a file's "
            "transaction before its DDL"
        ),
    ),
    Engine(
        "YugabyteDB",
        "postgresql",
        _search(r"^PostgreSQL [\d.]+-YB-(\d+(?:\.\d+)*)"),
        "refused: no advisory locks before 2.25 (a preview from 2.25), and DDL commits outside the "
        "file's transaction (transactional DDL is a preview)",
        refusal=(
            "it has no advisory locks before 2.25 (a preview from 2.25), and its DDL commits "
            "outside the file's transaction (transactional DDL is a preview), so a failed file cannot roll back"
        ),
    ),
    Engine(
        "Amazon Redshift",
        "postgresql",
        _search(r", Redshift (\d+\.\d+\.\d+)"),
        "refused: no advisory locks (`pg_try_advisory_lock` does not exist)",
        refusal="it has no advisory locks, so ratchet cannot keep concurrent runners apart",
    ),
    Engine(
        "Aurora PostgreSQL",
        "postgresql",
        _present("aurora_version"),
        f"runs as PostgreSQL ({_PG_LOCK}, transactional DDL); not verified: warns",
        verified=False,
        caveat="advisory locks and transactional DDL are assumed to behave as in PostgreSQL",
    ),
    Engine(
        "PostgreSQL",
        "postgresql",
        _search(r"^PostgreSQL (\d+(?:\.\d+)*(?:beta\d+|rc\d+|devel)?)(?:\s|$)"),
        f"exactly once: {_PG_LOCK} (`pg_try_advisory_lock`), DDL rolls back with the file; a transaction "
        "or statement pooler in between is refused",
    ),
    Engine(
        "PostgreSQL-compatible engine",
        "postgresql",
        _anything,
        "an engine ratchet cannot name from `version()`: runs as PostgreSQL, warns",
        verified=False,
        caveat="its version() names no engine ratchet knows",
    ),
    Engine(
        "Galera cluster",
        "mysql",
        _galera,
        "refused (`wsrep_on`: MariaDB Galera, Percona XtraDB Cluster): `GET_LOCK` holds on one node only",
        refusal=(
            "GET_LOCK is local to one node of a Galera cluster (wsrep_on is ON), so runners connected "
            "to different nodes would both hold the migration lock"
        ),
    ),
    Engine(
        "TiDB",
        "mysql",
        _search(r"-TiDB-v(\d+\.\d+\.\d+)"),
        "refused before 6.1 (`GET_LOCK` was a no-op); from 6.1 runs as MySQL (GET_LOCK, "
        "statement by statement); not verified: warns",
        verified=False,
        refusal="before TiDB 6.1 GET_LOCK is a no-op that always succeeds, so concurrent runners would all hold it",
        minimum=(6, 1),
        caveat="GET_LOCK and implicit DDL commits are assumed to behave as in MySQL",
    ),
    Engine(
        "Vitess/PlanetScale",
        "mysql",
        _search(r"^(\d+\.\d+\.\d+)-(?:[Vv]itess|PlanetScale)", "handshake", "version"),
        "runs as MySQL through vtgate; not verified: warns (an online `ddl_strategy` would queue DDL, so use `direct`)",
        verified=False,
        caveat="GET_LOCK goes through vtgate's reserved connection, and DDL must run with ddl_strategy=direct "
        "(an online strategy only queues it)",
    ),
    Engine(
        "Aurora MySQL",
        "mysql",
        _present("aurora_version"),
        f"runs as MySQL ({_MY_LOCK}, statement by statement); not verified: warns",
        verified=False,
        caveat="GET_LOCK and implicit DDL commits are assumed to behave as in MySQL",
    ),
    Engine(
        "MariaDB",
        "mysql",
        _search(r"^(?:5\.5\.5-)?(\d+\.\d+\.\d+)-MariaDB"),
        f"exactly once: {_MY_LOCK}; DDL commits implicitly, so each file runs statement by statement behind "
        "a `running` row (a half-applied file needs `ratchet repair`)",
    ),
    Engine(
        "MySQL",
        "mysql",
        _search(r"^(\d+\.\d+\.\d+)(?:-\d+)?(?:-(?:log|debug|enterprise|commercial|\d*ubuntu\S*))?$"),
        f"as MariaDB: {_MY_LOCK}, statement by statement (Percona Server included)",
    ),
    Engine(
        "MySQL-compatible engine",
        "mysql",
        _anything,
        "an engine ratchet cannot name from `VERSION()`: runs as MySQL, warns",
        verified=False,
        caveat="its VERSION() names no engine ratchet knows",
    ),
)


@dataclass(frozen=True)
class Identified:
    """An engine and the version the server reported."""

    engine: Engine
    version: str

    @property
    def label(self) -> str:
        """``PostgreSQL 15.5``."""
        return f"{self.engine.name} {self.version}"


def identify(dialect: str, facts: Facts) -> Identified:
    """The first engine of ``dialect`` that recognises ``facts`` (the last one of each dialect
    recognises anything)."""
    for engine in ENGINES:
        if engine.dialect != dialect:
            continue
        version = engine.recognise(facts)
        if version is not None:
            return Identified(engine, version)
    raise UsageError(f"ratchet does not support the {dialect} protocol")


def admit(display_url: str, dialect: str, facts: Facts) -> Server:
    """Identify the engine; :class:`UsageError` (exit 2) where exactly-once cannot hold on it,
    else what it is, with a one-line warning where it was never verified."""
    found = identify(dialect, facts)
    reason = found.engine.refusal_for(found.version)
    if reason is not None:
        raise UsageError(
            f"{display_url} is {found.label}: ratchet cannot apply each migration exactly once there, "
            f"because {reason}; nothing was changed",
            hint="run migrations against an engine listed as supported in the README "
            "(section 'Poolers and distributed SQL')",
        )
    warning = None
    if not found.engine.verified:
        warning = (
            f"{found.label} is not verified with ratchet: {found.engine.caveat}; exactly-once is not guaranteed there"
        )
    return Server(found.engine.name, found.version, warning)


def guarantees_table() -> str:
    """The README's table of engines and guarantees, one row per record of :data:`ENGINES`."""
    rows = ["| engine | protocol | what ratchet guarantees |", "|---|---|---|"]
    for engine in ENGINES:
        rows.append(f"| {engine.name} | {dialects.spec(engine.dialect).display_name} | {engine.guarantee} |")
    return "\n".join(rows) + "\n"
