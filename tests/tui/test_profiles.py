"""Whose workbook opens: first run, "just me", the picker, unlisted names, passphrases
(entered, required, set, changed, removed) and guest mode from the picker."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Checkbox, Input, OptionList

from workbook.config import Settings
from workbook.store.profiles import (
    STORE_THREAD,
    create_profile,
    find_profile,
    install_state,
    listed_profiles,
    open_profile,
)
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.profiles import (
    GateApp,
    NameScreen,
    NewPassphraseScreen,
    Opened,
    PickerScreen,
    UnlockScreen,
    WelcomeScreen,
)
from workbook.tui.screens.profiles_passphrase import NO_RECOVERY, PassphraseScreen

from .helpers import SIZE, click, screen_text, type_text, wait_for


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    from workbook.store import crypto

    monkeypatch.setattr(crypto, "SCRYPT_N", 2**14)


def close(result) -> None:
    if isinstance(result, Opened) and result.store is not None:
        STORE_THREAD.run(result.store.close)


async def finish(pilot) -> None:
    await wait_for(pilot, lambda: pilot.app._exit, what="the gate to close")


async def choose(pilot, option_id: str) -> None:
    listing = pilot.app.screen.query_one(OptionList)
    listing.focus()
    listing.highlighted = listing.get_option_index(option_id)
    await pilot.press("enter")
    await pilot.pause()


async def new_passphrase(pilot, passphrase: str) -> None:
    await type_text(pilot, passphrase)
    await pilot.press("enter")
    await type_text(pilot, passphrase)
    await pilot.press("enter")


async def test_first_run_with_a_name_and_no_passphrase(data_dir: Path):
    app = GateApp(data_dir, Settings(), mode="first_run")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        assert {"just-me", "guest", "make"} <= {b.id for b in app.screen.query(Button)}
        await type_text(pilot, "Sam")
        await pilot.press("enter")
        assert isinstance(app.screen, NewPassphraseScreen)
        assert NO_RECOVERY in screen_text(app), "the warning is plain and on screen"
        await click(pilot, "#skip")
        await finish(pilot)
    result = app.return_value
    try:
        assert isinstance(result, Opened) and result.store.profile == "Sam" and not result.store.encrypted
    finally:
        close(result)
    assert [r.name for r in listed_profiles(data_dir)] == ["Sam"]


async def test_just_me_with_a_passphrase_opens_without_a_picker_next_time(data_dir: Path):
    app = GateApp(data_dir, Settings(), mode="first_run")
    async with app.run_test(size=SIZE) as pilot:
        await click(pilot, "#just-me")
        await type_text(pilot, "t1")
        await pilot.press("enter")
        await type_text(pilot, "t2")
        await pilot.press("enter")
        assert "not the same" in screen_text(app)
        assert app.screen.query_one("#new-passphrase", Input).value == "", "both fields are emptied"
        await new_passphrase(pilot, "harb")
        await finish(pilot)
    result = app.return_value
    try:
        assert result.store.encrypted and result.store.profile == "default"
    finally:
        close(result)
    assert install_state(data_dir) == "just_me"


async def test_an_unlisted_first_profile_stays_off_the_list(data_dir: Path):
    app = GateApp(data_dir, Settings(), mode="first_run")
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "Robin")
        app.screen.query_one("#unlisted", Checkbox).value = True
        await click(pilot, "#make")
        await click(pilot, "#skip")
        await finish(pilot)
    close(app.return_value)
    assert listed_profiles(data_dir) == []
    assert find_profile(data_dir, "robin") is not None and not find_profile(data_dir, "robin").listed


@pytest.fixture
def several(data_dir: Path) -> Path:
    create_profile(data_dir, "Sam").close()
    create_profile(data_dir, "Robin", "rob").close()
    create_profile(data_dir, "Kit", unlisted=True).close()
    return data_dir


async def test_the_picker_shows_listed_names_only_and_opens_a_plain_one(several: Path):
    app = GateApp(several, Settings(), mode="pick")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, PickerScreen)
        text = screen_text(app) + "".join(
            str(o.prompt) for o in app.screen.query_one(OptionList)._options
        )
        assert "Sam" in text and "Robin" in text and "Kit" not in text
        await choose(pilot, "profile:Sam")
        await finish(pilot)
    result = app.return_value
    try:
        assert result.store.profile == "Sam"
    finally:
        close(result)


async def test_a_profile_with_a_passphrase_asks_for_it(several: Path):
    app = GateApp(several, Settings(), mode="pick")
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "profile:Robin")
        await wait_for(pilot, lambda: isinstance(app.screen, UnlockScreen), what="the passphrase prompt")
        await type_text(pilot, "gu")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "does not open" in screen_text(app), what="the refusal")
        assert app.screen.query_one("#passphrase", Input).value == ""
        await type_text(pilot, "rob")
        await pilot.press("enter")
        await finish(pilot)
    result = app.return_value
    try:
        assert result.store.encrypted and result.store.profile == "Robin"
    finally:
        close(result)


async def test_an_unlisted_profile_opens_by_typing_its_name(several: Path):
    app = GateApp(several, Settings(), mode="pick")
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "unlisted")
        assert isinstance(app.screen, NameScreen)
        await type_text(pilot, "Kat")
        await pilot.press("enter")
        assert "no profile with that name" in screen_text(app)
        app.screen.query_one("#name", Input).value = ""
        await type_text(pilot, "kit")
        await pilot.press("enter")
        await finish(pilot)
    result = app.return_value
    try:
        assert result.store.profile == "kit"
    finally:
        close(result)


async def test_a_profile_open_elsewhere_is_told_plainly(several: Path):
    holder = open_profile(several, "Sam")
    try:
        app = GateApp(several, Settings(), mode="pick")
        async with app.run_test(size=SIZE) as pilot:
            await choose(pilot, "profile:Sam")
            await wait_for(pilot, lambda: "already open" in screen_text(app), what="the message")
            assert isinstance(app.screen, PickerScreen)
    finally:
        holder.close()


async def test_guest_from_the_picker_and_a_site_that_allows_no_guests(several: Path):
    app = GateApp(several, Settings(), mode="pick")
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "guest")
        await finish(pilot)
    assert app.return_value == Opened(None, guest=True)
    app = GateApp(several, Settings(guest_allowed=False), mode="pick")
    async with app.run_test(size=SIZE) as pilot:
        ids = [o.id for o in app.screen.query_one(OptionList)._options]
        assert "guest" not in ids
        await choose(pilot, "new")
        assert "guest" not in {b.id for b in app.screen.query(Button)}


async def test_a_site_that_requires_passphrases(several: Path):
    required = Settings(passphrase_required=True)
    app = GateApp(several, required, mode="pick")
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "profile:Sam")  # made before the rule: must set one now
        await wait_for(pilot, lambda: isinstance(app.screen, NewPassphraseScreen), what="the request")
        assert not app.screen.query("#skip"), "no way round it"
        await new_passphrase(pilot, "sam2")
        await finish(pilot)
    result = app.return_value
    try:
        assert result.store.encrypted
    finally:
        close(result)
    with pytest.raises(Exception):
        open_profile(several, "Sam")  # needs the passphrase now
    app = GateApp(several, required, mode="pick")
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "new")
        await type_text(pilot, "Ash")
        await pilot.press("enter")
        assert not app.screen.query("#skip")


# -- the passphrase screen inside the workbook ---------------------------------------------------
async def set_change_remove(pilot, store) -> None:
    app = pilot.app
    app.action_passphrase()
    await pilot.pause()
    assert isinstance(app.screen, PassphraseScreen) and NO_RECOVERY in screen_text(app)
    await new_passphrase(pilot, "w1")
    await wait_for(pilot, lambda: not isinstance(app.screen, PassphraseScreen), what="setting it")
    assert store.encrypted
    app.action_passphrase()
    await pilot.pause()
    await type_text(pilot, "w0")
    await pilot.press("enter")
    await new_passphrase(pilot, "w2")
    await wait_for(pilot, lambda: "not your passphrase now" in screen_text(app), what="the refusal")
    app.screen.query_one("#current", Input).focus()
    await type_text(pilot, "w1")
    await pilot.press("enter")
    await new_passphrase(pilot, "w2")
    await wait_for(pilot, lambda: not isinstance(app.screen, PassphraseScreen), what="changing it")


async def test_set_change_and_remove_a_passphrase(fixture_catalog, data_dir: Path):
    store = STORE_THREAD.run(open_profile, data_dir, "Sam")
    try:
        app = WorkbookApp(store, fixture_catalog)
        async with app.run_test(size=SIZE) as pilot:
            await set_change_remove(pilot, store)
            app.action_passphrase()
            await pilot.pause()
            await type_text(pilot, "w2")
            await click(pilot, "#remove")
            await wait_for(pilot, lambda: not isinstance(app.screen, PassphraseScreen), what="removing it")
            assert not store.encrypted
    finally:
        STORE_THREAD.run(store.close)
    open_profile(data_dir, "Sam").close()  # plain again


async def test_a_required_passphrase_can_be_changed_but_not_removed(fixture_catalog, data_dir: Path):
    store = STORE_THREAD.run(open_profile, data_dir, "Sam", "w1")
    try:
        app = WorkbookApp(store, fixture_catalog)
        app.lock_guard.passphrase_required = True
        async with app.run_test(size=SIZE) as pilot:
            app.action_passphrase()
            await pilot.pause()
            assert not app.screen.query("#remove")
    finally:
        STORE_THREAD.run(store.close)


async def test_first_run_says_what_the_workbook_is_and_is_not(data_dir: Path):
    """The first screen a person sees names it plainly: a place to practise, no diagnosis, not
    for emergencies, and who to turn to instead (the same words as in help)."""
    from textual.widgets import Input, Static

    from workbook.about import PARAGRAPHS

    app = GateApp(data_dir, Settings(), mode="first_run")
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, WelcomeScreen)
        shown = [str(static.render()) for static in app.screen.query(Static).filter(".about")]
        assert shown == list(PARAGRAPHS)
        assert isinstance(app.focused, Input) and app.focused.id == "name", "a name can be typed at once"
        name = app.screen.query_one("#name", Input)
        assert app.screen.region.contains_region(name.region), "the name field is not scrolled away"
