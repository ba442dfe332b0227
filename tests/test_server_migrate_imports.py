"""``ratchet migrate`` on PostgreSQL imports nothing that only SQLite needs: not sqlite3 (the
no-op check opens SQLite files only), nor the lint's table-rebuild modules (a rebuild needs a
procedure on SQLite alone); and for files PostgreSQL's parse splits as sqlparse would, not
sqlparse. Checked in a real process started as the console script starts."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from conftest import Db

PROBE = """
import json, sys
from ratchet.launch import run
sys.argv = ["ratchet", *sys.argv[1:]]
code = None
try:
    code = run()
except SystemExit as exit:
    code = exit.code
sys.stderr.write("\\nMODULES " + json.dumps({"code": code, "modules": sorted(sys.modules)}) + "\\n")
"""
#: Modules a PostgreSQL migrate never needs.
NOT_NEEDED = ("sqlite3", "_sqlite3", "ratchet.linter.rebuild", "ratchet.linter.classify", "sqlparse", "ratchet.split")


def test_a_postgresql_migrate_leaves_sqlite_and_rebuild_modules_alone(
    tmp_path: Path, make_db: Callable[[str], Db]
) -> None:
    db = make_db("postgresql")
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    (migrations / "1.0.0__crates.sql").write_text(
        "CREATE TABLE crates (id bigint PRIMARY KEY, label text NOT NULL);\n", encoding="utf-8"
    )
    # dropped and created again: a table rebuild, which SQLite would run inside its procedure
    (migrations / "1.1.0__crates_again.sql").write_text(
        "CREATE TABLE crate_scratch (id bigint);\nDROP TABLE crate_scratch;\nCREATE TABLE crate_scratch (id bigint);\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-c", PROBE, "migrate", "--database", db.url, "--migrations", str(migrations)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, check=False, timeout=120)
    report = json.loads(done.stderr.rsplit("\nMODULES ", 1)[1])
    assert report["code"] in (0, None), done.stderr
    assert [name for name in NOT_NEEDED if name in report["modules"]] == []
    with db.connect() as connection:
        tables = {row[0] for row in connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert {"crates", "crate_scratch"} <= tables
