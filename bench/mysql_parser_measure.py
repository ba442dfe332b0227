"""Measure: the MySQL word classifier against sqlglot's MySQL parser, on tests/lint/mysql_cases.py.

The MySQL lint should use the most faithful parser available. This lints every case with ratchet's
word classifier, and classifies the same statements from sqlglot's parse trees with the rule
mapping any parser-based lint would use (default-deny for what the parser leaves unparsed),
then prints each one's precision and recall of error findings and sqlglot's parse coverage.

    .venv/bin/pip install sqlglot   # only for this measurement; ratchet does not depend on it
    .venv/bin/python bench/mysql_parser_measure.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "lint"))

from mysql_cases import BASE, CASES  # noqa: E402

from ratchet.linter import lint_paths  # noqa: E402
from ratchet.linter.rules import ERROR, RULES  # noqa: E402
from ratchet.split import split_statements  # noqa: E402

Found = set[tuple[str, int]]


def word_classifier(sql: str) -> Found:
    """ratchet's own findings for one case file."""
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        (directory / "1.0.0__base.sql").write_text(BASE, encoding="utf-8")
        (directory / "1.1.0__case.sql").write_text(sql, encoding="utf-8")
        report = lint_paths([directory], dialect="mysql")
    return {(f.rule, f.line) for f in report.findings if f.path.name.startswith("1.1.0")}


def sqlglot_classifier(sql: str) -> tuple[Found, int, int]:
    """Findings from sqlglot's trees, and (statements, statements parsed into a real node)."""
    import sqlglot
    from sqlglot import exp
    from sqlglot.errors import ParseError

    found: Found = set()
    statements = split_statements(sql)
    structured = 0
    drops = {"TABLE": "drop-table", "VIEW": "drop-view", "INDEX": "drop-index", "TRIGGER": "drop-trigger"}
    drops |= {"PROCEDURE": "drop-routine", "FUNCTION": "drop-routine", "DATABASE": "drop-schema"}
    drops |= {"SCHEMA": "drop-schema"}
    for statement in statements:
        line = statement.line
        try:
            tree = sqlglot.parse_one(statement.sql, read="mysql")
        except ParseError:
            found.add(("syntax-error", line))
            continue
        if isinstance(tree, exp.Command):
            word = str(tree.this).upper()
            found.add(("opaque-sql" if word in ("PREPARE", "EXECUTE", "CALL") else "unrecognized-statement", line))
            continue
        structured += 1
        if isinstance(tree, exp.Drop):
            found.add((drops.get(str(tree.args.get("kind") or "").upper(), "unrecognized-statement"), line))
        elif isinstance(tree, exp.TruncateTable):
            found.add(("truncate", line))
        elif isinstance(tree, exp.Delete) and not tree.args.get("where"):
            found.add(("delete-without-where", line))
        elif isinstance(tree, exp.Update) and not tree.args.get("where"):
            found.add(("update-without-where", line))
        elif isinstance(tree, exp.Alter):
            for action in tree.args.get("actions") or []:
                found |= _alter_action(action, line)
    return found, len(statements), structured


def _alter_action(action: object, line: int) -> Found:
    from sqlglot import exp

    if isinstance(action, exp.Drop):
        kind = str(action.args.get("kind") or "").upper()
        return {("drop-column" if kind in ("", "COLUMN") else "drop-constraint", line)}
    if isinstance(action, exp.ModifyColumn):
        return {("alter-column-type", line)}
    if isinstance(action, exp.RenameColumn):
        return {("rename-column", line)}
    if isinstance(action, exp.AlterRename):
        return {("rename-table", line)}
    if isinstance(action, exp.ColumnDef):
        constraints = [type(c.args.get("kind")).__name__ for c in action.args.get("constraints") or []]
        if "NotNullColumnConstraint" in constraints and "DefaultColumnConstraint" not in constraints:
            return {("add-not-null-without-default", line)}
    return set()


def score(rows: list[tuple[Found, Found]]) -> tuple[float, float, int, int, int]:
    """Precision and recall of error findings, with true/false positives and misses."""
    hits = false = missed = 0
    for got, expected in rows:
        got_errors = {f for f in got if f[0] in RULES and RULES[f[0]].severity == ERROR}
        want_errors = {f for f in expected if f[0] in RULES and RULES[f[0]].severity == ERROR}
        hits += len(got_errors & want_errors)
        false += len(got_errors - want_errors)
        missed += len(want_errors - got_errors)
    precision = hits / (hits + false) if hits + false else 1.0
    recall = hits / (hits + missed) if hits + missed else 1.0
    return precision, recall, hits, false, missed


def main() -> int:
    words: list[tuple[Found, Found]] = []
    parsed: list[tuple[Found, Found]] = []
    total = structured = 0
    for _name, sql, expected in CASES:
        words.append((word_classifier(sql), expected))
        found, count, good = sqlglot_classifier(sql)
        parsed.append((found, expected))
        total, structured = total + count, structured + good
    print(f"{len(CASES)} MySQL case files, {total} statements")
    for label, rows in (("word classifier", words), ("sqlglot mysql", parsed)):
        precision, recall, hits, false, missed = score(rows)
        print(
            f"{label:16} error precision {precision:.2f} recall {recall:.2f} "
            f"({hits} hit, {false} false, {missed} missed)"
        )
    print(f"sqlglot parsed {structured}/{total} statements into a node (the rest: Command fallback or ParseError)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
