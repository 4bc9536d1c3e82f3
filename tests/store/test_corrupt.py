"""Damaged files, as a table: every kind of file the store writes × every way it can go wrong.

For a damaged data file the promise is: never read as empty without a word, the file is
moved aside (every byte kept, nothing deleted), the person is told in plain words, and
the newest good copy from the rolling backups is offered: "workbook restore --file PATH"
or the Backups screen, both of which call backup.restore_file(); restoring it brings the
data back. A profile of a newer version, or a wrong passphrase, is refused with a plain
message and nothing is moved or changed.

Two kinds have no copy to offer, by design: a plain profile's format note (meta.json)
holds nothing but {"format": 1}, so it is set aside and written afresh, and every entry is
still there; an encrypted profile's header is the only place its key can be derived
from, so a damaged one is refused untouched (nothing moved), never set aside.

Plain JSON carries no checksum: a bit flipped inside a string value reads as a different
letter and cannot be noticed. The flip here lands on a ':' between a key and its value,
which no reader can take for JSON; in an encrypted file, AES-GCM notices any flip.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest

from workbook.store import backup as backups
from workbook.store.base import StoreError
from workbook.store.crypto import HeaderDamaged, NoPassphrase, WrongPassphrase
from workbook.store.migrate import NewerData
from workbook.store.profile import open_store

from .test_crypto import fast_kdf, profile_folder  # noqa: F401  (fast_kdf: autouse)

PASS = "a passphrase for damaged files"
MORNING = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
WORDS = "words written on a hard day"


@dataclass(frozen=True)
class Kind:
    relative: str  # the file, inside the profile folder
    encrypted: bool
    what: str  # how the message names what the file holds


KINDS = {
    "entries month": Kind("entries/2026-11.json", False, "entries from November 2026"),
    "drafts": Kind("drafts.json", False, "unfinished exercises"),
    "settings": Kind("settings.json", False, "settings"),
    "goals": Kind("goals.json", False, "goals"),
    "check-ins month": Kind("checkins/2026-11.json", False, "checkins from November 2026"),
    "format note": Kind("meta.json", False, "profile's format note"),
    "encrypted entries month": Kind("entries/2026-11.json", True, "entries from November 2026"),
    "encrypted header": Kind("meta.json", True, ""),
}
DAMAGES = ["empty", "truncated", "trailing garbage", "flipped bits"]
REFUSALS = ["newer version", "wrong passphrase"]


def damage(data: bytes, how: str) -> bytes:
    if how == "empty":
        return b""
    if how == "truncated":
        return data[: len(data) // 2]
    if how == "trailing garbage":
        return data + b"\x00\x17garbage{"
    if how == "flipped bits":
        # The ':' after a key (a ':' inside a value, as in a time of day, could flip unnoticed).
        spot = data.find(b'":', len(data) // 3) + 1 or data.find(b'":') + 1
        if spot == 0:  # no JSON at all (an encrypted file): the middle byte
            spot = len(data) // 2
        return data[:spot] + bytes([data[spot] ^ 0x01]) + data[spot + 1:]
    raise ValueError(how)


def passphrase_of(kind: Kind) -> str | None:
    return PASS if kind.encrypted else None


def fill(data_dir: Path, kind: Kind) -> None:
    """One of everything, then a daily backup, then a little more (newer than the backup)."""
    with open_store(data_dir, "default", passphrase_of(kind)) as store:
        store.save_entry({"exercise_id": "x", "finished_at": "2026-11-20T09:00:00+00:00", "answers": {"text": WORDS}})
        store.save_draft({"exercise_id": "x", "answers": {"text": WORDS}, "saved_at": "2026-11-21T10:00:00"})
        store.set_setting("theme", "calm")
        store.table("goals").put("g1", {"what": WORDS})
        store.monthly("checkins").insert({"id": "2026-11-c1", "day": "2026-11-20", "score": 4})
        backups.make_backup(store, "daily", MORNING)


def read_all(store) -> dict:
    """Everything, as the workbook shows it (reading every file, so a damaged one is met)."""
    draft = store.get_draft("x")
    return {
        "entries": [e["answers"]["text"] for e in store.iter_entries()],
        "draft": draft["answers"]["text"] if draft else None,
        "theme": store.get_setting("theme"),
        "goal": store.table("goals").get("g1"),
        "checkins": [r["score"] for r in store.monthly("checkins")],
    }


EVERYTHING = {"entries": [WORDS], "draft": WORDS, "theme": "calm", "goal": {"what": WORDS}, "checkins": [4]}
EMPTIED = {  # what each kind's file holds, when it is missing
    "entries/2026-11.json": {"entries": []},
    "drafts.json": {"draft": None},
    "settings.json": {"theme": None},
    "goals.json": {"goal": None},
    "checkins/2026-11.json": {"checkins": []},
}


def files(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and mtime (the lock file aside: taking a lock is not a change)."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "profile.lock"
    }


def assert_plain_words(message: str) -> None:
    assert message and "Traceback" not in message and "Error" not in message, message
    assert not any(word in message for word in ("msgspec", "InvalidTag", "JSONDecode", "errno")), message


# -- damaged files -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("how", DAMAGES)
@pytest.mark.parametrize("kind_name", list(KINDS))
def test_a_damaged_file(tmp_path: Path, kind_name: str, how: str) -> None:
    kind = KINDS[kind_name]
    fill(tmp_path, kind)
    folder = profile_folder(tmp_path)
    target = folder / kind.relative
    broken = damage(target.read_bytes(), how)
    target.write_bytes(broken)

    if kind.relative == "meta.json" and kind.encrypted:
        # The key cannot be derived without the header: refused, untouched, nothing moved.
        before = files(folder)
        with pytest.raises(HeaderDamaged) as refused:
            open_store(tmp_path, "default", PASS)
        assert_plain_words(str(refused.value))
        assert "meta.json" in str(refused.value) and "Nothing has been changed" in str(refused.value)
        assert files(folder) == before
        with pytest.raises(HeaderDamaged):  # and by an open without a passphrase too
            open_store(tmp_path)
        assert files(folder) == before
        return

    with open_store(tmp_path, "default", passphrase_of(kind)) as store:
        seen = read_all(store)
        # Never read as empty without a word: the person is told, in plain words.
        (problem,) = store.problems
        assert_plain_words(problem)
        assert f"The file holding your {kind.what} could not be read" in problem
        assert "set aside, unchanged" in problem and "Nothing in it has been deleted" in problem
        # Moved aside, every byte kept.
        (aside,) = target.parent.glob(f"{target.name}.unreadable-*")
        assert str(aside) in problem
        assert aside.read_bytes() == broken
        if kind.relative == "meta.json":
            # A plain profile's format note holds nothing else: written afresh, every entry is here.
            assert json.loads(target.read_bytes()) == {"format": 1}
            assert seen == EVERYTHING
            assert store.backup_offers == []
            return
        assert seen == {**EVERYTHING, **EMPTIED[kind.relative]}
        # The newest good copy is offered, by name, with the way to bring it back.
        newest = backups.newest_good_copy(store, kind.relative)
        assert newest is not None and newest.name == "2026-11-01"
        assert store.backup_offers == [(kind.relative, newest.name)]
        assert f"workbook restore --file {kind.relative}" in problem and "Backups" in problem
        # Bringing it back (what the restore command and the Backups screen do) restores the data.
        used, added = backups.restore_file(store, kind.relative)
        assert used.name == newest.name and added == 1
        assert read_all(store) == EVERYTHING
    with open_store(tmp_path, "default", passphrase_of(kind)) as store:
        assert read_all(store) == EVERYTHING
        assert store.problems == []
    assert aside.read_bytes() == broken  # the damaged copy stays, for whoever wants to look


# -- refusals: a newer version, a wrong passphrase --------------------------------------------------------
def make_newer(data_dir: Path, kind: Kind) -> None:
    folder = profile_folder(data_dir)
    if kind.relative == "meta.json":
        meta = json.loads((folder / "meta.json").read_bytes())
        (folder / "meta.json").write_text(json.dumps({**meta, "format": 3}))
    else:
        # A data file carries no version of its own: the profile's data version says how to read it.
        with open_store(data_dir, "default", passphrase_of(kind)) as store:
            store.table("format").put("data_version", 99)


@pytest.mark.parametrize("refusal", REFUSALS)
@pytest.mark.parametrize("kind_name", list(KINDS))
def test_a_profile_that_must_be_refused_is_left_untouched(tmp_path: Path, kind_name: str, refusal: str) -> None:
    kind = KINDS[kind_name]
    fill(tmp_path, kind)
    folder = profile_folder(tmp_path)
    if refusal == "newer version":
        make_newer(tmp_path, kind)
        expected, given = (StoreError, passphrase_of(kind))
    else:
        # A plain profile has no passphrase to get wrong: giving one at all is the mistake.
        expected, given = ((WrongPassphrase, "not the passphrase") if kind.encrypted
                           else (NoPassphrase, "a passphrase it never had"))
    before = files(folder)
    with pytest.raises(expected) as refused:
        open_store(tmp_path, "default", given)
    message = str(refused.value)
    assert_plain_words(message)
    if refusal == "newer version":
        assert "newer version of the workbook" in message and "have not been touched" in message
        if kind.relative != "meta.json":
            assert isinstance(refused.value, NewerData)
    elif kind.encrypted:
        assert message == "That passphrase does not open this profile."
    else:
        assert "has no passphrase" in message
    assert files(folder) == before  # nothing moved, nothing changed
    assert not list(folder.rglob("*.unreadable-*"))
    if refusal == "wrong passphrase":
        with open_store(tmp_path, "default", passphrase_of(kind)) as store:
            assert read_all(store) == EVERYTHING and store.problems == []


# -- the offer, end to end, through the command line ------------------------------------------------------
def test_the_restore_command_brings_back_a_damaged_month(tmp_path: Path) -> None:
    """What the offer says to run (test_a_damaged_file checks the offer's words)."""
    kind = KINDS["entries month"]
    fill(tmp_path, kind)
    target = profile_folder(tmp_path) / kind.relative
    target.write_bytes(damage(target.read_bytes(), "truncated"))
    env = {**os.environ, "WORKBOOK_DATA_DIR": str(tmp_path),
           "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run(
        [sys.executable, "-m", "workbook", "restore", "--file", kind.relative],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Brought back 1 item" in done.stdout
    with open_store(tmp_path) as store:
        assert read_all(store) == EVERYTHING and store.problems == []
    assert list(target.parent.glob(f"{target.name}.unreadable-*"))


@pytest.mark.parametrize("note", [b'{"forlat":1}', b'{"format":"1"}', b'{"format":null}'])
def test_a_format_note_without_a_number_is_damaged_not_newer(tmp_path: Path, note: bytes) -> None:
    """Valid JSON that lost its "format" number (a flipped bit in the name, say) is damage."""
    fill(tmp_path, KINDS["format note"])
    meta = profile_folder(tmp_path) / "meta.json"
    meta.write_bytes(note)
    with open_store(tmp_path) as store:
        assert read_all(store) == EVERYTHING
        (problem,) = store.problems
        assert "The file holding your profile's format note could not be read" in problem
        assert "newer" not in problem
    (aside,) = meta.parent.glob("meta.json.unreadable-*")
    assert aside.read_bytes() == note
    assert json.loads(meta.read_bytes()) == {"format": 1}
