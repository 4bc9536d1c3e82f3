"""The history's search and filters, on generated entries whose matches are known, and
deleting with undo (including after the app stopped in the middle of the undo moment)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from textual.widgets import DataTable, Input, Select

from workbook.content.catalog import load_catalog
from workbook.store import trash
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.entry import ConfirmDelete
from workbook.tui.screens.history import FIRST_PAGE, HistoryScreen
from workbook.tui.screens.history_filters import FiltersDialog

from .helpers import SIZE, click, history_rows, screen_text, type_text, wait_for

FEELINGS = ["Anxious", "Sad", "Angry"]
START = datetime(2026, 1, 1, 20, 0, tzinfo=timezone(timedelta(hours=1)))


def make(n: int) -> dict:
    """Entry n: feeling FEELINGS[n % 3], intensity n % 11, tag "work" when n % 4 == 0, one a day."""
    moment = (START + timedelta(days=n)).isoformat()
    return {
        "exercise_id": "trigger-journal" if n % 2 else "quick-log",
        "exercise_title": "Trigger journal" if n % 2 else "Log it now",
        "started_at": moment, "finished_at": moment,
        "answers": {"trigger": f"moment {n:03d} " + ("the bus" if n % 5 == 0 else "a call"),
                    "feelings": [FEELINGS[n % 3]], "intensity": n % 11},
        "prompts": {"trigger": "What set it off?"},
        "tags": ["work"] if n % 4 == 0 else [],
    }


def shown_numbers(app: WorkbookApp) -> list[int]:
    return [int(row[2].split()[1]) for row in history_rows(app)]


async def open_history(pilot, app) -> HistoryScreen:
    await pilot.press("h")
    screen = app.screen
    assert isinstance(screen, HistoryScreen)
    await wait_for(pilot, lambda: screen.loaded > 0, what="the first page")
    return screen


async def search_for(pilot, screen: HistoryScreen, text: str) -> None:
    await pilot.press("slash")
    assert screen.query_one("#search", Input).has_focus
    await type_text(pilot, text)
    await wait_for(pilot, lambda: screen.results is not None and screen.filters.text == text
                   and not screen.searching, what="the search")


async def test_search_finds_exactly_the_matching_entries_newest_first(fixture_catalog, store_factory):
    store = store_factory()
    store.import_entries([make(n) for n in range(150)])
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot, app)
        await search_for(pilot, screen, "BUS moment")
        expected = [n for n in reversed(range(150)) if n % 5 == 0]
        assert shown_numbers(app) == expected
        assert "30 entries match" in str(screen.query_one("#history-note").render())

        await pilot.press("enter")  # from the search field down to the results
        table = screen.query_one(DataTable)
        assert table.has_focus
        await pilot.press("escape")  # clears the search: all entries again, newest first
        await wait_for(pilot, lambda: screen.results is None and screen.loaded >= FIRST_PAGE, what="all entries")
        assert shown_numbers(app)[:3] == [149, 148, 147]
        assert screen.query_one("#search", Input).value == ""

        await search_for(pilot, screen, "zebra")
        assert history_rows(app) == []
        assert "Nothing matches" in str(screen.query_one("#history-note").render())
        await pilot.press("escape", "escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, HistoryScreen), what="leaving")


async def test_many_matches_are_paged_while_scrolling(fixture_catalog, store_factory):
    store = store_factory()
    store.import_entries([make(n) for n in range(300)])
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot, app)
        await search_for(pilot, screen, "moment")
        assert len(screen.results) == 300 and screen.shown == FIRST_PAGE
        table = screen.query_one(DataTable)
        table.focus()
        await pilot.press("end")
        await wait_for(pilot, lambda: screen.shown == 300 or table.row_count > FIRST_PAGE, what="more rows")
        await pilot.press("end")
        await wait_for(pilot, lambda: table.row_count == 300, what="every match")
        assert shown_numbers(app) == list(reversed(range(300)))


async def test_filters_by_feeling_tag_dates_strength_and_exercise(store_factory):
    store = store_factory()
    store.import_entries([make(n) for n in range(120)])
    app = WorkbookApp(store, load_catalog())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot, app)
        await wait_for(pilot, lambda: screen.index.ready, what="the index")
        await pilot.press("f")
        dialog = app.screen
        assert isinstance(dialog, FiltersDialog)
        assert [v for _, v in dialog.query_one("#f-emotion", Select)._options if v is not Select.NULL] == \
            ["Angry", "Anxious", "Sad"]
        dialog.query_one("#f-emotion", Select).value = "Sad"
        dialog.query_one("#f-since", Input).value = "2026-01-11"
        dialog.query_one("#f-until", Input).value = "2026-03-01"
        dialog.query_one("#f-low", Select).value = 3
        await click(pilot, "#f-apply")
        await wait_for(pilot, lambda: screen.results is not None and not screen.searching, what="filtered")
        first, last = 10, (datetime(2026, 3, 1, tzinfo=START.tzinfo) - START).days
        expected = [n for n in reversed(range(120)) if n % 3 == 1 and first <= n <= last and n % 11 >= 3]
        assert shown_numbers(app) == expected and expected
        note = str(screen.query_one("#history-note").render())
        assert "feeling: Sad" in note and "2026-01-11 to 2026-03-01" in note and "strength 3–10" in note

        # A tag, typed with a suggestion from the tags already used; then one exercise only.
        await pilot.press("f")
        await click(pilot, "#f-clear")
        await wait_for(pilot, lambda: screen.results is None, what="cleared")
        await pilot.press("f")
        app.screen.query_one("#f-tag", Input).focus()
        await type_text(pilot, "wo")
        tag_field = app.screen.query_one("#f-tag", Input)
        await wait_for(pilot, lambda: tag_field._suggestion == "work", what="the suggestion")
        await pilot.press("right")
        assert tag_field.value == "work"
        app.screen.query_one("#f-exercise", Select).value = "quick-log"
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.results is not None and not screen.searching, what="filtered")
        assert shown_numbers(app) == [n for n in reversed(range(120)) if n % 4 == 0]


async def test_a_date_that_does_not_parse_is_explained_and_nothing_changes(fixture_catalog, store_factory):
    store = store_factory()
    store.import_entries([make(n) for n in range(5)])
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot, app)
        await pilot.press("f")
        dialog = app.screen
        dialog.query_one("#f-since", Input).value = "14/03/2026"
        await click(pilot, "#f-apply")
        assert app.screen is dialog
        assert "2026-03-14" in str(dialog.query_one("#f-error").render())
        await pilot.press("escape")
        assert app.screen is screen and not screen.filters.active


async def test_delete_asks_first_and_u_brings_the_entry_back(fixture_catalog, store_factory):
    store = store_factory()
    store.import_entries([make(n) for n in range(10)])
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot, app)
        table = screen.query_one(DataTable)
        table.focus()
        await pilot.press("down")  # the second newest: moment 008
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDelete)
        assert "moment 008" in screen_text(app)
        await pilot.press("enter")  # the cursor starts on "Keep it"
        assert app.screen is screen and len(store.entries()) == 10

        await pilot.press("d")
        await click(pilot, "#delete")
        assert app.screen is screen
        assert len(store.entries()) == 9 and 8 not in shown_numbers(app)
        assert "Press u" in str(screen.query_one("#history-note").render())
        assert len(trash.waiting(store)) == 1

        await pilot.press("u")
        await wait_for(pilot, lambda: 8 in shown_numbers(app), what="the entry back")
        assert shown_numbers(app) == list(reversed(range(10)))
        assert table.cursor_row == 1, "the cursor is back on the entry"
        assert len(store.entries()) == 10 and trash.waiting(store) == []

        # Deleted again, and the list left: the undo moment is over, the entry is gone for good.
        await pilot.press("d")
        await click(pilot, "#delete")
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, HistoryScreen), what="leaving")
        assert trash.waiting(store) == [] and len(store.entries()) == 9


async def test_the_undo_moment_ends_after_its_time(fixture_catalog, store_factory, monkeypatch):
    from workbook.tui.screens import history

    monkeypatch.setattr(history, "UNDO_SECONDS", 0.3)
    store = store_factory()
    store.import_entries([make(n) for n in range(3)])
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot, app)
        screen.query_one(DataTable).focus()
        await pilot.press("d")
        await click(pilot, "#delete")
        await wait_for(pilot, lambda: not screen.undoable, what="the undo moment to pass")
        assert trash.waiting(store) == [] and len(store.entries()) == 2
        await pilot.press("u")
        assert len(store.entries()) == 2


async def test_an_entry_deleted_just_before_a_stop_can_still_come_back(fixture_catalog, store_factory):
    store = store_factory()
    store.import_entries([make(n) for n in range(3)])
    newest = store.entries()[0]
    trash.move_to_trash(store, newest["id"])  # as if the app had stopped during the undo moment
    store = store_factory()  # a restart
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot, app)
        await wait_for(pilot, lambda: screen.undoable, what="the offer")
        assert "just before the workbook last closed" in str(screen.query_one("#history-note").render())
        await pilot.press("u")
        await wait_for(pilot, lambda: shown_numbers(app) == [2, 1, 0], what="the entry back")
        assert store.get_entry(newest["id"]) == newest


async def test_searches_one_after_another_settle(fixture_catalog, store_factory):
    """The field's late change events must not bring old words back: they used to make the
    search and the cleared field take turns for ever."""
    from workbook.insights.search import Filters

    store = store_factory()
    store.import_entries([make(n) for n in range(30)])
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot, app)
        for words in ["bus", "call", "moment 01", "zebra", "a call"]:
            screen.set_filters(Filters(text=words))
            await wait_for(pilot, lambda: screen.results is not None and not screen.searching
                           and screen.filters.text == words, what=words)
            screen.set_filters(Filters())  # as Esc does, and the next search before the field catches up
        screen.set_filters(Filters(text="moment 02"))
        for _ in range(10):
            await pilot.pause(0.02)
        assert screen.filters == Filters(text="moment 02")
        assert screen.query_one("#search", Input).value == "moment 02"
        await wait_for(pilot, lambda: not screen.searching, what="the last search")
        assert shown_numbers(app) == [29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 2]  # "moment 002" too


QUIT_WHEN_ROWS_ARRIVE = """
import sys
from pathlib import Path
from textual.widgets import DataTable
from workbook.content.catalog import load_catalog
from workbook.store.profile import open_store
from workbook.tui.app import WorkbookApp

class QuitWhenRowsArrive(WorkbookApp):
    # Textual finds an app's CSS beside the file its class is defined in.
    CSS_PATH = str(Path(sys.modules[WorkbookApp.__module__].__file__).with_name("app.tcss"))

    def on_ready(self):
        self.action_history()
        self.set_interval(0.005, self.check)

    def check(self):
        tables = self.screen.query(DataTable)
        if tables and tables.first().row_count:
            self.exit()

store = open_store(Path(sys.argv[1]))
QuitWhenRowsArrive(store, load_catalog()).run(headless=True, size=(80, 24))
store.close()
"""


def test_quitting_the_moment_the_history_rows_arrive(tmp_path):
    """Quitting straight after the rows arrive: the search field, added once they are painted,
    must not be mounted into a screen that is already closing (that showed the crash message)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from workbook.store.profile import open_store

    with open_store(tmp_path) as store:
        store.import_entries([make(n) for n in range(30)])
    script = tmp_path / "quit_when_rows_arrive.py"
    script.write_text(QUIT_WHEN_ROWS_ARRIVE)
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, str(script), str(tmp_path)], capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(root), "WORKBOOK_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode == 0 and "problem" not in result.stderr, result.stderr
