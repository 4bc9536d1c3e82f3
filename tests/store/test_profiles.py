"""Profiles: the list, unlisted ones, one-person installs, removal, and the store thread."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from workbook.store.base import ProfileBusy, StoreError
from workbook.store.crypto import PassphraseNeeded, WrongPassphrase
from workbook.store.profile import open_store
from workbook.store.profiles import (
    STORE_THREAD,
    NoSuchProfile,
    ProfileExists,
    check_data_dir,
    clean_name,
    create_profile,
    find_profile,
    install_state,
    listed_profiles,
    open_profile,
    read_registry,
    remove_profile,
    set_just_me,
    unlisted_folder,
    verify_passphrase,
)

CANARY = "canary-lighthouse-7731"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    """Cheap scrypt for new profiles here; tests/store/test_crypto.py checks the real cost."""
    from workbook.store import crypto

    monkeypatch.setattr(crypto, "SCRYPT_N", 2**14)


def every_byte_under(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def entry(text: str = CANARY) -> dict:
    return {
        "exercise_id": "trigger-journal", "exercise_title": "Trigger journal", "category": "journaling",
        "started_at": "2026-11-01T10:00:00+00:00", "finished_at": "2026-11-01T10:09:00+00:00",
        "answers": {"what": text}, "prompts": {"what": "What happened?"}, "step_types": {"what": "text"},
    }


def test_names_are_tidied_and_bad_ones_refused() -> None:
    assert clean_name("  Sam   Lee ") == "Sam Lee"
    for bad in ("", "   ", "x" * 41, "---", "a\x07b"):
        with pytest.raises(StoreError):
            clean_name(bad)


def test_fresh_then_just_me_then_several(tmp_path: Path) -> None:
    assert install_state(tmp_path) == "fresh"
    open_profile(tmp_path, "default").close()
    assert install_state(tmp_path) == "just_me", "an install from before profiles had names"
    set_just_me(tmp_path)
    assert read_registry(tmp_path).just_me
    create_profile(tmp_path, "Sam").close()
    assert install_state(tmp_path) == "several"
    assert [r.name for r in listed_profiles(tmp_path)] == ["default", "Sam"]


def test_listed_profiles_keep_their_names_and_order(tmp_path: Path) -> None:
    for name in ("Zoë", "Alex", "sam lee"):
        create_profile(tmp_path, name).close()
    assert [r.name for r in listed_profiles(tmp_path)] == ["Zoë", "Alex", "sam lee"]
    assert find_profile(tmp_path, "ALEX").folder == "alex"
    assert find_profile(tmp_path, "Sam  Lee").name == "sam lee"
    with pytest.raises(ProfileExists):
        create_profile(tmp_path, "alex")
    with pytest.raises(ProfileExists):
        create_profile(tmp_path, "Default")
    assert (tmp_path / "profiles.json").stat().st_mode & 0o777 == 0o600


def test_an_unlisted_profile_is_in_no_list_and_its_folder_does_not_name_it(tmp_path: Path) -> None:
    create_profile(tmp_path, "Sam").close()
    store = create_profile(tmp_path, "Robin Hart", unlisted=True)
    store.save_entry(entry())
    assert store.profile == "Robin Hart"
    store.close()
    assert [r.name for r in listed_profiles(tmp_path)] == ["Sam"]
    folders = [p.name for p in (tmp_path / "profiles").iterdir()]
    assert sorted(folders) == sorted(["sam", unlisted_folder("Robin Hart")])
    registry_and_folders = (tmp_path / "profiles.json").read_text() + " ".join(folders)
    assert "robin" not in registry_and_folders.lower()
    ref = find_profile(tmp_path, "  robin HART ")
    assert ref is not None and not ref.listed
    with open_profile(tmp_path, "robin hart", create=False) as again:
        assert [e["answers"]["what"] for e in again.iter_entries()] == [CANARY]
    with pytest.raises(NoSuchProfile):
        open_profile(tmp_path, "Robin Hartt", create=False)


def test_an_unlisted_profiles_messages_use_its_name_not_its_folder(tmp_path: Path) -> None:
    create_profile(tmp_path, "Robin", "a passphrase", unlisted=True).close()
    with pytest.raises(PassphraseNeeded) as needed:
        open_profile(tmp_path, "robin")
    assert "'robin'" in str(needed.value) and "u-" not in str(needed.value)
    holder = open_profile(tmp_path, "Robin", "a passphrase")
    try:
        with pytest.raises(ProfileBusy) as busy:
            open_profile(tmp_path, "Robin", "a passphrase")
        assert "'Robin'" in str(busy.value) and "u-" not in str(busy.value)
    finally:
        holder.close()


def test_verify_passphrase_checks_the_key_in_memory(tmp_path: Path) -> None:
    store = open_profile(tmp_path, "Sam", "right one")
    try:
        assert verify_passphrase(store, "right one")
        assert not verify_passphrase(store, "wrong one")
        # A header swapped in on disk (someone else's passphrase) does not change the answer.
        other = open_store(tmp_path / "other", "x", "intruder")
        other.close()
        (store.folder / "meta.json").write_bytes((other.folder / "meta.json").read_bytes())
        assert not verify_passphrase(store, "intruder")
        assert verify_passphrase(store, "right one")
    finally:
        store.close()
    with open_profile(tmp_path, "plain one") as plain:
        assert verify_passphrase(plain, "anything"), "no passphrase: nothing to check"


def test_remove_destroys_key_material_and_leaves_nothing_readable(tmp_path: Path) -> None:
    create_profile(tmp_path, "Sam").close()
    store = create_profile(tmp_path, "Robin", "a passphrase")
    store.save_entry(entry())
    store.save_draft({"exercise_id": "x", "answers": {"a": CANARY}, "saved_at": "2026-11-01"})
    folder = store.folder
    meta = (folder / "meta.json").read_bytes()
    store.close()
    removed = remove_profile(tmp_path, "robin")
    assert removed.name == "Robin"
    assert not folder.exists()
    assert CANARY.encode() not in every_byte_under(tmp_path)
    assert meta not in every_byte_under(tmp_path), "the salt and key check are gone"
    assert [r.name for r in listed_profiles(tmp_path)] == ["Sam"]
    assert "Robin" not in json.dumps(read_registry(tmp_path).profiles, default=str)
    # The name can be used again, for a new and empty profile.
    with open_profile(tmp_path, "Robin") as fresh:
        assert fresh.entries() == [] and not fresh.encrypted


def test_remove_overwrites_meta_before_anything_else(tmp_path: Path, monkeypatch) -> None:
    from workbook.store import profiles

    store = create_profile(tmp_path, "Sam", "pp")
    store.save_entry(entry())
    store.close()
    order: list[str] = []
    real = profiles._overwrite_and_unlink
    monkeypatch.setattr(profiles, "_overwrite_and_unlink", lambda p: (order.append(p.name), real(p)))
    remove_profile(tmp_path, "Sam")
    assert order[0] == "meta.json" and len(order) > 1


def test_remove_an_unlisted_profile_and_refuse_an_open_one(tmp_path: Path) -> None:
    create_profile(tmp_path, "Robin", unlisted=True).close()
    holder = open_profile(tmp_path, "Robin")
    try:
        with pytest.raises(ProfileBusy):
            remove_profile(tmp_path, "robin")
        assert (tmp_path / "profiles" / unlisted_folder("Robin") / "meta.json").exists(), "nothing was touched"
    finally:
        holder.close()
    remove_profile(tmp_path, "robin")
    assert find_profile(tmp_path, "Robin") is None
    with pytest.raises(NoSuchProfile):
        remove_profile(tmp_path, "Robin")


def test_data_dir_problems_are_plain(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="not there.*USB stick"):
        check_data_dir(tmp_path / "stick" / "workbook")
    afile = tmp_path / "afile"
    afile.write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        check_data_dir(afile)
    assert check_data_dir(tmp_path / "new") == tmp_path / "new", "a new folder on an existing parent is fine"


def test_the_store_thread_takes_and_releases_the_lock_on_one_thread(tmp_path: Path) -> None:
    store = STORE_THREAD.run(open_profile, tmp_path, "Sam")
    seen = STORE_THREAD.run(threading.current_thread)
    assert seen is not threading.current_thread()
    with pytest.raises(ProfileBusy):
        open_profile(tmp_path, "Sam")
    STORE_THREAD.run(store.close)
    open_profile(tmp_path, "Sam").close()  # the lock really went


def test_wrong_passphrase_through_open_profile(tmp_path: Path) -> None:
    create_profile(tmp_path, "Sam", "right").close()
    with pytest.raises(WrongPassphrase):
        open_profile(tmp_path, "Sam", "wrong")
    assert os.listdir(tmp_path / "profiles" / "sam")
