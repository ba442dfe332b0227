"""Lint whole directories or chosen files (``ratchet lint``), or the pending files of ``migrate``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from packaging.version import Version

from ratchet.discover import MigrationFile, discover
from ratchet.errors import MigrationFileError, UsageError
from ratchet.headers import parse_guards
from ratchet.lint.engine import LintReport, grandfathered, header_findings, lint_file
from ratchet.prepare import PreparedFile
from ratchet.split import split_statements


def _targets(paths: Iterable[Path]) -> dict[Path, set[Path] | None]:
    """Directory -> the chosen files in it (``None`` = all of them)."""
    chosen: dict[Path, set[Path] | None] = {}
    for path in paths:
        if path.is_dir():
            chosen[path if not path.is_absolute() else path.resolve()] = None
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


def lint_paths(
    paths: Iterable[Path],
    *,
    dialect: str,
    since: Version | None = None,
    lint_since: Version | None = None,
    include_all: bool = False,
    only: set[Path] | None = None,
) -> LintReport:
    """Lint every migration file under ``paths`` (directories or files).

    ``since`` keeps files newer than it; ``lint_since`` grandfathers files at or below it
    (skipped, or shown without blocking with ``include_all``); ``only`` keeps the files in
    that set of resolved paths (``--git-base``). Unreadable or invalid files are listed in
    ``report.problems``; the schema replay always uses the earlier files of the same directory.
    """
    report = LintReport(dialect)
    for directory, chosen in _targets(paths).items():
        try:
            files = discover(directory)
        except MigrationFileError as exc:
            report.problems.extend(exc.problems)
            continue
        for position, file in enumerate(files):
            if chosen is not None or only is not None:
                resolved = file.path.resolve()
                if chosen is not None and resolved not in chosen:
                    continue
                if only is not None and resolved not in only:
                    continue
            if since is not None and file.version <= since:
                continue
            old = grandfathered(file.version, lint_since)
            if old and not include_all:
                continue
            _lint_one(report, file, files[:position], dialect, old)
    return report


def _display(file: MigrationFile) -> MigrationFile:
    """The file with a path relative to the working directory when it is below it."""
    if not file.path.is_absolute():
        return file
    try:
        relative = file.path.relative_to(Path.cwd().resolve())
    except ValueError:
        return file
    return MigrationFile(file.version, file.description, relative, file.text, file.checksum)


def _lint_one(report: LintReport, file: MigrationFile, earlier: list[MigrationFile], dialect: str, old: bool) -> None:
    file = _display(file)
    report.files.append(file.path)
    try:
        guards = parse_guards(file.path, file.text)
    except MigrationFileError as exc:
        findings, problems = header_findings(exc.problems)
        report.findings.extend(findings)
        report.problems.extend(problems)
        return
    statements = split_statements(file.text)
    findings = lint_file(file, guards, statements, dialect, earlier)
    if old:
        findings = [replace(f, grandfathered=True) for f in findings]
    report.findings.extend(findings)


def lint_prepared(
    prepared: list[PreparedFile], all_files: list[MigrationFile], *, dialect: str, lint_since: Version | None
) -> LintReport:
    """Lint the pending files of a ``migrate`` run; files at or below ``lint_since`` are skipped."""
    report = LintReport(dialect)
    position = {file.version: index for index, file in enumerate(all_files)}
    for item in prepared:
        file = item.file
        if grandfathered(file.version, lint_since):
            continue
        earlier = all_files[: position.get(file.version, 0)]
        report.files.append(file.path)
        report.findings.extend(lint_file(file, item.guards, item.statements, dialect, earlier))
    return report
