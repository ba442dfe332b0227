"""The README checked against the code: every command, option, ``[tool.ratchet]`` key,
environment variable, exit code, dialect, URL scheme and state it names exists, and every one
the code has is documented. (Lint rule ids: ``tests/lint/test_lint_cli.py`` compares the
README's rule list with the rule registry.)"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from ratchet import dialects, errors, helptext
from ratchet.cli import main
from ratchet.config import setting_keys
from ratchet.headers import KEYWORDS
from ratchet.states import EntryState, RepeatableState, RowStatus

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
_FENCED = re.compile(r"```[a-z]*\n(.*?)```", re.S)


def _section(title: str) -> str:
    """The text under the heading ``title`` up to the next heading of the same level or higher."""
    match = re.search(rf"^(#+) {re.escape(title)}\n", README, re.M)
    assert match, f"README has no section '{title}'"
    level = len(match[1])
    end = re.compile(rf"^#{{1,{level}}} ", re.M).search(README, match.end())
    return README[match.end() : end.start() if end else len(README)]


def _commands(group: click.Group = main, prefix: tuple[str, ...] = ()) -> dict[str, click.Command]:
    """``"settings get"`` -> its command, for every command the CLI has."""
    found: dict[str, click.Command] = {}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found |= _commands(command, (*prefix, name))
        else:
            found[" ".join((*prefix, name))] = command
    return found


def _options(command: click.Command) -> set[str]:
    return {flag for param in command.params if isinstance(param, click.Option) for flag in param.opts}


COMMANDS = _commands()
GLOBAL_OPTIONS = {flag for param in main.params for flag in param.opts} | {"--help"}


def _invocations() -> list[list[str]]:
    """Every ``ratchet ...`` command line the README shows (code blocks and inline code), as
    the words after ``ratchet``, comments and ``[ ]``/``( )`` stripped."""
    spans = [line.split(" #")[0] for block in _FENCED.findall(README) for line in block.splitlines()]
    spans += re.findall(r"`([^`\n]+)`", _FENCED.sub("", README))
    lines: list[list[str]] = []
    for span in spans:
        for part in re.split(r"&&|;", span):
            words = re.sub(r"[\[\]()]", " ", part).split()
            if words[:1] == ["ratchet"] and len(words) > 1:  # `ratchet` alone names the program
                lines.append(words[1:])
    return lines


def _command_of(words: list[str]) -> tuple[str, list[str]] | None:
    """The command path the words start with and the rest, or ``None`` (``ratchet --help``)."""
    for length in (2, 1):
        name = " ".join(words[:length])
        if len(words) >= length and name in COMMANDS:
            return name, words[length:]
    return None


def test_the_readme_finds_the_command_lines() -> None:
    # the parser below is what every other check relies on: it must see the Commands block
    assert sum(1 for words in _invocations() if words[:1] == ["migrate"]) >= 8


def test_every_command_is_documented() -> None:
    shown = {found[0] for words in _invocations() if (found := _command_of(words))}
    assert sorted(set(COMMANDS) - shown) == []


def test_every_command_line_in_the_readme_runs() -> None:
    for words in _invocations():
        found = _command_of(words)
        if found is None:
            assert words[0] in GLOBAL_OPTIONS, f"README shows `ratchet {' '.join(words)}`: no such command"
            continue
        name, rest = found
        flags = {word for word in rest if re.fullmatch(r"--?[a-z][a-z-]*", word)}
        unknown = flags - _options(COMMANDS[name]) - GLOBAL_OPTIONS
        assert not unknown, f"README shows `ratchet {' '.join(words)}`: {name} has no {sorted(unknown)}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_is_documented(name: str) -> None:
    for flag in sorted(_options(COMMANDS[name])):
        assert re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", README), f"README never mentions {name} {flag}"


def test_the_global_options_are_documented() -> None:
    for flag in GLOBAL_OPTIONS:
        assert f"ratchet {flag}" in README


def test_the_configuration_keys_are_the_ones_the_code_reads() -> None:
    block = next(b for b in _FENCED.findall(_section("Configuration")) if b.startswith("[tool.ratchet]"))
    documented = re.findall(r"^([a-z-]+) *=", block, re.M)
    assert sorted(documented) == sorted(setting_keys())


def test_the_environment_variables_are_documented() -> None:
    variables = re.findall(r"^  ([A-Z_]{4,}) ", helptext.ENVIRONMENT, re.M)
    assert len(variables) >= 4
    for variable in variables:
        assert f"`{variable}`" in README, f"README never mentions {variable}"


def test_the_exit_codes_are_the_ones_the_code_uses() -> None:
    table = re.findall(r"^\| (\d) \|", _section("Exit codes"), re.M)
    constants = sorted(value for name, value in vars(errors).items() if name.startswith("EXIT_"))
    assert [int(code) for code in table] == constants
    assert re.findall(r"^  (\d)  ", helptext.EXIT_CODES, re.M) == table
    classes = [cls for cls in vars(errors).values() if isinstance(cls, type) and issubclass(cls, errors.RatchetError)]
    assert {cls.exit_code for cls in classes} <= set(constants)


def test_the_dialects_and_url_schemes_are_the_registry() -> None:
    guard = re.search(r"only for these dialects \(([^)]*)\)", README)
    assert guard and re.findall(r"`([a-z]+)`", guard[1]) == list(dialects.NAMES)
    block = next(b for b in _FENCED.findall(_section("Configuration")) if b.startswith("[tool.ratchet]"))
    schemes = set(re.findall(r"\b([a-z+]+):///?", block))
    assert schemes == set(dialects.SCHEMES)


def test_the_history_statuses_are_the_code_s() -> None:
    documented = re.search(r"`status` \(([^)]*)\)", _section("The database"))
    assert documented and re.findall(r"`([a-z-]+)`", documented[1]) == [status.value for status in RowStatus]


def test_the_states_status_prints_are_the_code_s() -> None:
    line = re.search(r"ratchet status +# every file: ([a-z/-]+)\n +# \(repeatables: ([a-z/-]+)\)", README)
    assert line, "README's `ratchet status` line lists the states"
    assert set(line[1].split("/")) == {state.value for state in EntryState}
    assert set(line[2].split("/")) == {state.value for state in RepeatableState}


def test_every_module_is_in_the_readme_s_map() -> None:
    package = Path(__file__).resolve().parents[1] / "src" / "ratchet"
    table = _section("How it is built")
    modules = [path.name for path in package.glob("*.py") if path.name != "__init__.py"]
    folders = [f"{path.name}/" for path in package.iterdir() if (path / "__init__.py").exists()]
    assert len(modules) > 20
    assert [name for name in modules + folders if f"`{name}`" not in table] == []
    listed = [name for row in re.findall(r"^\| ([^|]+) \|", table, re.M) for name in re.findall(r"`([^`]+)`", row)]
    assert len(listed) > 20
    assert [name for name in listed if not (package / name).exists()] == []


def test_the_guard_keywords_are_the_parser_s() -> None:
    documented = re.findall(r"^\| `-- guard: ([a-z-]+)", _section("Guard headers"), re.M)
    assert sorted(documented) == sorted(KEYWORDS)


def test_the_python_api_section_names_every_error_class() -> None:
    section = _section("Python API")
    classes = [name for name, value in vars(errors).items() if isinstance(value, type) and issubclass(value, Exception)]
    assert len(classes) >= 12
    assert [name for name in classes if f"`{name}`" not in section and f"`ratchet.{name}`" not in section] == []
