"""The no-op answer (``ratchet.uptodate``) against the full path, the reference.

Whenever the quick check answers "up to date", the full planner must say the same (no pending
file, no drift, not ahead, every file valid) with the same version; in the plain up-to-date
states it must answer at all. Checked over every state of a history (pending, changed, missing,
out-of-order, running, failed, ahead, skipped, baseline), every kind of bad file, random
mutations, every command line it accepts (against click's parse of the same line) and every
configuration it accepts (against ``load_config``).
"""

from __future__ import annotations

import itertools
import os
import random
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from ratchet import api, uptodate
from ratchet.cli import main
from ratchet.config import load_config
from ratchet.errors import RatchetError
from ratchet.history import Tables
from ratchet.load import load_migrations
from ratchet.plan import describe_version, make_plan


class Setup:
    """A project directory with a SQLite database, migrated by the real API."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.migrations = root / "migrations"
        self.migrations.mkdir(parents=True, exist_ok=True)
        self.database = root / "app.db"
        self.url = f"sqlite:///{self.database}"

    def write(self, name: str, content: str | bytes) -> Path:
        path = self.migrations / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def migrate(self) -> None:
        api.migrate(self.url, self.migrations, no_lint=True)

    def sql(self, statement: str, params: tuple[object, ...] = ()) -> None:
        with sqlite3.connect(self.database) as connection:
            connection.execute(statement, params)

    def quick(self, *extra: str) -> str | None:
        argv = ["migrate", "--database", self.url, "--migrations", str(self.migrations), *extra]
        answer = uptodate.check(argv, {}, str(self.root))
        return None if answer is None else answer[0]

    def full(self) -> str | None:
        """The full path's verdict: its up-to-date line, or None when it would do or refuse anything."""
        if not self.database.exists():
            return None
        try:
            loaded = load_migrations(self.migrations)
            with api.session(self.url, load_config({"migrations": str(self.migrations)})) as (_backend, tables):
                assert isinstance(tables, Tables)
                plan = make_plan(loaded.files, tables.state())
        except RatchetError:
            return None
        if plan.pending or plan.drift or plan.ahead:
            return None
        return uptodate.up_to_date_message(
            f"{self.url} (SQLite {sqlite3.sqlite_version})", describe_version(plan.db_version)
        )

    def agree(self, *, answers: bool) -> None:
        """The quick answer is the full path's; ``answers``: it must answer at all."""
        quick, full = self.quick(), self.full()
        if quick is not None:
            assert quick == full
        if answers:
            assert full is not None and quick == full
        else:
            assert quick is None


BASE = {
    "1.0.0__users.sql": "CREATE TABLE users (id INTEGER PRIMARY KEY);\n",
    "1.1.0__posts.sql": "-- posts\n/* a block */\nCREATE TABLE posts (id INTEGER PRIMARY KEY);\n",
    "1.2.0__guarded.sql": '-- guard: allow drop-table reason="legacy"\nDROP TABLE IF EXISTS old_things;\n',
    "1.10.0__tags.sql": "CREATE TABLE tags (name TEXT);\nINSERT INTO tags VALUES ('caf\u00e9');\n",
}


@pytest.fixture
def applied(tmp_path: Path) -> Setup:
    setup = Setup(tmp_path / "project")
    for name, text in BASE.items():
        setup.write(name, text)
    setup.write("1.3.0__crlf.sql", b"\xef\xbb\xbfCREATE TABLE crlf (id INTEGER);\r\n")
    setup.migrate()
    return setup


def test_up_to_date_answers_like_the_full_path(applied: Setup) -> None:
    applied.agree(answers=True)
    assert applied.quick() == f"{applied.url} (SQLite {sqlite3.sqlite_version}) is up to date at 1.10.0"
    assert applied.quick("--quiet") == applied.quick()


def test_no_database_is_left_to_the_full_path(tmp_path: Path) -> None:
    setup = Setup(tmp_path)
    setup.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    setup.agree(answers=False)
    assert not setup.database.exists()


