"""Choosing whose workbook opens: first run, the picker, unlisted names, passphrases.

This is a small app of its own (GateApp), run before the workbook itself: it ends with
an open profile (or guest mode, or nothing if the person closes it). Keeping it apart
means the workbook never starts without a store, and the picker never holds anyone's
entries.

- First run: a name (optionally unlisted), or "Just me" for a one-person install, or a guest.
- Several people: a picker with the listed names, "someone not on the list" (type
  the name: unlisted profiles open this way), "someone new", and guest mode.
- A passphrase is asked for when the profile has one; a new profile can choose one,
  with a plain warning that it cannot be recovered. When the site requires them, a
  profile without one sets one before it opens.
Opening (scrypt) and creating run in a worker on the store thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, OptionList, Static
from textual.widgets.option_list import Option

from workbook.config import Settings
from workbook.crisis import Contact, crisis_contacts
from workbook.store.base import StoreError
from workbook.store.crypto import PassphraseNeeded, WrongPassphrase
from workbook.store.profiles import (
    DEFAULT_PROFILE,
    clean_name,
    create_profile,
    find_profile,
    has_passphrase,
    listed_profiles,
    open_profile,
    set_just_me,
)
from workbook.tui.screens.dialogs import NARROW_BREAKPOINTS
from workbook.tui.screens.profiles_passphrase import (
    NO_RECOVERY,
    PASSPHRASE_CSS,
    new_passphrase_fields,
    on_store_thread,
    read_new_passphrase,
    take,
)
from workbook.tui.text import literal
from workbook.tui.theme import CALM_THEME, CALM_THEME_NAME
from workbook.about import PARAGRAPHS
from workbook.tui.widgets.footer import KeyFooter

GATE_CSS = PASSPHRASE_CSS + """
{name} .gate-lead {{ color: $text-muted; }}
{name} .about-heading {{ margin-top: 2; text-style: bold; }}
{name} .about {{ margin-top: 1; }}
{name} OptionList {{ height: auto; max-height: 14; margin-top: 1; }}
{name} Checkbox {{ margin-top: 1; }}
"""


@dataclass
class Opened:
    """What the gate ends with: an open profile, or guest mode (store None)."""

    store: Any | None
    guest: bool = False


class GateScreen(Screen[Any]):
    """Shared by the gate's screens: one place for messages and for the busy state."""

    SCOPED_CSS = False
    BINDINGS = [Binding("escape", "back", "Back")]
    HORIZONTAL_BREAKPOINTS = NARROW_BREAKPOINTS  # narrow terminals stack the buttons (PASSPHRASE_CSS)

    app: GateApp

    def __init__(self) -> None:
        super().__init__()
        self.busy = False

    def say(self, text: str) -> None:
        self.query_one("#message", Static).update(literal(text))

    def set_busy(self, busy: bool, words: str = "") -> None:
        self.busy = busy
        for button in self.query(Button):
            button.disabled = busy
        self.say(words)

    def action_back(self) -> None:
        if not self.busy and len(self.app.screen_stack) > 1:
            self.dismiss(None)

    def lead(self, words: str) -> Static:
        return Static(words, classes="gate-lead")

    def heading(self, words: str) -> Static:
        return Static(literal(words), classes="pp-title")


