"""End to end: histories shaped like real projects' (routines, DO blocks, concurrent indexes,
partitions, MySQL routines without DELIMITER, SQLite's 12-step rebuild with full-text search)
applied with ``ratchet migrate`` as a user runs it, on the real servers and SQLite, checked by
exit code, output, history rows, ``db_version`` and the schema left behind. What other modules
already pin (the lint of such files, one failing statement, crash trials) is not repeated here.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import DatabaseFactory, Db, Project
from ratchet.split import split_statements
from ratchet.statement import client_copy, unrunnable_problems
from test_servers_slow import spawn


def project_on(project: Project, db: Db) -> Project:
    """The project's files on ``db``."""
    return Project(project.root, db.url)


@pytest.fixture
def pg_role(make_db: DatabaseFactory) -> Iterator[Callable[[Db], str]]:
    """A role name unique to the test (roles are the server's, not one database's), dropped afterwards."""
    made: list[tuple[Db, str]] = []

    def name(db: Db) -> str:
        role = f"e2e_{db.name[-12:]}"
        made.append((db, role))
        return role

    yield name
    for db, role in made:
        if db.query("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)):
            db.execute(f"DROP OWNED BY {role}")
            db.execute(f"DROP ROLE {role}")


# -- PostgreSQL -------------------------------------------------------------------------------

PG_INIT = """\
-- 1.0.0: the shop's first schema
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TYPE order_status AS ENUM ('new', 'paid');

CREATE TABLE customers (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email text NOT NULL UNIQUE,
    "prénom" text,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY,
    customer_id uuid NOT NULL REFERENCES customers (id),
    status order_status NOT NULL DEFAULT 'new',
    placed_on date NOT NULL,
    PRIMARY KEY (id, placed_on)
) PARTITION BY RANGE (placed_on);
CREATE TABLE orders_2026 PARTITION OF orders FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE orders_default PARTITION OF orders DEFAULT;

COMMENT ON TABLE customers IS 'People who buy; it''s the "main" table';
COMMENT ON COLUMN customers.email IS 'Lower-case; unique';
"""

PG_ROUTINES = """\
-- 1.1.0: routines, a DO block, grants
CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

ALTER TABLE customers ADD COLUMN updated_at timestamptz;

CREATE TRIGGER customers_updated_at BEFORE UPDATE ON customers
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE FUNCTION greeting(name text) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
    msg text := 'Hello, ' || name || '; it''s $$ day';
BEGIN
    RETURN msg || $inner$; "quoted"; 'single'$inner$;
END;
$fn$;

CREATE PROCEDURE add_customer(p_email text)
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO customers (email) VALUES (lower(p_email));
END;
$$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN
        CREATE ROLE {role} NOLOGIN;
    END IF;
END
$$;

CALL add_customer('Ann@Example.com');

GRANT SELECT ON customers TO {role};
REVOKE ALL ON orders FROM PUBLIC;
"""

PG_CONCURRENT = """\
-- 1.2.0: index without blocking writes; a new enum value
-- guard: no-transaction

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_customers_created_at ON customers (created_at);
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'shipped' AFTER 'paid';
"""

PG_REPORTING = """\
CREATE TABLE audit_log (id bigserial PRIMARY KEY, message text NOT NULL);
INSERT INTO audit_log (message) VALUES ('Grüße, 世界 — ok 🎉');
INSERT INTO customers (email, "prénom") VALUES ('zoë@example.com', 'Zoë');
CREATE MATERIALIZED VIEW customer_counts AS SELECT count(*) AS n FROM customers;
REFRESH MATERIALIZED VIEW customer_counts;
INSERT INTO orders (customer_id, placed_on) SELECT id, DATE '2026-03-01' FROM customers;
"""


def file_lines(out: str) -> list[list[str]]:
    """The per-file lines of ``migrate``'s output, as words."""
    return [line.split() for line in out.splitlines() if line.startswith("  ")]


def test_postgresql_history_applies_and_reports(
    project: Project, make_db: DatabaseFactory, pg_role: Callable[[Db], str]
) -> None:
    db = make_db("postgresql")
    role = pg_role(db)
    project = project_on(project, db)
    project.write("1.0.0__init.sql", PG_INIT)
    project.write("1.1.0__routines.sql", PG_ROUTINES.replace("{role}", role))
    project.write("1.2.0__concurrent_index.sql", PG_CONCURRENT)
    project.write("1.3.0__reporting.sql", PG_REPORTING)

    plan = project.ratchet("plan")
    assert plan.code == 0, plan.output
    assert "-- 1.2.0 concurrent_index (migrations/1.2.0__concurrent_index.sql, 2 statements)" in plan.out
    assert "-- 4 file(s) pending; database at (empty)" in plan.out
    dry = project.ratchet("migrate", "--dry-run")
    assert dry.code == 0, dry.output
    assert "CALL add_customer('Ann@Example.com');" in dry.out
    assert db.tables() == []

    done = project.ratchet("migrate")
    assert done.code == 0, done.output
    assert [words[:3] for words in file_lines(done.out)] == [
        ["1.0.0", "init", "applied"],
        ["1.1.0", "routines", "applied"],
        ["1.2.0", "concurrent_index", "applied"],
        ["1.3.0", "reporting", "applied"],
    ]
    assert "from (empty) to 1.3.0: 4 applied" in done.out
    assert db.history() == {
        "1.0.0": ("applied", 8),
        "1.1.0": ("applied", 9),
        "1.2.0": ("applied", 2),
        "1.3.0": ("applied", 6),
    }
    assert db.db_version() == "1.3.0"
    assert db.query("SELECT greeting('Bo')") == [("Hello, Bo; it's $$ day; \"quoted\"; 'single'",)]
    assert db.query("SELECT enum_range(NULL::order_status)::text") == [("{new,paid,shipped}",)]
    assert db.query("SELECT indisvalid FROM pg_index WHERE indexrelid = 'idx_customers_created_at'::regclass") == [
        (True,)
    ]
    assert db.query("SELECT obj_description('customers'::regclass)") == [('People who buy; it\'s the "main" table',)]
    assert db.query("SELECT has_table_privilege(%s, 'customers', 'SELECT')", (role,)) == [(True,)]
    assert db.query("SELECT n FROM customer_counts") == [(2,)]
    assert db.query('SELECT "prénom" FROM customers WHERE email = %s', ("zoë@example.com",)) == [("Zoë",)]
    assert db.query("SELECT message FROM audit_log") == [("Grüße, 世界 — ok 🎉",)]
    assert db.query("SELECT tableoid::regclass::text, count(*) FROM orders GROUP BY 1") == [("orders_2026", 2)]

    status = project.ratchet("status", "--json", "--exit-code")
    assert status.code == 0, status.output
    report = json.loads(status.out)
    assert (report["db_version"], report["pending"], report["drift"]) == ("1.3.0", 0, [])
    assert [(f["version"], f["state"], f["statements_done"]) for f in report["files"]] == [
        ("1.0.0", "applied", 8),
        ("1.1.0", "applied", 9),
        ("1.2.0", "applied", 2),
        ("1.3.0", "applied", 6),
    ]
    validate = project.ratchet("validate", "--json")
    assert validate.code == 0, validate.output
    assert json.loads(validate.out)["ok"] is True
    assert project.ratchet("plan").out.strip() == "-- 0 file(s) pending; database at 1.3.0"

    # a statement that fails half-way: the file is rolled back and named; fixed, it runs
    failing = "CREATE TABLE shipments (id bigserial PRIMARY KEY, order_id bigint NOT NULL);\n" + (
        "INSERT INTO shipments (order_id) VALUES (1);\nINSERT INTO shipments (order_id)\n    VALUES ('one');\n"
    )
    project.write("1.4.0__shipments.sql", failing)
    failed = project.ratchet("migrate", "--json")
    assert failed.code == 5, failed.output
    failure = json.loads(failed.out)["failure"]
    assert (failure["file"], failure["line"], failure["statement_number"], failure["rolled_back"]) == (
        "migrations/1.4.0__shipments.sql",
        3,
        3,
        True,
    )
    assert failure["db_message"] == 'invalid input syntax for type bigint: "one"'
    assert "migrations/1.4.0__shipments.sql:3: statement 3 of 1.4.0 failed" in failed.err
    assert "shipments" not in db.tables()
    assert "1.4.0" not in db.history()
    assert db.db_version() == "1.3.0"
    project.write("1.4.0__shipments.sql", failing.replace("'one'", "2"))
    fixed = project.ratchet("migrate")
    assert fixed.code == 0, fixed.output
    assert db.query("SELECT order_id FROM shipments ORDER BY 1") == [(1,), (2,)]

    # a grant to a role that this server does not have
    project.write("1.5.0__grant.sql", "CREATE TABLE reports (id int);\nGRANT SELECT ON reports TO no_such_role_e2e;\n")
    granted = project.ratchet("migrate")
    assert granted.code == 5, granted.output
    assert 'statement 2 of 1.5.0 failed: role "no_such_role_e2e" does not exist' in granted.err
    assert "reports" not in db.tables()
    assert db.db_version() == "1.4.0"


def test_postgresql_syntax_error_is_named_before_anything_runs(project: Project, make_db: DatabaseFactory) -> None:
    db = make_db("postgresql")
    project = project_on(project, db)
    project.write("1.0.0__ok.sql", "CREATE TABLE ok_one (id int);\n")
    project.write("1.1.0__broken.sql", "CREATE TABLE fine (id int);\nCREATE TABLE broken (id int,, name text);\n")
    linted = project.ratchet("migrate")
    assert linted.code == 1, linted.output
    assert "migrations/1.1.0__broken.sql:2:29: error syntax-error" in linted.err
    assert db.tables() == []
    bypassed = project.ratchet("migrate", "--no-lint")
    assert bypassed.code == 5, bypassed.output
    assert 'migrations/1.1.0__broken.sql:2: statement 2 of 1.1.0 failed: syntax error at or near ","' in bypassed.err
    assert db.db_version() == "1.0.0"
    assert "fine" not in db.tables()


def test_no_transaction_file_keeps_its_session_settings_to_its_own_statements(
    project: Project, make_db: DatabaseFactory, pg_role: Callable[[Db], str]
) -> None:
    # ratchet records progress between the statements of a no-transaction file: in ratchet's own
    # session, not as the role the file switched to, nor under its search_path or timeout
    db = make_db("postgresql")
    role = pg_role(db)
    db.execute(f"CREATE ROLE {role} NOLOGIN")
    db.execute(f"CREATE SCHEMA app AUTHORIZATION {role}")
    project = project_on(project, db)
    project.write(
        "1.0.0__as_owner.sql",
        f"-- guard: no-transaction\nSET ROLE {role};\nSET search_path = app;\nSET statement_timeout = '500ms';\n"
        "CREATE TABLE owned (id int);\nCREATE INDEX CONCURRENTLY owned_id ON owned (id);\n",
    )
    project.write("1.1.0__after.sql", "CREATE TABLE after_it (id int);\nSELECT pg_sleep(0.7);\n")
    done = project.ratchet("migrate")
    assert done.code == 0, done.output
    assert db.history() == {"1.0.0": ("applied", 5), "1.1.0": ("applied", 2)}
    assert db.query("SELECT schemaname, tableowner FROM pg_tables WHERE tablename = 'owned'") == [("app", role)]
    assert db.query("SELECT schemaname, tableowner FROM pg_tables WHERE tablename = 'after_it'") == [
        ("public", "postgres")
    ]

    # a failing statement after SET ROLE is recorded, with how far the file got
    project.write(
        "1.2.0__fails_as_owner.sql",
        f"-- guard: no-transaction\nSET ROLE {role};\nCREATE TABLE app.second (id int);\n"
        "CREATE TABLE public.denied (id int);\n",
    )
    failed = project.ratchet("migrate")
    assert failed.code == 5, failed.output
    assert "statement 3 of 1.2.0 failed: permission denied for schema public" in failed.err
    assert "recording" not in failed.err
    assert db.history()["1.2.0"] == ("failed", 2)


@pytest.mark.parametrize(
    ("sql", "line", "direction"),
    [
        (
            "CREATE TABLE countries (code char(2), name text);\nCOPY countries (code, name) FROM stdin;\n"
            "DE\tGermany\nFR\tFrance\n\\.\n",
            2,
            "FROM STDIN",
        ),
        ("CREATE TABLE countries (code char(2));\n\ncopy countries from STDIN with (format csv);\n", 3, "FROM STDIN"),
    ],
)
def test_copy_with_the_client_is_refused_before_anything_runs(
    project: Project, make_db: DatabaseFactory, sql: str, line: int, direction: str
) -> None:
    db = make_db("postgresql")
    project = project_on(project, db)
    project.write("1.0.0__countries.sql", sql)
    refused = project.ratchet("migrate", "--no-lint")
    assert refused.code == 3, refused.output
    assert f"migrations/1.0.0__countries.sql:{line}:1: COPY ... {direction} exchanges rows with a client" in refused.err
    assert "comments nest" not in refused.err
    assert db.tables() == []
    linted = project.ratchet("lint")
    assert linted.code == 1, linted.output
    assert "comments nest" not in linted.output


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("COPY t FROM STDIN", "FROM STDIN"),
        ("/* seed */ copy t (a, b) from stdin with (format csv)", "FROM STDIN"),
        ("COPY (SELECT a FROM t) TO STDOUT", "TO STDOUT"),
        ("COPY t FROM '/srv/stdin'", None),
        ("COPY (SELECT a FROM stdin) TO '/srv/out.csv'", None),
        ("COPY t TO PROGRAM 'gzip > /srv/t.gz'", None),
        ("SELECT 'COPY t FROM STDIN'", None),
        ("CREATE TABLE copy_log (stdin text)", None),
    ],
)
def test_client_copy_is_told_from_a_server_copy(sql: str, expected: str | None) -> None:
    (statement,) = split_statements(sql + ";")
    assert client_copy(statement) == expected


