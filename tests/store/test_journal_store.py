"""The journal's store pieces: reading everything without copies, edits that keep the
original as a revision, and deletes that can be undone (on disk and in guest mode)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.store.base import StoreError
from workbook.store.memory import MemoryStore
from workbook.store.profile import open_store
from workbook.store.revisions import (
    get_edit_draft,
    revisions_of,
    save_edit,
    save_edit_draft,
)
from workbook.store.trash import let_go, move_to_trash, undo, waiting


@pytest.fixture(params=["disk", "memory"])
def store(request, tmp_path: Path):
    store = open_store(tmp_path / "data") if request.param == "disk" else MemoryStore()
    yield store
    store.close()


def _entry(day: str, text: str) -> dict:
    return {"exercise_id": "trigger-journal", "started_at": f"{day}T09:00:00+01:00",
            "finished_at": f"{day}T09:10:00+01:00", "answers": {"trigger": text}, "tags": []}


def test_scan_reads_every_record_newest_first_without_copies(store) -> None:
    for day, text in [("2026-01-05", "a"), ("2026-03-01", "c"), ("2026-01-20", "b")]:
        store.save_entry(_entry(day, text))
    table = store.monthly("entries")
    assert [r["answers"]["trigger"] for r in table.scan()] == ["c", "b", "a"]
    assert [r["answers"]["trigger"] for r in table.scan("2026-01")] == ["b", "a"]
    assert list(table.scan("1999-01")) == []
    first = next(table.scan())
    assert next(table.scan()) is first, "scan hands out the cached record, not a copy"
    assert table.get(first["id"]) is not first, "get still copies"


def test_changes_move_on_for_the_month_written_only(store) -> None:
    a = store.save_entry(_entry("2026-01-05", "a"))
    store.save_entry(_entry("2026-03-01", "c"))
    table = store.monthly("entries")
    before = table.changes()
    assert set(before) == {"2026-01", "2026-03"}
    store.replace_entry({**a, "answers": {"trigger": "changed"}})
    after = table.changes()
    assert after["2026-01"] > before["2026-01"] and after["2026-03"] == before["2026-03"]
    store.save_entry(_entry("2026-02-02", "new month"))
    assert set(table.changes()) == {"2026-01", "2026-02", "2026-03"}
    table.close()  # closed and reopened (a passphrase switch does this): every month moves on
    reopened = table.changes()
    assert all(reopened[m] > after.get(m, 0) for m in ("2026-01", "2026-03"))


def test_an_edit_keeps_the_original_as_a_revision(store) -> None:
    saved = store.save_entry(_entry("2026-01-05", "the bus was late"))
    first = save_edit(store, {**saved, "answers": {"trigger": "the bus was very late"}}, saved_at="2026-02-01T10:00:00+00:00")
    assert first["answers"]["trigger"] == "the bus was very late"
    assert first["edited_at"] == "2026-02-01T10:00:00+00:00" and first["revisions"] == 1
    second = save_edit(store, {**first, "answers": {"trigger": "late again"}}, saved_at="2026-03-01T10:00:00+00:00")
    assert second["revisions"] == 2
    assert store.get_entry(saved["id"])["answers"]["trigger"] == "late again"
    versions = revisions_of(store, saved["id"])
    assert [v["entry"]["answers"]["trigger"] for v in versions] == ["the bus was very late", "the bus was late"]
    assert versions[1]["entry"] == saved, "the original is kept exactly"
    assert versions[0]["saved_at"] == "2026-03-01T10:00:00+00:00"
    assert len(store.entries()) == 1


def test_edits_within_one_second_keep_their_order(store) -> None:
    """saved_at has whole seconds: the versions are ordered by their number, not by chance."""
    saved = store.save_entry(_entry("2026-01-05", "version 0"))
    current = saved
    for n in range(1, 8):
        current = save_edit(store, {**current, "answers": {"trigger": f"version {n}"}}, saved_at="2026-02-01T10:00:00+00:00")
    assert [v["entry"]["answers"]["trigger"] for v in revisions_of(store, saved["id"])] == [
        f"version {n}" for n in range(6, -1, -1)]


def test_an_edit_of_a_missing_entry_changes_nothing(store) -> None:
    with pytest.raises(StoreError):
        save_edit(store, {"id": "2026-01-nothere", "answers": {}})
    assert list(store.monthly("revisions").scan()) == []


def test_saving_an_edit_clears_its_edit_draft(store) -> None:
    saved = store.save_entry(_entry("2026-01-05", "x"))
    save_edit_draft(store, saved["id"], {"answers": {"trigger": "half-typed"}})
    assert get_edit_draft(store, saved["id"])["answers"] == {"trigger": "half-typed"}
    save_edit(store, {**saved, "answers": {"trigger": "y"}})
    assert get_edit_draft(store, saved["id"]) is None


def test_delete_then_undo_brings_back_the_entry_its_versions_and_its_edit(store) -> None:
    saved = store.save_entry(_entry("2026-01-05", "the original"))
    edited = save_edit(store, {**saved, "answers": {"trigger": "edited"}})
    save_edit_draft(store, saved["id"], {"answers": {"trigger": "unsaved"}})
    other = store.save_entry(_entry("2026-01-06", "another"))

    trash_id = move_to_trash(store, saved["id"])
    assert store.get_entry(saved["id"]) is None
    assert [e["id"] for e in store.entries()] == [other["id"]]
    assert revisions_of(store, saved["id"]) == [] and get_edit_draft(store, saved["id"]) is None
    assert [key for key, _ in waiting(store)] == [trash_id]

    back = undo(store, trash_id)
    assert back == edited
    assert store.get_entry(saved["id"]) == edited
    assert [r["entry"]["answers"]["trigger"] for r in revisions_of(store, saved["id"])] == ["the original"]
    assert get_edit_draft(store, saved["id"])["answers"] == {"trigger": "unsaved"}
    assert waiting(store) == []
    with pytest.raises(StoreError):
        undo(store, trash_id)


def test_letting_go_forgets_the_deleted_entry(store) -> None:
    saved = store.save_entry(_entry("2026-01-05", "gone"))
    save_edit(store, {**saved, "answers": {"trigger": "gone for good"}})
    trash_id = move_to_trash(store, saved["id"])
    let_go(store, trash_id)
    assert waiting(store) == [] and store.entries() == []
    assert list(store.monthly("revisions").scan()) == []
    with pytest.raises(StoreError):
        move_to_trash(store, saved["id"])


def test_a_delete_survives_a_restart_in_the_trash(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with open_store(data) as store:
        saved = store.save_entry(_entry("2026-01-05", "kept safe"))
        trash_id = move_to_trash(store, saved["id"])
    # The app stopped before the undo moment was over: the entry is still there to bring back.
    with open_store(data) as store:
        assert [key for key, _ in waiting(store)] == [trash_id]
        assert undo(store, trash_id)["answers"]["trigger"] == "kept safe"
    with open_store(data) as store:
        assert store.entries()[0]["answers"]["trigger"] == "kept safe"
        assert waiting(store) == []


def test_letting_go_never_removes_an_entry_that_is_still_there(store) -> None:
    # As after a crash half-way through a delete: in the trash and still among the entries.
    saved = store.save_entry(_entry("2026-01-05", "both places"))
    store.table("trash").put("2026-01-x", {"deleted_at": "2026-01-05T10:00:00+00:00", "entry": saved,
                                          "revisions": [], "edit_draft": None})
    let_go(store, "2026-01-x")
    assert store.get_entry(saved["id"]) == saved


def test_a_read_overtaken_by_a_write_is_not_kept(store, monkeypatch) -> None:
    """As when the history's worker reads a month while the screen saves into it."""
    from workbook.store import tables

    first = store.save_entry(_entry("2026-01-05", "first"))
    table = store.monthly("entries")
    table._sorted.clear()  # nothing read yet
    real_when = tables.when
    written: list[dict] = []

    def when_with_a_write_in_the_middle(record, field="finished_at"):
        if not written:
            written.append({})
            written[0] = store.save_entry(_entry("2026-01-06", "written meanwhile"))
        return real_when(record, field)

    monkeypatch.setattr(tables, "when", when_with_a_write_in_the_middle)
    list(table.scan("2026-01"))  # this read started before the write
    monkeypatch.setattr(tables, "when", real_when)
    assert [r["answers"]["trigger"] for r in table.scan("2026-01")] == ["written meanwhile", "first"]
    assert table.get(written[0]["id"]) is not None and table.get(first["id"]) is not None