class WelcomeScreen(GateScreen):
    """First run (no profiles yet) or "someone new": a name, or just me, or a guest."""

    DEFAULT_CSS = GATE_CSS.format(name="WelcomeScreen")

    def __init__(self, first_run: bool) -> None:
        super().__init__()
        self.first_run = first_run

    def compose(self) -> ComposeResult:
        site = self.app.settings.site_name
        with VerticalScroll(classes="pp-body"):
            if self.first_run:
                yield self.heading(f"Welcome to the workbook{' at ' + site if site else ''}")
                yield self.lead("What you write here stays on this computer. Who is this workbook for?")
            else:
                yield self.heading("A new profile")
            yield Static("Your name, or a nickname", classes="pp-label")
            yield Input(placeholder="A name for your profile", id="name", max_length=40)
            yield Checkbox("Keep my name off the list (you type it to open your profile)", id="unlisted")
            yield Static("", classes="pp-message", id="message")
            with Horizontal(classes="pp-buttons"):
                yield Button("Make my profile", id="make", variant="primary")
                if self.first_run:
                    yield Button("Just me", id="just-me",
                                 tooltip="Only one person uses this computer: open straight into the workbook")
                if self.app.settings.guest_allowed:
                    yield Button("Guest", id="guest", tooltip="Nothing is saved")
            if self.first_run:
                # Under the name field, so a name can be typed at once; the same words as in help.
                yield Static("What this workbook is, and is not", classes="pp-label about-heading")
                for paragraph in PARAGRAPHS:
                    yield Static(literal(paragraph), classes="about")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted, "#name")
    @on(Button.Pressed, "#make")
    def _make(self) -> None:
        typed = self.query_one("#name", Input).value
        try:
            name = clean_name(typed)
        except StoreError as error:
            self.say(str(error))
            return
        if name.casefold() == DEFAULT_PROFILE or find_profile(self.app.root, name) is not None:
            self.say(f"There is already a profile called '{name}'. Please choose another name.")
            return
        unlisted = self.query_one("#unlisted", Checkbox).value
        self.app.push_screen(NewPassphraseScreen(name, unlisted=unlisted))

    @on(Button.Pressed, "#just-me")
    def _just_me(self) -> None:
        self.app.push_screen(NewPassphraseScreen(DEFAULT_PROFILE, just_me=True))

    @on(Button.Pressed, "#guest")
    def _guest(self) -> None:
        self.app.exit(Opened(None, guest=True))


class PickerScreen(GateScreen):
    """Several people use this computer: whose workbook is it?"""

    DEFAULT_CSS = GATE_CSS.format(name="PickerScreen")
    AUTO_FOCUS = "#people"

    def compose(self) -> ComposeResult:
        site = self.app.settings.site_name
        with VerticalScroll(classes="pp-body"):
            yield self.heading(f"Workbook{' · ' + site if site else ''}")
            yield self.lead("Whose workbook is this? Choose your name and press Enter.")
            options = [
                Option(literal("Just me" if ref.folder == DEFAULT_PROFILE else ref.name), id=f"profile:{ref.name}")
                for ref in listed_profiles(self.app.root)
            ]
            options += [
                Option(Content.styled("Someone not on the list (type your name)", "italic"), id="unlisted"),
                Option(Content.styled("Someone new (make a profile)", "italic"), id="new"),
            ]
            if self.app.settings.guest_allowed:
                options.append(Option(Content.styled("Guest (nothing is saved)", "italic"), id="guest"))
            yield OptionList(*options, id="people")
            yield Static("", classes="pp-message", id="message")
        yield KeyFooter()

    @on(OptionList.OptionSelected, "#people")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        kind, _, name = (event.option.id or "").partition(":")
        if kind == "profile":
            self.app.open_named(self, name)
        elif kind == "unlisted":
            self.app.push_screen(NameScreen())
        elif kind == "new":
            self.app.push_screen(WelcomeScreen(first_run=False))
        elif kind == "guest":
            self.app.exit(Opened(None, guest=True))


class NameScreen(GateScreen):
    """An unlisted profile opens by its name."""

    DEFAULT_CSS = GATE_CSS.format(name="NameScreen")

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="pp-body"):
            yield self.heading("Your name")
            yield self.lead("Type the name of your profile, as you chose it. Capitals do not matter.")
            yield Input(placeholder="Your profile's name", id="name", max_length=40)
            yield Static("", classes="pp-message", id="message")
            with Horizontal(classes="pp-buttons"):
                yield Button("Open", id="open", variant="primary")
                yield Button("Back", id="back")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted, "#name")
    @on(Button.Pressed, "#open")
    def _open(self) -> None:
        name = self.query_one("#name", Input).value
        if not name.strip():
            self.say("Please type your profile's name.")
            return
        if find_profile(self.app.root, name) is None:
            self.say("There is no profile with that name here. Check the spelling, or go back to make a new one.")
            return
        self.app.open_named(self, name)

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.action_back()


