"""The package's shape, read from its source: only the CLI prints or exits, every list of dialects
or states derives from its one module, and no code cites documents outside the repository. (That
drivers import only their base and the errors: tests/test_servers_params.py.)"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from packaging.requirements import Requirement

import ratchet
from conftest import SERVERS
from ratchet import dialects, errors, statement, uptodate
from ratchet.backends import base, open_backend
from ratchet.cli import main
from ratchet.engines import ENGINES
from ratchet.errors import UsageError
from ratchet.states import DONE_STATUSES, Outcome, RowStatus

PACKAGE = Path(ratchet.__file__).parent
SOURCES = sorted(PACKAGE.rglob("*.py"))
BENCH = PACKAGE.parents[1] / "bench"
#: The console script answers a no-op ``migrate`` and a plain ``lint`` before click (and ``cli``) is
#: imported, since importing them costs more than the whole check: it writes those answers itself.
PRINTS_BEFORE_THE_CLI = {"launch.py"}
#: A forked worker ends itself without running the parent's exit handlers (it never prints).
EXITS_A_FORKED_WORKER = {("linter/pipeline.py", "os._exit")}
_OUTPUT_CALLS = {"print", "exit", "quit", "sys.exit", "os._exit", "click.echo", "click.secho", "click.get_text_stream"}
_STREAMS = ("sys.stdout", "sys.stderr", "sys.__stdout__", "sys.__stderr__")


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _output(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """``(line, what)`` for every print, exit or write to a standard stream in ``tree``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _dotted(node.func)
            if name in _OUTPUT_CALLS or name.startswith(_STREAMS):
                yield node.lineno, name
        elif isinstance(node, ast.Raise) and node.exc is not None:
            raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if _dotted(raised) == "SystemExit":
                yield node.lineno, "raise SystemExit"
        elif isinstance(node, ast.Attribute) and _dotted(node) in _STREAMS:
            yield node.lineno, _dotted(node)