def test_a_5_mb_data_file_with_accents_applies(project: Project, make_db: DatabaseFactory) -> None:
    db = make_db("postgresql")
    project = project_on(project, db)
    rows, statements, size = 0, ["CREATE TABLE products (id integer PRIMARY KEY, sku text NOT NULL, name text);"], 0
    while size < 5_000_000:
        values = []
        for _ in range(40):
            rows += 1
            values.append(f"({rows}, 'SKU-{rows:07d}', 'Produkt Nr. {rows} — “grün”, l''été 🎉; fin')")
        statement = "INSERT INTO products (id, sku, name) VALUES\n    " + ",\n    ".join(values) + ";"
        statements.append(statement)
        size += len(statement.encode())
    project.write("1.0.0__products.sql", "-- 1.0.0: the catalogue\n" + "\n".join(statements) + "\n")
    started = time.monotonic()
    done = project.ratchet("migrate", "--quiet")
    assert done.code == 0, done.output
    assert time.monotonic() - started < 300  # the split and lint stay linear
    assert db.history() == {"1.0.0": ("applied", len(statements))}
    assert db.query("SELECT count(*), max(id) FROM products") == [(rows, rows)]
    assert db.query("SELECT name FROM products WHERE id = 7") == [("Produkt Nr. 7 — “grün”, l'été 🎉; fin",)]


