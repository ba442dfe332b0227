"""Rebuilds of other shapes than the seed's: renaming the old table first (``t`` to ``t_old``, create
``t``, copy, drop ``t_old``), and through a backup copy (the SQLite FAQ's: copy ``t`` to ``b``, drop
``t``, create it, copy back, drop ``b``); and ``PRAGMA legacy_alter_table``, which decides what a
rename does to the views and foreign keys that name the table. Judged by the lint as SQLite runs
them, and run by migrate with the 12 steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Project, sqlite_rows
from ratchet.linter import lint_paths

USERS = """CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, email TEXT);
CREATE INDEX idx_users_email ON users (email);
"""
POSTS = "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users ON DELETE CASCADE);\n"
DATA = "INSERT INTO users VALUES (1, 'ann', 'a@x'), (2, 'bob', NULL);\nINSERT INTO posts VALUES (1, 1), (2, 2);\n"
# line 1: rename, 2: create, 3: copy, 4: drop, 5: index
RENAMED_FIRST = """ALTER TABLE users RENAME TO _users_old;
CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, email TEXT, bio TEXT);
INSERT INTO users (id, username, email) SELECT id, username, email FROM _users_old;
DROP TABLE _users_old;
CREATE INDEX idx_users_email ON users (email);
"""
LEGACY = "PRAGMA legacy_alter_table = ON;\n"


def lint(tmp_path: Path, change: str, *earlier: str) -> list[tuple[str, int, int, str]]:
    """The findings of ``change`` (the last file) after ``USERS`` and ``earlier``."""
    directory = tmp_path / "migrations"
    directory.mkdir(parents=True)
    for number, sql in enumerate((USERS, *earlier)):
        (directory / f"1.{number}.0__f.sql").write_text(sql, encoding="utf-8")
    (directory / "2.0.0__change.sql").write_text(change, encoding="utf-8")
    report = lint_paths([directory], dialect="sqlite")
    assert not report.problems
    return [(f.rule, f.line, f.column, f.message) for f in report.findings if f.path.name == "2.0.0__change.sql"]


def rules(found: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int]]:
    return [(rule, line, column) for rule, line, column, _ in found]


def test_a_faithful_rebuild_that_renames_first_is_no_finding(tmp_path: Path) -> None:
    assert lint(tmp_path, RENAMED_FIRST) == []


def test_the_foreign_key_pragma_around_one_is_the_12_steps(tmp_path: Path) -> None:
    wrapped = "PRAGMA foreign_keys = OFF;\n" + RENAMED_FIRST + "PRAGMA foreign_keys = ON;\n"
    assert lint(tmp_path, wrapped) == []
    # near miss: a pragma that cannot take effect in the file's transaction, beside the rebuild
    wrapped = "PRAGMA journal_mode = WAL;\n" + RENAMED_FIRST
    assert rules(lint(tmp_path / "journal", wrapped)) == [("needs-no-transaction", 1, 1)]


@pytest.mark.parametrize(
    "where", [" WHERE true", " WHERE 1", " WHERE 1 = 1 ORDER BY id", " WHERE true ON CONFLICT (id) DO NOTHING"]
)
def test_a_copy_whose_where_keeps_every_row_moves_every_row(tmp_path: Path, where: str) -> None:
    # SQLite's upsert needs a WHERE after INSERT ... SELECT, if only WHERE true; the ON CONFLICT is
    # the copy's filter there (trigger and near miss below)
    copy = RENAMED_FIRST.replace("FROM _users_old;\nDROP", f"FROM _users_old{where};\nDROP")
    found = rules(lint(tmp_path, copy.replace(" ON CONFLICT (id) DO NOTHING", "")))
    assert found == []
    if "ON CONFLICT" in where:
        upsert = lint(tmp_path / "upsert", copy)
        assert rules(upsert) == [("rebuild-filters-rows", 3, 1)]
        assert "uses ON CONFLICT" in upsert[0][3]
    # near miss: a WHERE that may leave rows out
    narrowed = RENAMED_FIRST.replace("FROM _users_old;\nDROP", "FROM _users_old WHERE 1 AND email IS NOT NULL;\nDROP")
    assert rules(lint(tmp_path / "narrowed", narrowed)) == [("rebuild-filters-rows", 3, 1)]


def test_a_rename_that_is_not_followed_by_the_create_and_the_drop_stays_a_rename(tmp_path: Path) -> None:
    assert rules(lint(tmp_path, RENAMED_FIRST.split("\n", 1)[0] + "\n")) == [("rename-table", 1, 19)]
    no_drop = RENAMED_FIRST.replace("DROP TABLE _users_old;\n", "")
    assert ("rename-table", 1, 19) in rules(lint(tmp_path / "no_drop", no_drop))


def test_the_copy_is_verified(tmp_path: Path) -> None:
    lossy = RENAMED_FIRST.replace(", email) SELECT id, username, email", ") SELECT id, username")
    found = lint(tmp_path, lossy)
    assert rules(found) == [("rebuild-unverified", 4, 1)]
    assert "column email is not copied" in found[0][3]
    filtered = RENAMED_FIRST.replace("_users_old;\nDROP", "_users_old WHERE email IS NOT NULL;\nDROP")
    assert rules(lint(tmp_path / "filtered", filtered)) == [("rebuild-filters-rows", 3, 1)]
    # a copy into users before the rename fills the old table, not the new one
    early = "INSERT INTO users (id, username) SELECT 3, 'cy';\n" + RENAMED_FIRST.replace(
        "INSERT INTO users (id, username, email) SELECT id, username, email FROM _users_old;\n", ""
    )
    found = lint(tmp_path / "early", early)
    assert rules(found) == [("rebuild-filters-rows", 4, 1)]
    assert "FROM _users_old" in found[0][3]


def test_indexes_and_triggers_go_with_the_renamed_table(tmp_path: Path) -> None:
    found = lint(tmp_path, RENAMED_FIRST.replace("CREATE INDEX idx_users_email ON users (email);\n", ""))
    assert rules(found) == [("rebuild-loses-dependents", 4, 1)]
    assert "index idx_users_email (email)" in found[0][3]
    trigger = "CREATE TRIGGER users_touch AFTER UPDATE ON users BEGIN SELECT 1; END;\n"
    found = lint(tmp_path / "trigger", RENAMED_FIRST, trigger)
    assert rules(found) == [("rebuild-loses-dependents", 4, 1)]
    assert "trigger users_touch" in found[0][3]
    assert lint(tmp_path / "recreated", RENAMED_FIRST + trigger, trigger) == []


def test_a_child_foreign_key_follows_the_rename_unless_legacy_alter_table(tmp_path: Path) -> None:
    found = lint(tmp_path, RENAMED_FIRST, POSTS)
    assert rules(found) == [("rebuild-loses-dependents", 4, 1)]
    assert "the foreign key of posts" in found[0][3]
    # near miss: under legacy_alter_table the rename leaves the child's foreign key naming users
    assert lint(tmp_path / "legacy", LEGACY + RENAMED_FIRST, POSTS) == []


def test_a_view_survives_a_rebuild_only_under_legacy_alter_table(tmp_path: Path) -> None:
    view = "CREATE VIEW user_emails AS SELECT id, email FROM users;\n"
    rebuild = """CREATE TABLE users_new (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, email TEXT);
