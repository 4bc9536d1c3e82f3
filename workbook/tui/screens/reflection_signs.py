"""Signs of progress over time (a small trend per sign, one sentence), and your breakthroughs.

The trend reads only the small progress index (see workbook.goals.follow), never
years of entries. A breakthrough opens in full from the entries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Sparkline, Static
from textual.widgets.option_list import Option

from workbook.goals.follow import BREAKTHROUGH, SIGNS, follow, forget, indexed
from workbook.insights.reflection import SIGNS as SIGN_LIST, LOWER_IS_EASIER, Rating, ratings_from_rows, series, signs_finding
from workbook.store.base import StoreError
from workbook.tui.screens.goals_detail import goal_clock
from workbook.tui.text import literal, one_line
from workbook.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp


class SignsScreen(Screen[None]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
SignsScreen #signs-body { height: 1fr; padding: 0 1; }
SignsScreen #signs-title { text-style: bold; color: $primary; }
SignsScreen #signs-finding { margin: 1 0; }
SignsScreen #signs-rows { height: auto; }
SignsScreen .sign-row { height: 1; }
SignsScreen .sign-name { width: 30; }
SignsScreen .sign-row Sparkline { width: 1fr; height: 1; margin-right: 2; }
SignsScreen .sign-ends { width: 12; }
SignsScreen .signs-heading { text-style: bold; color: $accent; margin-top: 1; }
SignsScreen #breakthroughs { height: auto; max-height: 10; }
SignsScreen #signs-note { color: $text-muted; }
"""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("r", "rate", "Rate the signs"),
        # In the note at the bottom (l), or where this page was opened from (w), not in the
        # footer: at 80 columns they pushed F1 and F2 (crisis help) out of sight.
        Binding("l", "log", "Log a breakthrough", show=False),
        Binding("w", "app.week", "Your week", show=False),
    ]

    app: WorkbookApp

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="signs-body"):
            yield Static("Signs of progress", id="signs-title")
            yield Static("Reading your ratings…", id="signs-finding")
            yield Vertical(id="signs-rows")
            yield Static("Breakthroughs", classes="signs-heading")
            yield OptionList(id="breakthroughs")
            yield Static("r rate the five signs · l log a breakthrough · Enter opens one", id="signs-note")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._read()
        self._shown = True

    def on_screen_resume(self) -> None:
        # Also sent when the screen first appears, before it is mounted: only a return counts.
        if getattr(self, "_shown", False):
            self._read()

    @work(thread=True, exclusive=True, group="signs")
    def _read(self) -> None:
        store = self.app.store
        try:
            follow(store, goal_clock(self.app))
            ratings = ratings_from_rows(indexed(store, SIGNS))
            breakthroughs = list(reversed(indexed(store, BREAKTHROUGH)))
        except (StoreError, OSError) as error:
            self.app.call_from_thread(self._finding, str(error))
            return
        self.app.call_from_thread(self._show, ratings, breakthroughs)

    def _finding(self, text: str) -> None:
        self.query_one("#signs-finding", Static).update(literal(text))

    async def _show(self, ratings: list[Rating], breakthroughs: list[tuple[str, dict[str, Any]]]) -> None:
        self._finding(signs_finding(ratings))
        rows = self.query_one("#signs-rows", Vertical)
        await rows.remove_children()
        if ratings:
            for sign, name in SIGN_LIST:
                points = series(ratings, sign)
                if not points:
                    continue
                values = [float(v) for _, v in points]
                ends = f"{points[0][1]} → {points[-1][1]}" if len(points) > 1 else str(points[0][1])
                label = name + (" (lower is less)" if sign in LOWER_IS_EASIER else "")
                row = Horizontal(
                    Static(one_line(label, 30), classes="sign-name"),
                    Sparkline(values if len(values) > 1 else values * 2, id=f"spark-{sign}"),
                    Static(ends, classes="sign-ends"),
                    classes="sign-row",
                )
                await rows.mount(row)
        listing = self.query_one("#breakthroughs", OptionList)
        listing.clear_options()
        if not breakthroughs:
            listing.add_option(Option("None written yet. Press l to write one down while it is fresh.", disabled=True))
        for entry_id, row in breakthroughs:
            when = str(row.get("finished_at") or "")[:10]
            kind = str(row.get("kind") or "")
            listing.add_option(Option(Content.assemble(
                (when, "dim"), "  ", literal(one_line(kind, 34), "bold"), "\n  ",
                literal(one_line(str(row.get("preview") or "(no words written)"), 70)),
            ), id=entry_id))
        if breakthroughs:
            listing.highlighted = 0

    @on(OptionList.OptionSelected, "#breakthroughs")
    def _open(self, event: OptionList.OptionSelected) -> None:
        entry_id = event.option.id
        if not entry_id:
            return
        try:
            entry = self.app.store.get_entry(entry_id)
        except StoreError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        if entry is None:
            forget(self.app.store, entry_id)
            self.notify("That breakthrough is no longer among your entries, so it has been taken off this list.")
            self._read()
            return
        from workbook.tui.screens.entry import EntryScreen

        self.app.push_screen(EntryScreen(entry))

    def action_rate(self) -> None:
        self._open_exercise(SIGNS)

    def action_log(self) -> None:
        self._open_exercise(BREAKTHROUGH)

    def _open_exercise(self, exercise_id: str) -> None:
        if exercise_id in self.app.catalog.exercises:
            self.app.open_exercise(exercise_id)
        else:
            self.notify("That exercise is not in this workbook.")
