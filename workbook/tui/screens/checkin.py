"""The daily check-in: every goal due today on one screen, answered from the keyboard.

Each row takes y or n, or a number (or a time), typed straight into it; y and n move on
to the next row by themselves. Enter saves everything typed. Below today's goals come
the days missed in the last week, to catch up on; ← and → show another day.

Opening reads only what it needs: the goals, their day marks (which carry the streaks),
and the answers already given today. Nothing typed is lost: Escape saves it too.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.screen import Screen
from textual.widgets import DataTable, Static

from workbook.goals import GoalBook, follow
from workbook.goals.book import CATCH_UP_DAYS, CheckinRow
from workbook.goals.measures import AnswerProblem, answer_hint, format_value, parse_answer, short_hint
from workbook.goals.words import day_label, long_day
from workbook.store.base import StoreError
from workbook.tui.text import literal, one_line
from workbook.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp

SECTION = "section:catch-up"
EARLIEST = 60  # how many days back ← goes
TYPED_KEYS = {
    "done": set("yn"),
    "days-since": set("yn"),
    "count": set("0123456789"),
    "amount": set("0123456789.,"),
    "time": set("0123456789:.apm "),
}


class CheckinTable(DataTable[Any]):
    """Rows of goals; letters and digits go into the highlighted row's answer."""

    BINDINGS = [
        Binding("enter", "screen.save", "Save", show=True),
        # Named in the note above the rows ("← → another day"), not in the footer: at 80
        # columns they pushed F1 and F2 (crisis help) out of sight.
        Binding("left", "screen.earlier_day", "Earlier day", show=False),
        Binding("right", "screen.later_day", "Later day", show=False),
        Binding("backspace", "screen.erase", "Erase", show=False),
        Binding("delete", "screen.clear_row", "Clear", show=False),
    ]

    def on_key(self, event: Key) -> None:
        if event.character and len(event.character) == 1 and event.character.isprintable():
            if self.screen.type_char(event.character):  # type: ignore[attr-defined]
                event.stop()
                event.prevent_default()