def _relative(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def test_the_output_check_sees_the_cli_print_and_exit() -> None:
    found = {what for _, what in _output(ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8")))}
    assert {"click.echo", "sys.exit"} <= found


def test_only_the_cli_prints_or_exits() -> None:
    offenders = [
        f"{_relative(path)}:{line}: {what}"
        for path in SOURCES
        if _relative(path) not in {"cli.py", *PRINTS_BEFORE_THE_CLI}
        for line, what in _output(ast.parse(path.read_text(encoding="utf-8")))
        if (_relative(path), what) not in EXITS_A_FORKED_WORKER
    ]
    assert offenders == []


def test_the_console_script_writes_only_the_no_op_answer_and_the_lint_outcome() -> None:
    found = [what for _, what in _output(ast.parse((PACKAGE / "launch.py").read_text(encoding="utf-8")))]
    no_op_answer = ["sys.stdout.write", "sys.stdout"]
    interrupted_lint = ["sys.stderr.write", "sys.stderr"]  # as the CLI says it
    lint_outcome = ["sys.stdout.write", "sys.stdout", "sys.stderr.write", "sys.stderr"]
    colour = ["sys.stdout.isatty", "sys.stdout"]  # whether lint's text output is coloured (the CLI asks too)
    assert sorted(found) == sorted([*no_op_answer, *interrupted_lint, *lint_outcome, *colour])


# --- One registry of dialects --------------------------------------------------------------


@pytest.mark.parametrize("dialect", dialects.DIALECTS, ids=lambda d: d.name)
def test_each_dialect_s_backend_declares_it(dialect: dialects.DialectSpec) -> None:
    module_name, _, class_name = dialect.backend.partition(":")
    module = __import__(module_name, fromlist=[class_name])
    cls = getattr(module, class_name)
    assert issubclass(cls, base.Backend) and cls.dialect == dialect.name
    assert dialect.schemes[0] == dialect.name and dialect.url_example.startswith(f"{dialect.name}://")


def test_every_scheme_opens_its_dialect(tmp_path: Path) -> None:
    for scheme, name in dialects.SCHEMES.items():
        url = f"{scheme}:///{tmp_path / 'x.db'}" if name == "sqlite" else f"{scheme}://u@127.0.0.1:1/db"
        backend = open_backend(url)
        try:
            assert backend.dialect == name
        finally:
            backend.close()


def test_the_cli_offers_the_registry_s_dialects() -> None:
    lint = main.commands["lint"]
    choice = next(p.type for p in lint.params if p.name == "dialect")
    assert isinstance(choice, click.Choice) and tuple(choice.choices) == dialects.NAMES


def test_a_foreign_connection_names_every_driver() -> None:
    with pytest.raises(UsageError) as caught:
        open_backend(object())
    assert all(dialect.driver_name in str(caught.value) for dialect in dialects.DIALECTS)


def test_every_dialect_has_engines_and_every_engine_a_dialect() -> None:
    assert {engine.dialect for engine in ENGINES} == set(dialects.NAMES)


def test_every_server_dialect_has_a_test_server() -> None:
    # SQLite's databases are files the tests make themselves; every other dialect needs a server
    assert set(SERVERS) == {dialect.name for dialect in dialects.DIALECTS if dialect.name != "sqlite"}


# --- States ----------------------------------------------------------------------------------


def test_the_no_op_path_s_done_statuses_are_the_states_module_s() -> None:
    # uptodate keeps a text copy: importing enum would cost the no-op run (see its comment)
    assert {str(status) for status in DONE_STATUSES} == uptodate._DONE
    assert set(RowStatus) > DONE_STATUSES


def test_a_file_result_documents_every_outcome() -> None:
    source = (PACKAGE / "runner.py").read_text(encoding="utf-8")
    documented = source.split("class FileResult", 1)[1].split("outcome: Outcome", 1)[0]
    assert [outcome.value for outcome in Outcome if f"``{outcome.value}``" not in documented] == []


# --- Public surface --------------------------------------------------------------------------


def _error_tree() -> dict[str, tuple[str | None, int | None]]:
    """The tree drawn in the errors module's docstring: class -> (parent, exit code shown)."""
    tree: dict[str, tuple[str | None, int | None]] = {}
    parents: list[str] = []
    for line in (errors.__doc__ or "").splitlines():
        match = re.match(r"^ {4}([ │├└─]*)([A-Z]\w+)\s+(?:exit (\d))?", line)
        if match:
            depth = len(match[1]) // 4
            parents[depth:] = [match[2]]
            tree[match[2]] = (parents[depth - 1] if depth else None, int(match[3]) if match[3] else None)
    return tree


def test_the_errors_module_draws_the_whole_exception_tree() -> None:
    classes = {
        name: value
        for name, value in vars(errors).items()
        if isinstance(value, type) and issubclass(value, errors.RatchetError) and value.__module__ == errors.__name__
    }
    tree = _error_tree()
    assert set(tree) == set(classes)
    for name, (parent, code) in tree.items():
        if parent is not None:
            assert classes[name].__bases__ == (classes[parent],), f"{name} is drawn under {parent}"
        assert code in (None, classes[name].exit_code)


def test_every_error_class_is_exported() -> None:
    for name in _error_tree():
        assert name in ratchet.__all__ and getattr(ratchet, name) is getattr(errors, name)


def test_no_module_cites_documents_outside_the_repository() -> None:
    citation = re.compile(r"\bSPEC\b|\b[Ii]ssues? #?\d")
    cited = [
        f"{path.relative_to(PACKAGE.parents[1])}:{number}: {line.strip()}"
        for path in [*SOURCES, *sorted(Path(__file__).parent.rglob("*.py")), *sorted(BENCH.rglob("*.py"))]
        if path != Path(__file__)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if citation.search(line)
    ]
    assert cited == []


# --- Dependencies ----------------------------------------------------------------------------


def test_sqlparse_is_pinned_to_the_versions_the_fast_split_is_proven_on() -> None:
    pyproject = tomllib.loads((PACKAGE.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    requirement = next(
        Requirement(text) for text in pyproject["project"]["dependencies"] if text.startswith("sqlparse")
    )
    candidates = {f"0.{minor}.{patch}" for minor in range(4, 9) for patch in range(10)} | statement.PROVEN_ON
    assert set(requirement.specifier.filter(sorted(candidates))) == statement.PROVEN_ON
