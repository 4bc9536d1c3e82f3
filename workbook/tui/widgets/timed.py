"""Timed steps: a gentle countdown with cues, and a breathing pacer.

Both start only when the person presses Start, can be paused and skipped, and
answer {"completed": bool, "seconds": int} as the engine expects.

Timing never drifts: the time shown is always worked out from the moment Start was
pressed (a monotonic clock), and each redraw is scheduled for the next moment that
matters *measured from that start* (the next whole second, or the next animation
frame). A late redraw is never added to the next one, so a slow or busy screen can
delay a single update a little but can never stretch the breath that follows.

Reduced motion (a per-profile setting; on by default when the environment asks for
less motion) shows the pacer as words and counts only, redrawn once a second.
"""

from __future__ import annotations

import math
import os
import time
from typing import Any, Callable, Mapping

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Button, Static

from workbook.content.models import BreathingStep, TimerStep, breathing_phases
from workbook.store.base import StoreError
from workbook.tui.text import duration, literal
from workbook.tui.widgets.base import StepInput

Clock = Callable[[], float]

PHASE_WORDS = {"in": "Breathe in", "hold": "Hold", "out": "Breathe out"}

# -- reduced motion ---------------------------------------------------------------------
MOTION_SETTING = "reduced_motion"
_LESS_MOTION_LEVELS = ("none", "basic")  # Textual's TEXTUAL_ANIMATIONS levels that ask for less
_MOTION_VARIABLES = ("NO_MOTION", "REDUCE_MOTION")
_FALSE_WORDS = ("", "0", "false", "no", "off")


def environment_wants_less_motion(animation_level: str, environ: Mapping[str, str] | None = None) -> bool:
    """True when the terminal or the person's environment asks for less movement on screen."""
    if animation_level in _LESS_MOTION_LEVELS:
        return True
    environ = os.environ if environ is None else environ
    return any(environ.get(name, "").strip().lower() not in _FALSE_WORDS for name in _MOTION_VARIABLES)


def reduced_motion(app: App[Any]) -> bool:
    """The profile's choice if it made one, else what the environment asks for."""
    store = getattr(app, "store", None)
    chosen = None
    if store is not None:
        try:
            chosen = store.get_setting(MOTION_SETTING)
        except StoreError:
            chosen = None
    if isinstance(chosen, bool):
        return chosen
    return environment_wants_less_motion(app.animation_level)


def set_reduced_motion(app: App[Any], on: bool) -> None:
    """Switch every pacer at once and keep the choice for next time (the profile's settings)."""
    for screen in app.screen_stack:
        for pacer in screen.query(BreathingInput):
            pacer.reduced_motion = on
    said = (
        "The breathing pacer now shows words and counts only, with nothing moving."
        if on
        else "The breathing pacer now shows a shape that grows and shrinks with each breath."
    )
    store = getattr(app, "store", None)
    try:
        if store is not None:
            store.set_setting(MOTION_SETTING, on)
    except StoreError as error:
        app.notify(f"{said} {error} It will go back to before next time.", severity="warning", markup=False)
        return
    app.notify(said, timeout=5, markup=False)


