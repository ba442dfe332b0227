"""``ratchet.lint``: the lint of files or directories, configured as ``[tool.ratchet]`` says.

Apart from :mod:`ratchet.api`, whose runner, backends and history a lint never needs: ``ratchet
lint`` imports only this, the configuration and the linter.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from packaging.version import Version

from ratchet import dialects
from ratchet.config import Config, load_config
from ratchet.discover import parse_version
from ratchet.errors import RatchetError, UsageError

if TYPE_CHECKING:
    from ratchet.linter import LintReport


def lint_since(config: Config) -> Version | None:
    """The ``lint-since`` setting as a version (files at or below it are grandfathered)."""
    if config.lint_since is None:
        return None
    return parse_version(config.lint_since, "lint-since")


def lint_schema_sql(config: Config) -> str | None:
    """The text of the ``lint-schema`` file (the schema before the first migration), if set."""
    if config.lint_schema is None:
        return None
    try:
        raw = config.lint_schema.read_bytes()
    except OSError as exc:
        raise UsageError(f"lint-schema {config.lint_schema}: cannot read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"lint-schema {config.lint_schema}: not valid UTF-8 at byte offset {exc.start}; save it as UTF-8"
        ) from None
    return text.replace("\r\n", "\n")


def default_dialect(config: Config) -> str:
    """``dialect`` from the configuration, else the configured database's, else ``sqlite``."""
    if config.dialect:
        return config.dialect
    from ratchet.urls import parse_url  # only here: a lint whose dialect is given never reads the URL

    try:
        return parse_url(config.database).dialect
    except RatchetError:
        return "sqlite"


def lint(
    paths: str | Path | list[str | Path],
    *,
    dialect: str | None = None,
    since: str | None = None,
    include_all: bool = False,
    only: set[Path] | None = None,
    jobs: int = 1,
    config: Config | None = None,
) -> LintReport:
    """Lint migration files or directories without a database.

    ``dialect`` defaults to the configured one (``[tool.ratchet]``, the database URL, else
    ``sqlite``); files at or below ``lint-since`` are skipped unless ``include_all``.
    """
    config = config or load_config()
    if dialect is not None and dialect not in dialects.NAMES:
        raise UsageError(f"--dialect: unknown dialect '{dialect}'; use {dialects.spoken_list()}")
    from ratchet.linter import lint_paths

    targets = [paths] if isinstance(paths, (str, Path)) else list(paths)
    return lint_paths(
        [Path(p) for p in targets],
        dialect=dialect or default_dialect(config),
        since=parse_version(since, "--since") if since is not None else None,
        lint_since=lint_since(config),
        include_all=include_all,
        only=only,
        jobs=jobs,
        seed_sql=lint_schema_sql(config),
        postgres_version=config.postgres_version,
    )
