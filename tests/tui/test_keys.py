"""F1 (help) and F2 (crisis help) work everywhere, even while typing; Escape goes back."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from workbook.tui.app import WorkbookApp
from workbook.tui.screens.crisis import CrisisScreen
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.screens.help import HelpScreen
from workbook.tui.screens.history import HistoryScreen
from workbook.tui.screens.home import HomeScreen
from workbook.tui.widgets.step_inputs import JournalArea

from .helpers import SIZE, open_from_home, press_next, screen_text, type_text

KEYS = [("f1", HelpScreen), ("f2", CrisisScreen)]


def footer_keys(app: WorkbookApp) -> set[str]:
    return {binding.key for (_, binding, enabled, _) in app.screen.active_bindings.values() if binding.show}


@pytest.mark.parametrize("key, screen_type", KEYS)
async def test_from_home(key, screen_type, fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        assert {"f1", "f2", "ctrl+q"} <= footer_keys(app)
        await pilot.press(key)
        assert isinstance(app.screen, screen_type)
        await pilot.press(key)  # pressing again does not pile up copies
        assert len(app.screen_stack) == 2
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("key, screen_type", KEYS)
async def test_while_typing_in_a_line(key, screen_type, fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "short-one")
        assert isinstance(app.focused, Input)
        assert {"f1", "f2"} <= footer_keys(app)
        await type_text(pilot, "half a thou")
        await pilot.press(key)
        assert isinstance(app.screen, screen_type)
        await pilot.press("escape")
        screen = app.screen
        assert isinstance(screen, ExerciseScreen)
        assert screen.input.value == "half a thou", "nothing typed is lost"


@pytest.mark.parametrize("key, screen_type", KEYS)
async def test_while_typing_in_a_journal(key, screen_type, fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "short-one")
        await press_next(pilot)
        assert isinstance(app.focused, JournalArea)
        await type_text(pilot, "dear diary\n")
        await pilot.press(key)
        assert isinstance(app.screen, screen_type)
        await pilot.press("escape")
        assert isinstance(app.focused, JournalArea)
        assert app.focused.text == "dear diary\n"


@pytest.mark.parametrize("key, screen_type", KEYS)
async def test_from_history(key, screen_type, fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press(key)
        assert isinstance(app.screen, screen_type)
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_escape_leaves_an_exercise_with_its_draft(fixture_catalog, store_factory):
    store = store_factory()
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "short-one")
        await type_text(pilot, "keep me")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        assert store.get_draft("short-one")["answers"] == {"first": "keep me"}


async def test_help_says_what_it_is_not_and_where_data_lives(fixture_catalog, store_factory):
    store = store_factory()
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        text = screen_text(app)
        assert "not a diagnosis" in text
        assert "not an emergency service" in text
        assert str(store.folder) in text
        assert "Nothing is sent anywhere" in text


async def test_crisis_screen_lists_contacts_with_last_checked(fixture_catalog, store_factory):
    from workbook.crisis import Contact

    site = [Contact("Town crisis team", "Call 555 0100", "Nights too.", "2026-01-05")]
    from workbook.crisis import crisis_contacts

    app = WorkbookApp(store_factory(), fixture_catalog, contacts=crisis_contacts(site))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        text = screen_text(app)
        assert "Town crisis team" in text and "Call 555 0100" in text
        assert "Last checked 2026-01-05" in text
        assert "Samaritans" in text
        assert "not an emergency service" in text