# -- the shared clockwork ---------------------------------------------------------------
class TimedInput(StepInput):
    """Start / Pause / Skip around a clock. Subclasses say how long and what to show."""

    DEFAULT_CSS = """
    TimedInput { height: auto; }
    TimedInput .timed-face { height: auto; min-height: 3; padding: 0 0 1 0; }
    TimedInput .timed-buttons { height: auto; }
    TimedInput .timed-buttons Button { margin-right: 2; }
    """

    def __init__(self, step: Any, value: Any = None, *, id: str | None = None, clock: Clock | None = None) -> None:
        super().__init__(step, value, id=id)
        preset = value if isinstance(value, dict) else {}
        self.clock: Clock = clock or time.monotonic
        self.finished = bool(preset.get("completed"))
        # Seconds run before the current stretch (from a draft, or before a pause) ...
        self.banked = min(float(preset.get("seconds") or 0), self.total_seconds)
        # ... and the clock reading when the current stretch began (None while stopped).
        self.started_at: float | None = None
        self._wake: Timer | None = None

    # -- what subclasses say --------------------------------------------------------------
    @property
    def total_seconds(self) -> float:
        raise NotImplementedError

    def face(self) -> Content:
        raise NotImplementedError

    def frame_seconds(self) -> float | None:
        """Seconds between animation frames, or None to redraw only at whole seconds."""
        return None

    def shown(self) -> None:
        """Called after each redraw while running (for messages about what changed)."""

    # -- time -------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.started_at is not None

    @property
    def elapsed(self) -> float:
        if self.started_at is None:
            return self.banked
        return min(self.total_seconds, self.banked + self.clock() - self.started_at)

    def next_due(self, elapsed: float) -> float:
        """The next moment (seconds into the run) worth a redraw: a whole second or a frame."""
        due = math.floor(elapsed + 1e-9) + 1.0
        frame = self.frame_seconds()
        if frame:
            due = min(due, (math.floor(elapsed / frame + 1e-9) + 1) * frame)
        return min(due, self.total_seconds)

    def wake_in(self) -> float:
        """How long until the next redraw, from now."""
        elapsed = self.elapsed
        return max(0.0, self.next_due(elapsed) - elapsed)

    # -- layout ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(self.face(), classes="timed-face")
        with Horizontal(classes="timed-buttons"):
            yield Button(self._start_label(), id="start", variant="primary", compact=True)
            yield Button("Skip", id="skip", compact=True)

    @property
    def value(self) -> dict[str, Any]:
        return {"completed": self.finished, "seconds": int(self.elapsed)}

    def _start_label(self) -> str:
        if self.finished:
            return "Again"
        if self.running:
            return "Pause"
        return "Resume" if self.banked else "Start"

    def redraw(self) -> None:
        faces = self.query(".timed-face")
        if not faces:  # not composed yet
            return
        faces.first(Static).update(self.face())
        self.query_one("#start", Button).label = self._start_label()

    # -- running ----------------------------------------------------------------------------
    def update(self) -> None:
        """Bring the face up to date with the clock, then schedule the next redraw."""
        self._wake = None
        if not self.running:
            return
        if self.is_mounted and not self.screen.is_active:
            # Something opened over this step (grounding, help, crisis): wait for the person.
            self.pause()
            return
        if self.elapsed >= self.total_seconds:
            self.banked, self.started_at, self.finished = self.total_seconds, None, True
            self.redraw()
            self.post_message(self.Ready())
            return
        self.redraw()
        self.shown()
        self._schedule()

    def _schedule(self) -> None:
        self._cancel_wake()
        if self.running and self.is_mounted:
            self._wake = self.set_timer(max(self.wake_in(), 0.001), self.update, name="timed-step")

    def _cancel_wake(self) -> None:
        if self._wake is not None:
            self._wake.stop()
            self._wake = None

    def start(self) -> None:
        if self.finished:
            self.banked, self.finished = 0.0, False
        self.started_at = self.clock()
        self.update()

    def pause(self) -> None:
        self.banked = self.elapsed
        self.started_at = None
        self._cancel_wake()
        self.redraw()

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
        if self.running:
            self.banked, self.started_at = self.elapsed, None
        self._cancel_wake()


# -- a timer with cues ------------------------------------------------------------------
class TimerInput(TimedInput):
    step: TimerStep

    @property
    def total_seconds(self) -> float:
        return float(self.step.seconds)

    def current_cue(self) -> str | None:
        elapsed = self.elapsed
        passed = [cue for cue in self.step.cues if cue.at <= elapsed + 1e-9]
        return max(passed, key=lambda cue: cue.at).text if passed else None

    def face(self) -> Content:
        left = max(0, math.ceil(self.total_seconds - self.elapsed - 1e-9))
        clock = f"{left // 60:02d}:{left % 60:02d}"
        if self.finished:
            words = "That is the time. Take a moment before you go on."
        elif not self.running and not self.banked:
            words = f"{duration(self.step.seconds)}. Press Start when you are ready."
        elif not self.running:
            words = "Paused. Start again whenever you like."
        else:
            words = self.current_cue() or ""
        return Content.assemble((clock, "bold"), "\n", literal(words))


