# ruff: noqa: E501  (migration SQL keeps its long lines, as the tools write them)
"""Table rebuilds as more migration tools write them: Sequelize's scratch copy made with
``CREATE TABLE IF NOT EXISTS X_backup`` (copied back into ``X`` and dropped, or renamed into place),
and a copy that declares a decimal with fractions an integer. Each with a near miss; findings
checked by rule, line and column."""

from __future__ import annotations

from pathlib import Path

from history_corpus import write_history

from ratchet.linter import lint_paths

VISITS = """CREATE TABLE IF NOT EXISTS `Visits` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `ward` VARCHAR(255) NOT NULL, `nurse` VARCHAR(255), `fee` DECIMAL(7,2), `seenAt` DATETIME NOT NULL);
CREATE INDEX `visits_ward` ON `Visits` (`ward`);
"""


def lint(tmp_path: Path, change: str, base: str = VISITS) -> list[tuple[str, int, int]]:
    """The error findings of ``change``, linted after ``base``."""
    directory = tmp_path / "migrations"
    write_history(directory, [("1.0.0__base.sql", base, set()), ("1.1.0__change.sql", change, set())])
    report = lint_paths([directory], dialect="sqlite")
    assert not report.problems
    return [
        (f.rule, f.line, f.column)
        for f in report.findings
        if f.path.name == "1.1.0__change.sql" and f.severity == "error"
    ]


def backup_dance(
    nurse: str, copy_back: str = "", index: str = "CREATE INDEX `visits_ward` ON `Visits` (`ward`);\n"
) -> str:
    """Sequelize's changeColumn of ``nurse`` through ``Visits_backup``: lines 1 make the backup,
    2 copy into it, 3 drop, 4 make the table again, 5 copy back, 6 drop the backup, 7 the index."""
    columns = f"`id` INTEGER PRIMARY KEY AUTOINCREMENT, `ward` VARCHAR(255) NOT NULL, `nurse` {nurse}, `fee` DECIMAL(7,2), `seenAt` DATETIME NOT NULL"
    names = "`id`, `ward`, `nurse`, `fee`, `seenAt`"
    return (
        f"CREATE TABLE IF NOT EXISTS `Visits_backup` ({columns});\n"
        f"INSERT INTO `Visits_backup` SELECT {names} FROM `Visits`;\n"
        "DROP TABLE `Visits`;\n"
        f"CREATE TABLE IF NOT EXISTS `Visits` ({columns});\n"
        f"INSERT INTO `Visits` SELECT {names} FROM `Visits_backup`{copy_back};\n"
        "DROP TABLE `Visits_backup`;\n" + index
    )


def test_a_backup_made_if_not_exists_is_the_rebuilds_own_scratch_copy(tmp_path: Path) -> None:
    assert lint(tmp_path, backup_dance("TEXT")) == []


def test_the_backup_rebuild_is_verified_like_any_other(tmp_path: Path) -> None:
    assert lint(tmp_path / "required", backup_dance("VARCHAR(255) NOT NULL")) == [("set-not-null", 4, 1)]
    filtered = backup_dance("TEXT", copy_back=" WHERE `nurse` IS NOT NULL")
    assert lint(tmp_path / "filtered", filtered) == [("rebuild-filters-rows", 5, 1)]
    assert lint(tmp_path / "index", backup_dance("TEXT", index="")) == [("rebuild-loses-dependents", 3, 1)]


def test_near_miss_a_backup_table_that_was_there_before_is_dropped_for_real(tmp_path: Path) -> None:
    base = VISITS + "CREATE TABLE `Visits_backup` (`id` INTEGER, `note` TEXT);\n"
    found = lint(tmp_path, backup_dance("TEXT"), base)
    assert ("drop-table", 6, 1) in found


def test_near_miss_a_table_made_if_not_exists_and_kept_may_be_an_old_one(tmp_path: Path) -> None:
    kept = (
        "CREATE TABLE IF NOT EXISTS `Wards` (`name` TEXT, `beds` INTEGER);\nALTER TABLE `Wards` DROP COLUMN `beds`;\n"
    )
    assert lint(tmp_path, kept) == [("drop-column", 2, 21)]
    not_a_copy = "CREATE TABLE IF NOT EXISTS `Wards` (`name` TEXT);\nINSERT INTO `Wards` (`name`) VALUES ('east');\nDROP TABLE `Wards`;\n"
    assert lint(tmp_path / "plain", not_a_copy) == [("drop-table", 3, 1)]


def fee_as(declared: str) -> str:
    """A ``temporary_`` rebuild declaring ``fee`` as ``declared``: lines 1 create, 2 copy, 3 drop, 4 rename, 5 index."""
    return (
        f'CREATE TABLE "temporary_Visits" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "ward" VARCHAR(255) NOT NULL, "nurse" VARCHAR(255), "fee" {declared}, "seenAt" DATETIME NOT NULL);\n'
        'INSERT INTO "temporary_Visits" ("id", "ward", "nurse", "fee", "seenAt") SELECT "id", "ward", "nurse", "fee", "seenAt" FROM "Visits";\n'
        'DROP TABLE "Visits";\n'
        'ALTER TABLE "temporary_Visits" RENAME TO "Visits";\n'
        'CREATE INDEX "visits_ward" ON "Visits" ("ward");\n'
    )


def test_a_decimal_with_fractions_declared_an_integer_is_a_type_change(tmp_path: Path) -> None:
    assert lint(tmp_path / "integer", fee_as("INTEGER")) == [("rebuild-unverified", 3, 1)]
    assert lint(tmp_path / "bigint", fee_as("BIGINT")) == [("rebuild-unverified", 3, 1)]


def test_near_miss_a_wider_decimal_or_a_whole_number_decimal_to_integer_keeps_every_value(tmp_path: Path) -> None:
    assert lint(tmp_path / "wider", fee_as("DECIMAL(10,2)")) == []
    whole = VISITS.replace("DECIMAL(7,2)", "DECIMAL(7,0)")
    assert lint(tmp_path / "whole", fee_as("INTEGER"), whole) == []
    flag = VISITS.replace("DECIMAL(7,2)", "BOOLEAN")
    assert lint(tmp_path / "boolean", fee_as("INTEGER"), flag) == []
