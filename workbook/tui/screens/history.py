"""Finished entries, newest first: paged from the store, searched and filtered in memory.

Opening shows the newest page at once, read straight from the store. Behind it a worker
builds the search index (insights.search) once per session; it is refreshed (only the
months that changed) before every search, so saves, edits and deletes are always seen.
Typing a search or choosing filters searches in a thread, so the screen never waits for
it; keys typed meanwhile are gathered into one more search. The matches are then paged
into the same table.

Deleting asks first. The deleted entry waits in the store's trash (store.trash) and `u`
brings it back, for 30 seconds or until this list is left. Entries deleted just before
the app stopped are offered back the next time the list opens.
"""

from __future__ import annotations

import asyncio
import weakref
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import AwaitMount
from textual.widgets import Button, DataTable, Input, Static
from textual.worker import get_current_worker

from workbook.insights.search import Filters, Indexed, SearchIndex
from workbook.store import trash
from workbook.store.base import StoreError
from workbook.tui.screens.entry import ConfirmDelete, EntryScreen
from workbook.tui.text import answer_text, literal, one_line, when
from workbook.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp

# The first page only has to fill the screen, so it paints at once even after years of
# entries; later pages are bigger and are read while the person scrolls.
FIRST_PAGE = 60
PAGE_SIZE = 200
LOAD_AHEAD = 40  # start reading the next page when the cursor is this close to the end
UNDO_SECONDS = 30
INLINE_SEARCH = 20_000  # up to this many entries an up-to-date index is searched in place (~20 ms)
INDEX_DELAY = 0.3  # seconds after the first rows are painted, before the index is built
NOTE = "Newest first. Enter reads one · / searches · f filters · d deletes · j shows patterns."


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


def row_cells(entry: dict[str, Any]) -> tuple[str, str, str]:
    title = str(entry.get("exercise_title") or entry.get("exercise_id") or "")
    return when(entry.get("finished_at")), one_line(title, 22), first_answer(entry)


# One index per entries table, kept for the session (the table's lifetime).
_indexes: weakref.WeakKeyDictionary[Any, SearchIndex] = weakref.WeakKeyDictionary()


def rows_of(page: list[dict[str, Any]]) -> list[tuple[dict[str, Any], tuple[Text, ...]]]:
    """Each entry with its table cells (as Text: what someone typed is never read as markup)."""
    return [(entry, tuple(Text(cell) for cell in row_cells(entry))) for entry in page]


def shared_index(store: Any) -> SearchIndex:
    """The session's search index for this store's entries (built on first refresh)."""
    table = store.monthly("entries")
    index = _indexes.get(table)
    if index is None:
        index = _indexes[table] = SearchIndex()
    return index


def describe_filters(filters: Filters, titles: dict[str, str]) -> str:
    parts = []
    if filters.text.strip():
        parts.append(f"“{one_line(filters.text, 30)}”")
    if filters.exercise:
        parts.append(titles.get(filters.exercise, filters.exercise))
    if filters.emotion:
        parts.append(f"feeling: {filters.emotion}")
    if filters.tag:
        parts.append(f"tag: {filters.tag}")
    if filters.since and filters.until:
        parts.append(f"{filters.since} to {filters.until}")
    elif filters.since:
        parts.append(f"from {filters.since}")
    elif filters.until:
        parts.append(f"until {filters.until}")
    low, high = filters.min_intensity, filters.max_intensity
    if low is not None or high is not None:
        parts.append(f"strength {low if low is not None else 0:g}–{high if high is not None else 10:g}")
    return " · ".join(parts)


class HistoryTable(DataTable[Any]):
    """Rows only, so Home and End go to the first and last entry."""

    BINDINGS = [
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]


class SearchInput(Input):
    """The search field: ↓ or Enter goes down to the results."""

    BINDINGS = [Binding("down", "screen.to_results", "Results", show=False)]


