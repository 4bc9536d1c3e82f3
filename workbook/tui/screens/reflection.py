"""Your week: the week's own data (entries, goals, distress) beside its weekly reflection.

← and → move between weeks; r writes this week's reflection (the exercise opens, and
the finished reflection shows up here beside the data); s opens signs of progress.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from workbook.goals import GoalBook
from workbook.goals.weekly import load_week
from workbook.insights.reflection import REFLECTION_ID, WeekSummary, week_of
from workbook.store.base import StoreError
from workbook.tui.screens.goals_detail import goal_clock
from workbook.tui.text import answer_text, literal
from workbook.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp


def week_title(monday: date) -> str:
    sunday = monday + timedelta(days=6)
    if monday.month == sunday.month:
        return f"{monday.day}–{sunday.day} {sunday.strftime('%B %Y')}"
    return f"{monday.day} {monday.strftime('%B')} – {sunday.day} {sunday.strftime('%B %Y')}"


class WeekScreen(Screen[None]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
WeekScreen #week-head { height: auto; padding: 0 1; }
WeekScreen #week-title { text-style: bold; color: $primary; }
WeekScreen #week-note { color: $text-muted; }
WeekScreen #week-columns { height: 1fr; }
WeekScreen .week-column { width: 1fr; height: 1fr; padding: 0 1; }
WeekScreen #week-reflection { border-left: tall $primary-muted; }
WeekScreen .week-heading { text-style: bold; color: $accent; margin-top: 1; }
WeekScreen .week-prompt { text-style: bold; margin-top: 1; }
WeekScreen .week-answer { padding-left: 2; }
"""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        # Arrows and s are named in the note at the top, not in the footer: at 80 columns
        # they pushed F1 and F2 (crisis help) out of sight.
        Binding("left", "earlier", "Earlier week", show=False),
        Binding("right", "later", "Later week", show=False),
        Binding("r", "write", "Write reflection"),
        Binding("s", "app.signs", "Signs of progress", show=False),
    ]

    app: WorkbookApp

    def __init__(self, day: date | None = None) -> None:
        super().__init__()
        self.wanted = day
        self.monday: date | None = None
        self.summary: WeekSummary | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="week-head"):
            yield Static("Your week", id="week-title")
            yield Static("Reading your week…", id="week-note")
        with Horizontal(id="week-columns"):
            yield VerticalScroll(id="week-data", classes="week-column")
            yield VerticalScroll(id="week-reflection", classes="week-column")
        yield KeyFooter()

    @property
    def book(self) -> GoalBook:
        return GoalBook(self.app.store, goal_clock(self.app))

    def on_mount(self) -> None:
        book = self.book
        self.monday = week_of(self.wanted or book.today)
        self._read(self.monday)

    def on_screen_resume(self) -> None:
        if self.monday is not None and self.summary is not None:
            self._read(self.monday)

    @work(thread=True, exclusive=True, group="week")
    def _read(self, monday: date) -> None:
        try:
            summary = load_week(self.book, monday)
        except (StoreError, OSError) as error:
            self.app.call_from_thread(self._note, str(error))
            return
        self.app.call_from_thread(self._show, summary)

    def _note(self, message: str) -> None:
        self.query_one("#week-note", Static).update(literal(message))

    async def _show(self, summary: WeekSummary) -> None:
        if summary.monday != self.monday:
            return
        self.summary = summary
        this_week = week_of(self.book.today)
        when = " (this week)" if summary.monday == this_week else ""
        self.query_one("#week-title", Static).update(f"Your week · {week_title(summary.monday)}{when}")
        self._note("← → other weeks · r write this week's reflection · s signs of progress")
        data = self.query_one("#week-data", VerticalScroll)
        await data.remove_children()
        widgets: list[Static] = [Static("What the week held", classes="week-heading")]
        widgets.append(Static(literal(summary.entries_sentence())))
        widgets.append(Static("Goals", classes="week-heading"))
        widgets.append(Static(literal(summary.goals_sentence())))
        for row in summary.goals:
            widgets.append(Static(Content.assemble("• ", literal(row.title, "bold"), ": ", literal(row.text()))))
        widgets.append(Static("Distress", classes="week-heading"))
        widgets.append(Static(literal(summary.distress.sentence())))
        await data.mount_all(widgets)
        reflection = self.query_one("#week-reflection", VerticalScroll)
        await reflection.remove_children()
        shown: list[Static] = [Static("Your reflection", classes="week-heading")]
        if not summary.reflections:
            shown.append(Static("No weekly reflection was written this week. Press r to write one now; "
                                "it will appear here, beside the week."))
        for entry in summary.reflections:
            shown.extend(self._answers(entry))
        await reflection.mount_all(shown)

    @staticmethod
    def _answers(entry: dict[str, Any]) -> list[Static]:
        prompts = entry.get("prompts") or {}
        widgets: list[Static] = []
        for key, value in (entry.get("answers") or {}).items():
            if isinstance(value, dict):
                continue  # the quiet minutes' timer: nothing to read back
            widgets.append(Static(literal(str(prompts.get(key) or key)), classes="week-prompt"))
            widgets.append(Static(literal(answer_text(value)), classes="week-answer"))
        return widgets or [Static("(nothing was written)")]

    def action_earlier(self) -> None:
        if self.monday is not None:
            self.monday -= timedelta(days=7)
            self._note("Reading…")
            self._read(self.monday)

    def action_later(self) -> None:
        if self.monday is not None and self.monday < week_of(self.book.today):
            self.monday += timedelta(days=7)
            self._note("Reading…")
            self._read(self.monday)

    def action_write(self) -> None:
        if REFLECTION_ID in self.app.catalog.exercises:
            self.app.open_exercise(REFLECTION_ID)
        else:
            self.notify("The weekly reflection exercise is not in this workbook.")
