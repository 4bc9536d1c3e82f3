"""Leaving at any step keeps everything; the next time, the draft is offered back."""

from __future__ import annotations

from textual.widgets import Input, OptionList, RadioSet

from workbook.tui.app import WorkbookApp
from workbook.tui.screens.dialogs import ResumeDialog
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.screens.home import HomeScreen
from workbook.tui.widgets.step_inputs import ChoiceInput, JournalArea

from .helpers import SIZE, click, open_from_home, press_next, screen_text, type_text


async def _leave_all_steps_at_where(pilot) -> None:
    """Go to the "where" step (5 of 12), answering on the way, type there, then press Escape."""
    await open_from_home(pilot, "all-steps")
    await press_next(pilot)  # info
    await pilot.press("3")  # scale is focused
    await press_next(pilot)
    await type_text(pilot, "the bus")
    await press_next(pilot)
    await type_text(pilot, "it was loud\nand hot")
    await press_next(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ExerciseScreen) and screen.run.current.id == "where"
    screen.query_one("#other", Input).focus()
    await type_text(pilot, "a shop")  # not yet submitted with Next
    await pilot.press("escape")
    await pilot.pause()


async def test_leave_midway_restart_and_continue_at_the_same_step(fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await _leave_all_steps_at_where(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert any("Saved — you can come back to this any time." in n.message for n in app._notifications)

    store = store_factory()  # restart
    draft = store.get_draft("all-steps")
    assert draft["step"] == "where"
    assert draft["answers"] == {"feeling": 3, "what": "the bus", "story": "it was loud\nand hot", "where": "a shop"}

    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        listing = app.screen.query_one("#exercises", OptionList)
        assert "Continue" in str(listing.get_option("draft:all-steps").prompt)
        await open_from_home(pilot, "all-steps")  # the ordinary entry: asks first
        assert isinstance(app.screen, ResumeDialog)
        assert "replaces" in screen_text(app)
        await click(pilot, "#continue")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExerciseScreen)
        assert screen.run.current.id == "where"
        assert "Step 5 of 12" in screen_text(app)
        widget = screen.input
        assert isinstance(widget, ChoiceInput) and widget.value == "a shop"
        assert widget.query_one(RadioSet).pressed_button.id == "other-choice"

        await click(pilot, "#back")
        await pilot.pause()
        assert screen.query_one(JournalArea).text == "it was loud\nand hot"
        await click(pilot, "#back")
        await pilot.pause()
        assert screen.input.value == "the bus"


async def test_continue_entry_on_home_resumes_without_asking(fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await _leave_all_steps_at_where(pilot)
        await open_from_home(pilot, "all-steps", prefix="draft")
        assert isinstance(app.screen, ExerciseScreen)
        assert app.screen.run.current.id == "where"
        assert app.screen.run.answers["what"] == "the bus"


async def test_start_fresh_replaces_the_draft(fixture_catalog, store_factory):
    store = store_factory()
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await _leave_all_steps_at_where(pilot)
        await open_from_home(pilot, "all-steps")
        await click(pilot, "#fresh")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExerciseScreen)
        assert screen.run.current.id == "welcome" and screen.run.answers == {}
        await press_next(pilot)
        assert store.get_draft("all-steps")["answers"] == {}
        assert store.get_draft("all-steps")["step"] == "feeling"


async def test_not_now_keeps_the_draft_and_stays_home(fixture_catalog, store_factory):
    store = store_factory()
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await _leave_all_steps_at_where(pilot)
        await open_from_home(pilot, "all-steps")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert store.get_draft("all-steps")["answers"]["where"] == "a shop"


async def test_validation_error_is_shown_and_typing_kept(tmp_path, store_factory):
    from workbook.content.catalog import load_catalog

    folder = tmp_path / "required"
    folder.mkdir()
    (folder / "r.yaml").write_text(
        "id: must\ntitle: Must answer\ncategory: goals\nsummary: One required step.\nminutes: 1\n"
        "steps:\n  - {id: goal, type: text, prompt: Your goal?, required: true}\n"
        "  - {id: why, type: text, prompt: Why?}\n",
        encoding="utf-8",
    )
    app = WorkbookApp(store_factory(), load_catalog([folder], include_builtin=False))
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "must")
        await type_text(pilot, "   ")
        await press_next(pilot)
        screen = app.screen
        assert screen.run.current.id == "goal"
        assert "needs an answer" in screen_text(app)
        assert screen.input.value == "   "
        await type_text(pilot, "walk")
        await press_next(pilot)
        assert screen.run.current.id == "why"
        assert "needs an answer" not in screen_text(app)


