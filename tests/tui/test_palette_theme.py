"""The command palette finds exercises and has no Screenshot; the theme survives a restart."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandList, CommandPalette

from workbook.tui.app import WorkbookApp
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.theme import CALM_THEME_NAME

from .helpers import SIZE, type_text, wait_for


def palette_prompts(app: WorkbookApp) -> list[str]:
    listing = app.screen.query_one(CommandList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def _search(pilot, text: str) -> list[str]:
    app = pilot.app
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), what="the palette")
    await type_text(pilot, text)
    await pilot.pause(0.4)
    await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count > 0, what="hits")
    return palette_prompts(app)


async def test_palette_finds_an_exercise_by_part_of_its_title_and_opens_it(fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        prompts = await _search(pilot, "kind of")
        assert any("Every kind of step" in p for p in prompts), prompts
        highlighted = app.screen.query_one(CommandList).highlighted_option
        assert "Every kind of step" in str(highlighted.prompt)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen), what="the exercise")
        assert app.screen.run.exercise.id == "all-steps"


async def test_palette_has_no_screenshot_but_keeps_theme_quit_keys(fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Theme", "Quit", "Keys"} <= titles
        assert "Screenshot" not in titles
        prompts = await _search(pilot, "scre")
        assert not any("Screenshot" in p for p in prompts), prompts


async def test_no_key_or_action_writes_a_screenshot(fixture_catalog, store_factory, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        bound = [b for _, b in app._bindings if "screenshot" in b.action]
        assert bound == []
        await app.run_action("screenshot")
        app.deliver_screenshot()
        await pilot.pause(0.3)
    assert not list(Path(tmp_path).rglob("*.svg"))


async def test_theme_starts_calm_and_survives_a_restart(fixture_catalog, store_factory):
    store = store_factory()
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == CALM_THEME_NAME
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), what="the palette")
        await type_text(pilot, "theme")
        await pilot.pause(0.4)
        await pilot.press("enter")  # the Theme command opens the theme list
        await pilot.pause(0.4)
        await type_text(pilot, "nord")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.theme == "nord", what="the theme to change")
        await pilot.pause()
    assert store.get_setting("theme") == "nord"

    store = store_factory()  # restart
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        # In nord's colours from the first paint, not only by name.
        nord = app.get_theme("nord")
        assert app.screen.styles.background.hex.casefold() == nord.background.casefold()
        assert app.has_class("-theme-nord") and not app.has_class(f"-theme-{CALM_THEME_NAME}")


async def test_unknown_saved_theme_falls_back_to_calm(fixture_catalog, store_factory):
    store = store_factory()
    store.set_setting("theme", "no-such-theme")
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == CALM_THEME_NAME
