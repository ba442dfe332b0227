"""What the split check (``ratchet.splitcheck``) costs: on 1,000 small files and on the 20 MB
INSERT file of the performance goals (plain lines, which need no scan), and on a 20 MB file whose every
statement carries a comment (the worst case: PostgreSQL's scanner reads all of it).

Prints the time of sqlparse's split and of the check for PostgreSQL and SQLite, medians of
``--runs``. Run alone: ``.venv/bin/python bench/split_check.py``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from big_insert import CREATE, insert_lines
from ratchet.split import split_statements
from ratchet.splitcheck import split_problems
from run import statements

_PATH = Path("bench.sql")


def _median(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _measure(label: str, texts: list[str], runs: int) -> None:
    split = [split_statements(text) for text in texts]
    split_s = _median(lambda: [split_statements(text) for text in texts], runs)
    line = f"{label:<36} split {split_s:7.3f}s"
    for dialect in ("postgresql", "sqlite"):

        def check(dialect: str = dialect) -> object:
            return [split_problems(_PATH, t, s, dialect) for t, s in zip(texts, split, strict=True)]

        check_s = _median(check, runs)
        line += f"   {dialect} check {check_s:7.3f}s ({check_s / split_s:5.1%} of split)"
    print(line)


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--megabytes", type=float, default=20.0)
    arguments = parser.parse_args()
    small = [statements(number) for number in range(1, 1001)]
    _measure("1,000 small files", small, arguments.runs)
    lines = insert_lines(1000)
    count = int(arguments.megabytes * 1e6 / (len(lines) / 1000))
    plain = CREATE + insert_lines(count)
    _measure(f"{len(plain) / 1e6:.0f} MB INSERT file (plain lines)", [plain], arguments.runs)
    commented = CREATE + insert_lines(count).replace(";\n", "; -- c\n")
    _measure(f"{len(commented) / 1e6:.0f} MB INSERT file, commented", [commented], arguments.runs)


if __name__ == "__main__":
    main()
