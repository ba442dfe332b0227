"""The backend-independent contract, run once per backend (SQLite, PostgreSQL, MariaDB)
through the real CLI. Where MySQL cannot roll back DDL, the test checks the documented
alternative: a ``failed`` row that refuses further runs until ``ratchet repair``."""

from __future__ import annotations

import json

import pytest

import ratchet
from conftest import Db, Project
from ratchet.errors import SettingsError


def test_applies_in_numeric_semver_order(db_project: Project, db: Db) -> None:
    db_project.write("1.9.0__nine.sql", "CREATE TABLE log (v VARCHAR(20));\nINSERT INTO log VALUES ('1.9.0');")
    db_project.write("1.10.0__ten.sql", "INSERT INTO log VALUES ('1.10.0');")
    db_project.write("1.2.0__two.sql", "CREATE TABLE two (id INTEGER);")
    result = db_project.ratchet("migrate")
    assert result.code == 0, result.output
    assert "1.10.0" in result.out and "applied" in result.out
    assert db.db_version() == "1.10.0"
    assert sorted(db.query("SELECT v FROM log")) == [("1.10.0",), ("1.9.0",)]
    assert db.history() == {"1.2.0": ("applied", 1), "1.9.0": ("applied", 2), "1.10.0": ("applied", 1)}
    assert db.tables() == ["log", "schema_history", "system_settings", "two"]


def test_second_run_is_a_no_op(db_project: Project, db: Db) -> None:
    db_project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    assert db_project.ratchet("migrate").code == 0
    before = db.query("SELECT version, applied_at FROM schema_history")
    again = db_project.ratchet("migrate")
    assert again.code == 0, again.output
    assert "up to date at 1.0.0" in again.out
    assert db.query("SELECT version, applied_at FROM schema_history") == before


def test_failing_statement_is_reported_and_stops_the_run(db_project: Project, db: Db) -> None:
    db_project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    db_project.write(
        "1.1.0__b.sql", "CREATE TABLE b (id INTEGER);\n\nINSERT INTO b VALUES (1);\nINSERT INTO nowhere VALUES (1);"
    )
    db_project.write("1.2.0__c.sql", "CREATE TABLE c (id INTEGER);")
    result = db_project.ratchet("migrate")
    assert result.code == 5, result.output
    assert "1.1.0__b.sql:4" in result.err
    assert "statement 3" in result.err
    assert "INSERT INTO nowhere VALUES (1)" in result.err
    assert "nowhere" in result.err.split("SQL:")[0]
    assert "Traceback" not in result.err
    assert db.db_version() == "1.0.0"
    if db.dialect != "mysql":
        assert db.tables() == ["a", "schema_history", "system_settings"]
        assert "1.1.0" not in db.history()
        return
    # MySQL: CREATE TABLE b and the first INSERT committed; the row says how far it got.
    assert "could not roll back" in result.err
    assert "ratchet repair 1.1.0 --retry" in result.err
    assert db.tables() == ["a", "b", "schema_history", "system_settings"]
    assert db.history()["1.1.0"] == ("failed", 2)
    refused = db_project.ratchet("migrate")
    assert refused.code == 4, refused.output
    assert "ratchet repair 1.1.0" in refused.err
    db.execute("CREATE TABLE nowhere (id INTEGER)")
    repaired = db_project.ratchet("repair", "1.1.0", "--retry")
    assert repaired.code == 0, repaired.output
    assert db.query("SELECT id FROM b") == [(1,)]
    assert db_project.ratchet("migrate").code == 0
    assert db.db_version() == "1.2.0"


def test_to_stops_at_the_version(db_project: Project, db: Db) -> None:
    db_project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    db_project.write("1.1.0__b.sql", "CREATE TABLE b (id INTEGER);")
    assert db_project.ratchet("migrate", "--to", "1.0.0").code == 0
    assert db.db_version() == "1.0.0"
    assert db_project.ratchet("migrate", "--to", "one").code == 2


