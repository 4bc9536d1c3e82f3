"""What the workbook is and is not, the keys, and where your words are kept."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from workbook.tui.text import literal

# What the workbook is and is not: one text (workbook/about.py) for help and the first run.
from workbook.about import ABOUT  # noqa: E402
from workbook.tui.widgets.footer import KeyFooter

KEYS = [
    ("F1", "this help"),
    ("F2", "crisis help: people you can contact now"),
    ("F3", "grounding: a short exercise to come back to the present (what you were doing waits, saved)"),
    ("F4", "hide: a plain screen at once, and locked; it opens again just where you were"),
    ("Escape", "go back, or leave an exercise (your answers are saved)"),
    ("Enter", "choose, or go on to the next step"),
    ("Tab", "move between fields and buttons (in a long answer, Tab moves on to Next)"),
    ("Space", "tick or untick an item in a list"),
    ("← →", "choose a number on a scale (or type the number)"),
    ("h", "your finished entries (from the home screen)"),
    ("/ f", "in your entries: search them, or choose which to show (exercise, feeling, tag, dates, strength)"),
    ("d u", "in your entries: delete one (you are asked first), and bring it back (for 30 seconds)"),
    ("j", "patterns in your journal: feelings, triggers, when, what came before calmer (home, entries)"),
    ("g", "how grounding has gone: distress before and after, what helps you most (from the home screen)"),
    ("m", "on a breathing pacer: words and counts only, or a moving shape (reduced motion; kept for next time)"),
    ("e", "export your entries to read, share or move (from the home screen)"),
    ("b", "backups: put your workbook back as it was on an earlier day (from the home screen)"),
    ("p", "your progress: charts and plain words on how things have changed (from the home screen)"),
    ("F2, P", "your own safety plan, once you have written one (the “My safety plan” exercise)"),
    ("c", "the daily check-in: y or n, or a number, for each goal; Enter saves (from the home screen)"),
    ("o", "your goals: streaks, the last 7 and 30 days, edit, pause, complete, archive, start again"),
    ("w", "your week: its entries, goals and distress beside your weekly reflection (← → other weeks)"),
    ("Ctrl+P", "search exercises and commands, change the colours"),
    ("Ctrl+P", "then Passphrase: set, change or remove the passphrase of your profile"),
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
        yield KeyFooter()
