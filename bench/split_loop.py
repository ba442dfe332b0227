"""Diagnostic: the part of a fresh apply that is statement splitting (sqlparse).

Usage: ``python split_loop.py MIGRATIONS_DIR``: read every file and split it with
``ratchet.split.split_statements``, the call ``migrate`` makes for each pending file.
"""

from __future__ import annotations

import os
import sys

from ratchet.split import split_statements


def main(directory: str) -> None:
    """Split every ``.sql`` file of ``directory``."""
    count = 0
    for name in sorted(os.listdir(directory)):
        if name.endswith(".sql"):
            with open(os.path.join(directory, name), encoding="utf-8") as handle:
                count += len(split_statements(handle.read()))
    if not count:
        sys.exit("no statements")


if __name__ == "__main__":
    main(sys.argv[1])
