"""Passphrases in the full-screen workbook: choosing a new one, and setting, changing or removing it.

Every switch re-encrypts the whole profile (crash-safe, see store/passphrase.py) and
derives a key with scrypt, so it runs in a worker on the store thread while the
screen says what is happening. Passphrases are never shown, logged or kept after use:
each field is emptied as soon as it has been read.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from workbook.store.base import StoreError
from workbook.store.crypto import WrongPassphrase
from workbook.store.profile import PassphraseSwitchUnfinished
from workbook.store.profiles import STORE_THREAD, has_passphrase
from workbook.tui.screens.dialogs import NARROW_BREAKPOINTS
from workbook.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp

NO_RECOVERY = (
    "Please keep your passphrase safe. There is no way to recover it: if it is forgotten, nobody "
    "can open these entries again. Not you, not a facilitator, not the people who made this workbook."
)
MIN_LENGTH_HINT = "A few words you will remember make a good passphrase."

PASSPHRASE_CSS = """
{name} .pp-body {{ padding: 1 2; }}
{name} .pp-title {{ text-style: bold; color: $primary; margin-bottom: 1; }}
{name} .pp-warning {{ border-left: outer $warning; padding: 0 1; margin: 1 0 0 0; }}
{name} .pp-label {{ margin-top: 0; color: $text-muted; }}
{name} .pp-message {{ color: $warning; height: auto; }}
{name} .pp-buttons {{ height: auto; }}
{name} .pp-buttons Button {{ margin-right: 2; }}
/* Narrow terminals (NARROW_BREAKPOINTS): the buttons stack, or the last would be cut off. */
{name}.-narrow .pp-buttons {{ layout: vertical; }}
{name}.-narrow .pp-buttons Button {{ width: 100%; margin: 0; }}
"""


async def on_store_thread(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a slow store call (open, switch) on the store thread without blocking the screen."""
    return await asyncio.wrap_future(STORE_THREAD.submit(fn, *args, **kwargs))


def take(field: Input) -> str:
    """Read a passphrase field and empty it at once."""
    value, field.value = field.value, ""
    return value


def new_passphrase_fields(prefix: str = "new") -> ComposeResult:
    yield Static("New passphrase", classes="pp-label")
    yield Input(password=True, placeholder="New passphrase", id=f"{prefix}-passphrase")
    yield Static("The same passphrase again", classes="pp-label")
    yield Input(password=True, placeholder="Once more, to be sure", id=f"{prefix}-again")


def read_new_passphrase(screen: Screen[Any], prefix: str = "new") -> tuple[str | None, str]:
    """(the new passphrase, "") or (None, what is wrong with it)."""
    first = take(screen.query_one(f"#{prefix}-passphrase", Input))
    again = take(screen.query_one(f"#{prefix}-again", Input))
    if not first:
        return None, "Please type a passphrase."
    if first != again:
        return None, "The two passphrases are not the same. Please type them again."
    return first, ""


class PassphraseScreen(Screen[None]):
    """Set a passphrase (plain profile), or change or remove it (encrypted profile)."""

    SCOPED_CSS = False
    DEFAULT_CSS = PASSPHRASE_CSS.format(name="PassphraseScreen")
    HORIZONTAL_BREAKPOINTS = NARROW_BREAKPOINTS  # narrow terminals stack the buttons (PASSPHRASE_CSS)
    BINDINGS = [Binding("escape", "back", "Back")]

    app: WorkbookApp

    def __init__(self) -> None:
        super().__init__()
        self.busy = False

    @property
    def encrypted(self) -> bool:
        return has_passphrase(self.app.store)

    def compose(self) -> ComposeResult:
        required = self.app.lock_guard.passphrase_required
        with VerticalScroll(classes="pp-body"):
            if self.encrypted:
                yield Static("Your passphrase", classes="pp-title")
                yield Static(
                    "Your profile has a passphrase: everything in it is encrypted on this computer. "
                    "To change it, type the one you have now, then the new one twice."
                )
                yield Static("Your passphrase now", classes="pp-label")
                yield Input(password=True, placeholder="Your passphrase now", id="current")
                yield from new_passphrase_fields()
                yield Static(NO_RECOVERY, classes="pp-warning")
                yield Static("", classes="pp-message", id="message")
                with Horizontal(classes="pp-buttons"):
                    yield Button("Change it", id="change", variant="primary")
                    if not required:
                        yield Button("Remove it", id="remove",
                                     tooltip="Uses only 'your passphrase now'; your entries stay, unencrypted")
                    yield Button("Back", id="back")
            else:
                yield Static("Set a passphrase", classes="pp-title")
                yield Static(
                    "With a passphrase, everything in your profile is encrypted on this computer, "
                    "and the workbook asks for it each time it opens. " + MIN_LENGTH_HINT
                )
                yield from new_passphrase_fields()
                yield Static(NO_RECOVERY, classes="pp-warning")
                yield Static("", classes="pp-message", id="message")
                with Horizontal(classes="pp-buttons"):
                    yield Button("Set it", id="set", variant="primary")
                    yield Button("Back", id="back")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def say(self, text: str) -> None:
        self.query_one("#message", Static).update(text)

    def action_back(self) -> None:
        if not self.busy:
            self.dismiss(None)

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.action_back()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        fields = list(self.query(Input))
        index = fields.index(event.input)
        if index + 1 < len(fields):
            fields[index + 1].focus()
        else:
            self._go("change" if self.encrypted else "set")

    @on(Button.Pressed, "#set, #change, #remove")
    def _pressed(self, event: Button.Pressed) -> None:
        self._go(event.button.id or "")

    def _go(self, what: str) -> None:
        if self.busy:
            return
        store = self.app.store
        if what == "remove":
            current = take(self.query_one("#current", Input))
            for field in self.query(Input):
                field.value = ""
            if not current:
                self.say("Please type your passphrase now, to remove it.")
                return
            self._run(store.remove_passphrase, (current,), "Your passphrase has been removed.")
            return
        current = take(self.query_one("#current", Input)) if what == "change" else None
        new, problem = read_new_passphrase(self)
        if new is None:
            self.say(problem)
            self.query_one("#new-passphrase", Input).focus()
            return
        if what == "change":
            if not current:
                self.say("Please type your passphrase now as well.")
                self.query_one("#current", Input).focus()
                return
            self._run(store.change_passphrase, (current, new), "Your new passphrase is set.")
        else:
            self._run(store.set_passphrase, (new,), "Your passphrase is set. Your profile is encrypted.")

    def _run(self, call: Callable[..., Any], args: tuple[Any, ...], done: str) -> None:
        self.busy = True
        for button in self.query(Button):
            button.disabled = True
        self.say("Working on it… this takes a moment.")
        self.run_worker(self._switch(call, args, done), exclusive=True, group="passphrase")

    async def _switch(self, call: Callable[..., Any], args: tuple[Any, ...], done: str) -> None:
        try:
            await on_store_thread(call, *args)
        except WrongPassphrase:
            self._ready("That is not your passphrase now, so nothing was changed. Please try again.")
            self.query_one("#current", Input).focus()
        except PassphraseSwitchUnfinished as error:
            self.app.exit(return_code=1, message=str(error))  # the store closed itself; say how to finish
        except StoreError as error:
            self._ready(str(error))
        else:
            self.busy = False
            self.app.notify(done, title="Passphrase", timeout=8)
            self.dismiss(None)

    def _ready(self, message: str) -> None:
        self.busy = False
        for button in self.query(Button):
            button.disabled = False
        self.say(message)
