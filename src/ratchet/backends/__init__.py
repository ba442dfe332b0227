"""Open the backend for a database URL or an application's DB-API connection.

Drivers for the server databases are imported lazily, so SQLite needs nothing installed.
"""

from __future__ import annotations

import importlib
from typing import Any

from ratchet.backends.base import Backend
from ratchet.errors import MissingDriverError, UsageError
from ratchet.urls import DatabaseURL, parse_url

# dialect -> (module, class, extra that installs its driver)
_BACKENDS = {
    "sqlite": ("ratchet.backends.sqlite", "SqliteBackend", ""),
    "postgresql": ("ratchet.backends.postgresql", "PostgresBackend", "postgres"),
    "mysql": ("ratchet.backends.mysql", "MysqlBackend", "mysql"),
}
# module of a DB-API connection's class -> dialect
_CONNECTION_MODULES = {"sqlite3": "sqlite", "psycopg": "postgresql", "pymysql": "mysql"}


def _backend_class(dialect: str) -> Any:
    module_name, class_name, extra = _BACKENDS[dialect]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] in ("psycopg", "pymysql"):
            raise MissingDriverError(
                f"the {dialect} driver ({exc.name}) is not installed",
                hint=f"install ratchet-migrations[{extra}]",
            ) from None
        raise UsageError(f"{dialect} is not supported by this version of ratchet") from None
    return getattr(module, class_name)


def open_backend(target: object, *, busy_timeout_s: float = 30.0) -> Backend:
    """A backend for ``target``: a database URL string, or an open DB-API connection."""
    if isinstance(target, str):
        url = parse_url(target)
        cls = _backend_class(url.dialect)
        if url.dialect == "sqlite":
            backend: Backend = cls(url.path, busy_timeout_s=busy_timeout_s)
        else:
            backend = cls.from_params(**server_params(url))
        return backend
    root_module = type(target).__module__.split(".")[0]
    dialect = _CONNECTION_MODULES.get(root_module)
    if dialect is None:
        raise UsageError(
            f"cannot use a {type(target).__name__} as a database",
            hint="pass a database URL or a sqlite3, psycopg or PyMySQL connection",
        )
    result: Backend = _backend_class(dialect).from_connection(target, busy_timeout_s=busy_timeout_s)
    return result


def server_params(url: DatabaseURL) -> dict[str, Any]:
    """The plain keyword arguments a server backend's ``from_params`` takes (backends never
    see ``ratchet.urls``), with the display URL's secrets masked."""
    display = url.masked
    return {
        "host": url.host,
        "port": url.port,
        "user": url.user,
        "password": url.password,
        "database": url.database,
        "query": dict(url.query),
        "display_url": display,
    }
