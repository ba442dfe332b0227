"""The lint's SQLite catalog (a replay that runs no data statements) against a real database
that runs every statement: the same tables, columns, types, nullability and defaults after
every file of the realistic histories, short and long (the desktop ones, the ORM-shaped ones,
those of other migration tools, the hand-written app ones, the EF Core scripts and goose files, and
the Drizzle, Alembic batch, Prisma, sqlx, GORM, Android and Core Data-like ones too)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from packaging.version import Version
from sqlite_corpus import HISTORIES
from sqlite_histories import SQLITE_HISTORIES
from sqlite_long_histories import SEEDS

from ratchet.discover import MigrationFile, checksum
from ratchet.linter.history import History
from ratchet.linter.replay import table_columns
from ratchet.split import split_statements

#: Files SQLite refuses on purpose (a column an index still uses; a rename that a view over a
#: recreated view stops; a rebuild that leaves a view over the dropped table; a copy back by position
#: that puts a nullable column's NULLs into a NOT NULL one): a real database stops there.
REFUSED = {
    "1.10.0__drop_name.sql",
    "1.10.0__messages_priority_check.sql",
    "1.34.0__cards_without_view.sql",
    "0.28.0__enrollment_coupon.sql",
    "1.22.1__lanes_sort_order.sql",
}


def runnable(files: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The history with its one deliberate syntax error fixed and without the files SQLite refuses."""
    return [
        (name, sql.replace("(pinned, created_at)\n", "(pinned, created_at);\n"))
        for name, sql in files
        if name not in REFUSED
    ]


#: A virtual table of an extension the desktop app loads on its connection (spellfix1): the database
#: here cannot make it (the replay knows it is there, outside its catalog), so its statements are left out.
OUTSIDE = "note_spell"


def real_sql(sql: str) -> str:
    """What the real database here runs of a file: all of it but the statements naming ``OUTSIDE``."""
    if OUTSIDE not in sql:
        return sql
    return "".join(f"{statement.sql};\n" for statement in split_statements(sql) if OUTSIDE not in statement.sql)


#: Rules whose files SQLite refuses to run.
_REFUSED_RULES = {"syntax-error", "sqlite-add-column-restriction"}
#: Files refused only for what the push server's connection registers (as ``real`` below does).
_APP_REGISTERED = {"1.7.0__labels.sql", "1.8.0__labels_user.sql"}
CASES = [(h[0], runnable(h[1])) for h in HISTORIES] + [
    (
        label,
        [
            (name, sql)
            for name, sql, expected in history
            if (name in _APP_REGISTERED or not {rule for rule, _ in expected} & _REFUSED_RULES) and name not in REFUSED
        ],
    )
    for label, history in SQLITE_HISTORIES.items()
]


@pytest.mark.parametrize(("label", "files"), CASES, ids=[case[0] for case in CASES])
def test_replay_catalog_equals_the_real_database_after_every_file(
    tmp_path: Path, label: str, files: list[tuple[str, str]]
) -> None:
    real = sqlite3.connect(tmp_path / "real.db", isolation_level=None)
    # what the push server's connection registers (the replay stands in for them)
    real.create_collation("LOCALIZED", lambda a, b: (a > b) - (a < b))
    real.create_collation("UNICODE", lambda a, b: (a > b) - (a < b))
    real.create_function("regexp", 2, lambda pattern, value: 1, deterministic=True)
    seed = SEEDS.get(label)
    history = History(seed)
    migrations: list[MigrationFile] = []
    try:
        if seed is not None:  # SQLite makes its own tables (sqlite_sequence) and refuses to have them made
            for statement in split_statements(seed):
                if "sqlite_" not in statement.sql:
                    real.execute(statement.sql)
        for name, sql in files:
            version = Version(name.split("__")[0])
            file = MigrationFile(version, name, tmp_path / name, sql.encode("utf-8"), checksum(sql))
            replayed = history.replay_file(file, split_statements(sql), migrations, {}, [])
            migrations.append(file)
            real.executescript(real_sql(sql))
            tables = {
                str(row[0]).lower()
                for row in real.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                )
            }
            assert set(replayed.final.tables) == tables, name
            for table in tables:
                assert replayed.final.columns(table) == table_columns(real, table), f"{name}: {table}"
    finally:
        real.close()
        history.close()
