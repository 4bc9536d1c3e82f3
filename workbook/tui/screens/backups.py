"""Backups: see them, make one now, put the workbook back as it was, or bring back one file.

Restoring runs in a thread worker (it reads and writes every file of the profile).
Putting a whole backup back first backs up how things are now, so it can be undone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from workbook.store.base import StoreError
from workbook.tui.screens.dialogs import DIALOG_CSS, Dialog
from workbook.tui.text import literal
from workbook.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from workbook.store.backup import Backup
    from workbook.tui.app import WorkbookApp


def _on_store_thread(fn: Any, *args: Any) -> Any:
    """A restore may close the profile if it is cut short; closing belongs on the thread that
    took the profile's lock (store/profiles.py), so the restore runs there."""
    try:
        from workbook.store.profiles import STORE_THREAD
    except ImportError:
        return fn(*args)
    return STORE_THREAD.run(fn, *args)


class RestoreDialog(Dialog):
    AUTO_FOCUS = "#cancel"
    DEFAULT_CSS = DIALOG_CSS.format(name="RestoreDialog")

    def __init__(self, backup: Backup) -> None:
        super().__init__()
        self.backup = backup

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static("Put your workbook back as it was?", classes="dialog-title")
            yield Static(literal(
                f"Your entries, drafts and settings will be as they were on {self.backup.when()}. "
                "How things are right now is backed up first, so you can come back to it."
            ))
            with Vertical(classes="dialog-buttons"):
                yield Button("Put it back", id="go", variant="primary")
                yield Button("Not now", id="cancel")

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "go")

    def action_dismiss_none(self) -> None:
        self.dismiss(False)


class BackupsScreen(Screen[None]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
BackupsScreen #backups-body { padding: 0 2; }
BackupsScreen #backups-title { text-style: bold; color: $primary; margin-top: 1; }
BackupsScreen #backups-offers { height: auto; }
BackupsScreen #backups-offers Button { width: 100%; margin-top: 1; }
BackupsScreen #backups-list { height: auto; max-height: 12; margin-top: 1; }
BackupsScreen #backups-buttons { height: auto; margin-top: 1; }
BackupsScreen #backups-buttons Button { margin-right: 1; }
BackupsScreen #backups-status { margin-top: 1; }
"""
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]
    AUTO_FOCUS = "#backups-list"

    app: WorkbookApp

    def __init__(self) -> None:
        super().__init__()
        self._backups: list[Backup] = []
        self._busy = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="backups-body"):
            yield Static("Backups", id="backups-title")
            yield Static(
                "A backup is made each day you use the workbook, and the last seven are kept, "
                "protected like your profile. Choose one to put your workbook back as it was then."
            )
            yield Vertical(id="backups-offers")
            yield OptionList(id="backups-list")
            with Horizontal(id="backups-buttons"):
                yield Button("Back up now", id="backups-now")
                yield Button("Back", id="backups-back")
            yield Static("", id="backups-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_list()

    # -- showing --------------------------------------------------------------------------------
    def refresh_list(self) -> None:
        from workbook.store.backup import list_backups

        try:
            self._backups = [b for b in list_backups(self.app.store) if b.readable]
        except (OSError, StoreError) as error:
            self._backups = []
            self._say(f"The backups could not be listed ({error}).")
        listing = self.query_one("#backups-list", OptionList)
        listing.clear_options()
        if self._backups:
            listing.add_options(Option(literal(b.describe()), id=b.name) for b in self._backups)
        elif getattr(self.app.store, "folder", None) is None:
            listing.add_option(Option("Guest mode keeps nothing, so there are no backups.", disabled=True))
            self.query_one("#backups-now", Button).disabled = True
        else:
            listing.add_option(Option("No backups yet. One is made each day you use the workbook.", disabled=True))
        self._show_offers()

    def _show_offers(self) -> None:
        box = self.query_one("#backups-offers", Vertical)
        box.remove_children()
        offers = list(getattr(self.app.store, "backup_offers", []) or [])
        by_name = {b.name: b for b in self._backups}
        buttons = []
        for index, (relative, name) in enumerate(offers):
            backup = by_name.get(name)
            if backup is not None:
                button = Button(literal(f"Bring back {relative} from {backup.when()}"), id=f"offer-{index}")
                button.offer = (relative, name)  # type: ignore[attr-defined]
                buttons.append(button)
        if buttons:
            box.mount(Static("A file could not be read and was set aside. A good copy is in a backup:"), *buttons)

    def _say(self, text: str) -> None:
        self.query_one("#backups-status", Static).update(literal(text))

    # -- acting ----------------------------------------------------------------------------------
    @on(OptionList.OptionSelected, "#backups-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        backup = next((b for b in self._backups if b.name == event.option.id), None)
        if backup is None or self._busy:
            return
        self.app.push_screen(RestoreDialog(backup), lambda go: go and self._run("restore", backup.name))

    @on(Button.Pressed, "#backups-now")
    def _now(self) -> None:
        if not self._busy:
            self._run("backup")

    @on(Button.Pressed, "#backups-back")
    def _back(self) -> None:
        self.app.pop_screen()

    @on(Button.Pressed, "#backups-offers Button")
    def _offer(self, event: Button.Pressed) -> None:
        offer = getattr(event.button, "offer", None)
        if offer and not self._busy:
            self._run("file", *offer)

    def _run(self, what: str, *args: Any) -> None:
        self._busy = True
        self._say({"restore": "Putting it back…", "backup": "Backing up…", "file": "Bringing it back…"}[what])
        self._work(what, *args)

    @work(thread=True, exclusive=True, group="backups", exit_on_error=False)
    def _work(self, what: str, *args: Any) -> None:
        from workbook.store import backup as backups

        try:
            if what == "restore":
                before = _on_store_thread(backups.restore_backup, self.app.store, args[0])
                message = (
                    "Your workbook is back as it was. How it was a moment ago is kept as the backup "
                    f"of {before.when()}, if you want to go back to it."
                )
            elif what == "backup":
                made = backups.make_backup(self.app.store, "by-hand")
                message = f"Backed up: {made.describe()}."
            else:
                relative, name = args
                _, added = backups.restore_file(self.app.store, relative, name)
                offers = getattr(self.app.store, "backup_offers", [])
                if (relative, name) in offers:
                    offers.remove((relative, name))
                message = f"Brought back {added} {'item' if added == 1 else 'items'} of {relative}."
        except (OSError, StoreError) as error:
            message = str(error)
        self.app.call_from_thread(self._done, message)

    def _done(self, message: str) -> None:
        self._busy = False
        if not self.is_mounted:
            self.app.notify(message, markup=False)
            return
        self.refresh_list()
        self._say(message)
