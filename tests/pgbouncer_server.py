"""A real PgBouncer (Debian's package) on a free loopback port in front of the test PostgreSQL.

The configuration is written to a temporary directory; as root, PgBouncer (which refuses to
run as root) is started with ``-u nobody``. A missing ``pgbouncer`` skips the tests that need
it, or fails them under ``RATCHET_REQUIRE_SERVERS=1`` (CI installs it in ``.ci/run``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import require_server

_CANDIDATES = ("pgbouncer", "/usr/sbin/pgbouncer", "/usr/bin/pgbouncer")
_START_TIMEOUT_S = 15


@dataclass(frozen=True)
class Bouncer:
    """A running PgBouncer: its port and pool mode."""

    port: int
    mode: str
    pool_size: int

    def url(self, database: str) -> str:
        """The URL of ``database`` through this PgBouncer."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"


def pgbouncer_binary() -> str:
    """The pgbouncer executable; skips (or fails under RATCHET_REQUIRE_SERVERS=1) when missing."""
    for candidate in _CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    reason = "pgbouncer is not installed (apt-get install -y pgbouncer; `make test` does it as root)"
    if os.environ.get("RATCHET_REQUIRE_SERVERS") == "1":
        pytest.fail(f"RATCHET_REQUIRE_SERVERS=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _accepting(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _write_config(directory: Path, port: int, mode: str, pool_size: int, round_robin: bool) -> Path:
    userlist = directory / "userlist.txt"
    userlist.write_text('"postgres" ""\n', encoding="utf-8")
    config = directory / "pgbouncer.ini"
    config.write_text(
        "[databases]\n"
        "* = host=127.0.0.1 port=5432\n"
        "[pgbouncer]\n"
        "listen_addr = 127.0.0.1\n"
        f"listen_port = {port}\n"
        "unix_socket_dir =\n"
        "auth_type = trust\n"
        f"auth_file = {userlist}\n"
        f"pool_mode = {mode}\n"
        f"default_pool_size = {pool_size}\n"
        "max_client_conn = 200\n"
        f"server_round_robin = {int(round_robin)}\n"
        "ignore_startup_parameters = extra_float_digits\n",
        encoding="utf-8",
    )
    for path in (userlist, config):
        path.chmod(0o644)
    return config


@contextlib.contextmanager
def running_pgbouncer(mode: str, pool_size: int, *, round_robin: bool = False) -> Iterator[Bouncer]:
    """Start PgBouncer in ``mode`` (session, transaction, statement) with ``pool_size`` server
    connections per database, reused last-in first-out (PgBouncer's default) or in turn
    (``round_robin``); stopped and its files removed afterwards."""
    binary = pgbouncer_binary()
    require_server("postgresql")
    directory = Path(tempfile.mkdtemp(prefix="ratchet-pgbouncer-"))
    directory.chmod(0o755)  # readable by the unprivileged user PgBouncer switches to
    port = _free_port()
    config = _write_config(directory, port, mode, pool_size, round_robin)
    command = [binary, *(["-u", "nobody"] if os.geteuid() == 0 else []), str(config)]
    log_path = directory / "pgbouncer.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + _START_TIMEOUT_S
        while not _accepting(port):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"pgbouncer did not start: {log_path.read_text(errors='replace')[-2000:]}", pytrace=False)
            time.sleep(0.05)
        yield Bouncer(port, mode, pool_size)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(directory, ignore_errors=True)
