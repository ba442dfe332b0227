"""Setting a key races neither `migrate` nor another `set`, on fresh databases,
with real threads on real servers (bounded loops; each trial on a database of its own)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

import ratchet
from conftest import DIALECTS, DatabaseFactory, Db

TRIALS = 8


def run_together(*actions: Callable[[], object]) -> list[BaseException]:
    """Start every action at the same moment on its own thread; the exceptions they raised."""
    barrier = threading.Barrier(len(actions))
    failures: list[BaseException] = []
    lock = threading.Lock()

    def start(action: Callable[[], object]) -> None:
        barrier.wait()
        try:
            action()
        except BaseException as exc:
            with lock:
                failures.append(exc)

    threads = [threading.Thread(target=start, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a racer hung"
    return failures


@pytest.fixture
def migrations(tmp_path: Path) -> Path:
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "1.0.0__base.sql").write_text("CREATE TABLE base (id INTEGER);")
    (folder / "1.1.0__more.sql").write_text("CREATE TABLE more (id INTEGER);")
    return folder


@pytest.mark.parametrize("dialect", DIALECTS)
def test_an_application_setting_a_key_while_migrate_starts(
    make_db: DatabaseFactory, migrations: Path, dialect: str
) -> None:
    for trial in range(TRIALS):
        db = make_db(dialect)
        failures = run_together(
            lambda db=db: ratchet.migrate(db.url, migrations),
            lambda db=db: ratchet.set_system_setting(db.url, "feature", "on"),
            lambda db=db: ratchet.set_system_setting(db.url, "other", "x"),
        )
        assert failures == [], f"trial {trial}: {failures!r}"
        assert db.db_version() == "1.1.0"
        assert db.history() == {"1.0.0": ("applied", 1), "1.1.0": ("applied", 1)}
        assert ratchet.list_system_settings(db.url) == {"db_version": "1.1.0", "feature": "on", "other": "x"}
        make_db.release(db)  # dropped now: the next trial gets a fresh database


@pytest.mark.parametrize("dialect", DIALECTS)
def test_setters_racing_on_a_fresh_database(make_db: DatabaseFactory, dialect: str) -> None:
    for trial in range(TRIALS):
        db = make_db(dialect)
        failures = run_together(
            *(lambda db=db, n=n: ratchet.set_system_setting(db.url, f"k{n}", str(n)) for n in range(4))
        )
        assert failures == [], f"trial {trial}: {failures!r}"
        assert ratchet.list_system_settings(db.url) == {f"k{n}": str(n) for n in range(4)}
        make_db.release(db)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_setting_the_same_new_key_at_once(make_db: Callable[[str], Db], dialect: str) -> None:
    db = make_db(dialect)
    ratchet.set_system_setting(db.url, "warm", "up")  # the tables exist: only the key races
    values = [f"value-{n}" for n in range(6)]
    for round_number in range(TRIALS * 2):
        key = f"new_key_{round_number}"
        failures = run_together(*(lambda v=v, key=key: ratchet.set_system_setting(db.url, key, v) for v in values))
        assert failures == [], f"round {round_number}: {failures!r}"
        assert ratchet.get_system_setting(db.url, key) in values
    rows = db.query(f"SELECT COUNT(*) FROM system_settings WHERE {db.q('key')} LIKE 'new_key_%'")
    assert rows[0][0] == TRIALS * 2
