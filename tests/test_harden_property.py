"""Seeded property tests: random hostile passwords are always masked,
and random hostile text through the CLI only ever gives a ratchet error, never a traceback."""

from __future__ import annotations

import contextlib
import random
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import Project
from ratchet.errors import RatchetError
from ratchet.urls import mask_password, mask_url, parse_url
from test_harden_secrets import restore_known_secrets, run_cli  # noqa: F401 (autouse fixture)

HOSTILE = "aZ09 '\"@/:%?#&=;\\\t\n\x00é€𝄞\udcff+-_.~[]{}*$"
SEED = 20261201


def hostile_text(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choice(HOSTILE) for _ in range(rng.randint(low, high)))


@pytest.mark.parametrize("case", range(300))
def test_any_password_is_masked_in_the_url_and_in_text(case: int) -> None:
    rng = random.Random(SEED + case)
    password = hostile_text(rng, 1, 24).replace("\udcff", "").replace("\x00", "") or "x"
    scheme = rng.choice(["postgresql", "postgres", "mysql", "mariadb"])
    url = f"{scheme}://app:{quote(password, safe='')}@db.internal:5432/app?sslpassword={quote(password, safe='')}"
    parsed = parse_url(url)
    assert parsed.password == password
    assert parsed.masked == f"{scheme}://app:***@db.internal:5432/app?sslpassword=***"
    text = mask_password(f"cannot connect to {url} (user app, password {password!r}) {password}")
    assert f"{scheme}://app:***@db.internal:5432/app?sslpassword=***" in text
    if len(password) >= 3:  # shorter ones are masked inside URLs only (see ratchet.urls)
        assert password not in text and quote(password, safe="") not in text


@pytest.mark.parametrize("case", range(40))
def test_hostile_cli_input_gives_a_ratchet_error_not_a_traceback(project: Project, case: int) -> None:
    rng = random.Random(SEED * 7 + case)
    project.write("1.0.0__base.sql", "CREATE TABLE base (id INTEGER);")
    key, value, description = hostile_text(rng, 0, 12), hostile_text(rng, 0, 40), hostile_text(rng, 0, 20)
    for args in (
        ("settings", "set", key or "k", value, "--database", project.database),
        ("settings", "get", key or "k", "--database", project.database),
        ("new", description or "x"),
        ("status", "--database", f"sqlite:///{hostile_text(rng, 1, 10)}.db"),
        ("status", "--database", f"postgresql://u:{hostile_text(rng, 1, 10)}@127.0.0.1:1/{hostile_text(rng, 1, 8)}"),
    ):
        code, output = run_cli(*args, cwd=project.root)
        assert "Traceback" not in output, (args, output)
        assert code in (0, 1, 2, 3, 4, 5), (args, output)
    leftovers = [p for p in project.migrations.iterdir() if p.stat().st_size == 0]
    assert leftovers == []


@pytest.mark.parametrize("case", range(200))
def test_random_urls_parse_or_raise_a_ratchet_error(case: int) -> None:
    rng = random.Random(SEED * 13 + case)
    raw = rng.choice(["postgresql://", "mysql://", "sqlite:///", "oracle://", ""]) + hostile_text(rng, 0, 30)
    with contextlib.suppress(RatchetError):
        parse_url(raw)
    assert isinstance(mask_url(raw), str)


def test_the_cli_input_loop_really_writes_files(project: Project, tmp_path: Path) -> None:
    # the property above must be able to see a created file: a plain description works
    code, output = run_cli("new", "plain words", cwd=project.root)
    assert code == 0, output
    assert [p.name for p in project.migrations.iterdir()] == ["0.1.0__plain_words.sql"]
