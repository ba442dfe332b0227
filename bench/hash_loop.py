"""The floor for a no-op run: read and SHA-256 every migration file, nothing else.

Usage: ``python hash_loop.py MIGRATIONS_DIR``.
"""

from __future__ import annotations

import hashlib
import os
import sys


def main(directory: str) -> None:
    """Hash every ``.sql`` file of ``directory`` in name order."""
    digests = []
    for name in sorted(os.listdir(directory)):
        if name.endswith(".sql"):
            with open(os.path.join(directory, name), "rb") as handle:
                digests.append(hashlib.sha256(handle.read()).hexdigest())
    if not digests:
        sys.exit("no .sql files")


if __name__ == "__main__":
    main(sys.argv[1])
