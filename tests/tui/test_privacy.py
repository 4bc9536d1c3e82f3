"""Privacy on a shared machine, end to end through the full-screen workbook:

- a canary typed into an encrypted profile is in no file under the data dir, the temp
  dir or the working dir;
- one changed byte of a stored file is detected and handled like any damaged file;
- files 0600 and folders 0700 even under umask 000;
- a crash prints one plain sentence: no traceback, no locals, no answers;
- Textual's log and screenshot switches are cleared before Textual loads.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import stat
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from workbook.commands.common import load_catalog_for
from workbook.config import Settings
from workbook.store.profiles import STORE_THREAD, open_profile
from workbook.tui.app import WorkbookApp
from workbook.tui.privacy import CRASH_SENTENCE
from workbook.tui.screens.profiles import GateApp

from .helpers import SIZE, complete_exercise, open_from_home, press_next, type_text, wait_for

ROOT = Path(__file__).resolve().parents[2]
PASS = "hb"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    from workbook.store import crypto

    monkeypatch.setattr(crypto, "SCRYPT_N", 2**14)


def forms(text: str) -> list[bytes]:
    """Every way the words could sit in a file had they been written in the clear."""
    utf8 = text.encode("utf-8")
    return [utf8, json.dumps(text).encode(), text.encode("utf-16-le"), text.encode("utf-16-be"),
            base64.b64encode(utf8), text.split("-")[1].encode()]


def files_holding(folder: Path, needles: list[bytes], since: float | None = None) -> list[Path]:
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in filenames:
            path = Path(dirpath) / name
            try:
                info = path.lstat()
                if not stat.S_ISREG(info.st_mode) or info.st_size > 50_000_000:
                    continue
                if since is not None and info.st_mtime < since:
                    continue
                data = path.read_bytes()
            except OSError:
                continue
            if any(needle in data for needle in needles):
                found.append(path)
    return found


def args_for(data_dir: Path, exercises: Path, guest: bool = False) -> argparse.Namespace:
    return argparse.Namespace(data_dir=str(data_dir), exercises=[str(exercises)], guest=guest, config=None,
                              profile="default", profile_chosen=False)


async def test_a_canary_typed_into_an_encrypted_profile_is_nowhere_on_disk(
    tmp_path: Path, data_dir: Path, fixture_dir: Path, monkeypatch, config_free
):
    canary = f"Cn-{uuid.uuid4().hex[:6]}-é🦓"
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    started = time.time() - 1
    # The first run, as a person does it: a name, a passphrase.
    gate = GateApp(data_dir, Settings(), mode="first_run")
    async with gate.run_test(size=SIZE) as pilot:
        await type_text(pilot, "Sam")
        await pilot.press("enter")
        await type_text(pilot, PASS)
        await pilot.press("enter")
        await type_text(pilot, PASS)
        await pilot.press("enter")
        await wait_for(pilot, lambda: gate._exit, what="the gate")
    store = gate.return_value.store
    catalog = load_catalog_for(args_for(data_dir, fixture_dir))
    try:
        app = WorkbookApp(store, catalog)
        async with app.run_test(size=SIZE) as pilot:
            await open_from_home(pilot, "short-one")  # finished: an entry
            await type_text(pilot, canary)
            await press_next(pilot)
            await type_text(pilot, f"{canary}\nsecond line")
            await press_next(pilot)
            await press_next(pilot)
            await pilot.pause()
            await pilot.press("escape")
            await open_from_home(pilot, "calm-feet")  # left half-way: a draft
            await type_text(pilot, canary)
            await pilot.press("f4")  # and locked, with it on screen
            await pilot.press("ctrl+q")
            await wait_for(pilot, lambda: app._exit, what="quitting")
        assert [e["answers"]["first"] for e in store.iter_entries()] == [canary], "it was saved"
        assert store.get_draft("calm-feet")["answers"]["feet"] == canary
    finally:
        STORE_THREAD.run(store.close)
    needles = forms(canary)
    assert files_holding(data_dir, needles) == []
    assert files_holding(workdir, needles) == [] and list(workdir.iterdir()) == []
    assert files_holding(Path(tempfile.gettempdir()), needles, since=started) == []
    # ... and the passphrase opens it again, with everything in it.
    with open_profile(data_dir, "Sam", PASS) as again:
        assert [e["answers"]["first"] for e in again.iter_entries()] == [canary]


@pytest.fixture
def config_free(tmp_path: Path, monkeypatch):
    """No site or user settings from the machine running the tests."""
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "no-site"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-user"))


async def test_one_changed_byte_is_caught_and_handled_like_a_damaged_file(data_dir: Path, fixture_catalog):
    store = open_profile(data_dir, "Sam", PASS)
    for month in ("2026-09", "2026-10"):
        store.save_entry({"exercise_id": "short-one", "exercise_title": "A short one", "category": "journaling",
                          "started_at": f"{month}-02T10:00:00+00:00", "finished_at": f"{month}-02T10:05:00+00:00",
                          "answers": {"first": month}})
    store.close()
    month_file = data_dir / "profiles" / "sam" / "entries" / "2026-10.json"
    data = bytearray(month_file.read_bytes())
    data[len(data) // 2] ^= 0x01
    month_file.write_bytes(bytes(data))
    store = open_profile(data_dir, "Sam", PASS)
    try:
        assert [e["answers"]["first"] for e in store.iter_entries()] == ["2026-09"], "the rest is all there"
        assert any("set aside" in p for p in store.problems)
        assert not month_file.exists() and list(month_file.parent.glob("2026-10.json.unreadable-*"))
        app = WorkbookApp(store, fixture_catalog)
        async with app.run_test(size=SIZE) as pilot:
            button = app.screen.query_one("#problems")
            assert "note" in str(button.label)
            await pilot.pause()
    finally:
        store.close()


async def test_files_0600_and_folders_0700_under_umask_000(
    tmp_path: Path, data_dir: Path, fixture_dir: Path, config_free
):
    old = os.umask(0)
    try:
        gate = GateApp(data_dir, Settings(), mode="first_run")
        async with gate.run_test(size=SIZE) as pilot:
            await type_text(pilot, "Sam")
            await pilot.press("enter")
            await type_text(pilot, PASS)
            await pilot.press("enter")
            await type_text(pilot, PASS)
            await pilot.press("enter")
            await wait_for(pilot, lambda: gate._exit, what="the gate")
        store = gate.return_value.store
        try:
            catalog = load_catalog_for(args_for(data_dir, fixture_dir))  # also writes the catalog cache
            app = WorkbookApp(store, catalog)
            async with app.run_test(size=SIZE) as pilot:
                await open_from_home(pilot, "short-one")
                await complete_exercise(pilot)
                await pilot.press("escape")
                await open_from_home(pilot, "calm-feet")
                await type_text(pilot, "a draft")
                await pilot.press("escape")
                await pilot.pause()
        finally:
            STORE_THREAD.run(store.close)
    finally:
        os.umask(old)
    checked = 0
    for path in [data_dir, *data_dir.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path}: {oct(mode)}"
        checked += 1
    assert checked > 8 and (data_dir / "profiles.json").exists() and (data_dir / "cache").is_dir()


CRASHING_APP = """
import sys
from workbook.content.catalog import load_catalog
from workbook.store.memory import MemoryStore
from workbook.tui.app import WorkbookApp

