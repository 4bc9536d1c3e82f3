"""The weekly check-in in the full-screen workbook: a non-zero safety answer opens crisis help
at once even with the lowest total, and the total shows its band and its trend."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.widgets import RadioSet

from workbook.content.catalog import load_catalog
from workbook.insights.summaries import note_saved
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.completion import CompletionScreen
from workbook.tui.screens.crisis import CrisisScreen
from workbook.tui.screens.exercise import ExerciseScreen

from .helpers import SIZE, open_from_home, press_next, screen_text, wait_for

LOWEST = {"calm": "Not at all", "overwhelmed": "Nearly all the time", "sleep": "Not at all",
          "connected": "Not at all", "on_edge": "Nearly all the time", "handled": "Not at all"}


async def at_step(pilot, step_id: str, answers: dict) -> ExerciseScreen:
    """The check-in open at `step_id`, with `answers` already given (as a returning draft would)."""
    await open_from_home(pilot, "weekly-check-in")
    screen = pilot.app.screen
    assert isinstance(screen, ExerciseScreen)
    screen.run.answers.update(answers)
    screen.run.position = [s.id for s in screen.run.exercise.steps].index(step_id)
    await screen.show_step()
    return screen


async def test_a_safety_answer_opens_crisis_help_even_with_the_lowest_total(store_factory) -> None:
    app = WorkbookApp(store_factory(), load_catalog())
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_step(pilot, "safety", LOWEST)
        assert screen.run.score().total == 0
        screen.query_one(RadioSet).focus()
        await pilot.press("down", "enter")  # "Once or twice": the smallest answer above "No"
        await press_next(pilot)
        assert isinstance(app.screen, CrisisScreen), "crisis help comes first"
        await pilot.press("escape")
        assert app.screen is screen and screen.run.current.id == "note", "the check-in waits where it was"
        assert app.store.get_draft("weekly-check-in")["answers"]["safety"] == "Once or twice"


async def test_no_crisis_screen_for_no(store_factory) -> None:
    app = WorkbookApp(store_factory(), load_catalog())
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_step(pilot, "safety", LOWEST)
        screen.query_one(RadioSet).focus()
        await pilot.press("enter")  # "No"
        await press_next(pilot)
        assert app.screen is screen


async def test_the_total_shows_its_band_and_its_trend(store_factory) -> None:
    store = store_factory()
    earlier = (datetime.now().astimezone() - timedelta(days=7)).isoformat(timespec="seconds")
    note_saved(store, store.save_entry({
        "exercise_id": "weekly-check-in", "exercise_title": "Weekly check-in", "category": "check-in",
        "started_at": earlier, "finished_at": earlier, "answers": {}, "score": {"total": 12, "band": "a mixed week"},
    }))
    app = WorkbookApp(store, load_catalog())
    async with app.run_test(size=SIZE) as pilot:
        every_often = {k: "Often" for k in LOWEST} | {"overwhelmed": "Rarely", "on_edge": "Rarely"}  # 18
        await at_step(pilot, "note", every_often | {"safety": "No"})
        await press_next(pilot)  # Finish
        assert isinstance(app.screen, CompletionScreen)
        trend = app.screen.query_one("#score-trend")
        await wait_for(pilot, lambda: trend.display, what="the trend")
        text = screen_text(app)
        assert "Your total: 18" in text and "a lighter week" in text
        assert "not a diagnosis" in text
        assert "Your total before this one was 12. This one is 18, 6 higher than last time." in text
