"""What the workbook is and is not, the keys, and where your words are kept."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from workbook.tui.text import literal

ABOUT = (
    "This workbook walks you through exercises you can do on your own: journaling about "
    "what set off a hard moment, grounding yourself when feelings run high, setting small "
    "goals, and looking back on how things went.\n\n"
    "It is a place to practise, not a diagnosis: any score is information for you (and your "
    "therapist, if you choose to share it), never a label. It is not an emergency service "
    "and nobody watches it. If you are in danger, press F2 for people you can contact now."
)

KEYS = [
    ("F1", "this help"),
    ("F2", "crisis help: people you can contact now"),
    ("Escape", "go back, or leave an exercise (your answers are saved)"),
    ("Enter", "choose, or go on to the next step"),
    ("Tab", "move between fields and buttons (in a long answer, Tab moves on to Next)"),
    ("Space", "tick or untick an item in a list"),
    ("← →", "choose a number on a scale (or type the number)"),
    ("h", "your finished entries (from the home screen)"),
    ("Ctrl+P", "search exercises and commands, change the colours"),
    ("Ctrl+Q", "quit (unfinished exercises are kept)"),
]


class HelpScreen(Screen[None]):
    # Layout of this screen (unscoped: the selectors already name it).
    SCOPED_CSS = False
    DEFAULT_CSS = """
HelpScreen #help-body { padding: 1 2; }
HelpScreen .help-heading { text-style: bold; margin-top: 1; }
"""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, data_folder: Path | None = None) -> None:
        super().__init__()
        self.data_folder = data_folder

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static("About this workbook", classes="help-heading")
            yield Static(ABOUT)
            yield Static("Keys", classes="help-heading")
            for key, meaning in KEYS:
                yield Static(Content.assemble((f"{key:<8}", "bold"), " ", meaning))
            yield Static("Where your words are kept", classes="help-heading")
            folder = str(self.data_folder) if self.data_folder else "(this session keeps nothing on disk)"
            yield Static(
                Content.assemble(
                    "Everything you write stays on this computer, in this folder:\n",
                    literal(folder, "bold"),
                    "\nNothing is sent anywhere. Unfinished exercises are saved as you go.",
                )
            )
        yield Footer()
