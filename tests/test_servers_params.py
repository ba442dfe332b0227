"""Server backends: URL query parameters reach the driver (or are refused), an application's
connection inside a transaction is refused, and backends depend on ``ratchet.errors`` only."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

import ratchet
from conftest import Db, Project, require_server
from ratchet.errors import UsageError

BACKENDS_DIR = Path(ratchet.__file__).parent / "backends"
CA_FILE = "/etc/ssl/certs/ca-certificates.crt"


def _one_error_line(err: str) -> str:
    errors = [line for line in err.splitlines() if not line.startswith(("ratchet: warning:", "  hint:"))]
    assert len(errors) == 1 and errors[0].startswith("ratchet: error:"), err
    assert "Traceback" not in err
    return errors[0]


def _server_project(project: Project, db: Db, query: str) -> Project:
    return Project(project.root, f"{db.url}?{query}")


# --- PostgreSQL: libpq connection parameters ------------------------------------------


def test_postgresql_sslmode_require_is_not_silently_dropped(project: Project, make_db: Callable[[str], Db]) -> None:
    db = make_db("postgresql")
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    result = _server_project(project, db, "sslmode=require").ratchet("migrate")
    assert result.code == 5, result.output
    line = _one_error_line(result.err)
    assert "cannot connect to" in line and "SSL" in line and "sslmode=require" in line
    assert db.tables() == []
    assert _server_project(project, db, "sslmode=disable").ratchet("migrate").code == 0
    assert db.db_version() == "1.0.0"


def test_postgresql_query_parameters_reach_the_session(project: Project, make_db: Callable[[str], Db]) -> None:
    db = make_db("postgresql")
    project.write("1.0.0__probe.sql", "CREATE TABLE probe AS SELECT current_setting('application_name') AS v;")
    result = _server_project(project, db, "application_name=ratchet_probe&connect_timeout=3").ratchet("migrate")
    assert result.code == 0, result.output
    assert db.query("SELECT v FROM probe") == [("ratchet_probe",)]


@pytest.mark.parametrize(
    ("query", "code", "says"),
    [
        ("bogus=1", 2, 'invalid connection option "bogus"'),
        ("sslmode=sometimes", 5, "sslmode"),
    ],
)
def test_postgresql_bad_query_parameters_give_one_line(
    project: Project, make_db: Callable[[str], Db], query: str, code: int, says: str
) -> None:
    db = make_db("postgresql")
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    result = _server_project(project, db, query).ratchet("migrate")
    assert result.code == code, result.output
    assert says in _one_error_line(result.err)
    assert db.tables() == []


def test_a_password_query_parameter_is_masked(project: Project) -> None:
    require_server("postgresql")
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    result = project.ratchet("migrate", "--database", "postgresql://postgres@127.0.0.1:1/test?password=s3cret-pw")
    assert result.code == 5, result.output
    assert "s3cret-pw" not in result.output
    assert "password=***" in _one_error_line(result.err)


# --- MySQL: a documented set of parameters, anything else refused ----------------------


def test_mysql_tls_asked_for_is_required(project: Project, make_db: Callable[[str], Db]) -> None:
    db = make_db("mysql")
    assert db.query("SHOW VARIABLES LIKE 'have_ssl'")[0][1] != "YES", "the test server must not offer TLS"
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    result = _server_project(project, db, f"ssl_ca={CA_FILE}&ssl_verify_cert=true").ratchet("migrate")
    assert result.code == 5, result.output
    line = _one_error_line(result.err)
    assert "cannot connect to" in line and "SSL" in line.upper()
    missing = _server_project(project, db, "ssl_ca=/nonexistent/ca.pem").ratchet("migrate")
    assert missing.code == 5, missing.output
    assert "cannot use the TLS files given (ssl_ca, ssl_cert, ssl_key): No such file" in _one_error_line(missing.err)
    assert db.tables() == []


def test_mysql_query_parameters_reach_the_session(project: Project, make_db: Callable[[str], Db]) -> None:
    db = make_db("mysql")
    project.write("1.0.0__probe.sql", "CREATE TABLE probe AS SELECT @@character_set_client AS v;")
    result = _server_project(project, db, "charset=latin1&connect_timeout=3").ratchet("migrate")
    assert result.code == 0, result.output
    assert db.query("SELECT v FROM probe") == [("latin1",)]


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("sslmode=require", "unsupported MySQL parameter 'sslmode'"),
        ("ssl_verify_cert=maybe", "'ssl_verify_cert=maybe' needs true or false"),
        ("connect_timeout=soon", "'connect_timeout=soon' needs a positive whole number"),
    ],
)
def test_mysql_refuses_other_query_parameters_with_exit_2(
    project: Project, make_db: Callable[[str], Db], query: str, says: str
) -> None:
    db = make_db("mysql")
    project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    result = _server_project(project, db, query).ratchet("migrate")
    assert result.code == 2, result.output
    assert says in _one_error_line(result.err)
    if "unsupported" in says:
        assert "accepted query parameters: ssl_ca, ssl_cert, ssl_key" in result.err
    assert db.tables() == []


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
    assert rows == [
        ("schema_history", "error"),
        ("schema_history", "schema_snapshot"),
        ("schema_history", "waivers"),
        ("system_settings", "value"),
    ]


# --- Module boundary ---------------------------------------------------------------------


@pytest.mark.parametrize("module", sorted(p.name for p in BACKENDS_DIR.glob("*.py") if p.name != "__init__.py"))
def test_backends_import_only_ratchet_errors(module: str) -> None:
    tree = ast.parse((BACKENDS_DIR / module).read_text(encoding="utf-8"))
    imported = {
        # `from ratchet.backends import sqlite_schema` imports the module ratchet.backends.sqlite_schema
        f"{node.module}.{alias.name}" if node.module == "ratchet.backends" else node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
    }
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    ours = {name for name in imported if name.split(".")[0] == "ratchet"}
    # a backend's catalog reader and schema dump is its own part (sqlite.py -> sqlite_schema.py), and
    # so is how it drives its driver below the driver's API (postgresql.py -> postgresql_pipe.py)
    name = module.removesuffix(".py")
    own_parts = {f"ratchet.backends.{name}_schema", f"ratchet.backends.{name}_pipe"}
    assert ours <= {"ratchet.errors", "ratchet.backends.base", *own_parts}, ours