class UnlockScreen(GateScreen):
    """The passphrase of a profile that has one."""

    DEFAULT_CSS = GATE_CSS.format(name="UnlockScreen")

    def __init__(self, name: str) -> None:
        super().__init__()
        self.profile_name = name

    def compose(self) -> ComposeResult:
        shown = "your workbook" if self.profile_name == DEFAULT_PROFILE else f"{self.profile_name}'s workbook"
        with VerticalScroll(classes="pp-body"):
            yield self.heading(f"Open {shown}")
            yield self.lead("This profile has a passphrase. Type it and press Enter.")
            yield Input(password=True, placeholder="Passphrase", id="passphrase")
            yield Static("", classes="pp-message", id="message")
            with Horizontal(classes="pp-buttons"):
                yield Button("Open", id="open", variant="primary")
                if self.app.mode != "unlock":
                    yield Button("Back", id="back")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    @on(Input.Submitted, "#passphrase")
    @on(Button.Pressed, "#open")
    def _open(self) -> None:
        if self.busy:
            return
        passphrase = take(self.query_one("#passphrase", Input))
        if not passphrase:
            self.say("Please type your passphrase.")
            return
        self.set_busy(True, "Opening…")
        self.run_worker(self._unlock(passphrase), exclusive=True)

    async def _unlock(self, passphrase: str) -> None:
        try:
            store = await on_store_thread(open_profile, self.app.root, self.profile_name, passphrase, create=False)
        except WrongPassphrase:
            self.set_busy(False, "That passphrase does not open this profile. Please try again.")
            self.query_one("#passphrase", Input).focus()
        except StoreError as error:
            self.set_busy(False, str(error))
        else:
            self.app.opened(store)

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.action_back()


class NewPassphraseScreen(GateScreen):
    """A passphrase for a new profile (optional unless the site requires one), or for an
    open profile that has none when the site requires one (`store`)."""

    DEFAULT_CSS = GATE_CSS.format(name="NewPassphraseScreen")

    def __init__(self, name: str, *, unlisted: bool = False, just_me: bool = False, store: Any = None) -> None:
        super().__init__()
        self.profile_name, self.unlisted, self.just_me, self.store = name, unlisted, just_me, store

    @property
    def required(self) -> bool:
        return self.app.settings.passphrase_required

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="pp-body"):
            if self.store is not None:
                yield self.heading("Please choose a passphrase")
                yield self.lead("This computer asks every profile to have a passphrase. Your entries are "
                                "then encrypted, and the workbook asks for it each time it opens.")
            elif self.required:
                yield self.heading("Choose a passphrase")
                yield self.lead("This computer asks every profile to have one. Your entries are encrypted "
                                "with it, and the workbook asks for it each time it opens.")
            else:
                yield self.heading("A passphrase, if you like")
                yield self.lead("With a passphrase your entries are encrypted, and the workbook asks for it "
                                "each time it opens. You can also leave it for now and set one later.")
            yield from new_passphrase_fields()
            yield Static(NO_RECOVERY, classes="pp-warning")
            yield Static("", classes="pp-message", id="message")
            with Horizontal(classes="pp-buttons"):
                yield Button("Use this passphrase", id="use", variant="primary")
                if not self.required and self.store is None:
                    yield Button("No passphrase for now", id="skip")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#new-passphrase", Input).focus()

    @on(Input.Submitted, "#new-passphrase")
    def _to_again(self) -> None:
        self.query_one("#new-again", Input).focus()

    @on(Input.Submitted, "#new-again")
    @on(Button.Pressed, "#use")
    def _use(self) -> None:
        if self.busy:
            return
        passphrase, problem = read_new_passphrase(self)
        if passphrase is None:
            self.say(problem)
            self.query_one("#new-passphrase", Input).focus()
            return
        self._make(passphrase)

    @on(Button.Pressed, "#skip")
    def _skip(self) -> None:
        if not self.busy:
            self._make(None)

    def _make(self, passphrase: str | None) -> None:
        self.set_busy(True, "Setting up your profile…" if passphrase else "Opening…")
        self.run_worker(self._create(passphrase), exclusive=True)

    async def _create(self, passphrase: str | None) -> None:
        root = self.app.root
        try:
            if self.store is not None:
                await on_store_thread(self.store.set_passphrase, passphrase)
                store = self.store
            elif self.just_me:
                store = await on_store_thread(open_profile, root, DEFAULT_PROFILE, passphrase)
                await on_store_thread(set_just_me, root)
            else:
                store = await on_store_thread(create_profile, root, self.profile_name, passphrase,
                                              unlisted=self.unlisted)
        except PassphraseNeeded:
            # "Just me" on a computer whose default profile already has a passphrase.
            self.set_busy(False)
            self.app.switch_screen(UnlockScreen(DEFAULT_PROFILE))
        except StoreError as error:
            self.set_busy(False, str(error))
        else:
            self.app.opened(store)