INSERT INTO users_new (id, username, email) SELECT id, username, email FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE INDEX idx_users_email ON users (email);
"""
    found = lint(tmp_path, rebuild, view)
    assert rules(found) == [("rebuild-loses-dependents", 3, 1)]
    assert "view user_emails depends on users" in found[0][3]
    assert lint(tmp_path / "legacy", LEGACY + rebuild + "PRAGMA legacy_alter_table = OFF;\n", view) == []
    # renamed first, the view follows users to _users_old (and is left naming a table that is gone)
    found = lint(tmp_path / "renamed_first", RENAMED_FIRST, view)
    assert rules(found) == [("rebuild-loses-dependents", 4, 1)]
    assert "view user_emails" in found[0][3]
    assert lint(tmp_path / "renamed_first_legacy", LEGACY + RENAMED_FIRST, view) == []


def test_migrate_runs_it_with_the_12_steps(project: Project, sqlite_path: Path) -> None:
    """Without them, DROP TABLE _users_old would cascade to the posts whose foreign key the rename
    pointed at it; with them, the dangling keys are found before COMMIT and nothing changes."""
    for name, sql in (("1.0.0__users.sql", USERS), ("1.1.0__posts.sql", POSTS), ("1.2.0__data.sql", DATA)):
        (project.migrations / name).write_text(sql, encoding="utf-8")
    (project.migrations / "1.3.0__rebuild.sql").write_text(RENAMED_FIRST, encoding="utf-8")
    result = project.ratchet("migrate", "--no-lint")
    assert result.code == 5, result.output
    assert "violate foreign keys" in result.output
    assert sqlite_rows(sqlite_path, "SELECT count(*) FROM posts") == [(2,)]
    (project.migrations / "1.3.0__rebuild.sql").write_text(LEGACY + RENAMED_FIRST, encoding="utf-8")
    assert project.ratchet("lint", "migrations").code == 0
    result = project.ratchet("migrate")
    assert result.code == 0, result.output
    assert sqlite_rows(sqlite_path, "SELECT id, user_id FROM posts ORDER BY id") == [(1, 1), (2, 2)]
    assert sqlite_rows(sqlite_path, "SELECT id, username, email, bio FROM users ORDER BY id") == [
        (1, "ann", "a@x", None),
        (2, "bob", None, None),
    ]
    assert sqlite_rows(sqlite_path, "PRAGMA foreign_key_check") == []


# line 1: backup, 2: copy out, 3: drop, 4: create, 5: copy back, 6: drop the backup, 7: index
THROUGH_A_BACKUP = """CREATE TEMPORARY TABLE users_backup (id, username, email);
INSERT INTO users_backup SELECT id, username, email FROM users;
DROP TABLE users;
CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, email TEXT, bio TEXT);
INSERT INTO users (id, username, email) SELECT id, username, email FROM users_backup;
DROP TABLE users_backup;
CREATE INDEX idx_users_email ON users (email);
"""


def test_a_faithful_rebuild_through_a_backup_is_no_finding(tmp_path: Path) -> None:
    assert lint(tmp_path, THROUGH_A_BACKUP, POSTS) == []
    as_select = THROUGH_A_BACKUP.replace(
        " (id, username, email);\nINSERT INTO users_backup SELECT id, username, email FROM users;",
        " AS SELECT * FROM users;\nSELECT 1;",
    )
    assert lint(tmp_path / "as_select", as_select, POSTS) == []


@pytest.mark.parametrize("temporary", ["TEMPORARY ", ""])
def test_a_backup_made_if_not_exists_as_select_is_the_file_s_own(tmp_path: Path, temporary: str) -> None:
    # a scratch copy the file fills from the table it drops, and drops itself, cannot be there before
    as_select = THROUGH_A_BACKUP.replace(
        "CREATE TEMPORARY TABLE users_backup (id, username, email);\n"
        "INSERT INTO users_backup SELECT id, username, email FROM users;",
        f"CREATE {temporary}TABLE IF NOT EXISTS users_backup AS SELECT * FROM users;\nSELECT 1;",
    )
    assert lint(tmp_path, as_select, POSTS) == []
    # near miss: a copy out that leaves rows behind is still found, at its line
    filtered = as_select.replace("FROM users;", "FROM users WHERE email IS NOT NULL;")
    assert rules(lint(tmp_path / "filtered", filtered, POSTS)) == [("rebuild-filters-rows", 1, 1)]


def test_the_copies_through_the_backup_are_verified(tmp_path: Path) -> None:
    lossy = THROUGH_A_BACKUP.replace("email TEXT, bio", "bio").replace(
        "CREATE INDEX idx_users_email ON users (email);\n", ""
    )
    found = lint(
        tmp_path,
        lossy.replace(
            ", email) SELECT id, username, email FROM users_backup", ") SELECT id, username FROM users_backup"
        ),
    )
    # its index goes with the column (as with DROP COLUMN): the one loss is the column
    assert rules(found) == [("rebuild-unverified", 3, 1)]
    assert "column email is missing" in found[0][3]
    filtered = THROUGH_A_BACKUP.replace("FROM users;", "FROM users WHERE email IS NOT NULL;")
    assert rules(lint(tmp_path / "filtered", filtered)) == [("rebuild-filters-rows", 2, 1)]


def swaps(message: str) -> set[str]:
    """The ``old into other`` moves a rebuild-unverified message names."""
    return set(message.partition("the copy puts column ")[2].split(", "))


def test_each_column_is_followed_through_the_backup(tmp_path: Path) -> None:
    # the backup lists its columns in another order, the copy out goes by position: username and
    # email change places on the way out, and the copy back by name keeps them swapped
    swapped = THROUGH_A_BACKUP.replace("users_backup (id, username, email)", "users_backup (id, email, username)")
    found = lint(tmp_path, swapped)
    assert rules(found) == [("rebuild-unverified", 3, 1)]
    assert swaps(found[0][3]) == {"username into email", "email into username"}
    # near miss: the same backup filled by a column list in its own order
    listed = swapped.replace("INSERT INTO users_backup SELECT", "INSERT INTO users_backup (id, username, email) SELECT")
    assert lint(tmp_path / "listed", listed) == []
    # a column list in another order than the SELECT's, back into users
    crossed = THROUGH_A_BACKUP.replace("users (id, username, email) SELECT", "users (id, email, username) SELECT")
    found = lint(tmp_path / "crossed", crossed)
    assert rules(found) == [("rebuild-unverified", 3, 1)]
    assert swaps(found[0][3]) == {"username into email", "email into username"}


def test_a_column_list_in_another_order_is_followed_in_the_other_shapes(tmp_path: Path) -> None:
    crossed = RENAMED_FIRST.replace("users (id, username, email) SELECT", "users (id, email, username) SELECT")
    found = lint(tmp_path, crossed)
    assert rules(found) == [("rebuild-unverified", 4, 1)]
    assert swaps(found[0][3]) == {"username into email", "email into username"}
    renamed = RENAMED_FIRST.replace("SELECT id, username, email FROM", "SELECT id, username AS username, email FROM")
    assert lint(tmp_path / "aliased", renamed) == []


def test_a_drop_without_the_way_back_stays_a_drop(tmp_path: Path) -> None:
    no_copy_back = THROUGH_A_BACKUP.replace(
        "INSERT INTO users (id, username, email) SELECT id, username, email FROM users_backup;\n", ""
    )
    assert ("drop-table", 3, 1) in rules(lint(tmp_path, no_copy_back))
    kept = THROUGH_A_BACKUP.replace("DROP TABLE users_backup;\n", "")
    assert ("drop-table", 3, 1) in rules(lint(tmp_path / "kept", kept))


def test_migrate_runs_a_rebuild_through_a_backup_with_the_12_steps(project: Project, sqlite_path: Path) -> None:
    """Without them, DROP TABLE users would delete every post (ON DELETE CASCADE, foreign keys on)."""
    for name, sql in (("1.0.0__users.sql", USERS), ("1.1.0__posts.sql", POSTS), ("1.2.0__data.sql", DATA)):
        (project.migrations / name).write_text(sql, encoding="utf-8")
    (project.migrations / "1.3.0__rebuild.sql").write_text(THROUGH_A_BACKUP, encoding="utf-8")
    result = project.ratchet("migrate")
    assert result.code == 0, result.output
    assert sqlite_rows(sqlite_path, "SELECT id, user_id FROM posts ORDER BY id") == [(1, 1), (2, 2)]
    assert sqlite_rows(sqlite_path, "SELECT id, username, bio FROM users ORDER BY id") == [
        (1, "ann", None),
        (2, "bob", None),
    ]
    assert sqlite_rows(sqlite_path, "PRAGMA foreign_key_check") == []


def _backup(out: str, back: str) -> str:
    """``THROUGH_A_BACKUP`` with the backup made by ``CREATE ... AS SELECT <out>`` and the copy back
    ``INSERT INTO users <back>`` (line 1 the backup, 2 the drop, 5 the copy back)."""
    return (
        THROUGH_A_BACKUP.replace(
            " (id, username, email);\nINSERT INTO users_backup SELECT id, username, email FROM users;\n",
            f" AS SELECT {out} FROM users;\n",
        )
        .replace("INSERT INTO users (id, username, email) SELECT id, username, email FROM users_backup;", "")
        .replace("DROP TABLE users_backup;", f"INSERT INTO users {back} FROM users_backup;\nDROP TABLE users_backup;")
    )


def test_a_column_the_backup_leaves_out_is_lost(tmp_path: Path) -> None:
    found = lint(tmp_path, _backup("id, username", "SELECT id, username, NULL, NULL"))
    assert rules(found) == [("rebuild-unverified", 2, 1)]
    assert found[0][3] == "rebuild of users: column email is not copied"
    # near miss: the backup keeps it, and the copy back names it
    assert lint(tmp_path / "kept", _backup("id, username, email", "SELECT id, username, email, NULL")) == []
    assert lint(tmp_path / "star", _backup("*", "SELECT *, NULL")) == []


def test_a_backup_in_another_order_copied_back_by_position_swaps_columns(tmp_path: Path) -> None:
    found = lint(tmp_path, _backup("id, email, username", "SELECT *, NULL"))
    assert rules(found) == [("rebuild-unverified", 2, 1)]
    assert "the copy puts column email into username, username into email" in found[0][3]
    # near miss: the same backup copied back by name
    named = _backup("id, email, username", "(id, username, email) SELECT id, username, email")
    assert lint(tmp_path / "named", named) == []


def test_a_copy_out_by_name_into_the_wrong_columns_is_found(tmp_path: Path) -> None:
    swapped = THROUGH_A_BACKUP.replace(
        "INSERT INTO users_backup SELECT id, username, email",
        "INSERT INTO users_backup (id, email, username) SELECT id, username, email",
    )
    found = lint(tmp_path, swapped)
    assert rules(found) == [("rebuild-unverified", 3, 1)]
    assert "the copy puts column email into username, username into email" in found[0][3]
    right = swapped.replace("SELECT id, username, email FROM users;", "SELECT id, email, username FROM users;")
    assert lint(tmp_path / "right", right) == []


def test_migrate_refuses_a_backup_rebuild_that_loses_a_column(project: Project, sqlite_path: Path) -> None:
    for name, sql in (("1.0.0__users.sql", USERS), ("1.1.0__posts.sql", POSTS), ("1.2.0__data.sql", DATA)):
        (project.migrations / name).write_text(sql, encoding="utf-8")
    assert project.ratchet("migrate").code == 0
    lossy = _backup("id, username", "SELECT id, username, NULL, NULL")
    (project.migrations / "1.3.0__rebuild.sql").write_text(lossy, encoding="utf-8")
    result = project.ratchet("migrate")
    assert result.code != 0, result.output
    assert "column email is not copied" in result.output
    assert sqlite_rows(sqlite_path, "SELECT id, email FROM users ORDER BY id") == [(1, "a@x"), (2, None)]
    (project.migrations / "1.3.0__rebuild.sql").write_text(_backup("*", "SELECT *, NULL"), encoding="utf-8")
    result = project.ratchet("migrate")
    assert result.code == 0, result.output
    assert sqlite_rows(sqlite_path, "SELECT id, email FROM users ORDER BY id") == [(1, "a@x"), (2, None)]


def test_legacy_alter_table_set_by_an_earlier_file_is_off_again(tmp_path: Path) -> None:
    """The runner puts the pragma back after each file, so the replay does too."""
    found = lint(tmp_path, RENAMED_FIRST, POSTS, LEGACY + "CREATE TABLE tags (id INTEGER PRIMARY KEY);\n")
    assert rules(found) == [("rebuild-loses-dependents", 4, 1)]
    assert "the foreign key of posts" in found[0][3]
    # near miss: set in the rebuilding file itself
    assert lint(tmp_path / "same_file", LEGACY + RENAMED_FIRST, POSTS) == []


def test_migrate_puts_legacy_alter_table_back_after_each_file(project: Project, sqlite_path: Path) -> None:
    """Left on, the pragma would let the next file's rename-first rebuild through without rewriting
    the foreign key of posts; put back, that rename points it at the old table, and the 12 steps
    find the dangling keys before COMMIT."""
    for name, sql in (("1.0.0__users.sql", USERS), ("1.1.0__posts.sql", POSTS), ("1.2.0__data.sql", DATA)):
        (project.migrations / name).write_text(sql, encoding="utf-8")
    (project.migrations / "1.3.0__legacy.sql").write_text(
        LEGACY + "CREATE TABLE tags (id INTEGER);\n", encoding="utf-8"
    )
    (project.migrations / "1.4.0__rebuild.sql").write_text(RENAMED_FIRST, encoding="utf-8")
    result = project.ratchet("migrate", "--no-lint")
    assert result.code == 5, result.output
    assert "violate foreign keys" in result.output
    assert sqlite_rows(sqlite_path, "SELECT name FROM pragma_table_info('users') WHERE name = 'bio'") == []
    assert sqlite_rows(sqlite_path, "SELECT id, user_id FROM posts ORDER BY id") == [(1, 1), (2, 2)]
    # near miss: the pragma in the rebuilding file itself
    (project.migrations / "1.4.0__rebuild.sql").write_text(LEGACY + RENAMED_FIRST, encoding="utf-8")
    result = project.ratchet("migrate", "--no-lint")
    assert result.code == 0, result.output
    assert sqlite_rows(sqlite_path, "SELECT id, user_id FROM posts ORDER BY id") == [(1, 1), (2, 2)]


def test_a_copy_that_reads_the_table_through_a_subquery_is_judged_by_the_subquery(tmp_path: Path) -> None:
    through = "FROM (SELECT * FROM _users_old{}) AS kept;\n"
    plain = RENAMED_FIRST.replace("FROM _users_old;\n", through.format(""))
    assert lint(tmp_path, plain) == []
    filtered = RENAMED_FIRST.replace("FROM _users_old;\n", through.format(" WHERE email IS NOT NULL"))
    assert rules(lint(tmp_path / "filtered", filtered)) == [("rebuild-filters-rows", 3, 1)]
    grouped = RENAMED_FIRST.replace("FROM _users_old;\n", through.format(" GROUP BY email"))
    assert rules(lint(tmp_path / "grouped", grouped)) == [("rebuild-filters-rows", 3, 1)]
    # near miss: the subquery reads another table, so the old one's rows are not copied
    elsewhere = RENAMED_FIRST.replace("FROM _users_old;\n", "FROM (SELECT * FROM posts) AS kept;\n")
    assert ("rebuild-filters-rows", 4, 1) in rules(lint(tmp_path / "elsewhere", elsewhere, POSTS))


def test_an_index_made_again_under_its_name_with_other_columns_is_changed_not_lost(tmp_path: Path) -> None:
    other = RENAMED_FIRST.replace("ON users (email)", "ON users (email, username)")
    found = lint(tmp_path, other)
    assert rules(found) == [("drop-index", 4, 1)]
    assert "idx_users_email" in found[0][3] and "(email, username)" in found[0][3]
    # near miss: under another name the old index is gone
    renamed = RENAMED_FIRST.replace("idx_users_email ON users (email)", "idx_users_pair ON users (email, username)")
    assert rules(lint(tmp_path / "renamed", renamed)) == [("rebuild-loses-dependents", 4, 1)]


def test_a_unique_constraint_made_again_as_a_partial_index_is_a_change(tmp_path: Path) -> None:
    # the rebuilt table keeps username unique only where email is set: other rows may repeat it
    partial = RENAMED_FIRST.replace("username TEXT NOT NULL UNIQUE", "username TEXT NOT NULL") + (
        "CREATE UNIQUE INDEX users_username ON users (username) WHERE email IS NOT NULL;\n"
    )
    found = lint(tmp_path, partial)
    assert rules(found) == [("drop-constraint", 4, 1)]
    assert "UNIQUE constraint (username)" in found[0][3] and "WHERE email IS NOT NULL" in found[0][3]
    # near miss: a unique index on every row keeps what the constraint did
    full = partial.replace(" WHERE email IS NOT NULL", "")
    assert lint(tmp_path / "full", full) == []


PARTIAL = "CREATE UNIQUE INDEX users_email_live ON users (email) WHERE bio IS NULL;\n"


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        ("CREATE UNIQUE INDEX users_email_live ON users (email) WHERE bio IS NOT NULL;\n", "drop-constraint"),
        ("CREATE UNIQUE INDEX users_email_live ON users (email);\n", "add-unique-to-existing"),
        ("CREATE INDEX users_email_live ON users (email) WHERE bio IS NULL;\n", "rebuild-loses-dependents"),
        # near misses: the same condition however it is spelt
        ('CREATE UNIQUE INDEX users_email_live ON users (email) WHERE "bio"   is null;\n', None),
        ("CREATE UNIQUE INDEX other_name ON users (email) WHERE bio IS NULL;\n", None),
    ],
)
def test_a_partial_unique_index_made_again_for_other_rows_is_a_change(
    tmp_path: Path, index: str, expected: str | None
) -> None:
    with_bio = "ALTER TABLE users ADD COLUMN bio TEXT;\n" + PARTIAL
    change = RENAMED_FIRST.replace("email) SELECT id, username, email", "email, bio) SELECT id, username, email, bio")
    assert rules(lint(tmp_path, change + index, with_bio)) == ([(expected, 4, 1)] if expected else [])


def test_an_index_made_again_for_fewer_rows_is_a_change(tmp_path: Path) -> None:
    partial = RENAMED_FIRST.replace("ON users (email)", "ON users (email) WHERE email IS NOT NULL")
    found = lint(tmp_path, partial)
    assert rules(found) == [("drop-index", 4, 1)]
    assert "idx_users_email (email) is made again only WHERE email IS NOT NULL" in found[0][3]
    # near miss: an index on every row serves what a partial one did
    earlier = "DROP INDEX idx_users_email;\nCREATE INDEX idx_users_email ON users (email) WHERE email IS NOT NULL;\n"
    assert lint(tmp_path / "full", RENAMED_FIRST, earlier) == []
