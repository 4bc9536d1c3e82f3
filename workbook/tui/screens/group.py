"""Projector mode (`workbook group ID`): a facilitator leads a room through one exercise.

Everything is large and spread out: the prompt fills the middle of the screen, timers
are big digits, and the breathing pacer is a wide shape the back row can follow. Keys
move the whole room on together and pause; there are no answers to type and nothing
is saved: the app has no store at all.

It walks the exercise with the engine's Run, as a person with no answers yet would: a
step that only follows a particular answer (`when`) is left out, since a room has no
single answer. The timer and pacer are the exercise screen's own widgets (timed.py),
made bigger; their Start and Skip buttons are hidden because keys drive them here.
"""

from __future__ import annotations

import math
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Digits, Markdown, Static

from workbook.content.models import (
    BreathingStep,
    ChecklistStep,
    ChoiceStep,
    Exercise,
    InfoStep,
    ListStep,
    MultiChoiceStep,
    ScaleStep,
    Step,
    TextStep,
    TimerStep,
)
from workbook.crisis import Contact, crisis_contacts
from workbook.engine import Run
from workbook.tui.text import literal
from workbook.tui.theme import CALM_THEME, CALM_THEME_NAME
from workbook.tui.widgets.base import StepInput
from workbook.tui.widgets.timed import BreathingInput, TimedInput, TimerInput
from workbook.tui.widgets.footer import KeyFooter


class GroupTimer(TimerInput):
    """The exercise timer, with the time left in big digits."""

    def compose(self) -> ComposeResult:
        yield Digits(self.clock_text(), classes="group-digits")
        yield from super().compose()

    def clock_text(self) -> str:
        left = max(0, math.ceil(self.total_seconds - self.elapsed - 1e-9))
        return f"{left // 60:02d}:{left % 60:02d}"

    def redraw(self) -> None:
        super().redraw()
        if self.is_mounted:
            self.query_one(".group-digits", Digits).update(self.clock_text())


class GroupBreathing(BreathingInput):
    """The breathing pacer, wide and tall, with the count in big digits."""

    SHAPE_MAX = 160
    ROWS = 7

    def compose(self) -> ComposeResult:
        yield Digits("", classes="group-digits")
        yield from super().compose()

    def shape(self, fullness: float, width: int) -> list[str]:
        """An ellipse as wide as the breath is full, tall enough to see from the back. Not
        padded: the face is centred line by line here (see GroupScreen's styles)."""
        span = 6 + round(fullness * (width - 6))
        middle = (self.ROWS - 1) / 2
        lines = []
        for row in range(self.ROWS):
            y = (row - middle) / middle
            across = max(2, round(span * math.sqrt(max(0.0, 1 - 0.85 * y * y))))
            across -= (span - across) % 2  # the same parity on every row keeps the centre still
            lines.append("█" * across)
        return lines

    def redraw(self) -> None:
        super().redraw()
        if self.is_mounted:
            count = str(self.where()[4]) if (self.running or self.banked) and not self.finished else ""
            self.query_one(".group-digits", Digits).update(count)


