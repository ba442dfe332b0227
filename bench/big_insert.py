"""The 20 MB INSERT file of the performance goals; run by ``bench/run.py`` (``make bench``) or alone.

One migration: a ``CREATE TABLE`` and ~20 MB of single-row ``INSERT`` statements. Times
``ratchet migrate`` of it against ``sqlite3.executescript`` of the same text in one transaction
(``BEGIN; ...; COMMIT;``, as ratchet runs a file; without it every INSERT would commit alone),
each a fresh process on a fresh database, and reports ratchet's peak memory (the child's
``ru_maxrss``) against the file size. Goals: within 2x of executescript, peak under 3x the file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
CREATE = "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL, note TEXT);\n"
EXECUTESCRIPT = (
    "import sqlite3, sys\n"
    "text = open(sys.argv[1], encoding='utf-8').read()\n"
    "connection = sqlite3.connect(sys.argv[2])\n"
    "connection.executescript('BEGIN;\\n' + text + '\\nCOMMIT;')\n"
    "connection.close()\n"
)


def insert_lines(count: int, start: int = 1) -> str:
    """``count`` single-row INSERT statements, one per line (an escaped quote in each)."""
    return "".join(
        f"INSERT INTO items (id, name, price, note) VALUES ({n}, 'item {n}', {n % 1000}.{n % 100:02d}, 'row''s {n}');\n"
        for n in range(start, start + count)
    )


def generate(directory: Path, size: int) -> Path:
    """``1.0.0__items.sql`` of about ``size`` bytes: the table, then INSERTs."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "1.0.0__items.sql"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(CREATE)
        written, start = len(CREATE), 1
        while written < size:
            chunk = insert_lines(10_000, start)
            handle.write(chunk)
            written += len(chunk)
            start += 10_000
    return path


def run_measured(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Run ``command``; return its wall time in seconds and its own peak RSS in bytes."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env={**os.environ, **env} if env else None, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    errors = process.stderr.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} exited {process.returncode}:\n{errors.decode(errors='replace')}")
    return elapsed, usage.ru_maxrss * 1024  # Linux reports kilobytes


def remove(database: Path) -> None:
    """Delete a SQLite file and its side files."""
    for suffix in ("", "-journal", "-wal", "-shm", "-ratchet-lock"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)


def measure(work: Path, size: int, runs: int, baseline: Path | None = None) -> str:
    """Generate the file, time every command ``runs`` times interleaved, return the report."""
    migrations = work / "big"
    path = generate(migrations, size)
    file_size = path.stat().st_size
    ratchet = str(BIN / "ratchet") if (BIN / "ratchet").exists() else "ratchet"
    database = work / "big.db"
    commands: dict[str, tuple[list[str], dict[str, str] | None]] = {
        "sqlite3 executescript": ([sys.executable, "-c", EXECUTESCRIPT, str(path), str(database)], None),
        "ratchet migrate": (
            [ratchet, "migrate", "--database", f"sqlite:///{database}", "--migrations", str(migrations)],
            None,
        ),
    }
    if baseline is not None:
        script = [sys.executable, str(HERE / "cli_script.py"), *commands["ratchet migrate"][0][1:]]
        commands["ratchet migrate [baseline]"] = (script, {"PYTHONPATH": str(baseline)})
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, list[int]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, env) in commands.items():
            remove(database)
            elapsed, peak = run_measured(command, env)
            times[name].append(elapsed)
            peaks[name].append(peak)
    remove(database)
    count = path.read_text(encoding="utf-8").count("\nINSERT ")
    lines = [f"INSERT file (goal: 20 MB): {file_size / 1e6:.1f} MB, {count:,} INSERT statements, median of {runs}", ""]
    lines.append(f"{'case':<32} {'median s':>9} {'min s':>8} {'peak MB':>8} {'peak / file':>11}")
    for name in commands:
        peak = max(peaks[name])
        lines.append(
            f"{name:<32} {statistics.median(times[name]):>9.3f} {min(times[name]):>8.3f}"
            f" {peak / 1e6:>8.1f} {peak / file_size:>10.2f}x"
        )
    ratio = statistics.median(times["ratchet migrate"]) / statistics.median(times["sqlite3 executescript"])
    memory = max(peaks["ratchet migrate"]) / file_size
    lines += [
        "",
        f"{'ratchet migrate / sqlite3 executescript (wall-time medians)':<70} {ratio:>6.2f}x  <= 2.0x  "
        f"{'PASS' if ratio <= 2.0 else 'MISS'}",
        f"{'ratchet migrate peak memory / file size':<70} {memory:>6.2f}x  <  3.0x  "
        f"{'PASS' if memory < 3.0 else 'MISS'}",
    ]
    if baseline is not None:
        change = statistics.median(times["ratchet migrate"]) / statistics.median(times["ratchet migrate [baseline]"])
        lines.append(f"{'ratchet migrate / ratchet migrate [baseline]':<70} {change:>6.2f}x")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Parse the options, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=20_000_000, help="file size in bytes (default 20 MB)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per case (default 3)")
    parser.add_argument("--baseline", metavar="SRC", help="also time ratchet from the source tree SRC")
    options = parser.parse_args(argv)
    baseline = Path(options.baseline).resolve() if options.baseline else None
    with tempfile.TemporaryDirectory(prefix="ratchet-big-") as temporary:
        print(measure(Path(temporary), options.size, options.runs, baseline))


if __name__ == "__main__":
    main()
