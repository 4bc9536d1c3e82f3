"""Your week beside its reflection; signs of progress as a trend with a sentence; breakthroughs."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from textual.widgets import OptionList, Sparkline

from workbook.content.catalog import load_catalog
from workbook.engine import Run
from workbook.goals import GoalBook, ManualClock, make_goal
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.entry import EntryScreen
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.screens.reflection import WeekScreen
from workbook.tui.screens.reflection_signs import SignsScreen

from .helpers import SIZE, screen_text, wait_for

CATALOG = load_catalog()
NOW = datetime(2026, 11, 22, 21, 0, tzinfo=timezone(timedelta(hours=1)))


def finish(store, exercise_id: str, answers: dict, finished_at: str) -> dict:
    run = Run(CATALOG.get(exercise_id))
    while not run.is_complete:
        run.answer(answers.get(run.current.id))
        run.next()
    return store.save_entry(run.record(finished_at=finished_at))


def app_with(store) -> WorkbookApp:
    app = WorkbookApp(store, CATALOG)
    app.goal_clock = ManualClock(NOW)
    return app


async def test_the_week_shows_its_own_data_beside_its_reflection(store_factory) -> None:
    store = store_factory()
    book = GoalBook(store, ManualClock(NOW))
    walk = book.save(make_goal("Walk", {"kind": "done"}, start="2026-11-16", clock=book.clock))
    book.save_checkins([(walk, date(2026, 11, d), d != 18) for d in range(16, 23)])
    finish(store, "five-senses", {"distress_before": 8, "distress_after": 5}, "2026-11-20T10:00:00+01:00")
    finish(store, "weekly-reflection", {"went_well": ["a long walk [with] Sam"], "focus": "sleep"},
           "2026-11-22T20:00:00+01:00")
    finish(store, "weekly-reflection", {"focus": "an earlier week"}, "2026-11-08T20:00:00+01:00")
    async with app_with(store).run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, WeekScreen) and pilot.app.screen.summary,
                       what="the week")
        text = screen_text(pilot.app)
        assert "16–22 November 2026 (this week)" in text
        assert "Walk: 6 of 7 days" in text
        assert "distress was 8 on average before and 5 after" in text
        assert "a long walk [with] Sam" in text and "sleep" in text  # the reflection, beside it
        await pilot.press("left", "left")
        await wait_for(pilot, lambda: pilot.app.screen.summary.monday == date(2026, 11, 2), what="two weeks back")
        assert "an earlier week" in screen_text(pilot.app)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExerciseScreen), what="the reflection")
        assert pilot.app.screen.run.exercise.id == "weekly-reflection"


async def test_signs_of_progress_show_a_trend_and_one_sentence(store_factory) -> None:
    store = store_factory()
    for day, words in (("2026-09-01", 2), ("2026-09-15", 3), ("2026-10-01", 6), ("2026-10-15", 7)):
        finish(store, "progress-signs", {"openness": 4, "words": words, "hard_topics": 4, "distress": 6, "coping": 3},
               f"{day}T10:00:00+01:00")
    finish(store, "breakthrough-log", {"kind": "A feeling I can finally name", "realisation": "It was [grief]"},
           "2026-10-20T10:00:00+01:00")
    async with app_with(store).run_test(size=SIZE) as pilot:
        pilot.app.action_signs()
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SignsScreen)
                       and any(o.option_count for o in pilot.app.screen.query("#breakthroughs").results(OptionList)),
                       what="the trend")
        text = screen_text(pilot.app)
        assert ("Across your 4 ratings since 1 September 2026, putting feelings into words has moved the most: "
                "it has gone up from 2.5 to 6.5.") in text
        assert list(pilot.app.screen.query_one("#spark-words", Sparkline).data) == [2, 3, 6, 7]
        assert "2 → 7" in text
        listing = pilot.app.screen.query_one("#breakthroughs", OptionList)
        assert "It was [grief]" in str(listing.get_option_at_index(0).prompt)
        listing.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, EntryScreen), what="the breakthrough")
        assert "It was [grief]" in screen_text(pilot.app)
