"""The shared table API behaves the same on disk and in memory (guest mode)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.store.memory import MemoryStore
from workbook.store.profile import open_store


@pytest.fixture(params=["disk", "memory"])
def store(request, tmp_path: Path):
    store = open_store(tmp_path / "data") if request.param == "disk" else MemoryStore()
    yield store
    store.close()


def test_keyed_table_put_get_delete(store) -> None:
    goals = store.table("goals")
    goals.put("g1", {"what": "in bed by 11"})
    goals.put("g2", {"what": "three meals"})
    goals.put("g1", {"what": "in bed by 11:30"})
    assert goals.get("g1") == {"what": "in bed by 11:30"}
    assert sorted(k for k, _ in goals.items()) == ["g1", "g2"]
    assert goals.delete("g2") and not goals.delete("g2")
    assert goals.get("g2", "none") == "none"


def test_monthly_table_orders_pages_and_finds(store) -> None:
    checkins = store.monthly("checkins")
    for n, day in enumerate(["2026-09-03", "2026-11-01", "2026-11-20", "2026-10-15"]):
        checkins.insert({"id": f"{day[:7]}-c{n}", "finished_at": f"{day}T08:00:00+00:00", "n": n})
    assert [r["n"] for r in checkins] == [2, 1, 3, 0]
    assert [r["n"] for r in checkins.page(1, 2)] == [1, 3]
    assert checkins.get("2026-10-c3")["n"] == 3
    assert checkins.replace({"id": "2026-10-c3", "finished_at": "2026-10-15T08:00:00+00:00", "n": 30})
    assert checkins.get("2026-10-c3")["n"] == 30
    assert checkins.delete("2026-10-c3") and checkins.get("2026-10-c3") is None
    assert checkins.insert_many([{"id": "2026-11-c1", "n": 1}, {"id": "2026-12-c9", "n": 9}]) == ["2026-12-c9"]
    with pytest.raises(ValueError):
        checkins.insert({"id": "no-month", "n": 0})


def test_entries_drafts_settings_work_alike(store) -> None:
    saved = store.save_entry({"exercise_id": "x", "finished_at": "2026-11-22T10:00:00+00:00", "answers": {"a": "b"}})
    assert saved["id"].startswith("2026-11-")
    assert store.entries() == [saved]
    store.save_draft({"exercise_id": "x", "answers": {}, "saved_at": "1"})
    assert store.drafts()[0]["exercise_id"] == "x"
    store.set_setting("theme", "calm")
    assert store.get_setting("theme") == "calm"


def test_guest_store_writes_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    store = MemoryStore()
    store.save_entry({"exercise_id": "x", "finished_at": "2026-11-22T10:00:00+00:00", "answers": {}})
    store.table("goals").put("g", {})
    store.monthly("checkins").insert({"id": "2026-11-x"})
    assert list(tmp_path.iterdir()) == []
    assert not Path("/nonexistent-guest-store").exists()
