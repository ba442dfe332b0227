"""The CLI's rough edges as a newcomer meets them: JSON shapes, the lint's assumed dialect, invalid
files reported once, `ratchet wait`, help texts, MySQL TLS parameters, and the small things."""

from __future__ import annotations

import json
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import click
import pytest

from conftest import RATCHET, Db, Project, run_cli
from ratchet.cli import main

CREATE = "CREATE TABLE items (id INTEGER PRIMARY KEY);\n"


# --- item 7: JSON -------------------------------------------------------------------------


def test_json_versions_are_null_when_absent(project: Project) -> None:
    project.write("1.0.0__items.sql", CREATE)
    status = json.loads(project.ratchet("status", "--json").out)
    assert status["db_version"] is None
    validate = json.loads(project.ratchet("validate", "--json").out)
    assert validate["db_version"] is None
    dry = json.loads(project.ratchet("migrate", "--dry-run", "--json").out)
    assert dry["from_version"] is None and dry["to_version"] is None
    migrated = json.loads(project.ratchet("migrate", "--json").out)
    assert migrated["from_version"] is None and migrated["to_version"] == "1.0.0"


def test_migrate_json_failure_carries_where_and_why(db_project: Project, db: Db) -> None:
    db_project.write("1.0.0__items.sql", CREATE)
    db_project.write("1.1.0__bad.sql", "CREATE TABLE tags (id INTEGER);\nINSERT INTO nowhere (id) VALUES (1);\n")
    result = db_project.ratchet("migrate", "--json")
    assert result.code == 5
    document = json.loads(result.out)
    assert document["ok"] is False and document["exit_code"] == 5
    failure = document["failure"]
    assert failure["file"].endswith("1.1.0__bad.sql") and failure["version"] == "1.1.0"
    assert (failure["line"], failure["statement_number"]) == (2, 2)
    assert failure["sql"] == "INSERT INTO nowhere (id) VALUES (1)"
    assert "nowhere" in failure["db_message"]


def test_status_json_on_a_failed_connection_is_still_json(project: Project) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://app:s3cret@127.0.0.1:{port}/app"
    result = project.ratchet("status", "--json", "--database", url)
    assert result.code == 5
    document = json.loads(result.out)
    assert document["ok"] is False and document["exit_code"] == 5 and "cannot connect" in document["error"]
    assert "s3cret" not in result.output


def test_migrate_json_lists_invalid_files(project: Project) -> None:
    project.write("V2__drop.sql", CREATE)
    result = project.ratchet("migrate", "--json")
    assert result.code == 3
    [problem] = json.loads(result.out)["problems"]
    assert problem["file"].endswith("V2__drop.sql") and problem["rule"] == "file-name"


# --- items 9 and 10: lint ---------------------------------------------------------------------


def test_lint_says_which_dialect_it_assumed_and_how_to_set_it(project: Project) -> None:
    project.write("1.0.0__items.sql", CREATE)
    assumed = run_cli(["lint"], cwd=project.root)
    assert assumed.code == 0
    assert "linted as sqlite" in assumed.err and "--dialect" in assumed.err and "[tool.ratchet]" in assumed.err
    chosen = run_cli(["lint", "--dialect", "postgresql"], cwd=project.root)
    assert "linted as" not in chosen.err
    (project.root / "pyproject.toml").write_text('[tool.ratchet]\ndialect = "postgresql"\n')
    configured = run_cli(["lint", "--format", "json"], cwd=project.root)
    assert "linted as" not in configured.err and json.loads(configured.out)["dialect"] == "postgresql"


def test_lint_reports_an_invalid_file_once(project: Project) -> None:
    project.write("1.0.0__items.sql", CREATE)
    project.write("V2__drop_email.sql", "ALTER TABLE items DROP COLUMN id;\n")
    result = run_cli(["lint", "--dialect", "sqlite"], cwd=project.root)
    assert result.code == 3
    assert result.output.count("V2__drop_email.sql") == 1, result.output
    assert "rename it to 2.0.0__drop_email.sql" in result.out
    assert "1 invalid migration file(s)" in result.err


# --- item 11: wait and help ---------------------------------------------------------------


def test_wait_returns_once_the_server_accepts_connections(project: Project, make_db: Callable[[str], Db]) -> None:
    db = make_db("postgresql")
    result = project.ratchet("wait", "--timeout", "10s", "--database", db.url)
    assert result.code == 0 and "accepts connections" in result.out, result.output


