"""Timed steps: a gentle countdown with cues, and a breathing pacer.

Both start only when the person presses Start, can be paused and skipped, and
answer {"completed": bool, "seconds": int} as the engine expects. Time is measured
with a monotonic clock, so a slow screen never stretches a breath.
"""

from __future__ import annotations

import math
import time
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Button, Static

from workbook.content.models import BreathingStep, TimerStep, breathing_phases
from workbook.tui.text import duration, literal
from workbook.tui.widgets.base import StepInput

PHASE_WORDS = {"in": "Breathe in", "hold": "Hold", "out": "Breathe out"}


class TimedInput(StepInput):
    """Start / Pause / Skip around a clock. Subclasses say how long and what to show."""

    DEFAULT_CSS = """
    TimedInput { height: auto; }
    TimedInput .timed-face { height: auto; min-height: 3; padding: 0 0 1 0; }
    TimedInput .timed-buttons { height: auto; }
    TimedInput .timed-buttons Button { margin-right: 2; }
    """

    TICK = 0.2  # seconds between redraws

    def __init__(self, step: Any, value: Any = None, *, id: str | None = None) -> None:
        super().__init__(step, value, id=id)
        preset = value if isinstance(value, dict) else {}
        self.elapsed = float(preset.get("seconds") or 0)
        self.finished = bool(preset.get("completed"))
        self.running = False
        self._last: float | None = None
        self._ticker: Timer | None = None

    @property
    def total_seconds(self) -> float:
        raise NotImplementedError

    def face(self) -> Content:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        yield Static(self.face(), classes="timed-face")
        with Horizontal(classes="timed-buttons"):
            yield Button(self._start_label(), id="start", variant="primary", compact=True)
            yield Button("Skip", id="skip", compact=True)

    def on_mount(self) -> None:
        self._ticker = self.set_interval(self.TICK, self._tick, pause=True)

    @property
    def value(self) -> dict[str, Any]:
        self._advance()
        return {"completed": self.finished, "seconds": int(self.elapsed)}

    def _start_label(self) -> str:
        if self.finished:
            return "Again"
        if self.running:
            return "Pause"
        return "Resume" if self.elapsed else "Start"

    def _advance(self) -> None:
        if self.running and self._last is not None:
            now = time.monotonic()
            self.elapsed = min(self.total_seconds, self.elapsed + now - self._last)
            self._last = now
            if self.elapsed >= self.total_seconds:
                self.finished = True
                self._stop()
                self.post_message(self.Ready())

    def _tick(self) -> None:
        self._advance()
        self._redraw()

    def _redraw(self) -> None:
        self.query_one(".timed-face", Static).update(self.face())
        self.query_one("#start", Button).label = self._start_label()

    def _stop(self) -> None:
        self.running = False
        self._last = None
        if self._ticker is not None:
            self._ticker.pause()

    def start(self) -> None:
        if self.finished:
            self.elapsed, self.finished = 0.0, False
        self.running = True
        self._last = time.monotonic()
        if self._ticker is not None:
            self._ticker.resume()
        self._redraw()

    def pause(self) -> None:
        self._advance()
        self._stop()
        self._redraw()

    @on(Button.Pressed, "#start")
    def _start_or_pause(self, event: Button.Pressed) -> None:
        event.stop()
        self.pause() if self.running else self.start()

    @on(Button.Pressed, "#skip")
    def _skip(self, event: Button.Pressed) -> None:
        event.stop()
        self.pause()
        self.submit()

    def on_unmount(self) -> None:
        self._stop()


class TimerInput(TimedInput):
    step: TimerStep

    @property
    def total_seconds(self) -> float:
        return float(self.step.seconds)

    def current_cue(self) -> str | None:
        passed = [cue for cue in self.step.cues if cue.at <= self.elapsed]
        return max(passed, key=lambda cue: cue.at).text if passed else None

    def face(self) -> Content:
        left = max(0, math.ceil(self.total_seconds - self.elapsed))
        clock = f"{left // 60:02d}:{left % 60:02d}"
        if self.finished:
            words = "That is the time. Take a moment before you go on."
        elif not self.running and not self.elapsed:
            words = f"{duration(self.step.seconds)}. Press Start when you are ready."
        elif not self.running:
            words = "Paused. Start again whenever you like."
        else:
            words = self.current_cue() or ""
        return Content.assemble((clock, "bold"), "\n", literal(words))


class BreathingInput(TimedInput):
    step: BreathingStep

    def __init__(self, step: BreathingStep, value: Any = None, *, id: str | None = None) -> None:
        self.phases = breathing_phases(step.pattern)
        super().__init__(step, value, id=id)

    @property
    def cycle_seconds(self) -> int:
        return sum(length for _, length in self.phases)

    @property
    def total_seconds(self) -> float:
        return float(self.cycle_seconds * self.step.cycles)

    def where(self) -> tuple[int, str, int, float, int]:
        """(cycle from 1, phase name, phase index, fraction through phase, count from 1)."""
        moment = min(self.elapsed, self.total_seconds - 1e-6)
        cycle, within = divmod(moment, self.cycle_seconds)
        for index, (name, length) in enumerate(self.phases):
            if within < length:
                return int(cycle) + 1, name, index, within / length, int(within) + 1
            within -= length
        name, length = self.phases[-1]
        return int(cycle) + 1, name, len(self.phases) - 1, 1.0, length

    def fullness(self, name: str, index: int, fraction: float) -> float:
        """How full the breath bar is: growing in, shrinking out, still while holding."""
        if name == "in":
            return fraction
        if name == "out":
            return 1.0 - fraction
        before = self.phases[index - 1][0] if index > 0 else "out"
        return 1.0 if before == "in" else 0.0

    def face(self) -> Content:
        width = max(10, min(40, self.size.width - 4 if self.size.width else 40))
        if self.finished:
            return Content.assemble(("Well done.", "bold"), "\nNotice how your body feels now.")
        cycle, name, index, fraction, count = self.where()
        if not self.running and not self.elapsed:
            pattern = " · ".join(f"{PHASE_WORDS[n].lower()} {s}" for n, s in self.phases)
            rounds = "1 round" if self.step.cycles == 1 else f"{self.step.cycles} rounds"
            return Content(f"{rounds}: {pattern}.\nPress Start when you are ready.")
        filled = round(self.fullness(name, index, fraction) * width)
        bar = Content.assemble(("█" * filled, "$accent"), ("░" * (width - filled), "$text-disabled"))
        word = PHASE_WORDS[name] + ("  (paused)" if not self.running else "")
        return Content.assemble(
            (word, "bold"), f"  {count}", "\n", bar, "\n", (f"Round {cycle} of {self.step.cycles}", "dim")
        )
