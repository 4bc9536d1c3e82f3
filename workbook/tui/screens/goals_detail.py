"""One goal in full, and everything that can be done with it. Nothing here deletes anything."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from workbook.goals import GoalBook
from workbook.goals.model import GoalProblem
from workbook.goals.words import detail_lines
from workbook.store.base import StoreError
from workbook.tui.screens.dialogs import NARROW_BREAKPOINTS
from workbook.tui.text import literal
from workbook.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp

SAID = {
    "paused": "Paused. Paused days are never counted as missed.",
    "active": "Active again.",
    "completed": "Marked as completed. It stays here, with all its check-ins.",
    "archived": "Archived: out of the way, with nothing deleted. You can restore it from your goals (v).",
}


def goal_clock(app: Any) -> Any:
    """The clock goals use: the app's `goal_clock` if one is set (tests), else the computer's."""
    return getattr(app, "goal_clock", None)


class GoalDetailScreen(Screen[None]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
GoalDetailScreen #goal-body { padding: 0 2; height: 1fr; }
GoalDetailScreen #goal-title { text-style: bold; color: $primary; margin-bottom: 1; }
GoalDetailScreen .goal-line { margin-top: 0; }
GoalDetailScreen .goal-label { text-style: bold; margin-top: 1; }
GoalDetailScreen .goal-text { padding-left: 2; }
GoalDetailScreen #goal-status { height: auto; padding: 0 1; color: $text-muted; }
GoalDetailScreen #goal-actions { height: auto; padding: 0 1; }
GoalDetailScreen #goal-actions Button { margin-right: 1; min-width: 8; }
/* Narrow terminals: the actions in two columns, or the last ones would be off the right edge. */
GoalDetailScreen.-narrow #goal-actions { layout: grid; grid-size: 2; grid-rows: 1; grid-gutter: 0 1; }
GoalDetailScreen.-narrow #goal-actions Button { width: 100%; margin: 0; }
"""

    HORIZONTAL_BREAKPOINTS = NARROW_BREAKPOINTS
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("e", "edit", "Edit"),
        # The buttons below show these; in the footer too, at 80 columns they pushed
        # F1 and F2 (crisis help) out of sight.
        Binding("p", "pause_or_resume", "Pause/resume", show=False),
        Binding("m", "complete", "Completed", show=False),
        Binding("a", "archive", "Archive/restore", show=False),
        Binding("s", "start_again", "Start again", show=False),
    ]

    app: WorkbookApp

    def __init__(self, goal_id: str) -> None:
        super().__init__()
        self.goal_id = goal_id
        self.goal: dict[str, Any] | None = None

    @property
    def book(self) -> GoalBook:
        return GoalBook(self.app.store, goal_clock(self.app))

    def compose(self) -> ComposeResult:
        yield VerticalScroll(id="goal-body")
        yield Static("", id="goal-status")
        with Horizontal(id="goal-actions"):
            yield Button("Edit", id="edit", compact=True)
            yield Button("Pause", id="pause", compact=True)
            yield Button("Completed", id="complete", compact=True)
            yield Button("Archive", id="archive", compact=True)
            yield Button("Start again", id="again", compact=True)
        yield KeyFooter()

    async def on_mount(self) -> None:
        await self.refresh_goal()
        self._shown = True

    def on_screen_resume(self) -> None:
        # Also sent when the screen first appears, before it is mounted: only a return counts.
        if getattr(self, "_shown", False):
            self.call_later(self.refresh_goal)

    async def refresh_goal(self) -> None:
        book = self.book
        try:
            self.goal = book.get(self.goal_id)
        except StoreError as error:
            self.show_status(str(error))
            return
        body = self.query_one("#goal-body", VerticalScroll)
        await body.remove_children()
        if self.goal is None:
            await body.mount(Static("This goal could not be found. It may have been changed elsewhere."))
            return
        goal = self.goal
        widgets: list[Static] = [Static(literal(goal["title"]), id="goal-title")]
        for label, text in detail_lines(goal, book.progress(goal, full=True), book.today):
            if label == "Goal":
                continue
            text = str(text)
            if "\n" in text or len(label) + len(text) > 70:  # the person's own longer words: a block
                widgets.append(Static(literal(label), classes="goal-label"))
                widgets.append(Static(literal(text), classes="goal-text"))
            else:
                widgets.append(Static(Content.assemble(literal(label, "bold"), ": ", literal(text)),
                                      classes="goal-line"))
        await body.mount_all(widgets)
        status = goal.get("status", "active")
        self.query_one("#pause", Button).label = "Resume" if status == "paused" else "Pause"
        self.query_one("#pause", Button).display = status in ("active", "paused")
        self.query_one("#complete", Button).label = "Make active" if status == "completed" else "Completed"
        self.query_one("#complete", Button).display = status != "archived"
        self.query_one("#archive", Button).label = "Restore" if status == "archived" else "Archive"
        self.query_one("#again", Button).display = goal["measure"]["kind"] == "days-since"

    def show_status(self, message: str) -> None:
        self.query_one("#goal-status", Static).update(literal(message))

    async def _set_status(self, status: str) -> None:
        try:
            updated = self.book.set_status(self.goal_id, status)
        except (StoreError, GoalProblem, OSError) as error:
            self.show_status(f"{error} Nothing was changed.")
            return
        await self.refresh_goal()
        self.show_status(SAID[updated["status"]])

    @on(Button.Pressed, "#pause")
    async def action_pause_or_resume(self) -> None:
        if self.goal and self.goal.get("status") in ("active", "paused"):
            await self._set_status("active" if self.goal["status"] == "paused" else "paused")

    @on(Button.Pressed, "#complete")
    async def action_complete(self) -> None:
        if self.goal and self.goal.get("status") != "archived":
            await self._set_status("active" if self.goal["status"] == "completed" else "completed")

    @on(Button.Pressed, "#archive")
    async def action_archive(self) -> None:
        if self.goal:
            await self._set_status("active" if self.goal["status"] == "archived" else "archived")

    @on(Button.Pressed, "#edit")
    def action_edit(self) -> None:
        if self.goal:
            from workbook.tui.screens.goals_edit import GoalEditScreen

            self.app.push_screen(GoalEditScreen(self.goal))

    @on(Button.Pressed, "#again")
    def action_start_again(self) -> None:
        if not self.goal or self.goal["measure"]["kind"] != "days-since":
            return
        from workbook.tui.screens.goals_dialogs import StartAgainDialog

        async def chosen(answer: dict[str, Any] | None) -> None:
            if not answer:
                return
            try:
                self.book.start_again(self.goal_id, on=answer["on"], note=answer.get("note") or "")
            except (StoreError, GoalProblem, OSError) as error:
                self.show_status(f"{error} Nothing was changed.")
                return
            await self.refresh_goal()
            self.show_status("A new stretch has begun. The days you had are kept, below.")

        self.app.push_screen(StartAgainDialog(self.goal, self.book.today), chosen)