def test_dry_run_changes_nothing(db_project: Project, db: Db) -> None:
    db_project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    result = db_project.ratchet("migrate", "--dry-run")
    assert result.code == 0, result.output
    assert "CREATE TABLE a (id INTEGER);" in result.out
    assert db.tables() == []


def test_status_json_and_exit_code(db_project: Project, db: Db) -> None:
    db_project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    db_project.write("1.1.0__b.sql", "CREATE TABLE b (id INTEGER);")
    assert db_project.ratchet("migrate", "--to", "1.0.0").code == 0
    result = db_project.ratchet("status", "--json", "--exit-code")
    assert result.code == 1, result.output
    report = json.loads(result.out)
    assert report["dialect"] == db.dialect
    assert report["db_version"] == "1.0.0"
    assert report["pending"] == 1
    assert [(f["version"], f["state"]) for f in report["files"]] == [("1.0.0", "applied"), ("1.1.0", "pending")]
    assert db_project.ratchet("migrate").code == 0
    assert db_project.ratchet("status", "--exit-code").code == 0


def test_settings_round_trip(db_project: Project, db: Db) -> None:
    assert db_project.ratchet("settings", "set", "feature", "on").code == 0
    assert db_project.ratchet("settings", "set", "feature", "off").code == 0
    assert db_project.ratchet("settings", "set", "Feature", "ünïcode ✓").code == 0
    assert db_project.ratchet("settings", "get", "feature").out == "off\n"
    assert db_project.ratchet("settings", "get", "Feature").out == "ünïcode ✓\n"
    assert db_project.ratchet("settings", "get", "absent").code == 1
    listed = db_project.ratchet("settings", "list", "--json")
    assert json.loads(listed.out) == {"Feature": "ünïcode ✓", "feature": "off"}
    assert db_project.ratchet("settings", "set", "k" * 191, "max").code == 0
    too_long = db_project.ratchet("settings", "set", "k" * 192, "x")
    assert too_long.code == 2 and "191" in too_long.err
    read_only = db_project.ratchet("settings", "set", "db_version", "9.9.9")
    assert read_only.code == 2 and "baseline" in read_only.err
    with pytest.raises(SettingsError):
        ratchet.set_system_setting(db.url, "nul", "a\x00b")
    assert ratchet.get_system_setting(db.url, "feature") == "off"


def test_require_guard_refuses_and_changes_nothing(db_project: Project, db: Db) -> None:
    db_project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    db_project.write("1.1.0__b.sql", "-- guard: require SELECT COUNT(*) FROM a\nCREATE TABLE b (id INTEGER);")
    result = db_project.ratchet("migrate")
    assert result.code == 4, result.output
    assert "guard failed: SELECT COUNT(*) FROM a" in result.err
    assert "1.1.0__b.sql:1" in result.err
    assert db.db_version() == "1.0.0"
    assert "b" not in db.tables()
    db.execute("INSERT INTO a VALUES (1)")
    assert db_project.ratchet("migrate").code == 0
    assert db.db_version() == "1.1.0"


def test_skip_if_and_dialect_guards(db_project: Project, db: Db) -> None:
    other = "sqlite" if db.dialect != "sqlite" else "postgresql"
    db_project.write("1.0.0__skipped.sql", "-- guard: skip-if SELECT 1\nCREATE TABLE skipped (id INTEGER);")
    db_project.write("1.1.0__elsewhere.sql", f"-- guard: dialect {other}\nCREATE TABLE elsewhere (id INTEGER);")
    db_project.write("1.2.0__here.sql", f"-- guard: dialect {db.dialect}\nCREATE TABLE here (id INTEGER);")
    result = db_project.ratchet("migrate")
    assert result.code == 0, result.output
    assert db.history() == {"1.0.0": ("skipped", 0), "1.1.0": ("skipped", 0), "1.2.0": ("applied", 1)}
    assert db.tables() == ["here", "schema_history", "system_settings"]
    assert db.db_version() == "1.2.0"


