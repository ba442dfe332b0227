"""Open the backend for a database URL or an application's DB-API connection.

Which backend serves which URL scheme or connection comes from :mod:`ratchet.dialects`.
Drivers for the server databases are imported lazily, so SQLite needs nothing installed.
"""

from __future__ import annotations

import importlib

from ratchet.backends.base import Address, Backend
from ratchet.dialects import DIALECTS, DialectSpec, for_driver, spec, spoken_list
from ratchet.errors import MissingDriverError, UsageError
from ratchet.urls import DatabaseURL, parse_url


def _backend_class(dialect: DialectSpec) -> type[Backend]:
    module_name, _, class_name = dialect.backend.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] == dialect.driver:
            raise MissingDriverError(
                f"the {dialect.name} driver ({exc.name}) is not installed",
                hint=f"install ratchet-migrations[{dialect.extra}]",
            ) from None
        raise UsageError(f"{dialect.name} is not supported by this version of ratchet") from None
    cls: type[Backend] = getattr(module, class_name)
    return cls


def open_backend(target: object, *, busy_timeout_s: float = 30.0) -> Backend:
    """A backend for ``target``: a database URL string, or an open DB-API connection."""
    if isinstance(target, str):
        url = parse_url(target)
        dialect = spec(url.dialect)
        return _backend_class(dialect).from_url(address(url, dialect), busy_timeout_s=busy_timeout_s)
    found = for_driver(type(target).__module__.split(".")[0])
    if found is None:
        drivers = spoken_list(tuple(dialect.driver_name for dialect in DIALECTS))
        raise UsageError(
            f"cannot use a {type(target).__name__} as a database",
            hint=f"pass a database URL or a {drivers} connection",
        )
    return _backend_class(found).from_connection(target, busy_timeout_s=busy_timeout_s)


def address(url: DatabaseURL, dialect: DialectSpec) -> Address:
    """The parts of ``url`` a backend's ``from_url`` takes, with the display URL's secrets
    masked and the dialect's default port where the URL gives none."""
    return Address(
        display_url=url.masked,
        path=url.path,
        host=url.host,
        port=url.port if url.port is not None else dialect.default_port,
        user=url.user,
        password=url.password,
        database=url.database,
        query=dict(url.query),
    )