# -- MySQL / MariaDB --------------------------------------------------------------------------

MY_INIT = """\
-- 1.0.0: shop schema; the seed loads orders before their customers
SET FOREIGN_KEY_CHECKS = 0;
CREATE TABLE customers (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(191) NOT NULL,
  name VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL,
  UNIQUE KEY uq_customers_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE orders (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id BIGINT UNSIGNED NOT NULL,
  total DECIMAL(12,2) NOT NULL DEFAULT 0,
  CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB;
INSERT INTO orders (customer_id, total) VALUES (2, 9.50);
INSERT INTO customers (email, name) VALUES ('zoë@example.com', 'Zoë 🎉'), ('ann@example.com', 'Ann');
"""

MY_ROUTINES = """\
-- guard: allow opaque-sql reason="the procedure only inserts a missing customer"
CREATE PROCEDURE add_customer(IN p_email VARCHAR(191))
BEGIN
  DECLARE existing INT DEFAULT 0;
  SELECT COUNT(*) INTO existing FROM customers WHERE email = p_email;
  IF existing = 0 THEN
    INSERT INTO customers (email) VALUES (p_email);
  END IF;
END;

CREATE TRIGGER orders_total_check BEFORE INSERT ON orders
FOR EACH ROW
BEGIN
  IF NEW.total < 0 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'total must not be negative; got it?';
  END IF;
END;

CALL add_customer('bob@example.com');
CALL add_customer('bob@example.com');
"""

