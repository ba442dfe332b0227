"""SQLite leftovers: an index renamed the way Rails renames one on SQLite (made again under the new
name, the old one dropped), table rebuilds whose copy reads a CTE or that span two files; each
trigger with a near miss, checked by rule, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from ratchet.linter import lint_paths

USERS = (
    'CREATE TABLE "users" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar, "name" varchar);\n'
    'CREATE TABLE "accounts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar);\n'
)


def lint(tmp_path: Path, *files: str) -> list[tuple[str, str, int, int]]:
    """``(file, rule, line, column)`` of the findings of ``files`` (named 1.0.0, 1.1.0, ...) but the first."""
    directory = tmp_path / "migrations"
    directory.mkdir()
    for minor, sql in enumerate(files):
        (directory / f"1.{minor}.0__change.sql").write_text(sql, encoding="utf-8")
    report = lint_paths([directory], dialect="sqlite")
    return sorted((f.path.name[:5], f.rule, f.line, f.column) for f in report.findings if f.path.name[:5] != "1.0.0")


# -- an index renamed by making it again under the new name ------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            'CREATE INDEX "index_users_on_email" ON "users" ("email")',
            'CREATE INDEX "index_users_on_mail" ON "users" ("email")',
        ),
        (
            'CREATE UNIQUE INDEX "index_users_on_email" ON "users" ("email")',
            'CREATE UNIQUE INDEX "index_users_on_mail" ON "users" ("email")',
        ),
        (
            'CREATE INDEX "index_users_on_email" ON "users" ("email", "name") WHERE name IS NOT NULL',
            'CREATE INDEX "index_users_on_mail" ON "users" ("email", "name") WHERE name IS NOT NULL',
        ),
    ],
)
def test_an_index_made_again_under_a_new_name_is_one_rename(tmp_path: Path, old: str, new: str) -> None:
    rails = f'{new};\nDROP INDEX "index_users_on_email";\n'
    assert lint(tmp_path, f"{USERS}{old};\n", rails) == [("1.1.0", "rename-other", 2, 1)]


def test_an_index_dropped_before_it_is_made_again_under_a_new_name_is_one_rename(tmp_path: Path) -> None:
    old = 'CREATE UNIQUE INDEX "index_users_on_email" ON "users" ("email");\n'
    change = 'DROP INDEX "index_users_on_email";\nCREATE UNIQUE INDEX "index_users_on_mail" ON "users" ("email");\n'
    assert lint(tmp_path, USERS + old, change) == [("1.1.0", "rename-other", 1, 1)]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # other columns: a lost index, and a new unique one that may fail
        (
            'CREATE UNIQUE INDEX "ix" ON "users" ("email")',
            'CREATE UNIQUE INDEX "ix2" ON "users" ("email", "name")',
            [("1.1.0", "add-unique-to-existing", 1, 1), ("1.1.0", "drop-index", 2, 1)],
        ),
        # a plain index made unique
        (
            'CREATE INDEX "ix" ON "users" ("email")',
            'CREATE UNIQUE INDEX "ix2" ON "users" ("email")',
            [("1.1.0", "add-unique-to-existing", 1, 1), ("1.1.0", "drop-index", 2, 1)],
        ),
        # a unique index on only some rows made whole
        (
            'CREATE UNIQUE INDEX "ix" ON "users" ("email") WHERE name IS NOT NULL',
            'CREATE UNIQUE INDEX "ix2" ON "users" ("email")',
            [("1.1.0", "add-unique-to-existing", 1, 1), ("1.1.0", "drop-index", 2, 1)],
        ),
        # the same columns of another table
        (
            'CREATE INDEX "ix" ON "users" ("email")',
            'CREATE INDEX "ix2" ON "accounts" ("email")',
            [("1.1.0", "drop-index", 2, 1)],
        ),
    ],
)
def test_an_index_made_otherwise_than_the_dropped_one_is_no_rename(
    tmp_path: Path, old: str, new: str, expected: list[tuple[str, str, int, int]]
) -> None:
    assert lint(tmp_path, f"{USERS}{old};\n", f'{new};\nDROP INDEX "ix";\n') == expected


@pytest.mark.parametrize(
    ("existing", "expected"),
    [
        ('CREATE UNIQUE INDEX "ix" ON "users" ("email")', []),
        (
            'CREATE UNIQUE INDEX "ix" ON "users" ("email") WHERE name IS NOT NULL',
            [("1.1.0", "add-unique-to-existing", 1, 1)],
        ),
        ('CREATE UNIQUE INDEX "ix" ON "users" ("email", "name")', [("1.1.0", "add-unique-to-existing", 1, 1)]),
    ],
)
def test_a_unique_index_the_table_has_already_cannot_fail(
    tmp_path: Path, existing: str, expected: list[tuple[str, str, int, int]]
) -> None:
    change = 'CREATE UNIQUE INDEX "ix2" ON "users" ("email");\n'
    assert lint(tmp_path, f"{USERS}{existing};\n", change) == expected


# -- a rebuild's copy through a CTE --------------------------------------------------------------

BASE = "CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT);\n"
NEW = "CREATE TABLE posts_new (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT);\n"
SWAP = "DROP TABLE posts;\nALTER TABLE posts_new RENAME TO posts;\n"


@pytest.mark.parametrize(
    "copy",
    [
        "WITH src AS (SELECT id, title, body FROM posts)\n"
        "INSERT INTO posts_new (id, title, body) SELECT id, title, body FROM src;\n",
        "INSERT INTO posts_new (id, title, body)\n"
        "WITH src AS (SELECT id, title, body FROM posts) SELECT id, title, body FROM src;\n",
        "WITH RECURSIVE src AS MATERIALIZED (SELECT * FROM posts) INSERT INTO posts_new SELECT * FROM src;\n",
        "WITH one(n) AS (SELECT 1), src AS (SELECT * FROM posts) INSERT INTO posts_new SELECT * FROM src;\n",
    ],
)
def test_a_rebuild_copy_through_a_cte_is_the_rebuilds_copy(tmp_path: Path, copy: str) -> None:
    assert lint(tmp_path, BASE, NEW + copy + SWAP) == []


@pytest.mark.parametrize(
    ("copy", "expected"),
    [
        (  # the CTE keeps some rows only
            "WITH src AS (SELECT id, title, body FROM posts WHERE id > 10) "
            "INSERT INTO posts_new (id, title, body) SELECT id, title, body FROM src;\n",
            [("1.1.0", "rebuild-filters-rows", 2, 1)],
        ),
        (  # the CTE leaves a column out
            "WITH src AS (SELECT id, title FROM posts) INSERT INTO posts_new (id, title) SELECT id, title FROM src;\n",
            [("1.1.0", "rebuild-unverified", 3, 1)],
        ),
        (  # the CTE reads another table
            "WITH src AS (SELECT id, title, body FROM drafts) "
            "INSERT INTO posts_new (id, title, body) SELECT id, title, body FROM src;\n",
            [("1.1.0", "rebuild-filters-rows", 3, 1)],
        ),
    ],
)
def test_a_rebuild_copy_through_a_cte_is_checked_like_any_copy(
    tmp_path: Path, copy: str, expected: list[tuple[str, str, int, int]]
) -> None:
    drafts = "CREATE TABLE drafts (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT);\n"
    assert lint(tmp_path, BASE + drafts, NEW + copy + SWAP) == expected


# -- a rebuild split over two files --------------------------------------------------------------

COPY = "INSERT INTO posts_new (id, title, body) SELECT id, title, body FROM posts;\n"


def test_a_rebuild_split_over_two_files_loses_the_rows_written_between_them(tmp_path: Path) -> None:
    directory = tmp_path / "migrations"
    directory.mkdir()
    for name, sql in (("1.0.0__base.sql", BASE), ("1.1.0__copy.sql", NEW + COPY), ("1.2.0__swap.sql", SWAP)):
        (directory / name).write_text(sql, encoding="utf-8")
    findings = lint_paths([directory], dialect="sqlite").findings
    assert [(f.path.name[:5], f.rule, f.line, f.column) for f in findings] == [("1.2.0", "rebuild-filters-rows", 1, 1)]
    assert "posts_new was made by an earlier file" in findings[0].message
    assert "rows written to posts since that file ran" in findings[0].message


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # the copy in the file of the swap: one rebuild, nothing lost
        ((NEW, COPY + SWAP), []),
        # the first file copies a column fewer: the swap loses it
        (
            (
                "CREATE TABLE posts_new (id INTEGER PRIMARY KEY, title TEXT NOT NULL);\n"
                "INSERT INTO posts_new (id, title) SELECT id, title FROM posts;\n",
                COPY.replace(", body", "") + SWAP,
            ),
            [("1.2.0", "rebuild-unverified", 2, 1)],
        ),
    ],
)
def test_a_rebuild_over_two_files_that_copies_in_the_second_is_judged_there(
    tmp_path: Path, files: tuple[str, str], expected: list[tuple[str, str, int, int]]
) -> None:
    assert lint(tmp_path, BASE, *files) == expected


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("WHERE name IS NOT NULL", []),
        ("WHERE  NAME is not null", []),
        ("WHERE name = 'x'", [("1.1.0", "add-unique-to-existing", 1, 1)]),
    ],
)
def test_a_partial_unique_index_the_table_has_already_for_the_same_rows_cannot_fail(
    tmp_path: Path, where: str, expected: list[tuple[str, str, int, int]]
) -> None:
    existing = 'CREATE UNIQUE INDEX "ix" ON "users" ("email") WHERE name IS NOT NULL;\n'
    change = f'CREATE UNIQUE INDEX "ix2" ON "users" ("email") {where};\n'
    assert lint(tmp_path, USERS + existing, change) == expected
