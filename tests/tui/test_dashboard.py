"""The progress page on hand-made data: opened with its key, the sentences state the right
numbers, the range switch changes them, and a new entry shows on return."""

from __future__ import annotations

from datetime import datetime, timedelta

from workbook.insights.summaries import note_saved
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.dashboard import DashboardScreen, PanelView, sparkline
from workbook.tui.screens.help import HelpScreen

from .helpers import SIZE, wait_for

NOW = datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)


def record(days_ago: int, category: str, exercise_id: str, answers: dict, score: dict | None = None) -> dict:
    when = (NOW - timedelta(days=days_ago)).isoformat()
    return {"exercise_id": exercise_id, "exercise_title": "Weekly check-in" if score else exercise_id,
            "category": category, "started_at": when, "finished_at": when, "answers": answers,
            "step_types": {k: "scale" for k in answers}, "score": score, "tags": [], "private": False}


def hand_made(store) -> None:
    """Grounding 8->5 and 6->4 and a journal entry (intensity 6) this month, through the
    save hook; an older journal entry (intensity 9, 50 days ago) imported without it; two
    check-in totals, 12 then 15."""
    for entry in (
        record(1, "grounding", "five-senses", {"distress_before": 8, "distress_after": 5}),
        record(3, "grounding", "five-senses", {"distress_before": 6, "distress_after": 4}),
        record(2, "journaling", "trigger-journal", {"intensity": 6}),
        record(20, "check-in", "weekly-check-in", {}, {"total": 12, "band": "a mixed week"}),
        record(6, "check-in", "weekly-check-in", {}, {"total": 15, "band": "a mixed week"}),
    ):
        note_saved(store, store.save_entry(entry))
    store.import_entries([record(50, "journaling", "trigger-journal", {"intensity": 9})])


async def open_progress(pilot) -> DashboardScreen:
    await pilot.press("p")
    screen = pilot.app.screen
    assert isinstance(screen, DashboardScreen)
    await wait_for(pilot, lambda: screen.shown_range == screen.range_key, what="the panels")
    return screen


def sentence(screen: DashboardScreen, key: str) -> str:
    return screen.query_one(f"#panel-{key}", PanelView).sentence


async def test_the_sentences_state_the_right_numbers(fixture_catalog, store_factory) -> None:
    store = store_factory()
    hand_made(store)
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(pilot)
        assert sentence(screen, "grounding") == (
            "You did 2 grounding exercises in the last 4 weeks. In the 2 rated before and after, "
            "your distress averaged 7 before and 4.5 after (2.5 points lower).")
        assert sentence(screen, "intensity") == (
            "You rated how strong it felt in 1 journal entry in the last 4 weeks: 6 out of 10 on average "
            "(9 in the 4 weeks before).")
        assert sentence(screen, "journaling") == (
            "You wrote 1 journal entry in the last 4 weeks, about 0.2 a week (1 in the 4 weeks before).")
        assert sentence(screen, "checkins") == (
            "Weekly check-in: 2 totals in the last 4 weeks; the latest is 15 (a mixed week), "
            "3 higher than the one before (12).")
        assert "Progress" in [c.title for c in app.get_system_commands(screen)], "also in the palette"
        panel = screen.query_one("#panel-grounding", PanelView)
        assert "distress averaged 7 before" in str(panel.render()), "the sentence is on screen"
        assert "┤" in str(panel.render()), "with its chart"

        await pilot.press("2")  # 3 months: the imported entry from 50 days ago counts now
        await wait_for(pilot, lambda: screen.shown_range == "3m", what="the 3-month panels")
        assert sentence(screen, "intensity") == (
            "You rated how strong it felt in 2 journal entries in the last 3 months: 7.5 out of 10 on average.")
        assert sentence(screen, "journaling").startswith("You wrote 2 journal entries in the last 3 months")

        await pilot.click("#dash-range", offset=(38, 0))  # " 4 all ", by mouse
        await wait_for(pilot, lambda: screen.shown_range == "all", what="everything")
        assert sentence(screen, "grounding").startswith("You did 2 grounding exercises since your first entry.")


async def test_an_entry_saved_meanwhile_shows_on_return(fixture_catalog, store_factory) -> None:
    store = store_factory()
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(pilot)
        assert sentence(screen, "grounding") == "No grounding exercises in the last 4 weeks."
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        note_saved(store, store.save_entry(record(0, "grounding", "calm-feet",
                                                  {"distress_before": 9, "distress_after": 6})))
        await pilot.press("escape")
        await wait_for(pilot, lambda: sentence(screen, "grounding").startswith("You did 1"), what="the new entry")
        assert sentence(screen, "grounding").endswith("went from 9 to 6 (3 points lower).")


async def test_a_problem_reading_is_said_in_plain_words(fixture_catalog, store_factory, monkeypatch) -> None:
    from workbook.insights import summaries
    from workbook.store.base import StoreError

    def broken(store, **options):
        raise StoreError("The file holding your entries could not be read.")

    monkeypatch.setattr(summaries, "load_dashboard", broken)
    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        screen = app.screen
        problem = screen.query_one("#dash-problem")
        await wait_for(pilot, lambda: problem.display, what="the message")
        assert "could not be worked out just now" in str(problem.render())
        await pilot.press("f2")  # crisis help still one key away
        assert type(app.screen).__name__ == "CrisisScreen"


def test_sparkline_text() -> None:
    assert sparkline([0, 5, 10], 0, 10) == "▁▅█"
    assert sparkline([3, 3]) == "▁▁"
    assert sparkline([]) == ""
