"""Usable at 80x24, and nothing breaks at 40x12."""

from __future__ import annotations

import pytest

from workbook.tui.app import WorkbookApp
from workbook.tui.screens.exercise import ExerciseScreen

from .helpers import SIZE, click, complete_exercise, open_from_home, press_next


def fully_visible(app: WorkbookApp, selector: str) -> bool:
    widget = app.screen.query_one(selector)
    return app.screen.region.contains_region(widget.region) and widget.region.area > 0


async def test_every_step_type_keeps_its_buttons_on_screen_at_80x24(fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "all-steps")
        seen = set()
        while isinstance(app.screen, ExerciseScreen) and app.screen.run.current.id != "unsafe":
            screen = app.screen
            seen.add(type(screen.input).__name__)
            for selector in ("#next", "#back", "#leave", "#prompt" if screen.run.current.prompt else "#ex-title"):
                assert fully_visible(app, selector), (screen.run.current.id, selector)
            await press_next(pilot)
            if not isinstance(app.screen, ExerciseScreen):
                await pilot.press("escape")
        assert len(seen) >= 9, seen


@pytest.mark.parametrize("size", [(40, 12)])
async def test_small_terminals_do_not_crash(size, fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f1")
        await pilot.press("escape", "f2")
        await pilot.press("escape")
        await open_from_home(pilot, "all-steps")
        await complete_exercise(pilot)
        await click(pilot, "#history")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running


async def test_resize_while_in_an_exercise(fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "all-steps")
        await press_next(pilot)
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        await pilot.press("5")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.input.value == 5


async def test_help_and_crisis_keys_stay_in_the_footer_at_40_columns(fixture_catalog, store_factory):
    """The footer shows F1 and F2 before a screen's own keys, so they are the last to be cut off."""
    from textual.widgets._footer import FooterKey

    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=(40, 12)) as pilot:
        for opening in (None, "h"):  # home, then a screen with keys of its own
            if opening:
                await pilot.press(opening)
            await pilot.pause()
            keys = {key.key: key for key in app.screen.query(FooterKey)}
            for key in ("f1", "f2"):
                assert app.screen.region.contains_region(keys[key].region), (type(app.screen).__name__, key)
