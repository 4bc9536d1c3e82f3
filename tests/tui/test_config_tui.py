"""The site's settings reach the full-screen workbook: its name, its crisis contacts
(first, with when they were checked), its colours and its lock time."""

from __future__ import annotations

from workbook.commands.tui import make_app
from workbook.config import Settings
from workbook.crisis import DEFAULT_CONTACTS, Contact, crisis_contacts
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.crisis import CrisisScreen

from .helpers import SIZE, screen_text

SITE = Settings(
    site_name="Riverside [group] room",
    crisis_contacts=(Contact("Riverside duty worker", "Call 555 0100", "Weekdays", "2026-11-20"),),
    lock_after_minutes=3,
    passphrase_required=True,
    theme="nord",
)


async def test_site_settings_in_the_workbook(fixture_catalog, store_factory):
    store = store_factory()
    contacts = crisis_contacts(SITE.crisis_contacts)
    app = make_app(WorkbookApp, store, fixture_catalog, SITE, contacts, None)
    assert app.lock_guard.idle.minutes == 3 and app.lock_guard.passphrase_required
    async with app.run_test(size=SIZE) as pilot:
        assert "Workbook · Riverside [group] room" in screen_text(app), "shown literally, never as markup"
        assert app.theme == "nord", "the site's colours until the person picks their own"
        await pilot.press("f2")
        assert isinstance(app.screen, CrisisScreen)
        text = screen_text(app)
        assert text.index("Riverside duty worker") < text.index(DEFAULT_CONTACTS[0].name)
        assert "Last checked 2026-11-20" in text


async def test_a_persons_own_colours_win_over_the_site(fixture_catalog, store_factory):
    store = store_factory()
    store.set_setting("theme", "gruvbox")
    app = make_app(WorkbookApp, store, fixture_catalog, SITE, crisis_contacts(), None)
    async with app.run_test(size=SIZE):
        assert app.theme == "gruvbox"
