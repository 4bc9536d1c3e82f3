"""The backups screen: make one, put the workbook back as it was, bring back a damaged file."""

from __future__ import annotations

from textual.widgets import OptionList

from workbook.store import backup as backups
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.backups import BackupsScreen, RestoreDialog

from .helpers import SIZE, click, screen_text, wait_for


def entry(n: int, day: int = 2) -> dict:
    return {"exercise_id": "short-one", "exercise_title": "A short one",
            "finished_at": f"2026-03-{day:02d}T10:00:00+01:00", "answers": {"first": f"thought {n}"}}


async def open_backups(pilot) -> BackupsScreen:
    await pilot.press("b")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, BackupsScreen), what="the backups screen")
    return pilot.app.screen


async def test_back_up_now_then_put_it_back_as_it_was(fixture_catalog, store_factory):
    store = store_factory()
    kept = store.save_entry(entry(1))
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_backups(pilot)
        assert "No backups yet" in str(screen.query_one("#backups-list", OptionList).get_option_at_index(0).prompt)
        await click(pilot, "#backups-now")
        await wait_for(pilot, lambda: "Backed up" in screen_text(app), what="the backup")
        store.save_entry(entry(2, day=5))
        listing = screen.query_one("#backups-list", OptionList)
        assert listing.option_count == 1
        listing.focus()
        listing.highlighted = 0
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, RestoreDialog), what="the question")
        await click(pilot, "#go")
        await wait_for(pilot, lambda: "back as it was" in screen_text(app), what="the restore")
        assert [e["id"] for e in store.entries()] == [kept["id"]]
        assert listing.option_count == 2  # how it was a moment ago is a backup too
    # ...and closing the workbook made today's daily backup.
    assert {b.kind for b in backups.list_backups(store)} == {"by-hand", "before-restore", "daily"}


async def test_not_now_changes_nothing(fixture_catalog, store_factory):
    store = store_factory()
    store.save_entry(entry(1))
    backups.make_backup(store, "by-hand")
    store.save_entry(entry(2, day=5))
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_backups(pilot)
        listing = screen.query_one("#backups-list", OptionList)
        listing.focus()
        listing.highlighted = 0
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, RestoreDialog))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, BackupsScreen))
    assert len(store.entries()) == 2
    assert [b.kind for b in backups.list_backups(store)] == ["daily", "by-hand"]  # the daily one: on closing


async def test_a_damaged_file_is_offered_back_from_the_newest_good_backup(fixture_catalog, store_factory):
    store = store_factory()
    store.save_entry(entry(1))
    backups.make_backup(store, "daily")
    month = store.folder / "entries" / "2026-03.json"
    store.close()
    month.write_bytes(b"{ damaged")
    store = store_factory()
    assert store.entries() == [] and store.backup_offers
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_backups(pilot)
        assert "could not be read" in screen_text(app)
        await click(pilot, "#offer-0")
        await wait_for(pilot, lambda: "Brought back 1 item" in screen_text(app), what="the file")
        assert [e["answers"]["first"] for e in store.entries()] == ["thought 1"]
        assert store.backup_offers == []
