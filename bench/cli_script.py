"""``ratchet`` as its console script starts it (``ratchet.launch:run``, the no-op answer first; a tree
older than that module: ``ratchet.cli:run``), for running another source tree (the baseline)."""

try:
    from ratchet.launch import run
except ImportError:
    from ratchet.cli import run

if __name__ == "__main__":
    run()
