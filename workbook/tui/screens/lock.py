"""The lock screen: a neutral face first, then (on any key) the way back in.

The face is a nearly empty screen with one dim line: nothing on it says what the
program is or whose it is, so a passer-by learns nothing. With a passphrase, the way
back in asks for it and checks it against the key held in memory (in a worker: it
takes about half a second); without one, any key goes straight back. Either way the
lock screen is popped and everything underneath is exactly as it was.

"Someone else" saves every open exercise as a draft and closes this profile, so the
next person can open theirs (the picker comes back).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from workbook.store.profiles import has_passphrase, verify_passphrase
from workbook.tui.screens.dialogs import NARROW_BREAKPOINTS
from workbook.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp

FACE = "Press any key to continue."


class LockScreen(Screen[None]):
    NEUTRAL = True  # no banner, no footer on the face
    AUTO_FOCUS = None
    SCOPED_CSS = False
    DEFAULT_CSS = """
LockScreen { align: center middle; background: $background; }
LockScreen #lock-face { width: auto; height: 1; color: $text-disabled; }
LockScreen #lock-form { width: 60; max-width: 100%; height: auto; padding: 1 2; border: round $primary;
                        display: none; }
LockScreen #lock-title { text-style: bold; margin-bottom: 1; }
LockScreen #lock-message { color: $warning; height: auto; }
LockScreen #lock-buttons { height: auto; margin-top: 1; }
LockScreen #lock-buttons Button { margin-right: 2; }
/* Narrow terminals: the buttons stack, or "Someone else" would be cut off. */
LockScreen.-narrow #lock-buttons { layout: vertical; }
LockScreen.-narrow #lock-buttons Button { width: 100%; margin: 0; }
LockScreen Footer { display: none; }
LockScreen.-asking #lock-face { display: none; }
LockScreen.-asking #lock-form { display: block; }
LockScreen.-asking Footer { display: block; }
"""
    BINDINGS = [Binding("escape", "face", "Hide again", show=True)]
    HORIZONTAL_BREAKPOINTS = NARROW_BREAKPOINTS

    app: WorkbookApp

    def __init__(self) -> None:
        super().__init__()
        self.checking = False

    def compose(self) -> ComposeResult:
        yield Static(FACE, id="lock-face")
        # Disabled until asked for: a hidden field could otherwise take focus and swallow keys.
        with Vertical(id="lock-form", disabled=True):
            yield Static("The workbook is locked.", id="lock-title")
            yield Static("Type your passphrase to carry on where you left off.")
            yield Input(password=True, placeholder="Passphrase", id="lock-passphrase")
            yield Static("", id="lock-message")
            with Horizontal(id="lock-buttons"):
                yield Button("Unlock", id="unlock", variant="primary")
                yield Button("Someone else", id="someone-else",
                             tooltip="Keeps everything as it is and closes it, so someone else can open theirs")
        yield KeyFooter()

    @property
    def asking(self) -> bool:
        return self.has_class("-asking")

    # -- the face ------------------------------------------------------------------------------
    def on_key(self, event: events.Key) -> None:
        if not self.asking:
            event.stop()
            event.prevent_default()
            self.wake()

    def on_click(self, event: events.Click) -> None:
        if not self.asking:
            self.wake()

    def wake(self) -> None:
        if not has_passphrase(self.app.store):
            self.dismiss(None)
            return
        self.add_class("-asking")
        self.query_one("#lock-form").disabled = False
        self.query_one("#lock-passphrase", Input).focus()

    def action_face(self) -> None:
        self.query_one("#lock-passphrase", Input).value = ""
        self.show_message("")
        self.remove_class("-asking")
        self.query_one("#lock-form").disabled = True
        self.set_focus(None)

    def show_message(self, text: str) -> None:
        self.query_one("#lock-message", Static).update(text)

    # -- the way back in -----------------------------------------------------------------------
    @on(Input.Submitted, "#lock-passphrase")
    @on(Button.Pressed, "#unlock")
    def _unlock(self) -> None:
        field = self.query_one("#lock-passphrase", Input)
        passphrase, field.value = field.value, ""
        if self.checking:
            return
        if not passphrase:
            self.show_message("Please type your passphrase.")
            field.focus()
            return
        self.checking = True
        self.show_message("Checking…")
        self.run_worker(self._check(passphrase), exclusive=True, group="unlock")

    async def _check(self, passphrase: str) -> None:
        try:
            right = await asyncio.to_thread(verify_passphrase, self.app.store, passphrase)
        finally:
            self.checking = False
        if right:
            self.dismiss(None)
        else:
            self.show_message("That passphrase does not open this workbook. Please try again.")
            self.query_one("#lock-passphrase", Input).focus()

    @on(Button.Pressed, "#someone-else")
    async def _someone_else(self) -> None:
        self.app.lock_guard.switch_requested = True
        await self.app.action_quit()
