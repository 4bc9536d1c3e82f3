"""The export screen: choices, a progress bar that moves, the file on disk; and entries made
with an older version of an exercise show the questions they were asked with."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from textual.widgets import Checkbox, Input, ProgressBar, RadioButton, SelectionList

from workbook.store.profile import open_store
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.entry import EntryScreen
from workbook.tui.screens.export import ExportScreen, UnencryptedExportDialog

from .helpers import SIZE, click, screen_text, wait_for

OLD_PROMPT = "What went on, back then?"


def add_entries(store, count: int = 3) -> None:
    for n in range(count):
        store.save_entry({
            "exercise_id": "short-one", "exercise_title": "A short one", "exercise_version": 1,
            "started_at": f"2026-03-{n + 1:02d}T09:55:00+01:00", "finished_at": f"2026-03-{n + 1:02d}T10:00:00+01:00",
            "answers": {"first": f"thought {n} [bold]", "third": n},
            # Made with an older version of the exercise, which asked this differently.
            "prompts": {"first": OLD_PROMPT, "third": "How are you now?"},
            "step_types": {"first": "text", "third": "scale"},
            "private": n == 1,
        })


async def open_export(pilot, path: Path) -> ExportScreen:
    await pilot.press("e")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExportScreen), what="the export screen")
    screen = pilot.app.screen
    screen.query_one("#export-path", Input).value = str(path)
    await pilot.pause()
    return screen


async def test_markdown_export_from_the_screen_with_the_bar_reaching_the_end(fixture_catalog, store_factory, tmp_path):
    store = store_factory()
    add_entries(store)
    target = tmp_path / "for-my-therapist.md"
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot, target)
        assert screen.query_one("#format-md", RadioButton).value  # Markdown is the first choice
        assert not screen.query_one("#export-private", Checkbox).value
        await click(pilot, "#export-go")
        await wait_for(pilot, lambda: "Saved" in screen_text(app), what="the export to finish")
        assert screen.query_one("#export-progress", ProgressBar).progress == 100
        assert "Saved 2 entries" in screen_text(app) and "1 marked private was left out" in screen_text(app)
    text = target.read_text(encoding="utf-8")
    assert f"**{OLD_PROMPT}**" in text and "> thought 0 \\[bold\\]" in text and "thought 1" not in text
    assert target.stat().st_mode & 0o777 == 0o600


async def test_csv_with_chosen_exercises_dates_and_private_entries(fixture_catalog, store_factory, tmp_path):
    store = store_factory()
    add_entries(store)
    store.save_entry({"exercise_id": "calm-feet", "finished_at": "2026-03-02T08:00:00+01:00", "answers": {"feet": "warm"}})
    folder = tmp_path / "sheets"
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot, folder)
        await click(pilot, "#format-csv")
        assert screen.query_one("#export-path", Input).value == str(folder)  # a path typed is kept
        screen.query_one("#export-exercises", SelectionList).select("short-one")
        screen.query_one("#export-from", Input).value = "2026-03-02"
        screen.query_one("#export-private", Checkbox).value = True
        await pilot.pause()
        await click(pilot, "#export-go")
        await wait_for(pilot, lambda: "Saved" in screen_text(app), what="the export to finish")
    assert [p.name for p in folder.iterdir()] == ["short-one.csv"]
    rows = list(csv.reader(io.StringIO((folder / "short-one.csv").read_text(encoding="utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["2026-03-02", "2026-03-03"]


async def test_a_date_that_is_not_one_is_said_plainly_and_nothing_is_written(fixture_catalog, store_factory, tmp_path):
    store = store_factory()
    add_entries(store, 1)
    target = tmp_path / "x.md"
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot, target)
        screen.query_one("#export-to", Input).value = "last tuesday"
        await click(pilot, "#export-go")
        assert "is not a date like" in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ExportScreen), what="back home")
    assert not target.exists()


async def test_an_encrypted_profile_asks_before_writing_an_unprotected_file(fixture_catalog, data_dir, tmp_path):
    target = tmp_path / "mine.md"
    with open_store(data_dir, "locked", "a passphrase that is long") as store:
        add_entries(store, 1)
        app = WorkbookApp(store, fixture_catalog)
        async with app.run_test(size=SIZE) as pilot:
            await open_export(pilot, target)
            await click(pilot, "#export-go")
            await wait_for(pilot, lambda: isinstance(app.screen, UnencryptedExportDialog), what="the warning")
            assert "will not be" in screen_text(app)
            await click(pilot, "#cancel")
            await pilot.pause()
            assert not target.exists()
            await click(pilot, "#export-go")
            await wait_for(pilot, lambda: isinstance(app.screen, UnencryptedExportDialog), what="the warning")
            await click(pilot, "#go")
            await wait_for(pilot, target.exists, what="the file")


async def test_the_entry_detail_shows_the_questions_it_was_asked_with(fixture_catalog, store_factory):
    store = store_factory()
    add_entries(store, 1)
    (entry,) = store.entries()
    assert fixture_catalog.exercises["short-one"].steps[0].prompt != OLD_PROMPT  # the exercise has changed since
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(EntryScreen(entry))
        await wait_for(pilot, lambda: isinstance(app.screen, EntryScreen) and "thought 0" in screen_text(app))
        text = screen_text(app)
        assert OLD_PROMPT in text and "First thought?" not in text
