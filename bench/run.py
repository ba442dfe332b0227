"""ratchet side by side with its peers on SQLite; run by ``make bench``.

In one run: generate N small migrations in each tool's format, then time (median of several
runs, interleaved round by round so that machine noise hits every tool alike):

- ``ratchet migrate`` fresh (one commit per file), ``--single-transaction``, and the no-op run;
- the floors: a minimal stdlib ``sqlite3`` loop doing the same commits (``sqlite_loop.py``) and a
  loop that only reads and hashes every file (``hash_loop.py``), each a subprocess of this
  same Python so that process start-up is comparable;
- yoyo-migrations and dbmate, fresh and no-op, on the same SQL;
- on PostgreSQL and MariaDB (when their servers answer on 127.0.0.1): ``ratchet migrate`` fresh,
  a minimal psycopg / PyMySQL loop (``server_loop.py``) and dbmate, each on a new database.

``--files`` and ``--insert-mb`` take comma-separated sizes (``--files 1000,10000 --insert-mb 20,100``
is the "cost grows linearly" check); each size prints its own table.

Then print the medians and the ratios set as goals, each PASS or MISS.
Timings are never asserted anywhere; ``tests/test_bench_smoke.py`` only keeps this running.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
TOOLS = ("ratchet", "sqlite3", "hash", "yoyo", "dbmate", "insert", "postgresql", "mariadb")
# insert: the 20 MB file (big_insert.py); postgresql, mariadb: the server cases (ratchet, the loop, dbmate)
# Server databases are named per bench process: two benches on one shared server must not drop
# each other's database mid-run.
RUN_ID = os.getpid()
SERVERS = {
    # tool -> (dialect for server_loop.py, ratchet URL, dbmate URL); {name} is the bench's database
    "postgresql": (
        "postgresql",
        "postgresql://postgres@127.0.0.1:5432/{name}",
        "postgres://postgres@127.0.0.1:5432/{name}?sslmode=disable",
    ),
    "mariadb": ("mysql", "mysql://root@127.0.0.1:3306/{name}", "mysql://root@127.0.0.1:3306/{name}"),
}


def statements(number: int) -> str:
    """The SQL of migration ``number``: create a small table and insert one row."""
    return (
        f"CREATE TABLE t{number} (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
        f"INSERT INTO t{number} (id, name) VALUES ({number}, 'row {number}');\n"
    )


def generate_ratchet(directory: Path, count: int) -> None:
    """``1.N.0__create_tN.sql`` files (numeric semver order)."""
    directory.mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        (directory / f"1.{number}.0__create_t{number}.sql").write_text(statements(number), encoding="utf-8")


def generate_yoyo(directory: Path, count: int) -> None:
    """``NNNNNN_create_tN.sql`` files (yoyo orders by name)."""
    directory.mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        (directory / f"{number:06d}_create_t{number}.sql").write_text(statements(number), encoding="utf-8")


def generate_dbmate(directory: Path, count: int) -> None:
    """``NNNNNN_create_tN.sql`` files with dbmate's ``-- migrate:up`` / ``-- migrate:down`` markers."""
    directory.mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        text = f"-- migrate:up\n{statements(number)}\n-- migrate:down\n"
        (directory / f"{number:06d}_create_t{number}.sql").write_text(text, encoding="utf-8")


def table_count(database: Path) -> int:
    """How many generated ``tN`` tables a database holds (to check a run really applied)."""
    connection = sqlite3.connect(database)
    try:
        row = connection.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name GLOB 't[0-9]*'")
        return int(row.fetchone()[0])
    finally:
        connection.close()


