"""Server backends: URL query parameters reach the driver (or are refused), an application's
connection inside a transaction is refused, and backends depend on ``ratchet.errors`` only."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import ratchet
from conftest import Db, Project
from ratchet.errors import UsageError


def test_mysql_api_refuses_a_connection_inside_a_transaction(project: Project, make_db: Callable[[str], Db]) -> None:
    import pymysql

    db = make_db("mysql")
    db.execute("CREATE TABLE t (x INTEGER) ENGINE=InnoDB")
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    connection = pymysql.connect(host="127.0.0.1", port=3306, user="root", database=db.name, autocommit=False)
    try:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(UsageError, match="open transaction") as refused:
            ratchet.migrate(connection, project.migrations)
        assert refused.value.hint == "commit or roll back before calling ratchet"
        assert db.query("SELECT x FROM t") == []  # the application's transaction was not committed
        assert connection.get_autocommit() is False
        connection.rollback()
        assert [r.outcome for r in ratchet.migrate(connection, project.migrations).applied] == ["applied"]
        assert connection.get_autocommit() is False
    finally:
        connection.close()
    assert db.query("SELECT x FROM t") == []
    assert db.db_version() == "1.0.0"


def test_mysql_long_text_columns(make_db: Callable[[str], Db], project: Project) -> None:
    db = make_db("mysql")
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    assert Project(project.root, db.url).ratchet("migrate").code == 0
    rows = db.query(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = DATABASE() AND data_type = 'longtext' ORDER BY 1, 2"
    )
    assert rows == [("schema_history", "error"), ("schema_history", "waivers"), ("system_settings", "value")]
