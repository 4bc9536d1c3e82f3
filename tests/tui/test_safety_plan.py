"""The safety plan: written through the exercise, one key from crisis help, still there after
a restart; private while locked; crisis help itself needs no profile at all."""

from __future__ import annotations

from datetime import date, datetime

from textual.app import App

from workbook.content.catalog import load_catalog
from workbook.crisis import Contact
from workbook.insights.summaries import note_saved
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.crisis import CrisisScreen, checked_words, show_crisis
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.screens.safety_plan import SafetyPlanScreen

from .helpers import SIZE, complete_exercise, open_from_home, screen_text, wait_for

PLAN_ANSWERS = {"warning_signs": ["I stop answering [messages]"], "reasons": ["my dog, Pip"]}


def saved_plan(store) -> dict:
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    entry = store.save_entry({
        "exercise_id": "safety-plan", "exercise_title": "My safety plan", "category": "safety",
        "started_at": now, "finished_at": now, "answers": PLAN_ANSWERS,
        "prompts": {"warning_signs": "What tells you...", "reasons": "What are your reasons..."},
        "step_types": {"warning_signs": "list", "reasons": "list"}, "score": None,
    })
    note_saved(store, entry)
    return entry


async def crisis_settled(pilot) -> CrisisScreen:
    await pilot.press("f2")
    screen = pilot.app.screen
    assert isinstance(screen, CrisisScreen)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return screen


async def test_write_the_plan_then_see_it_from_crisis_help_after_a_restart(store_factory) -> None:
    catalog = load_catalog()
    app = WorkbookApp(store_factory(), catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "safety-plan")
        written = await complete_exercise(pilot)
    assert written["warning_signs"] and written["reasons"]

    app = WorkbookApp(store_factory(), catalog)  # a restart
    async with app.run_test(size=SIZE) as pilot:
        crisis = await crisis_settled(pilot)
        assert crisis.plan is not None
        assert "Press P to see it" in screen_text(app)
        await pilot.press("p")
        assert isinstance(app.screen, SafetyPlanScreen)
        await wait_for(pilot, lambda: "My warning signs" in screen_text(app), what="the plan")
        text = screen_text(app)
        for item in written["warning_signs"] + written["reasons"]:
            assert item in text
        assert "My reasons to keep going" in text
        await pilot.press("escape")
        assert app.screen is crisis, "back to the contacts"


async def test_without_a_plan_there_is_no_plan_key(fixture_catalog, store_factory) -> None:
    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        crisis = await crisis_settled(pilot)
        assert crisis.plan is None and not crisis.query_one("#crisis-plan").has_class("-found")
        await pilot.press("p")
        assert app.screen is crisis


async def test_the_plan_stays_private_while_locked(fixture_catalog, store_factory) -> None:
    store = store_factory()
    saved_plan(store)
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        app.lock_guard.lock()
        await pilot.pause()
        crisis = await crisis_settled(pilot)
        assert "Emergency services" in screen_text(app), "the contacts are there, locked or not"
        assert crisis.plan is None
        await pilot.press("p")
        assert app.screen is crisis


async def test_the_plan_shows_words_literally_and_update_brings_them_back(store_factory) -> None:
    store = store_factory()
    saved_plan(store)
    app = WorkbookApp(store, load_catalog())
    async with app.run_test(size=SIZE) as pilot:
        app.action_safety_plan()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SafetyPlanScreen)
        await wait_for(pilot, lambda: "my dog, Pip" in screen_text(app), what="the plan")
        assert "I stop answering [messages]" in screen_text(app), "never read as markup"
        assert "Nothing here yet" in screen_text(app), "parts left empty say so"
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen), what="the exercise")
        assert app.screen.run.answers == PLAN_ANSWERS


async def test_crisis_help_needs_no_profile_at_all() -> None:
    class NoProfile(App[None]):  # like the profile picker: no store, no catalog
        pass

    contacts = [Contact("Riverside duty worker", "Call 555 0100", "Weekdays 9 to 5", "2026-11-20"),
                Contact("Night line", "Call 555 0199")]
    app = NoProfile()
    async with app.run_test(size=SIZE) as pilot:
        show_crisis(app, contacts)
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, CrisisScreen)
        text = screen_text(app)
        assert "Riverside duty worker" in text and "Last checked 2026-11-20" in text
        assert "When this was last checked is not recorded." in text
        assert app.screen.plan is None


def test_last_checked_words() -> None:
    today = date(2026, 11, 22)
    assert checked_words("2026-11-01", today) == "Last checked 2026-11-01."
    assert checked_words("2025-06-01", today) == "Last checked 2025-06-01, over a year ago: the details may have changed."
    assert checked_words("", today) == "When this was last checked is not recorded."


async def test_help_says_plainly_what_the_workbook_is_not(fixture_catalog, store_factory) -> None:
    from workbook.about import ABOUT

    assert "not a diagnosis" in ABOUT and "not an emergency service" in ABOUT and "F2" in ABOUT
    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        text = " ".join(screen_text(app).split())
        assert "It is not an emergency service" in text and "It does not replace your therapist" in text
        assert [c.title for c in app.get_system_commands(app.screen) if c.title == "Safety plan"] == ["Safety plan"]
