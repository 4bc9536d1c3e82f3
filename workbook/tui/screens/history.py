"""Finished entries, newest first, read a page at a time so ten thousand stay quick."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.worker import get_current_worker

from workbook.store.base import StoreError
from workbook.tui.screens.entry import EntryScreen
from workbook.tui.text import answer_text, literal, one_line, when

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp

# The first page only has to fill the screen, so it paints at once even after years of
# entries; later pages are bigger and are read while the person scrolls.
FIRST_PAGE = 60
PAGE_SIZE = 200
LOAD_AHEAD = 40  # start reading the next page when the cursor is this close to the end


def first_answer(entry: dict[str, Any], width: int = 60) -> str:
    """The first words written, in step order, for a one-line preview.

    Typed text is preferred over picks and numbers, as it says most about the entry.
    """
    answers = entry.get("answers") or {}
    prompts = entry.get("prompts") or {}
    values = [answers[key] for key in [*prompts, *(k for k in answers if k not in prompts)] if key in answers]
    for wanted in (str, list, object):
        for value in values:
            if isinstance(value, wanted) and not isinstance(value, dict) and value not in ("", []):
                if isinstance(value, list):
                    return one_line("; ".join(str(item) for item in value), width)
                return one_line(answer_text(value), width)
    return ""


class HistoryTable(DataTable[Any]):
    """Rows only, so Home and End go to the first and last entry."""

    BINDINGS = [
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]


class HistoryScreen(Screen[None]):
    # Layout of this screen (unscoped: the selectors already name it).
    SCOPED_CSS = False
    DEFAULT_CSS = """
HistoryScreen #history-head { height: auto; padding: 0 1; }
HistoryScreen #history-title { text-style: bold; color: $primary; }
HistoryScreen #history-note { color: $text-muted; }
HistoryScreen DataTable { height: 1fr; }
"""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    app: WorkbookApp

    def __init__(self) -> None:
        super().__init__()
        self.loaded = 0
        self.exhausted = False
        self.loading = False
        # The rows' entries, read once by the worker; opening one needs no second read.
        self.entries: dict[str, dict[str, Any]] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="history-head"):
            yield Static("Your finished entries", id="history-title")
            yield Static("Newest first. Press Enter to read one.", id="history-note")
        table = HistoryTable(cursor_type="row", zebra_stripes=True, id="entries")
        table.add_column("When", key="when", width=16)
        table.add_column("Exercise", key="exercise", width=22)
        table.add_column("First words", key="preview")
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self.load_next_page()

    def load_next_page(self) -> None:
        if self.loading or self.exhausted:
            return
        self.loading = True
        self._read_page(self.loaded, PAGE_SIZE if self.loaded else FIRST_PAGE)

    @work(thread=True, exclusive=True, group="history")
    def _read_page(self, offset: int, size: int) -> None:
        try:
            page = self.app.store.entries(offset, size)
        except StoreError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        rows = [
            (
                entry,
                (
                    Text(when(entry.get("finished_at"))),
                    Text(one_line(str(entry.get("exercise_title") or entry.get("exercise_id") or ""), 22)),
                    Text(first_answer(entry)),
                ),
            )
            for entry in page
        ]
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._add_rows, offset, size, rows)

    def _add_rows(self, offset: int, size: int, rows: list[tuple[dict[str, Any], tuple[Any, ...]]]) -> None:
        if offset != self.loaded:
            return
        table = self.query_one(DataTable)
        for entry, cells in rows:
            key = str(entry.get("id"))
            if key not in self.entries:
                self.entries[key] = entry
                table.add_row(*cells, key=key)
        self.loaded += len(rows)
        self.exhausted = len(rows) < size
        self.loading = False
        note = self.query_one("#history-note", Static)
        if not self.loaded:
            note.update("Nothing here yet. Finished exercises will appear in this list.")
        else:
            note.update("Newest first. Press Enter to read one.")
        self._maybe_load_more(table.cursor_row)

    def _failed(self, message: str) -> None:
        self.loading = False
        self.query_one("#history-note", Static).update(literal(message))

    def _maybe_load_more(self, row: int) -> None:
        if row >= self.loaded - LOAD_AHEAD:
            self.load_next_page()

    @on(DataTable.RowHighlighted)
    def _near_end(self, event: DataTable.RowHighlighted) -> None:
        self._maybe_load_more(event.cursor_row)

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        entry = self.entries.get(event.row_key.value or "")
        if entry is None:
            self.notify("That entry could not be found. It may have been removed.", severity="warning")
            return
        self.app.push_screen(EntryScreen(entry))
