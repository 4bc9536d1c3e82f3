"""Setting, changing and removing a passphrase: every file re-encrypted, and a crash at any
stage leaves a profile that the old or the new passphrase opens, with everything in it."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from workbook.store import passphrase as switch
from workbook.store.base import StoreError
from workbook.store.crypto import MAGIC, NoPassphrase, PassphraseNeeded, WrongPassphrase
from workbook.store.profile import PassphraseSwitchUnfinished, open_store

from .test_crypto import (  # noqa: F401  (fast_kdf is an autouse fixture)
    CANARY,
    assert_filled,
    entry,
    fast_kdf,
    files_holding,
    fill,
    profile_folder,
    snapshot,
)

OLD, NEW = "the old passphrase", "the new passphrase"


class Crash(BaseException):
    """Stands for the process dying: nothing in the store may catch it and tidy up."""


def _many_months(store) -> None:
    store.import_entries([entry(100 + n, f"2025-{1 + n % 12:02d}-05T09:00:00+00:00") for n in range(24)])


def _assert_everything_there(store, ids) -> None:
    assert_filled(store, ids)
    assert len(store.entries()) == 26
    assert store.problems == []
    assert not (store.folder / switch.BUILDING).exists() and not (store.folder / switch.READY).exists()


def _plain_profile(data: Path) -> dict:
    with open_store(data) as store:
        ids = fill(store)
        _many_months(store)
    return ids


def _encrypted_profile(data: Path) -> dict:
    with open_store(data, "default", OLD) as store:
        ids = fill(store)
        _many_months(store)
    return ids


# -- the switch when nothing goes wrong ------------------------------------------------------------------------
def test_set_passphrase_encrypts_every_file_of_a_plain_profile(tmp_path: Path) -> None:
    ids = _plain_profile(tmp_path)
    folder = profile_folder(tmp_path)
    assert files_holding(tmp_path)  # plain so far: the canary is readable on disk
    with open_store(tmp_path) as store:
        store.set_passphrase(NEW)
        assert store.encrypted
        _assert_everything_there(store, ids)  # still open, now under the new key
        store.save_entry(entry(7, "2026-11-23T09:00:00+00:00", text=CANARY))
    assert files_holding(tmp_path) == []
    for path in folder.rglob("*.json"):
        assert path.name == "meta.json" or path.read_bytes().startswith(MAGIC), path
    with pytest.raises(PassphraseNeeded):
        open_store(tmp_path)
    with open_store(tmp_path, "default", NEW) as store:
        assert len(store.entries()) == 27


def test_change_passphrase_re_encrypts_under_a_new_salt(tmp_path: Path) -> None:
    ids = _encrypted_profile(tmp_path)
    meta = profile_folder(tmp_path) / "meta.json"
    old_header = json.loads(meta.read_text())
    old_month = (profile_folder(tmp_path) / "entries" / "2026-10.json").read_bytes()
    with open_store(tmp_path, "default", OLD) as store:
        store.change_passphrase(OLD, NEW)
        _assert_everything_there(store, ids)
    new_header = json.loads(meta.read_text())
    assert new_header["kdf"]["salt"] != old_header["kdf"]["salt"]
    assert (profile_folder(tmp_path) / "entries" / "2026-10.json").read_bytes() != old_month
    with pytest.raises(WrongPassphrase):
        open_store(tmp_path, "default", OLD)
    with open_store(tmp_path, "default", NEW) as store:
        _assert_everything_there(store, ids)
    assert files_holding(tmp_path) == []


def test_change_passphrase_needs_the_current_one(tmp_path: Path) -> None:
    _encrypted_profile(tmp_path)
    with open_store(tmp_path, "default", OLD) as store:
        before = snapshot(store.folder)
        with pytest.raises(WrongPassphrase):
            store.change_passphrase("not it", NEW)
        with pytest.raises(StoreError, match="cannot be empty"):
            store.change_passphrase(OLD, "")
        assert snapshot(store.folder) == before
        with pytest.raises(StoreError, match="already has a passphrase"):
            store.set_passphrase(NEW)
        store.save_entry(entry(8))  # still open and working under the old key
    with open_store(tmp_path, "default", OLD) as store:
        assert len(store.entries()) == 27


def test_remove_passphrase_makes_the_profile_plain_again(tmp_path: Path) -> None:
    ids = _encrypted_profile(tmp_path)
    with open_store(tmp_path, "default", OLD) as store:
        with pytest.raises(WrongPassphrase):
            store.remove_passphrase("not it")
        store.remove_passphrase(OLD)
        assert not store.encrypted
        _assert_everything_there(store, ids)
    with pytest.raises(NoPassphrase):
        open_store(tmp_path, "default", OLD)
    with open_store(tmp_path) as store:
        _assert_everything_there(store, ids)
        with pytest.raises(NoPassphrase):
            store.change_passphrase(OLD, NEW)
    assert json.loads((profile_folder(tmp_path) / "meta.json").read_text()) == {"format": 1}


def test_set_aside_plaintext_is_encrypted_too_and_comes_back_exactly(tmp_path: Path) -> None:
    """A damaged file of a plain profile holds plaintext; encrypting the profile must cover it."""
    with open_store(tmp_path) as store:
        store.save_entry(entry(1, "2026-10-03T09:00:00+00:00"))
        store.save_entry(entry(2, "2026-11-03T09:00:00+00:00"))
        october = store.entries_dir / "2026-10.json"
    damaged = b'{"records": {"1": {"text": "' + CANARY.encode() + b'", "cut'
    october.write_bytes(damaged)
    with open_store(tmp_path) as store:
        assert len(store.entries()) == 1
        assert store.problems  # set aside, as plaintext, by the plain profile
        store.set_passphrase(NEW)
        aside = next(store.entries_dir.glob("2026-10.json.unreadable-*"))
    assert aside.read_bytes().startswith(MAGIC)
    assert files_holding(tmp_path) == []
    with open_store(tmp_path, "default", NEW) as store:
        assert store.problems == [] and len(store.entries()) == 1
        store.change_passphrase(NEW, OLD)  # a wrapped copy follows the key
    with open_store(tmp_path, "default", OLD) as store:
        store.remove_passphrase(OLD)
    assert aside.read_bytes() == damaged  # exactly what was set aside


def test_unreadable_file_found_while_switching_is_set_aside_and_told(tmp_path: Path) -> None:
    _encrypted_profile(tmp_path)
    march = profile_folder(tmp_path) / "entries" / "2025-03.json"
    data = bytearray(march.read_bytes())
    data[-1] ^= 1
    march.write_bytes(bytes(data))  # damaged after the profile was opened: never read yet
    with open_store(tmp_path, "default", OLD) as store:
        assert store.problems == []
        store.change_passphrase(OLD, NEW)
        assert len(store.problems) == 1 and "March 2025" in store.problems[0]
        assert len(store.entries()) == 24
    with open_store(tmp_path, "default", NEW) as store:
        assert store.problems == [] and len(store.entries()) == 24
        assert list(store.entries_dir.glob("2025-03.json.unreadable-*"))


# -- a crash at each stage --------------------------------------------------------------------------------------------
def _crash_on_call(monkeypatch, name: str, number: int, when=lambda *args: True, after: bool = False) -> None:
    """Make switch.<name> die on its `number`-th matching call (before or after doing its work)."""
    real = getattr(switch, name)
    calls = {"n": 0}

    def step(*args):
        if when(*args):
            calls["n"] += 1
            if calls["n"] == number:
                if after:
                    real(*args)
                raise Crash(name)
        return real(*args)

    monkeypatch.setattr(switch, name, step)


def _is_header(path: Path, *rest) -> bool:
    return path.name == "meta.json"


def _into_live_header(source: Path, target: Path) -> bool:
    return target.name == "meta.json"


def _ready_folder(path: Path) -> bool:
    return path.name == switch.READY


STAGES = {
    # stage: (how to crash there, does the new passphrase rule afterwards?)
    "building, first file": (lambda mp: _crash_on_call(mp, "write_new_file", 1), False),
    "building, half-way": (lambda mp: _crash_on_call(mp, "write_new_file", 12), False),
    "building, the header": (lambda mp: _crash_on_call(mp, "write_new_file", 1, _is_header), False),
    "just before the commit": (lambda mp: _crash_on_call(mp, "commit_generation", 1), False),
    "just after the commit": (lambda mp: _crash_on_call(mp, "commit_generation", 1, after=True), True),
    "moving, first file": (lambda mp: _crash_on_call(mp, "move_into_place", 1), True),
    "moving, half-way": (lambda mp: _crash_on_call(mp, "move_into_place", 14), True),
    "moving the header": (lambda mp: _crash_on_call(mp, "move_into_place", 1, _into_live_header), True),
    "after the header moved": (lambda mp: _crash_on_call(mp, "move_into_place", 1, _into_live_header, after=True), True),
    "removing the old generation": (lambda mp: _crash_on_call(mp, "remove_tree", 1, _ready_folder), True),
}


@pytest.mark.parametrize("stage", list(STAGES))
def test_crash_while_changing_the_passphrase(tmp_path: Path, monkeypatch, stage: str) -> None:
    ids = _encrypted_profile(tmp_path)
    crash_at, new_rules = STAGES[stage]
    meta = profile_folder(tmp_path) / "meta.json"
    old_header = meta.read_bytes()
    store = open_store(tmp_path, "default", OLD)
    crash_at(monkeypatch)
    with pytest.raises(Crash):
        store.change_passphrase(OLD, NEW)
    monkeypatch.undo()
    assert not store._open  # it let go of the lock, as a dead process would
    header_moved = stage in ("after the header moved", "removing the old generation")
    assert (meta.read_bytes() == old_header) is not header_moved  # the live header changes last
    opens, refused = (NEW, OLD) if new_rules else (OLD, NEW)
    with pytest.raises(WrongPassphrase):
        open_store(tmp_path, "default", refused)
    with open_store(tmp_path, "default", opens) as store:
        _assert_everything_there(store, ids)
        store.save_entry(entry(9, "2026-11-24T09:00:00+00:00"))
    with open_store(tmp_path, "default", opens) as store:
        assert len(store.entries()) == 27 and store.problems == []
    assert files_holding(tmp_path) == []


@pytest.mark.parametrize("stage", list(STAGES))
def test_crash_while_setting_a_first_passphrase(tmp_path: Path, monkeypatch, stage: str) -> None:
    ids = _plain_profile(tmp_path)
    crash_at, new_rules = STAGES[stage]
    store = open_store(tmp_path)
    crash_at(monkeypatch)
    with pytest.raises(Crash):
        store.set_passphrase(NEW)
    monkeypatch.undo()
    if new_rules:
        with pytest.raises(PassphraseNeeded):
            open_store(tmp_path)
        with open_store(tmp_path, "default", NEW) as store:
            _assert_everything_there(store, ids)
        assert files_holding(tmp_path) == []  # the half-moved plain files were all replaced
    else:
        with pytest.raises(NoPassphrase):
            open_store(tmp_path, "default", NEW)
        with open_store(tmp_path) as store:
            _assert_everything_there(store, ids)
            assert not store.encrypted


def test_crash_while_finishing_an_interrupted_switch_on_open(tmp_path: Path, monkeypatch) -> None:
    """Finishing is itself interrupted: it simply carries on at the next open."""
    ids = _encrypted_profile(tmp_path)
    store = open_store(tmp_path, "default", OLD)
    _crash_on_call(monkeypatch, "move_into_place", 3)
    with pytest.raises(Crash):
        store.change_passphrase(OLD, NEW)
    monkeypatch.undo()
    _crash_on_call(monkeypatch, "move_into_place", 5)
    with pytest.raises(Crash):
        open_store(tmp_path, "default", NEW)
    monkeypatch.undo()
    with open_store(tmp_path, "default", NEW) as store:
        _assert_everything_there(store, ids)


def test_wrong_passphrase_after_an_interrupted_switch_reveals_nothing_more(tmp_path: Path, monkeypatch) -> None:
    _encrypted_profile(tmp_path)
    store = open_store(tmp_path, "default", OLD)
    _crash_on_call(monkeypatch, "commit_generation", 1)
    with pytest.raises(Crash):
        store.change_passphrase(OLD, NEW)
    monkeypatch.undo()
    with pytest.raises(WrongPassphrase, match=r"^That passphrase does not open this profile\.$"):
        open_store(tmp_path, "default", "a guess")
    assert not (profile_folder(tmp_path) / switch.BUILDING).exists()  # rolled back all the same


# -- errors (not crashes) during the switch ----------------------------------------------------------------------------
def test_disk_error_while_building_keeps_the_old_passphrase_and_the_store_open(tmp_path: Path, monkeypatch) -> None:
    ids = _encrypted_profile(tmp_path)
    calls = {"n": 0}
    real = switch.write_new_file

    def disk_full(path, data):
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data)

    with open_store(tmp_path, "default", OLD) as store:
        monkeypatch.setattr(switch, "write_new_file", disk_full)
        with pytest.raises(StoreError, match="could not be changed.*No space left") as caught:
            store.change_passphrase(OLD, NEW)
        monkeypatch.undo()
        assert not isinstance(caught.value, PassphraseSwitchUnfinished)
        assert not (store.folder / switch.BUILDING).exists()
        _assert_everything_there(store, ids)  # still open, old key
        store.save_entry(entry(9, "2026-11-24T09:00:00+00:00"))
    with open_store(tmp_path, "default", OLD) as store:
        assert len(store.entries()) == 27


def test_one_failed_move_after_the_commit_is_finished_in_place(tmp_path: Path, monkeypatch) -> None:
    ids = _encrypted_profile(tmp_path)
    calls = {"n": 0}
    real = switch.move_into_place

    def flaky(source, target):
        calls["n"] += 1
        if calls["n"] == 4:
            raise OSError(errno.EIO, "Input/output error")
        real(source, target)

    with open_store(tmp_path, "default", OLD) as store:
        monkeypatch.setattr(switch, "move_into_place", flaky)
        store.change_passphrase(OLD, NEW)
        monkeypatch.undo()
        _assert_everything_there(store, ids)
    with open_store(tmp_path, "default", NEW) as store:
        _assert_everything_there(store, ids)


def test_lasting_failure_after_the_commit_closes_and_says_the_new_passphrase_applies(
    tmp_path: Path, monkeypatch
) -> None:
    ids = _encrypted_profile(tmp_path)
    store = open_store(tmp_path, "default", OLD)

    def broken(source, target):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(switch, "move_into_place", broken)
    with pytest.raises(PassphraseSwitchUnfinished, match="with the new passphrase") as caught:
        store.change_passphrase(OLD, NEW)
    monkeypatch.undo()
    assert caught.value.new_applies and not store._open
    with open_store(tmp_path, "default", NEW) as store:
        _assert_everything_there(store, ids)
