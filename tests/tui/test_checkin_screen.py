"""The daily check-in: five goals from the keyboard alone, catching up, and starting again kindly."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from workbook.content.catalog import load_catalog
from workbook.goals import GoalBook, ManualClock, make_goal
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.checkin import CheckinScreen, CheckinTable
from workbook.tui.screens.goals_dialogs import StartAgainDialog
from workbook.tui.screens.home import HomeScreen

from .helpers import SIZE, click, wait_for

CATALOG = load_catalog()
NOW = datetime(2026, 11, 22, 20, 0, tzinfo=timezone(timedelta(hours=1)))
TODAY = NOW.date()


def app_with(store, clock=None) -> WorkbookApp:
    app = WorkbookApp(store, CATALOG)
    app.goal_clock = clock or ManualClock(NOW)
    return app


def add(store, title, measure, schedule=None, start="2026-11-22"):
    book = GoalBook(store, ManualClock(NOW))
    return book.save(make_goal(title, measure, schedule, start=start, existing_ids=book.ids(), clock=book.clock))


async def open_checkin(pilot) -> CheckinScreen:
    await pilot.press("c")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CheckinScreen) and pilot.app.screen.loaded,
                   what="the check-in")
    return pilot.app.screen


def cell(screen: CheckinScreen, key: str, column: str) -> str:
    return str(screen.query_one(CheckinTable).get_cell(key, column))


async def test_five_goals_answered_from_the_keyboard_then_saved_with_enter(store_factory) -> None:
    store = store_factory()
    goals = [
        add(store, "Walk", {"kind": "done"}),
        add(store, "Sleep", {"kind": "amount", "target": 7.5, "unit": "hours"}),
        add(store, "In bed by 23:00", {"kind": "time", "target": "23:00"}),
        add(store, "Meals", {"kind": "count", "target": 3, "unit": "meals"}),
        add(store, "Meditate", {"kind": "done"}),
    ]
    async with app_with(store).run_test(size=SIZE) as pilot:
        screen = await open_checkin(pilot)
        # y moves on by itself; numbers and times need a ↓
        await pilot.press("y", "7", ".", "5", "down", "0", "0", ":", "3", "0", "down", "x")
        assert "“Meals” takes a number of meals" in screen.status_text  # said, not typed
        await pilot.press("2", "down", "n")
        assert cell(screen, f"2026-11-22-{goals[1]['id']}", "answer") == "7.5 hours *"
        await pilot.press("enter")
        assert screen.status_text == "Saved 5 answers. Escape goes back."
        assert cell(screen, f"2026-11-22-{goals[0]['id']}", "streak") == "1 day"
        assert cell(screen, f"2026-11-22-{goals[0]['id']}", "answer") == "done"
    book = GoalBook(store_factory(), ManualClock(NOW))  # after a restart
    assert [book.value_on(g["id"], TODAY) for g in goals] == [True, 7.5, "00:30", 2, False]
    async with app_with(book.store).run_test(size=SIZE) as pilot:
        screen = await open_checkin(pilot)
        assert cell(screen, f"2026-11-22-{goals[2]['id']}", "answer") == "00:30"  # shown as kept
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, HomeScreen), what="home")


async def test_a_typed_answer_that_does_not_fit_keeps_everything_and_says_why(store_factory) -> None:
    store = store_factory()
    walk = add(store, "Walk", {"kind": "done"})
    bed = add(store, "Bed", {"kind": "time", "target": "23:00"})
    async with app_with(store).run_test(size=SIZE) as pilot:
        screen = await open_checkin(pilot)
        await pilot.press("y", "9", "9")  # "99" is not a time
        await pilot.press("enter")
        assert "“Bed”: Type a time of day" in screen.status_text
        assert GoalBook(store).value_on(walk["id"], TODAY) is None  # nothing half-saved
        await pilot.press("backspace", "backspace", "2", "2", "1", "5", "enter")
        assert GoalBook(store, ManualClock(NOW)).value_on(bed["id"], TODAY) == "22:15"


async def test_catching_up_on_missed_days_and_another_day_with_the_arrows(store_factory) -> None:
    store = store_factory()
    walk = add(store, "Walk", {"kind": "done"}, start="2026-11-20")
    async with app_with(store).run_test(size=SIZE) as pilot:
        screen = await open_checkin(pilot)
        table = screen.query_one(CheckinTable)
        keys = [table.coordinate_to_cell_key((i, 0)).row_key.value for i in range(table.row_count)]
        assert keys == [f"2026-11-22-{walk['id']}", "section:catch-up", f"2026-11-20-{walk['id']}",
                        f"2026-11-21-{walk['id']}"]
        await pilot.press("down")  # past the heading row, straight to the 20th
        assert table.cursor_row == 2
        await pilot.press("y", "y", "enter")
        book = GoalBook(store, ManualClock(NOW))
        assert [book.value_on(walk["id"], date(2026, 11, d)) for d in (20, 21, 22)] == [True, True, None]
        await pilot.press("left")  # the 21st, to look at or change
        await wait_for(pilot, lambda: screen.day == date(2026, 11, 21) and screen.loaded, what="the 21st")
        assert "(an earlier day)" in str(screen.query_one("#checkin-title").render())
        await pilot.press("n")  # typed, not saved yet: moving day saves it first
        await pilot.press("right")
        await wait_for(pilot, lambda: screen.day == TODAY and screen.loaded, what="today again")
        assert GoalBook(store, ManualClock(NOW)).value_on(walk["id"], date(2026, 11, 21)) is False
        await pilot.press("y", "escape")  # leaving keeps what was typed
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, HomeScreen), what="home")
    assert GoalBook(store, ManualClock(NOW)).value_on(walk["id"], TODAY) is True


async def test_not_today_on_a_days_since_goal_offers_a_kind_start_again(store_factory) -> None:
    store = store_factory()
    sober = add(store, "Staying sober", {"kind": "days-since"}, start="2026-10-01")
    async with app_with(store).run_test(size=SIZE) as pilot:
        screen = await open_checkin(pilot)
        assert cell(screen, f"2026-11-22-{sober['id']}", "streak") == "day 52"
        await pilot.press("n", "enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, StartAgainDialog), what="the offer")
        words = " ".join(str(w.render()) for w in pilot.app.screen.query("Static"))
        assert "Thank you for being honest" in words and "52 days of this stretch still count" in words
        assert not any(word in words.casefold() for word in ("relapse", "failed", "reset"))
        for ch in "call Sam":
            await pilot.press(ch if ch != " " else "space")
        await click(pilot, "#again")
        await wait_for(pilot, lambda: pilot.app.screen is screen and "new stretch" in screen.status_text,
                       what="back on the check-in")
        await wait_for(pilot, lambda: cell(screen, f"2026-11-22-{sober['id']}", "streak") == "day 0", what="day 0")
    runs = GoalBook(store).get(sober["id"])["runs"]
    assert runs == [{"start": "2026-10-01", "end": "2026-11-22", "note": "call Sam"},
                    {"start": "2026-11-22", "end": None, "note": ""}]


async def test_no_goals_yet_says_where_to_start(store_factory) -> None:
    async with app_with(store_factory()).run_test(size=SIZE) as pilot:
        screen = await open_checkin(pilot)
        assert "No goals yet. Press o" in str(screen.query_one("#checkin-note").render())


async def test_lost_day_marks_are_worked_out_again_without_blocking_the_screen(store_factory) -> None:
    from workbook.goals.book import MARKS, MARKS_KEY

    store = store_factory()
    walk = add(store, "Walk", {"kind": "done"}, start="2026-11-19")
    GoalBook(store, ManualClock(NOW)).save_checkins([(walk, date(2026, 11, d), True) for d in (19, 20, 21)])
    store.table(MARKS).delete(MARKS_KEY)
    async with app_with(store_factory()).run_test(size=SIZE) as pilot:
        screen = await open_checkin(pilot)
        assert cell(screen, f"2026-11-22-{walk['id']}", "streak") == "3 days"
