"""``ratchet lint`` through the real CLI: formats, exit codes, filters; lint inside ``migrate``."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest

from conftest import Project

SCHEMA = Path(__file__).resolve().parent.parent / "data" / "sarif-schema-2.1.0.json"
GITHUB = re.compile(
    r"^::(error|warning|notice) file=(?P<file>[^,:]+),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"endLine=(?P<end>\d+),endColumn=(?P<end_column>\d+),title=(?P<title>[^,:]+)::(?P<message>.+)$"
)


@pytest.fixture
def linted(project: Project) -> Project:
    project.write("1.0.0__users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n")
    project.write("1.1.0__drop.sql", "-- 1.1.0\n\nALTER TABLE users DROP COLUMN email;\n")
    project.write(
        "1.2.0__waived.sql",
        '-- guard: allow drop-table:users reason="replaced by accounts"\nCREATE TABLE a (x int);\nDROP TABLE users;\n',
    )
    return project


def test_text_format_and_exit_1(linted: Project) -> None:
    result = linted.ratchet("lint", "migrations")
    assert result.code == 1, result.output
    assert "migrations/1.1.0__drop.sql:3:19: error drop-column dropping column users.email" in result.out
    assert "migrations/1.2.0__waived.sql:3:1: error drop-table" in result.out
    assert '(waived: "replaced by accounts")' in result.out
    assert "\x1b[" not in result.out


def test_json_format(linted: Project) -> None:
    result = linted.ratchet("lint", "migrations", "--format", "json")
    document = json.loads(result.out)
    keys = {"file", "line", "column", "end_line", "rule", "severity", "message", "waived"}
    assert all(keys <= set(f) for f in document["findings"])
    rules = {(f["rule"], f["waived"]) for f in document["findings"]}
    assert rules == {("drop-column", False), ("drop-table", True)}
    assert document["summary"]["blocking"] == 1


def test_sarif_validates_against_the_schema(linted: Project) -> None:
    result = linted.ratchet("lint", "migrations", "--format", "sarif")
    log = json.loads(result.out)
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"drop-column", "drop-table"}
    waived = next(r for r in results if r["ruleId"] == "drop-table")
    assert waived["suppressions"][0]["justification"] == "replaced by accounts"
    region = next(r for r in results if r["ruleId"] == "drop-column")["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (3, 19)


def test_github_format(linted: Project) -> None:
    result = linted.ratchet("lint", "migrations", "--format", "github")
    lines = result.out.splitlines()
    assert lines and all(GITHUB.match(line) for line in lines), lines
    match = GITHUB.match(next(line for line in lines if "drop-column" in line))
    assert match is not None
    assert (match["file"], match["line"], match["col"], match["end"]) == ("migrations/1.1.0__drop.sql", "3", "19", "3")
    assert match["title"] == "ratchet drop-column"


def test_clean_strict_since_and_usage(linted: Project) -> None:
    assert linted.ratchet("lint", "migrations/1.0.0__users.sql").code == 0
    assert linted.ratchet("lint", "migrations", "--since", "1.1.0").code == 0
    linted.write("1.3.0__index.sql", "DROP INDEX idx_old;\n")
    assert linted.ratchet("lint", "migrations", "--since", "1.2.0").code == 0
    assert linted.ratchet("lint", "migrations", "--since", "1.2.0", "--strict").code == 1
    assert linted.ratchet("lint", "--format", "xml").code == 2
    assert linted.ratchet("lint", "--since", "banana").code == 2
    assert linted.ratchet("lint", "nowhere").code == 2


def test_invalid_files_exit_3(project: Project) -> None:
    project.write("1.0.0__bad.sql", b"CREATE TABLE a (x int);\xff\n")
    result = project.ratchet("lint", "migrations")
    assert result.code == 3 and "not valid UTF-8" in result.out and result.output.count("not valid UTF-8") == 1
    project.write("1.0.0__bad.sql", "-- guard: nope\nCREATE TABLE a (x int);\n")
    assert project.ratchet("lint", "migrations").code == 3


def test_lint_since_grandfathers_old_files(linted: Project) -> None:
    (linted.root / "pyproject.toml").write_text('[tool.ratchet]\nlint-since = "1.1.0"\n', encoding="utf-8")
    assert linted.ratchet("lint").code == 0
    shown = linted.ratchet("lint", "--all")
    assert shown.code == 0 and "grandfathered" in shown.out and "drop-column" in shown.out
    assert linted.ratchet("migrate").code == 0


def test_git_base_lints_only_changed_files(linted: Project) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=linted.root, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
    assert linted.ratchet("lint", "--git-base", "HEAD").code == 0
    linted.write("1.3.0__more.sql", "DROP VIEW v;\n")
    result = linted.ratchet("lint", "--git-base", "HEAD")
    assert result.code == 1 and "1.3.0__more.sql" in result.out and "1.1.0__drop" not in result.out
    assert linted.ratchet("lint", "--git-base", "no-such-ref").code == 2


def test_migrate_refuses_on_lint_errors_and_no_lint_records_the_bypass(linted: Project, sqlite_path: Path) -> None:
    refused = linted.ratchet("migrate")
    assert refused.code == 1
    assert "1.1.0__drop.sql:3:19" in refused.err and "drop-column" in refused.err
    assert not sqlite_path.exists() or "users" not in linted.ratchet("status").out
    applied = linted.ratchet("migrate", "--no-lint")
    assert applied.code == 0, applied.output
    assert "warning" in applied.err and "--no-lint" in applied.err
    status = json.loads(linted.ratchet("status", "--json").out)
    rows = {f["version"]: f for f in status["files"]}
    assert rows["1.1.0"]["lint_bypassed"] is True
    assert rows["1.2.0"]["waivers"][0]["reason"] == "replaced by accounts"


def test_python_api() -> None:
    import ratchet

    report = ratchet.lint(Path(__file__).resolve().parents[2] / "migrations", dialect="sqlite")
    assert report.blocking() == []
    assert len(report.files) >= 7


def test_parallel_lint_matches_one_process(project: Project) -> None:
    project.write("1.0.0__users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n")
    for n in range(1, 260):
        sql = "DROP TABLE users;\n" if n % 50 == 0 else f"ALTER TABLE users ADD COLUMN c{n} TEXT;\n"
        project.write(f"1.{n}.0__step_{n}.sql", sql)
    result = project.ratchet("lint", "migrations", "--format", "json")
    assert result.code == 1
    parallel = json.loads(result.out)["findings"]
    import ratchet

    serial = ratchet.lint(project.migrations, dialect="sqlite").findings
    assert [(f["file"].split("/")[-1], f["line"], f["rule"]) for f in parallel] == [
        (f.path.name, f.line, f.rule) for f in serial
    ]
    assert [f["rule"] for f in parallel] == ["drop-table"] * 5


@pytest.mark.parametrize("no_color", [None, "1"])
def test_colour_only_on_a_tty_without_no_color(linted: Project, no_color: str | None) -> None:
    import os
    import pty

    from conftest import RATCHET

    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    if no_color:
        env["NO_COLOR"] = no_color
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [RATCHET, "lint", "migrations", "--dialect", "sqlite"],
            cwd=linted.root,
            env=env,
            stdout=follower,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
        os.close(follower)
        follower = -1
        output = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
    finally:
        os.close(leader)
        if follower >= 0:
            os.close(follower)
    assert done.returncode == 1
    assert b"drop-column" in output
    assert (b"\x1b[" in output) is (no_color is None)


def test_dialect_defaults_to_the_configured_database(project: Project) -> None:
    project.write("1.0.0__index.sql", "CREATE INDEX CONCURRENTLY idx_a ON a (x);\n")
    on_postgres = project.ratchet("lint", "--database", "postgresql://u@localhost/db")
    assert on_postgres.code == 1 and "needs-no-transaction" in on_postgres.out
    assert "(postgresql)" in on_postgres.out
    on_sqlite = project.ratchet("lint", "--dialect", "sqlite")  # SQLite's own parser rejects CONCURRENTLY
    assert on_sqlite.code == 1 and "syntax-error" in on_sqlite.out and "needs-no-transaction" not in on_sqlite.out


def test_invalid_files_are_findings_in_every_format_and_valid_files_are_still_linted(project: Project) -> None:
    project.write("bad.sql", "CREATE TABLE b (x int);\n")
    project.write("1.0.0__a.sql", "DROP TABLE a;\n")
    project.write("1.1.0__utf8.sql", b"CREATE TABLE u (x int);\xff\n")
    project.write("1.3.0__header.sql", "-- guard: nope\nCREATE TABLE h (x int);\n")
    project.write("1.4.0__guard.sql", "-- guard: dialect oracle\nCREATE TABLE g (x int);\n")
    project.write("1.4.0__twin.sql", "CREATE TABLE t (x int);\n")
    expected = {
        ("bad.sql", "file-name"),
        ("1.0.0__a.sql", "drop-table"),
        ("1.1.0__utf8.sql", "file-invalid"),
        ("1.3.0__header.sql", "guard-unknown"),
        ("1.4.0__guard.sql", "guard-invalid"),
        ("1.4.0__twin.sql", "duplicate-version"),
    }

    result = project.ratchet("lint", "migrations", "--format", "json")
    assert result.code == 3, result.output
    document = json.loads(result.out)
    assert {(Path(f["file"]).name, f["rule"]) for f in document["findings"]} == expected
    assert all(f["severity"] == "error" and f["line"] >= 1 for f in document["findings"])
    assert "migrations/1.0.0__a.sql" in document["files"]
    assert document["summary"]["blocking"] == len(expected)

    sarif = project.ratchet("lint", "migrations", "--format", "sarif")
    assert sarif.code == 3
    log = json.loads(sarif.out)
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))
    results = log["runs"][0]["results"]
    assert {
        (Path(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]).name, r["ruleId"]) for r in results
    } == expected

    github = project.ratchet("lint", "migrations", "--format", "github")
    assert github.code == 3
    annotations = {
        (Path(m["file"]).name, m["title"].removeprefix("ratchet "))
        for m in map(GITHUB.match, github.out.splitlines())
        if m
    }
    assert annotations == expected

    text = project.ratchet("lint", "migrations")
    assert text.code == 3 and "migrations/bad.sql:1:1: error file-name bad migration file name" in text.out
    assert text.out.count("not valid UTF-8") == 1 and "not valid UTF-8" not in text.err


def test_help_lists_every_rule_id_with_its_severity(project: Project) -> None:
    from ratchet.linter import RULES

    project.write("1.0.0__a.sql", '-- guard: allow drop-tabel reason="typo"\nCREATE TABLE a (x int);\n')
    pointer = project.ratchet("lint", "migrations")
    assert pointer.code == 1 and "see `ratchet lint --help` for the rule ids" in pointer.out
    shown = project.ratchet("lint", "--help")
    assert shown.code == 0
    listed = {m[1]: m[2] for m in re.finditer(r"^\s+([a-z][a-z-]+)\s+(error|warning|info)\s+\S", shown.out, re.M)}
    assert listed == {rule_id: rule.severity for rule_id, rule in RULES.items()}


def test_readme_rule_list_is_the_registry() -> None:
    from ratchet.linter.rules import README_END, README_START, RULES, readme_section

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    start, end = readme.index(README_START), readme.index(README_END) + len(README_END)
    documented = readme[start:end]
    assert documented == readme_section(), "run: python -m ratchet.linter.rules README.md"
    headings = re.findall(r"^##### (\S+)$", documented, re.M)
    assert headings == list(RULES)
    assert all(RULES[rule_id].anchor == rule_id for rule_id in headings)


def test_sarif_help_uri_points_at_each_rules_readme_anchor(linted: Project) -> None:
    from ratchet.linter.rules import DOCS_URI, RULES

    log = json.loads(linted.ratchet("lint", "migrations", "--format", "sarif").out)
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} == set(RULES)
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    anchors = set(re.findall(r"^#+ (\S+)$", readme, re.M))
    for rule in rules:
        assert rule["helpUri"].startswith(DOCS_URI)
        assert rule["helpUri"].split("#", 1)[1] in anchors, rule["id"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_summary_names_every_dialect_the_files_were_linted_as(project: Project, jobs: str) -> None:
    project.write("1.0.0__users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n")
    index = "-- guard: dialect postgresql\n-- guard: no-transaction\nCREATE INDEX CONCURRENTLY u_e ON users (email);\n"
    project.write("1.1.0__index.sql", index)
    project.write("1.2.0__note.sql", "-- guard: dialect mysql postgresql\nALTER TABLE users ADD COLUMN note TEXT;\n")
    text = project.ratchet("lint", "migrations", "--dialect", "sqlite", "--jobs", jobs)
    assert text.code == 0, text.output
    assert "3 file(s) linted (sqlite, mysql, postgresql): 0 error(s)" in text.out
    document = json.loads(project.ratchet("lint", "migrations", "--dialect", "sqlite", "--format", "json").out)
    assert (document["dialect"], document["dialects"]) == ("sqlite", ["sqlite", "mysql", "postgresql"])
    only_guarded = project.ratchet("lint", "migrations/1.1.0__index.sql", "--dialect", "sqlite")
    assert "1 file(s) linted (postgresql):" in only_guarded.out, only_guarded.output
    configured = project.ratchet("lint", "migrations", "--dialect", "postgresql")
    assert "3 file(s) linted (postgresql):" in configured.out, configured.output
