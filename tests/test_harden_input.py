"""Symlinks, bytes that are not UTF-8, and configuration edge cases,
through the real CLI (in-process) on every backend, with the database left as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import ratchet
from conftest import Db, Project
from ratchet.errors import SettingsError
from test_harden_secrets import restore_known_secrets, run_cli  # noqa: F401 (autouse fixture)

BASE = "CREATE TABLE base (id INTEGER);"


def cli(project: Project, *args: str) -> tuple[int, str]:
    """``ratchet ARGS --database <the project's database>``, in-process."""
    return run_cli(*args, "--database", project.database, cwd=project.root)


def assert_clean_failure(code: int, output: str, expected_code: int, *says: str) -> None:
    """The exit code, no traceback, and each expected phrase."""
    assert code == expected_code, output
    assert "Traceback" not in output
    for phrase in says:
        assert phrase in output, output


# --- 6. symlinks --------------------------------------------------------------------------


def test_a_symlink_out_of_the_directory_is_refused_and_never_read(
    db_project: Project, db: Db, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RATCHET_HARDEN_CANARY", "canary-value-8d1f")
    db_project.write("1.0.0__base.sql", BASE)
    (db_project.migrations / "1.2.0__env.sql").symlink_to("/proc/self/environ")
    for command in (("lint",), ("lint", "migrations/1.2.0__env.sql"), ("migrate",), ("status",), ("validate",)):
        code, output = run_cli(*command, cwd=db_project.root) if command[0] == "lint" else cli(db_project, *command)
        assert_clean_failure(code, output, 3, "1.2.0__env.sql", "outside the migrations directory")
        assert "canary-value-8d1f" not in output
    assert db.tables() == []


def test_a_symlink_to_a_file_elsewhere_in_the_project_is_refused(project: Project, sqlite_path: Path) -> None:
    shared = project.root / "shared.sql"
    shared.write_text(BASE)
    (project.migrations / "1.0.0__shared.sql").symlink_to(shared)
    code, output = cli(project, "migrate")
    assert_clean_failure(code, output, 3, "1.0.0__shared.sql: symlink to", str(shared))
    assert not sqlite_path.exists()


def test_a_symlink_inside_the_directory_is_followed(project: Project, sqlite_path: Path) -> None:
    # our call: a link to a file inside the migrations directory cannot reach anything else
    project.write("1.0.0__base.sql", BASE)
    (project.migrations / "snippets").mkdir()
    (project.migrations / "snippets" / "index.sql").write_text("CREATE INDEX base_id ON base (id);")
    (project.migrations / "1.1.0__index.sql").symlink_to(Path("snippets") / "index.sql")
    code, output = cli(project, "migrate")
    assert code == 0, output
    assert "1.1.0" in output and "applied" in output


def test_a_symlinked_migrations_directory_is_fine(project: Project) -> None:
    real = project.root / "real_migrations"
    real.mkdir()
    (real / "1.0.0__base.sql").write_text(BASE)
    (project.root / "linked").symlink_to(real)
    code, output = cli(project, "migrate", "--migrations", "linked")
    assert code == 0, output


# --- 7. no tracebacks ------------------------------------------------------------------------

NOT_UTF8 = "\udcff"  # what Python makes of the byte 0xff in argv


def test_settings_with_a_byte_that_is_not_utf8(db_project: Project, db: Db) -> None:
    assert cli(db_project, "settings", "set", "theme", "dark")[0] == 0
    before = db.snapshot()
    for args in (("set", "k", NOT_UTF8), ("set", f"k{NOT_UTF8}", "v"), ("get", NOT_UTF8)):
        code, output = cli(db_project, "settings", *args)
        assert_clean_failure(code, output, 2, "not valid Unicode")
    assert db.snapshot() == before


def test_a_database_name_with_a_byte_that_is_not_utf8(project: Project, db: Db) -> None:
    project.write("1.0.0__base.sql", BASE)
    url = db.url + NOT_UTF8
    for command in (("migrate",), ("status",), ("settings", "list")):
        code, output = run_cli(*command, "--database", url, cwd=project.root)
        assert_clean_failure(code, output, 2, "is not valid UTF-8", "\\xff")
    assert db.tables() == []


@pytest.mark.parametrize("suffix", ["%00", "\x00"])
def test_a_database_url_with_a_nul_byte(project: Project, db: Db, suffix: str) -> None:
    code, output = run_cli("status", "--database", db.url + suffix, cwd=project.root)
    assert_clean_failure(code, output, 2, "contains a NUL byte")
    assert db.tables() == []


@pytest.mark.parametrize("option", [(), ("--repeatable",)], ids=["versioned", "repeatable"])
def test_new_with_a_byte_that_is_not_utf8_leaves_no_file(project: Project, option: tuple[str, ...]) -> None:
    project.write("1.0.0__base.sql", BASE)
    code, output = run_cli("new", *option, f"x{NOT_UTF8}", cwd=project.root)
    assert_clean_failure(code, output, 2, "not valid Unicode")
    assert sorted(p.name for p in project.migrations.iterdir()) == ["1.0.0__base.sql"]


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("k", "\ud800", "not valid Unicode"),
        ("\udfff", "v", "not valid Unicode"),
        ("k", "a\x00b", "NUL byte"),
        ("a\x00b", "v", "NUL byte"),
        ("k" * 192, "v", "the limit is 191"),
    ],
    ids=["surrogate-value", "surrogate-key", "nul-value", "nul-key", "long-key"],
)
def test_unstorable_settings_are_rejected_alike_on_every_backend(db: Db, key: str, value: str, says: str) -> None:
    ratchet.set_system_setting(db.url, "theme", "dark")
    before = db.snapshot()
    with pytest.raises(SettingsError, match=says):
        ratchet.set_system_setting(db.url, key, value)
    assert db.snapshot() == before


