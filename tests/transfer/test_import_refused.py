"""A bad or foreign file gets one clear sentence, and changes nothing at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbook.store.profile import open_store
from workbook.transfer.exporting import render_export
from workbook.transfer.jsondoc import EXPORT_VERSION, ImportRefused, apply_plan, parse_document, read_plan
from workbook.transfer.selection import Selection

from .generated import exercise, make_entries


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def good_export(tmp_path: Path) -> dict:
    with open_store(tmp_path / "source") as store:
        store.import_entries(make_entries(exercise(tmp_path), 12))
        store.set_setting("theme", "calm")
        return json.loads(render_export(store, "json", Selection(include_private=True)).data)


def spoiled(good: dict, how: str) -> bytes:
    doc = json.loads(json.dumps(good))
    if how == "not json":
        return b'{"format": "workbook-export", "entries": ['
    if how == "not utf-8":
        return b"\xff\xfe\x00garbage"
    if how == "foreign":
        return json.dumps({"notes": ["a note from another app"]}).encode()
    if how == "a list":
        return b"[1, 2, 3]"
    if how == "newer":
        doc["version"] = EXPORT_VERSION + 1
    elif how == "no entries":
        del doc["entries"]
    elif how == "last entry broken":  # every good entry before it must not be written either
        doc["entries"][-1]["answers"] = "not a mapping"
    elif how == "bad id":
        doc["entries"][3]["id"] = "someday-abc"
    elif how == "impossible month":
        doc["entries"][3]["id"] = "2026-13-abc"
    elif how == "no exercise":
        del doc["entries"][5]["exercise_id"]
    elif how == "bad table name":
        doc["tables"]["../meta"] = [{"key": "x", "value": 1}]
    elif how == "reserved table":
        doc["tables"]["meta"] = [{"key": "format", "value": 99}]
    elif how == "bad table rows":
        doc["tables"]["settings"] = [{"value": "no key"}]
    elif how == "bad monthly record":
        doc["monthly"] = {"checkins": [{"id": "2026-01-a"}, {"no": "id"}]}
    return json.dumps(doc).encode()


CASES = [
    "not json", "not utf-8", "foreign", "a list", "newer", "no entries", "last entry broken", "bad id",
    "impossible month", "no exercise", "bad table name", "reserved table", "bad table rows", "bad monthly record",
]


@pytest.mark.parametrize("how", CASES)
def test_a_bad_file_is_refused_and_every_file_stays_byte_identical(tmp_path: Path, good_export: dict, how: str) -> None:
    target = tmp_path / "data"
    with open_store(target) as store:
        store.save_entry({"exercise_id": "mine", "finished_at": "2026-02-10T10:00:00+00:00", "answers": {"a": "x"}})
        store.save_draft({"exercise_id": "mine", "answers": {}})
    before = snapshot(target)
    bad = tmp_path / "bad.json"
    bad.write_bytes(spoiled(good_export, how))
    with pytest.raises(ImportRefused) as caught:
        plan = read_plan(bad)
        with open_store(target) as store:  # never reached: the file is checked before the profile opens
            apply_plan(store, plan)
    message = str(caught.value)
    assert "\n" not in message and message.endswith("nothing was imported.") and len(message) < 240
    assert snapshot(target) == before


def test_newer_export_says_to_update(good_export: dict) -> None:
    with pytest.raises(ImportRefused, match="newer version of the workbook"):
        parse_document(spoiled(good_export, "newer"))


def test_a_missing_file_and_a_folder_are_one_sentence_each(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match="There is no file"):
        read_plan(tmp_path / "nowhere.json")
    with pytest.raises(ImportRefused, match="is a folder"):
        read_plan(tmp_path)


def test_an_entry_without_id_gets_the_same_id_every_time(tmp_path: Path) -> None:
    document = {"format": "workbook-export", "version": 1, "entries": [
        {"exercise_id": "by-hand", "finished_at": "2026-04-02T10:00:00+02:00", "answers": {"a": "written elsewhere"}},
    ]}
    data = json.dumps(document).encode()
    with open_store(tmp_path) as store:
        assert apply_plan(store, parse_document(data)).added == 1
        assert apply_plan(store, parse_document(data)).added == 0
        (entry,) = store.entries()
        assert entry["id"].startswith("2026-04-")
