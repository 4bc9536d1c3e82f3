"""Small questions about goals: which kind of goal to set up, and starting a count again."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from workbook.goals.recovery import days_since
from workbook.tui.screens.dialogs import DIALOG_CSS, Dialog
from workbook.tui.text import literal

NEW_GOAL_KINDS = [
    ("smart-goal", "Set a goal, step by step", "what, why, how you will measure it, how often"),
    ("self-care-set", "Self-care goals", "sleep, meals, washing, moving, meditating: several at once"),
    ("days-since", "Count the days since", "staying away from a drink, a substance or a habit"),
    ("meetings", "Meetings each week", "a number of meetings or groups to aim for each week"),
]


class NewGoalDialog(Dialog):
    """Which kind of goal to set up; each is a short exercise that makes the goal at its end."""

    AUTO_FOCUS = "OptionList"
    DEFAULT_CSS = DIALOG_CSS.format(name="NewGoalDialog") + """
    NewGoalDialog OptionList { height: auto; max-height: 12; }
    """

    def __init__(self, available: set[str]) -> None:
        super().__init__()
        self.kinds = [k for k in NEW_GOAL_KINDS if k[0] in available]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static("A new goal", classes="dialog-title")
            yield OptionList(*(Option(f"{title}\n  {detail}", id=exercise_id)
                               for exercise_id, title, detail in self.kinds))
            with Vertical(classes="dialog-buttons"):
                yield Button("Not now", id="cancel")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class StartAgainDialog(Dialog):
    """Begin a new stretch of a days-since goal. Kind words; the earlier days are kept."""

    AUTO_FOCUS = "#note"
    DEFAULT_CSS = DIALOG_CSS.format(name="StartAgainDialog") + """
    StartAgainDialog #note { margin-top: 1; }
    """

    def __init__(self, goal: dict[str, Any], on_day: date, honest: bool = False) -> None:
        super().__init__()
        self.goal, self.on_day, self.honest = goal, on_day, honest

    def compose(self) -> ComposeResult:
        since = days_since(self.goal, self.on_day)
        days = f"{since.current} day{'s' if since.current != 1 else ''}"
        opening = "Thank you for being honest with yourself. " if self.honest else ""
        with VerticalScroll(classes="dialog"):
            yield Static(literal(self.goal["title"]), classes="dialog-title")
            yield Static(
                f"{opening}Starting again is part of it. The {days} of this stretch still count, and "
                "stay in your history with every earlier stretch."
            )
            yield Static("Anything you would like to note about this time, for yourself? (You can leave it empty.)")
            yield Input(placeholder="What led up to it, or what might help next time", id="note")
            with Vertical(classes="dialog-buttons"):
                yield Button(f"Begin a new stretch from {self.on_day.isoformat()}", id="again", variant="primary")
                yield Button("Not now", id="cancel")

    @on(Input.Submitted, "#note")
    @on(Button.Pressed, "#again")
    def _again(self) -> None:
        self.dismiss({"note": self.query_one("#note", Input).value, "on": self.on_day})

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