class Crashing(WorkbookApp):
    def on_mount(self):
        answer = sys.argv[1]  # a local that Textual's traceback would print
        raise RuntimeError("boom " + answer)

app = Crashing(MemoryStore(), load_catalog(include_builtin=False))
app.run(headless=True, size=(80, 24))
sys.exit(app.return_code)
"""


def test_a_crash_prints_one_plain_sentence_and_no_locals(tmp_path: Path) -> None:
    canary = f"secret-answer-{uuid.uuid4().hex[:8]}"
    script = tmp_path / "crash.py"
    script.write_text(CRASHING_APP)
    result = subprocess.run(
        [sys.executable, str(script), canary], capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=tmp_path,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert canary not in output and "Traceback" not in output and "boom" not in output
    assert CRASH_SENTENCE.split(".")[0] in " ".join(output.split())


def test_textual_log_and_screenshot_switches_are_cleared_before_textual_loads(tmp_path: Path) -> None:
    code = (
        "from workbook.commands.tui import _import_app\n"
        "_import_app()\n"
        "from textual import constants\n"
        "print(constants.LOG_FILE, constants.SCREENSHOT_DELAY, constants.SHOW_RETURN, constants.DEBUG)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TEXTUAL_LOG": str(tmp_path / "log.txt"),
           "TEXTUAL_SCREENSHOT": "1", "TEXTUAL": "devtools,debug", "TEXTUAL_SHOW_RETURN": "1", "TEXTUAL_DEBUG": "1"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.stdout.split() == ["None", "-1", "False", "False"], result.stderr
    assert not (tmp_path / "log.txt").exists()
