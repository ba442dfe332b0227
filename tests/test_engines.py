"""Engine identification from the version strings the engines print (as shown in their
documentation), the refusal and the warning through the CLI with a PostgreSQL database whose
``version()`` is shadowed, and the engine named by ``status --json`` on the real servers."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest

import ratchet
from conftest import Db, Project
from ratchet.engines import ENGINES, admit, guarantees_table, identify
from ratchet.errors import EXIT_USAGE, UsageError
from test_poolers import advisory_locks

README = Path(__file__).resolve().parents[1] / "README.md"

# (dialect, facts, engine, version, refused, warned)
CASES = [
    (
        "postgresql",
        {
            "version": "PostgreSQL 15.5 (Debian 15.5-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc "
            "(Debian 12.2.0-14) 12.2.0, 64-bit"
        },
        "PostgreSQL",
        "15.5",
        False,
        False,
    ),
    (
        "postgresql",
        {"version": "PostgreSQL 17beta1 on x86_64-pc-linux-gnu, compiled by gcc (GCC) 13.2.1, 64-bit"},
        "PostgreSQL",
        "17beta1",
        False,
        False,
    ),
    (
        "postgresql",
        {
            "version": "CockroachDB CCL v23.2.4 (x86_64-pc-linux-gnu, built 2024/04/11 17:59:01, go1.21.9 "
            "X:nocoverageredesign)"
        },
        "CockroachDB",
        "23.2.4",
        True,
        False,
    ),
    (
        "postgresql",
        {"version": "CockroachDB CCL v25.1.4 (x86_64-pc-linux-gnu, built 2025/04/09 00:00:00, go1.22.8)"},
        "CockroachDB",
        "25.1.4",
        True,
        False,
    ),
    (
        "postgresql",
        {"version": "PostgreSQL 11.2-YB-2.18.0.1-b0 on x86_64-pc-linux-gnu, compiled by clang version 15.0.3, 64-bit"},
        "YugabyteDB",
        "2.18.0.1",
        True,
        False,
    ),
    (
        "postgresql",
        {"version": "PostgreSQL 15.12-YB-2.25.2.0-b0 on x86_64-pc-linux-gnu, compiled by clang version 17.0.6, 64-bit"},
        "YugabyteDB",
        "2.25.2.0",
        True,
        False,
    ),
    (
        "postgresql",
        {
            "version": "PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 "
            "(Red Hat 3.4.2-6.fc3), Redshift 1.0.12103"
        },
        "Amazon Redshift",
        "1.0.12103",
        True,
        False,
    ),
    (
        "postgresql",
        {
            "version": "PostgreSQL 15.4 on aarch64-unknown-linux-gnu, compiled by aarch64-unknown-linux-gnu-gcc "
            "(GCC) 9.5.0, 64-bit",
            "aurora_version": "15.4.1",
        },
        "Aurora PostgreSQL",
        "15.4.1",
        False,
        True,
    ),
    ("postgresql", {"version": "SomethingSQL 1.0 speaking the PostgreSQL protocol"}, None, None, False, True),
    (
        "mysql",
        {"version": "8.0.36", "version_comment": "MySQL Community Server - GPL"},
        "MySQL",
        "8.0.36",
        False,
        False,
    ),
    (
        "mysql",
        {"version": "8.0.36-28", "version_comment": "Percona Server (GPL), Release 28, Revision 47601f19"},
        "MySQL",
        "8.0.36",
        False,
        False,
    ),
    ("mysql", {"version": "8.0.36-0ubuntu0.22.04.1", "version_comment": "(Ubuntu)"}, "MySQL", "8.0.36", False, False),
    (
        "mysql",
        {"version": "10.11.6-MariaDB-0+deb12u1", "version_comment": "Debian 12", "wsrep_on": "OFF"},
        "MariaDB",
        "10.11.6",
        False,
        False,
    ),
    (
        "mysql",
        {"version": "10.11.6-MariaDB-log", "version_comment": "MariaDB Server", "wsrep_on": "ON"},
        "Galera cluster",
        "10.11.6",
        True,
        False,
    ),
    ("mysql", {"version": "5.7.25-TiDB-v6.0.0"}, "TiDB", "6.0.0", True, False),
    ("mysql", {"version": "5.7.25-TiDB-v6.1.0"}, "TiDB", "6.1.0", False, True),
    ("mysql", {"version": "8.0.11-TiDB-v7.5.2-serverless"}, "TiDB", "7.5.2", False, True),
    ("mysql", {"version": "8.0.34", "handshake": "8.0.30-Vitess"}, "Vitess/PlanetScale", "8.0.30", False, True),
    ("mysql", {"version": "5.7.9-Vitess", "handshake": "5.7.9-Vitess"}, "Vitess/PlanetScale", "5.7.9", False, True),
    (
        "mysql",
        {"version": "8.0.28", "version_comment": "Source distribution", "aurora_version": "3.04.0"},
        "Aurora MySQL",
        "3.04.0",
        False,
        True,
    ),
    ("mysql", {"version": "5.7.25-OceanBase_CE-v4.2.1.2"}, None, None, False, True),
    ("sqlite", {"version": "3.40.1"}, "SQLite", "3.40.1", False, False),
]


@pytest.mark.parametrize(("dialect", "facts", "engine", "version", "refused", "warned"), CASES)
def test_engines_are_identified_from_their_version_strings(
    dialect: str, facts: dict[str, str], engine: str | None, version: str | None, refused: bool, warned: bool
) -> None:
    found = identify(dialect, facts)
    if engine is None:  # an engine nobody knows: the protocol's catch-all, with a warning
        assert found.engine.name.endswith("-compatible engine")
    else:
        assert (found.engine.name, found.version) == (engine, version)
    if refused:
        with pytest.raises(UsageError) as caught:
            admit("db://x", dialect, facts)
        assert caught.value.exit_code == EXIT_USAGE
        assert found.label in caught.value.message and "nothing was changed" in caught.value.message
        return
    server = admit("db://x", dialect, facts)
    assert (server.warning is not None) == warned
    if warned:
        assert "\n" not in server.warning and "not verified" in server.warning


def test_each_refusal_names_its_reason() -> None:
    stub = {"version": "CockroachDB CCL v24.3.5 (x86_64-pc-linux-gnu, built 2025/02/03 17:28:15, go1.22.8)"}
    with pytest.raises(UsageError, match="stubs that always succeed"):
        admit("postgresql://crdb/app", "postgresql", stub)
    with pytest.raises(UsageError, match=re.escape("before TiDB 6.1 GET_LOCK is a no-op")):
        admit("mysql://tidb/app", "mysql", {"version": "5.7.25-TiDB-v5.4.0"})
    with pytest.raises(UsageError, match=re.escape("no advisory locks before 2.25")):
        admit("postgresql://yb/app", "postgresql", {"version": "PostgreSQL 11.2-YB-2.20.1.0-b0 on x86_64"})


def test_the_readme_states_the_guarantees_of_every_engine() -> None:
    readme = README.read_text(encoding="utf-8")
    section = readme.split("## Poolers and distributed SQL", 1)[1].split("\n## ", 1)[0]
    assert guarantees_table() in section
    assert len({engine.name for engine in ENGINES}) == len(ENGINES)


# --- Through the CLI, with a shadowed version() ---------------------------------------------

COCKROACH = "CockroachDB CCL v23.2.4 (x86_64-pc-linux-gnu, built 2024/04/11 17:59:01, go1.21.9)"


def _shadowed(project: Project, db: Db, *functions: tuple[str, str]) -> Project:
    """A project whose URL puts schema ``fake`` before pg_catalog, where ``functions``
    (name, text returned) shadow the built-in ones."""
    db.execute("CREATE SCHEMA fake")
    for name, text in functions:
        db.execute(f"CREATE FUNCTION fake.{name}() RETURNS text LANGUAGE sql AS $$ SELECT '{text}'::text $$")
    options = quote("-c search_path=fake,pg_catalog", safe="")
    return Project(project.root, f"{db.url}?options={options}")


def _fake_tables(db: Db) -> list[str]:
    rows = db.query("SELECT table_name FROM information_schema.tables WHERE table_schema IN ('fake', 'public')")
    return sorted(str(row[0]) for row in rows)


def test_a_refused_engine_is_refused_through_the_cli_before_anything_is_written(
    project: Project, make_db: Callable[[str], Db]
) -> None:
    db = make_db("postgresql")
    shadowed = _shadowed(project, db, ("version", COCKROACH))
    shadowed.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    for command in (("migrate",), ("status", "--json"), ("settings", "set", "k", "v")):
        result = shadowed.ratchet(*command)
        assert result.code == 2, (command, result.output)
        errors = [line for line in result.err.splitlines() if line.startswith("ratchet: error:")]
        assert len(errors) == 1, result.err
        assert "CockroachDB 23.2.4" in errors[0] and "stubs that always succeed" in errors[0]
        assert "Traceback" not in result.err
    assert _fake_tables(db) == []
    assert advisory_locks(db) == 0


def test_an_unverified_engine_runs_with_one_warning_line(project: Project, make_db: Callable[[str], Db]) -> None:
    db = make_db("postgresql")
    shadowed = _shadowed(project, db, ("aurora_version", "15.4.1"))
    shadowed.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    result = shadowed.ratchet("migrate", "--json")
    assert result.code == 0, result.output
    warnings = [line for line in result.err.splitlines() if "not verified" in line]
    assert len(warnings) == 1 and warnings[0].startswith("ratchet: warning: Aurora PostgreSQL 15.4.1"), result.err
    report = json.loads(result.out)
    assert (report["engine"], report["engine_version"]) == ("Aurora PostgreSQL", "15.4.1")
    assert any("Aurora PostgreSQL" in notice for notice in report["notices"])
    assert _fake_tables(db) == ["a", "schema_history", "system_settings"]
    status = shadowed.ratchet("status")
    assert status.code == 0 and "(Aurora PostgreSQL 15.4.1)" in status.out
    assert sum("not verified" in line for line in status.err.splitlines()) == 1


# --- The real servers -------------------------------------------------------------------------


def _server_version(db: Db) -> str:
    if db.dialect == "sqlite":
        import sqlite3

        return sqlite3.sqlite_version
    sql = "SHOW server_version" if db.dialect == "postgresql" else "SELECT VERSION()"
    return str(db.query(sql)[0][0])


def test_status_and_migrate_name_the_engine_and_version(db_project: Project, db: Db) -> None:
    expected = {"sqlite": "SQLite", "postgresql": "PostgreSQL", "mysql": "MariaDB"}[db.dialect]
    db_project.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    migrated = db_project.ratchet("migrate")
    assert migrated.code == 0, migrated.output
    version = re.escape(f"({expected} ") + r"(\d+(?:\.\d+)+)\)"
    shown = re.search(version, migrated.out.splitlines()[-1])
    assert shown and _server_version(db).startswith(shown.group(1)), migrated.out
    assert "not verified" not in migrated.err
    report = json.loads(db_project.ratchet("status", "--json").out)
    assert (report["engine"], report["engine_version"]) == (expected, shown.group(1))
    again = json.loads(db_project.ratchet("migrate", "--json").out)
    assert (again["engine"], again["engine_version"]) == (expected, shown.group(1))
    assert f"({expected} {shown.group(1)}) is up to date" in db_project.ratchet("migrate").out


def test_the_api_reports_the_engine(tmp_path: Path) -> None:
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "1.0.0__a.sql").write_text("CREATE TABLE a (id INTEGER);")
    report = ratchet.migrate(f"sqlite:///{tmp_path / 'app.db'}", tmp_path / "migrations")
    assert report.server is not None and report.server.engine == "SQLite"
    status = ratchet.status(f"sqlite:///{tmp_path / 'app.db'}", tmp_path / "migrations")
    assert status.server == report.server
