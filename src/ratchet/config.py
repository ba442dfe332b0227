"""Resolve ratchet's settings: command line, then environment (``RATCHET_DATABASE_URL``, then
``DATABASE_URL``; ``RATCHET_MIGRATIONS``), then ``[tool.ratchet]``, then defaults."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

from ratchet import dialects
from ratchet.errors import UsageError
from ratchet.headers import MAX_TIMEOUT_MS, MAX_TIMEOUT_TEXT, parse_duration_ms
from ratchet.lazyre import LazyPattern

DEFAULT_DATABASE = "sqlite:///app.db"
DEFAULT_MIGRATIONS = "migrations"
_IDENTIFIER = LazyPattern(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")
#: PostgreSQL finds ``pg_*`` names in ``pg_catalog`` first; SQLite refuses ``sqlite_*`` names.
_RESERVED_PREFIXES = ("pg_", "sqlite_")
_KEYS = (
    "database",
    "migrations",
    "busy-timeout",
    "lock-timeout",
    "settings-table",
    "history-table",
    "lint-since",
    "dialect",
    "schema-file",
    "lint-schema",
    "postgres-version",
)


def setting_keys() -> tuple[str, ...]:
    """The keys ``[tool.ratchet]`` accepts (for ``ratchet --help``)."""
    return _KEYS


class Config(NamedTuple):
    """Every setting ratchet uses, fully resolved."""

    database: str = DEFAULT_DATABASE
    #: where ``database`` came from: ``default``, ``environment``, ``command line`` or the pyproject.
    database_origin: str = "default"
    migrations: Path = Path(DEFAULT_MIGRATIONS)
    busy_timeout_s: float = 30.0
    lock_timeout_s: float = 60.0
    settings_table: str = "system_settings"
    history_table: str = "schema_history"
    lint_since: str | None = None
    dialect: str | None = None
    schema_file: Path | None = None
    lint_schema: Path | None = None  # the schema before the first file, for the lint's catalog
    postgres_version: int | None = None


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` in ``start`` or its parents."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def _read_tool_table(path: Path) -> dict[str, Any]:
    import tomllib  # here, not at the top: ~4 ms that a run without pyproject.toml never needs

    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: cannot read [tool.ratchet]: {exc}") from None
    table = document.get("tool", {}).get("ratchet", {})
    if not isinstance(table, dict):
        raise UsageError(f"{path}: [tool.ratchet] must be a table")
    for key in table:
        if key not in _KEYS:
            import difflib  # only for the error message: 2.4M instructions on the no-op path (uptodate)

            nearest = difflib.get_close_matches(key, _KEYS, n=1)
            suggestion = f"; did you mean '{nearest[0]}'?" if nearest else ""
            raise UsageError(f"{path}: unknown setting '{key}' in [tool.ratchet]{suggestion}")
    return table


def _seconds(name: str, value: object, origin: str) -> float:
    milliseconds: float | None = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        milliseconds = value * 1000.0  # nan and inf fail the range check below
    elif isinstance(value, str):
        milliseconds = parse_duration_ms(value)
    if milliseconds is not None and 0 <= milliseconds <= MAX_TIMEOUT_MS:
        return milliseconds / 1000
    shown = value if isinstance(value, (int, float)) else repr(value)
    raise UsageError(
        f"{origin}: {name} must be a duration like 30s, 500ms or 2m, from 0 to {MAX_TIMEOUT_TEXT}; got {shown}"
    )


def _text(name: str, value: object, origin: str) -> str:
    if not isinstance(value, str) or not value:
        raise UsageError(f"{origin}: {name} must be a non-empty string, got {value!r}")
    return value


def _schema_file(value: object, origin: str, base: Path) -> Path:
    """``lint-schema``: an existing file, relative to the folder of the pyproject.toml that names it."""
    path = base / _text("lint-schema", value, origin)
    if not path.is_file():
        what = "is not a file" if path.exists() else "does not exist"
        raise UsageError(f"{origin}: lint-schema {path} {what}; give the path of a .sql schema dump")
    return path


def _major_version(value: object, origin: str) -> int:
    """A PostgreSQL major version from ``13``, ``"13"``, ``"15.4"`` or ``"9.6"`` (-> 9)."""
    text = str(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
    match = re.fullmatch(r"(\d{1,2})(?:\.\d{1,2})?", text.strip())
    if match is None or not 9 <= int(match[1]) <= 99:
        raise UsageError(
            f'{origin}: postgres-version must be a PostgreSQL major version like 13 or "15.4", got {value!r}'
        )
    return int(match[1])


def _table_name(key: str, value: object, origin: str) -> str:
    name = _text(key, value, origin)
    if not _IDENTIFIER.fullmatch(name):  # fullmatch: ``$`` alone would accept a trailing newline
        raise UsageError(
            f"{origin}: {key} {name!r} is not a plain identifier ([A-Za-z_][A-Za-z0-9_]*, at most 63 characters)"
        )
    if name.lower().startswith(_RESERVED_PREFIXES):
        raise UsageError(
            f"{origin}: {key} '{name}' is a name the database reserves for its own catalog "
            f"(names starting with {' or '.join(_RESERVED_PREFIXES)})",
            hint=f"choose another name, e.g. ratchet_{name.lower().split('_', 1)[-1] or 'table'}",
        )
    return name


def _apply(
    config: Config, values: Mapping[str, object], origin: str, *, folder: Path | None = None, cwd: Path = Path()
) -> Config:
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            continue
        if key == "database":
            changes["database"] = _relative_to(folder, key, _text(key, value, origin), cwd)
            changes["database_origin"] = origin
        elif key == "migrations":
            changes["migrations"] = Path(_relative_to(folder, key, _text(key, value, origin), cwd))
        elif key in ("busy-timeout", "lock-timeout"):
            changes[key.replace("-", "_") + "_s"] = _seconds(key, value, origin)
        elif key in ("settings-table", "history-table"):
            changes[key.replace("-", "_")] = _table_name(key, value, origin)
        elif key == "lint-since":
            changes["lint_since"] = _text(key, value, origin)
        elif key == "schema-file":
            changes["schema_file"] = (folder or Path()) / _text(key, value, origin)
        elif key == "dialect":
            dialect = _text(key, value, origin).lower()
            if dialect not in dialects.NAMES:
                raise UsageError(f"{origin}: dialect must be {dialects.spoken_list()}")
            changes["dialect"] = dialect
        elif key == "lint-schema":
            changes["lint_schema"] = _schema_file(value, origin, folder or cwd)
        elif key == "postgres-version":
            changes["postgres_version"] = _major_version(value, origin)
    return config._replace(**changes) if changes else config


def load_config(
    options: Mapping[str, object] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Config:
    """Resolve the configuration; ``options`` are command-line values (``None`` = not given).

    Relative paths in ``[tool.ratchet]`` are relative to that ``pyproject.toml``'s folder; those
    of the environment and the command line to the current folder.
    """
    environ = os.environ if environ is None else environ
    cwd = Path.cwd() if cwd is None else cwd
    config = Config()
    pyproject = find_pyproject(cwd)
    if pyproject is not None:
        table = _read_tool_table(pyproject)
        if table:
            folder = pyproject.parent.absolute()
            config = _apply(config, table, f"{pyproject} [tool.ratchet]", folder=folder, cwd=cwd.absolute())
            # The project's defaults are relative to its root too, so `cd src && ratchet migrate` works.
            if "database" not in table:
                config = config._replace(database=_relative_to(folder, "database", DEFAULT_DATABASE, cwd))
            if "migrations" not in table:
                config = config._replace(migrations=Path(_relative_to(folder, "migrations", DEFAULT_MIGRATIONS, cwd)))
            if config.settings_table == config.history_table:
                raise UsageError(
                    f"{pyproject} [tool.ratchet]: settings-table and history-table are both "
                    f"'{config.settings_table}'; they must be two tables",
                    hint="set one of them to another name",
                )
    from_env = {
        "database": environ.get("RATCHET_DATABASE_URL") or environ.get("DATABASE_URL") or None,
        "migrations": environ.get("RATCHET_MIGRATIONS") or None,
    }
    config = _apply(config, from_env, "environment")
    return _apply(config, options or {}, "command line")


def _relative_to(folder: Path | None, key: str, value: str, cwd: Path) -> str:
    """``value`` with a relative path (``migrations``, a SQLite file) made relative to ``folder``,
    the pyproject's folder, so a run from a subfolder uses the same directory and database. The
    migrations directory stays relative to ``cwd`` (``migrations``, ``../migrations``): lint findings
    and GitHub annotations show paths relative to the repository, not absolute ones."""
    if folder is None:
        return value
    if key == "migrations":
        return value if Path(value).is_absolute() else os.path.relpath(folder / value, cwd)
    prefix = "sqlite:///"
    path = value[len(prefix) :]
    if value.lower().startswith(prefix) and path and not path.startswith("/") and path != ":memory:":
        return prefix + quote(str(folder)) + "/" + path
    return value
