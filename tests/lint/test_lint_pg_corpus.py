"""The PostgreSQL lint on realistic histories: precision and recall of its errors, and its
catalog checked against a real server's information_schema after every file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from history_corpus import measure, write_history
from pg_histories import HISTORIES

from conftest import Db
from ratchet.discover import read_all
from ratchet.linter import lint_paths
from ratchet.linter.postgres import catalog_before
from ratchet.linter.postgres.catalog import Relation
from ratchet.split import split_statements


def test_precision_and_recall_of_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    measured = measure(tmp_path, HISTORIES, "postgresql")
    with capsys.disabled():
        print("\n" + measured.summary("PostgreSQL"))
    assert measured.found - measured.expected == set(), "false errors"
    assert measured.expected - measured.found == set(), "missed errors"
    assert measured.precision == 1.0 and measured.recall == 1.0


def _server_columns(db: Db) -> dict[str, dict[str, tuple[str, bool, int | None]]]:
    rows = db.query(
        "SELECT c.table_schema, c.table_name, c.column_name, coalesce("
        " CASE WHEN c.domain_schema <> 'public' THEN c.domain_schema || '.' END || c.domain_name, c.domain_name,"
        " CASE WHEN c.udt_schema NOT IN ('public', 'pg_catalog') THEN c.udt_schema || '.' END || c.udt_name,"
        " c.udt_name),"
        " c.is_nullable,"
        " c.character_maximum_length FROM information_schema.columns c JOIN information_schema.tables t"
        " ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
        " WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND t.table_type = 'BASE TABLE'"
    )
    tables: dict[str, dict[str, tuple[str, bool, int | None]]] = {}
    for schema, table, column, udt, nullable, length in rows:
        tables.setdefault(f"{schema}.{table}", {})[str(column)] = (str(udt), nullable == "YES", length)
    return tables


def _catalog_columns(directory: Path, count: int) -> dict[str, dict[str, tuple[str, bool, int | None]]]:
    files, _ = read_all(directory)
    catalog = catalog_before(files[:count])
    tables: dict[str, dict[str, tuple[str, bool, int | None]]] = {}
    for key, relation in catalog.relations.items():
        if relation.kind != "table":
            continue
        columns = tables.setdefault(key, {})
        for column in relation.columns.values():
            assert column.type is not None, (key, column)
            udt = ("_" if column.type.array else "") + column.type.name
            sized = column.type.name in ("varchar", "bpchar") and not column.type.array  # the server sizes no array
            length = column.type.mods[0] if sized and column.type.mods else None
            columns[column.name] = (udt, column.nullable, length)
    return tables


def _server_indexes_and_enums(db: Db) -> tuple[set[tuple[str, str, bool]], dict[str, tuple[str, ...]]]:
    """The server's indexes that back no constraint, of tables that are no partition, as ``(index,
    table, unique)``, and its enum types with their labels in order."""
    indexes = db.query(
        "SELECT n.nspname || '.' || i.relname, tn.nspname || '.' || t.relname, x.indisunique"
        " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace"
        " JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace"
        " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND NOT t.relispartition"
        " AND NOT EXISTS (SELECT 1 FROM pg_constraint c"
        " WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u', 'x'))"
    )
    enums = db.query(
        "SELECT n.nspname || '.' || t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)"
        " FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace"
        " GROUP BY 1"
    )
    return (
        {(str(index), str(table), bool(unique)) for index, table, unique in indexes},
        {str(key): tuple(labels) for key, labels in enums},
    )


def _is_partition(relations: dict[str, Relation], key: str) -> bool:
    parent = relations.get(relations[key].parent or "") if key in relations else None
    return parent is not None and parent.partitioned


def _catalog_indexes_and_enums(
    directory: Path, count: int
) -> tuple[set[tuple[str, str, bool]], dict[str, tuple[str, ...]]]:
    files, _ = read_all(directory)
    catalog = catalog_before(files[:count])
    return (
        {
            (key, index.table, index.unique)
            for key, index in catalog.indexes.items()
            if not _is_partition(catalog.relations, index.table)
        },
        {key: info.values for key, info in catalog.types.items() if info.kind == "enum"},
    )


@pytest.mark.parametrize("label", sorted(HISTORIES))
def test_catalog_matches_the_server_after_every_file(tmp_path: Path, make_db: Callable[[str], Db], label: str) -> None:
    history = HISTORIES[label]
    directory = tmp_path / label
    write_history(directory, history)
    db = make_db("postgresql")
    connection = db.connect()
    compared = 0
    try:
        for name, sql, expected in history:
            if any(rule == "syntax-error" for rule, _ in expected):
                (directory / name).unlink()  # the server rejects it too: it is not part of the history
                continue
            for statement in split_statements(sql):
                connection.execute(statement.sql)
            connection.execute("RESET ALL")  # ratchet gives every file the session it opened
            names = [file.path.name for file in read_all(directory)[0]]
            assert _catalog_columns(directory, names.index(name) + 1) == _server_columns(db), name
            indexes_and_enums = _catalog_indexes_and_enums(directory, names.index(name) + 1)
            assert indexes_and_enums == _server_indexes_and_enums(db), name
            compared += 1
    finally:
        connection.close()
    assert compared >= len(history) - 1


def test_forked_workers_find_the_same(tmp_path: Path) -> None:
    for label, history in HISTORIES.items():
        write_history(tmp_path / label, history)
    directories = [tmp_path / label for label in HISTORIES]
    one = lint_paths(directories, dialect="postgresql", jobs=1)
    two = lint_paths(directories, dialect="postgresql", jobs=2)
    assert one.findings and sorted(map(str, one.findings)) == sorted(map(str, two.findings))
