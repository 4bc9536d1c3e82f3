"""Patterns in the journal: a chart for each finding, and a plain sentence that says it.

The numbers come from insights.patterns (the same as `workbook patterns` prints),
worked out in a worker from the store's read-only scan. Charts are drawn with
textual-plotext, imported only here, when the screen is first opened. Every chart has
its sentence right above it, so the finding is there in words for anyone who cannot
see the chart (or would rather not read one).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Label, Select, Static

from workbook.insights.patterns import DAYS, PARTS, Count, Findings, findings
from workbook.store.base import StoreError
from workbook.tui.text import literal, one_line
from workbook.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp

PERIODS = [("Everything", 0), ("The last 30 days", 30), ("The last 90 days", 90), ("The last year", 365)]
SHADES = " ░▒▓█"
EMPTY = (
    "There are no entries about hard moments here yet. When you write a trigger journal, "
    "log a moment or fill in a thought record, what they show will appear here."
)


def when_chart(counts: tuple[tuple[int, ...], ...]) -> Content:
    """Days down, parts of the day across: a shaded block and the number in each cell."""
    most = max((n for row in counts for n in row), default=0) or 1
    # Starts with a word: leading spaces on a Static's first line are not kept.
    header = f"{'':<11}" + "".join(f"{name:^12}" for name, _, _ in PARTS)
    header = "Day" + header[3:]
    lines: list[Any] = [(header, "bold"), "\n"]
    for day, row in zip(DAYS, counts):
        lines.append(f"{day:<11}")
        for count in row:
            shade = SHADES[0 if not count else max(1, round(4 * count / most))]
            lines.append((f"{shade * 4}", "$accent"))
            lines.append(f" {count:<7}")
        lines.append("\n")
    return Content.assemble(*lines[:-1])


class PatternsScreen(Screen[None]):
    # Layout of this screen (unscoped: the selectors already name it).
    SCOPED_CSS = False
    DEFAULT_CSS = """