STATES: dict[str, Callable[[Setup], None]] = {
    "pending": lambda s: s.write("1.11.0__new.sql", "CREATE TABLE n (id INTEGER);"),
    "changed": lambda s: s.write("1.0.0__users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, x TEXT);\n"),
    # a space inside a line is a change; one at a line end is not (the checksum normalisation)
    "changed-by-a-space": lambda s: s.write("1.0.0__users.sql", "CREATE TABLE users  (id INTEGER PRIMARY KEY);\n"),
    "missing": lambda s: (s.migrations / "1.1.0__posts.sql").unlink(),
    "out-of-order": lambda s: s.write("1.0.5__late.sql", "CREATE TABLE late (id INTEGER);"),
    "running": lambda s: s.sql("UPDATE schema_history SET status = 'running' WHERE version = '1.1.0'"),
    "failed": lambda s: s.sql("UPDATE schema_history SET status = 'failed' WHERE version = '1.1.0'"),
    "ahead-version": lambda s: s.sql("UPDATE system_settings SET value = '2.0.0' WHERE key = 'db_version'"),
    "ahead-row": lambda s: (s.migrations / "1.10.0__tags.sql").unlink(),
    "no-db-version": lambda s: s.sql("DELETE FROM system_settings WHERE key = 'db_version'"),
    "bad-db-version": lambda s: s.sql("UPDATE system_settings SET value = 'one' WHERE key = 'db_version'"),
    "odd-db-version": lambda s: s.sql("UPDATE system_settings SET value = '1.10' WHERE key = 'db_version'"),
    "no-history": lambda s: s.sql("DROP TABLE schema_history"),
    "no-settings": lambda s: s.sql("DROP TABLE system_settings"),
    "bad-waivers": lambda s: s.sql("UPDATE schema_history SET waivers = '{' WHERE version = '1.2.0'"),
    # each column the quick check reads in SQL (a row it finds plain is not looked at in Python)
    "text-duration": lambda s: s.sql("UPDATE schema_history SET duration_ms = 'slow' WHERE version = '1.1.0'"),
    "text-statements-done": lambda s: s.sql("UPDATE schema_history SET statements_done = 'x' WHERE version = '1.1.0'"),
    "blob-status": lambda s: s.sql("UPDATE schema_history SET status = CAST(status AS BLOB) WHERE version = '1.1.0'"),
    "blob-checksum": lambda s: s.sql("UPDATE schema_history SET checksum = CAST(checksum AS BLOB)"),
    "odd-row-version": lambda s: s.sql("UPDATE schema_history SET version = '1.01.0' WHERE version = '1.1.0'"),
    "bad-name": lambda s: s.write("1.11__x.sql", "SELECT 1;"),
    "upper-case": lambda s: s.write("1.11.0__x.SQL", "SELECT 1;"),
    "duplicate": lambda s: s.write("1.1.0__again.sql", "SELECT 1;"),
    "bad-utf8": lambda s: s.write("1.0.0__users.sql", b"CREATE TABLE users (id INTEGER PRIMARY KEY);\xff\n"),
    "empty": lambda s: s.write("1.0.0__users.sql", ""),
    "comment-only": lambda s: s.write("1.0.0__users.sql", "-- nothing\n/* at all */\n"),
    "bad-guard": lambda s: s.write("1.2.0__guarded.sql", "-- guard: requir SELECT 1\nSELECT 1;\n"),
    "misplaced-guard": lambda s: s.write("1.2.0__guarded.sql", "SELECT 1;\n-- guard: no-transaction\n"),
    "repeatable": lambda s: s.write("R__view.sql", "CREATE VIEW v AS SELECT 1;"),
}
# After these the full path still has nothing to do: the quick answer must be the same line.
STILL_UP_TO_DATE: dict[str, Callable[[Setup], None]] = {
    "skipped": lambda s: s.sql("UPDATE schema_history SET status = 'skipped' WHERE version = '1.1.0'"),
    "baseline": lambda s: s.sql("UPDATE schema_history SET status = 'baseline' WHERE version = '1.0.0'"),
    "lower-db-version": lambda s: s.sql("UPDATE system_settings SET value = '1.2.0' WHERE key = 'db_version'"),
    "ignored-files": lambda s: [s.write(name, "x") for name in (".hidden.sql", "notes.txt", "a.sql~", "b.sql.swp")],
    "directory-named-sql": lambda s: (s.migrations / "2.0.0__dir.sql").mkdir(),
    "guard-prose": lambda s: None,
    # what editors and end-of-file fixers change is not drift
    "trailing-blanks": lambda s: s.write("1.0.0__users.sql", BASE["1.0.0__users.sql"].rstrip("\n") + "  \n\n\n"),
}


