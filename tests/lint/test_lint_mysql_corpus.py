"""The MySQL lint on realistic histories (mysql_histories.py): precision and recall of its errors,
and its column model (nullability, defaults, the collations it knows) checked against a real
MariaDB server's information_schema after every file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from history_corpus import measure, write_history
from mysql_histories import HISTORIES

from conftest import Db
from ratchet.discover import read_all
from ratchet.linter import lint_paths
from ratchet.linter.history import History as SchemaHistory
from ratchet.linter.mysql_columns import Columns
from ratchet.split import split_statements


def test_precision_and_recall_of_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    measured = measure(tmp_path, HISTORIES, "mysql")
    with capsys.disabled():
        print("\n" + measured.summary("MySQL"))
    assert measured.found - measured.expected == set(), "false errors"
    assert measured.expected - measured.found == set(), "missed errors"


def _server_columns(db: Db) -> dict[str, dict[str, tuple[bool, bool]]]:
    rows = db.query(
        "SELECT c.table_name, c.column_name, c.is_nullable, c.column_default, c.extra"
        " FROM information_schema.columns c JOIN information_schema.tables t"
        " ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
        " WHERE c.table_schema = DATABASE() AND t.table_type = 'BASE TABLE'"
    )
    tables: dict[str, dict[str, tuple[bool, bool]]] = {}
    for table, column, nullable, default, extra in rows:
        # the server fills in an auto_increment or generated column as it fills in a default
        filled = (default is not None and str(default).upper() != "NULL") or any(
            word in str(extra).lower() for word in ("auto_increment", "generated")
        )
        tables.setdefault(str(table).lower(), {})[str(column).lower()] = (nullable == "NO", filled)
    return tables


def _server_collations(db: Db) -> dict[tuple[str, str], str]:
    rows = db.query(
        "SELECT table_name, column_name, collation_name FROM information_schema.columns"
        " WHERE table_schema = DATABASE() AND collation_name IS NOT NULL"
    )
    return {(str(table).lower(), str(column).lower()): str(collation) for table, column, collation in rows}


def _model(directory: Path, count: int) -> Columns:
    files, _ = read_all(directory)
    return SchemaHistory().mysql_columns(files[:count])


def _model_columns(model: Columns) -> dict[str, dict[str, tuple[bool, bool]]]:
    return {
        table: {name: (column.not_null, column.default or column.auto) for name, column in columns.items()}
        for table, columns in model.tables.items()
    }


def _model_collations(model: Columns) -> dict[tuple[str, str], str]:
    """The collation of each string column whose collation the model knows (its own, or its table's)."""
    return {
        (table, name): column.type.collation
        for table, columns in model.tables.items()
        for name, column in columns.items()
        if column.type is not None and column.type.collation is not None
    }


@pytest.mark.parametrize("label", sorted(HISTORIES))
def test_column_model_matches_the_server_after_every_file(
    tmp_path: Path, make_db: Callable[[str], Db], label: str
) -> None:
    history = HISTORIES[label]
    directory = tmp_path / label
    write_history(directory, history)
    db = make_db("mysql")
    connection = db.connect()
    names = [file.path.name for file in read_all(directory)[0]]
    try:
        for name, sql, _ in history:
            with connection.cursor() as cursor:
                for statement in split_statements(sql):
                    cursor.execute(statement.sql)
            model = _model(directory, names.index(name) + 1)
            assert _model_columns(model) == _server_columns(db), name
            assert _model_collations(model).items() <= _server_collations(db).items(), name
    finally:
        connection.close()


def test_forked_workers_find_the_same(tmp_path: Path) -> None:
    for label, history in HISTORIES.items():
        write_history(tmp_path / label, history)
    directories = [tmp_path / label for label in HISTORIES]
    one = lint_paths(directories, dialect="mysql", jobs=1)
    two = lint_paths(directories, dialect="mysql", jobs=2)
    assert one.findings and sorted(map(str, one.findings)) == sorted(map(str, two.findings))
