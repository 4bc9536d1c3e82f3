"""Search and filters over generated entries whose right answers are known in advance."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

import pytest

from workbook.insights.fields import emotions_of, intensity_of, parse_tags, tags_of
from workbook.insights.search import Filters, SearchIndex, index_entry, search
from workbook.store.memory import MemoryStore

EMOTIONS = ["Anxious", "Sad", "Angry", "Lonely"]
TAGS = ["work", "family", "evening"]
EXERCISES = [("trigger-journal", "Trigger journal"), ("quick-log", "Log it now"), ("thought-record", "Thought record")]


def generated(count: int = 240, seed: int = 11) -> list[dict]:
    """Entries with a known feeling, tag, exercise, day and intensity each (newest first)."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, 8, 0, tzinfo=timezone(timedelta(hours=2)))
    entries = []
    for n in range(count):
        exercise_id, title = EXERCISES[n % 3]
        moment = start + timedelta(hours=29 * n)
        answers = {
            "trigger": f"note {n} " + rng.choice(["the bus", "a phone call", "the meeting"]),
            "feelings": [EMOTIONS[n % 4]],
            "intensity": n % 11,
        }
        if exercise_id == "thought-record":  # rated 0-100, read as tenths
            answers = {"situation": f"note {n}", "feeling": EMOTIONS[n % 4], "feeling_strength": (n % 11) * 10}
        entries.append({
            "id": f"{moment:%Y-%m}-{n:05d}",
            "exercise_id": exercise_id, "exercise_title": title,
            "started_at": moment.isoformat(), "finished_at": moment.isoformat(),
            "answers": answers, "tags": [TAGS[n % 3]] if n % 2 == 0 else [],
        })
    return list(reversed(entries))


def numbers(items) -> set[int]:
    return {int(item.id.rsplit("-", 1)[1]) for item in items}


@pytest.fixture(scope="module")
def items():
    return [index_entry(e) for e in generated()]


def test_every_word_must_appear_in_any_order_ignoring_case(items) -> None:
    found = search(items, Filters(text="BUS   note"))
    expected = {int(e["id"].rsplit("-", 1)[1]) for e in generated()
                if "the bus" in e["answers"].get("trigger", "")}
    assert numbers(found) == expected and expected
    assert numbers(search(items, Filters(text="note 17"))) >= {17}
    assert numbers(search(items, Filters(text="\"note 17\" zebra"))) == set()


def test_results_stay_newest_first(items) -> None:
    found = search(items, Filters(text="phone"))
    assert [i.id for i in found] == sorted((i.id for i in found), reverse=True)


def test_each_filter_on_its_own(items) -> None:
    all_numbers = set(range(240))
    assert numbers(search(items, Filters(exercise="quick-log"))) == {n for n in all_numbers if n % 3 == 1}
    assert numbers(search(items, Filters(emotion="sad"))) == {n for n in all_numbers if n % 4 == 1}
    assert numbers(search(items, Filters(tag="#Family"))) == {n for n in all_numbers if n % 2 == 0 and n % 3 == 1}
    assert numbers(search(items, Filters(min_intensity=9))) == {n for n in all_numbers if n % 11 >= 9}
    assert numbers(search(items, Filters(max_intensity=0))) == {n for n in all_numbers if n % 11 == 0}


def test_date_range_is_inclusive_and_uses_the_recorded_day(items) -> None:
    start = datetime(2025, 1, 1, 8, 0, tzinfo=timezone(timedelta(hours=2)))
    days = {n: (start + timedelta(hours=29 * n)).date() for n in range(240)}
    since, until = date(2025, 2, 1), date(2025, 2, 28)
    expected = {n for n, d in days.items() if since <= d <= until}
    assert numbers(search(items, Filters(since=since, until=until))) == expected and expected
    assert numbers(search(items, Filters(since=date(2030, 1, 1)))) == set()


