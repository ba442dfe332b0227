"""The replay makes a table that no text but its own file names in a database it empties after a
batch of files (``Replay``'s ``lonely``): the findings must equal those of a replay that keeps every table, on
every SQLite corpus and on random histories built to tempt it (names reused in other files, in
views, triggers, indexes, foreign keys, comments, a virtual table's shadow tables)."""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

import pytest
from lint_corpus import BASE, NEAR_MISSES, TRIGGERS
from packaging.version import Version
from sqlite_corpus import HISTORIES

from ratchet.discover import MigrationFile, checksum
from ratchet.headers import read_guards
from ratchet.linter import replay
from ratchet.linter.engine import lint_file
from ratchet.linter.history import History
from ratchet.split import split_statements

CASES = int(os.environ.get("RATCHET_FUZZ_CASES", "60"))


@pytest.fixture(params=[1, replay._DROP_BATCH], ids=["each-file", "batched"])
def batch(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Lonely tables gone after every file (so that the short histories lose some) and in the
    batches a run uses."""
    monkeypatch.setattr(replay, "_DROP_BATCH", request.param)
    return int(request.param)


def migration_files(files: list[tuple[str, str]]) -> list[MigrationFile]:
    return [
        MigrationFile(
            Version(name.split("__")[0]), name, Path(name), sql.encode("utf-8"), checksum(sql.encode("utf-8"))
        )
        for name, sql in files
    ]


def findings(files: list[MigrationFile], *, prune: bool, seed: str | None = None) -> list[dict[str, Any]]:
    """Every finding of every file, linted in order with one history (as ``ratchet lint`` does)."""
    history = History(seed, files if prune else None)
    found: list[dict[str, Any]] = []
    try:
        for position, file in enumerate(files):
            guards = read_guards(file.path, file.text)[0]
            assert guards is not None
            statements = split_statements(file.text)
            found += [
                f.as_dict() for f in lint_file(file, guards, statements, "sqlite", files[:position], history=history)
            ]
    finally:
        history.close()
    return found


def same(files: list[tuple[str, str]], seed: str | None = None) -> None:
    migrations = migration_files(files)
    assert findings(migrations, prune=True, seed=seed) == findings(migrations, prune=False, seed=seed)


@pytest.mark.parametrize("files", [h[1] for h in HISTORIES], ids=[h[0] for h in HISTORIES])
def test_realistic_histories(files: list[tuple[str, str]], batch: int) -> None:
    same(files)


def test_every_fixture_case_after_the_base(batch: int) -> None:
    cases = [sql for _, dialects, sql, *_ in [*TRIGGERS, *NEAR_MISSES] if "sqlite" in dialects]
    for sql in cases:
        same([("1.0.0__base.sql", BASE), ("1.1.0__case.sql", sql)])
    same([(f"1.{n}.0__case.sql", sql) for n, sql in enumerate(cases, start=1)], seed=BASE)


# Statements that name a table T (and sometimes another, U) in every way the replay could miss.
_MENTIONS = (
    "INSERT INTO {t} (id, name) VALUES (1, 'a');",
    "UPDATE {t} SET name = 'b' WHERE id = 1;",
    "DELETE FROM {t};",
    "CREATE INDEX idx_{t} ON {t} (name);",
    "CREATE VIEW v_{t} AS SELECT id FROM {t};",
    "CREATE TRIGGER trg_{t} AFTER INSERT ON {t} BEGIN SELECT 1; END;",
    "CREATE TABLE child_{t} (id INTEGER, t_id INTEGER REFERENCES {t} (id));",
    "ALTER TABLE {t} ADD COLUMN extra TEXT;",
    "ALTER TABLE {t} RENAME COLUMN name TO label;",
    "ALTER TABLE {t} RENAME TO {t}_renamed;",
    "DROP TABLE {t};",
    "DROP TABLE IF EXISTS {t};",
    "CREATE TABLE {t} (id INTEGER);",
    "CREATE TABLE IF NOT EXISTS {t} (id INTEGER PRIMARY KEY, name TEXT);",
    "CREATE TABLE copy_{t} AS SELECT * FROM {t};",
    "-- about {t}\nSELECT 1;",
    'SELECT * FROM "{t}";',
    "ALTER TABLE {u} RENAME TO {t};",
    "CREATE VIEW v_both_{t} AS SELECT * FROM {t}, {u};",
    "DROP VIEW v_{t};",
    "DROP INDEX idx_{t};",
    "ALTER TABLE {u} ADD COLUMN {t} TEXT;",
    "INSERT INTO {t} (id, nope) VALUES (1, 2);",
    "CREATE TABLE {t}_data (x);",
    "INSERT INTO main.{t} (id, name) VALUES (2, 'c');",
    'SELECT count(*) FROM "main".{t};',
)
_CREATES = (
    "CREATE TABLE {t} (id INTEGER PRIMARY KEY, name TEXT NOT NULL);",
    'CREATE TABLE "{t}" (id INTEGER PRIMARY KEY, name TEXT);',
    "CREATE TABLE [{t}] (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT);",
    "create table {t}(id integer primary key, name text unique) strict;",
    "CREATE TABLE main.{t} (id INTEGER PRIMARY KEY, name TEXT, CHECK (id > 0));",
    "CREATE TABLE {t} (id INTEGER PRIMARY KEY, name TEXT, u_id INTEGER REFERENCES {u} (id));",
    "CREATE TABLE {t} (id INTEGER PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;",
    "CREATE TEMP TABLE {t} (id INTEGER PRIMARY KEY, name TEXT);",
)


def random_history(chooser: random.Random) -> list[tuple[str, str]]:
    names = [f"t{n}" for n in range(chooser.randint(3, 24))] + ["T1", "docs"]
    files: list[tuple[str, str]] = []
    for number in range(1, chooser.randint(4, 14)):
        lines: list[str] = []
        for _ in range(chooser.randint(1, 4)):
            t, u = chooser.choice(names), chooser.choice(names)
            if chooser.random() < 0.55:
                lines.append(chooser.choice(_CREATES).format(t=t, u=u))
            else:
                lines.append(chooser.choice(_MENTIONS).format(t=t, u=u))
        if chooser.random() < 0.05:
            lines.append("CREATE VIRTUAL TABLE docs USING fts5(body);")
        files.append((f"1.{number}.0__f{number}.sql", "\n".join(lines) + "\n"))
    return files


def test_random_histories(batch: int) -> None:
    chooser = random.Random(20261201)
    for _ in range(CASES):
        same(random_history(chooser), seed=BASE if chooser.random() < 0.3 else None)


def test_a_long_history_of_lonely_tables_keeps_the_replay_small() -> None:
    """Files that each create a table and fill it (what the bench applies): the replay never
    holds a batch of their tables, and the lint finds nothing, as without dropping them."""
    files = [
        (
            f"1.{n}.0__t{n}.sql",
            f"CREATE TABLE t{n} (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
            f"INSERT INTO t{n} (id, name) VALUES ({n}, 'row {n}');\n",
        )
        for n in range(1, 301)
    ]
    migrations = migration_files(files)
    history = History(None, migrations)
    try:
        for position, file in enumerate(migrations):
            guards = read_guards(file.path, file.text)[0]
            assert guards is not None
            assert (
                lint_file(file, guards, split_statements(file.text), "sqlite", migrations[:position], history=history)
                == []
            )
        state = history._replay
        assert state is not None
        assert state.connection.execute("SELECT count(*) FROM main.sqlite_master").fetchone()[0] == 0
        kept = state.connection.execute(f"SELECT count(*) FROM {replay._ISLANDS}.sqlite_master").fetchone()[0]
        assert kept == len(files) % replay._DROP_BATCH
    finally:
        history.close()
    same(files[:60])
