from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from workbook.store import atomic
from workbook.store.base import ProfileBusy, StoreError
from workbook.store.profile import FORMAT_VERSION, open_store


def entry(n: int, when: str = "2026-11-22T10:00:00+00:00", **answers) -> dict:
    return {"exercise_id": "x", "finished_at": when, "answers": {"n": n, **answers}}


def test_entries_survive_reopen_newest_first_across_months(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.save_entry(entry(1, "2025-01-05T09:00:00+00:00"))
        store.save_entry(entry(2, "2026-11-01T09:00:00+00:00"))
        store.save_entry(entry(3, "2026-11-20T09:00:00+01:00"))
        store.save_entry(entry(4, "2026-10-31T23:00:00+00:00"))
    with open_store(tmp_path) as store:
        assert [e["answers"]["n"] for e in store.entries()] == [3, 2, 4, 1]
        assert [e["answers"]["n"] for e in store.entries(1, 2)] == [2, 4]
        assert [e["answers"]["n"] for e in store.iter_entries()] == [3, 2, 4, 1]
        assert store.shard_names() == ["2026-11", "2026-10", "2025-01"]


def test_get_replace_and_delete_entry(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        saved = store.save_entry(entry(1))
        assert store.get_entry(saved["id"])["answers"]["n"] == 1
        store.replace_entry({**saved, "answers": {"n": 9}})
    with open_store(tmp_path) as store:
        assert store.get_entry(saved["id"])["answers"] == {"n": 9}
        assert store.delete_entry(saved["id"])
        assert store.get_entry(saved["id"]) is None
        assert store.get_entry("nonsense") is None


def test_text_is_kept_exactly(tmp_path: Path) -> None:
    text = "[bold]not markup[/bold] 🙂 שלום עולם \x00\x1b[31m\r\n" + "x" * 1_000_000 + "\ud800"
    with open_store(tmp_path) as store:
        saved = store.save_entry(entry(1, text=text))
    with open_store(tmp_path) as store:
        assert store.get_entry(saved["id"])["answers"]["text"] == text


def test_returned_entries_are_copies(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        saved = store.save_entry(entry(1))
        store.entries()[0]["answers"]["n"] = 99
        saved["answers"]["n"] = 98
        assert store.get_entry(saved["id"])["answers"]["n"] == 1


def test_drafts_and_settings(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.save_draft({"exercise_id": "a", "answers": {"x": 1}, "saved_at": "2026-11-22T10:00:00"})
        store.save_draft({"exercise_id": "b", "answers": {}, "saved_at": "2026-11-22T11:00:00"})
        store.save_draft({"exercise_id": "a", "answers": {"x": 2}, "saved_at": "2026-11-22T09:00:00"})
        store.set_setting("theme", "workbook-calm")
    with open_store(tmp_path) as store:
        assert store.get_draft("a")["answers"] == {"x": 2}
        assert [d["exercise_id"] for d in store.drafts()] == ["b", "a"]
        store.delete_draft("a")
        assert store.get_draft("a") is None
        assert store.get_setting("theme") == "workbook-calm"
        assert store.get_setting("missing", 7) == 7


def test_modes_are_private_even_under_umask_000(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        with open_store(tmp_path / "data") as store:
            store.save_entry(entry(1))
            store.save_draft({"exercise_id": "a", "answers": {}})
            store.set_setting("k", 1)
    finally:
        os.umask(old)
    paths = [tmp_path / "data", *(tmp_path / "data").rglob("*")]
    assert len(paths) > 6
    for path in paths:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


def test_second_open_is_refused_in_process_and_across_processes(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    try:
        with pytest.raises(ProfileBusy, match="already open"):
            open_store(tmp_path)
        code = (
            "import sys; from workbook.store.profile import open_store\n"
            "from workbook.store.base import ProfileBusy\n"
            f"try: open_store({str(tmp_path)!r})\n"
            "except ProfileBusy as e: print(e); sys.exit(3)\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert result.returncode == 3 and "already open in another window" in result.stdout
        # A different profile is not affected.
        open_store(tmp_path, "someone else").close()
    finally:
        store.close()
    open_store(tmp_path).close()


def test_killed_process_leaves_no_stale_lock(tmp_path: Path) -> None:
    code = (
        "import os, signal; from workbook.store.profile import open_store\n"
        f"s = open_store({str(tmp_path)!r}); os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    subprocess.run([sys.executable, "-c", code])
    open_store(tmp_path).close()


@pytest.mark.parametrize("content", [b"", b"   ", b'{"entries": {"1": {"id"', b"\x00\xff garbage", b"[1, 2]"])
def test_unreadable_month_is_set_aside_not_read_as_empty(tmp_path: Path, content: bytes) -> None:
    with open_store(tmp_path) as store:
        store.save_entry(entry(1, "2026-10-02T10:00:00+00:00"))
        kept = store.save_entry(entry(2, "2026-11-02T10:00:00+00:00"))
        shard = store.entries_dir / "2026-10.json"
    original = shard.read_bytes()
    shard.write_bytes(content)
    with open_store(tmp_path) as store:
        assert [e["id"] for e in store.entries()] == [kept["id"]]
        assert len(store.problems) == 1
        assert "October 2026" in store.problems[0] and "set aside" in store.problems[0]
        aside = list(store.entries_dir.glob("2026-10.json.unreadable-*"))
        assert len(aside) == 1 and aside[0].read_bytes() == content
        assert not shard.exists()
    assert original != content


def test_unreadable_drafts_file_is_set_aside(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.save_draft({"exercise_id": "a", "answers": {}})
        drafts = store.folder / "drafts.json"
    drafts.write_bytes(b'{"_default": {"1": ')
    with open_store(tmp_path) as store:
        assert store.drafts() == []
        assert "unfinished exercises" in store.problems[0]
        assert list(store.folder.glob("drafts.json.unreadable-*"))


def test_newer_format_is_refused_and_left_untouched(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.save_entry(entry(1))
        meta = store.folder / "meta.json"
    meta.write_text(f'{{"format": {FORMAT_VERSION + 1}}}')
    before = {p: p.read_bytes() for p in meta.parent.rglob("*.json")}
    with pytest.raises(StoreError, match="newer version"):
        open_store(tmp_path)
    assert {p: p.read_bytes() for p in meta.parent.rglob("*.json")} == before
    open_store(tmp_path, "other").close()  # the refusal released the lock it took
    with pytest.raises(StoreError, match="newer version"):
        open_store(tmp_path)


def test_failed_write_keeps_disk_and_memory_at_last_good_state(tmp_path: Path, monkeypatch) -> None:
    with open_store(tmp_path) as store:
        first = store.save_entry(entry(1))
        shard = store.entries_dir / "2026-11.json"
        before = shard.read_bytes()

        def disk_full(fd, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(atomic.os, "write", disk_full)
        with pytest.raises(StoreError, match="no space left"):
            store.save_entry(entry(2))
        monkeypatch.undo()
        assert shard.read_bytes() == before
        assert [e["id"] for e in store.entries()] == [first["id"]]
        assert not list(store.entries_dir.glob(".*.tmp"))
        store.save_entry(entry(3))  # once there is room again, saving works
        assert len(store.entries()) == 2


def test_missing_usb_data_dir_gets_a_plain_message(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="USB stick"):
        open_store(tmp_path / "not-mounted" / "workbook")


def test_leftover_temp_files_are_cleaned_on_open(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.save_entry(entry(1))
        leftover = store.entries_dir / ".2026-11.json.abc.tmp"
    leftover.write_bytes(b"half a save")
    with open_store(tmp_path) as store:
        assert not leftover.exists()
        assert len(store.entries()) == 1


def test_import_entries_writes_once_per_month_and_skips_known_ids(tmp_path: Path) -> None:
    records = [entry(n, f"2026-{1 + n % 3:02d}-10T10:00:00+00:00") for n in range(30)]
    with open_store(tmp_path) as store:
        added = store.import_entries(records)
        assert len(added) == 30
        assert store.shard_names() == ["2026-03", "2026-02", "2026-01"]
        again = store.import_entries([store.get_entry(added[0])])
        assert again == []
    with open_store(tmp_path) as store:
        assert sorted(e["answers"]["n"] for e in store.iter_entries()) == list(range(30))
