"""Keep ``bench/`` from rotting: its generators and one tiny iteration. No timing is asserted."""

from __future__ import annotations

import importlib.util
import sqlite3
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_bench()


def schema(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name, sql FROM sqlite_master WHERE name GLOB 't[0-9]*' ORDER BY name")
        return [(str(name), str(sql)) for name, sql in rows]


def test_generators_write_each_tools_format(bench: ModuleType, tmp_path: Path) -> None:
    bench.generate_ratchet(tmp_path / "r", 12)
    bench.generate_yoyo(tmp_path / "y", 12)
    bench.generate_dbmate(tmp_path / "d", 12)
    ratchet_names = sorted(p.name for p in (tmp_path / "r").iterdir())
    assert len(ratchet_names) == 12 and "1.10.0__create_t10.sql" in ratchet_names
    yoyo_names = sorted(p.name for p in (tmp_path / "y").iterdir())
    assert yoyo_names[0] == "000001_create_t1.sql" and yoyo_names[-1] == "000012_create_t12.sql"
    dbmate_text = (tmp_path / "d" / "000003_create_t3.sql").read_text(encoding="utf-8")
    assert dbmate_text.startswith("-- migrate:up\n") and "CREATE TABLE t3 " in dbmate_text
    assert "-- migrate:down" in dbmate_text


def test_sqlite_loop_builds_the_schema_ratchet_builds(bench: ModuleType, tmp_path: Path) -> None:
    files = tmp_path / "migrations"
    bench.generate_ratchet(files, 15)
    loop_db, ratchet_db = tmp_path / "loop.db", tmp_path / "ratchet.db"
    subprocess.run([sys.executable, str(BENCH / "sqlite_loop.py"), str(files), str(loop_db)], check=True)
    ratchet = str(Path(sys.executable).with_name("ratchet"))
    migrate = [ratchet, "migrate", "--quiet", "--database", f"sqlite:///{ratchet_db}", "--migrations", str(files)]
    subprocess.run(migrate, check=True)
    assert len(schema(loop_db)) == 15
    assert schema(loop_db) == schema(ratchet_db)
    with sqlite3.connect(loop_db) as connection:
        version = connection.execute("SELECT value FROM system_settings WHERE key = 'db_version'").fetchone()
    assert version == ("1.15.0",)
    subprocess.run([sys.executable, str(BENCH / "hash_loop.py"), str(files)], check=True)


def test_one_tiny_run_prints_the_table_and_ratios(tmp_path: Path) -> None:
    command = [sys.executable, str(BENCH / "run.py"), "--files", "20", "--runs", "1", "--keep", str(tmp_path)]
    done = subprocess.run(
        [*command, "--tools", "ratchet,sqlite3,hash"], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    cases = ["ratchet fresh", "ratchet --single-transaction", "ratchet no-op", "ratchet splitter only"]
    cases += ["import ratchet.cli only", "sqlite3 loop fresh", "sqlite3 loop + history row", "hash loop"]
    cases += ["python start-up only"]
    for case in cases:
        assert f"\n{case} " in done.stdout, done.stdout
    assert "ratchet fresh / sqlite3 loop fresh" in done.stdout
    assert "ratchet no-op / hash loop" in done.stdout
    fresh_line = next(line for line in done.stdout.splitlines() if line.startswith("ratchet fresh / sqlite3"))
    assert "x" in fresh_line and "not measured" not in fresh_line
    assert "yoyo no-op / ratchet no-op" in done.stdout and "not measured" in done.stdout
    assert schema(tmp_path / "ratchet.db") == schema(tmp_path / "loop.db") == schema(tmp_path / "loop-history.db")


@pytest.mark.parametrize("tool", ["yoyo", "dbmate"])
def test_peer_runs_when_installed(bench: ModuleType, tool: str, tmp_path: Path) -> None:
    if bench.find_tool(tool) is None:
        pytest.skip(f"{tool} is not installed here (make bench installs it in .bench-venv)")
    command = [sys.executable, str(BENCH / "run.py"), "--files", "5", "--runs", "1", "--keep", str(tmp_path)]
    done = subprocess.run([*command, "--tools", tool], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert f"\n{tool} fresh " in done.stdout and f"\n{tool} no-op " in done.stdout
    assert len(schema(tmp_path / f"{tool}.db")) == 5


def test_baseline_times_another_source_tree(tmp_path: Path) -> None:
    source = BENCH.parent / "src"
    command = [sys.executable, str(BENCH / "run.py"), "--files", "5", "--runs", "1", "--keep", str(tmp_path)]
    done = subprocess.run(
        [*command, "--tools", "ratchet", "--baseline", str(source)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "\nratchet no-op [baseline] " in done.stdout
    assert "ratchet fresh / ratchet fresh [baseline]" in done.stdout
    assert schema(tmp_path / "base.db") == schema(tmp_path / "ratchet.db")


def test_insert_file_case_runs_and_reports_both_goals() -> None:
    command = [sys.executable, str(BENCH / "big_insert.py"), "--size", "100000", "--runs", "1"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "ratchet migrate / sqlite3 executescript" in done.stdout
    assert "ratchet migrate peak memory / file size" in done.stdout


def test_server_cases_run_ratchet_the_driver_loop_and_dbmate(tmp_path: Path) -> None:
    from conftest import require_server

    require_server("postgresql")
    require_server("mysql")
    command = [sys.executable, str(BENCH / "run.py"), "--files", "5", "--runs", "1", "--keep", str(tmp_path)]
    done = subprocess.run(
        [*command, "--tools", "ratchet,postgresql,mariadb"], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    for server in ("postgresql", "mariadb"):
        assert f"\nratchet fresh [{server}] " in done.stdout and f"\ndriver loop fresh [{server}] " in done.stdout
        line = next(row for row in done.stdout.splitlines() if row.startswith(f"ratchet fresh [{server}] / driver"))
        assert "not measured" not in line
