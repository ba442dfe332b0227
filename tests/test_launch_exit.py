"""The console script leaves the objects still alive to the end of the process: frozen, the
collector's passes at interpreter exit do not walk them (a fresh run's prepared files and lint
catalog)."""

from __future__ import annotations

import gc
import sys

import pytest

from ratchet.launch import run


def test_the_command_line_freezes_what_is_alive_as_it_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    gc.unfreeze()
    monkeypatch.setattr(sys, "argv", ["ratchet", "status", "--help"])
    try:
        with pytest.raises(SystemExit) as ended:
            run()
        assert ended.value.code == 0
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()  # the test process goes on
