"""Recovery as a newcomer meets it: `repair --forget`,
`repair --accept-checksum --reason`, checksum normalisation (and the old checksums of existing
databases), `status --exit-code` on a blocking row, and `--single-transaction` saying what it did."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable

import pytest

from conftest import Db, Project

CREATE = "CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(40));\n"


def _checksum_changes(db: Db, version: str) -> list[dict[str, str]]:
    rows = db.query(f"SELECT checksum, checksum_changes FROM schema_history WHERE version = '{version}'")
    return json.loads(rows[0][1]) if rows and rows[0][1] else []


# --- item 5: a failed MySQL file, the typo fixed ------------------------------------------


def test_mysql_failed_at_statement_two_recovers_with_accept_checksum_and_retry(
    project: Project, make_db: Callable[[str], Db]
) -> None:
    db = make_db("mysql")
    project.database = db.url
    project.write("1.0.0__items.sql", CREATE)
    path = project.write(
        "1.1.0__tags.sql",
        "CREATE TABLE tags (id INTEGER PRIMARY KEY);\nINSERT INTO tagz (id) VALUES (1);\n",
    )
    failed = project.ratchet("migrate")
    assert failed.code == 5, failed.output
    assert db.history()["1.1.0"] == ("failed", 1)

    path.write_text("CREATE TABLE tags (id INTEGER PRIMARY KEY);\nINSERT INTO tags (id) VALUES (1);\n")
    refused = project.ratchet("repair", "1.1.0", "--retry")
    assert refused.code == 4 and "--accept-checksum" in refused.err, refused.output
    forget = project.ratchet("repair", "1.1.0", "--forget")
    assert forget.code == 4 and "committed 1 statement(s)" in forget.err, forget.output

    no_reason = project.ratchet("repair", "1.1.0", "--accept-checksum")
    assert no_reason.code == 2 and "--reason" in no_reason.err
    accepted = project.ratchet("repair", "1.1.0", "--accept-checksum", "--reason", "typo in statement 2")
    assert accepted.code == 0, accepted.output
    [change] = _checksum_changes(db, "1.1.0")
    assert change["reason"] == "typo in statement 2" and len(change["old_checksum"]) == 64
    retried = project.ratchet("repair", "1.1.0", "--retry")
    assert retried.code == 0, retried.output
    assert db.history()["1.1.0"] == ("applied", 2)
    assert db.query("SELECT id FROM tags") == [(1,)]
    assert project.ratchet("migrate").code == 0 and db.db_version() == "1.1.0"


def test_mysql_failed_first_statement_is_forgotten_and_runs_again(
    project: Project, make_db: Callable[[str], Db]
) -> None:
    db = make_db("mysql")
    project.database = db.url
    path = project.write("1.0.0__items.sql", "CREATE TABLE items (id INTEGER REFERENCES nowhere (id));\n")
    assert project.ratchet("migrate").code == 5
    assert db.history()["1.0.0"] == ("failed", 0)
    blocked = project.ratchet("status", "--exit-code")
    assert blocked.code == 1 and "repair 1.0.0 --forget" in blocked.out, blocked.output

    path.write_text(CREATE)
    forgotten = project.ratchet("repair", "1.0.0", "--forget")
    assert forgotten.code == 0 and "runs the file again" in forgotten.out, forgotten.output
    assert db.history() == {}
    assert project.ratchet("migrate").code == 0
    assert db.history()["1.0.0"] == ("applied", 1) and "items" in db.tables()


def test_forget_refuses_an_applied_row(db_project: Project, db: Db) -> None:
    db_project.write("1.0.0__items.sql", CREATE)
    assert db_project.ratchet("migrate").code == 0
    result = db_project.ratchet("repair", "1.0.0", "--forget")
    assert result.code == 4 and "only deletes a 'failed' row" in result.err
    assert db.history()["1.0.0"][0] == "applied"


# --- item 5: accept a harmless edit of an applied file ------------------------------------


def test_accept_checksum_records_a_harmless_edit_and_keeps_the_old_checksum(db_project: Project, db: Db) -> None:
    path = db_project.write("1.0.0__items.sql", CREATE)
    assert db_project.ratchet("migrate").code == 0
    [(original, _)] = db.query("SELECT checksum, status FROM schema_history")
    path.write_text("-- items: the catalogue\n" + CREATE)
    refused = db_project.ratchet("migrate")
    assert refused.code == 4 and "repair 1.0.0 --accept-checksum" in refused.err, refused.output

    result = db_project.ratchet("repair", "1.0.0", "--accept-checksum", "--reason", "added a comment")
    assert result.code == 0, result.output
    [(now, status)] = db.query("SELECT checksum, status FROM schema_history")
    assert status == "applied" and now != original
    assert [(c["old_checksum"], c["reason"]) for c in _checksum_changes(db, "1.0.0")] == [(original, "added a comment")]
    assert db_project.ratchet("validate").code == 0
    again = db_project.ratchet("repair", "1.0.0", "--accept-checksum", "--reason", "again")
    assert again.code == 4 and "no edit to accept" in again.err


def test_accept_checksum_adds_its_column_to_an_existing_history_table(project: Project) -> None:
    path = project.write("1.0.0__items.sql", CREATE)
    assert project.ratchet("migrate").code == 0
    connection = sqlite3.connect(project.root / "app.db")
    columns = [row[1] for row in connection.execute("PRAGMA table_info(schema_history)")]
    connection.close()
    assert "checksum_changes" not in columns  # databases created before the column keep working
    path.write_text(CREATE + "-- trailing note\n")
    assert project.ratchet("repair", "1.0.0", "--accept-checksum", "--reason", "note").code == 0
    assert project.ratchet("status", "--exit-code").code == 0


# --- Checksum normalisation ---------------------------------------------------------


def test_whitespace_fixers_are_not_drift(db_project: Project) -> None:
    path = db_project.write("1.0.0__items.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY);")
    assert db_project.ratchet("migrate").code == 0
    path.write_text("CREATE TABLE items (id INTEGER PRIMARY KEY);   \t\n\n\n")  # trailing-whitespace, end-of-file-fixer
    result = db_project.ratchet("validate")
    assert result.code == 0, result.output
    path.write_text("CREATE TABLE items (id  INTEGER PRIMARY KEY);\n")
    assert db_project.ratchet("validate").code == 1


def test_a_checksum_recorded_by_an_older_ratchet_is_accepted_on_upgrade(project: Project) -> None:
    text = "CREATE TABLE items (id INTEGER PRIMARY KEY);  \n\n"
    project.write("1.0.0__items.sql", text)
    assert project.ratchet("migrate").code == 0
    old_style = hashlib.sha256(text.encode()).hexdigest()  # 0.1: only BOM and CRLF normalised
    connection = sqlite3.connect(project.root / "app.db")
    connection.execute("UPDATE schema_history SET checksum = ?", (old_style,))
    connection.commit()
    connection.close()
    assert project.ratchet("validate").code == 0
    assert project.ratchet("migrate").code == 0
    project.write("1.0.0__items.sql", "CREATE TABLE items (id INTEGER);\n")
    assert project.ratchet("validate").code == 1  # a real edit is still drift


# --- item 6: status --exit-code and a blocking row ---------------------------------------


def test_status_exit_code_is_one_for_a_failed_row(project: Project) -> None:
    project.write(
        "1.0.0__vacuum.sql", "-- guard: no-transaction\nCREATE TABLE a (id INTEGER);\nINSERT INTO nowhere VALUES (1);\n"
    )
    assert project.ratchet("migrate").code == 5
    result = project.ratchet("status", "--exit-code")
    assert result.code == 1, result.output
    assert "failed" in result.out
    as_json = project.ratchet("status", "--json", "--exit-code")
    assert as_json.code == 1 and json.loads(as_json.out)["pending"] == 0


# --- item 2: --single-transaction ---------------------------------------------------------


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_single_transaction_failure_says_nothing_was_applied(
    project: Project, make_db: Callable[[str], Db], dialect: str
) -> None:
    db = make_db(dialect)
    project.database = db.url
    project.write("1.0.0__items.sql", CREATE)
    assert project.ratchet("migrate").code == 0
    project.write("1.1.0__tags.sql", "CREATE TABLE tags (id INTEGER);\n")
    project.write("1.2.0__bad.sql", "INSERT INTO nowhere VALUES (1);\n")
    result = project.ratchet("migrate", "--single-transaction")
    assert result.code == 5, result.output
    assert "nothing was applied: all 2 file(s) were rolled back; the database is still at 1.0.0" in result.err
    assert "version before 1.2.0" not in result.err
    assert db.db_version() == "1.0.0" and "tags" not in db.tables()


def test_single_transaction_ignores_a_no_transaction_file_its_dialect_skips(project: Project) -> None:
    project.write("1.0.0__items.sql", CREATE)
    project.write(
        "1.1.0__concurrent.sql",
        "-- guard: no-transaction\n-- guard: dialect postgresql\n"
        "CREATE INDEX CONCURRENTLY items_name ON items (name);\n",
    )
    dry = project.ratchet("migrate", "--single-transaction", "--dry-run")
    assert dry.code == 0, dry.output
    result = project.ratchet("migrate", "--single-transaction")
    assert result.code == 0, result.output
    assert "skipped" in result.out and "1 applied" in result.out


def test_single_transaction_dry_run_refuses_what_the_run_refuses(project: Project) -> None:
    project.write("1.0.0__items.sql", CREATE)
    project.write("1.1.0__vacuum.sql", "-- guard: no-transaction\nVACUUM;\n")
    dry = project.ratchet("migrate", "--single-transaction", "--dry-run")
    run = project.ratchet("migrate", "--single-transaction")
    assert dry.code == run.code == 2, (dry.output, run.output)
    assert "cannot include no-transaction files" in dry.err and "1.1.0__vacuum.sql" in dry.err
    database = project.root / "app.db"
    if database.exists():  # refused before anything ran: no file was applied
        tables = [row[0] for row in sqlite3.connect(database).execute("SELECT name FROM sqlite_master")]
        assert "items" not in tables