class GroupScreen(Screen[None]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
GroupScreen #group-head { height: auto; padding: 0 2; }
GroupScreen #group-title { text-style: bold; color: $primary; width: 1fr; }
GroupScreen #group-count { color: $text-muted; width: auto; }
GroupScreen #group-body { height: 1fr; padding: 1 4; }
GroupScreen #group-prompt { text-style: bold; text-align: center; width: 100%; padding: 1 0; }
GroupScreen #group-help { color: $text-muted; text-align: center; width: 100%; }
GroupScreen #group-detail { text-align: center; width: 100%; padding: 1 0; }
GroupScreen #group-markdown { margin: 1 4; }
GroupScreen #group-slot { height: auto; width: 100%; align-horizontal: center; }
GroupScreen .timed-buttons { display: none; }
GroupScreen TimedInput { width: 100%; align-horizontal: center; }
GroupScreen TimedInput .timed-face { text-align: center; width: 100%; }
GroupScreen .group-digits { width: 100%; text-align: center; margin: 1 0; color: $accent; }
GroupScreen #group-status { height: 1; padding: 0 2; color: $text-muted; }
"""
    BINDINGS = [
        Binding("right,enter,n,pagedown", "next", "Next"),
        Binding("left,b,pageup", "back", "Back"),
        Binding("space,p", "pause", "Start / pause"),
        Binding("m", "motion", "Motion", show=False),
        Binding("escape,q", "end", "End"),
    ]

    def __init__(self, exercise: Exercise) -> None:
        super().__init__()
        self.run = Run(exercise)
        self.at_intro = bool(exercise.intro)
        self.ending = False

    def compose(self) -> ComposeResult:
        with Vertical(id="group-head"):
            yield Static(literal(self.run.exercise.title), id="group-title")
            yield Static("", id="group-count")
        with VerticalScroll(id="group-body"):
            yield Markdown("", id="group-markdown", open_links=False)
            yield Static("", id="group-prompt")
            yield Static("", id="group-help")
            yield Static("", id="group-detail")
            yield Center(id="group-slot")
        yield Static("", id="group-status")
        yield KeyFooter()

    async def on_mount(self) -> None:
        await self.show()

    @property
    def timed(self) -> TimedInput | None:
        found = self.query("#group-slot TimedInput")
        return found.first(TimedInput) if found else None

    async def show(self) -> None:
        """Show the intro, the current step, or the closing words."""
        run = self.run
        step = None if self.at_intro else run.current
        number, total = run.progress()
        count = self.query_one("#group-count", Static)
        markdown = self.query_one("#group-markdown", Markdown)
        slot = self.query_one("#group-slot", Center)
        await slot.remove_children()
        self.say("")
        if self.at_intro:
            count.update(f"{total} steps")
            await self._text(markdown, run.exercise.intro or "", "", "", "")
            self.say("Press → or Enter to begin.")
        elif step is None:
            count.update("The end")
            closing = run.exercise.closing or ""
            await self._text(markdown, closing, "That is the end of the exercise.",
                             "Thank you, everyone. Nothing from this session was saved.", "")
        else:
            count.update(f"Step {number} of {total}")
            info = step.text if isinstance(step, InfoStep) else ""
            await self._text(markdown, info, step.prompt or "", step.help or "", self.detail(step))
            widget = self.timed_widget(step)
            if widget is not None:
                await slot.mount(widget)
                self.say("Press Space to start; Space again pauses.")
        slot.display = bool(slot.children)  # an empty container would show its own name
        self.query_one("#group-body", VerticalScroll).scroll_home(animate=False)

    async def _text(self, markdown: Markdown, text: str, prompt: str, help_text: str, detail: str) -> None:
        markdown.display = bool(text)
        if text:
            await markdown.update(text)
        for selector, words in (("#group-prompt", prompt), ("#group-help", help_text), ("#group-detail", detail)):
            widget = self.query_one(selector, Static)
            widget.update(literal(words))
            widget.display = bool(words)

    @staticmethod
    def detail(step: Step) -> str:
        """What the room sees under the prompt: the options, the scale, the items."""
        if isinstance(step, ScaleStep):
            low = f"{step.min}" + (f" ({step.min_label})" if step.min_label else "")
            high = f"{step.max}" + (f" ({step.max_label})" if step.max_label else "")
            return f"From {low} to {high}. Notice your own number; you do not need to say it."
        if isinstance(step, (ChoiceStep, MultiChoiceStep)):
            return "\n".join(f"·  {option.label}" for option in step.options)
        if isinstance(step, ChecklistStep):
            return "\n".join(f"·  {item}" for item in step.items)
        if isinstance(step, ListStep):
            return f"Think of {step.count}, in your own time. You can write them down if you like."
        if isinstance(step, TextStep):
            return "Take a moment with this. You can write it down, or just think about it."
        return ""

    @staticmethod
    def timed_widget(step: Step) -> StepInput | None:
        if isinstance(step, BreathingStep):
            return GroupBreathing(step)
        if isinstance(step, TimerStep):
            return GroupTimer(step)
        return None

    def say(self, words: str) -> None:
        self.query_one("#group-status", Static).update(words)

    # -- keys ---------------------------------------------------------------------------------
    async def action_next(self) -> None:
        self.ending = False
        if self.at_intro:
            self.at_intro = False
        elif self.run.current is not None:
            self.run.next()
        else:
            return
        await self.show()

    async def action_back(self) -> None:
        self.ending = False
        run = self.run
        if self.at_intro:
            return
        if run.current is None or not run.at_start:
            run.back()  # from the closing words, back() lands on the last step
        elif run.exercise.intro:
            self.at_intro = True
        else:
            return
        await self.show()

    def action_motion(self) -> None:
        widget = self.timed
        if isinstance(widget, BreathingInput):
            widget.action_toggle_motion()

    def action_pause(self) -> None:
        widget = self.timed
        if widget is None:
            return
        if widget.running:
            widget.pause()
            self.say("Paused. Press Space to carry on.")
        else:
            widget.start()
            self.say("Space pauses. → moves on.")

    def action_end(self) -> None:
        if self.ending:
            self.app.exit()
            return
        self.ending = True
        self.say("Press Escape again to end the session (nothing is saved), or → to carry on.")

    def on_step_input_submitted(self, event: StepInput.Submitted) -> None:
        event.stop()

    def on_step_input_ready(self, event: StepInput.Ready) -> None:
        event.stop()
        self.say("Time is up. Press → when the room is ready to move on.")


class GroupApp(App[None]):
    """Projector mode: no store, no profile, nothing written."""

    TITLE = "Workbook · group"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("f2", "crisis", "Crisis help", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, exercise: Exercise, *, contacts: list[Contact] | None = None, theme: str | None = None) -> None:
        super().__init__()
        self.exercise = exercise
        self.contacts = contacts if contacts is not None else crisis_contacts()
        self.register_theme(CALM_THEME)
        self.theme = theme if theme in self.available_themes else CALM_THEME_NAME

    def get_default_screen(self) -> Screen[Any]:
        return GroupScreen(self.exercise)

    def action_crisis(self) -> None:
        from workbook.tui.screens.crisis import CrisisScreen

        if not isinstance(self.screen, CrisisScreen):
            self.push_screen(CrisisScreen(self.contacts))

    def _handle_exception(self, error: Exception) -> None:
        from workbook.tui.privacy import handle_crash

        handle_crash(self, error)