def test_refusals_exit_4_and_bad_input_exit_2_or_3(db_project: Project, db: Db) -> None:
    applied = db_project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    db_project.write("1.1.0__b.sql", "CREATE TABLE b (id INTEGER);")
    assert db_project.ratchet("migrate").code == 0
    applied.write_text("CREATE TABLE a (id BIGINT);", encoding="utf-8")
    changed = db_project.ratchet("migrate")
    assert changed.code == 4 and "edited after it was applied" in changed.err
    applied.unlink()
    missing = db_project.ratchet("migrate")
    assert missing.code == 4 and "has no file" in missing.err
    db_project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    assert db_project.ratchet("migrate", "--database", "nosuch://x").code == 2
    db_project.write("1.1__bad.sql", "CREATE TABLE bad (id INTEGER);")
    assert db_project.ratchet("migrate").code == 3


def _half_failing_file(db_project: Project) -> None:
    db_project.write(
        "1.0.0__stepwise.sql",
        "-- guard: no-transaction\nCREATE TABLE a (id INTEGER);\nINSERT INTO b VALUES (1);\n"
        "CREATE TABLE c (id INTEGER);",
    )


def test_no_transaction_failure_then_repair_retry(db_project: Project, db: Db) -> None:
    _half_failing_file(db_project)
    failed = db_project.ratchet("migrate")
    assert failed.code == 5, failed.output
    assert "statement 2" in failed.err and "ratchet repair 1.0.0 --retry" in failed.err
    assert db.history() == {"1.0.0": ("failed", 1)}
    refused = db_project.ratchet("migrate")
    assert refused.code == 4 and "ratchet repair 1.0.0" in refused.err
    neither = db_project.ratchet("repair", "1.0.0")
    assert neither.code == 2 and "--mark-applied or --retry" in neither.err
    assert db_project.ratchet("repair", "1.0.0", "--retry", "--mark-applied").code == 2
    assert db_project.ratchet("repair", "9.9.9", "--retry").code == 4
    db.execute("CREATE TABLE b (id INTEGER)")
    retried = db_project.ratchet("repair", "1.0.0", "--retry")
    assert retried.code == 0, retried.output
    assert db.history() == {"1.0.0": ("applied", 3)}
    assert db.db_version() == "1.0.0"
    assert db.query("SELECT id FROM b") == [(1,)]
    assert db.tables() == ["a", "b", "c", "schema_history", "system_settings"]
    again = db_project.ratchet("repair", "1.0.0", "--retry")
    assert again.code == 4 and "status 'applied'" in again.err


def test_repair_mark_applied_and_checksum_refusal(db_project: Project, db: Db) -> None:
    _half_failing_file(db_project)
    assert db_project.ratchet("migrate").code == 5
    edited = db_project.write("1.0.0__stepwise.sql", "-- guard: no-transaction\nCREATE TABLE a (id INTEGER);")
    changed = db_project.ratchet("repair", "1.0.0", "--mark-applied")
    assert changed.code == 4 and "changed since it was run" in changed.err
    _half_failing_file(db_project)
    assert edited.exists()
    db.execute("CREATE TABLE c (id INTEGER)")  # the DBA finishes the file by hand
    marked = db_project.ratchet("repair", "1.0.0", "--mark-applied")
    assert marked.code == 0, marked.output
    assert db.history()["1.0.0"][0] == "applied"
    assert db.db_version() == "1.0.0"
    assert db_project.ratchet("migrate").code == 0


def test_api_with_an_open_connection(db_project: Project, db: Db) -> None:
    db_project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    connection = db.connect()
    if db.dialect == "postgresql":
        connection.autocommit = False
    elif db.dialect == "mysql":
        connection.autocommit(False)
    try:
        report = ratchet.migrate(connection, db_project.migrations)
        assert [r.outcome for r in report.applied] == ["applied"]
        assert ratchet.get_system_setting(connection, "db_version") == "1.0.0"
        # The application's connection is open and as it was: not switched to autocommit.
        if db.dialect == "postgresql":
            assert connection.autocommit is False
        elif db.dialect == "mysql":
            assert connection.get_autocommit() is False
        cursor = connection.cursor()
        cursor.execute("SELECT COUNT(*) FROM a")
        assert cursor.fetchall()[0][0] == 0
    finally:
        connection.close()
    assert db.db_version() == "1.0.0"