# -- the breathing pacer ----------------------------------------------------------------
class BreathingInput(TimedInput):
    """Paces a breathing pattern: the phase word and a count, and (unless motion is
    reduced) a shape that grows while breathing in and shrinks while breathing out."""

    # Said on the pacer itself, not in the footer: at 80 columns the footer has no room
    # left for it, and F3 must stay visible there.
    BINDINGS = [Binding("m", "toggle_motion", "Motion on/off", show=False)]

    FRAME = 0.1  # seconds between animation frames: smooth enough, light on the terminal
    SHAPE_MAX = 44  # widest the shape gets, in cells

    reduced_motion: reactive[bool] = reactive(False, init=False)

    class PhaseChanged(Message):
        """A new phase is on screen. `due` is when it was meant to begin (seconds into the
        run, worked out from the start); `shown` is when it was drawn."""

        def __init__(self, cycle: int, phase: str, index: int, due: float, shown: float) -> None:
            super().__init__()
            self.cycle, self.phase, self.index = cycle, phase, index
            self.due, self.shown = due, shown

    step: BreathingStep

    def __init__(
        self, step: BreathingStep, value: Any = None, *, id: str | None = None, clock: Clock | None = None
    ) -> None:
        self.phases = breathing_phases(step.pattern)
        super().__init__(step, value, id=id, clock=clock)
        self._last_phase: tuple[int, int] | None = None

    def on_mount(self) -> None:
        self.set_reactive(BreathingInput.reduced_motion, reduced_motion(self.app))
        self.redraw()

    def watch_reduced_motion(self) -> None:
        self.redraw()
        self._schedule()

    def action_toggle_motion(self) -> None:
        set_reduced_motion(self.app, not self.reduced_motion)

    @property
    def cycle_seconds(self) -> int:
        return sum(length for _, length in self.phases)

    @property
    def total_seconds(self) -> float:
        return float(self.cycle_seconds * self.step.cycles)

    def frame_seconds(self) -> float | None:
        return None if self.reduced_motion else self.FRAME

    def where(self, elapsed: float | None = None) -> tuple[int, str, int, float, int]:
        """(cycle from 1, phase name, phase index, fraction through phase, count from 1)."""
        moment = min(self.elapsed if elapsed is None else elapsed, self.total_seconds - 1e-6)
        cycle, within = divmod(moment + 1e-9, self.cycle_seconds)
        for index, (name, length) in enumerate(self.phases):
            if within < length:
                return int(cycle) + 1, name, index, within / length, int(within) + 1
            within -= length
        name, length = self.phases[-1]
        return int(cycle) + 1, name, len(self.phases) - 1, 1.0, length

    def phase_start(self, cycle: int, index: int) -> float:
        """When a phase is due to begin, in seconds from the start of the run."""
        return (cycle - 1) * self.cycle_seconds + sum(length for _, length in self.phases[:index])

    def fullness(self, name: str, index: int, fraction: float) -> float:
        """How full the breath is: growing in, shrinking out, still while holding. Eased,
        so the shape slows at the turns the way a breath does."""
        eased = 0.5 - 0.5 * math.cos(math.pi * fraction)
        if name == "in":
            return eased
        if name == "out":
            return 1.0 - eased
        before = self.phases[index - 1][0] if index > 0 else "out"
        return 1.0 if before == "in" else 0.0

    def shape(self, fullness: float, width: int) -> list[str]:
        """A rounded bar, centred, as wide as the breath is full."""
        span = 4 + round(fullness * (width - 4))
        pad = " " * ((width - span) // 2)
        return [pad + " " + "▄" * (span - 2), pad + "█" * span, pad + " " + "▀" * (span - 2)]

    def _hint(self) -> str:
        return "Press m to show a moving shape." if self.reduced_motion else "Press m for words only, nothing moving."

    def face(self) -> Content:
        if self.finished:
            return Content.assemble(("That was the last round.", "bold"), "\nNotice how your body feels now.")
        if not self.running and not self.banked:
            pattern = " · ".join(f"{PHASE_WORDS[n].lower()} {s}" for n, s in self.phases)
            rounds = "1 round" if self.step.cycles == 1 else f"{self.step.cycles} rounds"
            return Content.assemble(
                f"{rounds}: {pattern}.\nPress Start when you are ready.\n", (self._hint(), "dim")
            )
        cycle, name, index, fraction, count = self.where()
        length = self.phases[index][1]
        word = PHASE_WORDS[name] + ("  (paused)" if not self.running else "")
        rounds = (f"Round {cycle} of {self.step.cycles}", "dim")
        if self.reduced_motion:
            return Content.assemble((word, "bold"), f"  ·  {count} of {length}", "\n", rounds)
        width = max(10, min(self.SHAPE_MAX, (self.size.width or self.SHAPE_MAX) - 2))
        shape = "\n".join(self.shape(self.fullness(name, index, fraction), width))
        return Content.assemble((word, "bold"), f"  {count}", "\n", (shape, "$accent"), "\n", rounds)

    def shown(self) -> None:
        elapsed = self.elapsed
        cycle, name, index, _, _ = self.where(elapsed)
        if self._last_phase != (cycle, index):
            self._last_phase = (cycle, index)
            self.post_message(self.PhaseChanged(cycle, name, index, self.phase_start(cycle, index), elapsed))

    def start(self) -> None:
        self._last_phase = None
        super().start()