class CheckinScreen(Screen[None]):
    # Focused from the start: focusing later would lay out the footer a second time.
    AUTO_FOCUS = "CheckinTable"
    SCOPED_CSS = False
    DEFAULT_CSS = """
CheckinScreen #checkin-head { height: auto; padding: 0 1; }
CheckinScreen #checkin-title { text-style: bold; color: $primary; }
CheckinScreen #checkin-note { color: $text-muted; }
CheckinScreen CheckinTable { height: 1fr; }
CheckinScreen #checkin-status { height: auto; padding: 0 1; color: $text-muted; }
CheckinScreen #checkin-status.-problem { color: $warning; text-style: bold; }
"""

    BINDINGS = [Binding("escape", "leave", "Back (saves)")]

    app: WorkbookApp

    def __init__(self, day: date | None = None, clock: Any = None) -> None:
        super().__init__()
        self.clock = clock
        self.wanted_day = day
        self.day: date | None = None
        self.rows: dict[str, CheckinRow] = {}
        self.typed: dict[str, str] = {}
        self.loaded = False
        self._leave_anyway = False
        self.status_text = ""
        self._last_row = 0
        self._looking = False
        self.book: GoalBook | None = None

    def compose(self) -> ComposeResult:
        self.book = GoalBook(self.app.store, self.clock or getattr(self.app, "goal_clock", None))
        with Vertical(id="checkin-head"):
            yield Static("Check-in", id="checkin-title")
            yield Static("Reading your goals…", id="checkin-note")
        table = CheckinTable(cursor_type="row", zebra_stripes=True, id="checkin-rows")
        table.add_column("Goal", key="goal", width=32)
        table.add_column("Answer", key="answer", width=13)
        table.add_column("Streak", key="streak", width=9)
        table.add_column("7 days", key="week", width=6)
        table.add_column("30 days", key="month", width=7)
        yield table
        yield Static("", id="checkin-status")
        yield KeyFooter()

    # -- reading ---------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="checkin")
    def _load(self, day: date, first: bool = False) -> None:
        """Another day's rows (← →), or the first ones when the marks must be worked out again."""
        assert self.book is not None
        try:
            rows = self.book.checkin_rows(day)
        except (StoreError, OSError) as error:
            self.app.call_from_thread(self.show_status, f"{error}", True)
            return
        self.app.call_from_thread(self._show, day, rows, [])
        if first:
            self.app.call_from_thread(self.call_after_refresh, self._look_further, day)

    @work(thread=True, exclusive=True, group="checkin-more")
    def _look_further(self, day: date) -> None:
        """After the rows are painted, two checks that may add to them: goals from goal
        exercises finished in plain mode, and marks that fell behind a failed save."""
        assert self.book is not None
        self._looking = True
        try:
            followed = follow(self.app.store, self.book.clock)
            notes = [f"New goal: {g['title']}." for g in followed.goals] + followed.notes
            if self.book.marks_were_behind() or followed.goals:
                self.app.call_from_thread(self._show, day, self.book.checkin_rows(day), notes)
            elif notes:
                self.app.call_from_thread(self.show_status, " ".join(notes))
        except (StoreError, OSError) as error:
            self.app.call_from_thread(self.show_status, f"{error}", True)
        finally:
            self._looking = False

    def on_mount(self) -> None:
        # The rows come from two small files (the goals and their day marks), read once:
        # reading them here paints the screen sooner than handing over to a thread, which
        # waits for the screen to be laid out first. Everything slower is in _look_further.
        assert self.book is not None
        day = self.wanted_day or self.book.today
        try:
            if not self.book.marks_at_hand():  # rare: worked out from every check-in, in a thread
                self._load(day, first=True)
                return
            self.book.marks(check=False)
            rows = self.book.checkin_rows(day)
        except (StoreError, OSError) as error:
            self.show_status(str(error), True)
            return
        self._show(day, rows, [])
        self.call_after_refresh(self._look_further, day)

    def _show(self, day: date, rows: list[CheckinRow], notes: list[str]) -> None:
        assert self.book is not None
        today = self.book.today
        # Typed answers stay if the same day is shown again (nothing typed is ever dropped).
        same_day = day == self.day
        keep = {k: v for k, v in self.typed.items() if same_day and any(r.key == k for r in rows)}
        current = self._current() if same_day else None  # shown again: stay on the same row
        self.day = day
        self.rows = {row.key: row for row in rows}
        self.typed = keep
        earlier = "" if day == today else " (an earlier day)"
        self.query_one("#checkin-title", Static).update(f"Check-in · {long_day(day)}{earlier}")
        note = self.query_one("#checkin-note", Static)
        table = self.query_one(CheckinTable)
        was_on = current.key if current else None
        table.clear()
        if not rows:
            note.update(
                "No goals to check in on for this day. Press o on the home screen for your goals, "
                "or ← for an earlier day." if day != today or self.book.goals() else
                "No goals yet. Press o on the home screen to set one up; it takes a few minutes."
            )
        else:
            note.update("Type y or n, or a number, in each row. ↑ ↓ move · Enter saves · ← → another day.")
        shown_section = False
        for row in rows:
            if row.catch_up and not shown_section:
                table.add_row(Text(f"Catching up (last {CATCH_UP_DAYS} days)", style="bold"),
                              "", "", "", "", key=SECTION)
                shown_section = True
            table.add_row(*self._cells(row), key=row.key)
        self.loaded = True
        if self.focused is None:
            table.focus()
        if was_on in self.rows:
            table.move_cursor(row=table.get_row_index(was_on))
        self._skip_section(table, 1)
        if notes:
            self.show_status(" ".join(notes))

    def _cells(self, row: CheckinRow) -> tuple[Any, ...]:
        assert self.book is not None
        goal, progress = row.goal, row.progress
        label = goal["title"]
        if row.catch_up:
            label = f"{day_label(row.day, self.book.today)} · {label}"
        elif progress.this_week is not None:
            got, asks = progress.this_week
            label = f"{label} · {got}/{asks} this week"
        streak = week = month = ""
        if row.catch_up:
            pass  # the goal's own row (today) carries its streak and rates
        elif progress.days_since is not None:
            streak = f"day {progress.days_since.current}"
        else:
            if progress.streak is not None:
                streak = progress.streak.text()
            week = progress.last_7.text() if progress.last_7 else ""
            month = progress.last_30.text() if progress.last_30 else ""
        return (Text(one_line(label, 32)), self._answer_cell(row), Text(streak), Text(week), Text(month))

    def _answer_cell(self, row: CheckinRow) -> Text:
        measure = row.goal["measure"]
        typed = self.typed.get(row.key)
        if typed is None:
            if row.value is None:
                return Text(short_hint(measure), style="dim")
            return Text(format_value(measure, row.value))
        if typed == "":
            return Text("(clear)", style="bold")
        try:
            value = parse_answer(measure, typed)
        except AnswerProblem:
            return Text(f"{typed}…", style="bold")
        return Text(f"{format_value(measure, value)} *", style="bold")

    # -- typing ------------------------------------------------------------------------------
    def _current(self) -> CheckinRow | None:
        table = self.query_one(CheckinTable)
        if not self.loaded or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.rows.get(key or "")

    def type_char(self, char: str) -> bool:
        row = self._current()
        if row is None:
            return False
        kind = row.goal["measure"]["kind"]
        lowered = char.casefold()
        if lowered not in TYPED_KEYS.get(kind, set()):
            self.show_status(f"“{one_line(row.goal['title'], 40)}” takes {answer_hint(row.goal['measure'])}.")
            return True
        if kind in ("done", "days-since"):
            self._set_typed(row, lowered)
            self._move(1)
        else:
            self._set_typed(row, (self.typed.get(row.key) or "") + lowered)
        return True

    def _set_typed(self, row: CheckinRow, text: str) -> None:
        self.typed[row.key] = text
        self.query_one(CheckinTable).update_cell(row.key, "answer", self._answer_cell(row))
        pending = len(self.typed)
        self.show_status(f"{pending} answer{'s' if pending != 1 else ''} not saved yet · Enter saves.")

    def action_erase(self) -> None:
        row = self._current()
        if row is not None:
            current = self.typed.get(row.key)
            if current is None:
                current = "" if row.value is None else _typed_form(row)
            self._set_typed(row, current[:-1])

    def action_clear_row(self) -> None:
        row = self._current()
        if row is not None:
            self._set_typed(row, "")

    def _move(self, step: int) -> None:
        table = self.query_one(CheckinTable)
        target = min(max(0, table.cursor_row + step), table.row_count - 1)
        table.move_cursor(row=target)
        self._skip_section(table, step)

    def _skip_section(self, table: CheckinTable, step: int) -> None:
        if table.row_count and table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == SECTION:
            target = table.cursor_row + (1 if step >= 0 else -1)
            if not 0 <= target < table.row_count:
                target = table.cursor_row - (1 if step >= 0 else -1)
            if 0 <= target < table.row_count:
                table.move_cursor(row=target)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value == SECTION:  # the heading row is never answered: step past it
            going_up = event.cursor_row < self._last_row
            self._skip_section(self.query_one(CheckinTable), -1 if going_up else 1)
        else:
            self._last_row = event.cursor_row

    # -- saving ------------------------------------------------------------------------------
    def pending_changes(self) -> tuple[list[tuple[dict[str, Any], date, Any]], list[tuple[str, str]]]:
        """(changes ready to save, [(row key, problem)] for typed answers that do not fit)."""
        changes: list[tuple[dict[str, Any], date, Any]] = []
        problems: list[tuple[str, str]] = []
        for key, text in self.typed.items():
            row = self.rows[key]
            try:
                value = parse_answer(row.goal["measure"], text)
            except AnswerProblem as problem:
                problems.append((key, f"“{one_line(row.goal['title'], 40)}”: {problem}"))
                continue
            if value != row.value:
                changes.append((row.goal, row.day, value))
        return changes, problems

    def action_save(self) -> bool:
        """Save what is typed. Returns True when nothing typed is left unsaved."""
        if not self.loaded or self.book is None:
            return True
        if self._looking:  # the first look is still writing (a moment at most): save right after it
            self.set_timer(0.05, self.action_save)
            return False
        changes, problems = self.pending_changes()
        if problems:
            key, message = problems[0]
            table = self.query_one(CheckinTable)
            table.move_cursor(row=table.get_row_index(key))
            self.show_status(message + " Everything else you typed is still here.", problem=True)
            return False
        if not changes:
            self.typed.clear()
            self.show_status("Nothing new to save." if self.rows else "")
            return True
        try:
            saved = self.book.save_checkins(changes)
        except (StoreError, OSError) as error:
            self.show_status(f"{error} What you typed is still here; press Enter to try again.", problem=True)
            return False
        self._after_save(changes)
        self.show_status(f"Saved {saved} answer{'s' if saved != 1 else ''}. Escape goes back.")
        return True

    def _after_save(self, changes: list[tuple[dict[str, Any], date, Any]]) -> None:
        assert self.book is not None
        table = self.query_one(CheckinTable)
        values = {(goal["id"], day): value for goal, day, value in changes}
        touched = {goal["id"] for goal, _, _ in changes}
        self.typed.clear()
        for key, row in self.rows.items():
            if (row.goal["id"], row.day) in values:
                row.value = values[(row.goal["id"], row.day)]
            if row.goal["id"] in touched:
                row.progress = self.book.progress(row.goal)
                for column, cell in zip(("goal", "answer", "streak", "week", "month"), self._cells(row)):
                    table.update_cell(key, column, cell)
            else:
                table.update_cell(key, "answer", self._answer_cell(row))
        lapsed = [(goal, day) for goal, day, value in changes if goal["measure"]["kind"] == "days-since" and value is False]
        if lapsed:
            self._offer_start_again(*lapsed[0])

    def _offer_start_again(self, goal: dict[str, Any], day: date) -> None:
        from workbook.tui.screens.goals_dialogs import StartAgainDialog

        def chosen(answer: dict[str, Any] | None) -> None:
            if not answer or self.book is None:
                return
            try:
                self.book.start_again(goal["id"], on=answer["on"], note=answer.get("note") or "")
            except Exception as error:  # GoalProblem or a store error: said plainly, nothing lost
                self.show_status(str(error), problem=True)
                return
            self.show_status("A new stretch has begun. The days you had are kept with the rest.")
            self._load(self.day)

        self.app.push_screen(StartAgainDialog(goal, day, honest=True), chosen)

    # -- moving about ------------------------------------------------------------------------
    def _go_to_day(self, day: date) -> None:
        if self._looking:
            self.set_timer(0.05, lambda: self._go_to_day(day))
            return
        if self.typed and not self.action_save():
            return
        self.loaded = False
        self._load(day)

    def action_earlier_day(self) -> None:
        if self.day is not None and self.book is not None and self.day > self.book.today - timedelta(days=EARLIEST):
            self._go_to_day(self.day - timedelta(days=1))

    def action_later_day(self) -> None:
        if self.day is not None and self.book is not None and self.day < self.book.today:
            self._go_to_day(self.day + timedelta(days=1))

    def action_leave(self) -> None:
        if self._looking:
            self.set_timer(0.05, self.action_leave)
            return
        if self.typed and not self.action_save() and not self._leave_anyway:
            self._leave_anyway = True
            self.show_status(self.status_text + " Press Escape again to leave without it.", problem=True)
            return
        self.dismiss()

    def show_status(self, message: str, problem: bool = False) -> None:
        self.status_text = message
        status = self.query_one("#checkin-status", Static)
        status.update(literal(message))
        status.set_class(problem, "-problem")


def _typed_form(row: CheckinRow) -> str:
    from workbook.goals.measures import typed_form

    return typed_form(row.goal["measure"], row.value)