def test_baseline_validate_and_plan(db_project: Project, db: Db) -> None:
    db.execute("CREATE TABLE legacy (v VARCHAR(20))")
    db_project.write("1.0.0__legacy.sql", "CREATE TABLE legacy (v VARCHAR(20));")
    db_project.write("1.1.0__percent.sql", "INSERT INTO legacy VALUES ('100%');\nINSERT INTO legacy VALUES ('%s');")
    adopted = db_project.ratchet("baseline", "1.0.0")
    assert adopted.code == 0, adopted.output
    assert db.history() == {"1.0.0": ("baseline", 0)}
    assert db_project.ratchet("validate").code == 0
    planned = db_project.ratchet("plan")
    assert planned.code == 0 and "INSERT INTO legacy VALUES ('100%');" in planned.out
    assert db_project.ratchet("migrate").code == 0
    assert sorted(db.query("SELECT v FROM legacy")) == [("%s",), ("100%",)]
    assert db_project.ratchet("baseline", "1.1.0").code == 4


def test_drift_refusals_change_nothing(db_project: Project, db: Db) -> None:
    """On every backend, each refusal exits 4, names the facts, and leaves every row as it was."""
    first = db_project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    db_project.write("1.1.0__b.sql", "CREATE TABLE b (id INTEGER);")
    assert db_project.ratchet("migrate").code == 0

    def refused(*needles: str) -> None:
        before = db.snapshot()
        result = db_project.ratchet("migrate")
        assert result.code == 4, result.output
        for needle in needles:
            assert needle in result.err
        assert db.snapshot() == before
        assert db_project.ratchet("validate").code == 1

    late = db_project.write("1.0.5__late.sql", "CREATE TABLE late (id INTEGER);")
    refused("1.0.5__late.sql", "--out-of-order")
    late.unlink()
    original = first.read_text()
    first.write_text(original + "\n-- edited")
    refused("1.0.0__a.sql", "edited after it was applied")
    first.unlink()
    refused("1.0.0", "has no file")
    first.write_text(original)
    db.execute(
        "INSERT INTO schema_history (version, description, checksum, status, waivers, applied_at, duration_ms,"
        " applied_by, statements_done, lint_bypassed) VALUES ('1.2.0', 'c', 'x', 'failed', '[]', '', 0, 't', 0, 0)"
    )
    db_project.write("1.2.0__c.sql", "CREATE TABLE c (id INTEGER);")
    refused("ratchet repair 1.2.0 --retry")


def test_database_ahead_of_the_files(db_project: Project, db: Db) -> None:
    db_project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    newest = db_project.write("1.1.0__b.sql", "CREATE TABLE b (id INTEGER);")
    assert db_project.ratchet("migrate").code == 0
    newest.unlink()
    before = db.snapshot()
    result = db_project.ratchet("migrate")
    assert result.code == 0 and "ahead of the newest file" in result.out
    assert "ahead" in db_project.ratchet("status").out
    assert db.snapshot() == before


def test_a_setting_value_may_exceed_64_kb(db_project: Project, db: Db) -> None:
    big = "x" * 70_000
    result = db_project.ratchet("settings", "set", "big", big)
    assert result.code == 0, result.output[:500]
    assert db_project.ratchet("settings", "get", "big").out == big + "\n"


def test_the_migration_lock_is_reentrant(db: Db) -> None:
    from ratchet.backends import open_backend
    from ratchet.errors import LockTimeoutError

    holder, rival = open_backend(db.url), open_backend(db.url)
    try:
        holder.acquire_lock(1)
        holder.acquire_lock(1)
        holder.release_lock()  # the inner release keeps the lock
        with pytest.raises(LockTimeoutError):
            rival.acquire_lock(0)
        holder.release_lock()
        rival.acquire_lock(0)
        rival.release_lock()
    finally:
        holder.close()
        rival.close()
