"""Disk faults at every step of a save: the file on disk is unchanged, the person is
told in plain words, what they saved before is still there, and saving works again
once the disk recovers. Covers every kind of save the store makes."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Callable

import pytest

from workbook.store import atomic
from workbook.store.base import StoreError
from workbook.store.profile import open_store

ENTRY = {"exercise_id": "x", "finished_at": "2026-11-22T10:00:00+00:00", "answers": {"a": "words"}}


def _entry(store, n):
    return store.save_entry({**ENTRY, "answers": {"n": n}})


SAVES: dict[str, Callable] = {
    "entry": _entry,
    "draft": lambda store, n: store.save_draft({"exercise_id": "x", "answers": {"n": n}}),
    "setting": lambda store, n: store.set_setting("theme", f"t{n}"),
    "goal": lambda store, n: store.table("goals").put("g1", {"what": "sleep", "n": n}),
    "check-in": lambda store, n: store.monthly("checkins").insert({"id": f"2026-11-c{n}", "n": n}),
}


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*") if p.is_file() and p.name != "profile.lock"
    }


class Fault:
    """Fails one os call with an errno: the next time only, or from then on."""

    def __init__(self, monkeypatch, name: str, code: int, persistent: bool) -> None:
        self.real = getattr(atomic.os, name)
        self.code, self.persistent, self.fired = code, persistent, 0
        monkeypatch.setattr(atomic.os, name, self)

    def __call__(self, *args, **kwargs):
        if self.persistent or not self.fired:
            self.fired += 1
            raise OSError(self.code, errno.errorcode[self.code])
        return self.real(*args, **kwargs)


@pytest.mark.parametrize("kind", list(SAVES))
@pytest.mark.parametrize("call", ["write", "fsync", "replace"])
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
@pytest.mark.parametrize("persistent", [False, True], ids=["once", "from-then-on"])
def test_fault_leaves_disk_unchanged_and_says_so(tmp_path, monkeypatch, kind, call, code, persistent) -> None:
    save = SAVES[kind]
    with open_store(tmp_path) as store:
        save(store, 1)  # something already saved, which must survive
        before = _files(store.folder)
        fault = Fault(monkeypatch, call, code, persistent)
        with pytest.raises(StoreError) as raised:
            save(store, 2)
        assert fault.fired == 1
        message = str(raised.value)
        assert "not saved yet" in message and "Nothing you wrote is lost" in message
        assert "Traceback" not in message and "\n" not in message
        assert _files(store.folder) == before, "a failed save changed a file on disk"
        assert not list(store.folder.rglob(".*.tmp")), "a temp file was left behind"
        if persistent:
            with pytest.raises(StoreError):
                save(store, 3)
            assert _files(store.folder) == before
        monkeypatch.undo()
        save(store, 4)  # the disk has recovered: saving works again
    with open_store(tmp_path) as store:  # and the state on disk is the old one plus the retry
        if kind == "entry":
            assert sorted(e["answers"]["n"] for e in store.iter_entries()) == [1, 4]
        elif kind == "draft":
            assert store.get_draft("x")["answers"] == {"n": 4}
        elif kind == "setting":
            assert store.get_setting("theme") == "t4"
        elif kind == "goal":
            assert store.table("goals").get("g1")["n"] == 4
        else:
            assert sorted(r["n"] for r in store.monthly("checkins")) == [1, 4]


def test_memory_view_matches_disk_after_a_failed_save(tmp_path, monkeypatch) -> None:
    with open_store(tmp_path) as store:
        _entry(store, 1)
        Fault(monkeypatch, "replace", errno.ENOSPC, persistent=False)
        with pytest.raises(StoreError):
            _entry(store, 2)
        # The failed entry must not linger in memory as if it were saved.
        assert [e["answers"]["n"] for e in store.entries()] == [1]


def test_a_failing_folder_sync_after_the_rename_counts_as_saved(tmp_path, monkeypatch) -> None:
    with open_store(tmp_path) as store:
        real_fsync = atomic.os.fsync

        def fsync(fd):
            import stat
            import os as real_os

            if stat.S_ISDIR(real_os.fstat(fd).st_mode):
                raise OSError(errno.EIO, "EIO")
            return real_fsync(fd)

        monkeypatch.setattr(atomic.os, "fsync", fsync)
        saved = _entry(store, 1)
        assert store.get_entry(saved["id"]) is not None
    with open_store(tmp_path) as store:
        assert [e["answers"]["n"] for e in store.entries()] == [1]