@dataclass
class Case:
    """One timed command. ``fresh`` cases start from no database file; no-op cases from a
    database that ``setup`` brought up to date."""

    name: str
    command: list[str]
    database: Path
    fresh: bool
    setup: list[str] | None = None
    env: dict[str, str] | None = None
    server: tuple[str, str] | None = None  # (dialect, database name): a server database, not a file
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        """Median wall time in seconds."""
        return statistics.median(self.times)

    @property
    def cpu_median(self) -> float:
        """Median CPU time (user + system) of the process in seconds."""
        return statistics.median(self.cpu)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_checked(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run ``command``; return its wall and CPU time in seconds; fail loudly if it fails.

    CPU time is reported beside wall time because the disk and cores are shared: commits
    wait on other processes' fsyncs, which shows in wall time only.
    """
    cpu_before = _children_cpu()
    started = time.perf_counter()
    full_env = {**os.environ, **env} if env else None
    done = subprocess.run(
        command, cwd=cwd, env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} exited {done.returncode}:\n{done.stderr.decode(errors='replace')}")
    return elapsed, _children_cpu() - cpu_before


def remove_database(database: Path) -> None:
    """Delete a SQLite file and its side files."""
    for suffix in ("", "-journal", "-wal", "-shm", "-ratchet-lock"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)


def find_tool(name: str) -> str | None:
    """A tool installed beside this Python (the bench venv), else on ``PATH``."""
    sibling = BIN / name
    if sibling.exists():
        return str(sibling)
    return shutil.which(name)


def build_cases(work: Path, count: int, tools: set[str], baseline: Path | None = None) -> list[Case]:
    """Generate the files and describe every timed command."""
    python = sys.executable
    cases: list[Case] = []
    ratchet_dir = work / "ratchet"
    if tools & {"ratchet", "sqlite3", "hash"}:
        generate_ratchet(ratchet_dir, count)
    if "ratchet" in tools:
        ratchet = find_tool("ratchet")
        if ratchet is None:
            sys.exit("bench: the ratchet command is not installed beside this Python")

        def migrate(database: Path, *extra: str) -> list[str]:
            return [ratchet, "migrate", "--database", f"sqlite:///{database}", "--migrations", str(ratchet_dir), *extra]

        fresh, single, noop = work / "ratchet.db", work / "ratchet-single.db", work / "ratchet-noop.db"
        split = [python, str(HERE / "split_loop.py"), str(ratchet_dir)]
        cases += [
            Case("ratchet fresh", migrate(fresh), fresh, fresh=True),
            Case("ratchet --single-transaction", migrate(single, "--single-transaction"), single, fresh=True),
            Case("ratchet no-op", migrate(noop), noop, fresh=False, setup=migrate(noop)),
            Case("ratchet splitter only", split, work / "none", fresh=False),
            Case("import ratchet.cli only", [python, "-c", "import ratchet.cli"], work / "none", fresh=False),
        ]
        if baseline is not None:
            # The same commands on another ratchet source tree, for before/after under the same noise,
            # started as that tree's console script started (``ratchet.cli:run``).
            env = {"PYTHONPATH": str(baseline)}
            baseline_ratchet = [python, str(HERE / "cli_script.py")]

            def baseline_migrate(database: Path, *extra: str) -> list[str]:
                return [*baseline_ratchet, *migrate(database, *extra)[1:]]

            fresh, single, noop = work / "base.db", work / "base-single.db", work / "base-noop.db"
            all_in_one, up_to_date = baseline_migrate(single, "--single-transaction"), baseline_migrate(noop)
            cases += [
                Case("ratchet fresh [baseline]", baseline_migrate(fresh), fresh, fresh=True, env=env),
                Case("ratchet --single-transaction [baseline]", all_in_one, single, fresh=True, env=env),
                Case("ratchet no-op [baseline]", up_to_date, noop, fresh=False, setup=up_to_date, env=env),
            ]
    if "sqlite3" in tools:
        loop_db = work / "loop.db"
        command = [python, str(HERE / "sqlite_loop.py"), str(ratchet_dir), str(loop_db)]
        cases.append(Case("sqlite3 loop fresh", command, loop_db, fresh=True))
        history_db = work / "loop-history.db"
        command = [python, str(HERE / "sqlite_loop.py"), str(ratchet_dir), str(history_db), "--history"]
        cases.append(Case("sqlite3 loop + history row", command, history_db, fresh=True))
    if "hash" in tools:
        cases.append(Case("hash loop", [python, str(HERE / "hash_loop.py"), str(ratchet_dir)], work / "none", False))
        cases.append(Case("python start-up only", [python, "-c", "pass"], work / "none", fresh=False))
    yoyo = find_tool("yoyo") if "yoyo" in tools else None
    if yoyo is not None:
        yoyo_dir = work / "yoyo"
        generate_yoyo(yoyo_dir, count)

        def apply(database: Path) -> list[str]:
            return [yoyo, "apply", "--batch", "--no-config-file", "--database", f"sqlite:///{database}", str(yoyo_dir)]

        fresh, noop = work / "yoyo.db", work / "yoyo-noop.db"
        cases += [
            Case("yoyo fresh", apply(fresh), fresh, fresh=True),
            Case("yoyo no-op", apply(noop), noop, fresh=False, setup=apply(noop)),
        ]
    dbmate = find_tool("dbmate") if "dbmate" in tools else None
    if dbmate is not None:
        dbmate_dir = work / "dbmate"
        generate_dbmate(dbmate_dir, count)

        def up(database: Path) -> list[str]:
            url = f"sqlite:{database}"
            return [dbmate, "--url", url, "--migrations-dir", str(dbmate_dir), "--no-dump-schema", "up"]

        fresh, noop = work / "dbmate.db", work / "dbmate-noop.db"
        cases += [
            Case("dbmate fresh", up(fresh), fresh, fresh=True),
            Case("dbmate no-op", up(noop), noop, fresh=False, setup=up(noop)),
        ]
    for tool in SERVERS:
        if tool in tools:  # dbmate is a server case's yardstick even when its SQLite cases are not asked for
            cases += server_cases(work, count, tool, find_tool("dbmate"), baseline)
    return cases


def server_cases(work: Path, count: int, tool: str, dbmate: str | None, baseline: Path | None = None) -> list[Case]:
    """ratchet, the minimal driver loop and dbmate, fresh, on a new database of the ``tool`` server
    (and ratchet from the ``baseline`` source tree, when given)."""
    dialect, ratchet_url, dbmate_url = SERVERS[tool]
    problem = server_available(dialect)
    if problem is not None:
        print(f"bench: {tool} does not answer on 127.0.0.1 ({problem}); skipping its cases", file=sys.stderr)
        return []
    ratchet = find_tool("ratchet")
    ratchet_dir, dbmate_dir = work / "ratchet", work / "dbmate"
    if not ratchet_dir.is_dir():
        generate_ratchet(ratchet_dir, count)
    none = work / "none"
    cases: list[Case] = []
    if ratchet is not None:

        def migrate(name: str) -> list[str]:
            return ["migrate", "--database", ratchet_url.format(name=name), "--migrations", str(ratchet_dir)]

        name = f"ratchet_bench_{tool}_{RUN_ID}"
        cases.append(
            Case(f"ratchet fresh [{tool}]", [ratchet, *migrate(name)], none, fresh=True, server=(dialect, name))
        )
        if baseline is not None:  # started as the baseline tree's console script would be
            name = f"base_bench_{tool}_{RUN_ID}"
            command = [sys.executable, str(HERE / "cli_script.py"), *migrate(name)]
            env = {"PYTHONPATH": str(baseline)}
            cases.append(
                Case(f"ratchet fresh [{tool}] [baseline]", command, none, fresh=True, server=(dialect, name), env=env)
            )
    name = f"loop_bench_{tool}_{RUN_ID}"
    loop = [sys.executable, str(HERE / "server_loop.py"), dialect, name, str(ratchet_dir)]
    cases.append(Case(f"driver loop fresh [{tool}]", loop, none, fresh=True, server=(dialect, name)))
    if dbmate is not None:
        generate_dbmate(dbmate_dir, count)
        name = f"dbmate_bench_{tool}_{RUN_ID}"
        command = [dbmate, "--url", dbmate_url.format(name=name), "--migrations-dir", str(dbmate_dir)]
        command += ["--no-dump-schema", "up"]
        cases.append(Case(f"dbmate fresh [{tool}]", command, none, fresh=True, server=(dialect, name)))
    return cases


def server_admin(dialect: str) -> Any:
    """An autocommit connection to the local server of ``dialect`` (for CREATE/DROP DATABASE)."""
    sys.path.insert(0, str(HERE))
    from server_loop import connect

    return connect(dialect, "test" if dialect == "postgresql" else "mysql")


def server_available(dialect: str) -> str | None:
    """``None`` when the bench's server of ``dialect`` answers, else why not."""
    try:
        server_admin(dialect).close()
    except Exception as exc:  # any driver or network error: the cases are skipped with the reason
        return " ".join(str(exc).split())[:200]
    return None


def reset_server_database(dialect: str, name: str) -> None:
    """Drop and create the bench database ``name``."""
    connection = server_admin(dialect)
    try:
        cursor = connection.cursor()
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")
        cursor.execute(f"CREATE DATABASE {name}")
    finally:
        connection.close()


def drop_server_database(dialect: str, name: str) -> None:
    """Drop the bench database ``name``."""
    connection = server_admin(dialect)
    try:
        connection.cursor().execute(f"DROP DATABASE IF EXISTS {name}")
    finally:
        connection.close()


def server_table_count(dialect: str, name: str) -> int:
    """How many generated ``tN`` tables the server database ``name`` holds."""
    sys.path.insert(0, str(HERE))
    from server_loop import connect

    connection = connect(dialect, name)
    try:
        cursor = connection.cursor()
        if dialect == "postgresql":
            cursor.execute("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public' AND tablename ~ '^t[0-9]+$'")
        else:
            cursor.execute(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
                "AND table_name REGEXP '^t[0-9]+$'"
            )
        return int(cursor.fetchone()[0])
    finally:
        connection.close()


def reset(case: Case) -> None:
    """A fresh case starts from no database."""
    if case.server is not None:
        reset_server_database(*case.server)
    else:
        remove_database(case.database)


def tables_of(case: Case) -> int:
    """How many ``tN`` tables the case's database holds."""
    return server_table_count(*case.server) if case.server is not None else table_count(case.database)


def measure(cases: list[Case], runs: int, work: Path, count: int) -> None:
    """Time every case ``runs`` times, one round of all cases after another."""
    for case in cases:
        if case.setup is not None:
            reset(case)
            run_checked(case.setup, work, case.env)
    for round_number in range(1, runs + 1):
        for case in cases:
            if case.fresh:
                reset(case)
            elapsed, cpu = run_checked(case.command, work, case.env)
            case.times.append(elapsed)
            case.cpu.append(cpu)
            if case.fresh and tables_of(case) != count:
                sys.exit(f"bench: {case.name} left {tables_of(case)} of {count} tables")
        print(f"  round {round_number}/{runs} done", file=sys.stderr, flush=True)
    for case in cases:
        if case.server is not None:
            drop_server_database(*case.server)


@dataclass(frozen=True)
class Goal:
    """A goal ratio: ``numerator / denominator`` at most (or at least) ``limit``."""

    numerator: str
    denominator: str
    limit: float
    at_most: bool = True

    def label(self) -> str:
        """How the goal reads in the table."""
        return f"{self.numerator} / {self.denominator}"


GOALS = (
    Goal("ratchet fresh", "sqlite3 loop fresh", 1.1),
    Goal("ratchet --single-transaction", "dbmate fresh", 0.5),
    Goal("ratchet --single-transaction", "sqlite3 loop fresh", 0.45),
    Goal("ratchet no-op", "hash loop", 1.5),
    Goal("yoyo no-op", "ratchet no-op", 2.0, at_most=False),
    Goal("ratchet fresh [postgresql]", "driver loop fresh [postgresql]", 1.1),
    Goal("ratchet fresh [postgresql]", "dbmate fresh [postgresql]", 1.0),
    Goal("ratchet fresh [mariadb]", "driver loop fresh [mariadb]", 1.1),
    Goal("ratchet fresh [mariadb]", "dbmate fresh [mariadb]", 1.0),
)
# For context only, no goal (dbmate was measured at 0.9x and yoyo at 3.1x of the loop).
CONTEXT = (
    Goal("dbmate fresh", "sqlite3 loop fresh", 0.0),
    Goal("yoyo fresh", "sqlite3 loop fresh", 0.0),
    Goal("ratchet --single-transaction", "sqlite3 loop fresh", 0.0),
    Goal("ratchet fresh", "sqlite3 loop + history row", 0.0),
    Goal("sqlite3 loop + history row", "sqlite3 loop fresh", 0.0),
    Goal("ratchet splitter only", "ratchet --single-transaction", 0.0),
    Goal("import ratchet.cli only", "ratchet no-op", 0.0),
    Goal("python start-up only", "hash loop", 0.0),
    Goal("ratchet fresh", "ratchet fresh [baseline]", 0.0),
    Goal("ratchet --single-transaction", "ratchet --single-transaction [baseline]", 0.0),
    Goal("ratchet no-op", "ratchet no-op [baseline]", 0.0),
    Goal("dbmate no-op", "ratchet no-op", 0.0),
    Goal("dbmate fresh [postgresql]", "driver loop fresh [postgresql]", 0.0),
    Goal("dbmate fresh [mariadb]", "driver loop fresh [mariadb]", 0.0),
    Goal("ratchet fresh [postgresql]", "ratchet fresh [postgresql] [baseline]", 0.0),
    Goal("ratchet fresh [mariadb]", "ratchet fresh [mariadb] [baseline]", 0.0),
)


def machine() -> str:
    """One line about the conditions the figures were taken under."""
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"python {platform.python_version()}, sqlite {sqlite3.sqlite_version}, "
        f"{os.cpu_count()} CPUs, load average {load}, {platform.platform()}"
    )


