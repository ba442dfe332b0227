"""The SQL dialects ratchet runs on: one record each, from which every list of them derives.

The URL schemes, the ``--dialect`` choices, the ``dialect`` setting and header, the backend
class, its driver and the extra that installs it are all read from :data:`DIALECTS`. Adding a
backend is one module under ``ratchet.backends``, one :class:`DialectSpec` here, the engines that
speak it in ``ratchet.engines``, its extra in ``pyproject.toml`` and its ``ServerSetup`` in
``tests/conftest.py``.
"""

from __future__ import annotations


class DialectSpec:
    """Everything ratchet needs to know about one dialect outside its backend module.

    A plain class, not a dataclass: the decorator's generated methods cost 5.7M instructions
    (callgrind) when a configured project's no-op run loads this module through ``config``.
    """

    __slots__ = (
        "backend",
        "default_port",
        "display_name",
        "driver",
        "driver_name",
        "extra",
        "name",
        "schemes",
        "url_example",
    )

    def __init__(
        self,
        *,
        name: str,
        display_name: str,
        schemes: tuple[str, ...],
        backend: str,
        driver: str,
        driver_name: str,
        extra: str = "",
        default_port: int | None = None,
        url_example: str = "",
    ) -> None:
        #: The dialect's name in URLs, settings, headers and ``--dialect`` (``postgresql``).
        self.name = name
        #: How messages and the README name it (``PostgreSQL``).
        self.display_name = display_name
        #: URL schemes that select it, the canonical one first (SQLAlchemy's driver-qualified
        #: spellings too, so an application's existing URL works as it is).
        self.schemes = schemes
        #: ``module:Class`` of its :class:`ratchet.backends.base.Backend`.
        self.backend = backend
        #: Top-level module of the DB-API driver whose connections it adopts (``psycopg``).
        self.driver = driver
        #: How the driver is named to people (``PyMySQL``).
        self.driver_name = driver_name
        #: The ``ratchet-migrations[EXTRA]`` that installs the driver; ``""``: in the standard library.
        self.extra = extra
        #: The port ratchet connects to when a URL gives none; ``None``: the driver decides (libpq
        #: reads ``PGPORT``, else 5432), or there is no server.
        self.default_port = default_port
        #: The URL forms shown when a URL cannot be read.
        self.url_example = url_example

    def __repr__(self) -> str:
        return f"DialectSpec({self.name!r})"


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


def spoken_list(names: tuple[str, ...] = NAMES) -> str:
    """``sqlite, postgresql or mysql``: names for a message."""
    return ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else "".join(names)