def test_wait_retries_until_the_database_comes_up(project: Project, make_db: Callable[[str], Db]) -> None:
    """A proxy port that starts forwarding to MariaDB only after a while, like a container starting."""
    db = make_db("mysql")
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()  # refused until the proxy below listens

    def forward(source: socket.socket, target: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                target.sendall(chunk)
        except OSError:
            pass
        finally:
            target.close()

    def proxy() -> None:
        time.sleep(1.5)
        server = socket.create_server(("127.0.0.1", port))
        server.settimeout(30)
        try:
            client, _ = server.accept()
        finally:
            server.close()
        upstream = socket.create_connection(("127.0.0.1", 3306))
        threading.Thread(target=forward, args=(client, upstream), daemon=True).start()
        forward(upstream, client)

    thread = threading.Thread(target=proxy, daemon=True)
    thread.start()
    url = db.url.replace("127.0.0.1:3306", f"127.0.0.1:{port}")
    done = subprocess.run(
        [RATCHET, "wait", "--timeout", "30s", "--database", url],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "accepts connections" in done.stdout
    thread.join(timeout=30)


def test_wait_gives_up_with_exit_5_and_the_reason(project: Project) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = project.ratchet("wait", "--timeout", "1s", "--database", f"mysql://root:pw@127.0.0.1:{port}/app")
    assert result.code == 5, result.output
    assert "connection refused" in result.err and "still failing after 1s" in result.err and "pw@" not in result.err
    bad = project.ratchet("wait", "--timeout", "soon")
    assert bad.code == 2 and "--timeout" in bad.err


def test_top_level_help_lists_environment_settings_and_exit_codes(project: Project) -> None:
    result = project.ratchet("--help")
    assert result.code == 0
    for text in ("RATCHET_DATABASE_URL", "DATABASE_URL", "RATCHET_MIGRATIONS", "NO_COLOR"):
        assert text in result.out
    from ratchet.config import setting_keys

    for key in setting_keys():
        assert key in result.out
    for code in range(6):
        assert f"\n    {code}  " in result.out


def _command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = []
    for name, command in group.commands.items():
        paths.append((*prefix, name))
        if isinstance(command, click.Group):
            paths += _command_paths(command, (*prefix, name))
    return paths


@pytest.mark.parametrize("path", _command_paths(main), ids=" ".join)
def test_every_command_help_shows_an_example(project: Project, path: tuple[str, ...]) -> None:
    result = run_cli([*path, "--help"], cwd=project.root)
    assert result.code == 0
    examples = result.out.split("Examples:\n", 1)
    assert len(examples) == 2, f"ratchet {' '.join(path)} --help has no Examples section"
    assert f"ratchet {' '.join(path)}" in examples[1]


# --- item 3: MySQL TLS parameters -----------------------------------------------------------


@pytest.mark.parametrize("query", ["ssl_verify_cert=false", "ssl_verify_identity=false"])
def test_any_mysql_ssl_parameter_requires_tls(project: Project, make_db: Callable[[str], Db], query: str) -> None:
    db = make_db("mysql")
    assert db.query("SHOW VARIABLES LIKE 'have_ssl'")[0][1] != "YES", "the test server must not offer TLS"
    project.write("1.0.0__items.sql", CREATE)
    result = project.ratchet("migrate", "--database", f"{db.url}?{query}")
    assert result.code == 5, result.output
    assert "SSL is required" in result.err and "Traceback" not in result.err
    assert db.tables() == []


# --- polish -----------------------------------------------------------------------------------


def test_new_refuses_two_bumps_and_strips_accents(project: Project) -> None:
    both = project.ratchet("new", "x", "--major", "--patch")
    assert both.code == 2 and "--major and --patch" in both.err
    assert list(project.migrations.iterdir()) == []
    made = project.ratchet("new", "ünïcode naïve")
    assert made.code == 0, made.output
    assert Path(made.out.strip()).name == "0.1.0__unicode_naive.sql"
    repeatable = project.ratchet("new", "--repeatable", "vüe naïve")
    assert repeatable.code == 0, repeatable.output
    assert Path(repeatable.out.strip()).name == "R__vue_naive.sql"


@pytest.mark.parametrize(
    ("name", "suggested"),
    [
        ("V1__init.sql", "1.0.0__init.sql"),
        ("v1.1.0__prefixed.sql", "1.1.0__prefixed.sql"),
        ("1.2__x.sql", "1.2.0__x.sql"),
    ],
)
def test_a_bad_name_suggests_the_right_one(project: Project, name: str, suggested: str) -> None:
    project.write(name, CREATE)
    result = project.ratchet("migrate")
    assert result.code == 3
    assert f"{name}: bad migration file name; rename it to {suggested} " in result.err, result.err


def test_utf8_error_gives_line_and_column(project: Project) -> None:
    project.write("1.0.0__bad.sql", b"CREATE TABLE a (id INTEGER);\n-- caf\xe9 \xff\n")
    result = project.ratchet("migrate")
    assert result.code == 3
    assert "1.0.0__bad.sql:2:7: not valid UTF-8: byte 0xe9 at byte offset 35" in result.err


def test_plan_says_one_statement(project: Project) -> None:
    project.write("1.0.0__items.sql", CREATE)
    result = project.ratchet("plan")
    assert "1 statement)" in result.out and "1 statements" not in result.out


def test_validate_counts_skipped_files_apart(project: Project) -> None:
    project.write("1.0.0__items.sql", CREATE)
    project.write("1.1.0__pg_only.sql", "-- guard: dialect postgresql\nCREATE INDEX items_id ON items (id);\n")
    assert project.ratchet("migrate").code == 0
    result = project.ratchet("validate")
    assert result.code == 0 and "valid: 1 applied, 1 skipped, 0 baseline, 0 pending" in result.out, result.output


def test_github_annotations_carry_end_column(project: Project) -> None:
    project.write("1.0.0__items.sql", CREATE)
    project.write("1.1.0__drop.sql", "DROP TABLE items;\n")
    result = run_cli(["lint", "--dialect", "sqlite", "--format", "github"], cwd=project.root)
    assert result.code == 1
    assert "line=1,col=1,endLine=1,endColumn=" in result.out


def test_the_in_process_cli_matches_the_real_one(project: Project) -> None:
    """The CliRunner helper the suite uses sees what a user's shell sees (output and exit code)."""
    project.write("1.0.0__items.sql", CREATE)
    project.write("1.1.0__drop.sql", "DROP TABLE items;\n")
    for args in (("lint", "--dialect", "sqlite"), ("migrate",), ("status",)):
        inside = project.ratchet(*args)
        real = project.ratchet_process(*args)
        assert (inside.code, inside.out, inside.err) == (real.code, real.out, real.err), args


def test_migrate_json_refused_by_the_lint_lists_the_findings(project: Project) -> None:
    project.write("1.0.0__items.sql", CREATE)
    assert project.ratchet("migrate").code == 0
    project.write("1.1.0__drop.sql", "DROP TABLE items;\n")
    result = project.ratchet("migrate", "--json")
    assert result.code == 1
    [finding] = json.loads(result.out)["findings"]
    assert (finding["rule"], finding["line"]) == ("drop-table", 1) and finding["file"].endswith("1.1.0__drop.sql")


def test_a_waived_finding_is_not_annotated_on_every_run_nor_red(project: Project) -> None:
    import os
    import pty

    project.write("1.0.0__items.sql", CREATE)
    project.write("1.1.0__drop.sql", '-- guard: allow drop-table reason="replaced by products"\nDROP TABLE items;\n')
    github = run_cli(["lint", "--dialect", "sqlite", "--format", "github"], cwd=project.root)
    assert github.code == 0 and "drop-table" not in github.out
    as_json = json.loads(run_cli(["lint", "--dialect", "sqlite", "--format", "json"], cwd=project.root).out)
    assert [(f["rule"], f["waived"]) for f in as_json["findings"]] == [("drop-table", True)]
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR" and not k.startswith("RATCHET_")}
    leader, follower = pty.openpty()
    subprocess.run(
        [RATCHET, "lint", "--dialect", "sqlite"], cwd=project.root, env=env, stdout=follower, timeout=60, check=False
    )
    os.close(follower)
    output = os.read(leader, 65536).decode()
    os.close(leader)
    assert "drop-table" in output and "\x1b[31m" not in output, output


@pytest.mark.parametrize(
    ("dialect", "statement"), [("postgresql", "ALTER COLUMN a TYPE SMALLINT"), ("mysql", "MODIFY a SMALLINT")]
)
def test_alter_column_type_says_what_to_do_instead(project: Project, dialect: str, statement: str) -> None:
    project.write("1.0.0__t.sql", "CREATE TABLE t (a INTEGER);\n")
    project.write("1.1.0__retype.sql", f"ALTER TABLE t {statement};\n")
    result = run_cli(["lint", "--dialect", dialect], cwd=project.root)
    assert result.code == 1
    [line] = [line for line in result.out.splitlines() if "alter-column-type" in line]
    assert "backfill it" in line  # the expand/contract advice (wording differs per dialect)