def report(cases: list[Case], count: int, runs: int) -> str:
    """The medians table and the goal ratios."""
    lines = [f"{count} migrations, median of {runs} run(s); {machine()}", ""]
    lines.append(f"{'case':<40} {'median s':>9} {'min s':>8} {'max s':>8} {'cpu s':>8}  {'per file ms':>11}")
    for case in cases:
        lines.append(
            f"{case.name:<40} {case.median:>9.3f} {min(case.times):>8.3f} {max(case.times):>8.3f}"
            f" {case.cpu_median:>8.3f}  {case.median / count * 1000:>11.3f}"
        )
    by_name = {case.name: case for case in cases}
    heading = f"{'goal (wall-time medians)':<70} {'ratio':>7}  {'goal':>7}  result  min ratio  cpu ratio"
    lines += ["", heading]
    lines += [_ratio_line(goal, by_name) for goal in GOALS]
    lines += ["", "for context (dbmate was measured at 0.9x and yoyo at 3.1x of the sqlite3 loop):"]
    lines += [_ratio_line(goal, by_name) for goal in CONTEXT]
    lines += ["", "min ratio: of the fastest runs (noise only adds time); cpu ratio: of median user+system time"]
    return "\n".join(lines)


def _ratio_line(goal: Goal, cases: dict[str, Case]) -> str:
    if goal.numerator not in cases or goal.denominator not in cases:
        return f"{goal.label():<70} {'-':>7}  {'':>7}  not measured"
    top, bottom = cases[goal.numerator], cases[goal.denominator]
    ratio = top.median / bottom.median
    others = f"{min(top.times) / min(bottom.times):>8.2f}x  {top.cpu_median / max(bottom.cpu_median, 1e-9):>8.2f}x"
    if goal.limit == 0.0:
        return f"{goal.label():<70} {ratio:>6.2f}x  {'':>7}  {'':>6}  {others}"
    met = ratio <= goal.limit if goal.at_most else ratio >= goal.limit
    sign = "<=" if goal.at_most else ">="
    verdict = "PASS" if met else "MISS"
    return f"{goal.label():<70} {ratio:>6.2f}x  {sign}{goal.limit:>4.2f}x  {verdict:<6}  {others}"


