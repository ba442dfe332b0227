"""The ``ratchet`` console script: the no-op answer first, else the command line of ``ratchet.cli``.

A ``migrate`` run with nothing to do is answered by :mod:`ratchet.uptodate` before click and the
rest of ratchet are imported (that import costs more than the whole no-op check); every other
run, and every doubt, goes to ``ratchet.cli``, the one definition of the command line.
"""

from __future__ import annotations

import os
import sys


def run() -> None:
    """Console-script entry point."""
    if sys.argv[1:2] == ["migrate"]:  # the only command it answers: others skip its imports (sqlite3)
        from ratchet.uptodate import check

        try:
            answer = check(sys.argv[1:], os.environ, os.getcwd())
        except Exception:  # the quick answer is an optimisation: on any surprise the full path decides
            answer = None
        if answer is not None:
            message, quiet = answer
            if not quiet:
                sys.stdout.write(message + "\n")
            return
    from ratchet.cli import run as run_cli

    run_cli()
