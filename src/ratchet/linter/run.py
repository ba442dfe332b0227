"""Lint whole directories or chosen files (``ratchet lint``), or the pending files of ``migrate``."""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from packaging.version import Version

from ratchet.discover import MigrationFile, read_all
from ratchet.errors import FileProblem, UsageError
from ratchet.headers import Guards, read_guards
from ratchet.linter.engine import (
    LintReport,
    grandfathered,
    header_problems,
    lint_file,
    problem_finding,
    runs_on,
)
from ratchet.linter.history import History

if TYPE_CHECKING:
    from ratchet.linter.postgres.fastsplit import FastSplit
    from ratchet.prepare import PreparedFile
    from ratchet.statement import Statement


def _targets(paths: Iterable[Path]) -> dict[Path, set[Path] | None]:
    """Resolved directory -> the chosen files in it (``None`` = all of them)."""
    chosen: dict[Path, set[Path] | None] = {}
    for path in paths:
        if path.is_dir():
            chosen[path.resolve()] = None
        elif path.is_file():
            directory = path.parent.resolve()
            current = chosen.get(directory, set())
            if current is not None:
                current.add(path.resolve())
                chosen[directory] = current
            else:
                chosen[directory] = None
        else:
            raise UsageError(f"{path}: no such file or directory", hint="pass the migrations directory or files in it")
    return chosen


