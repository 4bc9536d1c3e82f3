"""Crisis help: the contacts, the person's own safety plan, and plain words about what
this workbook is not.

It needs nothing but the contacts it is given: no store, no catalog, no profile, no
passphrase, so it always opens, from any app (the profile picker and the lock screen
too: push `CrisisScreen(contacts)`, or call `show_crisis(app)`).

The safety plan is private: it is offered only when a profile is open and not locked.
Whether one exists is found out in a worker after the screen is up, so the contacts
never wait for the disk.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Sequence

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static
from textual.worker import get_current_worker

from workbook.crisis import Contact, crisis_contacts
from workbook.tui.text import literal
from workbook.tui.widgets.footer import KeyFooter

STALE_AFTER_DAYS = 365


def checked_words(last_checked: str, today: date | None = None) -> str:
    """When a contact was last checked, with a gentle warning when it is old or unknown."""
    if not last_checked:
        return "When this was last checked is not recorded."
    try:
        checked = date.fromisoformat(last_checked)
    except ValueError:
        return f"Last checked {last_checked}."
    if ((today or date.today()) - checked).days > STALE_AFTER_DAYS:
        return f"Last checked {last_checked}, over a year ago: the details may have changed."
    return f"Last checked {last_checked}."


def plan_store(app: App[Any]) -> Any:
    """The open, unlocked profile's store, or None (profile picker, guest, locked)."""
    guard = getattr(app, "lock_guard", None)
    if guard is not None and getattr(guard, "locked", False):
        return None
    return getattr(app, "store", None)


def find_safety_plan(store: Any) -> dict[str, Any] | None:
    """The newest safety-plan entry, or None. Reads the month summaries, not every entry."""
    from workbook.insights.dashboard import latest_plan
    from workbook.insights.summaries import fresh_summaries

    found = latest_plan(fresh_summaries(store))
    return store.get_entry(found["id"]) if found else None


def show_crisis(app: App[Any], contacts: Sequence[Contact] | None = None) -> None:
    """Open crisis help on any app, unless it is already showing."""
    if not isinstance(app.screen, CrisisScreen):
        app.push_screen(CrisisScreen(contacts if contacts is not None else getattr(app, "contacts", None)))


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
CrisisScreen #crisis-plan { height: auto; margin-bottom: 1; display: none; }
CrisisScreen #crisis-plan.-found { display: block; }
CrisisScreen #crisis-plan Button { margin-top: 1; }
CrisisScreen .crisis-note { color: $text-muted; margin-top: 1; }
"""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("p", "safety_plan", "My safety plan"),
    ]

    def __init__(self, contacts: Sequence[Contact] | None = None) -> None:
        super().__init__()
        self.contacts = list(contacts) if contacts is not None else crisis_contacts()
        self.plan: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="crisis-body"):
            yield Static("You don't have to handle this alone.", classes="crisis-lead")
            yield Static(
                "If you might act on thoughts of harming yourself or someone else, or you are in "
                "danger, please contact one of these now. Talking to someone can help, even a little."
            )
            yield Static("")
            with Vertical(id="crisis-plan"):
                yield Static("You wrote a safety plan for times like this. Press P to see it.")
                yield Button("See my safety plan", id="see-plan", compact=True)
            for contact in self.contacts:
                yield Static(self.describe(contact), classes="contact")
            yield Static(
                "This workbook is not an emergency service, and nobody is watching it. "
                "It cannot call for help for you.\n"
                "Press Escape to go back to where you were. Everything you wrote is still there.",
                classes="crisis-note",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        store = plan_store(self.app)
        if store is not None:
            self._look_for_plan(store)

    @staticmethod
    def describe(contact: Contact, today: date | None = None) -> Content:
        parts = [literal(contact.name, "bold"), Content("\n"), literal(contact.how)]
        if contact.note:
            parts += [Content("\n"), literal(contact.note)]
        parts += [Content("\n"), literal(checked_words(contact.last_checked, today), "dim")]
        return Content.assemble(*parts)

    # -- the safety plan -----------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="crisis-plan", exit_on_error=False)
    def _look_for_plan(self, store: Any) -> None:
        try:
            plan = find_safety_plan(store)
        except Exception:  # noqa: BLE001 - the contacts matter more than the plan; never fail here
            return
        if plan is not None and not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._found_plan, plan)

    def _found_plan(self, plan: dict[str, Any]) -> None:
        self.plan = plan
        self.query_one("#crisis-plan").add_class("-found")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "safety_plan":
            return self.plan is not None and plan_store(self.app) is not None
        return True

    @on(Button.Pressed, "#see-plan")
    def action_safety_plan(self) -> None:
        if self.plan is None or plan_store(self.app) is None:
            return
        from workbook.tui.screens.safety_plan import SafetyPlanScreen

        self.app.push_screen(SafetyPlanScreen(self.plan))
