"""A password is never printed, whatever it holds, and masking is linear."""

from __future__ import annotations

import contextlib
import gc
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from conftest import Db, Project, server_connect
from ratchet import urls
from ratchet.cli import main
from ratchet.errors import RatchetError
from ratchet.urls import mask_password, mask_url, parse_url

# Every character the report named, and more: quotes, a space, @, /, a %-escape, a colon, unicode.
HOSTILE_PASSWORDS = ["p'a\"s s@w/o%41rd", "it's:a secret#1?", 'dq"only', "sp ace&x=y", "é€ pass/@@"]


@pytest.fixture(autouse=True)
def restore_known_secrets() -> Iterator[None]:
    """The passwords a test's URLs hold stay masked only for that test: other tests of the same
    worker process must not see their text masked (a random 3-character password like ``0.0``
    would mask versions)."""
    saved = set(urls._known_secrets)
    yield
    with urls._known_lock:
        urls._known_secrets.clear()
        urls._known_secrets.update(saved)


def run_cli(*args: str, cwd: Path) -> tuple[int, str]:
    """Run ratchet in-process from ``cwd``; exit code and everything printed (stdout + stderr)."""
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        for name in ("RATCHET_DATABASE_URL", "DATABASE_URL", "RATCHET_MIGRATIONS"):
            patch.delenv(name, raising=False)
        result = runner.invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output  # click 8.2+: stdout and stderr interleaved


def assert_no_secret(output: str, password: str) -> None:
    """Neither the password nor its URL-encoded form nor any long fragment of it was printed."""
    for form in {password, quote(password, safe=""), quote(password, safe="@/:")}:
        assert form not in output, output
    for fragment in (password[i : i + 6] for i in range(len(password) - 5)):
        assert fragment not in output, f"{fragment!r} leaked: {output}"
    assert "Traceback" not in output


def url_with_password(url: str, user: str, password: str) -> str:
    """``url`` (which has ``user@``) with ``user:PASSWORD@``, the password percent-encoded."""
    scheme, rest = url.split("://", 1)
    host_part = rest.split("@", 1)[1]
    return f"{scheme}://{user}:{quote(password, safe='')}@{host_part}"


@pytest.fixture
def hostile_user(make_db: Callable[[str], Db]) -> Iterator[Callable[[str, str], tuple[Db, str]]]:
    """Factory: a fresh database and a URL that logs into it with ``password`` (on MariaDB a
    user created with that password; PostgreSQL's test server trusts any password)."""
    users: list[str] = []

    def make(dialect: str, password: str) -> tuple[Db, str]:
        db = make_db(dialect)
        if dialect == "postgresql":
            return db, url_with_password(db.url, "postgres", password)
        user = f"rt_{uuid.uuid4().hex[:10]}"
        admin = server_connect("mysql", db.name)
        try:
            with admin.cursor() as cursor:
                for host in ("%%", "localhost"):
                    cursor.execute(f"CREATE USER '{user}'@'{host}' IDENTIFIED BY %s", (password,))
                for host in ("%", "localhost"):
                    cursor.execute(f"GRANT ALL ON `{db.name}`.* TO '{user}'@'{host}'")
        finally:
            admin.close()
        users.append(user)
        return db, url_with_password(db.url, user, password)

    yield make
    if users:
        admin = server_connect("mysql", "test")
        try:
            with admin.cursor() as cursor:
                for user in users:
                    for host in ("%", "localhost"):
                        cursor.execute(f"DROP USER IF EXISTS '{user}'@'{host}'")
        finally:
            admin.close()


