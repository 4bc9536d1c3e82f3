"""Small questions asked over the current screen. Escape always means "not now"."""

from __future__ import annotations

from typing import Any, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from workbook.content.models import Exercise
from workbook.tui.text import literal, when

# Screens with a row of buttons set these breakpoints: below 80 columns (the width every
# screen is laid out for) the screen has the class "-narrow", and its styles stack the row
# (Textual rows never wrap by themselves), so no button is pushed off the right edge.
NARROW_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]

DIALOG_CSS = """
{name} {{
    align: center middle;
    background: $background 60%;
}}
{name} > .dialog {{
    width: 64;
    max-width: 100%;
    height: auto;
    max-height: 100%;
    border: round $primary;
    background: $surface;
    padding: 1 2;
}}
{name} .dialog-title {{ text-style: bold; margin-bottom: 1; }}
{name} .dialog-buttons {{ height: auto; margin-top: 1; }}
{name} .dialog-buttons Button {{ width: 1fr; margin: 0 1 0 0; }}
{name}.-narrow .dialog-buttons {{ layout: vertical; }}
{name}.-narrow .dialog-buttons Button {{ width: 100%; margin: 0; }}
"""


class Dialog(ModalScreen[Any]):
    HORIZONTAL_BREAKPOINTS = NARROW_BREAKPOINTS
    BINDINGS = [Binding("escape", "dismiss_none", "Not now")]

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class ResumeDialog(Dialog):
    """An exercise with a saved draft: carry on, or begin again (which replaces the draft)."""

    AUTO_FOCUS = "#continue"
    DEFAULT_CSS = DIALOG_CSS.format(name="ResumeDialog")

    def __init__(self, exercise: Exercise, draft: dict[str, Any], step_number: int, steps: int) -> None:
        super().__init__()
        self.exercise, self.draft = exercise, draft
        self.step_number, self.steps = step_number, steps

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(literal(self.exercise.title), classes="dialog-title")
            yield Static(
                f"You started this on {when(self.draft.get('started_at'))} and got to step "
                f"{self.step_number} of {self.steps}. Your answers are saved.\n\n"
                "Would you like to carry on where you left off, or start fresh? "
                "Starting fresh replaces the saved answers with a blank copy."
            )
            with Vertical(classes="dialog-buttons"):
                yield Button("Continue where I left off", id="continue", variant="primary")
                yield Button("Start fresh (replaces the saved answers)", id="fresh")
                yield Button("Not now", id="cancel")

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "cancel" else event.button.id)


class GroundingOffer(Dialog):
    """After a very high rating: keep going, ground for a moment, or rest. Nothing is lost."""

    AUTO_FOCUS = "#keep"
    DEFAULT_CSS = DIALOG_CSS.format(name="GroundingOffer")

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static("That sounds really hard right now.", classes="dialog-title")
            yield Static(
                "Would you like to pause and try a short grounding exercise, or take a break? "
                "Your answers here are saved and will wait for you."
            )
            with Vertical(classes="dialog-buttons"):
                yield Button("Keep going", id="keep", variant="primary")
                yield Button("Try a grounding exercise", id="grounding")
                yield Button("Take a break (your answers are kept)", id="break")

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_dismiss_none(self) -> None:
        self.dismiss("keep")


class ChooseExercise(Dialog):
    """Pick one of a few exercises (used to choose a grounding exercise)."""

    AUTO_FOCUS = "OptionList"
    DEFAULT_CSS = DIALOG_CSS.format(name="ChooseExercise") + """
    ChooseExercise OptionList { height: auto; max-height: 12; }
    """

    def __init__(self, title: str, exercises: Sequence[Exercise]) -> None:
        super().__init__()
        self.heading, self.exercises = title, list(exercises)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(self.heading, classes="dialog-title")
            yield OptionList(
                *(
                    Option(Content.assemble(literal(e.title, "bold"), f"  · {e.minutes} min"), id=e.id)
                    for e in self.exercises
                )
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Not now", id="cancel")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class ProblemsDialog(Dialog):
    """The notices about files that could not be used, in full, to read at leisure."""

    AUTO_FOCUS = "#close"
    DEFAULT_CSS = DIALOG_CSS.format(name="ProblemsDialog") + """
    ProblemsDialog > .dialog { width: 90%; }
    ProblemsDialog .problems { height: auto; max-height: 14; }
    ProblemsDialog .problem { margin-bottom: 1; }
    """

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__()
        self.problems = list(problems)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static("A few things to know", classes="dialog-title")
            yield Static(
                "Everything else works as usual. These notes are for you, or whoever looks "
                "after this computer's exercises."
            )
            with VerticalScroll(classes="problems"):
                for problem in self.problems:
                    yield Static(literal(f"• {problem}"), classes="problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", id="close", variant="primary")

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)