PatternsScreen #patterns-head { height: auto; padding: 0 1; }
PatternsScreen #patterns-title { text-style: bold; color: $primary; }
PatternsScreen #patterns-period { height: 1; margin-top: 1; }
PatternsScreen #patterns-period Label { width: auto; margin-right: 1; color: $text-muted; }
PatternsScreen #patterns-period Select { width: 24; }
PatternsScreen #patterns-note { color: $text-muted; height: auto; }
PatternsScreen #patterns-body { height: 1fr; padding: 0 1; }
PatternsScreen .finding { height: auto; margin-top: 1; }
PatternsScreen .finding-title { text-style: bold; color: $accent; }
PatternsScreen .finding-sentence { height: auto; }
PatternsScreen .chart { height: 10; margin-top: 1; }
PatternsScreen .when-chart { height: auto; margin-top: 1; }
"""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]
    AUTO_FOCUS = "#patterns-body"

    app: WorkbookApp

    def __init__(self) -> None:
        super().__init__()
        self.result: Findings | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="patterns-head"):
            yield Static("Patterns in your journal", id="patterns-title")
            with Horizontal(id="patterns-period"):
                yield Label("Looking at")
                yield Select(PERIODS, value=0, allow_blank=False, compact=True, id="period")
            yield Static("Reading your entries…", id="patterns-note")
        yield VerticalScroll(id="patterns-body", can_focus=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self._work_out(0)

    @on(Select.Changed, "#period")
    def _period(self, event: Select.Changed) -> None:
        self.query_one("#patterns-note", Static).update("Reading your entries…")
        self._work_out(int(event.value or 0))  # type: ignore[arg-type]

    @work(thread=True, exclusive=True, group="patterns")
    def _work_out(self, days: int) -> None:
        since = date.today() - timedelta(days=days - 1) if days else None
        try:
            result = findings(self.app.store.monthly("entries").scan(), since=since)
        except StoreError as error:
            self.app.call_from_thread(self.query_one("#patterns-note", Static).update, literal(str(error)))
            return
        self.app.call_from_thread(self._show, result, days)

    async def _show(self, result: Findings, days: int) -> None:
        self.result = result
        note = self.query_one("#patterns-note", Static)
        period = "" if not days else f" from the last {days} days" if days != 365 else " from the last year"
        count = result.entries
        note.update(
            f"Based on {count} {'entry' if count == 1 else 'entries'} about hard moments{period}. "
            "These are patterns to notice, not judgements."
            if count else EMPTY
        )
        body = self.query_one("#patterns-body", VerticalScroll)
        await body.remove_children()
        if not count:
            return
        await body.mount_all(self._sections(result))
        body.scroll_home(animate=False)

    def _sections(self, result: Findings) -> list[Widget]:
        sections = [
            self._finding("Feelings you named most", result.emotions_sentence,
                          self._bars(result.emotions, "entries")),
            self._finding("What set it off", result.triggers_sentence,
                          self._bars(result.triggers or result.trigger_words, "entries")),
            self._finding("When they happen", result.when_sentence,
                          Static(when_chart(result.when.counts), classes="when-chart")),
            self._finding("How strong, over time", result.intensity_sentence, self._intensity_chart(result)),
            self._finding("What came before calmer feelings", result.coping_sentence, self._coping_chart(result)),
        ]
        if result.traps_sentence:
            sections.append(self._finding("Thinking traps you noticed", result.traps_sentence,
                                          self._bars(result.traps, "times")))
        return sections

    @staticmethod
    def _finding(title: str, sentence: str, chart: Widget | None) -> Widget:
        parts: list[Widget] = [Static(title, classes="finding-title"),
                               Static(literal(sentence), classes="finding-sentence")]
        if chart is not None:
            parts.append(chart)
        return Vertical(*parts, classes="finding")

    # -- charts -----------------------------------------------------------------------------------
    @staticmethod
    def _plot() -> Any:
        from textual_plotext import PlotextPlot  # only here: it is heavy, and only this screen draws

        return PlotextPlot(classes="chart")

    def _bars(self, counts: list[Count], unit: str) -> Widget | None:
        if not counts:
            return None
        chart = self._plot()
        shown = counts[:6]
        chart.styles.height = max(6, 2 * len(shown) + 3)
        plt = chart.plt
        labels = [one_line(c.label, 24) for c in reversed(shown)]
        plt.bar(labels, [c.count for c in reversed(shown)], orientation="horizontal", width=0.4)
        most = shown[0].count
        step = max(1, round(most / 4))
        plt.xticks(list(range(0, most + 1, step)))  # whole numbers: these are counts
        plt.xlabel(f"number of {unit}")
        return chart

    def _intensity_chart(self, result: Findings) -> Widget | None:
        periods = result.intensity
        if len(periods) < 2:
            return None
        chart = self._plot()
        chart.styles.height = 12
        plt = chart.plt
        first = periods[0].start
        xs = [(p.start - first).days for p in periods]  # true distances: a quiet month leaves a gap
        plt.plot(xs, [round(p.mean, 1) for p in periods], marker="braille")
        step = max(1, len(periods) // 5)
        ticks = list(range(0, len(periods), step))
        fmt = "%b %Y" if result.intensity_by == "month" else "%d %b"
        plt.xticks([xs[i] for i in ticks], [periods[i].start.strftime(fmt) for i in ticks])
        plt.ylim(0, 10)
        plt.ylabel("average, 0-10")
        plt.xlabel("by month" if result.intensity_by == "month" else "by week")
        return chart

    def _coping_chart(self, result: Findings) -> Widget | None:
        effects = result.coping[:6]
        if not effects:
            return None
        chart = self._plot()
        chart.styles.height = max(6, 2 * len(effects) + 3)
        plt = chart.plt
        labels = [f"{one_line(e.action, 22)} ({e.times})" for e in reversed(effects)]
        plt.bar(labels, [round(e.mean_drop, 1) for e in reversed(effects)], orientation="horizontal", width=0.4)
        plt.xlabel("how much less strong by the end, on average (0-10)")
        return chart
