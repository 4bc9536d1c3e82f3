"""The patterns screen: each chart with its sentence, from a hand-made journal."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

from textual.widgets import Select

from workbook.insights.patterns import coping_sentence, emotions_sentence, moments, when_grid, when_sentence
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.history import HistoryScreen
from workbook.tui.screens.patterns import EMPTY, PatternsScreen

from .helpers import SIZE, screen_text, wait_for


def entry(day: date, hour: int, **answers) -> dict:
    moment = f"{day.isoformat()}T{hour:02d}:15:00+00:00"
    return {"exercise_id": "trigger-journal", "exercise_title": "Trigger journal", "started_at": moment,
            "finished_at": moment, "answers": answers, "tags": []}


# Six weeks ago and earlier, so "the last 30 days" holds none of them.
BASE = date.today() - timedelta(days=60)
BASE = BASE - timedelta(days=BASE.weekday())  # a Monday
JOURNAL = [
    entry(BASE, 20, trigger="Money worries", feelings=["Anxious"], intensity=8, coping=["Slow breathing"],
          intensity_after=5),
    entry(BASE + timedelta(days=7), 21, trigger="money worries", feelings=["Anxious", "Sad"], intensity=7,
          coping=["Slow breathing"], intensity_after=3),
    entry(BASE + timedelta(days=9), 9, trigger="A loud noise", feelings=["Scared"], intensity=6,
          coping=["Went for a walk"], intensity_after=6),
    entry(BASE + timedelta(days=14), 19, trigger="Money worries", feelings=["Anxious"], intensity=5,
          coping=["Went for a walk"], intensity_after=4),
]


async def test_each_finding_has_its_sentence_and_chart(fixture_catalog, store_factory):
    store = store_factory()
    store.import_entries(JOURNAL)
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        screen = app.screen
        assert isinstance(screen, PatternsScreen)
        await wait_for(pilot, lambda: screen.result is not None and screen.query(".finding"), what="the findings")
        text = screen_text(app)
        chosen = moments(JOURNAL)
        assert "Based on 4 entries about hard moments" in text
        assert emotions_sentence(chosen) in text
        assert "The feeling you named most often is Anxious: in 3 of the 4 entries" in text
        assert "What set it off most often was “Money worries”: 3 of the 4 entries" in text
        assert when_sentence(when_grid(chosen)) in text and "Monday evenings (3 of 4)" in text
        assert coping_sentence(chosen) in text and "After “Slow breathing”" in text
        assert "Monday" in str(screen.query_one(".when-chart").render())
        # Feelings, triggers, intensity over time and coping are drawn as charts; "when" is a grid.
        from textual_plotext import PlotextPlot

        assert len(screen.query(PlotextPlot)) == 4
        for finding in screen.query(".finding"):
            assert finding.query(".finding-sentence"), "every chart has its sentence"

        screen.query_one("#period", Select).value = 30
        await wait_for(pilot, lambda: EMPTY in screen_text(app), what="the empty period")
        assert not screen.query(".finding")


async def test_patterns_open_from_the_history_too(fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("j")
        assert isinstance(app.screen, PatternsScreen)
        await wait_for(pilot, lambda: EMPTY in screen_text(app), what="the empty journal")
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)


def test_the_chart_library_is_not_loaded_when_the_app_starts() -> None:
    code = "import sys, workbook.tui.app; print('textual_plotext' in sys.modules, 'plotext' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]
