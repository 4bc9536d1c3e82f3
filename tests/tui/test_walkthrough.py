"""Every exercise, start to finish, the way a person does it; then it is in the history,
also after a restart."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

from workbook.content.catalog import load_catalog
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.completion import CompletionScreen
from workbook.tui.screens.entry import EntryScreen
from workbook.tui.screens.history import HistoryScreen
from workbook.tui.screens.home import HomeScreen
from workbook.tui.text import answer_text

from .helpers import SIZE, click, complete_exercise, history_rows, open_from_home, screen_text, wait_for

BUILTIN_IDS = sorted(load_catalog().exercises)
FIXTURE_IDS = ["all-steps", "short-one"]


@pytest.mark.parametrize("exercise_id", BUILTIN_IDS + FIXTURE_IDS)
async def test_complete_each_exercise_then_find_it_in_history(exercise_id, fixture_dir, store_factory):
    catalog = load_catalog([fixture_dir])
    exercise = catalog.get(exercise_id)
    store = store_factory()
    app = WorkbookApp(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, exercise_id)
        expected = await complete_exercise(pilot)
        assert isinstance(app.screen, CompletionScreen)
        assert store.get_draft(exercise_id) is None, "a finished exercise leaves no draft behind"
        saved = store.entries(0, 10)
        assert [e["exercise_id"] for e in saved] == [exercise_id]
        for step_id, value in expected.items():
            assert saved[0]["answers"][step_id] == value, step_id
        if exercise_id == "all-steps":
            # fill_step rates 1 on the 0-10 scale and picks "Fine" (0): total 1, band "low".
            score = str(app.screen.query_one("#score", Static).render())
            assert "Your total: 1" in score and "low" in score and "not a diagnosis" in score
            assert "Thanks for practising" in screen_text(app)

        await click(pilot, "#history")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen) and app.screen.loaded == 1,
                       what="history")
        rows = history_rows(app)
        assert len(rows) == 1 and exercise.title[:22] in rows[0][1]

        app.screen.query_one(DataTable).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        detail = screen_text(app)
        for step_id, value in expected.items():
            assert saved[0]["prompts"][step_id] in detail
            assert answer_text(value) in detail
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    # A restart: a new store on the same folder, a new app.
    store = store_factory()
    app = WorkbookApp(store, load_catalog([fixture_dir]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen) and app.screen.loaded == 1,
                       what="history after restart")
        assert exercise.title[:22] in history_rows(app)[0][1]
