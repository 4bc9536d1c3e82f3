"""The end of an exercise: a kind word, the score as information, and where to go next."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Markdown, Static

from workbook.content.models import Exercise
from workbook.engine import Score
from workbook.insights.grounding import CATEGORY as GROUNDING, change_words, distress_pair, still_high
from workbook.tui.screens.dialogs import NARROW_BREAKPOINTS
from workbook.tui.text import literal
from workbook.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp

DEFAULT_CLOSING = "Thank you for taking this time for yourself. What you wrote is saved."
SCORE_NOTE = (
    "This number is information for you, and for your therapist if you choose to share it. "
    "It is not a diagnosis, and it says nothing about your worth."
)


def describe_score(exercise: Exercise, score: Score | None) -> Content | None:
    if score is None:
        return None
    total = f"{score.total:g}" if isinstance(score.total, float) else str(score.total)
    parts: list[Any] = [("Your total: ", "bold"), total]
    if score.band is not None:
        parts += ["  ·  ", literal(score.band.label, "bold")]
        if score.band.note:
            parts += ["\n", literal(score.band.note)]
    if score.prorated:
        parts += ["\n", (f"({score.answered} of {score.items} answered; the total is scaled to match.)", "dim")]
    if exercise.scoring and exercise.scoring.note:
        parts += ["\n", literal(exercise.scoring.note, "dim")]
    parts += ["\n", (SCORE_NOTE, "dim")]
    return Content.assemble(*parts)


DISTRESS_NOTE = "These numbers are just for you, to help you notice what helps."
STILL_HIGH = (
    "It sounds like things are still very hard right now. You don't have to handle this on your own: "
    "there are people you can contact, or you could try another way to ground yourself."
)


def describe_distress(before: int | None, after: int | None) -> Content | None:
    """Before and after, and the change in plain words: no praise, no blame, either way."""
    if before is None and after is None:
        return None
    if after is None:
        return Content.assemble(
            ("Distress before: ", "bold"), str(before), "\nYou skipped the rating at the end, and that is fine."
        )
    if before is None:
        return Content.assemble(
            ("Distress now: ", "bold"), str(after), "\nYou skipped the rating at the start, and that is fine."
        )
    change = change_words(before, after)
    if after < before:
        said = f"That is {change} than when you started."
    elif after > before:
        said = (
            f"That is {change} than when you started. Turning towards a feeling can stir it up for a while, "
            "and that is all right."
        )
    else:
        said = "The same as when you started. Some feelings take longer to ease, and that is all right."
    return Content.assemble(
        ("Distress before: ", "bold"), str(before), ("  →  after: ", "bold"), str(after),
        "\n", said, "\n", (DISTRESS_NOTE, "dim"),
    )


class CompletionScreen(Screen[None]):
    # Layout of this screen (unscoped: the selectors already name it).
    SCOPED_CSS = False
    DEFAULT_CSS = """
CompletionScreen #done-body { padding: 1 2; height: 1fr; }
CompletionScreen #done-title { text-style: bold; color: $primary; margin-bottom: 1; }
CompletionScreen #closing { margin: 0; padding: 0; }
CompletionScreen #score { margin-top: 1; border-left: thick $primary; padding: 0 1; }
CompletionScreen #distress { margin-bottom: 1; border-left: thick $primary; padding: 0 1; }
CompletionScreen #still-high { height: auto; margin-bottom: 1; border-left: thick $warning; padding: 0 1; }
CompletionScreen #still-high Horizontal { height: auto; margin-top: 1; }
CompletionScreen #still-high Button { margin-right: 2; }
CompletionScreen #done-nav { height: auto; padding: 0 1; }
CompletionScreen #done-nav Button { margin-right: 2; }
/* Narrow terminals: the buttons stack, or the last ones would be off the right edge. */
CompletionScreen.-narrow #done-nav, CompletionScreen.-narrow #still-high Horizontal { layout: vertical; }
CompletionScreen.-narrow #done-nav Button { width: 100%; margin: 0; }
CompletionScreen.-narrow #still-high Button { width: 100%; margin: 0 0 1 0; }
CompletionScreen #closing > MarkdownBlock:last-child { margin-bottom: 0; }
"""

    BINDINGS = [Binding("escape", "leave", "Back")]
    HORIZONTAL_BREAKPOINTS = NARROW_BREAKPOINTS

    app: WorkbookApp

    def __init__(
        self, entry: dict[str, Any], exercise: Exercise, score: Score | None, *, returns_to: str | None = None
    ) -> None:
        super().__init__()
        self.entry, self.exercise, self.score = entry, exercise, score
        self.returns_to = returns_to

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="done-body"):
            yield Static(Content.assemble("You finished ", literal(self.exercise.title), "."), id="done-title")
            before, after = distress_pair(self.entry)
            distress = describe_distress(before, after)
            if distress is not None:
                yield Static(distress, id="distress")
            if self.exercise.category == GROUNDING and still_high(before, after):
                # Offered, never opened for them: the person chooses.
                with Vertical(id="still-high"):
                    yield Static(STILL_HIGH)
                    with Horizontal():
                        yield Button("People you can contact now", id="offer-crisis", compact=True)
                        yield Button("Another grounding exercise", id="offer-grounding", compact=True)
            yield Markdown(self.exercise.closing or DEFAULT_CLOSING, id="closing", open_links=False)
            score = describe_score(self.exercise, self.score)
            if score is not None:
                yield Static(score, id="score")
                from workbook.tui.widgets.score_trend import ScoreTrend  # earlier totals, from a worker

                yield ScoreTrend(self.entry, id="score-trend")
        with Horizontal(id="done-nav"):
            if self.returns_to:
                yield Button(Content.assemble("Back to ", literal(self.returns_to)), id="return", variant="primary")
            yield Button("Home", id="home", variant="default" if self.returns_to else "primary")
            yield Button("History", id="history")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#done-nav Button", Button).focus()

    @on(Button.Pressed, "#return")
    def action_leave(self) -> None:
        if self.returns_to:
            self.dismiss()
        else:
            self.app.go_home()

    @on(Button.Pressed, "#offer-crisis")
    def _offer_crisis(self) -> None:
        self.app.action_crisis()

    @on(Button.Pressed, "#offer-grounding")
    def _offer_grounding(self) -> None:
        self.app.action_grounding()

    @on(Button.Pressed, "#home")
    def _home(self) -> None:
        self.app.go_home()

    @on(Button.Pressed, "#history")
    def _history(self) -> None:
        self.app.go_home()
        self.app.action_history()