MY_CONDITIONAL = """\
-- guard: allow opaque-sql reason="adds the column only where it is missing"
SET @exists := (SELECT COUNT(*) FROM information_schema.columns
                WHERE table_schema = DATABASE() AND table_name = 'customers' AND column_name = 'phone');
SET @sql := IF(@exists = 0, 'ALTER TABLE customers ADD COLUMN phone VARCHAR(32) NULL', 'SELECT 1');
PREPARE stmt FROM @sql;
EXECUTE stmt;
DEALLOCATE PREPARE stmt;
ALTER TABLE customers ADD INDEX idx_customers_name (name), ALGORITHM=INPLACE, LOCK=NONE;
"""


def test_mysql_history_applies_and_reports(project: Project, make_db: DatabaseFactory) -> None:
    db = make_db("mysql")
    project = project_on(project, db)
    project.write("1.0.0__init.sql", MY_INIT)
    project.write("1.1.0__routines.sql", MY_ROUTINES)
    project.write("1.2.0__conditional.sql", MY_CONDITIONAL)
    done = project.ratchet("migrate")
    assert done.code == 0, done.output
    assert [words[:3] for words in file_lines(done.out)] == [
        ["1.0.0", "init", "applied"],
        ["1.1.0", "routines", "applied"],
        ["1.2.0", "conditional", "applied"],
    ]
    assert db.history() == {"1.0.0": ("applied", 5), "1.1.0": ("applied", 4), "1.2.0": ("applied", 6)}
    assert db.db_version() == "1.2.0"
    assert db.query("SELECT email, HEX(name) FROM customers ORDER BY id") == [
        ("zoë@example.com", "Zoë 🎉".encode().hex().upper()),
        ("ann@example.com", b"Ann".hex().upper()),
        ("bob@example.com", None),
    ]
    columns = db.query(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE() "
        "AND table_name = 'customers' ORDER BY ordinal_position"
    )
    assert [c[0] for c in columns] == ["id", "email", "name", "phone"]
    assert db.query(
        "SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = DATABASE() "
        "AND index_name = 'idx_customers_name'"
    ) == [(1,)]
    connection = db.connect()
    try:
        with connection.cursor() as cursor, pytest.raises(Exception, match="total must not be negative; got it"):
            cursor.execute("INSERT INTO orders (customer_id, total) VALUES (1, -1)")
    finally:
        connection.close()

    # the first file's FOREIGN_KEY_CHECKS = 0 stayed in it: an orphan in a later file fails
    project.write("1.3.0__orphan.sql", "INSERT INTO orders (customer_id, total) VALUES (404, 1.00);\n")
    orphan = project.ratchet("migrate")
    assert orphan.code == 5, orphan.output
    assert "migrations/1.3.0__orphan.sql:1: statement 1 of 1.3.0 failed: Cannot add or update a child row" in orphan.err
    assert db.history()["1.3.0"] == ("failed", 0)
    status = project.ratchet("status", "--json", "--exit-code")
    assert status.code == 1, status.output
    assert [f["state"] for f in json.loads(status.out)["files"]][-1] == "failed"
    forgot = project.ratchet("repair", "1.3.0", "--forget")
    assert forgot.code == 0, forgot.output
    project.write("1.3.0__orphan.sql", "INSERT INTO orders (customer_id, total) VALUES (3, 1.00);\n")
    rerun = project.ratchet("migrate")
    assert rerun.code == 0, rerun.output
    assert db.query("SELECT customer_id FROM orders ORDER BY id") == [(2,), (3,)]
    validate = project.ratchet("validate")
    assert validate.code == 0, validate.output


