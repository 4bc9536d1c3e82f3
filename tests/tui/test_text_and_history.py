"""Words are kept and shown exactly as written; the history pages through many entries."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from textual.widgets import DataTable

from workbook.tui.app import WorkbookApp
from workbook.tui.screens.entry import EntryScreen
from workbook.tui.screens.history import FIRST_PAGE, PAGE_SIZE, HistoryScreen

from .helpers import SIZE, click, history_rows, open_from_home, press_next, screen_text, type_text, wait_for

TRICKY = "[bold]x[/bold] 🙂 שלום"


async def test_markup_like_text_is_saved_exactly_and_shown_literally(fixture_catalog, store_factory):
    store = store_factory()
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "short-one")
        await type_text(pilot, TRICKY)
        await press_next(pilot)
        await type_text(pilot, "[/]\n[red]not red[/red]")
        await press_next(pilot)
        await press_next(pilot)
        entry = store.entries()[0]
        assert entry["answers"]["first"] == TRICKY
        assert entry["answers"]["second"] == "[/]\n[red]not red[/red]"

        await click(pilot, "#history")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen) and app.screen.loaded == 1)
        assert history_rows(app)[0][2] == TRICKY
        app.screen.query_one(DataTable).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        text = screen_text(app)
        assert TRICKY in text
        assert "[/]\n[red]not red[/red]" in text


async def test_control_characters_do_not_break_the_screen(fixture_catalog, store_factory):
    store = store_factory()
    nasty = "before\x1b[2J\x1b[31mred\x07\x00after\r\nnext"
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    saved = store.save_entry({
        "exercise_id": "short-one", "exercise_title": "A short\x1b[5m one", "finished_at": now,
        "started_at": now, "answers": {"first": nasty}, "prompts": {"first": "First [thought]?"},
    })
    assert store.get_entry(saved["id"])["answers"]["first"] == nasty
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await wait_for(pilot, lambda: app.screen.loaded == 1)
        preview = history_rows(app)[0][2]
        assert "\x1b" not in preview and "\x00" not in preview and "after" in preview
        app.screen.query_one(DataTable).focus()
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "First [thought]?" in text
        assert "\x1b" not in text and "\x07" not in text
        assert "red" in text and "after\nnext" in text


def _entry(n: int, start: datetime) -> dict:
    finished = (start + timedelta(hours=7 * n)).isoformat(timespec="seconds")
    return {
        "exercise_id": "short-one", "exercise_title": "A short one", "started_at": finished,
        "finished_at": finished, "answers": {"first": f"entry number {n}"}, "prompts": {"first": "First?"},
    }


async def test_history_pages_newest_first(fixture_catalog, store_factory):
    store = store_factory()
    total = FIRST_PAGE + PAGE_SIZE * 2 + 50
    start = datetime(2025, 1, 1, 9, 0, tzinfo=timezone.utc)
    for n in range(total):  # spread over several months, as real use would be
        store.save_entry(_entry(n, start))
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        await wait_for(pilot, lambda: screen.loaded >= FIRST_PAGE, what="the first page")
        table = screen.query_one(DataTable)
        assert table.row_count == FIRST_PAGE, "only a screenful or so is read at first"
        assert history_rows(app)[0][2] == f"entry number {total - 1}"

        table.focus()
        await pilot.press("down")  # moving near the top loads nothing more
        assert table.cursor_row == 1 and screen.loaded == FIRST_PAGE
        await pilot.press("end")  # near the end of what is loaded: the next page comes
        await wait_for(pilot, lambda: screen.loaded == FIRST_PAGE + PAGE_SIZE, what="the second page")
        await pilot.press("end")
        await wait_for(pilot, lambda: screen.loaded == FIRST_PAGE + 2 * PAGE_SIZE, what="the third page")
        await pilot.press("end")
        await wait_for(pilot, lambda: screen.exhausted, what="every page")
        rows = history_rows(app)
        assert len(rows) == total
        assert [r[2] for r in rows] == [f"entry number {n}" for n in reversed(range(total))]
        whens = [r[0] for r in rows]
        assert whens == sorted(whens, reverse=True)


async def test_empty_history_says_so_kindly(fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await wait_for(pilot, lambda: app.screen.exhausted, what="the history")
        assert "Nothing here yet" in screen_text(app)
