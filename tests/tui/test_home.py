"""The home screen: every exercise by category, unfinished ones first, problems shown kindly."""

from __future__ import annotations

from textual.widgets import Button, OptionList

from workbook.content.catalog import load_catalog
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.dialogs import ChooseExercise, ProblemsDialog, ResumeDialog
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.screens.home import HomeScreen

from .helpers import SIZE, click, open_from_home, press_next, screen_text, type_text


def option_texts(app: WorkbookApp) -> list[str]:
    listing = app.screen.query_one("#exercises", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_lists_every_exercise_by_category_with_summary_and_minutes(fixture_dir, store_factory):
    catalog = load_catalog([fixture_dir])
    app = WorkbookApp(store_factory(), catalog)
    async with app.run_test(size=SIZE):
        text = "\n".join(option_texts(app))
        for exercise in catalog.exercises.values():
            assert exercise.title in text and exercise.summary in text
            assert f"{exercise.minutes} min" in text
        assert text.index("Journaling") < text.index("Grounding") < text.index("Check-ins")
        assert not app.screen.query("#problems")


async def test_drafts_come_first_and_a_missing_exercise_is_explained(fixture_catalog, store_factory):
    store = store_factory()
    store.save_draft({"exercise_id": "short-one", "step": "second", "answers": {"first": "x"},
                      "started_at": "2026-01-01T10:00:00+00:00", "saved_at": "2026-01-01T10:05:00+00:00"})
    store.save_draft({"exercise_id": "gone-now", "exercise_title": "An old one", "step": "a", "answers": {"a": "y"},
                      "saved_at": "2026-01-02T10:05:00+00:00"})
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        texts = option_texts(app)
        assert texts[1].startswith("  Continue: A short one") and "step 2 of 3" in texts[1]
        assert app.screen.query_one("#exercises", OptionList).highlighted == 1
        button = app.screen.query_one("#problems", Button)
        assert button.display
        await click(pilot, "#problems")
        assert isinstance(app.screen, ProblemsDialog)
        assert "An old one" in screen_text(app) and "Nothing has been deleted" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_a_broken_exercise_file_is_a_notice_not_a_crash(fixture_dir, store_factory):
    (fixture_dir / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    (fixture_dir / "wrong.yaml").write_text(
        "id: wrong\ntitle: Wrong\ncategory: nonsense\nsummary: s\nminutes: 1\nsteps: []\n", encoding="utf-8")
    catalog = load_catalog([fixture_dir], include_builtin=False)
    assert len(catalog.problems) == 2
    store = store_factory()
    store.problems.append("Your settings file could not be read, so it was set aside [safely].")
    app = WorkbookApp(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        assert "3 notes" in str(app.screen.query_one("#problems", Button).label)
        assert "Every kind of step" in "\n".join(option_texts(app)), "the others still load"
        await click(pilot, "#problems")
        text = screen_text(app)
        assert "broken.yaml" in text and "wrong.yaml" in text
        assert "set aside [safely]." in text


async def test_start_exercise_opens_it_straight_away(fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog, start_exercise="short-one")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen) and app.screen.run.exercise.id == "short-one"
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_start_exercise_with_a_draft_asks_first(fixture_catalog, store_factory):
    store = store_factory()
    store.save_draft({"exercise_id": "short-one", "step": "second", "answers": {"first": "x"}})
    app = WorkbookApp(store, fixture_catalog, start_exercise="short-one")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeDialog)


async def test_unknown_start_exercise_is_a_gentle_notice(fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog, start_exercise="nope")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("nope" in n.message for n in app._notifications)


async def test_grounding_with_several_to_choose_from(fixture_dir, store_factory):
    (fixture_dir / "breath.yaml").write_text(
        "id: slow-breath\ntitle: Slow breaths\ncategory: grounding\nsummary: Breathe.\nminutes: 2\n"
        "steps:\n  - {id: b, type: breathing, pattern: 4-6, cycles: 3}\n", encoding="utf-8")
    store = store_factory()
    app = WorkbookApp(store, load_catalog([fixture_dir], include_builtin=False))
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "short-one")
        await type_text(pilot, "hard day")
        app.action_grounding()  # the seam the grounding key will use
        await pilot.pause()
        assert isinstance(app.screen, ChooseExercise)
        assert store.get_draft("short-one")["answers"] == {"first": "hard day"}
        listing = app.screen.query_one(OptionList)
        listing.highlighted = listing.get_option_index("slow-breath")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen) and app.screen.run.exercise.id == "slow-breath"
        await pilot.press("escape")  # leaving the grounding exercise returns to the waiting one
        assert isinstance(app.screen, ExerciseScreen) and app.screen.run.exercise.id == "short-one"
        assert app.screen.input.value == "hard day"
        await press_next(pilot)
        assert app.screen.run.current.id == "second"
