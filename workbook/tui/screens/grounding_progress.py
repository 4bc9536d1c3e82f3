"""How grounding has gone: every session with distress before → after, a chart of the
change over time with one plain sentence, and which techniques help this person most.

The entries are read in a worker (there may be years of them); the chart widget is
imported only when there is something to draw, so neither slows anything else down.
Numbers are described, never praised or blamed.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from workbook.insights.grounding import (
    CATEGORY,
    Point,
    Session,
    Technique,
    change_words,
    drop_over_time,
    finding,
    grounding_sessions,
    techniques,
)
from workbook.store.base import StoreError
from workbook.tui.text import literal, one_line, when
from workbook.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp

CHART_HEIGHT = 10
# Rows are added a page at a time, as the cursor nears the end: thousands of rows at
# once would keep the screen from painting for seconds.
FIRST_ROWS = 100
PAGE_ROWS = 200
LOAD_AHEAD = 40
NO_CHART_YET = "The chart appears once two sessions have a rating both before and after."


def rating(value: int | None) -> str:
    return "—" if value is None else str(value)


class GroundingProgressScreen(Screen[None]):
    # Layout of this screen (unscoped: the selectors already name it).
    SCOPED_CSS = False
    DEFAULT_CSS = f"""
GroundingProgressScreen #gp-body {{ padding: 0 1; height: 1fr; }}
GroundingProgressScreen #gp-title {{ text-style: bold; color: $primary; }}
GroundingProgressScreen #gp-finding {{ margin: 1 0 0 0; }}
GroundingProgressScreen #gp-chart-slot {{ height: auto; margin-top: 1; }}
GroundingProgressScreen #gp-chart {{ height: {CHART_HEIGHT}; }}
GroundingProgressScreen .gp-note {{ color: $text-muted; }}
GroundingProgressScreen .gp-heading {{ text-style: bold; margin-top: 1; }}
GroundingProgressScreen #gp-sessions {{ height: auto; max-height: 30; }}
"""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    app: WorkbookApp

    def __init__(self) -> None:
        super().__init__()
        self.loaded = False
        self.sessions: list[Session] = []
        self.techniques: list[Technique] = []
        self.finding = ""
        self.points: list[Point] = []
        self.entries: dict[str, dict[str, Any]] = {}
        self.rows = 0  # sessions shown in the table so far

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="gp-body"):
            yield Static("How grounding has gone", id="gp-title")
            yield Static("Reading your grounding sessions…", id="gp-finding")
            yield Vertical(id="gp-chart-slot")
            yield Static("What helps you most", classes="gp-heading")
            yield Static("", id="gp-techniques")
            yield Static("Sessions, newest first (Enter opens one)", classes="gp-heading")
            table = DataTable(cursor_type="row", zebra_stripes=True, id="gp-sessions")
            table.add_column("When", key="when", width=16)
            table.add_column("Exercise", key="exercise", width=24)
            table.add_column("Before → after", key="ratings", width=14)
            table.add_column("Change", key="change")
            yield table
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#gp-body").focus()
        self._read()

    @work(thread=True, exclusive=True, group="grounding-progress")
    def _read(self) -> None:
        import textual_plotext  # noqa: F401  (slow to import: done here, while the screen paints)

        try:
            entries = [e for e in self.app.store.iter_entries() if e.get("category") == CATEGORY]
        except StoreError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        sessions = grounding_sessions(entries)
        found = (
            sessions, techniques(sessions), finding(sessions), drop_over_time(sessions),
            {str(e.get("id")): e for e in entries},
        )
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, *found)

    def _failed(self, message: str) -> None:
        self.query_one("#gp-finding", Static).update(literal(message))

    async def _show(
        self,
        sessions: list[Session],
        found: list[Technique],
        sentence: str,
        points: list[Point],
        entries: dict[str, dict[str, Any]],
    ) -> None:
        self.sessions, self.techniques, self.finding, self.entries = sessions, found, sentence, entries
        self.points = points
        if not sessions:
            sentence += " Press F3 whenever you would like to choose one."
        self.query_one("#gp-finding", Static).update(literal(sentence))
        await self._draw_chart(points)
        self.query_one("#gp-techniques", Static).update(self._describe_techniques(found))
        self._add_rows(FIRST_ROWS)
        self.loaded = True

    def _add_rows(self, count: int) -> None:
        table = self.query_one("#gp-sessions", DataTable)
        more = self.sessions[self.rows : self.rows + count]
        # add_rows gives no keys, so rows map to sessions by position (both newest first).
        table.add_rows(
            (
                Text(when(s.finished_at)),
                Text(one_line(s.title, 24)),
                Text(f"{rating(s.before)} → {rating(s.after)}"),
                Text(change_words(s.before, s.after)),
            )
            for s in more
        )
        self.rows += len(more)

    @on(DataTable.RowHighlighted, "#gp-sessions")
    def _near_end(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= self.rows - LOAD_AHEAD and self.rows < len(self.sessions):
            self._add_rows(PAGE_ROWS)

    @staticmethod
    def _describe_techniques(found: list[Technique]) -> Text:
        if not found:
            return Text("Once you have done a few grounding sessions, this shows which ones help you most.")
        lines = [f"{one_line(t.title, 40)}: {t.describe()}" for t in found]
        return Text("\n".join(lines))

    async def _draw_chart(self, points: list[Point]) -> None:
        slot = self.query_one("#gp-chart-slot", Vertical)
        await slot.remove_children()
        if len(points) < 2:
            await slot.mount(Static(NO_CHART_YET, classes="gp-note"))
            return
        from textual_plotext import PlotextPlot  # only here, never at start (the worker imported it)

        chart = PlotextPlot(id="gp-chart")
        await slot.mount(chart)
        plt = chart.plt
        xs = list(range(1, len(points) + 1))
        plt.plot(xs, [p.drop for p in points], marker="braille")
        plt.hline(0)
        weekly = any(p.sessions > 1 for p in points)
        plt.title(
            f"Change in distress {'each week, on average' if weekly else 'per session'} "
            "(before minus after; above 0 = eased)"
        )
        first, last = points[0].label, points[-1].label
        plt.xticks([1, len(points)], [first, last] if first != last else [first, ""])
        low = math.floor(min(0.0, min(p.drop for p in points)))
        high = math.ceil(max(1.0, max(p.drop for p in points)))
        plt.ylim(low - 0.5, high + 0.5)
        step = max(1, (high - low) // 4)  # whole points only: ratings are whole numbers
        plt.yticks(list(range(low, high + 1, step)))
        chart.refresh()

    @on(DataTable.RowSelected, "#gp-sessions")
    def _open(self, event: DataTable.RowSelected) -> None:
        index = event.cursor_row
        if not 0 <= index < len(self.sessions):
            return
        entry = self.entries.get(self.sessions[index].entry_id)
        if entry is None:
            self.notify("That session could not be found. It may have been removed.", severity="warning")
            return
        from workbook.tui.screens.entry import EntryScreen

        self.app.push_screen(EntryScreen(entry))
