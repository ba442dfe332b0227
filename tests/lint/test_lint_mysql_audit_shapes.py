"""MySQL shapes that a blind audit of Laravel, Doctrine, Rails, golang-migrate, Flyway, Prisma and
sqlx histories found misjudged: a routine body's ``IF NOT (condition) THEN``, an enum label added
between others, ``ADD PRIMARY KEY`` over a nullable column, and character sets and collations
(a column's own, its table's default, ``CONVERT TO CHARACTER SET``); and that a second round on a
MariaDB history found: ``CREATE OR REPLACE TABLE``, ``WAIT n``/``NOWAIT``, ``ALTER TABLE IF
EXISTS`` and ``CHECK (c IS NOT NULL)``; each with its trigger and a near miss, checked by rule,
line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_lint_mysql_history_shapes import findings

AUDIT_LOG = """CREATE TABLE t (id INT NOT NULL PRIMARY KEY, v INT NULL) ENGINE=InnoDB;
CREATE TABLE t_log (v INT NULL) ENGINE=InnoDB;
"""


#: A trigger whose body closes its negated IF with ``{close}``.
NEGATED = """CREATE TRIGGER t_audit AFTER UPDATE ON t
FOR EACH ROW
BEGIN
  IF NOT (OLD.v <=> NEW.v) THEN
    INSERT INTO t_log (v) VALUES (NEW.v);
{close}END;
"""


def test_a_negated_condition_in_a_trigger_body_is_one_statement(tmp_path: Path) -> None:
    assert findings(tmp_path, [AUDIT_LOG, NEGATED.format(close="  END IF;\n")]) == set()


def test_a_body_whose_negated_if_is_not_closed_is_still_split_ambiguity(tmp_path: Path) -> None:
    assert findings(tmp_path, [AUDIT_LOG, NEGATED.format(close="")]) == {("split-ambiguity", 5, 41)}


def test_if_not_exists_in_a_routine_body_stays_ddl(tmp_path: Path) -> None:
    routine = """CREATE PROCEDURE make_archive()
BEGIN
  CREATE TABLE IF NOT EXISTS t_archive (v INT NULL);
