"""Drive the TUI the way a person would: keys and clicks, one step at a time."""

from __future__ import annotations

import asyncio
from typing import Any

from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, RadioSet, SelectionList, Static

from workbook.content.models import ScaleStep
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.completion import CompletionScreen
from workbook.tui.screens.crisis import CrisisScreen
from workbook.tui.screens.dialogs import GroundingOffer
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.screens.home import HomeScreen
from workbook.tui.widgets.scale import ScaleInput
from workbook.tui.widgets.step_inputs import (
    ChecklistInput,
    ChoiceInput,
    InfoInput,
    LineInput,
    ListInput,
    MultiChoiceInput,
    ParagraphInput,
)
from workbook.tui.widgets.timed import TimedInput

SIZE = (80, 24)


async def wait_for(pilot: Pilot, condition, timeout: float = 5.0, what: str = "condition") -> None:
    """Let the app run until `condition()` is true (workers and timers need real time)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}; screen is {pilot.app.screen!r}")
        await pilot.pause(0.05)


async def type_text(pilot: Pilot, text: str) -> None:
    """Type characters one key at a time ("\\n" presses Enter).

    Pilot cannot press a key for a character such as an emoji, so those arrive the way a
    terminal sends them when pasted.
    """
    for ch in text:
        if ch == "\n":
            await pilot.press("enter")
        elif ch.isascii() or ch.isalnum():
            await pilot.press(ch)
        else:
            pilot.app.focused.post_message(events.Paste(ch))
            await pilot.pause()


def shown_text(widget: Static) -> str:
    """The plain text a Static shows (its markup, if any, already applied)."""
    return str(widget.render())


def screen_text(app: WorkbookApp) -> str:
    """Every Static's text on the current screen, one per line."""
    return "\n".join(shown_text(w) for w in app.screen.query(Static))


async def open_from_home(pilot: Pilot, exercise_id: str, prefix: str = "exercise") -> None:
    app = pilot.app
    assert isinstance(app.screen, HomeScreen), app.screen
    listing = app.screen.query_one("#exercises", OptionList)
    listing.focus()
    listing.highlighted = listing.get_option_index(f"{prefix}:{exercise_id}")
    await pilot.press("enter")
    await pilot.pause()


async def click(pilot: Pilot, selector: str) -> None:
    """Click a button as a person would; a button ignores clicks while it still shows the last one."""
    button = pilot.app.screen.query_one(selector)
    await wait_for(pilot, lambda: not button.has_class("-active"), what=f"{selector} to be ready")
    button.scroll_visible(animate=False, immediate=True)  # on a small screen, scroll to it first
    await pilot.pause()
    await pilot.click(selector)
    await pilot.pause()


async def press_next(pilot: Pilot) -> None:
    await click(pilot, "#next")


async def fill_step(pilot: Pilot, screen: ExerciseScreen) -> Any:
    """Answer whatever step is showing with something ordinary; returns what should be kept."""
    widget = screen.input
    assert widget is not None
    step = widget.step
    if isinstance(widget, InfoInput):
        return None
    if isinstance(widget, LineInput):
        widget.query_one(Input).focus()
        await type_text(pilot, "ok [x]")
        return "ok [x]"
    if isinstance(widget, ParagraphInput):
        widget.focus_first()
        await type_text(pilot, "one\ntwo")
        return "one\ntwo"
    if isinstance(widget, ScaleInput):
        assert isinstance(step, ScaleStep)
        widget.query_one("ScaleRow").focus()
        await pilot.press("home", "right")  # one above the lowest point: an ordinary answer
        return step.min + 1
    if isinstance(widget, ChoiceInput):
        widget.query_one(RadioSet).focus()
        await pilot.press("enter")  # the first option
        return step.options[0].label
    if isinstance(widget, MultiChoiceInput):
        widget.query_one(SelectionList).focus()
        await pilot.press("space")
        return [step.options[0].label]
    if isinstance(widget, ListInput):
        fields = list(widget.query(Input))
        fields[0].focus()
        items = ["a cup", "a lamp"][: len(fields)]
        await type_text(pilot, "\n".join(items))
        return items
    if isinstance(widget, ChecklistInput):
        widget.query_one(SelectionList).focus()
        await pilot.press("space")
        return [step.items[0]]
    if isinstance(widget, TimedInput):
        if widget.total_seconds <= 3:
            await click(pilot, "#start")
            await wait_for(pilot, lambda: widget.finished, timeout=widget.total_seconds + 3, what="the timer")
            return {"completed": True, "seconds": int(widget.total_seconds)}
        widget.start()
        await pilot.pause(0.3)
        return "skip"
    raise AssertionError(f"no filler for {type(widget).__name__}")


async def complete_exercise(pilot: Pilot) -> dict[str, Any]:
    """From the first step to the completion screen; returns the answers expected to be kept."""
    app = pilot.app
    expected: dict[str, Any] = {}
    for _ in range(300):
        screen = app.screen
        if isinstance(screen, CompletionScreen):
            return expected
        if isinstance(screen, CrisisScreen):
            await pilot.press("escape")
            continue
        if isinstance(screen, GroundingOffer):
            await click(pilot, "#keep")
            continue
        assert isinstance(screen, ExerciseScreen), screen
        step = screen.run.current
        assert step is not None
        kept = await fill_step(pilot, screen)
        if kept == "skip":
            await click(pilot, "#skip")  # a long timer: started, then skipped, as a person might
        else:
            if kept is not None:
                expected[step.id] = kept
            await press_next(pilot)
        await pilot.pause()
    raise AssertionError("the exercise never finished")


def history_rows(app: WorkbookApp) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
