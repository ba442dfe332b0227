"""The ``ratchet`` console script: the no-op answer and a plain lint first, else the command line of ``ratchet.cli``.

A ``migrate`` run with nothing to do is answered by :mod:`ratchet.uptodate` before click and the
rest of ratchet are imported (that import costs more than the whole no-op check); a ``lint``
whose command line :mod:`ratchet.quicklint` reads runs without click too (whose import is a tenth
of linting a thousand files), printing the outcome that ``ratchet.cli``'s ``lint`` prints. Every
other run, and every doubt, goes to ``ratchet.cli``, the one definition of the command line.
"""

from __future__ import annotations

import gc
import os
import sys


def run() -> int | None:
    """Console-script entry point; returns the exit code (the console script exits with it)."""
    if sys.argv[1:2] == ["lint"]:
        return _lint()
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
            return None
    from ratchet.cli import run as run_cli

    try:
        run_cli()
    finally:
        # The collector's passes at interpreter exit would walk every object still alive (a
        # migrate's prepared files and lint catalog: ~3% of a fresh 1,000-file run); frozen, they
        # are skipped, and the process is ending anyway.
        gc.freeze()
    return None


def _lint() -> int | None:
    """``ratchet lint`` through :mod:`ratchet.quicklint` when it reads the command line, else click."""
    # The cyclic collector's passes over the modules being imported and its last pass at exit cost
    # 2% of linting a thousand files (callgrind); the lint makes no garbage cycles: off, unless click runs.
    gc.disable()
    try:
        from ratchet.quicklint import answer

        found = answer(sys.argv[1:], colour=use_colour())
    except KeyboardInterrupt:
        sys.stderr.write("ratchet: interrupted\n")  # as ratchet.cli says it
        return 130
    except Exception:  # nothing printed yet: the full path runs it again and explains the problem
        found = None
    if found is None:
        gc.enable()
        from ratchet.cli import run as run_cli

        run_cli()
        return None
    output, errors, code = found
    sys.stdout.write(output)
    sys.stderr.write(errors)
    return code


def use_colour() -> bool:
    """Whether ``lint``'s text output is coloured: on a terminal, unless ``NO_COLOR`` is set."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")