class GateApp(App[Opened | None]):
    """Ends with Opened(store) or Opened(None, guest=True), or None when closed."""

    TITLE = "Workbook"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("f2", "crisis", "Crisis help", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        root: Path,
        settings: Settings,
        *,
        mode: str,
        name: str | None = None,
        store: Any = None,
        contacts: list[Contact] | None = None,
    ) -> None:
        super().__init__()
        self.root = Path(root)
        self.settings = settings
        self.mode = mode  # "first_run", "pick", "unlock" (name), "new" (name) or "require" (store)
        self.name_to_open = name
        self.pending_store = store
        self.contacts = contacts if contacts is not None else crisis_contacts(settings.crisis_contacts)
        self.register_theme(CALM_THEME)
        theme = settings.theme if settings.theme in self.available_themes else CALM_THEME_NAME
        self.theme = theme

    def get_default_screen(self) -> Screen[Any]:
        if self.mode == "first_run":
            return WelcomeScreen(first_run=True)
        if self.mode == "unlock" and self.name_to_open:
            return UnlockScreen(self.name_to_open)
        if self.mode == "new" and self.name_to_open:  # named on the command line; the site requires a passphrase
            just_me = self.name_to_open.strip().casefold() == DEFAULT_PROFILE
            return NewPassphraseScreen(self.name_to_open, just_me=just_me)
        if self.mode == "require" and self.pending_store is not None:
            return NewPassphraseScreen(self.pending_store.profile, store=self.pending_store)
        return PickerScreen()

    def action_crisis(self) -> None:
        from workbook.tui.screens.crisis import CrisisScreen

        if not isinstance(self.screen, CrisisScreen):
            self.push_screen(CrisisScreen(self.contacts))

    def open_named(self, screen: GateScreen, name: str) -> None:
        """Open a chosen profile: straight away if it has no passphrase, else ask for it."""
        screen.set_busy(True, "Opening…")
        self.run_worker(self._open_named(screen, name), exclusive=True)

    async def _open_named(self, screen: GateScreen, name: str) -> None:
        try:
            store = await on_store_thread(open_profile, self.root, name, None, create=False)
        except PassphraseNeeded:
            screen.set_busy(False)
            self.push_screen(UnlockScreen(name))
        except StoreError as error:
            screen.set_busy(False, str(error))
        else:
            screen.set_busy(False)
            self.opened(store)

    def opened(self, store: Any) -> None:
        if self.settings.passphrase_required and not has_passphrase(store):
            self.pending_store = store  # open, and closed by whoever ran the gate if it ends here
            self.push_screen(NewPassphraseScreen(store.profile, store=store))
            return
        self.pending_store = None
        self.exit(Opened(store))

    async def action_quit(self) -> None:
        self.exit(None)

    def _handle_exception(self, error: Exception) -> None:
        from workbook.tui.privacy import handle_crash

        handle_crash(self, error)
