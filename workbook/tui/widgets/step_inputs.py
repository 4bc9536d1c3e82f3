"""Inputs for the steps people type or pick in: text, choice, multi-choice, list, checklist, info.

Every label an exercise supplies goes through `literal()`: option text is shown as
written, never read as markup.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Markdown, RadioButton, RadioSet, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from workbook.content.models import (
    BreathingStep,
    ChecklistStep,
    ChoiceStep,
    InfoStep,
    ListStep,
    MultiChoiceStep,
    ScaleStep,
    Step,
    TextStep,
    TimerStep,
)
from workbook.tui.text import literal
from workbook.tui.widgets.base import StepInput
from workbook.tui.widgets.scale import ScaleInput
from workbook.tui.widgets.timed import BreathingInput, TimerInput

HINT_CSS = "color: $text-muted;"


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, str)]
    return []


class LineInput(StepInput):
    """One line of text. Enter goes on."""

    step: TextStep

    def compose(self) -> ComposeResult:
        yield Input(_as_text(self.preset), placeholder=self.step.placeholder or "", id="line")

    @property
    def value(self) -> str:
        return self.query_one(Input).value

    @on(Input.Submitted)
    def _go_on(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()


class JournalArea(TextArea):
    """A TextArea where Tab leaves (to Next) rather than indenting."""

    DEFAULT_CSS = """
    JournalArea {
        height: auto;
        min-height: 6;
        max-height: 16;
    }
    """


class ParagraphInput(StepInput):
    """Several lines of text. Enter starts a new line; Tab moves on to Next."""

    DEFAULT_CSS = f"""
    ParagraphInput .hint {{ {HINT_CSS} }}
    """

    step: TextStep

    def compose(self) -> ComposeResult:
        yield JournalArea(
            _as_text(self.preset),
            tab_behavior="focus",
            soft_wrap=True,
            placeholder=self.step.placeholder or "",
            id="paragraph",
        )
        yield Static("Enter starts a new line · Tab, then Enter, to go on", classes="hint")

    def focus_first(self) -> bool:
        area = self.query_one(JournalArea)
        area.focus()
        area.move_cursor(area.document.end)
        return True

    @property
    def value(self) -> str:
        return self.query_one(JournalArea).text


class ChoiceInput(StepInput):
    """One of the options, and the person's own words when the exercise allows."""

    DEFAULT_CSS = """
    ChoiceInput RadioSet { width: 1fr; }
    ChoiceInput .hint { color: $text-muted; }
    ChoiceInput #other { margin-top: 1; }
    """

    OTHER = "Something else (your own words)"
    step: ChoiceStep

    def compose(self) -> ComposeResult:
        labels = [option.label for option in self.step.options]
        preset = _as_text(self.preset)
        match = next((label for label in labels if label.casefold() == preset.strip().casefold()), None)
        own_words = preset if preset and match is None else ""
        with RadioSet(id="choices"):
            for label in labels:
                yield RadioButton(literal(label), value=label == match)
            if self.step.allow_other:
                yield RadioButton(self.OTHER, value=bool(own_words), id="other-choice")
        yield Static("↑ ↓ to move · Space or Enter to choose · Tab to go on", classes="hint")
        if self.step.allow_other:
            yield Input(own_words, placeholder="Your own words", id="other")

    @property
    def value(self) -> str | None:
        radio = self.query_one(RadioSet)
        pressed = radio.pressed_button
        if pressed is None:
            return None
        if pressed.id == "other-choice":
            return self.query_one("#other", Input).value
        return self.step.options[radio.pressed_index].label

    @on(Input.Changed, "#other")
    def _choose_other(self, event: Input.Changed) -> None:
        if event.value.strip():
            self.query_one("#other-choice", RadioButton).value = True

    @on(Input.Submitted, "#other")
    def _go_on(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()


class MultiChoiceInput(StepInput):
    """Several options (space ticks), and the person's own words when allowed."""

    DEFAULT_CSS = """
    MultiChoiceInput SelectionList { height: auto; max-height: 14; }
    MultiChoiceInput .hint { color: $text-muted; }
    MultiChoiceInput #other { margin-top: 1; }
    """

    step: MultiChoiceStep

    def compose(self) -> ComposeResult:
        labels = [option.label for option in self.step.options]
        chosen = _as_list(self.preset)
        folded = {c.strip().casefold() for c in chosen}
        yield SelectionList[str](
            *(Selection(literal(label), label, label.casefold() in folded) for label in labels), id="options"
        )
        yield Static("Space ticks or unticks · Tab to go on", classes="hint")
        if self.step.allow_other:
            known = {label.casefold() for label in labels}
            own = [c for c in chosen if c.strip().casefold() not in known]
            yield Input("; ".join(own), placeholder="Something else, in your own words", id="other")

    @property
    def value(self) -> list[str]:
        chosen = list(self.query_one(SelectionList).selected)
        if self.step.allow_other:
            own = self.query_one("#other", Input).value
            if own.strip():
                chosen.append(own)
        return chosen

    @on(Input.Submitted, "#other")
    def _go_on(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()


class ListInput(StepInput):
    """N short lines, numbered. Enter moves to the next line, and on from the last."""

    DEFAULT_CSS = """
    ListInput .list-row { height: 1; margin-bottom: 1; }
    ListInput .list-number { width: 4; color: $text-muted; }
    ListInput Input { width: 1fr; }
    """

    step: ListStep

    def compose(self) -> ComposeResult:
        items = _as_list(self.preset)
        for number in range(1, self.step.count + 1):
            text = items[number - 1] if number <= len(items) else ""
            with Horizontal(classes="list-row"):
                yield Static(f"{number}.", classes="list-number")
                yield Input(text, placeholder=self.step.item_label or "", compact=True)

    @property
    def value(self) -> list[str]:
        return [field.value for field in self.query(Input)]

    @on(Input.Submitted)
    def _next_line(self, event: Input.Submitted) -> None:
        event.stop()
        fields = list(self.query(Input))
        index = fields.index(event.input)
        if index + 1 < len(fields):
            fields[index + 1].focus()
        else:
            self.submit()


class ChecklistInput(StepInput):
    DEFAULT_CSS = """
    ChecklistInput SelectionList { height: auto; max-height: 16; }
    ChecklistInput .hint { color: $text-muted; }
    """

    step: ChecklistStep

    def compose(self) -> ComposeResult:
        ticked = {t.casefold() for t in _as_list(self.preset)}
        yield SelectionList[str](
            *(Selection(literal(item), item, item.casefold() in ticked) for item in self.step.items), id="items"
        )
        yield Static("Space ticks or unticks · Tab to go on", classes="hint")

    @property
    def value(self) -> list[str]:
        return list(self.query_one(SelectionList).selected)


class InfoInput(StepInput):
    """Words to read; nothing to answer."""

    DEFAULT_CSS = """
    InfoInput Markdown { margin: 0; padding: 0; }
    """

    step: InfoStep

    def compose(self) -> ComposeResult:
        yield Markdown(self.step.text, open_links=False)

    @property
    def value(self) -> None:
        return None

    def focus_first(self) -> bool:
        return False


def input_for(step: Step, value: Any = None) -> StepInput:
    """The input widget for a step, preset with an earlier answer."""
    if isinstance(step, TextStep):
        return ParagraphInput(step, value) if step.multiline else LineInput(step, value)
    kinds: dict[type, type[StepInput]] = {
        ScaleStep: ScaleInput,
        ChoiceStep: ChoiceInput,
        MultiChoiceStep: MultiChoiceInput,
        ListStep: ListInput,
        ChecklistStep: ChecklistInput,
        TimerStep: TimerInput,
        BreathingStep: BreathingInput,
        InfoStep: InfoInput,
    }
    return kinds[type(step)](step, value)