@pytest.mark.parametrize("state", sorted(STATES))
def test_every_other_state_is_left_to_the_full_path(applied: Setup, state: str) -> None:
    STATES[state](applied)
    applied.agree(answers=False)


@pytest.mark.parametrize("state", sorted(STILL_UP_TO_DATE))
def test_states_still_up_to_date_answer_the_same_line(applied: Setup, state: str) -> None:
    STILL_UP_TO_DATE[state](applied)
    applied.agree(answers=True)


def test_files_with_guards_and_unusual_text_are_checked_like_the_full_path(tmp_path: Path) -> None:
    setup = Setup(tmp_path)
    setup.write("1.0.0__a.sql", "-- GUARD: dialect sqlite\n-- Guard against nothing: prose\nSELECT 1;\n")
    setup.write("1.1.0__b.sql", "/* unterminated comment counts as SQL")
    setup.write("1.2.0__c.sql", "\n\n   \t-- lead\nSELECT 2;")
    setup.write("1.3.0__d.sql", "SELECT '\u2603';\r\nSELECT 3;\r")
    setup.write("1.4.0__e.sql", "-- a placeholder: applied with no statement\n/* still nothing */\n")
    setup.write("1.5.0__f.sql", "")
    setup.migrate()
    setup.agree(answers=True)


MUTATIONS: list[Callable[[Setup, random.Random], None]] = [
    *STATES.values(),
    *STILL_UP_TO_DATE.values(),
    lambda s, r=None: s.sql("UPDATE schema_history SET checksum = 'x' WHERE version = '1.3.0'"),
]


def test_random_combinations_of_states_agree(tmp_path: Path) -> None:
    rng = random.Random(20261201)
    for trial in range(40):
        setup = Setup(tmp_path / f"trial{trial}")
        for name, text in BASE.items():
            setup.write(name, text)
        setup.migrate()
        for mutate in rng.sample(MUTATIONS, rng.randint(0, 3)):
            mutate(setup, rng) if mutate.__code__.co_argcount == 2 else mutate(setup)  # type: ignore[call-arg]
        quick, full = setup.quick(), setup.full()
        assert quick is None or quick == full, (trial, quick, full)


def test_environment_it_does_not_know_is_left_to_the_full_path(applied: Setup) -> None:
    argv = ["migrate", "--database", applied.url, "--migrations", str(applied.migrations)]
    assert uptodate.check(argv, {"RATCHET_MIGRATIONS": str(applied.migrations)}, str(applied.root)) is not None
    for variable in ("DATABASE_URL", "RATCHET_SOMETHING_NEW"):
        assert uptodate.check(argv, {variable: "x"}, str(applied.root)) is None


def test_a_symlinked_file_is_left_to_the_full_path(applied: Setup) -> None:
    target = applied.root / "elsewhere.sql"
    target.write_text("SELECT 1;", encoding="utf-8")
    (applied.migrations / "1.11.0__linked.sql").symlink_to(target)
    assert applied.quick() is None


# --- the configuration: what load_config resolves -----------------------------------------

