"""An entry's detail: editing keeps the original as a revision, earlier versions can be read
and brought back, tags are suggested from earlier ones, a quick log can have the rest added,
and a delete from the detail can be undone in the history."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input

from workbook.content.catalog import load_catalog
from workbook.store import trash
from workbook.store.revisions import get_edit_draft, revisions_of
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.entry import EditDraftDialog, EntryScreen, TagsDialog, VersionsDialog
from workbook.tui.screens.entry_edit import EditEntryScreen
from workbook.tui.screens.history import HistoryScreen
from workbook.tui.widgets.tags import suggest_tag
from workbook.tui.widgets.step_inputs import ParagraphInput

from .helpers import SIZE, click, history_rows, screen_text, type_text, wait_for

JOURNAL = {
    "exercise_id": "trigger-journal", "exercise_title": "Trigger journal", "exercise_version": 2,
    "category": "journaling",
    "started_at": "2026-03-02T19:30:00+01:00", "finished_at": "2026-03-02T19:45:00+01:00",
    "answers": {"situation": "At the bus stop", "trigger": "The bus was late", "feelings": ["Anxious"],
                "feeling_anxious": 70, "intensity": 6},
    "prompts": {"situation": "What was happening?", "trigger": "What set it off?"},
    "tags": [], "private": False,
}
QUICK = {
    "exercise_id": "quick-log", "exercise_title": "Log it now", "category": "journaling",
    "started_at": "2026-03-05T08:10:00+01:00", "finished_at": "2026-03-05T08:10:40+01:00",
    "answers": {"trigger": "Shouting next door", "feelings": ["Scared", "On edge"], "intensity": 8},
    "prompts": {"trigger": "What just happened, in a few words?"}, "tags": ["home"], "private": False,
}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


async def open_entry(pilot, app, row: int = 0) -> EntryScreen:
    await pilot.press("h")
    history = app.screen
    assert isinstance(history, HistoryScreen)
    await wait_for(pilot, lambda: history.loaded > 0, what="the history")
    table = history.query_one(DataTable)
    table.focus()
    table.move_cursor(row=row)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, EntryScreen), what="the entry")
    return app.screen


async def test_an_edit_keeps_the_original_and_it_can_be_brought_back(catalog, store_factory):
    store = store_factory()
    saved = store.save_entry(dict(JOURNAL))
    app = WorkbookApp(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        detail = await open_entry(pilot, app)
        await pilot.press("e")
        editor = app.screen
        assert isinstance(editor, EditEntryScreen)
        await wait_for(pilot, lambda: isinstance(editor.input, ParagraphInput), what="the first step")
        assert "Changing: Trigger journal" in screen_text(app)
        editor.input.focus_first()
        await type_text(pilot, " in the rain")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is detail, what="back to the entry")

        now = store.get_entry(saved["id"])
        assert now["answers"]["situation"] == "At the bus stop in the rain"
        assert now["answers"]["feeling_anxious"] == 70 and now["answers"]["trigger"] == "The bus was late"
        assert now["revisions"] == 1 and now["edited_at"]
        assert (now["started_at"], now["finished_at"]) == (saved["started_at"], saved["finished_at"])
        assert [r["entry"] for r in revisions_of(store, saved["id"])] == [saved]
        await wait_for(pilot, lambda: "in the rain" in screen_text(app), what="the new version shown")
        assert "1 earlier version kept" in screen_text(app)

        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, VersionsDialog), what="the versions")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryScreen) and app.screen.version, what="the version")
        text = screen_text(app)
        assert "At the bus stop" in text and "in the rain" not in text and "An earlier version" in text
        await pilot.press("r")
        await wait_for(pilot, lambda: app.screen is detail, what="back to the entry")
        now = store.get_entry(saved["id"])
        assert now["answers"]["situation"] == "At the bus stop" and now["revisions"] == 2
        assert [r["entry"]["answers"]["situation"] for r in revisions_of(store, saved["id"])] == [
            "At the bus stop in the rain", "At the bus stop"]

        await pilot.press("escape")  # the history shows the entry's new words
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), what="the history")
        assert history_rows(app)[0][2] == "At the bus stop"


async def test_leaving_an_edit_keeps_it_aside_and_offers_it_back(catalog, store_factory):
    store = store_factory()
    saved = store.save_entry(dict(JOURNAL))
    app = WorkbookApp(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_entry(pilot, app)
        await pilot.press("e")
        editor = app.screen
        await wait_for(pilot, lambda: isinstance(editor.input, ParagraphInput), what="the first step")
        editor.input.focus_first()
        await type_text(pilot, " (draft)")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryScreen), what="back to the entry")
        assert store.get_entry(saved["id"]) == saved, "the entry is unchanged until saved"
        assert get_edit_draft(store, saved["id"])["answers"]["situation"] == "At the bus stop (draft)"
        assert store.get_draft("trigger-journal") is None, "never mixed with a new journal's draft"

        await pilot.press("e")
        assert isinstance(app.screen, EditDraftDialog)
        await click(pilot, "#continue")
        editor = app.screen
        await wait_for(pilot, lambda: isinstance(getattr(editor, "input", None), ParagraphInput), what="the editor")
        assert editor.input.value == "At the bus stop (draft)"


async def test_tags_are_suggested_from_earlier_ones_and_saved(catalog, store_factory):
    store = store_factory()
    store.save_entry({**JOURNAL, "finished_at": "2026-02-01T10:00:00+01:00", "tags": ["family", "Work"]})
    saved = store.save_entry({**JOURNAL, "answers": {**JOURNAL["answers"], "tags": "evening"}})
    app = WorkbookApp(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_entry(pilot, app)
        assert "Tags: evening" in screen_text(app)
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TagsDialog), what="the tags")
        field = app.screen.query_one(Input)
        assert field.value == "evening"
        await pilot.press("end")
        await type_text(pilot, ", fa")
        await wait_for(pilot, lambda: field._suggestion == "evening, family", what="the suggestion")
        await pilot.press("right")
        await type_text(pilot, ", w")
        await wait_for(pilot, lambda: field._suggestion == "evening, family, work", what="the suggestion")
        await pilot.press("right", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryScreen), what="back to the entry")
        now = store.get_entry(saved["id"])
        assert now["tags"] == ["evening", "family", "work"]
        assert now["answers"]["tags"] == "evening, family, work"
        await wait_for(pilot, lambda: "Tags: evening, family, work" in screen_text(app), what="tags shown")


def test_tag_suggestions_complete_the_last_tag_only() -> None:
    known = ["family", "Work", "work-stress"]
    assert suggest_tag("f", known) == "family"
    assert suggest_tag("Fa", known) == "Family"
    assert suggest_tag("family, w", known) == "family, work"
    assert suggest_tag("work, w", known) == "work, work-stress"
    assert suggest_tag("family, ", known) is None
    assert suggest_tag("family", known) is None
    assert suggest_tag("zz", known) is None


async def test_a_quick_log_can_have_the_rest_added_keeping_its_moment(catalog, store_factory):
    store = store_factory()
    quick = store.save_entry(dict(QUICK))
    app = WorkbookApp(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        detail = await open_entry(pilot, app)
        assert "Add the rest" in [str(b.label) for b in detail.query("Button")]
        await pilot.press("a")
        editor = app.screen
        assert isinstance(editor, EditEntryScreen) and editor.run.exercise.id == "trigger-journal"
        await wait_for(pilot, lambda: isinstance(editor.input, ParagraphInput), what="the first step")
        assert "Adding the rest: Trigger journal" in screen_text(app)
        editor.input.focus_first()
        await type_text(pilot, "At home, early")
        await click(pilot, "#next")
        assert editor.input.value == "Shouting next door", "what was logged is filled in"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is detail, what="back to the entry")

        now = store.get_entry(quick["id"])
        assert now["exercise_id"] == "trigger-journal" and now["completed_from"] == "quick-log"
        assert now["answers"] == {**QUICK["answers"], "situation": "At home, early"}
        assert (now["started_at"], now["finished_at"], now["tags"]) == (QUICK["started_at"], QUICK["finished_at"], ["home"])
        assert [r["entry"] for r in revisions_of(store, quick["id"])] == [quick]
        assert len(store.entries()) == 1
        assert "Add the rest" not in [str(b.label) for b in app.screen.query("Button")]


async def test_delete_from_the_detail_can_be_undone_in_the_history(catalog, store_factory):
    store = store_factory()
    saved = store.save_entry(dict(JOURNAL))
    app = WorkbookApp(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_entry(pilot, app)
        await pilot.press("d")
        await click(pilot, "#delete")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), what="the history")
        assert store.entries() == [] and history_rows(app) == []
        await pilot.press("u")
        await wait_for(pilot, lambda: len(history_rows(app)) == 1, what="the entry back")
        assert store.get_entry(saved["id"]) == saved and trash.waiting(store) == []


async def test_an_entry_of_an_exercise_no_longer_here_can_be_read_not_changed(fixture_catalog, store_factory):
    store = store_factory()
    saved = store.save_entry(dict(JOURNAL))
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_entry(pilot, app)
        await pilot.press("e")
        assert isinstance(app.screen, EntryScreen)
        assert store.get_entry(saved["id"]) == saved


async def test_a_new_journal_suggests_earlier_tags_at_its_tags_step(catalog, store_factory):
    """Not only when editing: the tags step of a new entry offers the tags used before."""
    from workbook.engine import Run
    from workbook.tui.screens.exercise import ExerciseScreen

    store = store_factory()
    store.save_entry({**JOURNAL, "tags": ["family", "Work"]})
    exercise = catalog.exercises["thought-record"]
    run = Run(exercise)
    draft = {**run.draft(), "step": "tags"}  # straight to the tags step, as a resumed draft would be
    app = WorkbookApp(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ExerciseScreen(Run.from_draft(exercise, draft)))
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen)
                       and bool(app.screen.query("#slot Input")), what="the tags step")
        assert app.screen.run.current.id == "tags"
        field = app.screen.query_one("#slot Input", Input)
        field.focus()
        await type_text(pilot, "fa")
        await wait_for(pilot, lambda: field._suggestion == "family", what="the suggestion")
        await pilot.press("right")
        await type_text(pilot, ", w")
        await wait_for(pilot, lambda: field._suggestion == "family, work", what="the second suggestion")
