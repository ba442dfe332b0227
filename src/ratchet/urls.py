"""Parse database URLs and mask their passwords."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit

from ratchet.errors import UsageError

# SQLAlchemy's driver-qualified spellings too, so an application's existing URL works as it is.
SCHEMES = {
    "sqlite": "sqlite",
    "postgresql": "postgresql",
    "postgres": "postgresql",
    "postgresql+psycopg": "postgresql",
    "mysql": "mysql",
    "mariadb": "mysql",
    "mysql+pymysql": "mysql",
    "mariadb+pymysql": "mysql",
}
# ``scheme://user:password@host``: the user part ends at the first ``:``; the password runs to
# the LAST ``@`` of the URL (a raw ``@`` in a password is common), as ``urlsplit`` reads it.
_PASSWORD = re.compile(r"(?P<head>[a-z][a-z0-9+.-]*://[^:/@\s'\"]*:)(?P<password>[^\s'\"]*)(?P<tail>@)", re.I)
URL_EXAMPLES = (
    "sqlite:///relative.db, sqlite:////abs/path.db, sqlite:///:memory:, "
    "postgresql://user@host:5432/db (or postgres://, postgresql+psycopg://), "
    "mysql://user@host:3306/db (or mariadb://, mysql+pymysql://; password as user:PASSWORD@)"
)


_QUERY_PASSWORD = re.compile(r"(?P<head>[?&](?:ssl)?password=)[^&\s'\"]*", re.I)


def mask_password(text: str) -> str:
    """Replace the password of every URL in ``text`` (user info or ``?password=``) with ``***``."""
    text = _PASSWORD.sub(lambda m: f"{m['head']}***{m['tail']}", text)
    return _QUERY_PASSWORD.sub(lambda m: f"{m['head']}***", text)


@dataclass(frozen=True)
class DatabaseURL:
    """A parsed database URL."""

    raw: str
    dialect: str
    path: str = ""
    host: str = ""
    port: int | None = None
    user: str | None = None
    password: str | None = None
    database: str = ""
    #: The URL's query parameters (``?sslmode=require``), passed on to the driver.
    query: dict[str, str] = field(default_factory=dict)

    @property
    def masked(self) -> str:
        """The URL with its password replaced by ``***``."""
        return mask_password(self.raw)


def parse_url(raw: str) -> DatabaseURL:
    """Parse ``raw``; raise :class:`UsageError` naming the accepted forms if it is malformed."""
    scheme, sep, _ = raw.partition("://")
    dialect = SCHEMES.get(scheme.lower()) if sep else None
    if dialect is None and raw.lower().startswith("sqlite:"):
        _refuse_sqlite(raw)
    if dialect is None:
        # Never echo a URL we cannot parse: we cannot tell where its password is.
        shown = raw.split(":", 1)[0][:40]
        raise UsageError(
            f"unsupported database URL (starting '{shown}:'); it must be scheme://..., "
            f"with scheme one of {', '.join(sorted(SCHEMES))}",
            hint=f"use one of: {URL_EXAMPLES}",
        )
    if dialect == "sqlite":
        return _parse_sqlite(raw)
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as exc:
        raise UsageError(f"bad database URL '{mask_password(raw)}': {exc}") from None
    database = unquote(parts.path.lstrip("/"))
    if not database or "/" in database:
        raise UsageError(
            f"database URL '{mask_password(raw)}' names no database",
            hint=f"end the URL with /DATABASE, e.g. {scheme}://user@localhost/app",
        )
    return DatabaseURL(
        raw=raw,
        dialect=dialect,
        host=parts.hostname or "localhost",
        port=port,
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
        database=database,
        query=_parse_query(raw, parts.query),
    )


def _parse_query(raw: str, query: str) -> dict[str, str]:
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=bool(query))
    except ValueError:
        raise UsageError(
            f"bad query string in database URL '{mask_password(raw)}'", hint="use ?name=value&name=value"
        ) from None
    params: dict[str, str] = {}
    for name, value in pairs:
        if name in params:
            raise UsageError(f"database URL '{mask_password(raw)}' gives the parameter '{name}' twice")
        params[name] = value
    return params


def _refuse_sqlite(raw: str) -> None:
    """A SQLite URL without its three slashes (``sqlite:shop.db``, ``sqlite://shop.db``): show the fix."""
    path = raw[len("sqlite:") :].lstrip("/")
    problem = f"did you mean sqlite:///{path}?" if path else "it names no database file"
    raise UsageError(
        f"bad SQLite URL '{raw}': {problem}",
        hint="use sqlite:///relative.db (three slashes), sqlite:////abs/path.db (four) or sqlite:///:memory:",
    )


def _parse_sqlite(raw: str) -> DatabaseURL:
    rest = raw.split("://", 1)[1]
    if not rest.startswith("/") or rest == "/":
        _refuse_sqlite(raw)
    path = unquote(rest[1:])
    return DatabaseURL(raw=raw, dialect="sqlite", path=path)