def test_mysql_failed_ddl_mid_file_is_retried_or_marked_applied(project: Project, make_db: DatabaseFactory) -> None:
    db = make_db("mysql")
    project = project_on(project, db)
    project.write(
        "1.0.0__orders.sql",
        "CREATE TABLE orders (id BIGINT UNSIGNED NOT NULL PRIMARY KEY);\nINSERT INTO orders VALUES (1);\n",
    )
    broken = (
        "CREATE TABLE shipments (id INT PRIMARY KEY, order_id BIGINT UNSIGNED NOT NULL);\n"
        "INSERT INTO shipments VALUES (1, 1);\n"
        "ALTER TABLE shipments ADD CONSTRAINT fk_ship_order FOREIGN KEY (order_id) REFERENCES order_list (id);\n"
        "CREATE INDEX idx_ship_order ON shipments (order_id);\n"
    )
    project.write("1.1.0__shipments.sql", broken)
    failed = project.ratchet("migrate")
    assert failed.code == 5, failed.output
    assert "migrations/1.1.0__shipments.sql:3: statement 3 of 1.1.0 failed" in failed.err
    assert "ratchet repair 1.1.0 --retry" in failed.err
    assert db.history()["1.1.0"] == ("failed", 2)
    assert project.ratchet("migrate").code == 4
    assert project.ratchet("repair", "1.1.0", "--retry").code == 5  # the cause is not fixed yet
    project.write("1.1.0__shipments.sql", broken.replace("order_list", "orders"))
    assert project.ratchet("repair", "1.1.0", "--retry").code == 4  # the file changed since it ran
    accepted = project.ratchet("repair", "1.1.0", "--accept-checksum", "--reason", "referenced the right table")
    assert accepted.code == 0, accepted.output
    retried = project.ratchet("repair", "1.1.0", "--retry")
    assert retried.code == 0, retried.output
    assert db.history()["1.1.0"] == ("applied", 4)
    assert db.query(
        "SELECT referenced_table_name FROM information_schema.referential_constraints "
        "WHERE constraint_schema = DATABASE() AND constraint_name = 'fk_ship_order'"
    ) == [("orders",)]

    # finished by hand instead: --mark-applied
    project.write(
        "1.2.0__notes.sql", "ALTER TABLE shipments ADD COLUMN note VARCHAR(20);\nALTER TABLE nowhere ADD x INT;\n"
    )
    assert project.ratchet("migrate").code == 5
    assert db.history()["1.2.0"] == ("failed", 1)
    marked = project.ratchet("repair", "1.2.0", "--mark-applied")
    assert marked.code == 0, marked.output
    assert db.history()["1.2.0"][0] == "applied"
    assert db.db_version() == "1.2.0"
    assert project.ratchet("migrate").code == 0