class HistoryScreen(Screen[None]):
    # Layout of this screen (unscoped: the selectors already name it).
    SCOPED_CSS = False
    DEFAULT_CSS = """
HistoryScreen #history-head { height: auto; padding: 0 1; }
HistoryScreen #history-title { text-style: bold; color: $primary; }
HistoryScreen #history-find { height: 1; margin-top: 1; }
HistoryScreen #search { width: 1fr; }
HistoryScreen #open-filters { margin-left: 1; min-width: 11; }
HistoryScreen #history-note { color: $text-muted; height: auto; min-height: 2; }
HistoryScreen #history-note.-undo { color: $warning; }
HistoryScreen DataTable { height: 1fr; }
"""

    AUTO_FOCUS = "#entries"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("slash", "search", "Search"),
        # Kept out of the footer (named in the hint line instead): at 80 columns they would
        # push the crisis and grounding keys off the screen.
        Binding("f", "filters", "Filters", show=False),
        Binding("d,delete", "delete", "Delete", show=False),
        Binding("u", "undo", "Undo delete", show=False),
        Binding("j", "app.patterns", "Patterns", show=False),
    ]

    app: WorkbookApp

    def __init__(self) -> None:
        super().__init__()
        self.loaded = 0
        self.exhausted = False
        self.loading = False
        # The rows' entries, read once by the worker; opening one needs no second read.
        self.entries: dict[str, dict[str, Any]] = {}
        self.filters = Filters()
        self.results: list[Indexed] | None = None  # None: no search, the store's own pages
        self.shown = 0
        self.searching = False
        self._search_id = 0
        self._search_running = False
        self._search_again = False
        self._select_after: str | None = None
        self._index_started = False
        self.undoable: list[str] = []  # trash ids, the latest last
        self._undo_timers: dict[str, Timer] = {}
        self._undo_notice = ""
        self._note_tall = True

    def compose(self) -> ComposeResult:
        with Vertical(id="history-head"):
            yield Static("Your finished entries", id="history-title")
            yield Horizontal(id="history-find")  # filled once the first rows are painted
            yield Static(NOTE, id="history-note")
        table = HistoryTable(cursor_type="row", zebra_stripes=True, id="entries")
        table.add_column("When", key="when", width=16)
        table.add_column("Exercise", key="exercise", width=22)
        table.add_column("First words", key="preview")
        yield table
        yield KeyFooter()

    async def on_mount(self) -> None:
        # The first page is read (in a thread) before the screen is first drawn, so it is drawn
        # once, with its rows. Read beside the drawing of an empty screen, the two took turns
        # at the interpreter and the rows came later than both together.
        self.loading = True
        try:
            page = await asyncio.to_thread(self.app.store.entries, 0, FIRST_PAGE)
        except StoreError as error:
            self._failed(str(error))
            return
        self._add_rows(0, FIRST_PAGE, rows_of(page))

    def _after_first_rows(self) -> None:
        """Everything the first rows need not wait for: the search field, the trash, the index."""
        self._mount_find_bar()
        self._look_in_trash()
        # A moment later, so building it never holds up the first scroll (a search typed
        # sooner builds it itself).
        self.set_timer(INDEX_DELAY, self._build_index)

    def _mount_find_bar(self) -> AwaitMount | None:
        find = self.query("#history-find")
        if self.query("#search") or not find or not find.first().is_attached:
            return None  # already there, or the screen is closing (Esc straight after opening)
        return find.first().mount(
            SearchInput(self.filters.text, placeholder="Search your entries (/)", id="search", compact=True),
            Button("Filters", id="open-filters", compact=True),
        )

    @property
    def index(self) -> SearchIndex:
        return shared_index(self.app.store)

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one("#entries", DataTable)

    # -- the store's own pages (no search) --------------------------------------------------
    def load_next_page(self) -> None:
        if self.loading or self.exhausted or self.results is not None:
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
        rows = rows_of(page)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._add_rows, offset, size, rows)

    def _add_rows(self, offset: int, size: int, rows: list[tuple[dict[str, Any], tuple[Any, ...]]]) -> None:
        if self.results is not None:
            self.loading = False
            return
        if offset != self.loaded:  # a delete moved the rows on while this page was read
            self.loading = False
            self._maybe_load_more(self.table.cursor_row)
            return
        table = self.table
        for entry, cells in rows:
            key = str(entry.get("id"))
            if key not in self.entries:
                self.entries[key] = entry
                table.add_row(*cells, key=key)
        self.loaded += len(rows)
        self.exhausted = len(rows) < size
        self.loading = False
        self._select_wanted()
        self.show_note()
        self._maybe_load_more(table.cursor_row)
        if not self._index_started:
            self._index_started = True
            self.call_after_refresh(self._after_first_rows)

    def _failed(self, message: str) -> None:
        self.loading = self.searching = False
        self.show_note(message)
        if not self._index_started:
            self._index_started = True
            self._mount_find_bar()

    def _maybe_load_more(self, row: int) -> None:
        if self.results is None:
            if row >= self.loaded - LOAD_AHEAD:
                self.load_next_page()
        elif row >= self.shown - LOAD_AHEAD and self.shown < len(self.results):
            self._show_more_results(PAGE_SIZE)

    @on(DataTable.RowHighlighted)
    def _near_end(self, event: DataTable.RowHighlighted) -> None:
        self._maybe_load_more(event.cursor_row)

    # -- the note under the search field ----------------------------------------------------
    def show_note(self, message: str | None = None) -> None:
        """What the list shows, in words; while a delete can be undone, that comes first."""
        note = self.query_one("#history-note", Static)
        lines = [self._undo_notice] if self.undoable and self._undo_notice else []
        note.set_class(bool(lines), "-undo")
        if message is not None:
            lines.append(message)
        elif self.results is not None:
            # Titles only when an exercise is chosen: listing them walks every entry.
            titles = dict(self.index.exercises()) if self.filters.exercise else {}
            looking = describe_filters(self.filters, titles)
            count = len(self.results)
            if count:
                found = f"{count:,} {'entry matches' if count == 1 else 'entries match'}"
                lines.append(f"{found} {looking}. Esc clears the search.")
            else:
                lines.append(f"Nothing matches {looking}. Try fewer words, or press Esc to clear it.")
        elif self.searching:
            lines.append("Searching…")
        elif not self.loaded and self.exhausted:
            lines.append("Nothing here yet. Finished exercises will appear in this list.")
        elif not lines:
            lines.append(NOTE)
        text = "\n".join(lines)
        # The note keeps at least two lines, so most updates need no new layout (a search
        # paints sooner); only a longer note asks for one.
        width = max(20, note.size.width or 78)
        tall = sum(max(1, -(-len(line) // width)) for line in lines) > 2
        note.update(literal(text), layout=tall or self._note_tall)
        self._note_tall = tall

    # -- search and filters ----------------------------------------------------------------
    @work(thread=True, exclusive=True, group="index")
    def _build_index(self) -> None:
        worker = get_current_worker()
        try:
            self.index.refresh(self.app.store.monthly("entries"), cancelled=lambda: worker.is_cancelled)
        except StoreError:
            pass  # the search says so when it is used

    async def action_search(self) -> None:
        mounting = self._mount_find_bar()
        if mounting is not None:
            await mounting
        self.query_one("#search", Input).focus()

    def action_to_results(self) -> None:
        self.table.focus()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.table.focus()

    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        # A change that arrives after the field was set again (Esc clears it) is stale:
        # following it would put the old words back, and the two would take turns.
        if event.value == event.input.value and event.value != self.filters.text:
            self.set_filters(replace(self.filters, text=event.value))

    def set_filters(self, filters: Filters) -> None:
        """Show the entries that match these filters (all of them when there are none)."""
        self.filters = filters
        for search in self.query("#search").results(Input):
            if search.value != filters.text:
                search.value = filters.text
        self._search_id += 1
        if not filters.active:
            self._back_to_pages()
            return
        self.searching = True
        if self.results is None and not self.index.ready:
            # Only the first search, which builds the index, takes long enough to need a word;
            # drawing "Searching…" before a quick answer would only make the answer later.
            self.show_note()
        self._request_search()

    def _request_search(self) -> None:
        # The first key searches at once. Keys typed while a search runs are not each
        # searched: when it ends, one more search runs with whatever is typed by then.
        if self._search_running:
            self._search_again = True
        else:
            self._search_running = True
            self._search()

    @work(group="search")
    async def _search(self) -> None:
        try:
            while True:
                self._search_again = False
                search_id, filters = self._search_id, self.filters
                if not filters.active:
                    return
                try:
                    if len(self.index.items) <= INLINE_SEARCH and self.index.up_to_date(self.app.store.monthly("entries")):
                        # Nothing to read: a few milliseconds here beat a thread that would take
                        # turns at the interpreter with the drawing of the typed key.
                        found = self.index.find(filters)
                    else:
                        found = await asyncio.to_thread(self._find, filters)
                except StoreError as error:
                    self._failed(str(error))
                    return
                if search_id == self._search_id and not self._search_again:
                    self._show_results(found)
                if not self._search_again:
                    return
        finally:
            self._search_running = False

    def _find(self, filters: Filters) -> list[Indexed]:
        """In a thread: bring the index up to date (only what changed) and search it."""
        self.index.refresh(self.app.store.monthly("entries"))
        return self.index.find(filters)

    def _show_results(self, found: list[Indexed]) -> None:
        self.searching = False
        self.results = found
        self.shown = 0
        self.table.clear()
        self._show_more_results(max(FIRST_PAGE, self._wanted_row_count()))
        self.show_note()

    def _wanted_row_count(self) -> int:
        if self._select_after is None or self.results is None:
            return 0
        for number, item in enumerate(self.results):
            if item.id == self._select_after:
                return number + 1
        return 0

    def _show_more_results(self, count: int) -> None:
        assert self.results is not None
        table = self.table
        for item in self.results[self.shown:self.shown + count]:
            table.add_row(*(Text(cell) for cell in row_cells(item.record)), key=item.id)
        self.shown = min(len(self.results), self.shown + count)
        self._select_wanted()

    def _back_to_pages(self) -> None:
        """No search and no filters: the store's pages again, from the top."""
        self.searching = False
        self.results = None
        self.reload()

    def reload(self) -> None:
        """Show the list again from the top (after an undo), keeping as many rows as before."""
        if self.results is not None:
            self._search_id += 1
            self.searching = True
            self._request_search()
            return
        keep = max(FIRST_PAGE, self.loaded + 1)
        self.table.clear()
        self.entries.clear()
        self.loaded, self.exhausted, self.loading = 0, False, True
        self._read_page(0, keep)

    def _select_wanted(self) -> None:
        key = self._select_after
        if key is None:
            return
        try:
            row = self.table.get_row_index(key)
        except Exception:
            return
        self._select_after = None
        self.table.move_cursor(row=row)

    def action_filters(self) -> None:
        from workbook.tui.screens.history_filters import FiltersDialog

        index = self.index
        self.app.push_screen(
            FiltersDialog(self.filters, index.exercises(), index.emotions(), index.tags()),
            lambda chosen: chosen is not None and self.set_filters(chosen),
        )

    @on(Button.Pressed, "#open-filters")
    def _filters_button(self) -> None:
        self.action_filters()

    def action_back(self) -> None:
        if self.filters.active:
            self.set_filters(Filters())
            self.table.focus()
        else:
            self.app.pop_screen()

    # -- reading one ----------------------------------------------------------------------------
    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value or ""
        entry = self.entries.get(key) if self.results is None else None
        if entry is not None:
            self._show_entry(entry)
        else:
            self._read_entry(key)

    @work(thread=True, exclusive=True, group="open")
    def _read_entry(self, entry_id: str) -> None:
        try:
            entry = self.app.store.get_entry(entry_id)
        except StoreError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self._show_entry, entry)

    def _show_entry(self, entry: dict[str, Any] | None) -> None:
        if entry is None:
            self.notify("That entry could not be found. It may have been removed.", severity="warning")
            return
        self.app.push_screen(EntryScreen(entry), self._after_detail)

    def _after_detail(self, result: dict[str, Any] | None) -> None:
        if not result:
            return
        entry_id = result.get("id", "")
        if result.get("deleted"):
            self._deleted(entry_id, result["deleted"])
        elif result.get("entry"):
            entry = result["entry"]
            if entry_id in self.entries:
                self.entries[entry_id] = entry
            try:
                for column, cell in zip(("when", "exercise", "preview"), row_cells(entry)):
                    self.table.update_cell(entry_id, column, Text(cell))
            except Exception:
                pass  # not on screen: nothing to update
            if self.results is not None:
                self.reload()  # the changed words may match differently now

    # -- deleting, and bringing back ------------------------------------------------------------
    def action_delete(self) -> None:
        table = self.table
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or ""
        when_text, title, words = (str(cell) for cell in table.get_row(key))
        self.app.push_screen(
            ConfirmDelete(when_text, title, words),
            lambda yes: yes and self._delete(key),
        )

    def _delete(self, entry_id: str) -> None:
        try:
            trash_id = trash.move_to_trash(self.app.store, entry_id)
        except StoreError as error:
            self.notify(f"{error} Nothing was deleted.", severity="warning", markup=False)
            return
        self._deleted(entry_id, trash_id)

    def _deleted(self, entry_id: str, trash_id: str) -> None:
        try:
            self.table.remove_row(entry_id)
        except Exception:
            pass
        else:
            if self.results is None:
                self.entries.pop(entry_id, None)
                self.loaded -= 1
            else:
                self.results = [item for item in self.results if item.id != entry_id]
                self.shown -= 1
        self.undoable.append(trash_id)
        self._undo_timers[trash_id] = self.set_timer(UNDO_SECONDS, lambda: self._let_go(trash_id))
        self._undo_notice = f"The entry is deleted. Press u within {UNDO_SECONDS} seconds to bring it back."
        self.show_note()
        self.table.focus()

    def action_undo(self) -> None:
        if not self.undoable:
            self.notify("There is nothing to bring back just now.")
            return
        trash_id = self.undoable.pop()
        timer = self._undo_timers.pop(trash_id, None)
        if timer is not None:
            timer.stop()
        try:
            entry = trash.undo(self.app.store, trash_id)
        except StoreError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        self._select_after = str(entry.get("id"))
        self.notify("The entry is back, just as it was.", timeout=4)
        self.reload()

    def _let_go(self, trash_id: str, leaving: bool = False) -> None:
        if trash_id in self.undoable:
            self.undoable.remove(trash_id)
        self._undo_timers.pop(trash_id, None)
        try:
            trash.let_go(self.app.store, trash_id)
        except StoreError:
            return  # still in the trash: offered again next time, nothing lost
        if not leaving:
            self.show_note()

    def on_unmount(self) -> None:
        for trash_id in list(self.undoable):
            self._let_go(trash_id, leaving=True)

    @work(thread=True, group="trash")
    def _look_in_trash(self) -> None:
        try:
            waiting = trash.waiting(self.app.store)
        except StoreError:
            return
        if waiting:
            self.app.call_from_thread(self._offer_back, [key for key, _ in waiting])

    def _offer_back(self, trash_ids: list[str]) -> None:
        self.undoable[:0] = [t for t in trash_ids if t not in self.undoable]
        count = len(trash_ids)
        if count == 1:
            message = ("You deleted an entry just before the workbook last closed. Press u to bring it back; "
                       "once you leave this list, it is gone for good.")
        else:
            message = (f"You deleted {count} entries just before the workbook last closed. Press u to bring "
                       "them back, one at a time; once you leave this list, they are gone for good.")
        self._undo_notice = message
        self.show_note()
