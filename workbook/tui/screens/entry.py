"""One finished entry, in full: every prompt it was made with, and every answer, as written."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from workbook.tui.text import answer_text, literal, when


class EntryScreen(Screen[None]):
    # Layout of this screen (unscoped: the selectors already name it).
    SCOPED_CSS = False
    DEFAULT_CSS = """
EntryScreen #entry-body { padding: 1 2; }
EntryScreen #entry-title { text-style: bold; color: $primary; }
EntryScreen #entry-when { color: $text-muted; margin-bottom: 1; }
EntryScreen .prompt { text-style: bold; margin-top: 1; }
EntryScreen .answer { padding-left: 2; }
EntryScreen #entry-score { margin-top: 1; border-left: thick $primary; padding: 0 1; }
"""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, entry: dict[str, Any]) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        entry = self.entry
        prompts: dict[str, str] = entry.get("prompts") or {}
        answers: dict[str, Any] = entry.get("answers") or {}
        order = list(prompts) + [key for key in answers if key not in prompts]
        with VerticalScroll(id="entry-body"):
            yield Static(literal(str(entry.get("exercise_title") or entry.get("exercise_id") or "")), id="entry-title")
            yield Static(
                f"Started {when(entry.get('started_at'))} · finished {when(entry.get('finished_at'))}",
                id="entry-when",
            )
            for key in order:
                if key not in answers:
                    continue
                yield Static(literal(str(prompts.get(key) or key)), classes="prompt")
                yield Static(literal(answer_text(answers[key])), classes="answer")
            if not answers:
                yield Static("No answers were written in this one — and that's all right.")
            score = entry.get("score")
            if isinstance(score, dict) and score.get("total") is not None:
                parts: list[Any] = [("Total: ", "bold"), str(score["total"])]
                if score.get("band"):
                    parts += ["  ·  ", literal(str(score["band"]), "bold")]
                parts += ["\n", ("Information for you, not a diagnosis.", "dim")]
                yield Static(Content.assemble(*parts), id="entry-score")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#entry-body").focus()