def test_mysql_session_settings_of_a_file_do_not_reach_the_next(project: Project, make_db: DatabaseFactory) -> None:
    # the shapes of online-schema-change habits: a short metadata-lock wait before an ALTER,
    # autocommit off around a batch, a looser isolation level for a backfill
    db = make_db("mysql")
    project = project_on(project, db)
    probe = "@@SESSION.lock_wait_timeout, @@SESSION.innodb_lock_wait_timeout, @@SESSION.autocommit, @@SESSION.sql_notes"
    before = db.query(f"SELECT {probe}")
    project.write(
        "1.0.0__careful_alter.sql",
        "CREATE TABLE accounts (id INT PRIMARY KEY, balance DECIMAL(12,2) NOT NULL DEFAULT 0);\n"
        "SET SESSION lock_wait_timeout = 5;\nSET SESSION innodb_lock_wait_timeout = 3;\n"
        "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED;\nSET autocommit = 0;\nSET sql_notes = 0;\n"
        "ALTER TABLE accounts ADD COLUMN currency CHAR(3) NULL, ALGORITHM=INPLACE, LOCK=NONE;\n",
    )
    project.write("1.1.0__probe.sql", f"CREATE TABLE probe AS SELECT {probe};\n")
    done = project.ratchet("migrate")
    assert done.code == 0, done.output
    assert db.query("SELECT * FROM probe") == before
    assert db.history() == {"1.0.0": ("applied", 7), "1.1.0": ("applied", 1)}


# -- SQLite -----------------------------------------------------------------------------------

LITE_INIT = """\
CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE books (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  isbn TEXT
);
CREATE INDEX idx_books_author ON books (author_id);
CREATE VIRTUAL TABLE books_fts USING fts5(title);
CREATE TRIGGER books_ai AFTER INSERT ON books BEGIN
  INSERT INTO books_fts (rowid, title) VALUES (new.id, new.title);
END;
INSERT INTO authors (id, name) VALUES (1, 'Gabriel García Márquez'), (2, '村上春樹');
INSERT INTO books (author_id, title, isbn) VALUES (1, 'Cien años de soledad', '978-0'), (2, 'ノルウェイの森', NULL);
"""

LITE_REBUILD = """\
-- 1.1.0: isbn NOT NULL (SQLite's 12-step rebuild)
-- guard: allow set-not-null:books.isbn reason="backfilled by the copy"
PRAGMA foreign_keys = OFF;
CREATE TABLE new_books (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  isbn TEXT NOT NULL DEFAULT ''
);
INSERT INTO new_books (id, author_id, title, isbn) SELECT id, author_id, title, coalesce(isbn, '') FROM books;
DROP TABLE books;
ALTER TABLE new_books RENAME TO books;
CREATE INDEX idx_books_author ON books (author_id);
CREATE TRIGGER books_ai AFTER INSERT ON books BEGIN
  INSERT INTO books_fts (rowid, title) VALUES (new.id, new.title);
END;
PRAGMA foreign_key_check;
PRAGMA foreign_keys = ON;
"""


