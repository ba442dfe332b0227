"""MySQL shapes of hand-written and ORM histories that the column model misread: a routine's body
that names a table, a procedure that adds a column when it is called, and MariaDB's ``DROP COLUMN
IF EXISTS`` of a column the table never had; each with its trigger and a near miss, checked by
rule, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from ratchet.linter import lint_paths
from ratchet.linter.mysql_columns import Columns
from ratchet.split import split_statements

LEDGER = """CREATE TABLE wallet (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  owner VARCHAR(50) NULL,
  tier VARCHAR(10) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
"""

ROUTINE = """CREATE PROCEDURE wallet_add_flag()
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns
      WHERE table_schema = DATABASE() AND table_name = 'wallet' AND column_name = 'frozen') THEN
    ALTER TABLE wallet ADD COLUMN frozen TINYINT NULL;
  END IF;
END;
"""

DYNAMIC = """SET @ddl = 'ALTER TABLE wallet ADD COLUMN frozen TINYINT NULL';
PREPARE add_flag FROM @ddl;
EXECUTE add_flag;
DEALLOCATE PREPARE add_flag;
"""


def findings(tmp_path: Path, files: list[str]) -> set[tuple[str, int, int]]:
    """The findings of the last of ``files`` (each a file of its own, in order), implicit commits aside."""
    names = [f"1.{number}.0__step.sql" for number in range(len(files))]
    for name, sql in zip(names, files, strict=True):
        (tmp_path / name).write_text(sql, encoding="utf-8")
    report = lint_paths([tmp_path], dialect="mysql")
    assert not report.problems
    return {
        (f.rule, f.line, f.column)
        for f in report.findings
        if f.path.name == names[-1] and f.rule != "mysql-implicit-commit"
    }


WIDEN_OWNER = "ALTER TABLE wallet MODIFY owner VARCHAR(80) NULL;\n"


@pytest.mark.parametrize(
    "earlier",
    [[], [ROUTINE], ["CREATE TRIGGER wallet_bi BEFORE INSERT ON wallet FOR EACH ROW SET NEW.tier = 'basic';\n"]],
)
def test_a_routine_or_trigger_keeps_the_tables_it_names(tmp_path: Path, earlier: list[str]) -> None:
    assert findings(tmp_path, [LEDGER, *earlier, WIDEN_OWNER]) == {("widen-column-type", 1, 20)}


def test_a_routine_body_changes_no_table_of_the_model() -> None:
    model = Columns()
    model.apply_all(split_statements(LEDGER + ROUTINE + "CREATE PROCEDURE wipe() BEGIN TRUNCATE TABLE wallet; END;\n"))
    assert list(model.tables) == ["wallet"]
    assert list(model.tables["wallet"]) == ["id", "owner", "tier"]


@pytest.mark.parametrize(
    "create",
    ["CREATE OR REPLACE TABLE wallet (id INT NOT NULL)", "CREATE TEMPORARY TABLE wallet (id INT NOT NULL)"],
)
def test_table_modifiers_still_create_the_table(create: str) -> None:
    model = Columns()
    model.apply_all(split_statements(f"{create};\n"))
    assert list(model.tables.get("wallet", {})) == ["id"]


@pytest.mark.parametrize(
    "earlier",
    [
        [LEDGER],
        [LEDGER, "RENAME TABLE wallet TO purse;\n", "RENAME TABLE purse TO wallet;\n"],
        [LEDGER.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS"), "DROP TABLE wallet;\n", LEDGER],
    ],
)
def test_dropping_a_column_the_table_never_had_is_nothing(tmp_path: Path, earlier: list[str]) -> None:
    assert findings(tmp_path, [*earlier, "ALTER TABLE wallet DROP COLUMN IF EXISTS nickname;\n"]) == set()


@pytest.mark.parametrize(
    ("earlier", "drop", "found"),
    [
        # the column exists: its data goes
        ([LEDGER], "ALTER TABLE wallet DROP COLUMN IF EXISTS tier;\n", {("drop-column", 1, 20)}),
        # no IF EXISTS: whatever the model says, the statement claims the column is there
        ([LEDGER], "ALTER TABLE wallet DROP COLUMN nickname;\n", {("drop-column", 1, 20)}),
        # a column added by a called procedure exists
        (
            [LEDGER, ROUTINE + "CALL wallet_add_flag();\n"],
            "ALTER TABLE wallet DROP COLUMN IF EXISTS frozen;\n",
            {("drop-column", 1, 20)},
        ),
        # a column added by dynamic SQL, which the model cannot follow, may exist
        ([LEDGER, DYNAMIC], "ALTER TABLE wallet DROP COLUMN IF EXISTS frozen;\n", {("drop-column", 1, 20)}),
        # a table made IF NOT EXISTS may be older than the history, with columns it never named
        (
            [LEDGER.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS")],
            "ALTER TABLE wallet DROP COLUMN IF EXISTS nickname;\n",
            {("drop-column", 1, 20)},
        ),
        (
            [LEDGER.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS"), "RENAME TABLE wallet TO purse;\n"],
            "ALTER TABLE purse DROP COLUMN IF EXISTS nickname;\n",
            {("drop-column", 1, 19)},
        ),
        (
            [LEDGER.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS"), "CREATE TABLE purse LIKE wallet;\n"],
            "ALTER TABLE purse DROP COLUMN IF EXISTS nickname;\n",
            {("drop-column", 1, 19)},
        ),
        # a table the history never built may have any column
        ([LEDGER], "ALTER TABLE purse DROP COLUMN IF EXISTS nickname;\n", {("drop-column", 1, 19)}),
        # a table a called routine makes may be skipped by the routine's guard: an older one stays
        (
            [
                "CREATE PROCEDURE make_purse()\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM information_schema.tables\n"
                "      WHERE table_schema = DATABASE() AND table_name = 'purse') THEN\n"
                "    CREATE TABLE purse (id BIGINT NOT NULL PRIMARY KEY);\n  END IF;\nEND;\nCALL make_purse();\n"
            ],
            "ALTER TABLE purse DROP COLUMN IF EXISTS pin;\n",
            {("drop-column", 1, 19)},
        ),
        # a copy of a table the history never built has that table's columns, unnamed here
        (
            ["CREATE TABLE purse LIKE legacy_wallet;\n"],
            "ALTER TABLE purse DROP COLUMN IF EXISTS pin;\n",
            {("drop-column", 1, 19)},
        ),
        # a table made with its own columns and a query's: the query's are unnamed
        (
            ["CREATE TABLE purse (id BIGINT NOT NULL PRIMARY KEY) SELECT * FROM legacy_wallet;\n"],
            "ALTER TABLE purse DROP COLUMN IF EXISTS pin;\n",
            {("drop-column", 1, 19)},
        ),
    ],
)
def test_a_drop_if_exists_that_may_lose_data_stays_an_error(
    tmp_path: Path, earlier: list[str], drop: str, found: set[tuple[str, int, int]]
) -> None:
    assert findings(tmp_path, [*earlier, drop]) == found


WIDEN_FROZEN = "ALTER TABLE wallet MODIFY frozen SMALLINT NULL;\n"


def test_a_called_procedure_adds_its_columns(tmp_path: Path) -> None:
    called = ROUTINE + "CALL wallet_add_flag();\nDROP PROCEDURE wallet_add_flag;\n"
    assert findings(tmp_path, [LEDGER, called, WIDEN_FROZEN]) == {("widen-column-type", 1, 20)}


def test_a_called_procedure_adds_its_columns_to_the_model() -> None:
    model = Columns()
    model.apply_all(split_statements(LEDGER + ROUTINE))
    assert "frozen" not in model.tables["wallet"]  # created, not yet run
    model.apply_all(split_statements("CALL other_routine();\n"))
    assert "frozen" not in model.tables["wallet"]
    model.apply_all(split_statements("CALL wallet_add_flag();\n"))
    assert list(model.tables["wallet"]) == ["id", "owner", "tier", "frozen"]


def test_a_procedure_that_is_never_called_adds_nothing(tmp_path: Path) -> None:
    assert findings(tmp_path, [LEDGER, ROUTINE, WIDEN_FROZEN]) == {("alter-column-type", 1, 20)}
