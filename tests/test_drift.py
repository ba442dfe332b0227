"""Drift and recovery: every refusal through the real CLI, database unchanged."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from conftest import Project, dump_sqlite

A = "CREATE TABLE a (id INTEGER PRIMARY KEY);"
B = "CREATE TABLE b (id INTEGER PRIMARY KEY);"
C = "CREATE TABLE c (id INTEGER PRIMARY KEY);"


@pytest.fixture
def applied(project: Project, sqlite_path: Path) -> Project:
    """A project with 1.0.0 and 1.1.0 applied."""
    project.write("1.0.0__a.sql", A)
    project.write("1.1.0__b.sql", B)
    result = project.ratchet("migrate")
    assert result.code == 0, result.output
    return project


def refuses(project: Project, sqlite_path: Path, *args: str) -> str:
    """Run migrate, assert exit 4 and an unchanged database; return stderr."""
    before = dump_sqlite(sqlite_path)
    result = project.ratchet("migrate", *args)
    assert result.code == 4, result.output
    assert "Traceback" not in result.err
    assert dump_sqlite(sqlite_path) == before
    return result.err


def test_edited_applied_file_is_refused(applied: Project, sqlite_path: Path) -> None:
    old = applied.migrations / "1.0.0__a.sql"
    from ratchet.discover import checksum

    old_sum = checksum(old.read_text())
    old.write_text(A + "\nCREATE INDEX ia ON a (id);")
    new_sum = checksum(old.read_text())
    applied.write("1.2.0__c.sql", C)
    err = refuses(applied, sqlite_path)
    assert "1.0.0" in err and "1.0.0__a.sql" in err
    assert old_sum in err and new_sum in err
    assert "ratchet new" in err
    assert applied.ratchet("validate").code == 1


def test_crlf_or_bom_only_change_is_not_drift(project: Project) -> None:
    first = project.write("1.0.0__a.sql", f"-- a\n{A}\n")
    second = project.write("1.1.0__b.sql", f"-- b\n{B}\n")
    assert project.ratchet("migrate").code == 0
    first.write_bytes(first.read_bytes().replace(b"\n", b"\r\n"))
    second.write_bytes(b"\xef\xbb\xbf" + second.read_bytes())
    assert project.ratchet("validate").code == 0
    result = project.ratchet("migrate")
    assert result.code == 0, result.output
    assert "up to date" in result.out


def test_missing_applied_file_is_refused(applied: Project, sqlite_path: Path) -> None:
    (applied.migrations / "1.0.0__a.sql").unlink()
    err = refuses(applied, sqlite_path)
    assert "1.0.0" in err and "no file" in err and "1.0.0__a.sql" in err


def test_older_never_applied_file_is_refused_then_applied_out_of_order(applied: Project, sqlite_path: Path) -> None:
    applied.write("1.0.5__late.sql", C)
    err = refuses(applied, sqlite_path)
    assert "1.0.5__late.sql" in err and "--out-of-order" in err
    status = applied.ratchet("status")
    assert "out-of-order" in status.out
    assert "0 pending, 1 out-of-order (apply with --out-of-order)" in status.out
    result = applied.ratchet("migrate", "--out-of-order")
    assert result.code == 0, result.output
    with sqlite3.connect(sqlite_path) as connection:
        assert connection.execute("SELECT value FROM system_settings WHERE key='db_version'").fetchone() == ("1.1.0",)
        assert connection.execute("SELECT status FROM schema_history WHERE version='1.0.5'").fetchone() == ("applied",)


def failed_no_transaction_file(project: Project) -> None:
    project.write(
        "1.2.0__half.sql",
        "-- guard: no-transaction\nCREATE TABLE h1 (id INTEGER);\n"
        "INSERT INTO nowhere VALUES (1);\nCREATE TABLE h2 (id INTEGER);",
    )
    result = project.ratchet("migrate")
    assert result.code == 5, result.output
    assert "ratchet repair 1.2.0 --retry" in result.err


def test_failed_row_is_refused_with_the_repair_command(applied: Project, sqlite_path: Path) -> None:
    failed_no_transaction_file(applied)
    with sqlite3.connect(sqlite_path) as connection:
        row = connection.execute("SELECT status, statements_done FROM schema_history WHERE version='1.2.0'").fetchone()
    assert row == ("failed", 1)
    err = refuses(applied, sqlite_path)
    assert "ratchet repair 1.2.0 --retry" in err and "--mark-applied" in err
    status = applied.ratchet("status", "--json")
    states = {f["version"]: f["state"] for f in json.loads(status.out)["files"]}
    assert states["1.2.0"] == "failed"


def test_running_row_is_refused(applied: Project, sqlite_path: Path) -> None:
    applied.write("1.2.0__c.sql", C)
    with sqlite3.connect(sqlite_path) as connection:
        connection.execute(
            "INSERT INTO schema_history (version, description, checksum, status, applied_at, applied_by)"
            " VALUES ('1.2.0', 'c', 'x', 'running', '', 'someone')"
        )
    err = refuses(applied, sqlite_path)
    assert "1.2.0" in err and "interrupted" in err and "ratchet repair 1.2.0" in err


def test_database_ahead_of_files_changes_nothing(applied: Project, sqlite_path: Path) -> None:
    applied.write("1.2.0__c.sql", C)
    assert applied.ratchet("migrate").code == 0
    (applied.migrations / "1.2.0__c.sql").unlink()  # an older image without the newest file
    before = dump_sqlite(sqlite_path)
    result = applied.ratchet("migrate")
    assert result.code == 0, result.output
    assert "ahead of the newest file" in result.out
    status = applied.ratchet("status")
    assert status.code == 0 and "ahead" in status.out
    assert applied.ratchet("validate").code == 0
    assert dump_sqlite(sqlite_path) == before


def test_validate_reports_every_drift_as_json(applied: Project, sqlite_path: Path) -> None:
    (applied.migrations / "1.1.0__b.sql").write_text(B + " -- edited")
    applied.write("1.0.5__late.sql", C)
    before = dump_sqlite(sqlite_path)
    result = applied.ratchet("validate", "--json")
    assert result.code == 1
    report = json.loads(result.out)
    assert report["ok"] is False
    assert sorted(d["kind"] for d in report["drift"]) == ["changed", "out-of-order"]
    assert dump_sqlite(sqlite_path) == before


def test_validate_is_clean_with_pending_files(applied: Project) -> None:
    applied.write("1.2.0__c.sql", C)
    result = applied.ratchet("validate")
    assert result.code == 0
    assert "1 pending" in result.out


def test_plan_prints_the_sql_migrate_would_run(applied: Project, sqlite_path: Path) -> None:
    applied.write("1.2.0__c.sql", "-- guard: require SELECT 1\n" + C + "\nINSERT INTO c VALUES (1);")
    applied.write("1.3.0__pg.sql", "-- guard: dialect postgresql\nCREATE TABLE p (id INTEGER);")
    before = dump_sqlite(sqlite_path)
    plan = applied.ratchet("plan")
    assert plan.code == 0, plan.output
    assert "CREATE TABLE c (id INTEGER PRIMARY KEY);\nINSERT INTO c VALUES (1);" in plan.out
    assert "requires: SELECT 1" in plan.out
    assert "1.3.0 pg: will be recorded as skipped" in plan.out
    dry = applied.ratchet("migrate", "--dry-run")
    assert plan.out.split("-- 2 file(s)")[0] in dry.out
    assert dump_sqlite(sqlite_path) == before


def test_plan_shows_lint_errors_and_takes_no_lint(applied: Project) -> None:
    applied.write("1.2.0__drop.sql", "DROP TABLE a;")
    refused = applied.ratchet("plan")
    assert refused.code == 1 and "drop-table" in refused.err and "--no-lint" in refused.err
    planned = applied.ratchet("plan", "--no-lint")
    assert planned.code == 0, planned.output
    assert "DROP TABLE a;" in planned.out
    assert "a run would apply despite 1 lint error(s)" in planned.err and "recorded in history" not in planned.err


def test_plan_refuses_on_drift(applied: Project) -> None:
    (applied.migrations / "1.0.0__a.sql").unlink()
    assert applied.ratchet("plan").code == 4


def test_new_picks_the_next_version_and_refuses_to_overwrite(project: Project) -> None:
    first = project.ratchet("new", "Create users!")
    assert first.code == 0, first.output
    assert first.out.strip().endswith("0.1.0__create_users.sql")
    project.write("1.4.2__x.sql", A)
    assert project.ratchet("new", "minor one").out.strip().endswith("1.5.0__minor_one.sql")
    assert project.ratchet("new", "p", "--patch").out.strip().endswith("1.5.1__p.sql")
    assert project.ratchet("new", "big", "--major").out.strip().endswith("2.0.0__big.sql")
    text = (project.migrations / "2.0.0__big.sql").read_text()
    assert text.startswith("-- 2.0.0: big") and "-- guard: no-transaction" in text
    (project.migrations / "2.0.0__big.sql").unlink()
    (project.migrations / "2.0.0__big.sql").write_text("keep me")
    # the highest is now 2.0.0, so --major proposes 3.0.0; force a clash by patching 1.5.1 -> 1.5.2 twice
    assert project.ratchet("new", "q", "--patch").out.strip().endswith("2.0.1__q.sql")
    clash = project.migrations / "2.0.2__q.sql"
    clash.write_text("x")
    # `new` only ever proposes the next free version; an existing target name is refused
    assert project.ratchet("new", "???").code == 2


def test_new_template_guards_are_inert(project: Project) -> None:
    project.ratchet("new", "first")
    path = next(project.migrations.glob("*.sql"))
    path.write_text(path.read_text() + A + "\n")
    result = project.ratchet("migrate")
    assert result.code == 0, result.output


def test_baseline_refuses_a_database_with_history(applied: Project, sqlite_path: Path) -> None:
    before = dump_sqlite(sqlite_path)
    result = applied.ratchet("baseline", "1.1.0")
    assert result.code == 4
    assert "already has migration history" in result.err
    assert dump_sqlite(sqlite_path) == before


@pytest.mark.skipif(
    shutil.which("sqlite3") is None, reason="needs the sqlite3 command-line shell (.ci/run installs it)"
)
def test_baseline_then_migrate_equals_migrating_from_scratch(project: Project, tmp_path: Path) -> None:
    project.write("1.0.0__a.sql", "-- header\n" + A)
    project.write("1.1.0__b.sql", B + "\nCREATE INDEX ib ON b (id);")
    legacy = project.root / "legacy.db"
    for path in sorted(project.migrations.glob("*.sql")):
        subprocess.run(["sqlite3", str(legacy)], input=path.read_text(), text=True, check=True)
    project.write("1.2.0__c.sql", C)
    url = f"sqlite:///{legacy}"
    result = project.ratchet("baseline", "1.1.0", "--database", url)
    assert result.code == 0, result.output
    assert "2 file(s) recorded as baseline" in result.out
    status = project.ratchet("status", "--json", "--database", url)
    assert [f["state"] for f in json.loads(status.out)["files"]] == ["baseline", "baseline", "pending"]
    assert project.ratchet("migrate", "--database", url).code == 0
    scratch = project.root / "scratch.db"
    assert project.ratchet("migrate", "--database", f"sqlite:///{scratch}").code == 0

    def schema(path: Path) -> list[tuple[str, str]]:
        with sqlite3.connect(path) as connection:
            return connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE name NOT IN ('schema_history', 'system_settings') "
                "AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name"
            ).fetchall()

    assert schema(legacy) == schema(scratch)
    assert project.ratchet("validate", "--database", url).code == 0


def test_baseline_rejects_a_bad_version(project: Project, sqlite_path: Path) -> None:
    result = project.ratchet("baseline", "v1")
    assert result.code == 2
    assert not sqlite_path.exists()


def test_legacy_database_without_history_points_to_baseline(project: Project, sqlite_path: Path) -> None:
    project.write("1.0.0__a.sql", A)
    with sqlite3.connect(sqlite_path) as connection:
        connection.execute("CREATE TABLE system_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        connection.execute("INSERT INTO system_settings VALUES ('db_version', '1.0.0')")
    err = refuses(project, sqlite_path)
    assert "ratchet baseline 1.0.0" in err


def test_status_shows_every_state(applied: Project, sqlite_path: Path) -> None:
    applied.write("1.2.0__pg.sql", "-- guard: dialect postgresql\nCREATE TABLE p (id INTEGER);")
    assert applied.ratchet("migrate").code == 0
    (applied.migrations / "1.1.0__b.sql").write_text(B + " -- edited")
    (applied.migrations / "1.0.0__a.sql").unlink()
    applied.write("1.3.0__d.sql", C)
    result = applied.ratchet("status", "--json")
    assert result.code == 0
    report = json.loads(result.out)
    states = {f["version"]: f["state"] for f in report["files"]}
    assert states == {"1.0.0": "missing", "1.1.0": "changed", "1.2.0": "skipped", "1.3.0": "pending"}
    by_version = {f["version"]: f for f in report["files"]}
    assert by_version["1.1.0"]["applied_at"] and by_version["1.1.0"]["duration_ms"] is not None
    table = applied.ratchet("status", "--exit-code")
    assert table.code == 1
    for state in ("missing", "changed", "skipped", "pending"):
        assert state in table.out
