"""Writing journal entries in the TUI: the full trigger journal with its feelings rated one
by one, the quick log, and words of every kind (1 MB pasted, emoji, right-to-left text,
markup-like text, control characters) kept and shown exactly."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import DataTable, Input, SelectionList

from workbook.content.catalog import load_catalog
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.completion import CompletionScreen
from workbook.tui.screens.entry import EntryScreen, LongAnswer
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.screens.history import HistoryScreen
from workbook.tui.text import clean
from workbook.tui.widgets.step_inputs import JournalArea

from .helpers import SIZE, click, open_from_home, press_next, screen_text, type_text, wait_for


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def step_id(app) -> str:
    screen = app.screen
    assert isinstance(screen, ExerciseScreen), screen
    return screen.run.current.id


async def tick(pilot, *positions: int) -> None:
    """Tick options of the multi-choice on screen by their place in the list (0 first)."""
    options = pilot.app.screen.query_one(SelectionList)
    options.focus()
    for position in positions:
        options.highlighted = position
        await pilot.press("space")


async def rate(pilot, digits: str) -> None:
    pilot.app.screen.query_one("ScaleRow").focus()
    await pilot.press(*digits)


async def write(pilot, text: str) -> None:
    screen = pilot.app.screen
    screen.input.focus_first()
    await type_text(pilot, text)


async def test_the_full_trigger_journal_asks_each_feelings_strength_and_keeps_everything(catalog, store_factory):
    store = store_factory()
    app = WorkbookApp(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "trigger-journal")
        seen = []

        async def answer(expected_step: str, action, enter: bool = False) -> None:
            await wait_for(pilot, lambda: step_id(app) == expected_step, what=expected_step)
            seen.append(expected_step)
            if action is not None:
                await action()
            if enter:  # Enter goes on from a one-line answer or a scale, as the help line says
                await pilot.press("enter")
            else:
                await press_next(pilot)

        await answer("situation", lambda: write(pilot, "Kitchen"))
        await answer("trigger", lambda: write(pilot, "The party"), enter=True)
        await answer("feelings", lambda: tick(pilot, 0, 2))  # Anxious, Angry
        await answer("feeling_anxious", lambda: rate(pilot, "70"), enter=True)
        await answer("feeling_angry", lambda: rate(pilot, "45"), enter=True)
        await answer("feeling_other", lambda: write(pilot, "Restless"), enter=True)
        await answer("feeling_other_strength", lambda: rate(pilot, "30"), enter=True)
        await answer("intensity", lambda: rate(pilot, "6"), enter=True)
        await answer("body", None)
        await answer("pause", None)
        await answer("thoughts", lambda: write(pilot, "They stare"))
        await answer("urges", lambda: tick(pilot, 4))  # A craving to drink
        await answer("urge_strength", lambda: rate(pilot, "5"), enter=True)

        async def coping() -> None:
            await tick(pilot, 0)  # Slow breathing
            app.screen.query_one("#other", Input).focus()
            await type_text(pilot, "my sister")

        await answer("coping", coping)
        await answer("action", lambda: write(pilot, "Went out"))
        await answer("outcome", lambda: write(pilot, "Calmer"))
        await answer("intensity_after", lambda: rate(pilot, "3"), enter=True)
        await answer("tags", lambda: write(pilot, "family, party"), enter=True)
        await wait_for(pilot, lambda: isinstance(app.screen, CompletionScreen), what="the end")

    assert "feeling_scared" not in seen, "only the feelings picked are rated"
    (entry,) = store.entries()
    assert entry["exercise_id"] == "trigger-journal" and entry["exercise_version"] == 2
    assert entry["answers"] == {
        "situation": "Kitchen",
        "trigger": "The party",
        "feelings": ["Anxious", "Angry"],
        "feeling_anxious": 70,
        "feeling_angry": 45,
        "feeling_other": "Restless",
        "feeling_other_strength": 30,
        "intensity": 6,
        "thoughts": "They stare",
        "urges": ["A craving to drink"],
        "urge_strength": 5,
        "coping": ["Slow breathing", "my sister"],
        "action": "Went out",
        "outcome": "Calmer",
        "intensity_after": 3,
        "tags": "family, party",
    }
    assert store.get_draft("trigger-journal") is None


async def test_the_quick_log_takes_four_steps_and_is_found_by_its_tag_feeling(catalog, store_factory):
    store = store_factory()
    app = WorkbookApp(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "quick-log")
        screen = app.screen
        assert screen.run.progress() == (1, 4)
        await write(pilot, "Argument on the phone")
        await press_next(pilot)
        await tick(pilot, 2)  # Angry
        await press_next(pilot)
        await rate(pilot, "5")
        await press_next(pilot)
        await press_next(pilot)  # no urge
        await wait_for(pilot, lambda: isinstance(app.screen, CompletionScreen), what="the end")
        assert "Add the rest" in screen_text(app)
    (entry,) = store.entries()
    assert entry["answers"] == {"trigger": "Argument on the phone", "feelings": ["Angry"], "intensity": 5}


# Every kind of text a person might paste. Control characters are kept in the file exactly;
# on screen they show as a visible mark, so they cannot move the cursor or change colours.
# (Characters that Textual's text area itself takes as line breaks, such as \x85, are left out.)
TRICKY_LINES = [
    "[bold]not bold[/bold] [red]not red[/red] [/] [link=x]no link[/link]",
    "Felt 😶‍🌫️ then 💪🏽 — 👨‍👩‍👧",
    "שלום, مرحبا بك — right to left",
    "bell\x07 escape\x1b[2J null\x00 del\x7f csi\x9b end",
]
MEGABYTE = "\n".join(TRICKY_LINES) + "\n" + ("A long day. " * 87_400)


async def test_a_megabyte_of_tricky_text_saves_and_shows_exactly(fixture_catalog, store_factory):
    assert len(MEGABYTE.encode("utf-8")) > 1_000_000
    store = store_factory()
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "short-one")
        app.screen.input.focus_first()
        app.post_message(events.Paste(TRICKY_LINES[0] + " " + TRICKY_LINES[1]))
        await wait_for(pilot, lambda: app.screen.input.value == TRICKY_LINES[0] + " " + TRICKY_LINES[1])
        await press_next(pilot)
        area = app.screen.query_one(JournalArea)
        area.focus()
        app.post_message(events.Paste(MEGABYTE))  # as a terminal delivers a paste
        await wait_for(pilot, lambda: len(area.text) == len(MEGABYTE), timeout=20, what="the paste")
        await press_next(pilot)
        await press_next(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, CompletionScreen), timeout=20, what="the end")
        (entry,) = store.entries()
        assert entry["answers"]["second"] == MEGABYTE
        assert entry["answers"]["first"] == TRICKY_LINES[0] + " " + TRICKY_LINES[1]

        await pilot.press("escape")
        await pilot.press("h")
        history = app.screen
        assert isinstance(history, HistoryScreen)
        await wait_for(pilot, lambda: history.loaded == 1, what="the history")
        history.query_one(DataTable).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryScreen), timeout=20, what="the entry")
        detail = app.screen
        assert str(detail.query(".answer").first().render()) == TRICKY_LINES[0] + " " + TRICKY_LINES[1]
        long = detail.query_one(LongAnswer)  # opens with its first part, the rest on request
        assert long.shown == 1 and clean(MEGABYTE).startswith(long.shown_text())
        assert "bell\N{REPLACEMENT CHARACTER} escape\N{REPLACEMENT CHARACTER}[2J" in long.shown_text()
        await click(pilot, ".show-all")
        await wait_for(pilot, lambda: long.shown == len(long.parts), timeout=30, what="all of it")
        assert long.shown_text() == clean(MEGABYTE)

        # Found again by searching for the same tricky words.
        await pilot.press("escape")
        await pilot.press("slash")
        await type_text(pilot, "[/bold]")
        await wait_for(pilot, lambda: history.results is not None and len(history.results) == 1, what="search")
