"""Guest mode: every exercise works, a banner says nothing is kept, and the data folder is
byte for byte as it was (checked through the full-screen workbook and the command line)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbook.commands.common import load_catalog_for
from workbook.store.memory import MemoryStore
from workbook.store.profiles import create_profile
from workbook.tui.app import WorkbookApp
from workbook.tui.guest import GUEST_WORDS, GuestBanner
from workbook.tui.screens.completion import CompletionScreen
from workbook.tui.screens.lock import LockScreen

from .helpers import SIZE, complete_exercise, open_from_home, screen_text, type_text, wait_for

ROOT = Path(__file__).resolve().parents[2]


def snapshot(folder: Path) -> dict[str, tuple[int, int, bytes | None]]:
    """Every path under `folder` with its mode, modification time and bytes."""
    found = {}
    for path in [folder, *sorted(folder.rglob("*"))]:
        info = path.stat()
        found[str(path.relative_to(folder))] = (info.st_mode, info.st_mtime_ns,
                                                path.read_bytes() if path.is_file() else None)
    return found


@pytest.fixture
def lived_in(data_dir: Path, fixture_dir: Path, tmp_path: Path, monkeypatch) -> Path:
    """A data folder someone already uses: a profile with an entry and a draft, the list, a cache."""
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "no-site"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-user"))
    with create_profile(data_dir, "Sam") as store:
        store.save_entry({"exercise_id": "short-one", "finished_at": "2026-11-01T10:00:00+00:00",
                          "answers": {"first": "Sam's words"}})
        store.save_draft({"exercise_id": "all-steps", "answers": {}, "saved_at": "2026-11-02"})
    load_catalog_for(argparse.Namespace(data_dir=str(data_dir), exercises=[str(fixture_dir)], guest=False,
                                        config=None))
    assert (data_dir / "cache").is_dir()
    return data_dir


async def test_a_guest_session_changes_nothing_on_disk(lived_in: Path, fixture_dir: Path):
    before = snapshot(lived_in)
    args = argparse.Namespace(data_dir=str(lived_in), exercises=[str(fixture_dir)], guest=True, config=None)
    catalog = load_catalog_for(args)
    store = MemoryStore()
    app = WorkbookApp(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        assert GUEST_WORDS in screen_text(app)
        await open_from_home(pilot, "short-one")
        assert app.screen.query(GuestBanner), "on the exercise screen too"
        await complete_exercise(pilot)
        assert isinstance(app.screen, CompletionScreen)
        await pilot.press("escape")
        await open_from_home(pilot, "calm-feet")
        await type_text(pilot, "a draft")
        await pilot.press("escape")
        app.theme = "nord"  # a setting, kept in memory only
        await pilot.press("f4")
        assert isinstance(app.screen, LockScreen) and not app.screen.query(GuestBanner), "the lock stays neutral"
        await pilot.press("space")
        await wait_for(pilot, lambda: not isinstance(app.screen, LockScreen), what="unlocking")
        app.action_history()
        await pilot.pause()
        assert app.screen.query(GuestBanner)
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: app._exit, what="quitting")
    assert len(store.entries()) == 1 and store.get_draft("calm-feet") is not None, "it all worked, in memory"
    assert snapshot(lived_in) == before


def test_plain_guest_mode_changes_nothing_and_a_site_can_turn_it_off(lived_in: Path, fixture_dir: Path,
                                                                      tmp_path: Path):
    before = snapshot(lived_in)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WORKBOOK_DATA_DIR": str(lived_in),
           "XDG_CONFIG_DIRS": str(tmp_path / "site"), "XDG_CONFIG_HOME": str(tmp_path / "user")}
    command = [sys.executable, "-m", "workbook", "do", "short-one", "--plain", "--guest",
               "--exercises", str(fixture_dir)]
    result = subprocess.run(command, input="a thought\nmore\n\n4\n", capture_output=True, text=True,
                            env=env, timeout=60, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert snapshot(lived_in) == before
    (tmp_path / "site" / "workbook").mkdir(parents=True)
    (tmp_path / "site" / "workbook" / "config.yaml").write_text("guest_allowed: false\n")
    result = subprocess.run(command, input="", capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path)
    assert result.returncode == 1 and "Guest mode is turned off" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(lived_in) == before
