"""``ratchet`` as a console script pointing at ``ratchet.cli:run`` (how a baseline tree starts)."""

from ratchet.cli import run

if __name__ == "__main__":
    run()