def test_filters_combine(items) -> None:
    found = search(items, Filters(text="meeting", emotion="Angry", min_intensity=3, max_intensity=7,
                                  exercise="trigger-journal"))
    expected = {
        int(e["id"].rsplit("-", 1)[1]) for e in generated()
        if e["exercise_id"] == "trigger-journal" and "meeting" in e["answers"]["trigger"]
        and e["answers"]["feelings"] == ["Angry"] and 3 <= e["answers"]["intensity"] <= 7
    }
    assert numbers(found) == expected and expected


def test_no_filters_give_everything(items) -> None:
    assert not Filters().active and Filters(tag="x").active
    assert len(search(items, Filters())) == 240


def test_tricky_text_is_found_as_written() -> None:
    entry = {"id": "2026-01-a", "exercise_id": "x", "answers": {"note": "[bold]Grüße[/bold] 🙂 שלום\x07"}}
    item = index_entry(entry)
    for query in ["[bold]", "GRÜSSE", "🙂", "שלום", "\x07"]:
        assert search([item], Filters(text=query)), query


def test_fields_read_tags_feelings_and_intensity_from_every_kind_of_entry() -> None:
    entry = {"tags": ["Work", "#home"], "answers": {"tags": "work, evening; #Sleep ", "feelings": ["Sad"],
                                                    "feeling_other": "Restless.", "intensity": 6}}
    assert tags_of(entry) == ["Work", "home", "evening", "Sleep"]
    assert emotions_of(entry) == ["Sad", "Restless"]
    assert intensity_of(entry) == 6
    assert intensity_of({"answers": {"feeling_strength": 85}}) == 8.5
    assert intensity_of({"answers": {"intensity": "7"}}) is None
    assert parse_tags(" , ,") == []


class CountingTable:
    """A store table that notes which months the index reads."""

    def __init__(self, table) -> None:
        self.table, self.read = table, []

    def month_names(self):
        return self.table.month_names()

    def changes(self):
        return self.table.changes()

    def scan(self, month=None):
        self.read.append(month)
        return self.table.scan(month)


def test_the_index_reads_again_only_what_changed() -> None:
    store = MemoryStore()
    store.import_entries([{k: v for k, v in e.items() if k != "id"} for e in generated(30)])
    table = CountingTable(store.monthly("entries"))
    index = SearchIndex()
    index.refresh(table)
    assert len(index.items) == 30 and sorted(table.read) == sorted(table.month_names())
    assert index.items[0].record == store.entries()[0], "the entry is kept beside its index item"
    table.read.clear()
    assert index.up_to_date(table), "the history searches in place only when nothing is to be read"
    index.refresh(table)
    assert table.read == [], "nothing changed, nothing read"

    newest = store.entries()[0]
    store.replace_entry({**newest, "answers": {"trigger": "changed words"}})
    assert not index.up_to_date(table)
    index.refresh(table)
    assert index.up_to_date(table)
    assert table.read == [newest["id"][:7]], "only that month again"
    assert [i.id for i in index.find(Filters(text="changed words"))] == [newest["id"]]

    store.delete_entry(newest["id"])
    store.save_entry({**{k: v for k, v in generated(1)[0].items() if k != "id"},
                      "finished_at": "2031-01-01T10:00:00+00:00"})
    assert not index.up_to_date(table), "a month not seen before"
    store.delete_entry(store.entries()[0]["id"])
    index.refresh(table)
    assert index.find(Filters(text="changed words")) == [] and len(index.items) == 29
    assert index.up_to_date(table)
    assert index.emotions()[0] in EMOTIONS and set(index.tags()) <= set(TAGS)
    assert ("quick-log", "Log it now") in index.exercises()


def test_a_cancelled_refresh_stops_and_says_so() -> None:
    store = MemoryStore()
    store.import_entries([{k: v for k, v in e.items() if k != "id"} for e in generated(30)])
    index = SearchIndex()
    assert index.refresh(store.monthly("entries"), cancelled=lambda: True) is False
    assert not index.ready
