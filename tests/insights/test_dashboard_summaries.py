"""Month summaries in a real store: kept up to date on save, rebuilt only when missing or
stale (an import, a deletion, a damaged file), the same after a restart."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from workbook.insights import summaries as summaries_module
from workbook.insights.dashboard import all_scores, latest_plan, merged_days
from workbook.insights.summaries import TABLE, fresh_summaries, note_saved, trend_sentence
from workbook.store.memory import MemoryStore
from workbook.store.profile import open_store

NOW = datetime.now().astimezone().replace(microsecond=0)


def record(days_ago: int = 0, category: str = "grounding", **answers) -> dict:
    when = (NOW - timedelta(days=days_ago)).isoformat()
    return {"exercise_id": "five-senses" if category == "grounding" else "x", "exercise_title": "X",
            "category": category, "started_at": when, "finished_at": when,
            "answers": answers or {"distress_before": 7, "distress_after": 4}, "score": None}


@pytest.fixture
def rebuilt(monkeypatch) -> list[str]:
    """The months summarised from their entries, in order."""
    months: list[str] = []
    original = summaries_module.summarise_month

    def counting(store, month):
        months.append(month)
        return original(store, month)

    monkeypatch.setattr(summaries_module, "summarise_month", counting)
    return months


def sessions(summaries) -> int:
    return sum(int(counts.get("g", [0])[0]) for counts in merged_days(summaries).values())


def test_a_save_keeps_its_month_fresh_and_nothing_is_read_again(tmp_path: Path, rebuilt) -> None:
    with open_store(tmp_path) as store:
        saved = store.save_entry(record())
        note_saved(store, saved)
        assert rebuilt == [saved["id"][:7]]
        rebuilt.clear()
        assert sessions(fresh_summaries(store)) == 1
        assert rebuilt == [], "a fresh summary is used as it is"
    with open_store(tmp_path) as store:  # after a restart
        assert sessions(fresh_summaries(store)) == 1
        assert rebuilt == []


def test_entries_saved_without_the_hook_are_found_and_only_their_month_is_read(tmp_path: Path, rebuilt) -> None:
    with open_store(tmp_path) as store:
        old = store.import_entries([record(70), record(71)])
        note_saved(store, store.save_entry(record()))
        rebuilt.clear()
        first = fresh_summaries(store)
        assert sessions(first) == 3
        imported = sorted({i[:7] for i in old}, reverse=True)
        assert rebuilt == imported, "the imported month was missing, so it is built; the fresh one is not"
        rebuilt.clear()
        store.import_entries([record(0)])  # an import into a month that was fresh
        assert sessions(fresh_summaries(store)) == 4
        assert rebuilt == [NOW.strftime("%Y-%m")]


def test_a_deletion_is_noticed(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        first = store.save_entry(record())
        note_saved(store, first)
        note_saved(store, store.save_entry(record()))
        store.delete_entry(first["id"])  # a deletion elsewhere, without the hook
        assert sessions(fresh_summaries(store)) == 1


def test_a_month_with_nothing_left_is_dropped(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        (old,) = store.import_entries([record(70)])
        fresh_summaries(store)
        assert store.table(TABLE).get(old[:7]) is not None
        entries_file = store.monthly("entries").folder / f"{old[:7]}.json"
    entries_file.unlink()  # as a restore of an older copy might leave it
    with open_store(tmp_path) as store:
        assert fresh_summaries(store) == []
        assert store.table(TABLE).get(old[:7]) is None


def test_a_damaged_summary_file_is_rebuilt_and_nothing_is_lost(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        note_saved(store, store.save_entry(record()))
        folder = store.folder
    (folder / f"{TABLE}.json").write_text("{ not json", encoding="utf-8")
    with open_store(tmp_path) as store:
        assert sessions(fresh_summaries(store)) == 1
        assert len(store.entries()) == 1


def test_an_encrypted_profile_keeps_summaries_too(tmp_path: Path) -> None:
    with open_store(tmp_path, "default", "a long passphrase") as store:
        note_saved(store, store.save_entry(record()))
        folder = store.folder
    assert b"distress" not in (folder / f"{TABLE}.json").read_bytes(), "summaries are encrypted like the rest"
    with open_store(tmp_path, "default", "a long passphrase") as store:
        assert sessions(fresh_summaries(store)) == 1


def test_guest_mode_summarises_from_memory_and_writes_nothing() -> None:
    store = MemoryStore()
    saved = store.save_entry(record())
    note_saved(store, saved)
    assert sessions(fresh_summaries(store)) == 1
    store.save_entry(record())  # no hook at all
    assert sessions(fresh_summaries(store)) == 2


def test_the_hook_never_raises() -> None:
    class Broken:
        folder = Path("/nowhere")

        def monthly(self, name):
            raise OSError("disk gone")

    note_saved(Broken(), {"id": "2026-11-abc"})
    note_saved(Broken(), {})
    assert trend_sentence(Broken(), "weekly-check-in") == ""


def test_scores_and_the_safety_plan_come_through(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        for days_ago, total in ((14, 10), (7, 12)):
            saved = store.save_entry(record(days_ago, "check-in") | {
                "exercise_id": "weekly-check-in", "score": {"total": total, "band": "a mixed week"}})
            note_saved(store, saved)
        plan = store.save_entry(record(1, "safety") | {"exercise_id": "safety-plan"})
        note_saved(store, plan)
        summaries = fresh_summaries(store)
        assert [s[3] for s in all_scores(summaries)] == [10, 12]
        assert latest_plan(summaries)["id"] == plan["id"]
        assert trend_sentence(store, "weekly-check-in") == (
            "Your total before this one was 10. This one is 12, 2 higher than last time.")


def test_the_page_can_show_first_and_keep_rebuilt_summaries_after(tmp_path: Path) -> None:
    from workbook.insights.summaries import keep_summaries, load_dashboard

    with open_store(tmp_path) as store:
        (old,) = store.import_entries([record(70)])
        inputs = load_dashboard(store, defer_writes=True)
        assert sessions(inputs.summaries) == 1
        assert [month for month, _ in inputs.pending] == [old[:7]]
        assert store.table(TABLE).get(old[:7]) is None, "nothing written yet"
        keep_summaries(store, inputs.pending)
        assert store.table(TABLE).get(old[:7]) is not None and inputs.pending == []

        later = load_dashboard(store, defer_writes=True)
        assert later.pending == [], "fresh now"
        store.import_entries([record(70)])  # the month changes before the pending one is kept
        stale = [(old[:7], {"fp": [0, 0, 0], "days": {}})]
        keep_summaries(store, stale)
        assert store.table(TABLE).get(old[:7])["fp"] != [0, 0, 0], "an out-of-date summary is not kept"