#: Below this many files one process is faster than starting workers.
_POOL_MIN_FILES = 200
_MAX_WORKERS = 4
#: The jobs of the current run, set before the worker processes fork (so nothing is pickled):
#: a directory's files, the position of the file to lint, whether it is grandfathered, the
#: directory's schema history (guard headers parsed so far, the SQLite replay of its files), and the
#: directory as messages show it (relative to the working directory; ``None``: not below it, shown whole).
_Job = tuple[list[MigrationFile], int, bool, History, "Path | None"]
_JOBS: list[_Job] = []


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _collector_paused(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """``function`` with the cyclic garbage collector paused while it runs (and put back after).

    The lint's parse trees, catalogs and findings hold no cycles, so the collector would free nothing,
    but its passes over the growing heap cost 2.5% of linting a thousand files (callgrind)."""

    @functools.wraps(function)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        collecting = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if collecting:
                gc.enable()

    return paused


@_collector_paused
def lint_paths(
    paths: Iterable[Path],
    *,
    dialect: str,
    since: Version | None = None,
    lint_since: Version | None = None,
    include_all: bool = False,
    only: set[Path] | None = None,
    jobs: int = 1,
    seed_sql: str | None = None,
    postgres_version: int | None = None,
) -> LintReport:
    """Lint every migration file under ``paths`` (directories or files).

    ``since`` keeps files newer than it; ``lint_since`` grandfathers files at or below it
    (skipped, or shown without blocking with ``include_all``); ``only`` keeps the files in
    that set of resolved paths (``--git-base``). Unreadable or invalid files are listed in
    ``report.problems`` and, so that every output format shows them, as error findings; the valid
    files are linted all the same. The schema replay always uses the earlier files of the same directory.
    ``jobs`` > 1 lints in that many forked processes, 0 picks a number from the CPUs (the CLI
    does; library callers get one process unless they ask). PostgreSQL uses one for 0, and for
    ``jobs`` > 1 one worker beside this process (``_lint_in_two_processes``).
    ``seed_sql`` is the schema that existed before the first file (``lint-schema``);
    ``postgres_version`` the PostgreSQL major version that version-dependent rules assume (default 13).
    """
    report = LintReport(dialect)
    work: list[_Job] = []
    cwd = Path.cwd().resolve()
    for directory, chosen in _targets(paths).items():
        found: list[tuple[str, Path]] = []
        files, problems = read_all(directory, found)
        report.problems.extend(problems)
        report.findings.extend(problem_finding(problem, _relative(problem.path, cwd)) for problem in problems)
        kept = [(d, p) for d, p in found if (chosen is None or p in chosen) and (only is None or p in only)]
        _lint_repeatables(report, kept, cwd, dialect)
        history = History(seed_sql, files)
        shown = _relative(directory, cwd)
        shown_directory = None if shown is directory else shown
        for position, file in enumerate(files):
            if chosen is not None and file.path not in chosen:
                continue
            if only is not None and file.path not in only:
                continue
            if since is not None and file.version <= since:
                continue
            old = grandfathered(file.version, lint_since)
            if old and not include_all:
                continue
            work.append((files, position, old, history, shown_directory))
    if dialect == "postgresql" and _pipelined(len(work), jobs):
        _lint_in_two_processes(report, work, dialect, postgres_version)
        _close(work)
        return report
    workers = 1 if dialect == "postgresql" else _workers(len(work), jobs)
    if workers <= 1:
        for job in work:
            _lint_one(report, job, dialect, postgres_version)
        _close(work)
        return report
    # SQLite and MySQL. Imported here: multiprocessing and concurrent.futures are ~15% of a short run's start-up.
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    _JOBS[:] = work
    try:
        # SQLite: one run of files per worker, since each worker first replays the files before its run.
        size = -(-len(work) // (workers if dialect == "sqlite" else workers * 4))
        chunks = [
            (start, min(start + size, len(work)), dialect, postgres_version) for start in range(0, len(work), size)
        ]
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            for part in pool.map(_lint_chunk, chunks):
                report.files.extend(part.files)
                report.findings.extend(part.findings)
                report.problems.extend(part.problems)
                report.used |= part.used
    finally:
        _JOBS.clear()
    return report


def _close(work: list[_Job]) -> None:
    """Release the histories' replay databases."""
    for history in {id(job[3]): job[3] for job in work}.values():
        history.close()


# PostgreSQL: each file is judged against the catalog of all the files before it, so workers that
# each took a share of the files would first replay every file before their share, as much work as
# linting it. Two processes instead: a forked worker reads the guards of the later files and splits
# and parses them (most of a file's lint, and none of it needs the catalog) while this process
# lints the earlier ones; then the worker takes the catalog they leave and lints its files.
# Only when asked (--jobs 2 or more): on the 2-vCPU bench machine it did not pay by default (paired
# whole-process runs, 1,000 files: 1.06x the wall time of one process on the generated corpus,
# 1.03x on the history one; the fork's copy-on-write faults cost about as much as it overlaps).
#: The share of the files this process lints: about as long as the worker's preparing the rest.
_PIPELINE_SHARE = 0.32


def _pipelined(count: int, jobs: int) -> bool:
    """Whether to lint PostgreSQL files in two processes: when more than one job is asked for."""
    return jobs >= 2 and count >= 2 and hasattr(os, "fork")


def _lint_in_two_processes(report: LintReport, work: list[_Job], dialect: str, postgres_version: int | None) -> None:
    """Lint ``work`` here up to a point and in a forked worker from there (see above); the same
    report as one process makes."""
    from ratchet.linter import postgres
    from ratchet.linter.pipeline import two_processes
    from ratchet.linter.postgres import fastsplit  # noqa: F401  imported once, before the fork, not in each process

    split = max(1, int(len(work) * _PIPELINE_SHARE))
    mine, theirs = work[:split], work[split:]

    def earlier() -> postgres.ReplayState | None:
        for job in mine:
            _lint_one(report, job, dialect, postgres_version)
        return postgres.replay_state(theirs[0][0])

    def prepare_later() -> list[_Prepared]:
        return [_prepare(job, dialect) for job in theirs]

    def finish_later(prepared: list[_Prepared], state: postgres.ReplayState | None) -> LintReport:
        if state is not None:
            postgres.adopt_replay(theirs[0][0], state)
        part = LintReport(dialect)
        for job, ready in zip(theirs, prepared, strict=True):
            _lint_one(part, job, dialect, postgres_version, ready)
        return part

    done, part = two_processes(earlier, prepare_later, finish_later)
    if not done:  # the worker failed: its files are linted here, after the catalog they need
        for job in theirs:
            _lint_one(report, job, dialect, postgres_version)
        return
    report.files.extend(part.files)
    report.findings.extend(part.findings)
    report.problems.extend(part.problems)
    report.used |= part.used


def _lint_repeatables(report: LintReport, found: list[tuple[str, Path]], cwd: Path, dialect: str) -> None:
    """Lint ``R__`` files with their own rule (``repeatable-not-idempotent``), in any dialect, and
    check their split against the engine's (``split-ambiguity``) as for versioned files."""
    if not found:
        return
    from ratchet.linter.repeatable import lint_repeatable
    from ratchet.repeatables import load_repeatables
    from ratchet.split import split_statements

    files, problems = load_repeatables(found)
    report.problems.extend(problems)
    report.findings.extend(problem_finding(problem, _relative(problem.path, cwd)) for problem in problems)
    for file in files:
        shown = _relative(file.path, cwd)
        report.files.append(shown)
        dialect_used = runs_on(file.guards, dialect)
        statements = split_statements(file.text, executable_comments=dialect_used == "mysql")
        report.used.add(dialect_used)
        report.findings.extend(lint_repeatable(shown, file.guards, statements, text=file.text, dialect=dialect_used))


def _workers(count: int, jobs: int) -> int:
    if jobs != 0:
        return jobs
    if count < _POOL_MIN_FILES:
        return 1
    from multiprocessing import get_all_start_methods

    if "fork" not in get_all_start_methods():
        return 1
    return max(1, min(_MAX_WORKERS, len(os.sched_getaffinity(0))))


def _lint_chunk(bounds: tuple[int, int, str, int | None]) -> LintReport:
    start, stop, dialect, postgres_version = bounds
    part = LintReport(dialect)
    for job in _JOBS[start:stop]:
        _lint_one(part, job, dialect, postgres_version)
    return part


def _relative(path: Path, cwd: Path) -> Path:
    """``path`` relative to the working directory ``cwd`` when it is below it."""
    try:
        return path.relative_to(cwd)
    except ValueError:
        return path


#: What a file's lint needs before the catalog of the files before it: its guards, the header's
#: problems, PostgreSQL's split and parse (``None``: sqlparse's split) and its statements.
_Prepared = tuple[Guards, list[FileProblem], "FastSplit | None", "list[Statement]"]


@functools.cache
def _fast_split() -> Callable[[str], FastSplit | None]:
    """``fastsplit.fast_split``, imported on first use (only PostgreSQL runs load pglast): once, not
    per file (an import statement costs thousands of instructions even when its module is loaded)."""
    from ratchet.linter.postgres.fastsplit import fast_split

    return fast_split


def _prepare(job: _Job, dialect: str) -> _Prepared:
    """The part of a file's lint that needs no earlier file: its guards and its statements."""
    files, position, _, _, _ = job
    file = files[position]
    guards, problems = read_guards(file.path, file.text)
    if header_problems(problems):
        return guards, problems, None, []
    fast = None
    if runs_on(guards, dialect) == "postgresql":
        fast = _fast_split()(file.text)
    if fast is not None:
        return guards, problems, fast, fast.statements
    from ratchet.split import split_statements  # sqlparse: a PostgreSQL run may never need it

    mysql = runs_on(guards, dialect) == "mysql"
    return guards, problems, None, split_statements(file.text, executable_comments=mysql)


def _lint_one(
    report: LintReport,
    job: _Job,
    dialect: str,
    postgres_version: int | None = None,
    prepared: _Prepared | None = None,
) -> None:
    # Not load_migrations + prepare_files: they raise one error for the whole directory, and
    # prepare_files refuses transaction control and DELIMITER, which the lint reports as
    # findings; the lint keeps going past a bad file and lints the rest.
    files, position, old, history, shown_directory = job
    file = files[position]
    shown = file.path if shown_directory is None else shown_directory / file.path.name
    report.files.append(shown)
    guards, problems, fast, statements = _prepare(job, dialect) if prepared is None else prepared
    # A misplaced guard or a waiver without a reason is reported beside the file's other
    # findings (the bad line is left out); any other header problem makes the file invalid.
    findings = [problem_finding(problem, shown) for problem in problems]
    invalid = header_problems(problems)
    report.problems.extend(invalid)
    history.headers[file.version] = guards
    if invalid:
        report.findings.extend(findings)
        return
    report.used.add(runs_on(guards, dialect))
    display = file.shown_as(shown)
    findings += lint_file(
        display,
        guards,
        statements,
        dialect,
        files[:position],
        history=history,
        postgres_version=postgres_version,
        fast=fast,
    )
    if old:
        findings = [f._replace(grandfathered=True) for f in findings]
    report.findings.extend(findings)


def lint_prepared(
    prepared: list[PreparedFile],
    all_files: list[MigrationFile],
    *,
    dialect: str,
    lint_since: Version | None,
    seed_sql: str | None = None,
    postgres_version: int | None = None,
) -> LintReport:
    """Lint the pending files of a ``migrate`` run; files at or below ``lint_since`` are skipped."""
    report = LintReport(dialect)
    position = {file.version: index for index, file in enumerate(all_files)}
    history = History(seed_sql, all_files)
    history.headers.update({item.file.version: item.guards for item in prepared})
    try:
        for item in prepared:
            file = item.file
            if grandfathered(file.version, lint_since):
                continue
            earlier = all_files[: position.get(file.version, 0)]
            report.files.append(file.path)
            report.used.add(runs_on(item.guards, dialect))
            report.findings.extend(
                lint_file(
                    file,
                    item.guards,
                    item.statements,
                    dialect,
                    earlier,
                    history=history,
                    postgres_version=postgres_version,
                    fast=item.parsed,
                )
            )
    finally:
        history.close()
    return report
