"""Crisis help: the contacts, and plain words about what this workbook is not.

It needs nothing but the contacts it is given: no store, no catalog, so it always opens.
"""

from __future__ import annotations

from typing import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from workbook.crisis import Contact, crisis_contacts
from workbook.tui.text import literal


class CrisisScreen(Screen[None]):
    # Layout of this screen (unscoped: the selectors already name it).
    SCOPED_CSS = False
    DEFAULT_CSS = """
CrisisScreen #crisis-body { padding: 1 2; }
CrisisScreen .crisis-lead { text-style: bold; margin-bottom: 1; }
CrisisScreen .contact {
    height: auto;
    border-left: outer $primary;
    padding: 0 1;
    margin-bottom: 1;
}
CrisisScreen .crisis-note { color: $text-muted; margin-top: 1; }
"""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, contacts: Sequence[Contact] | None = None) -> None:
        super().__init__()
        self.contacts = list(contacts) if contacts is not None else crisis_contacts()

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="crisis-body"):
            yield Static("You don't have to handle this alone.", classes="crisis-lead")
            yield Static(
                "If you might act on thoughts of harming yourself or someone else, or you are in "
                "danger, please contact one of these now. Talking to someone can help, even a little."
            )
            yield Static("")
            for contact in self.contacts:
                yield Static(self.describe(contact), classes="contact")
            yield Static(
                "This workbook is not an emergency service, and nobody is watching it. "
                "It cannot call for help for you.\n"
                "Press Escape to go back to where you were. Everything you wrote is still there.",
                classes="crisis-note",
            )
        yield Footer()

    @staticmethod
    def describe(contact: Contact) -> Content:
        parts = [literal(contact.name, "bold"), Content("\n"), literal(contact.how)]
        if contact.note:
            parts += [Content("\n"), literal(contact.note)]
        if contact.last_checked:
            parts += [Content("\n"), literal(f"Last checked {contact.last_checked}", "dim")]
        return Content.assemble(*parts)