PYPROJECTS = [
    None,
    "[project]\nname = 'x'\n",
    "[tool.ratchet]\ndatabase = 'sqlite:///from-pyproject.db'\nmigrations = 'sql'\n",
    "[tool.ratchet]\nsettings-table = 'settings2'\nhistory-table = 'history2'\n",
    "[tool.ratchet]\nbusy-timeout = '5s'\n",
    "[tool.ratchet]\nhistory-table = 'bad name'\n",
    "[tool.ratchet]\nunknown = 1\n",
    "[tool.ratchet\n",
]
ENVIRONMENTS = [{}, {"RATCHET_DATABASE_URL": "sqlite:///env.db"}, {"RATCHET_MIGRATIONS": "envdir"}]
ENVIRONMENTS += [{"RATCHET_DATABASE_URL": ""}]
ARGVS = [[], ["--database", "sqlite:///cli.db"], ["--migrations", "clidir"]]


def test_every_configuration_it_accepts_resolves_like_load_config(tmp_path: Path) -> None:
    for number, (pyproject, environ, extra) in enumerate(itertools.product(PYPROJECTS, ENVIRONMENTS, ARGVS)):
        root = tmp_path / f"c{number}" / "deep"
        root.mkdir(parents=True)
        if pyproject is not None:
            (root.parent / "pyproject.toml").write_text(pyproject, encoding="utf-8")
        options = uptodate.parse_migrate_argv(["migrate", *extra])
        assert options is not None
        quick = uptodate.resolve(options, environ, str(root))
        try:
            full = load_config(
                {"database": options.database, "migrations": options.migrations}, environ=environ, cwd=root
            )
        except RatchetError:
            assert quick is None, (pyproject, environ, extra)
            continue
        if quick is None:
            continue
        assert quick["database"] == full.database
        assert Path(quick["migrations"]) == full.migrations
        assert (quick["settings-table"], quick["history-table"]) == (full.settings_table, full.history_table)


def test_a_pyproject_naming_other_tables_is_read_by_both(tmp_path: Path) -> None:
    setup = Setup(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        "[tool.ratchet]\nsettings-table = 'settings2'\nhistory-table = 'history2'\n", encoding="utf-8"
    )
    setup.write("1.0.0__a.sql", "CREATE TABLE a (id INTEGER);")
    config = load_config({"database": setup.url, "migrations": str(setup.migrations)}, cwd=tmp_path)
    api.migrate(setup.url, setup.migrations, config=config)
    argv = ["migrate", "--database", setup.url, "--migrations", str(setup.migrations)]
    answer = uptodate.check(argv, {}, str(tmp_path))
    assert answer == (f"{setup.url} (SQLite {sqlite3.sqlite_version}) is up to date at 1.0.0", False)
    assert uptodate.check(argv, {}, str(tmp_path.parent)) is None  # default tables: not ratchet's here


# --- the console script ------------------------------------------------------------------

PROBE = """
import sys
sys.argv = ["ratchet", *sys.argv[1:]]
from ratchet.launch import run
try:
    run()
except SystemExit as exit:
    assert not exit.code, exit.code
print("loaded:", " ".join(sorted(m for m in ("click", "ratchet.cli", "packaging") if m in sys.modules)))
"""


def console(setup: Setup, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=setup.root,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("RATCHET_")},
    )
    return done.stdout


def test_the_console_script_answers_a_no_op_run_without_click(applied: Setup) -> None:
    out = console(applied, "migrate", "--database", applied.url, "--migrations", str(applied.migrations))
    line = f"{applied.url} (SQLite {sqlite3.sqlite_version}) is up to date at 1.10.0\n"
    assert out == f"{line}loaded: \n"
    in_process = CliRunner().invoke(
        main, ["migrate", "--database", applied.url, "--migrations", str(applied.migrations)]
    )
    assert in_process.exit_code == 0 and in_process.output == line
    quiet = console(applied, "migrate", "-q", "-d", applied.url, "--migrations", str(applied.migrations))
    assert quiet == "loaded: \n"


def test_the_console_script_hands_anything_else_to_click(applied: Setup) -> None:
    applied.write("1.11.0__new.sql", "CREATE TABLE n (id INTEGER);")
    out = console(applied, "migrate", "--database", applied.url, "--migrations", str(applied.migrations))
    assert "1.11.0" in out and "applied" in out and "click" in out.splitlines()[-1]
    status = console(applied, "status", "--database", applied.url, "--migrations", str(applied.migrations))
    assert "click" in status.splitlines()[-1]
