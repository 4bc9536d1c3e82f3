"""Round trip: export JSON, import into an empty profile, export again: the same content."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from workbook.store.memory import MemoryStore
from workbook.store.profile import open_store
from workbook.transfer.exporting import render_export
from workbook.transfer.jsondoc import apply_plan, parse_document
from workbook.transfer.selection import Selection

from .generated import TRICKY, exercise, make_entries

PASSPHRASE = "a long enough passphrase"


def fill(store: Any, tmp_path: Path) -> int:
    """Every step type, two versions of the exercise, and other kinds of data beside entries."""
    entries = make_entries(exercise(tmp_path), 60)
    older = make_entries(
        exercise(tmp_path, version=1, prompt="What went on?"), 5, seed=2,
        start=datetime(2025, 6, 1, 8, 0, tzinfo=timezone(timedelta(hours=-5))),
    )
    store.import_entries(entries + older)
    store.save_draft({"exercise_id": "every-step", "answers": {"what": TRICKY[0]}, "step": "what",
                      "started_at": "2026-03-01T10:00:00+01:00", "saved_at": "2026-03-01T10:01:00+01:00"})
    store.set_setting("theme", "calm")
    store.set_setting("reduced_motion", True)
    store.table("goals").put("g-1", {"title": "Walk 🚶 every day", "target": 3, "steps": ["shoes", "door"]})
    store.monthly("checkins").insert_many([
        {"id": "2026-02-0001", "goal": "g-1", "finished_at": "2026-02-03T08:00:00+01:00", "note": TRICKY[1]},
        {"id": "2026-03-0002", "goal": "g-1", "finished_at": "2026-03-03T08:00:00+01:00", "note": "x" * 20_000},
    ])
    return len(entries) + len(older)


def json_export(store: Any) -> dict[str, Any]:
    rendered = render_export(store, "json", Selection(include_private=True))
    return json.loads(rendered.data)


def without_time(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "exported_at"}


def test_export_import_export_gives_the_same_content(tmp_path: Path) -> None:
    with open_store(tmp_path / "here", "sam") as store:
        count = fill(store, tmp_path)
        first_bytes = render_export(store, "json", Selection(include_private=True)).data
    first = json.loads(first_bytes)
    assert len(first["entries"]) == count
    assert {e["step_types"].get("pause") for e in first["entries"]} >= {"timer"}
    kinds = {kind for e in first["entries"] for kind in e["step_types"].values()}
    assert kinds == {"scale", "text", "choice", "multi-choice", "list", "checklist", "timer", "breathing"}
    assert any(e["private"] for e in first["entries"])
    assert set(first["tables"]) == {"drafts", "settings", "goals"}
    assert set(first["monthly"]) == {"checkins"}

    with open_store(tmp_path / "there", "sam") as fresh:
        report = apply_plan(fresh, parse_document(first_bytes))
        assert report.added == count and report.already_here == 0
        second = json_export(fresh)
    assert without_time(second) == without_time(first)
    # Exactly the same bytes, too, once the export time is the same.
    second["exported_at"] = first["exported_at"]
    assert json.dumps(second, ensure_ascii=False, indent=2) + "\n" == first_bytes.decode("utf-8")


def test_importing_the_same_file_twice_adds_nothing_the_second_time(tmp_path: Path) -> None:
    with open_store(tmp_path / "here") as store:
        fill(store, tmp_path)
        data = render_export(store, "json", Selection(include_private=True)).data
    with open_store(tmp_path / "there") as other:
        apply_plan(other, parse_document(data))
        once = json_export(other)
        again = apply_plan(other, parse_document(data))
        assert again.added == 0 and again.other_added == 0
        assert again.already_here == len(once["entries"])
        assert without_time(json_export(other)) == without_time(once)


def test_import_merges_with_what_is_already_there(tmp_path: Path) -> None:
    with open_store(tmp_path / "here") as store:
        fill(store, tmp_path)
        data = render_export(store, "json", Selection(include_private=True)).data
    with open_store(tmp_path / "there") as other:
        mine = other.save_entry({"exercise_id": "mine", "finished_at": "2026-02-10T10:00:00+00:00",
                                 "answers": {"a": "my own"}})
        other.set_setting("theme", "textual-dark")  # what is here wins over the file
        report = apply_plan(other, parse_document(data))
        assert other.get_entry(mine["id"])["answers"] == {"a": "my own"}
        assert other.get_setting("theme") == "textual-dark"
        assert other.get_setting("reduced_motion") is True
        assert report.other_kept == 1
        assert len(other.entries()) == report.added + 1


def test_encrypted_profile_round_trips_into_a_plain_one_and_back(tmp_path: Path) -> None:
    with open_store(tmp_path / "locked", "sam", PASSPHRASE) as store:
        fill(store, tmp_path)
        first = json_export(store)
    data = json.dumps(first).encode()
    with open_store(tmp_path / "plain", "sam") as plain:
        apply_plan(plain, parse_document(data))
        middle = json_export(plain)
    with open_store(tmp_path / "locked-again", "sam", PASSPHRASE) as again:
        apply_plan(again, parse_document(json.dumps(middle).encode()))
        last = json_export(again)
    assert without_time(middle) == without_time(first) == without_time(last)


def test_guest_mode_round_trips_in_memory(tmp_path: Path) -> None:
    with open_store(tmp_path / "here", "guest") as store:
        fill(store, tmp_path)
        first = json_export(store)
    guest = MemoryStore()
    apply_plan(guest, parse_document(json.dumps(first).encode()))
    assert without_time(json_export(guest)) == without_time(first)


def test_a_filtered_export_carries_only_its_entries_and_still_imports(tmp_path: Path) -> None:
    with open_store(tmp_path / "here") as store:
        fill(store, tmp_path)
        rendered = render_export(store, "json", Selection(exercises=frozenset({"every-step"}), include_private=False))
    document = json.loads(rendered.data)
    assert document["complete"] is False and "tables" not in document
    assert document["entries"] and not any(e["private"] for e in document["entries"])
    with open_store(tmp_path / "there") as other:
        assert apply_plan(other, parse_document(rendered.data)).added == len(document["entries"])