@pytest.mark.parametrize("dialect", ["postgresql", "mysql"])
@pytest.mark.parametrize("password", HOSTILE_PASSWORDS)
def test_a_hostile_password_is_never_printed(
    project: Project, hostile_user: Callable[[str, str], tuple[Db, str]], dialect: str, password: str
) -> None:
    db, url = hostile_user(dialect, password)
    project.write("1.0.0__base.sql", "CREATE TABLE base (id INTEGER);")
    project.write("1.1.0__fails.sql", "INSERT INTO nowhere VALUES (1);")
    outputs: list[str] = []

    def ratchet(*args: str, expect: int) -> None:
        code, output = run_cli(*args, "--database", url, cwd=project.root)
        outputs.append(output)
        assert code == expect, output
        assert_no_secret(output, password)

    ratchet("baseline", "0.9.0", expect=0)
    ratchet("migrate", "--to", "1.0.0", expect=0)
    ratchet("migrate", "--json", expect=5)  # 1.1.0 fails: the error JSON names the database message
    ratchet("status", expect=0)
    ratchet("status", "--json", expect=0)
    ratchet("validate", "--json", expect=1 if dialect == "mysql" else 0)  # MySQL keeps a 'failed' row
    ratchet("settings", "list", "--json", expect=0)
    assert db.db_version() == "1.0.0"
    assert "base" in db.tables() and "nowhere" not in db.tables()
    assert any(":***@" in output for output in outputs)
    # a wrong password: the connection error is one line, masked
    host_part = url.split("@", 1)[1]
    user = url.split("://", 1)[1].split(":", 1)[0]
    wrong = f"{url.split('://', 1)[0]}://{user}:{quote(password + 'X', safe='')}@{host_part}"
    code, output = run_cli("status", "--database", wrong, cwd=project.root)
    if dialect == "mysql":
        assert code == 5 and "authentication failed" in output, output
    assert_no_secret(output, password)


@pytest.mark.parametrize("password", HOSTILE_PASSWORDS)
def test_a_raw_unencoded_password_in_a_bad_url_is_masked(project: Project, password: str) -> None:
    for url in (
        f"postgresql://app:{password}@127.0.0.1:1/db",
        f"mysql://app:{password}@127.0.0.1:1/db",
        f"postgresql://app@127.0.0.1:1/db?password={password}",
    ):
        code, output = run_cli("status", "--database", url, cwd=project.root)
        assert code in (2, 5), output
        assert_no_secret(output, password)


@pytest.mark.parametrize("password", HOSTILE_PASSWORDS)
def test_mask_url_hides_every_form_of_the_password(password: str) -> None:
    for written in (password, quote(password, safe=""), quote(password, safe="@/")):
        url = f"postgresql://app:{written}@db.internal:5432/app?sslpassword={quote(password, safe='')}&x=1"
        shown = mask_url(url)
        assert shown == "postgresql://app:***@db.internal:5432/app?sslpassword=***&x=1"
        with contextlib.suppress(RatchetError):
            parse_url(url)  # what ratchet does with every URL it is given: from then on it is masked anywhere
        assert_no_secret(mask_password(f"cannot connect to {url}: refused"), password)


def _growth(unit: str) -> float:
    """How much longer masking takes on 10x the text (100 KB -> 1 MB, sizes past the CPU caches,
    where a linear pass grows about 10x): the best CPU time of interleaved runs, without the
    garbage collector."""
    small, large = unit * (100_000 // len(unit)), unit * (1_000_000 // len(unit))
    best = {"small": float("inf"), "large": float("inf")}
    gc.disable()
    try:
        for _ in range(3):
            for key, text in (("small", small), ("large", large)):
                started = time.thread_time()  # CPU time: another process's load does not count
                mask_password(text)
                best[key] = min(best[key], time.thread_time() - started)
    finally:
        gc.enable()
    return best["large"] / max(best["small"], 1e-6)


@pytest.mark.parametrize(
    "unit",
    ["a", "X'0g", "ab://", "&password=", "u:p@", "postgresql://a:b@c/d ", "'\"://@:"],
    ids=["letters", "hex", "schemes", "params", "userinfo", "urls", "punctuation"],
)
def test_masking_time_grows_linearly(unit: str) -> None:
    # linear: about 10x for 10x the text; the old regex was quadratic (about 100x)
    assert _growth(unit) < 40


def test_a_large_bad_hex_literal_is_reported_in_linear_time(project: Project) -> None:
    def report_seconds(hex_digits: int) -> float:
        project.write("1.0.0__hex.sql", f"INSERT INTO t VALUES (X'{'ab' * (hex_digits // 2)}zz');")
        best = float("inf")
        for _ in range(3):
            started = time.thread_time()
            code, output = run_cli("migrate", "--no-lint", "--database", project.database, cwd=project.root)
            best = min(best, time.thread_time() - started)
            assert code == 5, output
            assert "1.0.0__hex.sql:1: statement 1 of 1.0.0 failed" in output
        return best

    small, large = report_seconds(9_800), report_seconds(98_000)
    assert large < 30 * max(small, 0.005), (small, large)  # 10x the file, about 10x the time
