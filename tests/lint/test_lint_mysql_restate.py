"""MySQL column restatements judged against the columns the earlier files built, and MySQL statements
that were misread; each with its trigger and a near miss, checked by rule, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from ratchet.linter import lint_paths
from ratchet.linter.mysql_columns import ColumnDef, Columns, ColumnType
from ratchet.split import split_statements

MY_BASE = """CREATE TABLE users (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(100) NOT NULL,
  name VARCHAR(100) NULL,
  state ENUM('active','banned') NOT NULL DEFAULT 'active',
  score INT NOT NULL DEFAULT 0,
  bio VARCHAR(255),
  title VARCHAR(100) CHARACTER SET utf8 COLLATE utf8_general_ci NULL
) ENGINE=InnoDB;
CREATE TABLE tags (id INT PRIMARY KEY, user_id INT UNSIGNED NOT NULL, label VARCHAR(20) NOT NULL);
"""


def findings(tmp_path: Path, dialect: str, base: str, sql: str) -> set[tuple[str, int, int]]:
    (tmp_path / "1.0.0__base.sql").write_text(base, encoding="utf-8")
    (tmp_path / "1.1.0__case.sql").write_text(sql, encoding="utf-8")
    report = lint_paths([tmp_path], dialect=dialect)
    assert not report.problems
    return {
        (f.rule, f.line, f.column)
        for f in report.findings
        if f.path.name == "1.1.0__case.sql" and f.rule != "mysql-implicit-commit"
    }


MYSQL_CASES = [
    # a restatement that keeps every value is a widening (info), judged from the earlier files
    ("widen_varchar", "ALTER TABLE users MODIFY email VARCHAR(191) NOT NULL;", {("widen-column-type", 1, 19)}),
    ("narrow_varchar", "ALTER TABLE users MODIFY email VARCHAR(50) NOT NULL;", {("alter-column-type", 1, 19)}),
    ("same_type", "ALTER TABLE users MODIFY COLUMN email varchar(100) NOT NULL COMMENT 'login';", set()),
    ("widen_int", "ALTER TABLE users CHANGE score score BIGINT NOT NULL DEFAULT 0;", {("widen-column-type", 1, 19)}),
    (
        "signed_to_unsigned",
        "ALTER TABLE users MODIFY score INT UNSIGNED NOT NULL DEFAULT 0;",
        {("alter-column-type", 1, 19)},
    ),
    ("varchar_to_text", "ALTER TABLE users MODIFY bio TEXT;", {("widen-column-type", 1, 19)}),
    (
        "text_to_varchar",
        "ALTER TABLE users MODIFY bio TEXT;\nALTER TABLE users MODIFY bio VARCHAR(255);",
        {("widen-column-type", 1, 19), ("alter-column-type", 2, 19)},
    ),
    (
        "enum_appended",
        "ALTER TABLE users MODIFY state ENUM('active','banned','invited') NOT NULL DEFAULT 'active';",
        {("widen-column-type", 1, 19)},
    ),
    (
        "enum_removed",
        "ALTER TABLE users MODIFY state ENUM('active') NOT NULL DEFAULT 'active';",
        {("alter-column-type", 1, 19)},
    ),
    (
        "charset_utf8_to_utf8mb4",
        "ALTER TABLE users MODIFY title VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NULL;",
        {("widen-column-type", 1, 19)},
    ),
    (
        "charset_utf8_to_latin1",
        "ALTER TABLE users MODIFY title VARCHAR(100) CHARACTER SET latin1 NULL;",
        {("alter-column-type", 1, 19)},
    ),
    # what a restatement leaves out is dropped
    ("leaves_out_not_null", "ALTER TABLE users MODIFY email VARCHAR(100);", {("drop-not-null", 1, 19)}),
    ("leaves_out_default", "ALTER TABLE users MODIFY score INT NOT NULL;", {("drop-default", 1, 19)}),
    (
        "leaves_out_default_set_in_the_file",
        "UPDATE users SET bio = '' WHERE bio IS NULL;\nALTER TABLE users ALTER bio SET DEFAULT '';\n"
        "ALTER TABLE users MODIFY bio VARCHAR(255) NOT NULL;",
        {("set-not-null", 3, 19)},
    ),
    # NOT NULL by restatement: on an old column set-not-null, on a column new in the file the net effect
    ("modify_not_null", "ALTER TABLE users MODIFY name VARCHAR(100) NOT NULL;", {("set-not-null", 1, 19)}),
    ("modify_not_null_already", "ALTER TABLE users MODIFY email VARCHAR(100) NOT NULL;", set()),
    (
        "add_backfill_modify_not_null",
        "ALTER TABLE users ADD COLUMN locale VARCHAR(8) NULL;\nUPDATE users SET locale = 'en';\n"
        "ALTER TABLE users MODIFY locale VARCHAR(8) NOT NULL;",
        {("update-without-where", 2, 1), ("add-not-null-without-default", 3, 19)},
    ),
    (
        "add_backfill_modify_not_null_default",
        "ALTER TABLE users ADD COLUMN locale VARCHAR(8) NULL;\nUPDATE users SET locale = 'en';\n"
        "ALTER TABLE users MODIFY locale VARCHAR(8) NOT NULL DEFAULT 'en';",
        {("update-without-where", 2, 1)},
    ),
    (
        "add_default_then_drop_default",
        "ALTER TABLE users ADD COLUMN plan VARCHAR(10) NOT NULL DEFAULT 'free';\n"
        "ALTER TABLE users ALTER COLUMN plan DROP DEFAULT;",
        {("add-not-null-without-default", 2, 19)},
    ),
    ("add_default_kept", "ALTER TABLE users ADD COLUMN plan VARCHAR(10) NOT NULL DEFAULT 'free';", set()),
    (
        "new_table_restated",
        "CREATE TABLE t2 (a INT);\nALTER TABLE t2 MODIFY a VARCHAR(5) NOT NULL;",
        set(),
    ),
    ("rename_not_required", "ALTER TABLE tags CHANGE label title VARCHAR(20) NOT NULL;", {("rename-column", 1, 18)}),
    ("rename_column_not_required", "ALTER TABLE tags RENAME COLUMN label TO title;", {("rename-column", 1, 18)}),
    (
        "mariadb_if_exists",
        "ALTER TABLE users MODIFY COLUMN IF EXISTS email VARCHAR(191) NOT NULL;",
        {("widen-column-type", 1, 19)},
    ),
    (
        "mariadb_change_if_exists",
        "ALTER TABLE users CHANGE COLUMN IF EXISTS score score SMALLINT NOT NULL DEFAULT 0;",
        {("alter-column-type", 1, 19)},
    ),
    ("unknown_table", "ALTER TABLE elsewhere MODIFY a VARCHAR(5);", {("alter-column-type", 1, 23)}),
    # statements that were misread
    ("add_column_list", "ALTER TABLE users ADD COLUMN (city VARCHAR(50), zip VARCHAR(10));", set()),
    (
        "add_column_list_not_null",
        "ALTER TABLE users ADD (city VARCHAR(50), zip VARCHAR(10) NOT NULL);",
        {("add-not-null-without-default", 1, 19)},
    ),
    (
        "lock_tables",
        "LOCK TABLES tags WRITE;\nINSERT INTO tags VALUES (1, 1, 'a');\nUNLOCK TABLES;",
        {("transaction-control", 1, 1), ("transaction-control", 3, 1)},
    ),
    (
        "lock_tables_no_transaction",
        "-- guard: no-transaction\nLOCK TABLE tags READ;\nSELECT 1;\nunlock tables;",
        set(),
    ),
    ("flush_tables", "FLUSH TABLES;", {("unrecognized-statement", 1, 1)}),
    ("index_invisible", "ALTER TABLE tags ALTER INDEX idx_user INVISIBLE;", set()),
    ("index_ignored", "ALTER TABLE tags ALTER INDEX idx_user NOT IGNORED;", set()),
    ("alter_view", "ALTER ALGORITHM=MERGE VIEW active AS SELECT id FROM users WHERE state = 'active';", set()),
    ("alter_database_charset", "ALTER DATABASE app CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;", set()),
    ("alter_database_other", "ALTER DATABASE app UPGRADE DATA DIRECTORY NAME;", {("unrecognized-statement", 1, 1)}),
    ("alter_event", "ALTER EVENT purge_sessions ON SCHEDULE EVERY 2 DAY;", set()),
    ("alter_event_rename", "ALTER EVENT purge_sessions RENAME TO purge_old_sessions;", {("rename-other", 1, 28)}),
    ("create_user", "CREATE USER IF NOT EXISTS 'report'@'%' IDENTIFIED BY 'secret';", set()),
    ("flush_privileges", "GRANT SELECT ON app.* TO 'report'@'%';\nFLUSH PRIVILEGES;", set()),
    ("check_not_enforced", "ALTER TABLE tags ADD CONSTRAINT chk_label CHECK (label <> '') NOT ENFORCED;", set()),
    (
        "check_enforced",
        "ALTER TABLE tags ADD CONSTRAINT chk_label CHECK (label <> '');",
        {("add-constraint-to-existing", 1, 18)},
    ),
    ("update_join", "UPDATE tags t JOIN users u ON u.id = t.user_id SET t.label = u.name;", set()),
    (
        "update_left_join",
        "UPDATE tags t LEFT JOIN users u ON u.id = t.user_id SET t.label = 'x';",
        {("update-without-where", 1, 1)},
    ),
]


@pytest.mark.parametrize(("sql", "expected"), [c[1:] for c in MYSQL_CASES], ids=[c[0] for c in MYSQL_CASES])
def test_mysql(tmp_path: Path, sql: str, expected: set[tuple[str, int, int]]) -> None:
    assert findings(tmp_path, "mysql", MY_BASE, sql) == expected


def test_mysql_messages_name_the_object(tmp_path: Path) -> None:
    sql = (
        "ALTER TABLE tags DROP CHECK chk_label;\nALTER TABLE tags DROP FOREIGN KEY fk_user;\n"
        "ALTER TABLE tags DROP INDEX idx_user;\nALTER TABLE tags RENAME INDEX idx_user TO idx_tags_user;\n"
        "ALTER TABLE users MODIFY email VARCHAR(20) NOT NULL;"
    )
    (tmp_path / "1.0.0__base.sql").write_text(MY_BASE, encoding="utf-8")
    (tmp_path / "1.1.0__case.sql").write_text(sql, encoding="utf-8")
    messages = [f.message for f in lint_paths([tmp_path], dialect="mysql").findings if f.line > 0]
    for expected in ("chk_label", "fk_user", "index idx_user of tags", "idx_user of tags to idx_tags_user"):
        assert any(expected in message for message in messages), expected
    assert any("from varchar(100) to varchar(20)" in message for message in messages)


def test_mysql_history_from_lint_schema(tmp_path: Path) -> None:
    (tmp_path / "1.0.0__widen.sql").write_text("ALTER TABLE users MODIFY email VARCHAR(191) NOT NULL;", "utf-8")
    report = lint_paths([tmp_path], dialect="mysql", seed_sql=MY_BASE)
    assert {(f.rule, f.line, f.column) for f in report.findings} == {("widen-column-type", 1, 19)}
    report = lint_paths([tmp_path], dialect="mysql")
    assert {(f.rule, f.line, f.column) for f in report.findings} == {("alter-column-type", 1, 19)}


def test_model_reads_past_runs_of_insert_lines(tmp_path: Path) -> None:
    data = "".join(f"INSERT INTO tags (id, user_id, label) VALUES ({i}, 1, 'l{i}');\n" for i in range(500))
    (tmp_path / "1.0.0__base.sql").write_text(MY_BASE, encoding="utf-8")
    (tmp_path / "1.1.0__data.sql").write_text(
        data + "ALTER TABLE tags MODIFY label VARCHAR(40) NOT NULL;\n" + data, "utf-8"
    )
    (tmp_path / "1.2.0__narrow.sql").write_text("ALTER TABLE tags MODIFY label VARCHAR(30) NOT NULL;\n", "utf-8")
    for jobs in (1, 2):
        found = {
            (f.path.name, f.rule, f.line, f.column)
            for f in lint_paths([tmp_path], dialect="mysql", jobs=jobs).findings
            if f.rule != "mysql-implicit-commit"
        }
        assert found == {
            ("1.1.0__data.sql", "widen-column-type", 501, 18),
            ("1.2.0__narrow.sql", "alter-column-type", 1, 18),
        }


def _model(sql: str, into: Columns | None = None) -> Columns:
    columns = into if into is not None else Columns()
    columns.apply_all(split_statements(sql, executable_comments=True))
    return columns


def test_model_copy_shares_tables_until_either_side_changes_one() -> None:
    original = _model("CREATE TABLE t (a INT NOT NULL, b INT);\nCREATE TABLE u (c INT);")
    copy = original.copy()
    # a copy costs one reference per table: each file's lint copies the model of all earlier files
    assert copy.tables["t"] is original.tables["t"]
    _model("ALTER TABLE t MODIFY a BIGINT NOT NULL;", into=copy)
    assert [original.column("t", "a"), copy.column("t", "a")] == [
        ColumnDef(ColumnType("int"), True, False),
        ColumnDef(ColumnType("bigint"), True, False),
    ]
    _model("ALTER TABLE u DROP COLUMN c;\nALTER TABLE t DROP COLUMN b;", into=original)
    assert list(copy.tables["u"]) == ["c"] and set(copy.tables["t"]) == {"a", "b"}
    assert list(original.tables["u"]) == [] and list(original.tables["t"]) == ["a"]
    # a renamed table keeps sharing its dict with the other side until it changes
    renamed = copy.copy()
    _model("RENAME TABLE u TO v;\nALTER TABLE v ADD COLUMN d INT;", into=renamed)
    assert list(copy.tables["u"]) == ["c"] and list(renamed.tables["v"]) == ["c", "d"]
