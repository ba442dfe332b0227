"""Benchmark: `ratchet lint` vs `squawk` over the same 1,000 generated PostgreSQL migrations.

Run with the bench venv (`make bench` installs squawk-cli there):
    .bench-venv/bin/python bench/lint_bench.py [--files 1000] [--runs 5]
Prints the median wall time of each tool (whole process, as CI pays it) and the ratio.
SPEC section 6 asks ratchet to be within 2x of squawk.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TEMPLATES = (
    "CREATE TABLE t{n} (\n  id bigserial PRIMARY KEY,\n  name text NOT NULL,\n"
    "  created_at timestamptz NOT NULL DEFAULT now()\n);\n",
    "ALTER TABLE t{p} ADD COLUMN note_{n} text;\n",
    "CREATE INDEX idx_t{p}_name_{n} ON t{p} (name);\n",
    "INSERT INTO t{p} (name) VALUES ('a{n}'), ('b{n}'), ('c{n}');\n",
    "ALTER TABLE t{p} ADD COLUMN flag_{n} boolean NOT NULL DEFAULT false;\nCOMMENT ON COLUMN t{p}.flag_{n} IS 'x';\n",
)


def generate(directory: Path, count: int) -> list[Path]:
    paths = []
    for n in range(count):
        sql = TEMPLATES[0 if n < 5 else n % len(TEMPLATES)].format(n=n, p=n % 5)
        path = directory / f"1.{n}.0__change_{n}.sql"
        path.write_text(f"-- migration {n}\n\n{sql}", encoding="utf-8")
        paths.append(path)
    return paths


def timed(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median wall time of each command; runs are interleaved so load changes hit all alike."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            started = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            samples[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in samples.items()}


def tool(name: str) -> str | None:
    local = Path(sys.executable).with_name(name)
    return str(local) if local.exists() else shutil.which(name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    ratchet, squawk = tool("ratchet"), tool("squawk")
    if ratchet is None:
        print("ratchet is not installed in this environment", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder) / "migrations"
        directory.mkdir()
        paths = generate(directory, args.files)
        command = [ratchet, "lint", "--dialect", "postgresql", "--format", "json", str(directory)]
        commands = {"ratchet": command, "ratchet --jobs 1": [*command, "--jobs", "1"]}
        if squawk is not None:
            commands["squawk"] = [squawk, *map(str, paths)]
        else:
            print("squawk not found (pip install squawk-cli, or `make bench`); no ratio", file=sys.stderr)
        medians = timed(commands, args.runs)
        for name, median in medians.items():
            print(f"{name:<17} {args.files} PostgreSQL files: median {median * 1000:6.0f} ms over {args.runs} runs")
        if squawk is not None:
            theirs = medians["squawk"]
            print(
                f"ratio ratchet/squawk: {medians['ratchet'] / theirs:.2f}x (SPEC: within 2x); "
                f"one process: {medians['ratchet --jobs 1'] / theirs:.2f}x"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
