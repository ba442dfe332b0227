"""MySQL's executable comments (``/*!40101 SET NAMES utf8 */``, MariaDB's ``/*M!100100 ... */``) are SQL
the server runs: on MySQL ratchet sends them (as the mysql client does, where mysqldump output runs)
and the lint judges what they hold; on SQLite and PostgreSQL they stay comments."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Db, Project
from ratchet import api
from ratchet.linter import lint_paths
from ratchet.split import split_data, split_statements
from test_fresh_path import recording_mysql_connection

DUMP = """-- a baseline written by mysqldump
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
DROP TABLE IF EXISTS `users`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
CREATE TABLE `users` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(50) DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
/*!40101 SET character_set_client = @saved_cs_client */;
/*!40000 ALTER TABLE `users` DISABLE KEYS */;
INSERT INTO `users` VALUES (1,'a');
/*!40000 ALTER TABLE `users` ENABLE KEYS */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
"""


def test_mysql_split_keeps_executable_comments_and_drops_plain_ones() -> None:
    text = (
        "/* a plain comment */;\n/*!40101 SET NAMES utf8 */;\n"
        "ALTER TABLE t ADD COLUMN c int /*!80023 INVISIBLE */; -- trailing\n"
        "/*M!100100 SET STATEMENT max_statement_time=5 FOR */ SELECT 1;\n"
    )
    kept = [(s.line, s.column, s.sql) for s in split_statements(text, executable_comments=True)]
    assert kept == [
        (2, 1, "/*!40101 SET NAMES utf8 */"),
        (3, 1, "ALTER TABLE t ADD COLUMN c int /*!80023 INVISIBLE */"),
        (4, 1, "/*M!100100 SET STATEMENT max_statement_time=5 FOR */ SELECT 1"),
    ]
    # every other dialect: a comment, as before
    assert [s.sql for s in split_statements(text)] == ["ALTER TABLE t ADD COLUMN c int", "SELECT 1"]


def test_mysql_split_from_bytes_equals_the_split_of_the_text() -> None:
    text = DUMP + "".join(f"INSERT INTO `users` VALUES ({n},'n{n}');\n" for n in range(2, 40)) + DUMP
    expected = [(s.number, s.line, s.column, s.sql, s.offset) for s in split_statements(text, executable_comments=True)]
    found = split_data(text.encode("utf-8"), executable_comments=True)
    assert [(s.number, s.line, s.column, s.sql, s.offset) for s in found] == expected
    assert [s.sql for s in found if s.sql.startswith("/*!")][:2] == [
        "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */",
        "/*!40101 SET NAMES utf8mb4 */",
    ]


def _lint(tmp_path: Path, dialect: str, *files: str) -> set[tuple[str, str, int, int]]:
    directory = tmp_path / dialect
    directory.mkdir()
    for number, sql in enumerate(files):
        (directory / f"1.{number}.0__f{number}.sql").write_text(sql, encoding="utf-8")
    report = lint_paths([directory], dialect=dialect)
    return {(f.path.name[:5], f.rule, f.line, f.column) for f in report.findings if f.severity == "error"}


def test_mysql_lint_judges_what_executable_comments_hold(tmp_path: Path) -> None:
    change = (
        "/*!40101 SET NAMES utf8mb4 */;\n/*!50003 DROP TABLE users */;\n"
        "ALTER TABLE users /*!80023 DROP COLUMN name */;\n/*!40101 */;\n"
    )
    assert _lint(tmp_path, "mysql", DUMP, change) == {
        ("1.1.0", "drop-table", 2, 1),
        ("1.1.0", "drop-column", 3, 28),
    }


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_other_dialects_read_them_as_comments(tmp_path: Path, dialect: str) -> None:
    sql = "CREATE TABLE a (id int);\n/*!50003 DROP TABLE a */;\nCREATE TABLE b (id int);\n"
    assert _lint(tmp_path, dialect, sql) == set()


def test_mariadb_runs_the_dump_with_its_foreign_key_checks_off(project: Project, make_db: Callable[[str], Db]) -> None:
    """A child row loaded before its parent, as dumps do, under the dump's FOREIGN_KEY_CHECKS=0: the
    mysql client applies it, and so does ratchet (before, the comment was dropped and the file failed)."""
    db = make_db("mysql")
    project = Project(project.root, db.url)
    project.write("1.0.0__dump.sql", DUMP)
    project.write(
        "1.1.0__orders.sql",
        "/*!40014 SET FOREIGN_KEY_CHECKS=0 */;\n"
        "CREATE TABLE orders (id int PRIMARY KEY, user_id int,\n"
        "  CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id));\n"
        "INSERT INTO orders VALUES (1, 999);\n"
        "/*!40014 SET FOREIGN_KEY_CHECKS=1 */;\n",
    )
    result = project.ratchet("migrate")
    assert result.code == 0, result.output
    assert db.history() == {"1.0.0": ("applied", 11), "1.1.0": ("applied", 4)}
    assert db.query("SELECT user_id FROM orders") == [(999,)]


def test_mariadb_runs_a_ddl_in_an_executable_comment_as_a_ddl(tmp_path: Path, make_db: Callable[[str], Db]) -> None:
    """``/*!40000 ALTER TABLE t DISABLE KEYS */`` commits itself like the ALTER it holds: it is its own
    step in autocommit with its count after it, not a transaction that its implicit commit would break."""
    db = make_db("mysql")
    migrations = tmp_path / "m"
    migrations.mkdir()
    (migrations / "1.0.0__a.sql").write_text(
        "CREATE TABLE a (id INTEGER);\n/*!40000 ALTER TABLE a DISABLE KEYS */;\nINSERT INTO a VALUES (1);\n",
        encoding="utf-8",
    )
    sent: list[str] = []
    connection = recording_mysql_connection(db, sent)
    api.migrate(connection, migrations)
    connection.close()
    at = sent.index("/*!40000 ALTER TABLE a DISABLE KEYS */")
    assert sent[at - 1] != "START TRANSACTION", sent[at - 3 : at + 3]
    assert "statements_done = 2" in sent[at + 1], sent[at : at + 3]
    assert db.history() == {"1.0.0": ("applied", 3)}
