"""The SQL dialects ratchet runs on: one record each, from which every list of them derives.

The URL schemes, the ``--dialect`` choices, the ``dialect`` setting and header, the backend
class, its driver and the extra that installs it are all read from :data:`DIALECTS`. Adding a
backend is one module under ``ratchet.backends``, one :class:`DialectSpec` here, its extra in
``pyproject.toml`` and its test server URL in ``tests/conftest.py``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DialectSpec:
    """Everything ratchet needs to know about one dialect outside its backend module."""

    #: The dialect's name in URLs, settings, headers and ``--dialect`` (``postgresql``).
    name: str
    #: How messages and the README name it (``PostgreSQL``).
    display_name: str
    #: URL schemes that select it, the canonical one first (SQLAlchemy's driver-qualified
    #: spellings too, so an application's existing URL works as it is).
    schemes: tuple[str, ...]
    #: ``module:Class`` of its :class:`ratchet.backends.base.Backend`.
    backend: str
    #: Top-level module of the DB-API driver whose connections it adopts (``psycopg``).
    driver: str
    #: How the driver is named to people (``PyMySQL``).
    driver_name: str
    #: The ``ratchet-migrations[EXTRA]`` that installs the driver; ``""``: in the standard library.
    extra: str = ""
    #: The port ratchet connects to when a URL gives none; ``None``: the driver decides (libpq
    #: reads ``PGPORT``, else 5432), or there is no server.
    default_port: int | None = None
    #: The URL forms shown when a URL cannot be read.
    url_example: str = ""


DIALECTS: tuple[DialectSpec, ...] = (
    DialectSpec(
        name="sqlite",
        display_name="SQLite",
        schemes=("sqlite",),
        backend="ratchet.backends.sqlite:SqliteBackend",
        driver="sqlite3",
        driver_name="sqlite3",
        url_example="sqlite:///relative.db, sqlite:////abs/path.db, sqlite:///:memory:",
    ),
    DialectSpec(
        name="postgresql",
        display_name="PostgreSQL",
        schemes=("postgresql", "postgres", "postgresql+psycopg"),
        backend="ratchet.backends.postgresql:PostgresBackend",
        driver="psycopg",
        driver_name="psycopg",
        extra="postgres",
        url_example="postgresql://user@host:5432/db (or postgres://, postgresql+psycopg://)",
    ),
    DialectSpec(
        name="mysql",
        display_name="MySQL",
        schemes=("mysql", "mariadb", "mysql+pymysql", "mariadb+pymysql"),
        backend="ratchet.backends.mysql:MysqlBackend",
        driver="pymysql",
        driver_name="PyMySQL",
        extra="mysql",
        default_port=3306,
        url_example="mysql://user@host:3306/db (or mariadb://, mysql+pymysql://; password as user:PASSWORD@)",
    ),
)

#: The dialect names, in :data:`DIALECTS` order.
NAMES: tuple[str, ...] = tuple(spec.name for spec in DIALECTS)
#: URL scheme -> dialect name.
SCHEMES: dict[str, str] = {scheme: spec.name for spec in DIALECTS for scheme in spec.schemes}
_BY_NAME = {spec.name: spec for spec in DIALECTS}
_BY_DRIVER = {spec.driver: spec for spec in DIALECTS}


def spec(name: str) -> DialectSpec:
    """The record of dialect ``name`` (one of :data:`NAMES`)."""
    return _BY_NAME[name]


def for_driver(module: str) -> DialectSpec | None:
    """The dialect whose driver's top-level module is ``module`` (``psycopg``), if any."""
    return _BY_DRIVER.get(module)


def spoken_list(names: tuple[str, ...] = NAMES, conjunction: str = "or") -> str:
    """``sqlite, postgresql or mysql``: names for a message."""
    return ", ".join(names[:-1]) + f" {conjunction} {names[-1]}" if len(names) > 1 else "".join(names)
