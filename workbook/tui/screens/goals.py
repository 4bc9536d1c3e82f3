"""Your goals: each with its plan, streak and the last 7 and 30 days; a way to every action.

Enter opens a goal (details, edit, pause, complete, archive, start again); n sets up a
new one through a short exercise; c opens the daily check-in. Archived goals are
hidden until v shows them; nothing is ever deleted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from workbook.goals import GoalBook, follow
from workbook.goals.model import review_due
from workbook.goals.progress import Progress
from workbook.goals.words import plan_text
from workbook.store.base import StoreError
from workbook.tui.text import literal, one_line
from workbook.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp


def progress_cells(progress: Progress) -> tuple[str, str, str]:
    """(streak, last 7 days, last 30 days) for a table row."""
    if progress.days_since is not None:
        return f"day {progress.days_since.current}", "", ""
    streak = progress.streak.text() if progress.streak else ""
    week = progress.last_7.text() if progress.last_7 else ""
    month = progress.last_30.text() if progress.last_30 else ""
    return streak, week, month


class GoalsScreen(Screen[None]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
GoalsScreen #goals-head { height: auto; padding: 0 1; }
GoalsScreen #goals-title { text-style: bold; color: $primary; }
GoalsScreen #goals-note { color: $text-muted; }
GoalsScreen DataTable { height: 1fr; }
GoalsScreen #goals-status { height: auto; padding: 0 1; color: $text-muted; }
"""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("n", "new_goal", "New goal"),
        # Named in the note above the table instead of the footer: at 80 columns they
        # pushed F1 and F2 (crisis help) out of sight.
        Binding("c", "app.checkin", "Check-in", show=False),
        Binding("v", "toggle_archived", "Show archived", show=False),
    ]

    app: WorkbookApp

    def __init__(self) -> None:
        super().__init__()
        self.show_archived = False
        self.goals: dict[str, dict[str, Any]] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="goals-head"):
            yield Static("Your goals", id="goals-title")
            yield Static("Reading your goals…", id="goals-note")
        table = DataTable(cursor_type="row", zebra_stripes=True, id="goals-table")
        table.add_column("Goal", key="goal", width=26)
        table.add_column("Plan", key="plan", width=22)
        table.add_column("Streak", key="streak", width=9)
        table.add_column("7 days", key="week", width=6)
        table.add_column("30 days", key="month", width=7)
        yield table
        yield Static("", id="goals-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload(first=True)
        self._shown = True

    def on_screen_resume(self) -> None:
        # Also sent when the screen first appears, before it is mounted: only a return counts.
        if getattr(self, "_shown", False):
            self.reload()

    def reload(self, first: bool = False) -> None:
        self._read(first, self.show_archived)

    @work(thread=True, exclusive=True, group="goals")
    def _read(self, first: bool, archived: bool) -> None:
        book = GoalBook(self.app.store, getattr(self.app, "goal_clock", None))
        notes: list[str] = []
        try:
            followed = follow(self.app.store, book.clock)
            notes = [f"New goal: {g['title']}." for g in followed.goals] + followed.notes
            goals = book.goals(include_archived=archived)
            hidden = 0 if archived else sum(1 for g in book.goals() if g.get("status") == "archived")
            rows = [(goal, book.progress(goal)) for goal in goals]
        except (StoreError, OSError) as error:
            self.app.call_from_thread(self._note, str(error))
            return
        self.app.call_from_thread(self._show, rows, hidden, notes, book.today)

    def _note(self, message: str) -> None:
        self.query_one("#goals-note", Static).update(literal(message))

    def _show(self, rows: list[tuple[dict[str, Any], Progress]], hidden: int, notes: list[str], today: Any) -> None:
        table = self.query_one(DataTable)
        wanted = None
        if table.row_count:
            wanted = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        table.clear()
        self.goals = {}
        for goal, progress in rows:
            self.goals[goal["id"]] = goal
            status = goal.get("status", "active")
            plan = plan_text(goal)
            if status != "active":
                plan = f"{status} · {plan}"
            elif review_due(goal, today):
                plan = f"look back · {plan}"
            style = "" if status == "active" else "dim"
            streak, week, month = progress_cells(progress)
            table.add_row(
                Text(one_line(goal["title"], 26), style=style), Text(one_line(plan, 22), style=style),
                Text(streak, style=style), Text(week, style=style), Text(month, style=style), key=goal["id"],
            )
        if wanted in self.goals:
            table.move_cursor(row=table.get_row_index(wanted))
        if not rows:
            self._note("No goals yet. Press n to set one up; it takes a few minutes." if not hidden else
                       f"Only archived goals ({hidden}); press v to see them.")
        else:
            extra = f" · {hidden} archived (v shows them)" if hidden else ""
            self._note("Enter opens a goal: edit, pause, complete, archive. n new · c check-in" + extra)
        self.query_one("#goals-status", Static).update(literal(" ".join(notes)))
        table.focus()

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        goal_id = event.row_key.value
        if goal_id in self.goals:
            from workbook.tui.screens.goals_detail import GoalDetailScreen

            self.app.push_screen(GoalDetailScreen(goal_id))

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.reload()

    def action_new_goal(self) -> None:
        from workbook.tui.screens.goals_dialogs import NewGoalDialog

        available = set(self.app.catalog.exercises)
        if not available & {"smart-goal", "self-care-set", "days-since", "meetings"}:
            self.notify("The goal exercises are not in this workbook, so a goal cannot be set up here.")
            return
        self.app.push_screen(NewGoalDialog(available), lambda chosen: chosen and self.app.open_exercise(chosen))
