# ruff: noqa: E501  (migration SQL keeps its long lines, as the ORMs write them)
"""Table rebuilds as the ORMs generate them (Prisma's ``new_X``, Django's ``new__X``, Alembic's
``_alembic_tmp_X``): a table whose foreign key names itself, a unique index the new primary key
takes over, an index on a column the rebuild drops or renames, a column renamed by the copy, and a
copy through ``CAST``. Each with a near miss; findings checked by rule, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from ratchet.linter import lint_paths

FOLDERS = """CREATE TABLE folder (id INTEGER PRIMARY KEY, name TEXT NOT NULL, parent_id INTEGER REFERENCES folder (id));
CREATE TABLE doc (id INTEGER PRIMARY KEY, folder_id INTEGER NOT NULL REFERENCES folder (id));
CREATE TABLE grant_token (holder TEXT NOT NULL, token TEXT NOT NULL, expires TEXT NOT NULL);
CREATE UNIQUE INDEX grant_token_holder_token ON grant_token (holder, token);
CREATE TABLE line (id INTEGER PRIMARY KEY, order_ref INTEGER NOT NULL, sku TEXT NOT NULL, qty INTEGER NOT NULL);
CREATE INDEX line_order_ref ON line (order_ref);
CREATE INDEX line_sku ON line (sku);
CREATE TABLE ticket (id INTEGER NOT NULL, state VARCHAR(6) NOT NULL, estimate NUMERIC(6, 2), PRIMARY KEY (id));
"""


def lint(tmp_path: Path, change: str) -> list[tuple[str, int, int, str]]:
    """The error and warning findings of ``change``, linted after ``FOLDERS``."""
    directory = tmp_path / "migrations"
    directory.mkdir(parents=True)
    (directory / "1.0.0__base.sql").write_text(FOLDERS, encoding="utf-8")
    (directory / "1.1.0__change.sql").write_text(change, encoding="utf-8")
    report = lint_paths([directory], dialect="sqlite")
    assert not report.problems
    return [
        (f.rule, f.line, f.column, f.message)
        for f in report.findings
        if f.path.name == "1.1.0__change.sql" and f.severity != "info"
    ]


def rules(found: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int]]:
    return [(rule, line, column) for rule, line, column, _ in found]


# lines: 1 create, 2 copy, 3 drop, 4 rename
SELF_REFERENCE = """CREATE TABLE "new_folder" ("id" INTEGER PRIMARY KEY, "name" TEXT NOT NULL, "parent_id" INTEGER, "color" TEXT, CONSTRAINT "folder_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "folder" ("id"));
INSERT INTO "new_folder" ("id", "name", "parent_id") SELECT "id", "name", "parent_id" FROM "folder";
DROP TABLE "folder";
ALTER TABLE "new_folder" RENAME TO "folder";
"""


def test_a_rebuilt_table_whose_foreign_key_names_itself_keeps_it(tmp_path: Path) -> None:
    assert lint(tmp_path, SELF_REFERENCE) == []


def test_near_miss_a_rename_first_rebuild_leaves_the_child_pointing_at_the_old_table(tmp_path: Path) -> None:
    renamed_first = """ALTER TABLE folder RENAME TO folder_old;
CREATE TABLE folder (id INTEGER PRIMARY KEY, name TEXT NOT NULL, parent_id INTEGER REFERENCES folder (id));
INSERT INTO folder (id, name, parent_id) SELECT id, name, parent_id FROM folder_old;
DROP TABLE folder_old;
"""
    found = lint(tmp_path, renamed_first)
    assert rules(found) == [("rebuild-loses-dependents", 4, 1)]
    assert "the foreign key of doc" in found[0][3]
    assert "the foreign key of folder" not in found[0][3]  # the rebuilt table's own reference is kept


# lines: 1 create, 2 copy, 3 drop, 4 rename, 5 index
TOKEN_KEY = """CREATE TABLE "new_grant_token" ("holder" TEXT NOT NULL, "token" TEXT NOT NULL, "expires" TEXT NOT NULL, PRIMARY KEY ({key}));
INSERT INTO "new_grant_token" ("expires", "holder", "token") SELECT "expires", "holder", "token" FROM "grant_token";
DROP TABLE "grant_token";
ALTER TABLE "new_grant_token" RENAME TO "grant_token";
"""


@pytest.mark.parametrize("key", ['"holder", "token"', '"token", "holder"'])
def test_a_unique_index_the_new_primary_key_takes_over_is_kept(tmp_path: Path, key: str) -> None:
    assert lint(tmp_path, TOKEN_KEY.format(key=key)) == []


def test_near_miss_a_primary_key_on_fewer_columns_loses_the_unique_index(tmp_path: Path) -> None:
    found = lint(tmp_path, TOKEN_KEY.format(key='"token"'))
    assert rules(found) == [("rebuild-loses-dependents", 3, 1)]
    assert "unique index grant_token_holder_token (holder, token)" in found[0][3]


# lines: 1 create, 2 copy, 3 drop, 4 rename, 5 index
DROPS_ORDER_REF = """CREATE TABLE "new__line" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "sku" text NOT NULL, "qty" integer NOT NULL);
INSERT INTO "new__line" ("id", "sku", "qty") SELECT "id", "sku", "qty" FROM "line";
DROP TABLE "line";
ALTER TABLE "new__line" RENAME TO "line";
CREATE INDEX "line_sku" ON "line" ("sku");
"""


def test_the_index_of_a_column_the_rebuild_drops_is_not_lost_again(tmp_path: Path) -> None:
    found = lint(tmp_path, DROPS_ORDER_REF)
    assert rules(found) == [("rebuild-unverified", 3, 1)]
    assert "column order_ref is missing" in found[0][3]


def test_near_miss_the_index_of_a_kept_column_is_lost(tmp_path: Path) -> None:
    found = lint(tmp_path, DROPS_ORDER_REF.replace('CREATE INDEX "line_sku" ON "line" ("sku");\n', ""))
    assert rules(found) == [("rebuild-loses-dependents", 3, 1), ("rebuild-unverified", 3, 1)]
    assert "index line_sku (sku)" in found[0][3]
    assert "line_order_ref" not in found[0][3]


# lines: 1 create, 2 copy, 3 drop, 4 rename, 5 and 6 indexes
RENAMES_ORDER_REF = """CREATE TABLE "new__line" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "purchase_ref" integer NOT NULL, "sku" text NOT NULL, "qty" integer NOT NULL);
INSERT INTO "new__line" ("id", "purchase_ref", "sku", "qty") SELECT "id", "order_ref", "sku", "qty" FROM "line";
DROP TABLE "line";
ALTER TABLE "new__line" RENAME TO "line";
CREATE INDEX "line_purchase_ref" ON "line" ("purchase_ref");
CREATE INDEX "line_sku" ON "line" ("sku");
"""


def test_a_column_the_copy_renames_is_the_old_column_not_a_new_one(tmp_path: Path) -> None:
    found = lint(tmp_path, RENAMES_ORDER_REF)
    assert rules(found) == [("rebuild-unverified", 3, 1)]
    assert "column order_ref is missing from the rebuilt table (the copy renames it purchase_ref)" in found[0][3]


def test_near_miss_a_new_required_column_the_copy_fills_with_a_literal(tmp_path: Path) -> None:
    added = """CREATE TABLE "new__line" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "order_ref" integer NOT NULL, "purchase_ref" integer NOT NULL, "sku" text NOT NULL, "qty" integer NOT NULL);
