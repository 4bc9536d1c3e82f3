"""Export: choose a format, a date range, some exercises, and where to save; a bar shows progress.

The export itself runs in a thread worker (workbook.transfer does the work), so a large
one never freezes the screen; the bar follows it through a short timer rather than a
message per step, which would slow the export down.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button, Checkbox, Input, Label, ProgressBar, RadioButton, RadioSet, SelectionList, Static,
)

from workbook.errors import WorkbookError
from workbook.tui.screens.dialogs import DIALOG_CSS, Dialog
from workbook.tui.text import literal
from workbook.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp
    from workbook.transfer.exporting import Rendered

FORMATS = [
    ("md", "Markdown: to read, or to share with your therapist"),
    ("json", "JSON: a complete copy, to import on another computer"),
    ("csv", "CSV: for a spreadsheet, one file per exercise"),
]


class UnencryptedExportDialog(Dialog):
    """An encrypted profile: the file will not be. Say so plainly before writing it."""

    AUTO_FOCUS = "#cancel"
    DEFAULT_CSS = DIALOG_CSS.format(name="UnencryptedExportDialog")

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static("The export will not be protected", classes="dialog-title")
            yield Static(
                "Your profile is protected by a passphrase, but the exported file will not be: "
                "anyone who can open it can read it. Keep it somewhere safe, and delete it when "
                "you no longer need it."
            )
            with Vertical(classes="dialog-buttons"):
                yield Button("Export anyway", id="go", variant="warning")
                yield Button("Not now", id="cancel")

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "go")

    def action_dismiss_none(self) -> None:
        self.dismiss(False)


class ExportScreen(Screen[None]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
ExportScreen #export-body { padding: 0 2; }
ExportScreen #export-title { text-style: bold; color: $primary; margin-top: 1; }
ExportScreen .export-label { margin-top: 1; text-style: bold; }
ExportScreen RadioSet { width: 100%; }
ExportScreen #export-dates { height: auto; }
ExportScreen #export-dates Input { width: 1fr; margin-right: 2; }
ExportScreen #export-exercises { height: auto; max-height: 6; }
ExportScreen #export-private { margin-top: 1; }
ExportScreen #export-buttons { height: auto; margin-top: 1; }
ExportScreen #export-buttons Button { margin-right: 2; }
ExportScreen #export-progress { margin-top: 1; }
"""
    BINDINGS = [Binding("escape", "leave", "Back")]
    AUTO_FOCUS = "#export-format"

    app: WorkbookApp

    def __init__(self, folder: Path | None = None) -> None:
        super().__init__()
        self.folder = folder or Path.home()
        self._fraction = 0.0
        self._path_touched = False
        self._busy = False

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        from workbook.transfer.exporting import default_name

        with VerticalScroll(id="export-body"):
            yield Static("Export your entries", id="export-title")
            yield Static("Choose what to take with you. Nothing in your workbook changes.")
            yield Label("Format", classes="export-label")
            with RadioSet(id="export-format", compact=True):
                for index, (key, words) in enumerate(FORMATS):
                    yield RadioButton(words, value=index == 0, id=f"format-{key}", compact=True)
            yield Label("Dates (leave empty for all)", classes="export-label")
            with Horizontal(id="export-dates"):
                yield Input(placeholder="from, e.g. 2026-03-01", id="export-from", compact=True)
                yield Input(placeholder="to, e.g. 2026-03-07", id="export-to", compact=True)
            yield Label("Exercises (tick none for all)", classes="export-label")
            yield SelectionList[str](
                *((literal(e.title), e.id) for group in self.app.catalog.by_category().values() for e in group),
                id="export-exercises", compact=True,
            )
            yield Checkbox("Include entries I marked private", id="export-private", compact=True)
            yield Label("Save to", classes="export-label")
            yield Input(str(self.folder / default_name("md")), id="export-path", compact=True)
            with Horizontal(id="export-buttons"):
                yield Button("Export", id="export-go", variant="primary", compact=True)
                yield Button("Back", id="export-back", compact=True)
            yield ProgressBar(total=100, show_eta=False, id="export-progress")
            yield Static("", id="export-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.set_interval(0.05, self._show_progress)
        # Focusing the format scrolls it into view; start from the top, so the heading shows.
        self.call_after_refresh(lambda: self.query_one("#export-body").scroll_home(animate=False))

    # -- choices -----------------------------------------------------------------------------
    @property
    def fmt(self) -> str:
        pressed = self.query_one("#export-format", RadioSet).pressed_button
        return (pressed.id or "format-md").removeprefix("format-") if pressed else "md"

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self) -> None:
        from workbook.transfer.exporting import default_name

        fmt = self.fmt
        self.query_one("#export-private", Checkbox).value = fmt == "json"
        if not self._path_touched:
            path_input = self.query_one("#export-path", Input)
            with path_input.prevent(Input.Changed):
                path_input.value = str(self.folder / default_name(fmt))

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        self._path_touched = True

    def _selection(self) -> Any:
        from workbook.transfer.selection import Selection, parse_day

        return Selection(
            since=parse_day(self.query_one("#export-from", Input).value, "first"),
            until=parse_day(self.query_one("#export-to", Input).value, "last"),
            exercises=frozenset(self.query_one("#export-exercises", SelectionList).selected),
            include_private=self.query_one("#export-private", Checkbox).value,
        )

    def _say(self, text: str) -> None:
        self.query_one("#export-status", Static).update(literal(text))

    # -- exporting -----------------------------------------------------------------------------
    @on(Button.Pressed, "#export-go")
    def _go(self) -> None:
        if self._busy:
            return
        try:
            selection = self._selection()
        except WorkbookError as error:
            self._say(str(error))
            return
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self._say("Please say where to save the export.")
            return
        path = Path(raw).expanduser()
        if getattr(self.app.store, "encrypted", False):
            self.app.push_screen(
                UnencryptedExportDialog(), lambda go: go and self._start(self.fmt, selection, path)
            )
        else:
            self._start(self.fmt, selection, path)

    def _start(self, fmt: str, selection: Any, path: Path) -> None:
        self._busy = True
        self._fraction = 0.0
        self.query_one("#export-go", Button).disabled = True
        self._say("Exporting…")
        self.query_one("#export-status").scroll_visible(animate=False)
        self._export(fmt, selection, path)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, fmt: str, selection: Any, path: Path) -> None:
        from workbook.transfer.exporting import render_export, write_export

        def progress(fraction: float) -> None:
            self._fraction = fraction

        try:
            rendered = render_export(self.app.store, fmt, selection, progress)
            written = write_export(rendered, path)
        except WorkbookError as error:  # StoreError is one too
            self.app.call_from_thread(self._failed, str(error))
            return
        except OSError as error:
            self.app.call_from_thread(self._failed, f"The export could not be written ({error.strerror or error}).")
            return
        self.app.call_from_thread(self._finished, rendered, path, len(written))

    def _show_progress(self) -> None:
        bar = self.query_one("#export-progress", ProgressBar)
        if bar.progress != round(self._fraction * 100):
            bar.update(progress=round(self._fraction * 100))

    def _failed(self, message: str) -> None:
        self._busy = False
        if not self.is_mounted:  # the person left this screen while it worked
            self.app.notify(message, severity="warning", markup=False)
            return
        self.query_one("#export-go", Button).disabled = False
        self._say(message)

    def _finished(self, rendered: Rendered, path: Path, files: int) -> None:
        self._busy = False
        self._fraction = 1.0
        count = rendered.count
        text = f"Saved {count} {'entry' if count == 1 else 'entries'} to {path}"
        text += f" ({files} {'file' if files == 1 else 'files'})." if rendered.fmt == "csv" else "."
        if rendered.private_left_out:
            n = rendered.private_left_out
            text += f" {n} marked private {'was' if n == 1 else 'were'} left out."
        if not self.is_mounted:
            self.app.notify(text, markup=False)
            return
        self._show_progress()
        self.query_one("#export-go", Button).disabled = False
        self._say(text)

    # -- leaving --------------------------------------------------------------------------------
    @on(Button.Pressed, "#export-back")
    def action_leave(self) -> None:
        self.app.pop_screen()
