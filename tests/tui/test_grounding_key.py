"""F3 opens grounding from every screen; what was on screen waits and comes back."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from workbook.content.catalog import load_catalog
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.completion import CompletionScreen
from workbook.tui.screens.crisis import CrisisScreen
from workbook.tui.screens.dialogs import GroundingOffer
from workbook.tui.screens.entry import EntryScreen
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.screens.grounding import GroundingPicker
from workbook.tui.screens.grounding_progress import GroundingProgressScreen
from workbook.tui.screens.help import HelpScreen
from workbook.tui.screens.history import HistoryScreen
from workbook.tui.screens.home import HomeScreen

from .helpers import SIZE, click, complete_exercise, open_from_home, press_next, screen_text, type_text, wait_for


@pytest.fixture
def catalog(fixture_dir):
    """The built-in exercises (seven grounding ones) and the test ones (calm-feet among them)."""
    return load_catalog([fixture_dir])


def footer_keys(app: WorkbookApp) -> set[str]:
    return {binding.key for (_, binding, _, _) in app.screen.active_bindings.values() if binding.show}


async def choose(pilot, exercise_id: str) -> None:
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, GroundingPicker), what="the picker")
    listing = app.screen.query_one(OptionList)
    listing.highlighted = listing.get_option_index(exercise_id)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen) and app.screen.run.exercise.id == exercise_id,
                   what=exercise_id)


async def test_from_home_the_picker_lists_grounding_quickest_first(catalog, store_factory):
    app = WorkbookApp(store_factory(), catalog)
    async with app.run_test(size=SIZE) as pilot:
        assert "f3" in footer_keys(app)
        await pilot.press("f3")
        assert isinstance(app.screen, GroundingPicker)
        await pilot.press("f3")  # again: still one picker
        assert len(app.screen_stack) == 2
        picker = app.screen
        ids = [e.id for e in picker.exercises]
        assert set(ids) == {e.id for e in catalog.by_category()["grounding"]}
        assert len(ids) >= 8 and ids[0] == "calm-feet"  # one minute
        minutes = [e.minutes for e in picker.exercises]
        assert minutes == sorted(minutes)
        assert catalog.get("calm-feet").summary in screen_text(app)  # the highlighted one is described
        await choose(pilot, "box-breathing")
        assert "f3" in footer_keys(app)
        await pilot.press("escape")  # leave it: back home, nothing lost
        assert isinstance(app.screen, HomeScreen)


async def test_escape_on_the_picker_changes_nothing(catalog, store_factory):
    app = WorkbookApp(store_factory(), catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), what="history")
        await pilot.press("f3")
        assert isinstance(app.screen, GroundingPicker)
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)


async def test_mid_exercise_the_exercise_waits_as_a_draft_and_resumes(catalog, store_factory):
    store = store_factory()
    app = WorkbookApp(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "short-one")
        await type_text(pilot, "first words\n")
        await type_text(pilot, "half a thou")
        paused = app.screen
        await pilot.press("f3")
        assert isinstance(app.screen, GroundingPicker)
        assert "“A short one” is saved and will wait for you" in screen_text(app)
        draft = store.get_draft("short-one")
        assert draft["answers"] == {"first": "first words", "second": "half a thou"} and draft["step"] == "second"
        await choose(pilot, "calm-feet")
        await complete_exercise(pilot)
        assert isinstance(app.screen, CompletionScreen)
        await click(pilot, "#return")  # "Back to A short one"
        assert app.screen is paused
        assert paused.run.current.id == "second" and paused.input.value == "half a thou"
        await press_next(pilot)
        assert paused.run.current.id == "third"


async def test_a_draft_left_by_grounding_resumes_after_a_restart(catalog, store_factory):
    store = store_factory()
    app = WorkbookApp(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "short-one")
        await type_text(pilot, "kept")
        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(app.screen, GroundingPicker), what="the picker")
    store = store_factory()
    app = WorkbookApp(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "short-one", prefix="draft")
        assert app.screen.input.value == "kept"


async def test_from_history_and_back_there_after(catalog, store_factory):
    store = store_factory()
    app = WorkbookApp(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), what="history")
        assert "f3" in footer_keys(app)
        await pilot.press("f3")
        await choose(pilot, "calm-feet")
        await complete_exercise(pilot)
        assert "where you were" in str(app.screen.query_one("#return").label)
        await click(pilot, "#return")
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape", "h")  # open afresh, to list the new entry
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen) and app.screen.loaded == 1,
                       what="the new entry in the history")
        # And from one entry, the same key.
        app.screen.query_one("DataTable").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryScreen), what="the entry")
        assert "f3" in footer_keys(app)
        await pilot.press("f3")
        assert isinstance(app.screen, GroundingPicker)


@pytest.mark.parametrize("key, screen_type", [("f1", HelpScreen), ("f2", CrisisScreen)])
async def test_from_help_and_crisis(key, screen_type, catalog, store_factory):
    app = WorkbookApp(store_factory(), catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        assert isinstance(app.screen, screen_type) and "f3" in footer_keys(app)
        await pilot.press("f3")
        await choose(pilot, "calm-feet")
        await pilot.press("escape")  # leaving the exercise goes back to where the person was
        assert isinstance(app.screen, screen_type)


async def test_help_tells_of_the_key_the_progress_and_reduced_motion(catalog, store_factory):
    app = WorkbookApp(store_factory(), catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        text = screen_text(app)
        assert "F3" in text and "grounding" in text
        assert "how grounding has gone" in text and "reduced motion" in text


async def test_the_picker_and_home_lead_to_progress(catalog, store_factory):
    app = WorkbookApp(store_factory(), catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await click(pilot, "#progress")
        await wait_for(pilot, lambda: isinstance(app.screen, GroundingProgressScreen), what="progress")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("g")
        assert isinstance(app.screen, GroundingProgressScreen)


async def test_a_high_rating_offers_the_picker_and_the_exercise_waits(catalog, store_factory):
    store = store_factory()
    app = WorkbookApp(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "all-steps")
        await press_next(pilot)
        paused = app.screen
        await pilot.press("9")
        await press_next(pilot)
        assert isinstance(app.screen, GroundingOffer)
        await click(pilot, "#grounding")
        await choose(pilot, "calm-feet")
        assert store.get_draft("all-steps")["answers"] == {"feeling": 9}
        await complete_exercise(pilot)
        await click(pilot, "#return")
        assert app.screen is paused and paused.run.current.id == "what"
