"""The end of an exercise: a kind word, the score as information, and where to go next."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Markdown, Static

from workbook.content.models import Exercise
from workbook.engine import Score
from workbook.tui.text import literal

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


class CompletionScreen(Screen[None]):
    # Layout of this screen (unscoped: the selectors already name it).
    SCOPED_CSS = False
    DEFAULT_CSS = """
CompletionScreen #done-body { padding: 1 2; height: 1fr; }
CompletionScreen #done-title { text-style: bold; color: $primary; margin-bottom: 1; }
CompletionScreen #closing { margin: 0; padding: 0; }
CompletionScreen #score { margin-top: 1; border-left: thick $primary; padding: 0 1; }
CompletionScreen #done-nav { height: auto; padding: 0 1; }
CompletionScreen #done-nav Button { margin-right: 2; }
CompletionScreen #closing > MarkdownBlock:last-child { margin-bottom: 0; }
"""

    BINDINGS = [Binding("escape", "leave", "Back")]

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
            yield Markdown(self.exercise.closing or DEFAULT_CLOSING, id="closing", open_links=False)
            score = describe_score(self.exercise, self.score)
            if score is not None:
                yield Static(score, id="score")
        with Horizontal(id="done-nav"):
            if self.returns_to:
                yield Button(Content.assemble("Back to ", literal(self.returns_to)), id="return", variant="primary")
            yield Button("Home", id="home", variant="default" if self.returns_to else "primary")
            yield Button("History", id="history")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#done-nav Button", Button).focus()

    @on(Button.Pressed, "#return")
    def action_leave(self) -> None:
        if self.returns_to:
            self.dismiss()
        else:
            self.app.go_home()

    @on(Button.Pressed, "#home")
    def _home(self) -> None:
        self.app.go_home()

    @on(Button.Pressed, "#history")
    def _history(self) -> None:
        self.app.go_home()
        self.app.action_history()
