"""A row of numbers to pick from, with the exercise's words at each end."""

from __future__ import annotations

import time
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from workbook.content.models import ScaleStep
from workbook.tui.text import literal
from workbook.tui.widgets.base import StepInput

DIGIT_PAUSE = 1.0  # seconds within which "1" then "0" means 10


class ScaleRow(Widget, can_focus=True):
    """The numbers themselves. Left/right, Home/End, digits, or a click choose one."""

    DEFAULT_CSS = """
    ScaleRow {
        height: 1;
        width: 1fr;
    }
    ScaleRow:focus {
        background: $boost;
        text-style: none;
    }
    """

    BINDINGS = [
        Binding("left", "move(-1)", "Lower", show=False),
        Binding("right", "move(1)", "Higher", show=False),
        Binding("home", "jump('min')", "Lowest", show=False),
        Binding("end", "jump('max')", "Highest", show=False),
    ]

    selected: reactive[int | None] = reactive(None)

    def __init__(self, low: int, high: int, value: int | None = None) -> None:
        super().__init__()
        self.low, self.high = low, high
        self.set_reactive(ScaleRow.selected, value if isinstance(value, int) and low <= value <= high else None)
        self._digits = ""
        self._digit_time = 0.0

    @property
    def cell_width(self) -> int:
        return max(len(str(self.low)), len(str(self.high))) + 2

    def fits(self) -> bool:
        return (self.high - self.low + 1) * self.cell_width <= max(self.size.width, 1)

    def render(self) -> Content:
        chosen = "bold reverse"
        if self.fits():
            parts = []
            for number in range(self.low, self.high + 1):
                text = str(number).center(self.cell_width)
                parts.append((text, chosen) if number == self.selected else text)
            return Content.assemble(*parts)
        shown = "–" if self.selected is None else str(self.selected)
        return Content.assemble("◀ ", (f" {shown} ", chosen), f" ▶   ({self.low} to {self.high})")

    def action_move(self, step: int) -> None:
        if self.selected is None:
            self.selected = self.low if step > 0 else self.high
        else:
            self.selected = max(self.low, min(self.high, self.selected + step))

    def action_jump(self, end: str) -> None:
        self.selected = self.low if end == "min" else self.high

    def on_key(self, event: events.Key) -> None:
        if event.character is None or not event.character.isdigit():
            return
        event.stop()
        now = time.monotonic()
        combined = self._digits + event.character if now - self._digit_time < DIGIT_PAUSE else event.character
        candidate = int(combined)
        if not self.low <= candidate <= self.high:
            combined, candidate = event.character, int(event.character)
        self._digits, self._digit_time = combined, now
        if self.low <= candidate <= self.high:
            self.selected = candidate

    def on_click(self, event: events.Click) -> None:
        if not self.fits():
            if event.x <= 1:
                self.action_move(-1)
            elif event.x <= len(str(self.selected)) + 6:
                self.action_move(1)
            return
        index = event.x // self.cell_width
        if 0 <= index <= self.high - self.low:
            self.selected = self.low + index


class ScaleInput(StepInput):
    DEFAULT_CSS = """
    ScaleInput .scale-ends { height: auto; }
    ScaleInput .scale-ends Static { width: 1fr; color: $text-muted; }
    ScaleInput .scale-ends .scale-high { text-align: right; }
    ScaleInput .scale-hint { color: $text-muted; margin-top: 1; }
    """

    step: ScaleStep

    def compose(self) -> ComposeResult:
        step = self.step
        yield ScaleRow(step.min, step.max, self.preset)
        with Horizontal(classes="scale-ends"):
            yield Static(literal(f"{step.min} · {step.min_label}" if step.min_label else str(step.min)))
            yield Static(
                literal(f"{step.max_label} · {step.max}" if step.max_label else str(step.max)), classes="scale-high"
            )
        yield Static("← → or a number to choose · Enter to go on", classes="scale-hint")

    @property
    def value(self) -> Any:
        return self.query_one(ScaleRow).selected

    def on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            self.submit()
