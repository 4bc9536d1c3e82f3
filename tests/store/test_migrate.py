"""Upgrades: a registry of steps, each run after a backup; a newer data version is refused.

This is the first version of the workbook, so no real migration exists yet: the steps
here are registered by the tests, the way a later version will register its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.store import backup as backups
from workbook.store import migrate
from workbook.store.base import StoreError
from workbook.store.migrate import Migration, NewerData
from workbook.store.profile import open_store

from .test_crypto import entry, fast_kdf  # noqa: F401  (fast_kdf: autouse)

PASS = "a passphrase for upgrades"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _tags_to_list(store) -> None:
    """A made-up step 1 -> 2: entries keep `mood` under answers instead of at the top."""
    for record in list(store.iter_entries()):
        if "mood" in record:
            record["answers"] = {**record["answers"], "mood": record.pop("mood")}
            store.replace_entry(record)


def _mark_v3(store) -> None:
    store.set_setting("upgraded_to_3", True)


@pytest.fixture
def one_step(monkeypatch):
    monkeypatch.setitem(migrate.STEPS, 1, Migration(1, "moods move into answers", _tags_to_list))


def test_the_first_release_has_no_steps_and_writes_no_version(tmp_path: Path) -> None:
    assert migrate.STEPS == {} and migrate.current_version() == 1
    with open_store(tmp_path) as store:
        store.save_entry(entry(1))
        assert store.upgrades == []
        folder = store.folder
    with open_store(tmp_path) as store:
        assert store.upgrades == []
    assert not (folder / "format.json").exists() and not (folder / "backups").exists()


def test_an_older_profile_is_backed_up_then_migrated_once(tmp_path: Path, one_step) -> None:
    migrate.STEPS.pop(1)  # made by the first release...
    with open_store(tmp_path) as store:
        old = store.save_entry({**entry(1), "mood": 4})
    migrate.STEPS[1] = Migration(1, "moods move into answers", _tags_to_list)  # ...opened by the next
    with open_store(tmp_path) as store:
        assert store.upgrades == ["moods move into answers"]
        assert store.get_entry(old["id"])["answers"] == {"n": 1, "mood": 4}
        assert migrate.stored_version(store) == 2
        (made,) = backups.list_backups(store)
        assert made.kind == "before-upgrade" and made.data_version == 1
        assert "format.json" not in made.files  # it was version 1: no version note yet
    with open_store(tmp_path) as store:
        assert store.upgrades == []  # done once
        assert len(backups.list_backups(store)) == 1


def test_steps_run_in_order_from_wherever_the_profile_is(tmp_path: Path, monkeypatch) -> None:
    ran = []
    monkeypatch.setitem(migrate.STEPS, 1, Migration(1, "one", lambda s: ran.append(1)))
    with open_store(tmp_path) as store:
        store.save_entry(entry(1))
    assert ran == [1]
    monkeypatch.setitem(migrate.STEPS, 2, Migration(2, "two", lambda s: (ran.append(2), _mark_v3(s))))
    with open_store(tmp_path) as store:
        assert store.upgrades == ["two"] and ran == [1, 2]
        assert migrate.stored_version(store) == 3 and store.get_setting("upgraded_to_3") is True


def test_a_newer_data_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.save_entry(entry(1))
        store.table(migrate.VERSION_TABLE).put(migrate.VERSION_KEY, 7)
        folder = store.folder
    before = snapshot(folder)
    with pytest.raises(NewerData, match="newer version of the workbook .data version 7.") as caught:
        open_store(tmp_path)
    assert "have not been touched" in str(caught.value)
    assert snapshot(folder) == before
    open_store(tmp_path, "someone-else").close()
    with pytest.raises(StoreError, match="newer version"):  # the refusal let go of the lock
        open_store(tmp_path)


def test_a_step_that_fails_changes_no_version_and_runs_again_next_time(tmp_path: Path, monkeypatch) -> None:
    with open_store(tmp_path) as store:
        store.save_entry(entry(1))

    def broken(store) -> None:
        raise StoreError("The disk is full.")

    monkeypatch.setitem(migrate.STEPS, 1, Migration(1, "broken", broken))
    with pytest.raises(StoreError, match="disk is full"):
        open_store(tmp_path)
    monkeypatch.setitem(migrate.STEPS, 1, Migration(1, "fixed", lambda s: None))
    with open_store(tmp_path) as store:
        assert store.upgrades == ["fixed"]
        kinds = [b.kind for b in backups.list_backups(store)]
        assert kinds == ["before-upgrade", "before-upgrade"]


def test_an_encrypted_profile_is_migrated_and_its_version_note_is_encrypted(tmp_path: Path, one_step) -> None:
    migrate.STEPS.pop(1)
    with open_store(tmp_path, "default", PASS) as store:
        old = store.save_entry({**entry(1), "mood": 2})
    migrate.STEPS[1] = Migration(1, "moods move into answers", _tags_to_list)
    with open_store(tmp_path, "default", PASS) as store:
        assert store.get_entry(old["id"])["answers"]["mood"] == 2
        assert (store.folder / "format.json").read_bytes().startswith(b"WBX1")


def test_restoring_a_backup_from_before_an_upgrade_upgrades_it_again(tmp_path: Path, one_step) -> None:
    migrate.STEPS.pop(1)
    with open_store(tmp_path) as store:
        old = store.save_entry({**entry(1), "mood": 5})
    migrate.STEPS[1] = Migration(1, "moods move into answers", _tags_to_list)
    with open_store(tmp_path) as store:
        (before_upgrade,) = backups.list_backups(store)
        backups.restore_backup(store, before_upgrade.name)
        assert store.get_entry(old["id"])["answers"] == {"n": 1, "mood": 5}
        assert migrate.stored_version(store) == 2


def test_a_backup_from_a_newer_version_is_not_restored(tmp_path: Path, one_step) -> None:
    with open_store(tmp_path) as store:
        store.save_entry(entry(1))
        made = backups.make_backup(store, "by-hand")
    migrate.STEPS.pop(1)  # now opened by an older workbook that knows only version 1
    store.folder.joinpath("format.json").unlink()
    with open_store(tmp_path) as store:
        with pytest.raises(StoreError, match="newer version"):
            backups.restore_backup(store, made.name)


def test_a_step_is_registered_once(monkeypatch) -> None:
    monkeypatch.setattr(migrate, "STEPS", {})
    migrate.register(1, "first")(lambda s: None)
    with pytest.raises(ValueError):
        migrate.register(1, "again")(lambda s: None)
    assert migrate.current_version() == 2
