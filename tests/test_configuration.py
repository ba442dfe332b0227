"""Configuration as a newcomer meets it: a run from a subfolder, the Python
API reading [tool.ratchet], DATABASE_URL, and the URL spellings other tools use."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

import ratchet
from conftest import Db, Project, run_cli
from ratchet.errors import UsageError

TABLE = "CREATE TABLE shop_items (id INTEGER PRIMARY KEY);\n"


def _shop(project: Project, tool_table: str) -> Path:
    """``project.root`` as a project root: pyproject.toml with ``tool_table``, migrations/, and src/."""
    (project.root / "pyproject.toml").write_text(f"[project]\nname = 'shop'\n\n[tool.ratchet]\n{tool_table}")
    project.write("1.0.0__items.sql", TABLE)
    src = project.root / "src"
    src.mkdir()
    return src


def _db_version(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute("SELECT value FROM system_settings WHERE key = 'db_version'").fetchone()[0])
    finally:
        connection.close()


def test_pyproject_paths_are_relative_to_the_pyproject_from_a_subfolder(project: Project) -> None:
    src = _shop(project, 'database = "sqlite:///shop.db"\nmigrations = "migrations"\n')
    result = run_cli(["migrate"], cwd=src)
    assert result.code == 0, result.output
    assert (project.root / "shop.db").exists() and not (src / "shop.db").exists()
    assert _db_version(project.root / "shop.db") == "1.0.0"
    assert str(project.root / "shop.db") in result.out  # the message names the file it used


def test_defaults_are_relative_to_a_pyproject_with_a_ratchet_table(project: Project) -> None:
    src = _shop(project, 'lint-since = "0.1.0"\n')
    result = run_cli(["migrate"], cwd=src)
    assert result.code == 0, result.output
    assert (project.root / "app.db").exists() and not (src / "app.db").exists()
    status = run_cli(["status", "--exit-code"], cwd=src)
    assert status.code == 0 and "0 pending" in status.out, status.output


def test_environment_and_options_stay_relative_to_the_current_folder(project: Project) -> None:
    src = _shop(project, 'database = "sqlite:///shop.db"\n')
    result = run_cli(["migrate", "--migrations", "../migrations"], cwd=src, env={"DATABASE_URL": "sqlite:///here.db"})
    assert result.code == 0, result.output
    assert (src / "here.db").exists() and not (project.root / "shop.db").exists()


def test_python_api_reads_the_configured_migrations_and_database_settings(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _shop(project, 'migrations = "db_files"\nhistory-table = "shop_history"\n')
    project.migrations.rename(project.root / "db_files")
    monkeypatch.chdir(src)
    database = f"sqlite:///{project.root / 'api.db'}"
    report = ratchet.migrate(database)
    assert [r.version.public for r in report.applied] == ["1.0.0"]
    tables = {row[0] for row in sqlite3.connect(project.root / "api.db").execute("SELECT name FROM sqlite_master")}
    assert {"shop_items", "shop_history"} <= tables
    assert [e.state for e in ratchet.status(database).plan.entries] == ["applied"]


def test_python_api_errors_do_not_mention_command_line_options(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project.root)
    with pytest.raises(UsageError) as raised:
        ratchet.migrate(f"sqlite:///{project.root / 'x.db'}", project.root / "nowhere")
    assert "nowhere does not exist" in str(raised.value)
    assert "--migrations" not in str(raised.value) and "[tool.ratchet]" in str(raised.value)


# --- URLs and DATABASE_URL (item 8) ------------------------------------------------------


def test_database_url_is_read_after_ratchet_database_url(project: Project) -> None:
    project.write("1.0.0__items.sql", TABLE)
    result = run_cli(["migrate"], cwd=project.root, env={"DATABASE_URL": "sqlite:///from_database_url.db"})
    assert result.code == 0, result.output
    assert (project.root / "from_database_url.db").exists()
    both = {"DATABASE_URL": "sqlite:///loser.db", "RATCHET_DATABASE_URL": "sqlite:///winner.db"}
    assert run_cli(["migrate"], cwd=project.root, env=both).code == 0
    assert (project.root / "winner.db").exists() and not (project.root / "loser.db").exists()


@pytest.mark.parametrize(
    ("url", "shown"), [("sqlite:shop.db", "sqlite:///shop.db"), ("sqlite://shop.db", "sqlite:///shop.db")]
)
def test_a_sqlite_url_without_three_slashes_shows_the_right_one(project: Project, url: str, shown: str) -> None:
    project.write("1.0.0__items.sql", TABLE)
    result = project.ratchet("migrate", "--database", url)
    assert result.code == 2, result.output
    assert f"did you mean {shown}?" in result.err and "Traceback" not in result.err
    assert not list(project.root.glob("*.db"))


@pytest.mark.parametrize(
    ("dialect", "alias"),
    [
        ("postgresql", "postgres"),
        ("postgresql", "postgresql+psycopg"),
        ("mysql", "mariadb"),
        ("mysql", "mysql+pymysql"),
    ],
)
def test_url_aliases_reach_the_server(project: Project, make_db: Callable[[str], Db], dialect: str, alias: str) -> None:
    db = make_db(dialect)
    project.write("1.0.0__items.sql", TABLE)
    url = alias + db.url[len(dialect) :]
    result = run_cli(["migrate"], cwd=project.root, env={"DATABASE_URL": url})
    assert result.code == 0, result.output
    assert db.db_version() == "1.0.0" and "shop_items" in db.tables()


def test_configured_migrations_keep_repository_relative_paths_in_lint_output(project: Project) -> None:
    src = _shop(project, 'migrations = "migrations"\ndialect = "sqlite"\n')
    project.write("1.1.0__drop.sql", "DROP TABLE shop_items;\n")
    at_root = run_cli(["lint", "--format", "github"], cwd=project.root)
    assert at_root.code == 1 and "file=migrations/1.1.0__drop.sql," in at_root.out, at_root.output
    below = run_cli(["lint"], cwd=src)
    assert below.code == 1 and "migrations/1.1.0__drop.sql:1:1: error drop-table" in below.out
