"""Goals in the TUI: the SMART exercise makes one; then see, edit, pause, complete and archive it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from textual.widgets import DataTable, Input

from workbook.content.catalog import load_catalog
from workbook.engine import Run
from workbook.goals import GoalBook, ManualClock, make_goal
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.completion import CompletionScreen
from workbook.tui.screens.goals import GoalsScreen
from workbook.tui.screens.goals_detail import GoalDetailScreen
from workbook.tui.screens.goals_dialogs import NewGoalDialog
from workbook.tui.screens.goals_edit import GoalEditScreen
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.screens.home import HomeScreen

from .helpers import SIZE, screen_text, wait_for

CATALOG = load_catalog()
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def app_with(store) -> WorkbookApp:
    app = WorkbookApp(store, CATALOG)
    app.goal_clock = ManualClock(NOW)
    return app


def toasts(app) -> str:
    return " ".join(str(n.message) for n in app._notifications)


def rows(app) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def open_goals(pilot) -> GoalsScreen:
    if not isinstance(pilot.app.screen, HomeScreen):
        pilot.app.go_home()
        await pilot.pause()
    await pilot.press("o")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, GoalsScreen)
                   and pilot.app.screen.query_one(DataTable).row_count == len(pilot.app.screen.goals)
                   and "Reading" not in str(pilot.app.screen.query_one("#goals-note").render()), what="goals")
    return pilot.app.screen


async def test_finishing_the_smart_goal_exercise_makes_a_goal_you_then_find_in_goals(store_factory) -> None:
    # The walk through every step is in test_walkthrough; here, what happens at its end.
    store = store_factory()
    app = app_with(store)
    exercise = CATALOG.get("smart-goal")
    run = Run(exercise)
    answers = {"what": "Walk [fast]", "measure": "A time of day", "target": "by 7pm", "review": "In a week"}
    while not run.is_complete:
        run.answer(answers.get(run.current.id))
        run.next()
    async with app.run_test(size=SIZE) as pilot:
        entry = store.save_entry(run.record(finished_at="2026-11-22T09:30:00+01:00"))
        app.push_screen(CompletionScreen(entry, exercise, None))  # as the exercise screen does
        await wait_for(pilot, lambda: "Added to your goal" in toasts(app), what="the goal's toast")
        assert "Walk [fast]" in toasts(app)
        [goal] = GoalBook(store).goals()
        assert goal["measure"] == {"kind": "time", "target": "19:00", "direction": "by"}
        assert goal["source_entry"] == entry["id"] and goal["review"] == "2026-11-29"
        await open_goals(pilot)
        assert rows(app) == ["Walk [fast]"]  # shown literally, never as markup
        assert "by 19:00, every day" in str(app.screen.query_one(DataTable).get_row_at(0)[1])
    assert [g["title"] for g in GoalBook(store_factory()).goals()] == ["Walk [fast]"]  # after a restart


async def test_pause_complete_archive_and_restore_from_the_goal(store_factory) -> None:
    store = store_factory()
    book = GoalBook(store, ManualClock(NOW))
    walk = book.save(make_goal("Walk", {"kind": "done"}, start="2026-11-01", clock=book.clock, why="Fresh air"))
    async with app_with(store).run_test(size=SIZE) as pilot:
        await open_goals(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, GoalDetailScreen), what="the goal")
        assert "Why it matters: Fresh air" in screen_text(pilot.app)
        await pilot.press("p")
        await wait_for(pilot, lambda: GoalBook(store).get(walk["id"])["status"] == "paused", what="paused")
        assert "Paused days are never counted as missed" in screen_text(pilot.app)
        await pilot.press("p", "m")
        await wait_for(pilot, lambda: GoalBook(store).get(walk["id"])["status"] == "completed", what="completed")
        await pilot.press("a")
        await wait_for(pilot, lambda: GoalBook(store).get(walk["id"])["status"] == "archived", what="archived")
        await pilot.press("escape")
        screen = await open_goals(pilot) if not isinstance(pilot.app.screen, GoalsScreen) else pilot.app.screen
        await wait_for(pilot, lambda: rows(pilot.app) == [], what="archived goal hidden")
        await pilot.press("v")
        await wait_for(pilot, lambda: rows(pilot.app) == ["Walk"], what="archived goal shown")
        assert "archived" in str(screen.query_one(DataTable).get_row_at(0)[1])
    history = [c["status"] for c in GoalBook(store).get(walk["id"])["history"]]
    assert history == ["active", "paused", "active", "completed", "archived"]


async def test_editing_a_goal_checks_the_words_and_saves(store_factory) -> None:
    store = store_factory()
    book = GoalBook(store, ManualClock(NOW))
    sleep = book.save(make_goal("Sleep", {"kind": "amount", "target": 7, "unit": "hours"}, start="2026-11-01",
                                clock=book.clock))
    async with app_with(store).run_test(size=SIZE) as pilot:
        app = pilot.app
        app.push_screen(GoalDetailScreen(sleep["id"]))
        await pilot.pause()
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, GoalEditScreen), what="the form")
        target = app.screen.query_one("#edit-target", Input)
        assert target.value == "7 hours"
        target.value = "plenty"
        await pilot.press("ctrl+s")
        assert "needs a number" in str(app.screen.query_one("#edit-error").render())
        assert app.focused is target  # straight to the field to fix
        target.value = "8 hours"
        app.screen.query_one("#edit-schedule", Input).value = "mon, wed"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, GoalDetailScreen), what="back to the goal")
        await wait_for(pilot, lambda: "at least 8 hours, on Mon, Wed" in screen_text(app), what="the new plan")
    saved = GoalBook(store).get(sleep["id"])
    assert saved["measure"]["target"] == 8 and saved["schedule"] == {"kind": "weekdays", "days": [0, 2]}


async def test_new_goal_offers_the_goal_exercises(store_factory) -> None:
    async with app_with(store_factory()).run_test(size=SIZE) as pilot:
        titles = {c.title for c in pilot.app.get_system_commands(pilot.app.screen)}
        assert {"Daily check-in", "Goals", "Your week", "Signs of progress"} <= titles
        await open_goals(pilot)
        assert "No goals yet. Press n" in str(pilot.app.screen.query_one("#goals-note").render())
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, NewGoalDialog), what="the choice")
        await pilot.press("down", "enter")  # the self-care set
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExerciseScreen), what="the exercise")
        assert pilot.app.screen.run.exercise.id == "self-care-set"