END;
"""
    assert findings(tmp_path, [AUDIT_LOG, routine]) == set()


PLANS = """CREATE TABLE account (
  id INT NOT NULL PRIMARY KEY,
  plan ENUM('free','pro') NOT NULL DEFAULT 'free',
  perks SET('chat','phone') NOT NULL DEFAULT ''
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
"""


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        ("MODIFY plan ENUM('free','team','pro') NOT NULL DEFAULT 'free'", "widen-column-type"),
        ("MODIFY plan ENUM('pro','team','free') NOT NULL DEFAULT 'free'", "alter-column-type"),
        ("MODIFY plan ENUM('free') NOT NULL DEFAULT 'free'", "alter-column-type"),
        ("MODIFY perks SET('chat','mail','phone') NOT NULL DEFAULT ''", "alter-column-type"),
        ("MODIFY perks SET('chat','phone','mail') NOT NULL DEFAULT ''", "widen-column-type"),
    ],
)
def test_an_enum_label_added_between_others_keeps_every_value(tmp_path: Path, change: str, rule: str) -> None:
    # an enum value is its label; a set value is a bit per position, which a label in between moves
    assert findings(tmp_path, [PLANS, f"ALTER TABLE account {change};\n"]) == {(rule, 1, 21)}


BINS = """CREATE TABLE bin (
  id INT NOT NULL AUTO_INCREMENT,
  zone VARCHAR(8) NULL,
  aisle VARCHAR(8) NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB;
"""
REKEYED = {("drop-constraint", 1, 17), ("add-unique-to-existing", 1, 35)}


def test_a_primary_key_over_a_nullable_column_sets_it_not_null(tmp_path: Path) -> None:
    rekey = "ALTER TABLE bin DROP PRIMARY KEY, ADD PRIMARY KEY (id, zone);\n"
    assert findings(tmp_path, [BINS, rekey]) == REKEYED | {("set-not-null", 1, 56)}


def test_a_primary_key_over_not_null_columns_changes_no_column(tmp_path: Path) -> None:
    rekey = "ALTER TABLE bin DROP PRIMARY KEY, ADD PRIMARY KEY (id, aisle);\n"
    assert findings(tmp_path, [BINS, rekey]) == REKEYED


def test_a_primary_key_over_a_column_added_nullable_in_the_file_leaves_it_required(tmp_path: Path) -> None:
    rekey = """ALTER TABLE bin ADD COLUMN shelf VARCHAR(8) NULL;
ALTER TABLE bin DROP PRIMARY KEY, ADD CONSTRAINT pk_bin PRIMARY KEY (id, shelf);
"""
    assert findings(tmp_path, [BINS, rekey]) == {
        ("drop-constraint", 2, 17),
        ("add-unique-to-existing", 2, 35),
        ("add-not-null-without-default", 2, 74),
    }


CODES = """CREATE TABLE legacy (
  code VARCHAR(8) NOT NULL,
  email VARCHAR(100) NOT NULL,
  note TEXT
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;
CREATE TABLE modern (
  code VARCHAR(8) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE plain (
  code VARCHAR(8) NOT NULL
) ENGINE=InnoDB;
"""


@pytest.mark.parametrize(
    ("table", "restated", "rule"),
    [
        # a column that names no character set has its table's
        ("modern", "code VARCHAR(8) CHARACTER SET ascii NOT NULL", "alter-column-type"),
        ("modern", "code VARCHAR(16) NOT NULL", "widen-column-type"),
        # utf8 to utf8mb4 widens only under the same collation rules
        ("legacy", "email VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL", "alter-column-type"),
        ("legacy", "email VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL", "alter-column-type"),
        ("legacy", "email VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL", "widen-column-type"),
        ("legacy", "email VARCHAR(100) CHARACTER SET utf8mb4 NOT NULL", "widen-column-type"),
        ("modern", "code VARCHAR(8) CHARACTER SET utf8mb4 NOT NULL", "alter-column-type"),
        ("modern", "code VARCHAR(8) COLLATE utf8mb4_unicode_ci NOT NULL", None),
    ],
)
def test_a_restated_column_is_judged_by_its_character_set_and_collation(
    tmp_path: Path, table: str, restated: str, rule: str | None
) -> None:
    change = f"ALTER TABLE {table} MODIFY {restated};\n"
    assert findings(tmp_path, [CODES, change]) == ({(rule, 1, 20)} if rule else set())


@pytest.mark.parametrize(
    ("restated", "rule"),
    [
        ("ALTER TABLE modern MODIFY code VARCHAR(16) NOT NULL;\n", "alter-column-type"),
        ("ALTER TABLE modern MODIFY code VARCHAR(16) COLLATE utf8mb4_unicode_ci NOT NULL;\n", "widen-column-type"),
    ],
)
def test_a_restatement_takes_the_table_default_of_its_time(tmp_path: Path, restated: str, rule: str) -> None:
    new_default = "ALTER TABLE modern DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;\n"
    assert findings(tmp_path, [CODES, new_default]) == set()
    (tmp_path / "next").mkdir()
    assert findings(tmp_path / "next", [CODES, new_default, restated]) == {(rule, 1, 20)}


@pytest.mark.parametrize(
    ("conversion", "rule"),
    [
        ("ALTER TABLE legacy CONVERT TO CHARACTER SET utf8mb4", "widen-column-type"),
        ("ALTER TABLE legacy CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", "alter-column-type"),
        ("ALTER TABLE legacy CONVERT TO CHARACTER SET latin1", "alter-column-type"),
        ("ALTER TABLE modern CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", None),
        ("ALTER TABLE plain CONVERT TO CHARACTER SET utf8mb4", "alter-column-type"),
    ],
)
def test_convert_to_character_set_is_judged_column_by_column(tmp_path: Path, conversion: str, rule: str | None) -> None:
    column = len(conversion.split(" CONVERT ")[0]) + 2
    assert findings(tmp_path, [CODES, conversion + ";\n"]) == ({(rule, 1, column)} if rule else set())


STAGE = """CREATE TABLE stage (
  id INT NOT NULL PRIMARY KEY, note VARCHAR(10) NULL, code VARCHAR(10) NOT NULL
) ENGINE=InnoDB;
"""


def test_create_or_replace_table_of_an_existing_table_drops_it(tmp_path: Path) -> None:
    replace = "CREATE OR REPLACE TABLE stage (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;\n"
    assert findings(tmp_path, [STAGE, replace]) == {("drop-table", 1, 11)}


def test_create_or_replace_temporary_table_leaves_the_table_of_that_name(tmp_path: Path) -> None:
    # MariaDB replaces only a temporary table of that name: the real one keeps its rows
    replace = "CREATE OR REPLACE TEMPORARY TABLE stage (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;\n"
    assert findings(tmp_path, [STAGE, replace]) == set()


def test_create_or_replace_table_of_a_new_table_drops_nothing(tmp_path: Path) -> None:
    replace = "CREATE OR REPLACE TABLE stage_two (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;\n"
    assert findings(tmp_path, [STAGE, replace]) == set()


@pytest.mark.parametrize(
    ("change", "found"),
    [
        ("ALTER TABLE stage WAIT 5 ADD COLUMN flag INT NOT NULL", {("add-not-null-without-default", 1, 26)}),
        ("ALTER TABLE stage NOWAIT ADD COLUMN flag INT NULL", set()),
        ("ALTER TABLE stage WAIT 5 MODIFY note VARCHAR(20) NULL", {("widen-column-type", 1, 26)}),
    ],
)
def test_mariadb_lock_wait_options_are_read_past(tmp_path: Path, change: str, found: set[object]) -> None:
    assert findings(tmp_path, [STAGE, change + ";\n"]) == found


@pytest.mark.parametrize(
    ("later", "rule"),
    [
        ("ALTER TABLE stage MODIFY extra VARCHAR(20) NULL;\n", "widen-column-type"),
        ("ALTER TABLE stage MODIFY extra VARCHAR(5) NULL;\n", "alter-column-type"),
    ],
)
def test_a_column_added_by_alter_table_if_exists_is_known(tmp_path: Path, later: str, rule: str) -> None:
    added = "ALTER TABLE IF EXISTS stage ADD COLUMN IF NOT EXISTS extra VARCHAR(10) NULL;\n"
    assert findings(tmp_path, [STAGE, added, later]) == {(rule, 1, 19)}


@pytest.mark.parametrize(
    ("change", "found"),
    [
        # a CHECK that refuses NULL makes a nullable column NOT NULL in all but the catalog's word
        ("ALTER TABLE stage ADD CONSTRAINT chk_note CHECK (note IS NOT NULL)", {("set-not-null", 1, 50)}),
        ("ALTER TABLE stage ADD CHECK (note IS NOT NULL)", {("set-not-null", 1, 30)}),
        ("ALTER TABLE stage ADD CONSTRAINT chk_code CHECK (code IS NOT NULL)", set()),
        ("ALTER TABLE stage ADD CONSTRAINT chk_note CHECK (note <> '')", set()),
    ],
)
def test_a_check_that_refuses_null_is_judged_as_not_null(tmp_path: Path, change: str, found: set[object]) -> None:
    warning = ("add-constraint-to-existing", 1, 19)
    assert findings(tmp_path, [STAGE, change + ";\n"]) == found | {warning}


def test_a_check_that_refuses_null_on_a_column_added_in_the_file_leaves_it_required(tmp_path: Path) -> None:
    change = """ALTER TABLE stage ADD COLUMN extra VARCHAR(10) NULL;
ALTER TABLE stage ADD CONSTRAINT chk_extra CHECK (extra IS NOT NULL);
"""
    assert findings(tmp_path, [STAGE, change]) == {
        ("add-constraint-to-existing", 2, 19),
        ("add-not-null-without-default", 2, 51),
    }


@pytest.mark.parametrize(
    "drop", ["", "ALTER TABLE stage DROP CONSTRAINT chk_note;\n", "ALTER TABLE stage DROP CHECK chk_note;\n"]
)
def test_a_dropped_check_that_refused_null_no_longer_counts(tmp_path: Path, drop: str) -> None:
    checked = "ALTER TABLE stage ADD CONSTRAINT chk_note CHECK (note IS NOT NULL);\n"
    made_not_null = "ALTER TABLE stage MODIFY note VARCHAR(10) NOT NULL;\n"
    files = [STAGE, checked, *([drop] if drop else []), made_not_null]
    assert findings(tmp_path, files) == ({("set-not-null", 1, 19)} if drop else set())
