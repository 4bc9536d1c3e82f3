"""Choosing which entries the history shows: exercise, feeling, tag, dates and strength."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from workbook.insights.search import Filters
from workbook.tui.screens.dialogs import DIALOG_CSS, Dialog
from workbook.tui.text import literal, one_line
from workbook.tui.widgets.tags import TagInput

STRENGTHS = [(str(n), n) for n in range(11)]


def parse_day(text: str, which: str) -> date | None:
    """A day typed as YYYY-MM-DD; ValueError with a kind sentence when it is not one."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"The {which} date needs to look like 2026-03-14 (year, month, day)."
        ) from None


class FiltersDialog(Dialog):
    """Returns new Filters (the search words kept), or None for "not now"."""

    AUTO_FOCUS = "#f-exercise"
    DEFAULT_CSS = DIALOG_CSS.format(name="FiltersDialog") + """
    FiltersDialog > .dialog { width: 72; }
    FiltersDialog .f-row { height: 1; margin-bottom: 1; }
    FiltersDialog .f-row Label { width: 16; color: $text-muted; }
    FiltersDialog .f-row Select, FiltersDialog .f-row Input { width: 1fr; }
    FiltersDialog .f-row .f-half { width: 1fr; }
    FiltersDialog .f-and { width: 5; text-align: center; color: $text-muted; }
    FiltersDialog #f-error { color: $warning; height: auto; }
    FiltersDialog .dialog-buttons Button { width: auto; }
    """

    def __init__(
        self,
        filters: Filters,
        exercises: Sequence[tuple[str, str]],
        emotions: Sequence[str],
        tags: Sequence[str],
    ) -> None:
        super().__init__()
        self.filters = filters
        self.exercises, self.emotions, self.known_tags = list(exercises), list(emotions), list(tags)
        if filters.exercise and filters.exercise not in {i for i, _ in self.exercises}:
            self.exercises.append((filters.exercise, filters.exercise))
        if filters.emotion and filters.emotion not in self.emotions:
            self.emotions.append(filters.emotion)

    def compose(self) -> ComposeResult:
        f = self.filters
        with VerticalScroll(classes="dialog"):
            yield Static("Which entries would you like to see?", classes="dialog-title")
            with Horizontal(classes="f-row"):
                yield Label("Exercise")
                yield Select(
                    [(literal(one_line(title, 40)), ex_id) for ex_id, title in self.exercises],
                    prompt="Any exercise", value=f.exercise or Select.NULL, compact=True, id="f-exercise",
                )
            with Horizontal(classes="f-row"):
                yield Label("Feeling")
                yield Select(
                    [(literal(one_line(e, 40)), e) for e in self.emotions],
                    prompt="Any feeling", value=f.emotion or Select.NULL, compact=True, id="f-emotion",
                )
            with Horizontal(classes="f-row"):
                yield Label("Tag")
                yield TagInput([f.tag] if f.tag else [], self.known_tags, compact=True, id="f-tag",
                               placeholder="Any tag (earlier tags are suggested)")
            with Horizontal(classes="f-row"):
                yield Label("Dates")
                yield Input(f.since.isoformat() if f.since else "", placeholder="YYYY-MM-DD",
                            compact=True, id="f-since", classes="f-half")
                yield Static("to", classes="f-and")
                yield Input(f.until.isoformat() if f.until else "", placeholder="YYYY-MM-DD",
                            compact=True, id="f-until", classes="f-half")
            with Horizontal(classes="f-row"):
                yield Label("Strength (0-10)")
                yield Select(STRENGTHS, prompt="0", compact=True, id="f-low", classes="f-half",
                             value=_whole(f.min_intensity))
                yield Static("to", classes="f-and")
                yield Select(STRENGTHS, prompt="10", compact=True, id="f-high", classes="f-half",
                             value=_whole(f.max_intensity))
            yield Static("", id="f-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Show these entries", id="f-apply", variant="primary")
                yield Button("Clear all", id="f-clear")
                yield Button("Not now", id="f-cancel")

    def on_mount(self) -> None:
        self.query_one("#f-error", Static).display = False

    def chosen(self) -> Filters:
        """The filters as set in the form; ValueError with a kind sentence if something does not fit."""
        since = parse_day(self.query_one("#f-since", Input).value, "first")
        until = parse_day(self.query_one("#f-until", Input).value, "second")
        if since and until and since > until:
            raise ValueError("The first date comes after the second one; please swap them round.")
        low = _value(self.query_one("#f-low", Select))
        high = _value(self.query_one("#f-high", Select))
        if low is not None and high is not None and low > high:
            raise ValueError("The lowest strength is above the highest; please swap them round.")
        tags = self.query_one("#f-tag", TagInput).tags
        return replace(
            self.filters,
            exercise=_value(self.query_one("#f-exercise", Select)),
            emotion=_value(self.query_one("#f-emotion", Select)),
            tag=tags[0] if tags else None,
            since=since,
            until=until,
            min_intensity=low,
            max_intensity=high,
        )

    @on(Button.Pressed, "#f-apply")
    @on(Input.Submitted)
    def _apply(self) -> None:
        try:
            filters = self.chosen()
        except ValueError as problem:
            error = self.query_one("#f-error", Static)
            error.update(literal(str(problem)))
            error.display = True
            return
        self.dismiss(filters)

    @on(Button.Pressed, "#f-clear")
    def _clear(self) -> None:
        self.dismiss(Filters(text=self.filters.text))

    @on(Button.Pressed, "#f-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


def _whole(value: float | None):
    return int(value) if value is not None else Select.NULL


def _value(select: Select):
    return None if select.is_blank() else select.value