def test_the_longest_key_and_unicode_round_trip_on_every_backend(db: Db) -> None:
    key, value = "k" * 190 + "é", "naïve ☃ 𝄞 value"
    ratchet.set_system_setting(db.url, key, value)
    assert ratchet.get_system_setting(db.url, key) == value


@pytest.mark.parametrize(
    "timeout", ["inf", "nan", "-1", "-inf", '"-5s"', '"40000m"', "1e300", '"99999999999999999999m"']
)
def test_an_unusable_lock_timeout_is_a_usage_error(project: Project, db: Db, timeout: str) -> None:
    project.write("1.0.0__base.sql", BASE)
    (project.root / "pyproject.toml").write_text(f"[tool.ratchet]\nlock-timeout = {timeout}\n")
    for command in (("migrate",), ("settings", "set", "k", "v"), ("baseline", "1.0.0")):
        code, output = run_cli(*command, "--database", db.url, cwd=project.root)
        assert_clean_failure(code, output, 2, "lock-timeout must be a duration", "35791m")
    assert db.tables() == []


def test_a_lock_timeout_guard_postgresql_cannot_hold_is_refused_before_running(project: Project, db: Db) -> None:
    project.write("1.0.0__base.sql", "-- guard: lock-timeout 35792m\n" + BASE)
    code, output = run_cli("migrate", "--database", db.url, cwd=project.root)
    assert_clean_failure(code, output, 3, "1.0.0__base.sql:1", "lock-timeout", "at most 35791m")
    assert db.tables() == []


def test_the_longest_lock_timeout_guard_runs_on_every_backend(project: Project, db: Db) -> None:
    project.write("1.0.0__base.sql", "-- guard: lock-timeout 35791m\n" + BASE)
    (project.root / "pyproject.toml").write_text('[tool.ratchet]\nlock-timeout = "35791m"\n')
    code, output = run_cli("migrate", "--database", db.url, cwd=project.root)
    assert code == 0, output
    assert db.db_version() == "1.0.0"


# --- 11. configuration ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "says"),
    [
        ('settings-table = "x\\n"', "is not a plain identifier"),
        ('history-table = "history "', "is not a plain identifier"),
        ('history-table = "pg_class"', "reserves for its own catalog"),
        ('settings-table = "sqlite_master"', "reserves for its own catalog"),
        ('settings-table = "Pg_Settings"', "reserves for its own catalog"),
        ('settings-table = "same"\nhistory-table = "same"', "must be two tables"),
    ],
)
def test_bad_table_names_are_refused_before_the_database(project: Project, db: Db, setting: str, says: str) -> None:
    project.write("1.0.0__base.sql", BASE)
    (project.root / "pyproject.toml").write_text(f"[tool.ratchet]\n{setting}\n")
    for command in (("migrate",), ("status",), ("settings", "set", "k", "v")):
        code, output = run_cli(*command, "--database", db.url, cwd=project.root)
        assert_clean_failure(code, output, 2, says, "pyproject.toml")
    assert db.tables() == []


def test_an_existing_table_that_is_not_ratchets_is_refused(project: Project, db: Db) -> None:
    project.write("1.0.0__base.sql", BASE)
    db.execute("CREATE TABLE audit_log (id INTEGER, note TEXT)")
    (project.root / "pyproject.toml").write_text('[tool.ratchet]\nhistory-table = "audit_log"\n')
    before = db.snapshot()
    for command in (("migrate",), ("baseline", "1.0.0"), ("settings", "set", "k", "v")):
        code, output = run_cli(*command, "--database", db.url, cwd=project.root)
        assert_clean_failure(code, output, 4, "table audit_log exists but is not ratchet's", "history-table")
    snapshot = db.snapshot()
    assert snapshot["audit_log"] == before["audit_log"]
    assert "base" not in snapshot


def test_a_setting_too_large_for_mysql_names_the_limit(make_db: Callable[[str], Db]) -> None:
    db = make_db("mysql")
    limit = int(db.query("SELECT @@max_allowed_packet")[0][0])
    ratchet.set_system_setting(db.url, "theme", "dark")
    before = db.snapshot()
    with pytest.raises(SettingsError) as raised:
        ratchet.set_system_setting(db.url, "blob", "x" * (limit + 1024))
    message = str(raised.value)
    assert "max_allowed_packet" in message and str(limit - 4096) in message and "SET GLOBAL" in message
    assert len(message) < 1000
    assert db.snapshot() == before
    # a value well inside the limit, with characters the driver escapes, is stored whole
    value = 'it\'s \\ a "value"\n' * 1000
    ratchet.set_system_setting(db.url, "blob", value)
    assert ratchet.get_system_setting(db.url, "blob") == value
