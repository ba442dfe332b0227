"""The declared options of ``migrate`` and ``lint`` (``ratchet.commandline``) against click's commands.

click's commands are built from the declarations, so they must list exactly the declared options;
the quick paths' reader must read every command line it accepts exactly as click parses it (the
same values, every other option at its default), and decline the rest.
"""

from __future__ import annotations

import itertools

import click
import pytest

from ratchet import commandline
from ratchet.cli import main

COMMANDS = {"migrate": (commandline.MIGRATE, False), "lint": (commandline.LINT, True)}

MIGRATE_TOKENS = ["--database", "-d", "--migrations", "--quiet", "-q", "URL", "--database=URL2", "--migrations=D2"]
MIGRATE_TOKENS += ["--json", "--to", "1.0.0", "--dry-run", "--help", "--quiet=1", "-dURL", "-d=URL", "--", "-", "-x"]
LINT_TOKENS = ["--dialect", "postgresql", "--format", "json", "xml", "--strict", "--all", "--jobs", "2", "-1"]
LINT_TOKENS += ["DIR", "-d", "--since=1.0", "--git-base", "--format=sarif", "--all=1", "--help", "--", "-", "\u0663"]
TOKENS = {"migrate": MIGRATE_TOKENS, "lint": LINT_TOKENS}


def click_parse(command: str, arguments: list[str]) -> dict[str, object] | None:
    """click's parameters for the command line, or ``None`` where click refuses it or prints help."""
    try:
        context = main.commands[command].make_context(command, list(arguments), resilient_parsing=False)
    except (click.exceptions.Exit, click.UsageError):
        return None
    return dict(context.params)


@pytest.mark.parametrize("command", COMMANDS)
def test_click_has_exactly_the_declared_options(command: str) -> None:
    options, _ = COMMANDS[command]
    clicks = [param for param in main.commands[command].params if isinstance(param, click.Option)]
    assert [(tuple(param.opts), param.name, param.is_flag) for param in clicks] == [
        (option.spellings, option.keyword, option.kind == commandline.FLAG) for option in options
    ]
    for param, option in zip(clicks, options, strict=True):
        assert param.help == option.help
        if option.kind == commandline.CHOICE:
            assert isinstance(param.type, click.Choice) and option.choices is not None
            assert tuple(param.type.choices) == option.choices()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_line_it_reads_click_parses_the_same(command: str) -> None:
    options, takes_paths = COMMANDS[command]
    defaults = click_parse(command, [])
    assert defaults is not None
    accepted = declined = 0
    for length in range(4):
        for combination in itertools.product(TOKENS[command], repeat=length):
            arguments = list(combination)
            read = commandline.read(arguments, options, takes_paths=takes_paths)
            if read is None:
                declined += 1
                continue
            accepted += 1
            paths, values, flags = read
            params = click_parse(command, arguments)
            assert params is not None, arguments
            expected = dict(defaults)
            expected.update(values)
            expected.update(dict.fromkeys(flags, True))
            if takes_paths:
                expected["paths"] = tuple(paths)
                params["paths"] = tuple(str(path) for path in params["paths"])  # type: ignore[attr-defined]
            else:
                assert paths == []
            # click converts a count to an int; the reader keeps the text
            assert {key: str(value) for key, value in params.items()} == {
                key: str(value) for key, value in expected.items()
            }, arguments
    assert accepted > 50 and declined > 1000


def test_it_declines_what_click_reads_otherwise_or_refuses() -> None:
    lint = commandline.LINT
    assert commandline.read(["--format", "json", "--strict", "d"], lint, takes_paths=True) == (
        ["d"],
        {"output_format": "json"},
        {"strict"},
    )
    for declined in (
        ["--jobs", "\u0663"],
        ["--format"],
        ["-d=x"],
        ["-dx"],
        ["-"],
        ["--"],
        ["--all=yes"],
        ["--git-base=main"],
        ["--strict", "--strict"],
        ["--since", "--strict"],
        ["--dialect", "PostgreSQL"],
    ):
        assert commandline.read(declined, lint, takes_paths=True) is None, declined
    assert commandline.read(["somewhere"], commandline.MIGRATE, takes_paths=False) is None
    assert commandline.read(["--to", "1.0.0"], commandline.MIGRATE, takes_paths=False) is None
