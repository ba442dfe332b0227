"""The no-op run's answer without the full path: "everything is up to date", or "don't know".

Every app start and CI job runs ``ratchet migrate`` against a database that is already up to
date. This module answers that case with the standard library only (no click,
packaging, dataclasses or pathlib, whose imports cost more than reading and hashing a thousand
files): it reads every migration file, checks its name, strict UTF-8 and its
guard header, hashes it, and compares every checksum with the history, all as the full path
does. It answers only when the answer is certainly "up to date"; for anything else (a pending,
changed, missing, out-of-order, running or failed file, a database ahead of the files, a server
database, a configuration or option it does not handle, any file or database problem) it
returns ``None`` and ``ratchet.cli`` runs the full path, which explains the problem.
``tests/test_uptodate_differential.py`` checks it against the full planner over every state.
"""

from __future__ import annotations

import os

from ratchet import commandline
from ratchet.guardword import mentions_guard

try:  # OpenSSL's SHA-256 itself: hashlib's import also builds every other algorithm
    from _hashlib import openssl_sha256 as sha256
except ImportError:  # a Python without OpenSSL: hashlib's own, the same digest
    from hashlib import sha256

TYPE_CHECKING = False  # not typing's, whose import costs more than this whole check
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

Release = tuple[int, int, int]

#: The environment variables ``load_config`` reads; any other ``RATCHET_*`` one is left to it.
_KNOWN_VARIABLES = frozenset({"RATCHET_DATABASE_URL", "RATCHET_MIGRATIONS"})
#: ``ratchet.states.DONE_STATUSES`` as text (a test keeps them equal): importing ``enum`` for it
#: would add 11.7M instructions (callgrind) to this module's 67M, about 3 ms a run.
_DONE = frozenset({"applied", "skipped", "baseline"})
_BOM = "\ufeff"
_CHUNK = 1 << 16


class QuickOptions:
    """``migrate``'s options as given on the command line (``None``: not given)."""

    __slots__ = ("database", "migrations", "quiet")

    def __init__(self) -> None:
        self.database: str | None = None
        self.migrations: str | None = None
        self.quiet = False


def parse_migrate_argv(argv: Sequence[str]) -> QuickOptions | None:
    """The options of ``migrate [--database URL] [--migrations DIR] [--quiet]`` (read as
    ``ratchet.commandline`` declares them), or ``None`` for any other command line."""
    if not argv or argv[0] != "migrate":
        return None
    read = commandline.read(argv[1:], commandline.MIGRATE, takes_paths=False)
    if read is None:
        return None
    _, values, flags = read
    options = QuickOptions()
    options.database = values.get("database")
    options.migrations = values.get("migrations")
    options.quiet = "quiet" in flags
    return options


def _nearest_pyproject(start: str) -> str | None:
    folder = start
    while True:
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def resolve(options: QuickOptions, environ: Mapping[str, str], cwd: str) -> dict[str, str] | None:
    """``database``, ``migrations``, ``settings-table`` and ``history-table`` as
    ``ratchet.config.load_config`` resolves them, or ``None`` where it would refuse. Without a
    ``[tool.ratchet]`` table the resolution is the defaults, the environment and the command
    line, done here; with one, ``load_config`` itself does it (still without click)."""
    pyproject = _nearest_pyproject(cwd)
    if pyproject is not None:
        import tomllib  # only with a pyproject.toml: 11.1M instructions, a sixth of this module's import

        try:
            with open(pyproject, "rb") as handle:
                document = tomllib.load(handle)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return None
        tool = document.get("tool", {})
        if not isinstance(tool, dict) or tool.get("ratchet", {}) != {}:
            return _resolve_configured(options, environ, cwd)
    settings = {
        "database": "sqlite:///app.db",
        "migrations": "migrations",
        "settings-table": "system_settings",
        "history-table": "schema_history",
    }
    for variable, key in (("RATCHET_DATABASE_URL", "database"), ("RATCHET_MIGRATIONS", "migrations")):
        if environ.get(variable):
            settings[key] = environ[variable]
    if options.database is not None:
        settings["database"] = options.database
    if options.migrations is not None:
        settings["migrations"] = options.migrations
    return settings


def _resolve_configured(options: QuickOptions, environ: Mapping[str, str], cwd: str) -> dict[str, str] | None:
    from pathlib import Path

    from ratchet.config import load_config
    from ratchet.errors import RatchetError

    try:
        config = load_config(
            {"database": options.database, "migrations": options.migrations}, environ=environ, cwd=Path(cwd)
        )
    except RatchetError:
        return None
    return {
        "database": config.database,
        "migrations": str(config.migrations),
        "settings-table": config.settings_table,
        "history-table": config.history_table,
    }


