"""The grounding picker (F3 from anywhere) and the palette's grounding commands.

The picker is a small dialog over whatever is on screen: a short list of grounding
exercises, quickest first, and a way to see how grounding has gone so far. Escape
means "not now" and leaves everything as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Sequence

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from workbook.content.models import Exercise
from workbook.tui.screens.dialogs import DIALOG_CSS, ChooseExercise
from workbook.tui.text import literal

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp

PROGRESS = "progress"  # what the picker answers when the person asks for their progress


def grounding_choices(exercises: Sequence[Exercise]) -> list[Exercise]:
    """Quickest first: in a hard moment the short ones are easiest to begin."""
    return sorted(exercises, key=lambda e: (e.minutes, e.title.casefold()))


class GroundingPicker(ChooseExercise):
    """Choose a grounding exercise. Answers its id, PROGRESS, or None for "not now".

    A ChooseExercise (which answers the chosen id, or None from "Not now") with a word
    about what waits underneath, a line about the highlighted exercise, and progress.
    """

    AUTO_FOCUS = "#grounding-choices"
    DEFAULT_CSS = DIALOG_CSS.format(name="GroundingPicker") + """
    GroundingPicker #grounding-choices { height: auto; max-height: 9; }
    GroundingPicker #grounding-summary { color: $text-muted; height: auto; min-height: 2; margin-top: 1; }
    GroundingPicker .dialog-note { color: $text-muted; }
    """

    def __init__(self, exercises: Sequence[Exercise], waiting: str | None = None) -> None:
        super().__init__("Come back to the present", grounding_choices(exercises))
        self.waiting = waiting  # the title of an exercise paused underneath, if any

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(self.heading, classes="dialog-title")
            note = "Choose one that suits you right now. You can stop any of them at any time."
            if self.waiting:
                yield Static(
                    Content.assemble(note, " “", literal(self.waiting), "” is saved and will wait for you."),
                    classes="dialog-note",
                )
            else:
                yield Static(note, classes="dialog-note")
            yield OptionList(
                *(
                    Option(Content.assemble(literal(e.title, "bold"), (f"  · {e.minutes} min", "dim")), id=e.id)
                    for e in self.exercises
                ),
                id="grounding-choices",
            )
            yield Static("", id="grounding-summary")
            with Horizontal(classes="dialog-buttons"):
                yield Button("How grounding has gone", id="progress")
                yield Button("Not now", id="cancel")

    def on_mount(self) -> None:
        self._describe(0)

    def _describe(self, index: int | None) -> None:
        summary = self.exercises[index].summary if index is not None and index < len(self.exercises) else ""
        self.query_one("#grounding-summary", Static).update(literal(summary))

    @on(OptionList.OptionHighlighted, "#grounding-choices")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._describe(event.option_index)

    # Choosing an exercise and "Not now" are ChooseExercise's own handlers.
    @on(Button.Pressed, "#progress")
    def _progress(self) -> None:
        self.dismiss(PROGRESS)


def grounding_system_commands(app: WorkbookApp) -> Iterator[SystemCommand]:
    """Palette entries: grounding, its progress, and the pacer's motion setting."""
    from workbook.tui.widgets.timed import reduced_motion, set_reduced_motion

    yield SystemCommand(
        "Grounding", "Choose a short exercise to come back to the present (F3)", app.action_grounding
    )
    yield SystemCommand(
        "Grounding progress",
        "Your distress before and after each grounding session, and what helps you most",
        app.action_grounding_progress,
    )
    reduced = reduced_motion(app)
    yield SystemCommand(
        "Reduced motion: turn off" if reduced else "Reduced motion: turn on",
        (
            "Show the breathing pacer's shape that grows and shrinks"
            if reduced
            else "Show the breathing pacer as words and counts only, with nothing moving"
        ),
        lambda: set_reduced_motion(app, not reduced),
    )

