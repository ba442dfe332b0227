"""Parse database URLs and mask their passwords."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from ratchet.errors import UsageError

SCHEMES = {
    "sqlite": "sqlite",
    "postgresql": "postgresql",
    "postgres": "postgresql",
    "mysql": "mysql",
    "mariadb": "mysql",
}
# ``scheme://user:password@host``: the user part ends at the first ``:``; the password runs to
# the LAST ``@`` of the URL (a raw ``@`` in a password is common), as ``urlsplit`` reads it.
_PASSWORD = re.compile(r"(?P<head>[a-z][a-z0-9+.-]*://[^:/@\s'\"]*:)(?P<password>[^\s'\"]*)(?P<tail>@)", re.I)
URL_EXAMPLES = (
    "sqlite:///relative.db, sqlite:////abs/path.db, sqlite:///:memory:, "
    "postgresql://user@host:5432/db, mysql://user@host:3306/db (password as user:PASSWORD@)"
)


def mask_password(text: str) -> str:
    """Replace the password of every URL in ``text`` with ``***``."""
    return _PASSWORD.sub(lambda m: f"{m['head']}***{m['tail']}", text)


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

    @property
    def masked(self) -> str:
        """The URL with its password replaced by ``***``."""
        return mask_password(self.raw)


def parse_url(raw: str) -> DatabaseURL:
    """Parse ``raw``; raise :class:`UsageError` naming the accepted forms if it is malformed."""
    scheme, sep, _ = raw.partition("://")
    dialect = SCHEMES.get(scheme.lower()) if sep else None
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
    )


def _parse_sqlite(raw: str) -> DatabaseURL:
    rest = raw.split("://", 1)[1]
    if not rest.startswith("/") or rest == "/":
        raise UsageError(
            f"bad SQLite URL '{raw}'",
            hint="use sqlite:///relative.db, sqlite:////abs/path.db or sqlite:///:memory:",
        )
    path = unquote(rest[1:])
    return DatabaseURL(raw=raw, dialect="sqlite", path=path)