def sqlite_path(url: str) -> str | None:
    """The file of a plain ``sqlite:///`` URL (nothing to unquote, mask or open specially)."""
    if not url.startswith("sqlite:///"):
        return None
    path = url[len("sqlite:///") :]
    if not path or path == ":memory:" or any(char in path for char in "%?#@"):
        return None
    return path


def _release(text: str) -> Release | None:
    """``MAJOR.MINOR.PATCH`` without leading zeros, as a tuple; ``None`` otherwise."""
    parts = text.split(".")
    if len(parts) != 3:
        return None
    for part in parts:
        if not (part.isascii() and part.isdigit()) or (len(part) > 1 and part[0] == "0"):
            return None
    return int(parts[0]), int(parts[1]), int(parts[2])


def _guards_valid(path: str, text: str) -> bool:
    """Whether the file's ``-- guard:`` lines parse (only files that mention one pay for it)."""
    if "guard" not in text.lower():
        return True
    from pathlib import Path

    from ratchet.errors import MigrationFileError
    from ratchet.headers import parse_guards

    try:
        parse_guards(Path(path), text)
    except MigrationFileError:
        return False
    return True


def _read(path: str) -> bytes | None:
    """The file's bytes (``os.read``: no buffered file object for a read in one go)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        chunks = []
        while True:
            chunk = os.read(descriptor, _CHUNK)
            if not chunk:
                break
            chunks.append(chunk)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _normalised_digest(path: str, raw: bytes) -> str | None:
    """The checksum of the normalised text as ``ratchet.discover`` takes it (strict UTF-8, no BOM,
    LF line ends), or ``None`` when the file is not valid UTF-8 or holds a bad guard."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if text.startswith(_BOM):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _guards_valid(path, text):
        return None
    return _checksum(text.encode("utf-8"))


def _checksum(data: bytes) -> str:
    """``ratchet.discover.checksum`` of normalised UTF-8 (without ``re``): spaces and tabs at line
    ends and blank lines at the end of the file do not count."""
    if data.find(b" \n") >= 0 or data.find(b"\t\n") >= 0:  # not ``in``: see ratchet.guardword
        data = b"\n".join(line.rstrip(b" \t") for line in data.split(b"\n"))
    return sha256(data.rstrip(b" \t\n")).hexdigest()


def _digest(path: str) -> str | None:
    """The file's checksum as ``ratchet.discover`` takes it, or ``None`` when the file needs the full path."""
    raw = _read(path)
    if raw is None:
        return None
    if raw.isascii() and raw.find(b"\r") < 0 and not mentions_guard(raw):
        return _checksum(raw)  # already the normalised text's UTF-8
    return _normalised_digest(path, raw)


def files_applied(directory: str, applied: dict[str, str]) -> Release | None:
    """The highest release of the migration files when they are exactly those of ``applied``
    (version -> checksum), each read, checked and hashed as the full path does; ``None`` as
    soon as any entry or file differs or needs the full path. Names are compared before any
    file is read, so a pending file costs no reading."""
    try:
        with os.scandir(directory) as listing:
            entries = [(entry.name, entry.path, entry.is_file(), entry.is_symlink()) for entry in listing]
    except OSError:
        return None
    candidates: list[tuple[str, str]] = []
    highest: Release | None = None
    for name, path, is_file, is_symlink in entries:
        if name.startswith(".") or name.endswith("~") or name.endswith(".swp") or not name.lower().endswith(".sql"):
            continue
        if is_symlink:
            return None
        if not is_file:
            continue
        version, separator, rest = name.partition("__")
        description = rest[:-4]
        release = _release(version)
        if (
            release is None
            or not separator
            or not name.endswith(".sql")
            or not description
            or not (description.isascii() and description.replace("_", "a").isalnum())
            or version not in applied
        ):
            return None
        candidates.append((version, path))
        highest = release if highest is None or release > highest else highest
    if len(candidates) != len(applied) or len({version for version, _path in candidates}) != len(applied):
        return None
    for version, path in candidates:
        if _digest(path) != applied[version]:
            return None
    return highest


def _rows_readable(rows: list[tuple[object, ...]]) -> bool:
    """Whether the full path reads every history row without refusing (versions, numbers, JSON)."""
    for _version, _checksum, status, waivers, duration, done in rows:
        if not isinstance(status, str) or not isinstance(duration, int) or not isinstance(done, int):
            return False
        if waivers and waivers != "[]":
            import json

            try:
                json.loads(waivers)  # type: ignore[arg-type]  # anything json refuses is refused below
            except (TypeError, ValueError):
                return False
    return True