def test_sqlite_history_with_a_rebuild_and_full_text_search(project: Project, make_db: DatabaseFactory) -> None:
    db = make_db("sqlite")
    project = project_on(project, db)
    project.write("1.0.0__init.sql", LITE_INIT)
    project.write("1.1.0__books_isbn.sql", LITE_REBUILD)
    project.write("1.2.0__more_books.sql", "INSERT INTO books (author_id, title) VALUES (2, 'Kafka on the Shore');\n")
    done = project.ratchet("migrate")
    assert done.code == 0, done.output
    assert db.history() == {"1.0.0": ("applied", 7), "1.1.0": ("applied", 9), "1.2.0": ("applied", 1)}
    assert db.db_version() == "1.2.0"
    assert db.query("SELECT id, isbn FROM books ORDER BY id") == [(1, "978-0"), (2, ""), (3, "")]
    assert db.query("SELECT rowid FROM books_fts WHERE books_fts MATCH 'kafka'") == [(3,)]
    assert db.query("SELECT \"table\", on_delete FROM pragma_foreign_key_list('books')") == [("authors", "CASCADE")]
    assert db.query("SELECT name FROM sqlite_master WHERE type = 'trigger'") == [("books_ai",)]
    assert db.query("PRAGMA foreign_key_check") == []
    status = project.ratchet("status", "--json", "--exit-code")
    assert status.code == 0, status.output
    assert json.loads(status.out)["db_version"] == "1.2.0"


def test_sqlite_attach_is_refused_before_anything_runs(project: Project, make_db: DatabaseFactory) -> None:
    db = make_db("sqlite")
    assert db.path is not None
    project = project_on(project, db)
    project.write("1.0.0__attach_log.sql", 'CREATE TABLE "attach" (id INTEGER);\nINSERT INTO "attach" VALUES (1);\n')
    project.write(
        "1.1.0__archive.sql",
        "CREATE TABLE kept (id INTEGER);\n-- the archive\nATTACH DATABASE 'archive.db' AS archive;\n"
        "CREATE TABLE archive.old_orders (id INTEGER);\n",
    )
    refused = project.ratchet("migrate", "--no-lint")
    assert refused.code == 3, refused.output
    assert "migrations/1.1.0__archive.sql:3:1: ATTACH opens another database file" in refused.err
    assert "1.0.0__attach_log.sql" not in refused.err  # a table named attach is no ATTACH
    assert not (project.root / "archive.db").exists()
    assert db.tables() == []
    (project.migrations / "1.1.0__archive.sql").unlink()
    assert project.ratchet("migrate").code == 0
    assert db.query('SELECT id FROM "attach"') == [(1,)]


def test_attach_is_an_unrunnable_statement_on_sqlite_only() -> None:
    path = Path("1.0.0__x.sql")
    statements = split_statements("attach 'a.db' as a;\nCREATE TABLE attachments (id int);\nSELECT 'ATTACH';\n")
    assert [(p.line, p.column) for p in unrunnable_problems(path, statements, "sqlite")] == [(1, 1)]
    assert unrunnable_problems(path, statements, "postgresql") == []
    assert unrunnable_problems(path, statements[1:], "sqlite") == []


def test_sqlite_wal_database_in_use_by_another_connection(project: Project, make_db: DatabaseFactory) -> None:
    db = make_db("sqlite")
    assert db.path is not None
    project = project_on(project, db)
    project.write("1.0.0__authors.sql", "CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n")
    assert project.ratchet("migrate").code == 0
    application = sqlite3.connect(db.path, isolation_level=None, check_same_thread=False)
    try:
        assert application.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)
        application.execute("BEGIN")  # a long read: WAL lets a writer commit beside it
        assert application.execute("SELECT count(*) FROM authors").fetchone() == (0,)
        project.write("1.1.0__books.sql", "CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT);\n")
        beside_reader = project.ratchet("migrate")
        assert beside_reader.code == 0, beside_reader.output
        application.execute("COMMIT")

        application.execute("BEGIN IMMEDIATE")  # a writer: migrate waits for it (busy timeout)
        application.execute("INSERT INTO authors (name) VALUES ('Ōe')")
        release = threading.Timer(1.0, lambda: application.execute("COMMIT"))
        release.start()
        project.write("1.2.0__isbn.sql", "ALTER TABLE books ADD COLUMN isbn TEXT;\n")
        started = time.monotonic()
        after_writer = project.ratchet("migrate")
        release.join()
        assert after_writer.code == 0, after_writer.output
        assert time.monotonic() - started >= 0.5
    finally:
        application.close()
    assert db.history() == {"1.0.0": ("applied", 1), "1.1.0": ("applied", 1), "1.2.0": ("applied", 1)}
    assert db.query("PRAGMA journal_mode") == [("wal",)]
    assert db.query("SELECT name FROM authors") == [("Ōe",)]


