"""Parse database URLs and mask their passwords."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, unquote_plus, urlsplit

from ratchet.dialects import DIALECTS, SCHEMES
from ratchet.errors import UsageError
from ratchet.lazyre import LazyPattern

URL_EXAMPLES = ", ".join(dialect.url_example for dialect in DIALECTS)
MASK = "***"
#: ``?password=``, ``&sslpassword=``, ``&ssl_key_password=``: a query parameter holding a secret.
#: Each match starts at a ``?`` or ``&``, so the scan stays linear in the text.
_QUERY_SECRET = LazyPattern(r"(?P<name>[?&][A-Za-z_]*password=)(?P<value>[^&#\s'\"]*)", re.I)
_URL_QUERY_SECRET = re.compile(r"(?P<name>[?&][A-Za-z_]*password=)(?P<value>[^&#]*)", re.I)
#: A run of text without white space or quotes: one URL at most, matched without backtracking.
_TOKEN = LazyPattern(r"[^\s'\"]+")
#: Shorter secrets are masked inside URLs only: replacing one or two characters everywhere
#: would garble every message, and such a password is no secret against guessing anyway.
_MIN_FREE_TEXT_SECRET = 3
_known_secrets: set[str] = set()
_known_lock = threading.Lock()


def _password_span(url: str) -> tuple[int, int] | None:
    """Where the password of ``url`` lies: after ``scheme://user:`` and up to the LAST ``@``
    (a raw ``@`` or ``/`` in a password is common), or ``None``."""
    scheme_end = url.find("://")
    if scheme_end < 0:
        return None
    user_start = scheme_end + 3
    at = url.rfind("@", user_start)
    if at < 0:
        return None
    colon = url.find(":", user_start, at)
    if colon < 0 or any(char in url[user_start:colon] for char in "/@"):
        return None
    return colon + 1, at


def url_secrets(url: str) -> list[str]:
    """The secrets a database URL holds (its password and ``*password=`` parameters), both as
    written and percent-decoded, found even when the URL is malformed."""
    found: list[str] = []
    span = _password_span(url)
    if span is not None:
        found.append(url[span[0] : span[1]])
    found += [match["value"] for match in _URL_QUERY_SECRET.finditer(url)]
    secrets = {secret for raw in found for secret in (raw, unquote(raw), unquote_plus(raw)) if secret}
    return sorted(secrets, key=len, reverse=True)


def remember_secrets(url: str, *also: str | None) -> None:
    """Mask the secrets of ``url`` (and ``also``, e.g. its password as a driver parsed it) in
    every later :func:`mask_password` of this process."""
    secrets = url_secrets(url) + [secret for secret in also if secret]
    if secrets:
        with _known_lock:
            _known_secrets.update(secrets)


def mask_url(url: str) -> str:
    """``url`` as shown to people: its password and secret parameters replaced with ``***``,
    whatever characters they hold (a quote, a space, ``@``, ``/``, ``%``-escapes)."""
    span = _password_span(url)
    if span is not None:
        url = url[: span[0]] + MASK + url[span[1] :]
    return _URL_QUERY_SECRET.sub(lambda m: f"{m['name']}{MASK}", url)


def mask_password(text: str) -> str:
    """``text`` with every secret masked: the passwords of the URLs this process parsed (or
    was told about with :func:`remember_secrets`) wherever they appear, and the user-info
    password and ``*password=`` parameters of any URL written in the text. Linear in ``text``."""
    with _known_lock:
        secrets = sorted(_known_secrets, key=len, reverse=True)
    for secret in secrets:
        if len(secret) >= _MIN_FREE_TEXT_SECRET and secret in text:
            text = text.replace(secret, MASK)
    if "://" in text:
        text = _TOKEN.sub(lambda m: mask_url(m[0]) if "://" in m[0] else m[0], text)
    if "password=" in text.lower():
        text = _QUERY_SECRET.sub(lambda m: f"{m['name']}{MASK}", text)
    return text


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
        """The URL with its password and secret parameters replaced by ``***``."""
        return mask_url(self.raw)


def parse_url(raw: str) -> DatabaseURL:
    """Parse ``raw``; raise :class:`UsageError` naming the accepted forms if it is malformed."""
    remember_secrets(raw)
    _refuse_unencodable(raw)
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
    except ValueError:
        # never the parser's own words: they quote the part it could not read, maybe the password
        raise UsageError(
            f"bad database URL '{mask_url(raw)}': its host and port cannot be read",
            hint="percent-encode / ? # @ : and spaces in the user and password (e.g. %2F for /)",
        ) from None
    password = unquote(parts.password) if parts.password is not None else None
    remember_secrets(raw, password)
    database = unquote(parts.path.lstrip("/"))
    if not database or "/" in database:
        raise UsageError(
            f"database URL '{mask_url(raw)}' names no database",
            hint=f"end the URL with /DATABASE, e.g. {scheme}://user@localhost/app",
        )
    return DatabaseURL(
        raw=raw,
        dialect=dialect,
        host=parts.hostname or "localhost",
        port=port,
        user=unquote(parts.username) if parts.username else None,
        password=password,
        database=database,
        query=_parse_query(raw, parts.query),
    )


def _refuse_unencodable(raw: str) -> None:
    """A URL holding a byte that is not UTF-8 (a surrogate escape from the command line) or a
    NUL, even percent-encoded, names nothing a database or file system can open."""
    shown = mask_url(raw).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if any("\ud800" <= char <= "\udfff" for char in raw):
        raise UsageError(
            f"database URL '{shown}' is not valid UTF-8", hint="write the URL in UTF-8 (percent-encode bytes)"
        )
    if "\x00" in raw or "%00" in raw:
        raise UsageError(f"database URL '{shown}' contains a NUL byte", hint="remove it; no database name holds one")


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
