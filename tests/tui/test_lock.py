"""The lock: after the idle time (a controlled clock, no sleeping), after a sleep of the
computer, and at once with the quick-hide key from every screen; unlocking returns
exactly to where the person was."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Input

import workbook.tui
from workbook.engine import Run
from workbook.store.profile import open_store
from workbook.tui.app import WorkbookApp
from workbook.tui.lock import IdleClock, LockGuard
from workbook.tui.screens.crisis import CrisisScreen
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.screens.home import HomeScreen
from workbook.tui.screens.lock import FACE, LockScreen
from workbook.tui.widgets.step_inputs import JournalArea
from workbook.tui.widgets.timed import TimedInput

from .helpers import SIZE, open_from_home, press_next, screen_text, type_text, wait_for

PASS = "quiet harbour"


@pytest.fixture(autouse=True)
def quick(monkeypatch):
    from workbook.store import crypto

    monkeypatch.setattr(crypto, "SCRYPT_N", 2**14)
    monkeypatch.setattr(LockGuard, "CHECK_SECONDS", 0.05)


class FakeClock:
    """Wall and monotonic time that move only when told to."""

    def __init__(self) -> None:
        self.wall = 1_800_000_000.0
        self.mono = 1000.0

    def advance(self, seconds: float, *, wall_only: bool = False, mono_only: bool = False) -> None:
        if not mono_only:
            self.wall += seconds
        if not wall_only:
            self.mono += seconds


def with_clock(app: WorkbookApp, minutes: float = 5) -> FakeClock:
    clock = FakeClock()
    app.lock_guard.idle = IdleClock(minutes, clock=lambda: clock.wall, monotonic=lambda: clock.mono)
    return clock


@pytest.fixture
def locked_store(data_dir: Path):
    store = open_store(data_dir, "sam", PASS)
    yield store
    store.close()


async def unlock(pilot, passphrase: str | None = PASS) -> None:
    app = pilot.app
    assert isinstance(app.screen, LockScreen)
    await pilot.press("space")
    if passphrase is not None:
        assert app.screen.asking and isinstance(app.focused, Input)
        await type_text(pilot, passphrase)
        await pilot.press("enter")
    await wait_for(pilot, lambda: not isinstance(app.screen, LockScreen), what="unlocking")


def shows_nothing_but_the_face(app: WorkbookApp) -> bool:
    return isinstance(app.screen, LockScreen) and screen_text(app).strip().startswith(FACE) \
        and not app.screen.asking


async def test_idle_time_locks_and_unlocking_returns_to_the_half_typed_answer(fixture_catalog, locked_store):
    app = WorkbookApp(locked_store, fixture_catalog)
    clock = with_clock(app, minutes=5)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "short-one")
        await type_text(pilot, "half a thou")
        field = app.focused
        clock.advance(4 * 60 + 50)
        await pilot.pause(0.2)
        assert isinstance(app.screen, ExerciseScreen), "not yet: under five minutes"
        clock.advance(15)
        await wait_for(pilot, lambda: isinstance(app.screen, LockScreen), what="the idle lock")
        assert shows_nothing_but_the_face(app)
        assert "half a thou" not in screen_text(app)
        await unlock(pilot)
        assert isinstance(app.screen, ExerciseScreen)
        assert app.focused is field and field.value == "half a thou", "exactly where they were"
        await type_text(pilot, "ght")
        assert field.value == "half a thought"


async def test_a_sleeping_computer_locks_on_the_first_key_and_the_key_goes_nowhere(
    fixture_catalog, store_factory, monkeypatch
):
    monkeypatch.setattr(LockGuard, "CHECK_SECONDS", 3600)  # only the key can notice, as right after a wake-up
    app = WorkbookApp(store_factory(), fixture_catalog)
    clock = with_clock(app, minutes=5)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "short-one")
        await type_text(pilot, "before")
        clock.advance(3600, wall_only=True)  # asleep: the monotonic clock stood still
        await pilot.pause(0.1)
        assert not isinstance(app.screen, LockScreen)
        await pilot.press("x")
        assert isinstance(app.screen, LockScreen)
        await unlock(pilot, passphrase=None)  # no passphrase: any key goes back
        assert app.screen.input.value == "before", "the key that woke it was not typed"


async def test_a_wall_clock_set_back_still_locks_by_the_monotonic_clock(fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog)
    clock = with_clock(app, minutes=1)
    async with app.run_test(size=SIZE) as pilot:
        clock.wall -= 7200
        clock.advance(61, mono_only=True)
        await wait_for(pilot, lambda: isinstance(app.screen, LockScreen), what="the idle lock")


async def test_zero_minutes_never_locks_by_itself(fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog)
    clock = with_clock(app, minutes=0)
    async with app.run_test(size=SIZE) as pilot:
        clock.advance(10 * 3600)
        await pilot.pause(0.2)
        await pilot.press("down")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("f4")
        assert isinstance(app.screen, LockScreen), "quick-hide still works"


async def test_wrong_passphrase_keeps_it_locked(fixture_catalog, locked_store):
    app = WorkbookApp(locked_store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await pilot.press("enter")
        await type_text(pilot, "not it")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "does not open" in screen_text(app), what="the refusal")
        assert isinstance(app.screen, LockScreen) and app.focused.value == "", "the field is emptied"
        await pilot.press("escape")
        assert shows_nothing_but_the_face(app)
        await unlock(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_while_locked_only_crisis_help_and_quit_work(fixture_catalog, locked_store):
    app = WorkbookApp(locked_store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        for key in ("ctrl+p", "f1", "f3", "h"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, LockScreen), key
        assert not app.screen.asking or key == "h"
        await pilot.press("f2")
        assert isinstance(app.screen, CrisisScreen), "crisis help is one key away, even locked"
        await pilot.press("escape")
        assert isinstance(app.screen, LockScreen)
        await pilot.press("f4")  # hide again: back to the plain face
        assert shows_nothing_but_the_face(app)
        await unlock(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette), "the palette works again once unlocked"


async def test_a_running_pacer_waits_while_locked(fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog)
    exercise = fixture_catalog.exercises["all-steps"]
    position = [s.id for s in exercise.steps].index("breathe")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ExerciseScreen(Run(exercise, position=position)))
        await wait_for(pilot, lambda: app.screen.query(TimedInput), what="the pacer")
        pacer = app.screen.query_one(TimedInput)
        pacer.start()
        assert pacer.running
        await pilot.press("f4")
        assert not pacer.running
        await unlock(pilot, passphrase=None)
        assert app.screen.query_one(TimedInput) is pacer and not pacer.running and not pacer.finished


# -- quick-hide from every screen -------------------------------------------------------------------
async def _hide_and_return(pilot) -> None:
    app = pilot.app
    before, focused = app.screen, app.focused
    await pilot.press("f4")
    assert shows_nothing_but_the_face(app), before
    await unlock(pilot, passphrase=None)
    assert app.screen is before and app.focused is focused, before


async def test_quick_hide_works_from_every_screen(fixture_catalog, store_factory, tmp_path):
    from workbook.tui.screens.completion import CompletionScreen
    from workbook.tui.screens.dialogs import GroundingOffer, ProblemsDialog, ResumeDialog
    from workbook.tui.screens.entry import EntryScreen
    from workbook.tui.screens.help import HelpScreen
    from workbook.tui.screens.history import HistoryScreen
    from workbook.tui.screens.profiles_passphrase import PassphraseScreen

    store = store_factory()
    exercise = fixture_catalog.exercises["short-one"]
    entry = store.save_entry(Run(exercise, {"first": "x"}).record())
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await _hide_and_return(pilot)  # home
        await open_from_home(pilot, "short-one")
        await type_text(pilot, "typing")
        await _hide_and_return(pilot)  # an exercise, while typing in a line
        await press_next(pilot)
        assert isinstance(app.focused, JournalArea)
        await type_text(pilot, "and a journal")
        await _hide_and_return(pilot)  # typing in a journal
        screens = [
            lambda: GroundingOffer(),
            lambda: ResumeDialog(exercise, {"started_at": "2026-11-01T10:00:00+00:00"}, 1, 3),
            lambda: ProblemsDialog(["a note"]),
            lambda: CrisisScreen(app.contacts),
            lambda: HelpScreen(app.data_folder),
            lambda: HistoryScreen(),
            lambda: EntryScreen(entry),
            lambda: CompletionScreen(entry, exercise, None),
            lambda: PassphraseScreen(),
        ]
        for make in screens:
            app.push_screen(make())
            await pilot.pause()
            await _hide_and_return(pilot)
            app.pop_screen()
            await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await _hide_and_return(pilot)


def test_no_screen_or_widget_takes_the_quick_hide_key_for_itself() -> None:
    """F4 is the app's (priority) key: nothing else may bind it, so it works everywhere."""
    for module_info in pkgutil.walk_packages(workbook.tui.__path__, "workbook.tui."):
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or cls is WorkbookApp:
                continue
            for binding in getattr(cls, "BINDINGS", []):
                keys = binding.key if hasattr(binding, "key") else binding[0]
                assert "f4" not in keys.split(","), f"{cls.__name__} binds F4"


async def test_the_footer_offers_quick_hide(fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=(120, 24)) as pilot:
        shown = {b.key for (_, b, enabled, _) in app.screen.active_bindings.values() if b.show and enabled}
        assert "f4" in shown
        await pilot.pause()
