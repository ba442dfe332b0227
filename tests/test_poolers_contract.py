"""The backend contract (every test of ``test_contract.py``) once more, on PostgreSQL through
a real PgBouncer in session mode: session pooling must work exactly like a direct connection.

The tests are taken from ``test_contract`` as they are (new ones join automatically); only the
``db`` fixture differs: a fresh PostgreSQL database whose URL points at PgBouncer, while the
test's own inspection queries still go to PostgreSQL directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

import test_contract
from conftest import Db
from pgbouncer_server import Bouncer, running_pgbouncer

globals().update({name: getattr(test_contract, name) for name in dir(test_contract) if name.startswith("test_")})


@pytest.fixture(scope="module")
def session_bouncer() -> Iterator[Bouncer]:
    """PgBouncer in session mode in front of the test PostgreSQL."""
    with running_pgbouncer("session", 10) as bouncer:
        yield bouncer


@pytest.fixture
def db(make_db: Callable[[str], Db], session_bouncer: Bouncer) -> Db:
    """A fresh PostgreSQL database reached through PgBouncer (dropped afterwards by make_db)."""
    direct = make_db("postgresql")
    return Db("postgresql", session_bouncer.url(direct.name), direct.name)
