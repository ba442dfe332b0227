"""Every bad-input case of file names and guard headers: the error, its exit code, and a database
file that is byte-for-byte unchanged (through the real CLI)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest import Project

BASE = "CREATE TABLE base (id INTEGER PRIMARY KEY);"


@pytest.fixture
def existing(project: Project, sqlite_path: Path) -> Project:
    project.write("1.0.0__base.sql", BASE)
    assert project.ratchet("migrate").code == 0
    return project


def unchanged(project: Project, sqlite_path: Path, code: int, *args: str) -> str:
    """Run migrate; assert ``code``, no traceback, and identical database bytes; return stderr."""
    before = sqlite_path.read_bytes()
    result = project.ratchet("migrate", *args)
    assert result.code == code, result.output
    assert "Traceback" not in result.output
    assert sqlite_path.read_bytes() == before
    return result.err


def test_every_bad_name_is_reported_together(existing: Project, sqlite_path: Path) -> None:
    bad = [
        "1.1__short.sql",
        "v1.1.0__prefixed.sql",
        "1.1.0_one_underscore.sql",
        "01.1.0__leading_zero.sql",
        "1.1.0__bad-dash.sql",
        "1.1.0__.sql",
    ]
    for name in bad:
        existing.write(name, "CREATE TABLE x (id INTEGER);")
    err = unchanged(existing, sqlite_path, 3)
    for name in bad:
        assert name in err
    assert f"{len(bad)} problems" in err
    assert "MAJOR.MINOR.PATCH__description.sql" in err


def test_duplicate_version_names_both_files(existing: Project, sqlite_path: Path) -> None:
    existing.write("1.1.0__one.sql", "CREATE TABLE one (id INTEGER);")
    existing.write("1.1.0__two.sql", "CREATE TABLE two (id INTEGER);")
    err = unchanged(existing, sqlite_path, 3)
    assert "duplicate version 1.1.0" in err
    assert "1.1.0__one.sql" in err and "1.1.0__two.sql" in err


def test_upper_case_extension_is_an_error(existing: Project, sqlite_path: Path) -> None:
    existing.write("1.1.0__upper.SQL", "CREATE TABLE upper (id INTEGER);")
    err = unchanged(existing, sqlite_path, 3)
    assert "1.1.0__upper.SQL" in err and "upper-case" in err


def test_dotfiles_backups_and_other_files_are_ignored(existing: Project, sqlite_path: Path) -> None:
    for name in (".hidden.sql", "1.1.0__x.sql~", ".1.1.0__x.sql.swp", "1.1.0__x.sql.swp", "README.md", "notes.txt"):
        existing.write(name, "garbage")
    result = existing.ratchet("migrate")
    assert result.code == 0, result.output
    assert "up to date" in result.out


def test_invalid_utf8_names_the_byte_offset(existing: Project, sqlite_path: Path) -> None:
    existing.write("1.1.0__latin1.sql", b"-- caf\xe9\nCREATE TABLE t (id INTEGER);")
    err = unchanged(existing, sqlite_path, 3)
    assert "1.1.0__latin1.sql" in err
    assert "byte offset 6" in err and "0xe9" in err
    assert "UTF-8" in err


def test_bom_and_crlf_are_normalised(existing: Project, sqlite_path: Path) -> None:
    existing.write("1.1.0__windows.sql", b"\xef\xbb\xbfCREATE TABLE w (id INTEGER);\r\nINSERT INTO w VALUES (1);\r\n")
    result = existing.ratchet("migrate")
    assert result.code == 0, result.output
    with sqlite3.connect(sqlite_path) as connection:
        assert connection.execute("SELECT id FROM w").fetchall() == [(1,)]


def test_problems_in_several_files_are_reported_together(existing: Project, sqlite_path: Path) -> None:
    existing.write("1.1.0__bad_utf8.sql", b"\xff")
    existing.write("1.2.0__name.SQL", b"SELECT 1;")
    existing.write("1.3.0__guard.sql", "-- guard: requir SELECT 1\nSELECT 1;")
    err = unchanged(existing, sqlite_path, 3)
    assert "1.1.0__bad_utf8.sql" in err and "1.2.0__name.SQL" in err and "1.3.0__guard.sql" in err


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("-- guard: requir SELECT 1", "unknown guard 'requir'; did you mean 'require'?"),
        ("-- guard: no-transactoin", "did you mean 'no-transaction'?"),
        ("-- guard: skipif SELECT 1", "did you mean 'skip-if'?"),
        ("-- guard: dialekt sqlite", "did you mean 'dialect'?"),
        ("-- guard: lock-timeout soon", "not a duration"),
        ("-- guard: lock-timeout 0s", "give a positive duration"),
        ("-- guard: dialect oracle", "unknown oracle"),
        ("-- guard: require", "require needs a query"),
        ("-- guard: skip-if", "skip-if needs a query"),
        ("-- guard: allow drop-table", "waiver needs a reason"),
        ('-- guard: allow drop-table reason=""', "waiver needs a reason"),
        ('-- guard: allow drop-table reason="unterminated', "unterminated reason"),
        ("-- guard: allow", "allow needs a rule"),
        ("-- guard: no-transaction please", "takes no argument"),
    ],
)
def test_bad_guard_headers(existing: Project, sqlite_path: Path, header: str, expected: str) -> None:
    existing.write("1.1.0__guarded.sql", f"-- a file\n{header}\n\nCREATE TABLE g (id INTEGER);")
    err = unchanged(existing, sqlite_path, 3)
    assert "1.1.0__guarded.sql:2:1" in err
    assert expected in err


def test_misplaced_guard_is_an_error_with_its_line(existing: Project, sqlite_path: Path) -> None:
    existing.write("1.1.0__late_guard.sql", "CREATE TABLE g (id INTEGER);\n-- guard: no-transaction\n")
    err = unchanged(existing, sqlite_path, 3)
    assert "1.1.0__late_guard.sql:2:1" in err and "guard-misplaced" in err


def test_require_guard_failure_changes_nothing(existing: Project, sqlite_path: Path) -> None:
    existing.write(
        "1.1.0__needs.sql",
        "-- guard: require SELECT COUNT(*) FROM base\nCREATE TABLE needs (id INTEGER);",
    )
    err = unchanged(existing, sqlite_path, 4)
    assert "1.1.0__needs.sql:1: guard failed: SELECT COUNT(*) FROM base" in err


def test_require_guard_passes_when_true(existing: Project, sqlite_path: Path) -> None:
    existing.write("1.1.0__needs.sql", "-- guard: require SELECT 1 FROM sqlite_master WHERE name = 'base'\nSELECT 1;")
    assert existing.ratchet("migrate").code == 0


@pytest.mark.parametrize(
    "header",
    ["-- guard: skip-if SELECT 1", "-- guard: dialect postgresql mysql"],
)
def test_skip_if_and_dialect_record_skipped(existing: Project, sqlite_path: Path, header: str) -> None:
    existing.write("1.1.0__maybe.sql", f"{header}\nCREATE TABLE maybe (id INTEGER);")
    result = existing.ratchet("migrate")
    assert result.code == 0, result.output
    assert "skipped" in result.out
    with sqlite3.connect(sqlite_path) as connection:
        assert connection.execute("SELECT status FROM schema_history WHERE version='1.1.0'").fetchone() == ("skipped",)
        assert connection.execute("SELECT count(*) FROM sqlite_master WHERE name='maybe'").fetchone() == (0,)
        assert connection.execute("SELECT value FROM system_settings WHERE key='db_version'").fetchone() == ("1.1.0",)


def test_skip_if_false_runs_the_file(existing: Project, sqlite_path: Path) -> None:
    existing.write("1.1.0__maybe.sql", "-- guard: skip-if SELECT 0\nCREATE TABLE maybe (id INTEGER);")
    assert existing.ratchet("migrate").code == 0
    with sqlite3.connect(sqlite_path) as connection:
        assert connection.execute("SELECT status FROM schema_history WHERE version='1.1.0'").fetchone() == ("applied",)


def test_no_transaction_file_runs_statement_by_statement(existing: Project, sqlite_path: Path) -> None:
    existing.write(
        "1.1.0__vacuum.sql",
        "-- guard: no-transaction\nCREATE TABLE v (id INTEGER);\nVACUUM;\nINSERT INTO v VALUES (1);",
    )
    result = existing.ratchet("migrate")
    assert result.code == 0, result.output
    with sqlite3.connect(sqlite_path) as connection:
        row = connection.execute("SELECT status, statements_done FROM schema_history WHERE version='1.1.0'").fetchone()
    assert row == ("applied", 3)


def test_vacuum_in_a_transactional_file_fails_cleanly(existing: Project, sqlite_path: Path) -> None:
    existing.write("1.1.0__vacuum.sql", "CREATE TABLE v (id INTEGER);\nVACUUM;")
    err = unchanged(existing, sqlite_path, 1)  # the lint refuses first: needs-no-transaction
    assert "1.1.0__vacuum.sql:2:1" in err and "needs-no-transaction" in err
    err = unchanged(existing, sqlite_path, 5, "--no-lint")  # past the lint, the database refuses it
    assert "1.1.0__vacuum.sql:2" in err and "VACUUM" in err


@pytest.mark.parametrize(
    ("statement", "word"),
    [
        ("BEGIN;", "BEGIN"),
        ("BEGIN TRANSACTION;", "BEGIN"),
        ("COMMIT;", "COMMIT"),
        ("ROLLBACK;", "ROLLBACK"),
        ("SAVEPOINT s1;", "SAVEPOINT"),
        ("START TRANSACTION;", "START"),
        ("END;", "END"),
    ],
)
def test_transaction_control_is_refused_with_its_line(
    existing: Project, sqlite_path: Path, statement: str, word: str
) -> None:
    existing.write("1.1.0__tx.sql", f"CREATE TABLE t (id INTEGER);\n\n{statement}\n")
    err = unchanged(existing, sqlite_path, 3)
    assert "1.1.0__tx.sql:3:1" in err and word in err and "transaction-control" in err


def test_delimiter_is_refused_with_its_line(existing: Project, sqlite_path: Path) -> None:
    existing.write(
        "1.1.0__proc.sql",
        "-- a routine\nDELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\nDELIMITER ;\n",
    )
    err = unchanged(existing, sqlite_path, 3)
    assert "1.1.0__proc.sql:2:1" in err and "DELIMITER" in err


def test_trigger_bodies_and_tricky_strings_split_correctly(existing: Project, sqlite_path: Path) -> None:
    existing.write(
        "1.1.0__trigger.sql",
        "CREATE TABLE audit (note TEXT);\n"
        "CREATE TRIGGER base_audit AFTER INSERT ON base BEGIN\n"
        "  INSERT INTO audit VALUES ('inserted; DROP TABLE base');\n"
        "  INSERT INTO audit VALUES ('-- not a comment');\n"
        "END;\n"
        'INSERT INTO "base" (id) VALUES (1); -- a comment; DROP TABLE base\n',
    )
    result = existing.ratchet("migrate")
    assert result.code == 0, result.output
    with sqlite3.connect(sqlite_path) as connection:
        notes = connection.execute("SELECT note FROM audit").fetchall()
    assert notes == [("inserted; DROP TABLE base",), ("-- not a comment",)]


def test_missing_migrations_directory_is_a_usage_error(project: Project, sqlite_path: Path) -> None:
    result = project.ratchet("migrate", "--migrations", "nope")
    assert result.code == 2
    assert "nope does not exist" in result.err
    assert not sqlite_path.exists()


def test_bad_database_url_is_a_usage_error_with_the_password_masked(project: Project) -> None:
    result = project.ratchet("migrate", "--database", "oracle://scott:tiger@db/x")
    assert result.code == 2
    assert "tiger" not in result.output and "scott" not in result.output
    assert "oracle" in result.err and "sqlite:///" in result.err


def test_unknown_pyproject_setting_is_a_usage_error(project: Project) -> None:
    (project.root / "pyproject.toml").write_text('[tool.ratchet]\ndatabse = "sqlite:///x.db"\n')
    result = project.ratchet("status")
    assert result.code == 2
    assert "unknown setting 'databse'" in result.err and "did you mean 'database'" in result.err


def test_configuration_precedence(project: Project) -> None:
    project.write("1.0.0__a.sql", BASE)
    (project.root / "pyproject.toml").write_text('[tool.ratchet]\ndatabase = "sqlite:///from_pyproject.db"\n')
    from conftest import run_cli

    def run(env: dict[str, str], *args: str) -> None:
        result = run_cli(["migrate", *args], cwd=project.root, env=env)
        assert result.code == 0, result.output

    run({})
    assert (project.root / "from_pyproject.db").exists()
    run({"RATCHET_DATABASE_URL": "sqlite:///from_env.db"})
    assert (project.root / "from_env.db").exists()
    run({"RATCHET_DATABASE_URL": "sqlite:///from_env.db"}, "--database", "sqlite:///from_option.db")
    assert (project.root / "from_option.db").exists()
    (project.root / "pyproject.toml").write_text('[tool.ratchet]\nmigrations = "elsewhere"\n')
    (project.root / "migrations").rename(project.root / "elsewhere")
    run({})
    assert (project.root / "app.db").exists()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("-- guard require SELECT 0", "guard without its colon; write '-- guard: require SELECT 0'"),
        ("-- GUARD no-transaction", "write '-- guard: no-transaction'"),
        ("-- guard:\trequire\tSELECT 0", "guard failed: SELECT 0"),
    ],
)
def test_guard_typos_are_never_silently_ignored(
    existing: Project, sqlite_path: Path, header: str, expected: str
) -> None:
    existing.write("1.1.0__typo.sql", f"{header}\nCREATE TABLE typo (id INTEGER);")
    err = unchanged(existing, sqlite_path, 4 if "failed" in expected else 3)
    assert expected in err


def test_prose_about_guarding_is_just_a_comment(existing: Project, sqlite_path: Path) -> None:
    existing.write("1.1.0__prose.sql", "-- guard against NULLs with a default\nCREATE TABLE prose (id INTEGER);")
    assert existing.ratchet("migrate").code == 0


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://app:p@ss/word@127.0.0.1:1/db",
        "postgresql:/app:s3cret@db/app",
        "postgresql://app:s3cret@[::1/db",
        "mysql://app:s3cret@127.0.0.1:notaport/db",
        "postgresql://app@127.0.0.1:1/db?password=s3cret&sslmode=disable",
        "oracle://app@db/x?sslpassword=s3cret",
    ],
)
def test_passwords_never_appear_in_errors(project: Project, url: str) -> None:
    result = project.ratchet("status", "--database", url)
    assert result.code in (2, 5), result.output
    assert "Traceback" not in result.output
    for secret in ("p@ss/word", "ss/word", "s3cret"):
        assert secret not in result.output


def test_migrations_path_that_is_a_file(project: Project, sqlite_path: Path) -> None:
    (project.root / "notadir").write_text("x")
    for command in (("migrate",), ("new", "x")):
        result = project.ratchet(*command, "--migrations", "notadir")
        assert result.code == 2, result.output
        assert "Traceback" not in result.output
        assert "notadir" in result.err
    assert "is not a directory" in project.ratchet("migrate", "--migrations", "notadir").err
    assert not sqlite_path.exists()


def test_database_url_pointing_at_another_kind_of_file(project: Project) -> None:
    project.write("1.0.0__a.sql", BASE)
    (project.root / "notes.sql").write_text("hello, this is not SQLite" * 100)
    result = project.ratchet("status", "--database", "sqlite:///notes.sql")
    assert result.code == 5, result.output
    assert "sqlite:///notes.sql is not a SQLite database" in result.err


def test_a_foreign_settings_table_is_named(project: Project, sqlite_path: Path) -> None:
    project.write("1.0.0__a.sql", BASE)
    with sqlite3.connect(sqlite_path) as connection:
        connection.execute("CREATE TABLE system_settings (name TEXT, setting TEXT)")
    before = sqlite_path.read_bytes()
    result = project.ratchet("migrate")
    assert result.code == 4, result.output
    assert "table system_settings exists but is not ratchet's" in result.err and "settings-table" in result.err
    assert sqlite_path.read_bytes() == before


@pytest.mark.parametrize(
    ("column", "value"), [("version", "abc"), ("waivers", "{not json")], ids=["version", "waivers"]
)
def test_a_corrupt_history_row_is_refused_not_a_traceback(
    existing: Project, sqlite_path: Path, column: str, value: str
) -> None:
    with sqlite3.connect(sqlite_path) as connection:
        connection.execute(f"UPDATE schema_history SET {column} = ?", (value,))
    err = unchanged(existing, sqlite_path, 4)
    assert "schema_history has a row ratchet cannot read" in err