def _plain_row() -> str:
    """SQL true for a row that certainly passes :func:`_rows_readable` and the finished-status
    check (text version, checksum and status, integer counts, no waivers): in SQLite, so that the
    rows of a long history are not each made a tuple and looked at in Python (at 10,000 rows that
    was about a third of a no-op run). The other rows, rare, are checked in Python."""
    done = ", ".join(f"'{status}'" for status in sorted(_DONE))
    return (
        f"typeof(version) = 'text' AND typeof(checksum) = 'text' AND typeof(status) = 'text' AND status IN ({done})"
        " AND typeof(duration_ms) = 'integer' AND typeof(statements_done) = 'integer'"
        " AND (waivers IS NULL OR waivers = '[]')"
    )


def read_history(path: str, settings_table: str, history_table: str) -> tuple[str, dict[str, str]] | None:
    """``db_version`` and every history row's version -> checksum, when every row is finished
    (applied, skipped, baseline) and readable by the full path; ``None`` otherwise."""
    if not os.path.isfile(path):
        return None
    # imported here, not with the module: a server database's run never opens SQLite
    try:  # the C module alone: sqlite3's package imports datetime for adapters this check never uses
        from _sqlite3 import Error as SqliteError
        from _sqlite3 import connect as sqlite_connect
    except ImportError:  # another Python build: the public module, same objects
        from sqlite3 import Error as SqliteError
        from sqlite3 import connect as sqlite_connect
    try:
        connection = sqlite_connect(f"file:{path}?mode=ro", uri=True, timeout=0, isolation_level=None)
    except SqliteError:
        return None
    table = f'"{history_table}"'
    try:
        connection.execute("BEGIN")  # one snapshot for both tables
        value = connection.execute(f'SELECT value FROM "{settings_table}" WHERE "key" = ?', ("db_version",)).fetchall()
        # one pass over the rows: a row that is not plain comes with no checksum, and only then are
        # such rows read whole
        rows = connection.execute(f"SELECT version, CASE WHEN {_plain_row()} THEN checksum END FROM {table}").fetchall()
        applied: dict[str, str] = dict(rows)
        if len(applied) != len(rows):
            return None  # two rows of one version: not ratchet's table
        if None in applied.values():
            others = connection.execute(
                f"SELECT version, checksum, status, waivers, duration_ms, statements_done FROM {table}"
                f" WHERE NOT ({_plain_row()})"
            ).fetchall()
            if not _readable(others):
                return None
            applied.update(_checksums(others))
    except SqliteError:
        return None
    finally:
        connection.close()
    if len(value) != 1 or not isinstance(value[0][0], str) or _release(value[0][0]) is None:
        return None
    if not applied:
        return None
    return value[0][0], applied


def _checksums(rows: list[tuple[object, ...]]) -> dict[str, str]:
    """Version -> checksum of rows :func:`_readable` accepted (their version and checksum are text)."""
    return {str(version): str(checksum) for version, checksum, *_rest in rows}


def _readable(rows: list[tuple[object, ...]]) -> bool:
    """Whether the rows that are not plain (:func:`_plain_row`) are readable and finished too."""
    if not _rows_readable(rows):
        return False
    return all(
        isinstance(version, str) and isinstance(checksum, str) and status in _DONE
        for version, checksum, status, *_rest in rows
    )


def up_to_date_message(where: str, version: str) -> str:
    """What ``migrate`` prints when nothing is pending (the full path prints the same line)."""
    return f"{where} is up to date at {version}"


def check(argv: Sequence[str], environ: Mapping[str, str], cwd: str) -> tuple[str, bool] | None:
    """``(message, quiet)`` when ``argv`` is a ``migrate`` run with nothing to do; ``None`` when
    the full path must decide."""
    options = parse_migrate_argv(argv)
    if (
        options is None
        or "DATABASE_URL" in environ
        or any(name not in _KNOWN_VARIABLES for name in environ if name.startswith("RATCHET_"))
    ):
        return None
    settings = resolve(options, environ, cwd)
    if settings is None:
        return None
    path = sqlite_path(settings["database"])
    if path is None:
        return None
    history = read_history(os.path.join(cwd, path), settings["settings-table"], settings["history-table"])
    if history is None:
        return None
    version, applied = history
    highest = files_applied(os.path.join(cwd, settings["migrations"]), applied)
    current = _release(version)
    if highest is None or current is None or current > highest:  # ahead of the files: the full path says so
        return None
    try:  # as read_history imported it
        from _sqlite3 import sqlite_version
    except ImportError:
        from sqlite3 import sqlite_version
    parts = sqlite_version.split(".")
    if len(parts) != 3 or not all(part.isascii() and part.isdigit() for part in parts):
        return None  # the engine line would be worded otherwise: the full path prints it
    # as ratchet.cli shows where a run went: the URL and the engine (ratchet.engines' "SQLite")
    return up_to_date_message(f"{settings['database']} (SQLite {sqlite_version})", version), options.quiet