# -- twenty real processes at once --------------------------------------------------------------


def write_shared_history(project: Project, dialect: str, role: str) -> list[str]:
    """Files in the shapes above, for ``dialect`` (``role``: the one PostgreSQL's grant makes); their versions."""
    if dialect == "postgresql":
        files = {
            "1.0.0__init.sql": PG_INIT,
            "1.1.0__routines.sql": PG_ROUTINES.replace("{role}", role),
            "1.2.0__concurrent_index.sql": PG_CONCURRENT,
            "1.3.0__reporting.sql": PG_REPORTING,
        }
    elif dialect == "mysql":
        files = {
            "1.0.0__init.sql": MY_INIT,
            "1.1.0__routines.sql": MY_ROUTINES,
            "1.2.0__conditional.sql": MY_CONDITIONAL,
        }
    else:
        files = {"1.0.0__init.sql": LITE_INIT, "1.1.0__books_isbn.sql": LITE_REBUILD}
    for name, sql in files.items():
        project.write(name, sql)
    return [name.split("__")[0] for name in files]


@pytest.mark.slow
@pytest.mark.parametrize("dialect", ["postgresql", "mysql", "sqlite"])
def test_twenty_runners_apply_a_real_history_once(
    project: Project, make_db: DatabaseFactory, pg_role: Callable[[Db], str], dialect: str
) -> None:
    db = make_db(dialect)
    project = project_on(project, db)
    versions = write_shared_history(project, dialect, pg_role(db) if dialect == "postgresql" else "")
    runners = [spawn(project, "migrate") for _ in range(20)]
    outcomes: list[tuple[int, str, str]] = []
    for runner in runners:
        try:
            out, err = runner.communicate(timeout=300)
        except subprocess.TimeoutExpired:
            runner.kill()
            out, err = runner.communicate()
        outcomes.append((runner.returncode, out, err))
    assert [(code, err) for code, _, err in outcomes if code != 0] == []
    applied = [words[0] for _, out, _ in outcomes for words in file_lines(out) if words[2] == "applied"]
    assert sorted(applied) == versions
    assert {version: status for version, (status, _) in db.history().items()} == dict.fromkeys(versions, "applied")
    assert db.db_version() == versions[-1]
    counted = {"postgresql": "customers", "mysql": "customers", "sqlite": "books"}[dialect]
    assert db.query(f"SELECT COUNT(*) FROM {counted}") == [(2 if dialect != "mysql" else 3,)]


def test_mysql_autocommit_put_back_does_not_commit_a_files_last_statements_early(
    project: Project, make_db: DatabaseFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # turning autocommit back on commits the open transaction: it waits until ratchet's own
    # transaction, which counts the file's statements, has ended
    from ratchet import history
    from ratchet.backends.base import DriverError

    db = make_db("mysql")
    project = project_on(project, db)
    project.write("1.0.0__init.sql", "CREATE TABLE t (id INT PRIMARY KEY);\n")
    project.write("1.1.0__data.sql", "SET autocommit = 0;\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES (2);\n")
    finish_row = history.Tables.finish_row

    def lost_before_the_end(self: history.Tables, version: object, *args: object, **kwargs: object) -> None:
        if str(version) == "1.1.0":
            raise DriverError("the end of 1.1.0 could not be written")
        finish_row(self, version, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(history.Tables, "finish_row", lost_before_the_end)
    assert project.ratchet("migrate").code != 0
    rows = len(db.query("SELECT id FROM t"))
    status, done = db.history()["1.1.0"]
    assert status != "applied"
    assert rows == max(0, done - 1)  # every row that stayed is counted (the SET is statement 1)
    assert db.query("SELECT @@GLOBAL.autocommit") == [(1,)]

    monkeypatch.setattr(history.Tables, "finish_row", finish_row)
    project.write("1.2.0__probe.sql", "CREATE TABLE probe AS SELECT @@SESSION.autocommit AS autocommit;\n")
    assert project.ratchet("repair", "1.1.0", "--retry").code == 0  # runs the statements not counted
    assert project.ratchet("migrate").code == 0
    assert db.query("SELECT * FROM probe") == [(1,)]
    assert sorted(db.query("SELECT id FROM t")) == [(1,), (2,)]