INSERT INTO "new__line" ("id", "order_ref", "purchase_ref", "sku", "qty") SELECT "id", "order_ref", 0, "sku", "qty" FROM "line";
DROP TABLE "line";
ALTER TABLE "new__line" RENAME TO "line";
CREATE INDEX "line_order_ref" ON "line" ("order_ref");
CREATE INDEX "line_sku" ON "line" ("sku");
"""
    assert rules(lint(tmp_path, added)) == [("add-not-null-without-default", 4, 1)]


# lines: 1 create, 2 copy (its second line: FROM), 4 drop, 5 rename
CAST_COPY = """CREATE TABLE _alembic_tmp_ticket (id INTEGER NOT NULL, state VARCHAR(11) NOT NULL, estimate {type}, PRIMARY KEY (id));
INSERT INTO _alembic_tmp_ticket (id, state, estimate) SELECT ticket.id, CAST(ticket.state AS VARCHAR(11)) AS anon_1, CAST(ticket.estimate AS {type}) AS anon_2
FROM ticket;
DROP TABLE ticket;
ALTER TABLE _alembic_tmp_ticket RENAME TO ticket;
"""


def test_a_copy_through_a_cast_to_another_affinity_may_change_values(tmp_path: Path) -> None:
    found = lint(tmp_path, CAST_COPY.format(type="INTEGER"))
    assert rules(found) == [("rebuild-unverified", 4, 1)]
    assert "CAST" in found[0][3] and "estimate" in found[0][3] and "state" not in found[0][3]


def test_near_miss_a_cast_to_the_same_affinity_keeps_values(tmp_path: Path) -> None:
    assert lint(tmp_path, CAST_COPY.format(type="NUMERIC(8, 2)")) == []
