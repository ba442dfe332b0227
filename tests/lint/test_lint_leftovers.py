"""The lint's leftovers: repeatable files split-checked by ``ratchet lint``, an enum value used in the
transaction that added it, and what ``DROP ... CASCADE`` takes with it; each trigger with a near miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Db, Project
from ratchet.discover import read_all
from ratchet.linter import lint_paths
from ratchet.linter.engine import Finding
from ratchet.linter.postgres import catalog_before

BASE = """CREATE TYPE order_state AS ENUM ('new', 'paid');
CREATE TABLE customers (id bigint PRIMARY KEY, name text);
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  customer_id bigint REFERENCES customers (id),
  state order_state NOT NULL DEFAULT 'new'
);
CREATE VIEW customer_names AS SELECT name FROM customers;
CREATE VIEW loud_names AS SELECT upper(name) AS name FROM customer_names;
CREATE TABLE notes (id bigint PRIMARY KEY, body text);
"""


def lint(tmp_path: Path, *files: str) -> list[Finding]:
    """The findings of the files after ``BASE`` (named 1.1.0, 1.2.0, ...)."""
    directory = tmp_path / "migrations"
    directory.mkdir()
    (directory / "1.0.0__base.sql").write_text(BASE, encoding="utf-8")
    for minor, sql in enumerate(files, start=1):
        (directory / f"1.{minor}.0__change.sql").write_text(sql, encoding="utf-8")
    report = lint_paths([directory], dialect="postgresql")
    assert not [f for f in report.findings if f.path.name.startswith("1.0.0")], report.findings
    return [f for f in report.findings if not f.path.name.startswith("1.0.0")]


def at(findings: list[Finding], rule: str) -> set[tuple[str, int, int]]:
    return {(f.path.name[:5], f.line, f.column) for f in findings if f.rule == rule}


# -- an enum value used in the transaction that added it ---------------------------------------


def test_new_enum_value_used_in_the_same_file_needs_another_transaction(tmp_path: Path) -> None:
    sql = (
        "ALTER TYPE order_state ADD VALUE 'shipped';\n"
        "UPDATE orders SET state = 'shipped' WHERE state = 'paid';\n"
        "ALTER TABLE orders ALTER COLUMN state SET DEFAULT 'shipped';\n"
    )
    findings = lint(tmp_path, sql)
    assert at(findings, "needs-no-transaction") == {("1.1.0", 2, 27), ("1.1.0", 3, 51)}
    message = next(f.message for f in findings if f.rule == "needs-no-transaction")
    assert "'shipped' of type order_state is added at line 1" in message and "later migration file" in message


@pytest.mark.parametrize(
    "files",
    [
        # used in the next file: committed by then
        (
            "ALTER TYPE order_state ADD VALUE 'shipped';\n",
            "UPDATE orders SET state = 'shipped' WHERE state = 'paid';\n",
        ),
        # no transaction around the file: each statement commits on its own
        (
            "-- guard: no-transaction\nALTER TYPE order_state ADD VALUE 'shipped';\n"
            "UPDATE orders SET state = 'shipped' WHERE state = 'paid';\n",
        ),
        # an existing value, and another string, in the file that adds one
        (
            "ALTER TYPE order_state ADD VALUE 'shipped';\n"
            "UPDATE orders SET state = 'paid' WHERE state = 'new';\nINSERT INTO notes VALUES (1, 'shipping');\n",
        ),
    ],
)
def test_new_enum_value_near_misses(tmp_path: Path, files: tuple[str, ...]) -> None:
    assert at(lint(tmp_path, *files), "needs-no-transaction") == set()


@pytest.mark.parametrize("db", ["postgresql"], indirect=True)
def test_postgresql_refuses_the_new_value_in_its_transaction(db: Db) -> None:
    """What the finding says, on the real server; the near miss (a later transaction) runs."""
    import psycopg

    connection = db.connect()
    try:
        connection.execute("CREATE TYPE order_state AS ENUM ('new')")
        with pytest.raises(psycopg.errors.UnsafeNewEnumValueUsage), connection.transaction():
            connection.execute("ALTER TYPE order_state ADD VALUE 'shipped'")
            connection.execute("SELECT 'shipped'::order_state")
        with connection.transaction():
            connection.execute("ALTER TYPE order_state ADD VALUE 'shipped'")
        with connection.transaction():
            assert connection.execute("SELECT 'shipped'::order_state").fetchone() == ("shipped",)
    finally:
        connection.close()


# -- DROP ... CASCADE names what it takes with it -----------------------------------------------


def test_drop_table_cascade_names_views_and_foreign_keys(tmp_path: Path) -> None:
    findings = lint(tmp_path, "DROP TABLE customers CASCADE;\n")
    (finding,) = [f for f in findings if f.rule == "drop-table"]
    assert finding.message.endswith(
        "; CASCADE also drops view customer_names, view loud_names, foreign key orders_customer_id_fkey of orders"
    )


def test_drop_type_cascade_names_the_columns(tmp_path: Path) -> None:
    findings = lint(tmp_path, "DROP TYPE order_state CASCADE;\n")
    (finding,) = [f for f in findings if f.rule == "drop-type"]
    assert finding.message.endswith("; CASCADE also drops column orders.state")


@pytest.mark.parametrize(
    "sql",
    [
        "DROP TABLE notes CASCADE;\n",  # nothing depends on it
        "DROP VIEW loud_names CASCADE;\n",  # nothing reads it
        "DROP TABLE orders;\n",  # no CASCADE
    ],
)
def test_drop_without_dependents_or_cascade_names_none(tmp_path: Path, sql: str) -> None:
    findings = lint(tmp_path, sql)
    assert findings and all(f.rule.startswith("drop-") for f in findings)
    assert not any("CASCADE also drops" in f.message for f in findings)


def test_catalog_follows_the_cascade(tmp_path: Path) -> None:
    directory = tmp_path / "migrations"
    directory.mkdir()
    (directory / "1.0.0__base.sql").write_text(BASE, encoding="utf-8")
    (directory / "1.1.0__drop.sql").write_text(
        "DROP TABLE customers CASCADE;\nDROP TYPE order_state CASCADE;\n", encoding="utf-8"
    )
    files, problems = read_all(directory, [])
    assert not problems
    catalog = catalog_before(files)
    assert set(catalog.relations) == {"public.orders", "public.notes"}
    orders = catalog.relations["public.orders"]
    assert set(orders.columns) == {"id", "customer_id"}
    assert not [c for c in orders.constraints.values() if c.kind == "foreign"]


# -- repeatable files are split-checked by lint, as versioned ones ------------------------------


@pytest.mark.parametrize("dialect", ["postgresql", "sqlite"])
def test_lint_split_checks_a_repeatable_file(project: Project, dialect: str) -> None:
    project.write("1.0.0__users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n")
    project.write(
        "R__paths.sql",
        "CREATE OR REPLACE VIEW win AS SELECT 'C:\\' AS p;\nDROP TABLE users;\n"
        "CREATE OR REPLACE VIEW unix AS SELECT 'y\\' AS p;\n",
    )
    project.write("R__names.sql", "CREATE OR REPLACE VIEW names AS SELECT name FROM users;\n")
    result = project.ratchet("lint", "--dialect", dialect, "migrations")
    assert result.code == 1, result.output
    split = [line for line in result.out.splitlines() if "split-ambiguity" in line]
    assert len(split) == 1 and split[0].startswith("migrations/R__paths.sql:1:"), result.out
    assert "R__names.sql" not in result.out


# -- PostgreSQL never reaches the word classifier --------------------------------------------


def test_postgresql_never_reaches_the_word_classifier(
    tmp_path: Path, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its PostgreSQL branches were removed: every PostgreSQL path (``lint``, the lint of ``migrate``,
    repeatable files, the slow split) goes through ``linter.postgres``; SQLite still uses it."""
    from ratchet.linter import classify

    seen: list[str] = []
    original = classify._Classifier.__init__

    def probe(self: classify._Classifier, statement: object, dialect: str, transactional: bool) -> None:
        seen.append(dialect)
        original(self, statement, dialect, transactional)  # type: ignore[arg-type]

    monkeypatch.setattr(classify._Classifier, "__init__", probe)
    slow = "CREATE INDEX CONCURRENTLY i ON orders (state);\nSELECT 'a\\';\nREINDEX TABLE orders;\n"
    lint(tmp_path, "ALTER TYPE order_state ADD VALUE 'x';\nDROP TABLE notes CASCADE;\n", slow)
    project.write("1.0.0__base.sql", BASE)
    project.write("R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT 1;\n")
    assert project.ratchet("lint", "--dialect", "postgresql", "migrations").code == 0
    assert seen == []
    project.ratchet("lint", "--dialect", "sqlite", "migrations")
    assert "sqlite" in seen