def main(argv: list[str] | None = None, *, out: Callable[[str], None] = print) -> None:
    """Parse the options, generate, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--files", type=sizes(int), default=[1000], help="migrations to generate, comma-separated (default 1000)"
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs per case (default 5)")
    parser.add_argument("--tools", default=",".join(TOOLS), help=f"comma-separated subset of {','.join(TOOLS)}")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (default: a temporary directory)")
    parser.add_argument(
        "--baseline",
        metavar="SRC",
        help="also time ratchet from the source tree SRC (the directory holding its ratchet/ package, "
        "e.g. from `git archive main src`), interleaved with the current one",
    )
    parser.add_argument(
        "--insert-mb", type=sizes(float), default=[20.0], help="sizes of the INSERT file case, MB (default 20)"
    )
    parser.add_argument("--insert-runs", type=int, default=3, help="timed runs of the INSERT file case (default 3)")
    options = parser.parse_args(argv)
    tools = {name.strip() for name in options.tools.split(",") if name.strip()}
    unknown = tools - set(TOOLS)
    if unknown:
        parser.error(f"unknown tools: {', '.join(sorted(unknown))}")
    for name in ("yoyo", "dbmate"):
        if name in tools and find_tool(name) is None:
            print(f"bench: {name} is not installed; skipping it (make bench installs it)", file=sys.stderr)
    baseline = Path(options.baseline).resolve() if options.baseline else None
    if baseline is not None and not (baseline / "ratchet" / "__init__.py").is_file():
        parser.error(f"--baseline {baseline}: no ratchet/__init__.py there")
    started = time.perf_counter()
    for count in options.files:
        if options.keep:
            work = Path(options.keep).resolve()
            if len(options.files) > 1:
                work = work / str(count)
            work.mkdir(parents=True, exist_ok=True)
            _bench(work, count, options.runs, tools, out, baseline)
        else:
            with tempfile.TemporaryDirectory(prefix="ratchet-bench-") as temporary:
                _bench(Path(temporary), count, options.runs, tools, out, baseline)
        out("")
    if "insert" in tools:
        for megabytes in options.insert_mb:
            insert_file_case(megabytes, options.insert_runs, out, baseline)
            out("")
    out(f"whole bench: {time.perf_counter() - started:.0f} s")


def sizes(kind: Callable[[str], Any]) -> Callable[[str], list[Any]]:
    """An argparse type: comma-separated positive numbers."""

    def parse(text: str) -> list[Any]:
        values = [kind(part) for part in text.split(",") if part.strip()]
        if not values or any(value <= 0 for value in values):
            raise argparse.ArgumentTypeError(f"'{text}' is not a comma-separated list of positive numbers")
        return values

    return parse


def insert_file_case(megabytes: float, runs: int, out: Callable[[str], None], baseline: Path | None) -> None:
    """The 20 MB INSERT file (``big_insert.py``), after the other cases."""
    sys.path.insert(0, str(HERE))
    from big_insert import measure

    print(f"bench: the {megabytes:g} MB INSERT file x {runs} run(s)", file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory(prefix="ratchet-big-") as temporary:
        out("\n" + measure(Path(temporary), int(megabytes * 1_000_000), runs, baseline))


def compile_ratchet(baseline: Path | None) -> None:
    """Byte-compile ratchet's modules, as pip does when it installs a wheel.

    An editable install under ``PYTHONDONTWRITEBYTECODE`` would otherwise recompile every
    module on every run, which no installed ratchet pays.
    """
    spec = importlib.util.find_spec("ratchet")
    if spec is None or not spec.submodule_search_locations:
        return
    locations = list(spec.submodule_search_locations)
    if baseline is not None:
        locations.append(str(baseline / "ratchet"))
    for location in locations:
        subprocess.run([sys.executable, "-m", "compileall", "-q", location], check=True)


def _bench(
    work: Path, count: int, runs: int, tools: set[str], out: Callable[[str], None], baseline: Path | None
) -> None:
    if "ratchet" in tools:
        compile_ratchet(baseline)
    cases = build_cases(work, count, tools, baseline)
    print(f"bench: {len(cases)} cases x {runs} run(s) on {count} files in {work}", file=sys.stderr, flush=True)
    measure(cases, runs, work, count)
    out(report(cases, count, runs))


if __name__ == "__main__":
    main()
