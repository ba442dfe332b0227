"""Render a lint report as text, JSON, GitHub workflow commands or SARIF 2.1.0."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ratchet.linter.rules import ERROR, INFO, RULES, WARNING

if TYPE_CHECKING:  # types only: the CLI imports this module on every run, before any SQL is split
    from ratchet.linter.engine import Finding, LintReport

FORMATS = ("text", "json", "github", "sarif")
_COLOURS = {ERROR: "red", WARNING: "yellow", INFO: "cyan"}
_SARIF_LEVELS = {ERROR: "error", WARNING: "warning", INFO: "note"}
_GITHUB_LEVELS = {ERROR: "error", WARNING: "warning", INFO: "notice"}
_SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_INFO_URI = "https://pypi.org/project/ratchet-migrations/"


def render(report: LintReport, output_format: str, *, strict: bool = False, colour: bool = False) -> str:
    """The whole report in ``output_format`` (one of :data:`FORMATS`)."""
    if output_format == "json":
        return render_json(report, strict=strict)
    if output_format == "github":
        return render_github(report)
    if output_format == "sarif":
        return render_sarif(report)
    return render_text(report, strict=strict, colour=colour)


def render_text(report: LintReport, *, strict: bool, colour: bool) -> str:
    """``file:line:col: severity rule-id message`` per finding, then a summary line."""
    if colour:
        import click  # only for a terminal: the console script's lint runs without click otherwise
    lines = []
    for finding in report.findings:
        severity = finding.severity
        if colour and (finding.waived or finding.grandfathered):
            severity = click.style(severity, dim=True)  # accepted: not a red error
        elif colour:
            severity = click.style(severity, fg=_COLOURS[severity], bold=finding.blocks(strict=strict))
        lines.append(finding.text(severity))
    counts = report.summary(strict=strict)
    lines.append(
        f"{counts['files']} file(s) linted ({', '.join(report.dialects())}): {counts['errors']} error(s), "
        f"{counts['warnings']} warning(s), {counts['info']} info, {counts['waived']} waived"
        + (f", {counts['grandfathered']} grandfathered" if counts["grandfathered"] else "")
    )
    return "\n".join(lines) + "\n"


def render_json(report: LintReport, *, strict: bool) -> str:
    """The stable JSON document documented in the README."""
    return json.dumps(report.to_json(strict=strict), indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(finding: Finding) -> str:
    """One workflow command: ``::error file=F,line=L,col=C,endLine=E,title=T::message``."""
    level = "notice" if finding.waived or finding.grandfathered else _GITHUB_LEVELS[finding.severity]
    properties = ",".join(
        f"{key}={_escape_property(str(value))}"
        for key, value in (
            ("file", finding.path),
            ("line", finding.line),
            ("col", finding.column),
            ("endLine", finding.end_line),
            ("endColumn", finding.end_column),
            ("title", f"ratchet {finding.rule}"),
        )
    )
    message = finding.message
    if finding.waived:
        message += f' (waived: "{finding.waiver_reason}")'
    return f"::{level} {properties}::{_escape_data(message)}"


def render_github(report: LintReport) -> str:
    """GitHub Actions annotations, one per finding; a waived finding is an accepted decision, not
    something to annotate on every run (JSON and SARIF still carry it)."""
    return "".join(github_line(f) + "\n" for f in report.findings if not f.waived)


def render_sarif(report: LintReport) -> str:
    """A SARIF 2.1.0 log with one run; waived findings carry an in-source suppression."""
    from ratchet import __version__

    rule_ids = sorted(RULES)
    index = {rule_id: position for position, rule_id in enumerate(rule_ids)}
    rules = [
        {
            "id": rule_id,
            "name": rule_id,
            "shortDescription": {"text": RULES[rule_id].summary},
            "helpUri": RULES[rule_id].help_uri,
            "defaultConfiguration": {"level": _SARIF_LEVELS[RULES[rule_id].severity]},
        }
        for rule_id in rule_ids
    ]
    results: list[dict[str, Any]] = []
    for finding in report.findings:
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": _SARIF_LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": finding.path.as_posix()},
                        "region": {
                            "startLine": finding.line,
                            "startColumn": finding.column,
                            "endLine": finding.end_line,
                            "endColumn": finding.end_column,
                        },
                    }
                }
            ],
        }
        if finding.object:
            result["properties"] = {"object": finding.object}
        if finding.waived:
            result["suppressions"] = [{"kind": "inSource", "justification": finding.waiver_reason or ""}]
        results.append(result)
    log = {
        "$schema": _SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ratchet",
                        "version": __version__,
                        "informationUri": _INFO_URI,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2) + "\n"
