"""Change a goal: its name, how it is measured, target, how often, dates and the words around it.

Fields are typed as a person would say them ("7.5 hours", "3 a week", "mon, wed, fri").
Nothing is saved until everything fits; a field that does not fit is named in one
plain sentence and the cursor goes to it. Escape saves what fits (like leaving an
exercise); if something does not fit, a second Escape leaves without saving.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Select, Static, TextArea

from workbook.goals import GoalBook
from workbook.goals.editing import changes_from_text, field_text
from workbook.goals.measures import KIND_NAMES
from workbook.goals.model import GoalProblem
from workbook.store.base import StoreError
from workbook.tui.screens.dialogs import NARROW_BREAKPOINTS
from workbook.tui.screens.goals_detail import goal_clock
from workbook.tui.text import literal
from workbook.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp

LINES = [
    ("title", "Name"),
    ("target", "Target (such as 3, 7.5 hours, no more than 2 hours, by 23:00, 2 a week)"),
    ("schedule", "How often (every day, 3 a week, weekdays, or days such as mon, wed, fri)"),
    ("start", "Start date (YYYY-MM-DD)"),
    ("review", "Look back on (YYYY-MM-DD, or leave empty)"),
]
AREAS = [("why", "Why it matters"), ("first_step", "First step"),
         ("obstacles", "What might get in the way"), ("plan", "The plan for it")]


class GoalEditScreen(Screen[None]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
GoalEditScreen #edit-body { padding: 0 2; height: 1fr; }
GoalEditScreen #edit-heading { text-style: bold; color: $primary; }
GoalEditScreen .edit-label { margin-top: 1; text-style: bold; }
GoalEditScreen TextArea { height: 4; }
GoalEditScreen #edit-error { color: $warning; text-style: bold; height: auto; padding: 0 1; }
GoalEditScreen #edit-actions { height: auto; padding: 0 1; }
GoalEditScreen #edit-actions Button { margin-right: 2; }
/* Narrow terminals: the buttons stack, or "Back without saving" would be cut off. */
GoalEditScreen.-narrow #edit-actions { layout: vertical; }
GoalEditScreen.-narrow #edit-actions Button { width: 100%; margin: 0; }
"""

    HORIZONTAL_BREAKPOINTS = NARROW_BREAKPOINTS
    BINDINGS = [
        Binding("escape", "leave", "Back (saves)"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    app: WorkbookApp

    def __init__(self, goal: dict[str, Any]) -> None:
        super().__init__()
        self.goal = goal
        self._leave_anyway = False
        self.error_text = ""

    def compose(self) -> ComposeResult:
        goal = self.goal
        with VerticalScroll(id="edit-body"):
            yield Static(literal(f"Change “{goal['title']}”"), id="edit-heading")
            for key, label in LINES:
                yield Static(label, classes="edit-label")
                yield Input(field_text(goal, key), id=f"edit-{key}")
                if key == "title":
                    yield Static("Measured as", classes="edit-label")
                    yield Select([(name, kind) for kind, name in KIND_NAMES.items()],
                                 value=goal["measure"]["kind"], allow_blank=False, id="edit-kind")
            for key, label in AREAS:
                yield Static(label, classes="edit-label")
                yield TextArea(field_text(goal, key), id=f"edit-{key}", soft_wrap=True, show_line_numbers=False)
        yield Static("", id="edit-error")
        with Horizontal(id="edit-actions"):
            yield Button("Save", id="save", variant="primary")
            yield Button("Back without saving", id="cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#edit-error", Static).display = False
        self.query_one("#edit-title", Input).focus()

    def typed(self) -> dict[str, str]:
        """The fields that differ from the goal as it is, as typed."""
        typed: dict[str, str] = {}
        kind = self.query_one("#edit-kind", Select).value
        if kind != self.goal["measure"]["kind"]:
            typed["kind"] = str(kind)
        for key, _ in LINES:
            value = self.query_one(f"#edit-{key}", Input).value
            if value.strip() != field_text(self.goal, key).strip():
                typed[key] = value
        for key, _ in AREAS:
            value = self.query_one(f"#edit-{key}", TextArea).text
            if value != field_text(self.goal, key):
                typed[key] = value
        if "kind" in typed and "target" not in typed:
            typed["target"] = self.query_one("#edit-target", Input).value
        return typed

    def save(self) -> bool | None:
        """True saved, None nothing to save, False something does not fit (said on screen)."""
        typed = self.typed()
        if not typed:
            return None
        try:
            changes = changes_from_text(self.goal, typed)
            self.goal = GoalBook(self.app.store, goal_clock(self.app)).edit(self.goal["id"], changes)
        except GoalProblem as problem:
            self.show_error(str(problem), typed)
            return False
        except (StoreError, OSError) as error:
            self.show_error(f"{error} What you typed is still here; try again.", typed)
            return False
        return True

    def show_error(self, message: str, typed: dict[str, str]) -> None:
        self.error_text = message
        error = self.query_one("#edit-error", Static)
        error.update(literal(message))
        error.display = True
        lowered = message.casefold()
        for key in ("target", "schedule", "start", "review", "title"):
            if key in typed and (key in lowered or {"schedule": "how often", "review": "look-back",
                                                     "title": "name", "start": "start"}.get(key, "") in lowered):
                self.query_one(f"#edit-{key}").focus()
                break

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        result = self.save()
        if result is not False:
            self.app.notify("Saved." if result else "Nothing was changed.", timeout=4)
            self.dismiss()

    def action_leave(self) -> None:
        result = self.save()
        if result is False and not self._leave_anyway:
            self._leave_anyway = True
            error = self.query_one("#edit-error", Static)
            error.update(literal(self.error_text + " Press Escape again to leave without saving."))
            return
        if result:
            self.app.notify("Saved.", timeout=4)
        self.dismiss()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss()