async def test_a_failed_save_keeps_everything_on_screen(fixture_catalog, store_factory, data_dir):
    """A real failure: drafts.json is replaced by a folder, so the atomic replace fails."""
    store = store_factory()
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "short-one")
        drafts_file = store.folder / "drafts.json"
        drafts_file.unlink(missing_ok=True)
        (drafts_file / "in-the-way").mkdir(parents=True)
        await type_text(pilot, "my words")
        await press_next(pilot)
        screen = app.screen
        assert isinstance(screen, ExerciseScreen)
        assert screen.run.current.id == "first", "a failed save does not move on"
        assert screen.input.value == "my words"
        status = screen.query_one("#status")
        assert status.has_class("-problem")
        assert str(status.render()).endswith("Your words are still here; you can try again.")
        assert len(str(status.render())) > 60, "the store's own plain-words message comes first"
        (drafts_file / "in-the-way").rmdir()
        drafts_file.rmdir()
        await press_next(pilot)
        assert screen.run.current.id == "second"
        assert store.get_draft("short-one")["answers"] == {"first": "my words"}


async def test_a_failed_finish_keeps_the_answers_and_can_be_retried(fixture_catalog, store_factory):
    from datetime import datetime

    store = store_factory()
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "short-one")
        await type_text(pilot, "a")
        await press_next(pilot)
        await type_text(pilot, "b")
        await press_next(pilot)
        await pilot.press("7")
        # An earlier entry this month opens the month's file; then something takes its place.
        now = datetime.now().astimezone().isoformat(timespec="seconds")
        store.save_entry({"exercise_id": "short-one", "finished_at": now, "answers": {}, "prompts": {}})
        month = store.entries_dir / f"{now[:7]}.json"
        month.unlink()
        (month / "in-the-way").mkdir(parents=True)
        await press_next(pilot)
        screen = app.screen
        assert isinstance(screen, ExerciseScreen) and screen.run.current.id == "third"
        assert screen.input.value == 7
        assert "not saved yet" in screen_text(app)
        assert "press Finish to try again" in screen_text(app)
        (month / "in-the-way").rmdir()
        month.rmdir()
        await press_next(pilot)
        assert [e["answers"] for e in store.entries()] == [{"first": "a", "second": "b", "third": 7}]
        assert store.get_draft("short-one") is None


async def test_quitting_keeps_what_is_typed(fixture_catalog, store_factory):
    store = store_factory()
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "short-one")
        await type_text(pilot, "one")
        await press_next(pilot)
        await type_text(pilot, "typed but not yet\nsubmitted")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running
    store = store_factory()  # restart
    draft = store.get_draft("short-one")
    assert draft["step"] == "second"
    assert draft["answers"] == {"first": "one", "second": "typed but not yet\nsubmitted"}


async def test_quitting_when_saving_fails_asks_first(fixture_catalog, store_factory):
    store = store_factory()
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "short-one")
        drafts_file = store.folder / "drafts.json"
        drafts_file.unlink(missing_ok=True)
        (drafts_file / "in-the-way").mkdir(parents=True)
        await type_text(pilot, "precious")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running, "nothing is thrown away without saying so"
        assert any("Ctrl+Q again" in n.message for n in app._notifications)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def test_opening_another_exercise_from_inside_one_keeps_the_first(fixture_catalog, store_factory):
    store = store_factory()
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "short-one")
        await type_text(pilot, "waiting")
        app.open_exercise("all-steps")  # as the command palette does
        await pilot.pause()
        assert app.screen.run.exercise.id == "all-steps"
        assert store.get_draft("short-one")["answers"] == {"first": "waiting"}
        app.open_exercise("short-one")  # already open underneath: not a second copy
        await pilot.pause()
        assert app.screen.run.exercise.id == "all-steps"
        assert sum(isinstance(s, ExerciseScreen) for s in app.screen_stack) == 2
        await pilot.press("escape")
        assert app.screen.run.exercise.id == "short-one" and app.screen.input.value == "waiting"
