"""``ratchet lint``'s run as output and exit code, and its command line read without click.

:func:`outcome` is the one definition of what ``lint`` prints and how it exits: ``ratchet.cli``'s
``lint`` command echoes it. Importing click and the whole command line costs about 90M
instructions (callgrind), a tenth of linting a thousand files, so the console script
(``ratchet.launch``) reads a plain ``lint`` command line here first (:func:`answer`), with the
reader and the option declarations of :mod:`ratchet.commandline` that ``ratchet.cli`` builds
click's options from. Anything else (``--help``, ``--git-base``, an unknown option or a bad
value) and any error on the way
(a ``RatchetError`` included: nothing is printed before the lint ends) leave the run to click,
which explains it. ``tests/test_quicklint_differential.py`` compares both paths' output and exit codes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ratchet.errors import EXIT_CHECK_FAILED, EXIT_INVALID_FILES, EXIT_OK

if TYPE_CHECKING:
    from ratchet.config import Config


def outcome(
    paths: list[Path],
    config: Config,
    *,
    output_format: str = "text",
    dialect: str | None = None,
    strict: bool = False,
    since: str | None = None,
    include_all: bool = False,
    only: set[Path] | None = None,
    jobs: int = 0,
    colour: bool = False,
) -> tuple[str, str, int]:
    """Lint ``paths`` (the configured migrations when empty): what goes to stdout, what to stderr
    (one message a line), and the exit code."""
    from ratchet.lintapi import lint
    from ratchet.linter.formats import render

    targets: list[str | Path] = [*paths] if paths else [config.migrations]
    report = lint(
        targets,
        dialect=dialect,
        since=since,
        include_all=include_all,
        only=only,
        jobs=jobs,
        config=config,
    )
    errors = []
    if dialect is None and config.dialect is None and config.database_origin == "default":
        # Nothing chose the dialect: say so, or a PostgreSQL project linting without a URL gets a green gate.
        from ratchet import dialects

        errors.append(
            f"ratchet: note: no dialect configured, so the files were linted as {report.dialect} (the default "
            'database is SQLite); set it with --dialect, dialect = "postgresql" '
            f"(any of {', '.join(dialects.NAMES)}) in [tool.ratchet], or the database URL\n"
        )
    code = EXIT_OK
    if report.problems:
        # Each problem is already a finding, in every format: stderr only says why the exit code is 3.
        count = len({problem.path for problem in report.problems})
        errors.append(f"ratchet: error: {count} invalid migration file(s); see the findings above\n")
        code = EXIT_INVALID_FILES
    elif report.blocking(strict=strict):
        code = EXIT_CHECK_FAILED
    return render(report, output_format, strict=strict, colour=colour), "".join(errors), code


def answer(arguments: list[str], *, colour: bool) -> tuple[str, str, int] | None:
    """``lint``'s outcome for ``arguments`` (``sys.argv[1:]``, starting with ``lint``), or ``None``
    when the command line is not one this module reads exactly as click does; ``colour``: whether
    the text output is coloured."""
    from ratchet import commandline

    read = commandline.read(arguments[1:], commandline.LINT, takes_paths=True)
    if read is None:
        return None
    from ratchet.config import load_config

    paths, values, flags = read
    config = load_config({"database": values.get("database"), "migrations": values.get("migrations")})
    return outcome(
        [Path(path) for path in paths],
        config,
        output_format=values.get("output_format", "text"),
        dialect=values.get("dialect"),
        strict="strict" in flags,
        since=values.get("since"),
        include_all="include_all" in flags,
        jobs=int(values.get("jobs", "0")),
        colour=colour,
    )
