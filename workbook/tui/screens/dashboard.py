"""Progress: "am I getting better?", one small chart and one plain sentence per panel.

The numbers come from month summaries kept up to date on every save
(insights/summaries.py), read in a worker thread; the panels are built by pure functions
(insights/dashboard.py). Charts are drawn by textual-plotext (imported only when the
first chart is drawn) into the panel's own text, and tiny series are sparklines: one
widget per panel keeps the page quick to open. Keys 1-4 (or a click) choose the range.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from workbook.insights.dashboard import RANGES, Panel
from workbook.store.base import StoreError
from workbook.tui.text import clean, literal
from workbook.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from workbook.insights.summaries import DashboardInputs
    from workbook.tui.app import WorkbookApp

PANEL_KEYS = ("grounding", "intensity", "journaling", "goals", "checkins", "progress")
WORKING = "Working it out…"
# Panels on a 0-10 scale keep that scale, so a small change never looks like a big one.
ZERO_TO_TEN = {"grounding", "intensity"}
CHART_HEIGHT = 9
MAX_TICKS = 5
SPARK_BARS = "▁▂▃▄▅▆▇█"
SPARK_LABEL = 34


def sparkline(values: list[float], low: float | None = None, high: float | None = None) -> str:
    """A one-line chart: one bar per value, from the lowest (▁) to the highest (█)."""
    if not values:
        return ""
    low = min(values) if low is None else low
    high = max(values) if high is None else high
    span = (high - low) or 1
    last = len(SPARK_BARS) - 1
    return "".join(SPARK_BARS[max(0, min(last, round((v - low) / span * last)))] for v in values)


def _rgb(color: Any) -> tuple[int, int, int]:
    from textual.color import Color

    parsed = Color.parse(color) if color else Color.parse("ansi_blue")
    return parsed.rgb


def chart_text(panel: Panel, width: int, colors: list[tuple[int, int, int]]) -> Text:
    """The panel's series drawn by plotext, `width` columns wide, as text."""
    from textual_plotext.plot import Plot  # plotext is slow to import: only when drawing

    plt = Plot()
    plt.theme("clear")
    positions = list(range(len(panel.labels)))
    if panel.kind == "bar":
        counts = [v or 0 for v in panel.series[0].values]
        plt.bar(positions, counts, marker="sd", width=0.6, color=colors[0])
        top = int(max(counts)) or 1
        every = max(1, -(-top // 4))
        plt.yticks(list(range(0, top + 1, every)))  # counts are whole numbers
    else:
        for index, series in enumerate(panel.series):
            points = [(x, v) for x, v in zip(positions, series.values) if v is not None]
            if points:
                xs, ys = zip(*points)
                label = series.name if len(panel.series) > 1 else None
                plt.plot(list(xs), list(ys), marker="braille", label=label, color=colors[index % len(colors)])
    if panel.key in ZERO_TO_TEN:
        plt.ylim(0, 10)
    step = max(1, -(-len(positions) // MAX_TICKS))
    ticks = positions[::step]
    if ticks:
        plt.xticks(ticks, [panel.labels[i] for i in ticks])
    plt.plotsize(width, CHART_HEIGHT)
    plt._set_size(width, CHART_HEIGHT)  # see textual_plotext's PlotextPlot.render: both are needed
    return Text.from_ansi(plt.build().rstrip("\n"), no_wrap=True, end="")


class PanelView(Static):
    """One panel in one widget: its title, the sentence, the chart (or sparklines), a note."""

    def __init__(self, key: str) -> None:
        super().__init__(WORKING, id=f"panel-{key}", classes="panel")
        self.key = key
        self.panel: Panel | None = None
        self.sentence = WORKING
        self._drawn_width = 0

    def working(self) -> None:
        self.sentence = WORKING
        title = self.panel.title if self.panel else ""
        self.update(Text.assemble((clean(title), "bold"), "\n" if title else "", WORKING))

    def show(self, panel: Panel) -> None:
        self.panel, self.sentence = panel, panel.sentence
        self.draw()

    def on_resize(self, event: events.Resize) -> None:
        if self.panel is not None and self.sentence != WORKING and event.size.width != self._drawn_width:
            self.draw()

    def draw(self) -> None:
        panel = self.panel
        if panel is None:
            return
        width = max(20, self.size.width or 76)
        self._drawn_width = width
        parts: list[Any] = [(clean(panel.title), "bold"), "\n", clean(panel.sentence)]
        if panel.has_data:
            parts.append("\n")
            parts.append(self._sparklines(panel, width) if panel.kind == "spark" else self._chart(panel, width))
        if panel.note:
            parts += ["\n", (clean(panel.note), "dim")]
        self.update(Text.assemble(*parts))

    def _colors(self) -> list[tuple[int, int, int]]:
        theme = self.app.current_theme
        return [_rgb(theme.primary), _rgb(theme.warning or theme.secondary), _rgb(theme.accent)]

    def _chart(self, panel: Panel, width: int) -> Text:
        return chart_text(panel, width, self._colors())

    def _sparklines(self, panel: Panel, width: int) -> Text:
        lines = Text()
        color = "rgb({},{},{})".format(*self._colors()[0])
        for series in panel.series:
            values = [float(v) for v in series.values if v is not None]
            if not values:
                continue
            if lines:
                lines.append("\n")
            name = clean(series.name)[:SPARK_LABEL].ljust(SPARK_LABEL)
            scale = (0, 100) if panel.key == "goals" else (0, 10)
            lines.append(name, style="dim")
            lines.append(" " + sparkline(values[-(width - SPARK_LABEL - 2):], *scale), style=color)
        return lines


def range_bar(active: str) -> Content:
    """The range switch: each range with its key; the chosen one stands out, the others click."""
    parts: list[Any] = []
    for number, choice in enumerate(RANGES, start=1):
        words = f" {number} {choice.label} "
        if choice.key == active:
            parts.append((words, "bold reverse"))
        else:
            parts.append(Content.from_markup(f"[@click=screen.range('{choice.key}')]{words}[/]"))
        parts.append(" ")
    return Content.assemble(*parts)


class DashboardScreen(Screen[None]):
    # Layout of this screen (unscoped: the selectors already name it).
    SCOPED_CSS = False
    DEFAULT_CSS = """
DashboardScreen #dash-head { height: auto; padding: 0 1; }
DashboardScreen #dash-title { text-style: bold; color: $primary; }
DashboardScreen #dash-sub { color: $text-muted; }
DashboardScreen #dash-body { height: 1fr; padding: 0 1; scrollbar-gutter: stable; }
DashboardScreen .panel { margin-top: 1; }
DashboardScreen #dash-problem { color: $warning; height: auto; }
"""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        # Not in the footer: the range bar shows them, and F2 (crisis help) keeps its place.
        Binding("1", "range('4w')", "4 weeks", show=False),
        Binding("2", "range('3m')", "3 months", show=False),
        Binding("3", "range('1y')", "A year", show=False),
        Binding("4", "range('all')", "All", show=False),
    ]

    app: WorkbookApp

    def __init__(self, range_key: str = "4w", today: date | None = None) -> None:
        super().__init__()
        self.range_key = range_key
        self.today = today  # None: the day it is when the page is worked out
        self.inputs: DashboardInputs | None = None
        self.shown_range: str | None = None  # the range whose panels are on screen

    def compose(self) -> ComposeResult:
        with Vertical(id="dash-head"):
            yield Static("Your progress", id="dash-title")
            yield Static("How things have changed over time. Information for you, never a verdict.",
                         id="dash-sub")
            yield Static(range_bar(self.range_key), id="dash-range")
        with VerticalScroll(id="dash-body"):
            yield Static("", id="dash-problem")
            for key in PANEL_KEYS:
                yield PanelView(key)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#dash-problem").display = False
        self.query_one("#dash-body").focus()
        self.load(self.range_key)

    def on_screen_resume(self) -> None:
        if self.shown_range is not None:  # back from an exercise opened over this page: read again
            self.inputs = None
            self.load(self.range_key)

    def panel_view(self, key: str) -> PanelView:
        return self.query_one(f"#panel-{key}", PanelView)

    # -- choosing a range ----------------------------------------------------------------------
    def action_range(self, key: str) -> None:
        if key != self.range_key:
            self.range_key = key
            self.query_one("#dash-range", Static).update(range_bar(key))
            self.load(key)

    # -- working it out ------------------------------------------------------------------------
    def load(self, range_key: str) -> None:
        if self.shown_range is not None:  # the first time, every panel already says so
            for view in self.query(PanelView):
                view.working()
        self._compute(range_key)

    @work(thread=True, exclusive=True, group="dashboard", exit_on_error=False)
    def _compute(self, range_key: str) -> None:
        from workbook.insights.dashboard import build_panels
        from workbook.insights import summaries

        try:
            if self.inputs is None:
                self.inputs = summaries.load_dashboard(self.app.store, defer_writes=True)
            inputs = self.inputs
            today = self.today or date.today()
            panels = build_panels(inputs.summaries, today, range_key, inputs.goals, inputs.marks)
        except (StoreError, OSError) as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        except Exception:  # noqa: BLE001 - never leave the page saying "working it out" for ever
            self.app.call_from_thread(self._failed, "Something went wrong on our side; your entries are safe.")
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, range_key, panels)
        if inputs.pending:  # summaries rebuilt just now (after an import): kept once on screen
            try:
                summaries.keep_summaries(self.app.store, inputs.pending)
            except Exception:  # noqa: BLE001 - derived data; rebuilt again next time
                pass

    def _show(self, range_key: str, panels: list[Panel]) -> None:
        if range_key != self.range_key:
            return  # a newer range was chosen meanwhile; its panels are on the way
        shown = {panel.key: panel for panel in panels}
        for view in self.query(PanelView):
            panel = shown.get(view.key)
            view.display = panel is not None
            if panel is not None:
                view.show(panel)
        problem = self.inputs.problem if self.inputs else ""
        box = self.query_one("#dash-problem", Static)
        box.update(literal(problem))
        box.display = bool(problem)
        self.shown_range = range_key

    def _failed(self, message: str) -> None:
        box = self.query_one("#dash-problem", Static)
        box.update(literal(f"Your progress could not be worked out just now. {message}"))
        box.display = True
        for view in self.query(PanelView):
            view.update("")
            view.sentence = ""
