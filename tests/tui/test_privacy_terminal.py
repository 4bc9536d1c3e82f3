"""In a real terminal (tmux): words typed into the workbook are not in the scrollback after it closes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=30).stdout


def _wait_for_screen(session: str, words: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = _tmux("capture-pane", "-p", "-t", session)
        if words in shown:
            return shown
        time.sleep(0.1)
    raise AssertionError(f"{words!r} never appeared:\n{shown}")


def test_nothing_typed_is_left_in_the_scrollback(tmp_path: Path) -> None:
    session = f"wb-{uuid.uuid4().hex[:8]}"
    canary = f"SCROLL{uuid.uuid4().hex[:8]}"
    env_words = " ".join(f"{k}={v}" for k, v in {
        "WORKBOOK_DATA_DIR": tmp_path / "data", "PYTHONPATH": ROOT,
        "XDG_CONFIG_DIRS": tmp_path / "site", "XDG_CONFIG_HOME": tmp_path / "user",
    }.items())
    command = f"env {env_words} {sys.executable} -m workbook --profile sam; echo CLOSED=$?; sleep 60"
    _tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command)
    try:
        _wait_for_screen(session, "Choose an exercise")
        _tmux("send-keys", "-t", session, "Enter")
        time.sleep(1.5)
        _tmux("send-keys", "-t", session, "-l", canary)
        _wait_for_screen(session, canary)
        _tmux("send-keys", "-t", session, "C-q")
        _wait_for_screen(session, "CLOSED=0")
        everything = _tmux("capture-pane", "-p", "-S", "-", "-E", "-", "-t", session)
        assert canary not in everything
        assert "Traceback" not in everything
    finally:
        _tmux("kill-session", "-t", session)
    drafts = [p for p in (tmp_path / "data").rglob("drafts.json")]
    assert drafts and canary.encode() in drafts[0].read_bytes(), "it was kept (as a draft), just not shown"
    assert os.path.exists(tmp_path / "data" / "profiles.json")
