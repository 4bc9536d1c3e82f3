"""A safety answer opens crisis help at once; a very high rating gently offers grounding."""

from __future__ import annotations

from textual.widgets import RadioSet

from workbook.tui.app import WorkbookApp
from workbook.tui.screens.completion import CompletionScreen
from workbook.tui.screens.crisis import CrisisScreen
from workbook.tui.screens.dialogs import GroundingOffer
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.screens.home import HomeScreen

from .helpers import SIZE, click, complete_exercise, open_from_home, press_next, screen_text, type_text


async def _to_feeling_step(pilot) -> ExerciseScreen:
    await open_from_home(pilot, "all-steps")
    await press_next(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ExerciseScreen) and screen.run.current.id == "feeling"
    return screen


async def test_safety_answer_opens_crisis_screen(fixture_catalog, store_factory):
    store = store_factory()
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "all-steps")
        screen = app.screen
        # Jump to the last step as a returning person would (a draft at "unsafe").
        screen.run.position = [s.id for s in screen.run.exercise.steps].index("unsafe")
        await screen.show_step()
        screen.query_one(RadioSet).focus()
        await pilot.press("down", "enter")  # "Yes"
        await press_next(pilot)
        assert isinstance(app.screen, CrisisScreen)
        assert store.entries()[0]["answers"]["unsafe"] == "Yes", "the answer is kept too"
        await pilot.press("escape")
        assert isinstance(app.screen, CompletionScreen)


async def test_no_crisis_screen_for_a_safe_answer(fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "all-steps")
        screen = app.screen
        screen.run.position = [s.id for s in screen.run.exercise.steps].index("unsafe")
        await screen.show_step()
        screen.query_one(RadioSet).focus()
        await pilot.press("enter")  # "No"
        await press_next(pilot)
        assert isinstance(app.screen, CompletionScreen)


async def test_high_rating_offers_grounding_and_keep_going_continues(fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _to_feeling_step(pilot)
        await pilot.press("9")
        await press_next(pilot)
        assert isinstance(app.screen, GroundingOffer)
        assert "really hard" in screen_text(app)
        await click(pilot, "#keep")
        assert app.screen is screen and screen.run.current.id == "what"


async def test_below_the_line_no_offer(fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _to_feeling_step(pilot)
        await pilot.press("8")
        await press_next(pilot)
        assert app.screen is screen and screen.run.current.id == "what"


async def test_offer_escape_means_keep_going(fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _to_feeling_step(pilot)
        await pilot.press("1", "0")
        await press_next(pilot)
        assert isinstance(app.screen, GroundingOffer)
        await pilot.press("escape")
        assert app.screen is screen


async def test_grounding_then_back_to_the_waiting_exercise(fixture_catalog, store_factory):
    store = store_factory()
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        paused = await _to_feeling_step(pilot)
        await pilot.press("9")
        await press_next(pilot)
        await click(pilot, "#grounding")
        grounding = app.screen
        assert isinstance(grounding, ExerciseScreen)
        assert grounding.run.exercise.category == "grounding"
        assert store.get_draft("all-steps")["answers"] == {"feeling": 9}, "the paused exercise waits as a draft"
        await complete_exercise(pilot)
        assert isinstance(app.screen, CompletionScreen)
        assert "Every kind of step" in str(app.screen.query_one("#return").label)
        await click(pilot, "#return")
        assert app.screen is paused and paused.run.current.id == "what"


async def test_take_a_break_leaves_and_keeps_the_draft(fixture_catalog, store_factory):
    store = store_factory()
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await _to_feeling_step(pilot)
        await pilot.press("9")
        await press_next(pilot)
        await type_text(pilot, "")
        await click(pilot, "#break")
        assert isinstance(app.screen, HomeScreen)
        assert store.get_draft("all-steps")["answers"] == {"feeling": 9}
        assert any("Take all the time you need" in n.message for n in app._notifications)
