"""Rolling backups inside the profile, encrypted like it; restoring them, whole or one file."""

from __future__ import annotations

import os
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from workbook.store import backup as backups
from workbook.store import passphrase as switch
from workbook.store.backup import BackupError
from workbook.store.crypto import MAGIC
from workbook.store.profile import open_store

from .test_crypto import entry, fast_kdf, files_holding, fill  # noqa: F401  (fast_kdf: autouse)

PASS, NEW = "a passphrase for backups", "another passphrase"
DAY = timedelta(days=1)
MORNING = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)


def entry_ids(store) -> set[str]:
    return {e["id"] for e in store.iter_entries()}


def test_a_backup_holds_every_data_file_at_the_same_place(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        fill(store, "kept words")
        made = backups.make_backup(store, "by-hand")
        assert made.files == ("drafts.json", "entries/2026-10.json", "entries/2026-11.json", "goals.json",
                              "settings.json")
        assert made.entries == 2 and made.kind == "by-hand"
        folder = store.folder / "backups" / made.name
        for relative in made.files:
            assert (folder / relative).read_bytes() == (store.folder / relative).read_bytes()  # plain: same JSON
        for path in [folder, *folder.rglob("*")]:
            assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path
        assert [b.name for b in backups.list_backups(store)] == [made.name]


def test_an_encrypted_profiles_backup_is_encrypted_and_bound_to_its_own_place(tmp_path: Path) -> None:
    with open_store(tmp_path, "default", PASS) as store:
        ids = fill(store)
        made = backups.make_backup(store, "by-hand")
        folder = store.folder / "backups" / made.name
        assert files_holding(tmp_path) == []
        for path in folder.rglob("*.json"):
            assert path.read_bytes().startswith(MAGIC), path
        # Copied back by hand, a backup file does not open at the live place: it is bound to its own.
        live = store.folder / "entries" / "2026-10.json"
        assert (folder / "entries/2026-10.json").read_bytes() != live.read_bytes()
        store.save_entry(entry(3, "2026-10-09T09:00:00+00:00", text="later"))
        backups.restore_backup(store, made.name)
        assert entry_ids(store) == {ids["october"], ids["november"]}
    assert files_holding(tmp_path) == []


def test_backups_follow_a_passphrase_change_and_removal(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        ids = fill(store)
        plain = backups.make_backup(store, "by-hand")
        assert files_holding(tmp_path)  # a plain profile: plain backups
        store.set_passphrase(PASS)
        assert store.problems == []
        assert files_holding(tmp_path) == []  # the backup was encrypted with everything else
        store.change_passphrase(PASS, NEW)
        assert store.problems == []
        assert [b.name for b in backups.list_backups(store) if b.readable] == [plain.name]
    with open_store(tmp_path, "default", NEW) as store:
        store.save_entry(entry(9, "2026-11-21T09:00:00+00:00"))
        backups.restore_backup(store, plain.name)
        assert entry_ids(store) == {ids["october"], ids["november"]}
        store.remove_passphrase(NEW)
    with open_store(tmp_path) as store:
        assert all(b.readable for b in backups.list_backups(store))
        assert store.problems == []


def test_the_daily_backup_is_made_once_a_day_and_the_last_seven_are_kept(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        assert backups.backup_if_due(store, MORNING) is None  # nothing to back up yet
        assert not (store.folder / "backups").exists()
        store.save_entry(entry(1))
        first = backups.backup_if_due(store, MORNING)
        assert first is not None and first.name == "2026-11-01"
        assert backups.backup_if_due(store, MORNING + timedelta(hours=5)) is None  # once a day
        for day in range(1, 10):
            store.save_entry(entry(10 + day))
            assert backups.backup_if_due(store, MORNING + day * DAY) is not None
        daily = [b.name for b in backups.list_backups(store)]
        assert daily == [f"2026-11-{d:02d}" for d in range(10, 3, -1)]
        assert backups.list_backups(store)[0].entries == 10
        for n in range(7):  # others are kept apart from the daily ones, the newest five
            backups.make_backup(store, "by-hand", MORNING + 10 * DAY + n * timedelta(minutes=1))
        kinds = [b.kind for b in backups.list_backups(store)]
        assert kinds.count("by-hand") == backups.KEEP_OTHER and kinds.count("daily") == backups.KEEP_DAILY


def test_restore_backs_up_first_so_it_can_be_undone(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        old = store.save_entry(entry(1, "2026-10-01T09:00:00+00:00"))
        store.set_setting("theme", "then")
        then = backups.make_backup(store, "by-hand", MORNING)
        new = store.save_entry(entry(2, "2026-11-02T09:00:00+00:00"))  # a month file that did not exist
        store.set_setting("theme", "now")
        store.table("goals").put("g", {"a": 1})  # a table that did not exist
        before = backups.restore_backup(store, then.name)
        assert before.kind == "before-restore"
        assert entry_ids(store) == {old["id"]} and store.get_setting("theme") == "then"
        assert store.table("goals").items() == []
        assert not (store.folder / "entries" / "2026-11.json").exists()
        backups.restore_backup(store, before.name)  # and back again
        assert entry_ids(store) == {old["id"], new["id"]} and store.get_setting("theme") == "now"
        assert store.table("goals").get("g") == {"a": 1}
    with open_store(tmp_path) as store:  # and it stays so after a restart
        assert entry_ids(store) == {old["id"], new["id"]}
        assert store.problems == []


def _failing_moves(monkeypatch, failing) -> None:
    moves = []

    def move(source: Path, target: Path) -> None:
        moves.append(target)
        if failing(len(moves)):
            raise OSError(5, "Input/output error")
        os.replace(source, target)

    monkeypatch.setattr(switch, "move_into_place", move)


def test_a_restore_interrupted_after_its_commit_is_finished_at_once_if_it_can_be(tmp_path: Path, monkeypatch) -> None:
    with open_store(tmp_path) as store:
        ids = fill(store)
        then = backups.make_backup(store, "by-hand", MORNING)
        store.save_entry(entry(5, "2026-10-20T09:00:00+00:00"))
        _failing_moves(monkeypatch, lambda n: n == 2)  # one hiccup, then the disk is fine again
        backups.restore_backup(store, then.name)
        assert entry_ids(store) == {ids["october"], ids["november"]}
        assert not (store.folder / switch.READY).exists()


def test_a_restore_interrupted_after_its_commit_is_finished_by_the_next_open(tmp_path: Path, monkeypatch) -> None:
    with open_store(tmp_path) as store:
        ids = fill(store)
        then = backups.make_backup(store, "by-hand", MORNING)
        store.save_entry(entry(5, "2026-10-20T09:00:00+00:00"))
        store.save_entry(entry(6, "2026-11-20T12:00:00+00:00"))
        _failing_moves(monkeypatch, lambda n: n >= 2)
        with pytest.raises(BackupError, match="next time"):
            backups.restore_backup(store, then.name)
        monkeypatch.undo()
        assert (store.folder / switch.READY).exists()
    with open_store(tmp_path) as store:
        assert entry_ids(store) == {ids["october"], ids["november"]}
        assert not (store.folder / switch.READY).exists()


def test_a_damaged_backup_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.save_entry(entry(1))
        made = backups.make_backup(store, "by-hand", MORNING)
        store.save_entry(entry(2, "2026-11-23T10:00:00+00:00"))
        (store.folder / "backups" / made.name / "entries" / "2026-11.json").write_bytes(b'{"records": {')
        before = {p: p.read_bytes() for p in store.folder.rglob("*") if p.is_file()}
        with pytest.raises(BackupError, match="cannot be read"):
            backups.restore_backup(store, made.name)
        assert {p: p.read_bytes() for p in store.folder.rglob("*") if p.is_file()} == before
        with pytest.raises(BackupError, match="no backup called"):
            backups.restore_backup(store, "1999-01-01")


def test_a_file_set_aside_offers_the_newest_good_copy_and_brings_it_back(tmp_path: Path) -> None:
    with open_store(tmp_path, "default", PASS) as store:
        first = store.save_entry(entry(1, "2026-11-02T09:00:00+00:00", text="first"))
        backups.make_backup(store, "daily", MORNING)
        second = store.save_entry(entry(2, "2026-11-03T09:00:00+00:00", text="second"))
        newest = backups.make_backup(store, "daily", MORNING + DAY)
        month = store.folder / "entries" / "2026-11.json"
    month.write_bytes(month.read_bytes()[:-5])  # damaged on disk
    with open_store(tmp_path, "default", PASS) as store:
        assert store.entries() == []
        (problem,) = store.problems
        assert "set aside" in problem and "A good copy from the backup of" in problem
        assert "workbook restore --file entries/2026-11.json" in problem
        assert store.backup_offers == [("entries/2026-11.json", newest.name)]
        third = store.save_entry(entry(3, "2026-11-22T09:00:00+00:00", text="written since"))
        used, added = backups.restore_file(store, "entries/2026-11.json")
        assert used.name == newest.name and added == 2
        assert entry_ids(store) == {first["id"], second["id"], third["id"]}
        assert list(store.folder.glob("entries/2026-11.json.unreadable-*"))  # the damaged copy is kept
        assert backups.restore_file(store, "entries/2026-11.json")[1] == 0  # nothing doubled


def test_a_keyed_file_comes_back_merged(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.set_setting("theme", "old")
        store.set_setting("motion", "reduced")
        backups.make_backup(store, "by-hand", MORNING)
    (store.folder / "settings.json").write_bytes(b"garbage")
    with open_store(tmp_path) as store:
        assert "A good copy from the backup" in store.problems[0]
        store.set_setting("theme", "new")
        assert backups.restore_file(store, "settings.json")[1] == 1
        assert store.get_setting("theme") == "new" and store.get_setting("motion") == "reduced"


def test_a_damaged_file_is_carried_forward_so_its_last_good_copy_is_never_rotated_out(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        kept = store.save_entry(entry(1, "2026-10-02T09:00:00+00:00"))
        backups.backup_if_due(store, MORNING)
        october = store.folder / "entries" / "2026-10.json"
        october.write_bytes(b"\x00" * 10)  # damaged, and not read again for weeks
        for day in range(1, 12):
            store.save_entry(entry(10 + day, "2026-11-05T09:00:00+00:00"))
            backups.backup_if_due(store, MORNING + day * DAY)
        assert len(backups.list_backups(store)) == backups.KEEP_DAILY
        assert "2026-11-01" not in {b.name for b in backups.list_backups(store)}
        newest = backups.newest_good_copy(store, "entries/2026-10.json")
        assert newest is not None and newest.name == "2026-11-12"
        october.unlink()
        backups.restore_file(store, "entries/2026-10.json")
        assert store.get_entry(kept["id"]) is not None


def test_a_half_made_backup_is_removed_on_open_and_never_listed(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.save_entry(entry(1))
        leftover = store.folder / "backups" / ".building-2026-11-01"
        (leftover / "entries").mkdir(parents=True)
        (leftover / "entries" / "2026-11.json").write_bytes(b"{}")
        assert backups.list_backups(store) == []
    with open_store(tmp_path) as store:
        assert not leftover.exists()


def test_the_copy_from_before_a_file_was_set_aside_is_kept_and_used_later(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        old = store.save_entry(entry(1, "2026-11-02T09:00:00+00:00"))
        backups.backup_if_due(store, datetime(2026, 11, 1, 9, tzinfo=timezone.utc).astimezone())
        month = store.folder / "entries" / "2026-11.json"
    month.write_bytes(b"{ damaged")
    with open_store(tmp_path) as store:
        assert store.entries() == [] and store.backup_offers
        # The person carries on without bringing it back; days of backups follow.
        new = store.save_entry(entry(2, "2026-11-20T09:00:00+00:00"))
        for day in range(1, 12):
            backups.backup_if_due(store, datetime.now().astimezone() + day * DAY)
        names = [b.name for b in backups.list_backups(store)]
        assert "2026-11-01" in names  # the last copy from before the damage is not rotated out
        assert len(names) == backups.KEEP_DAILY + 1
        used, added = backups.restore_file(store, "entries/2026-11.json")
        assert used.name == "2026-11-01" and added == 1
        assert entry_ids(store) == {old["id"], new["id"]}
