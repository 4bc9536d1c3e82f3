"""Every screen at 40x12, 80x24 and 200x60: no crash, and every control can be reached.

Each screen is reached the way a person would (keys from home) where it can be, with a
store that holds realistic data: entries of several kinds (one edited, one tagged), goals
with check-ins, a safety plan, a backup and an unfinished exercise. One app per screen
walks through the three sizes with `pilot.resize_terminal`.

At every size, `assert_all_controls_reachable` checks that the app still runs, that every
focusable control on the screen (not disabled, not hidden) is on screen or can be
scrolled into view, all of it (or as much as its view can hold), that a click at its
middle lands on it, and that Tab reaches all of them (real Tab keys at 40x12; the focus
chain Tab follows at the other sizes). F1 (help) and F2 (crisis help) must work on every
screen: enabled there, and shown in full in the footer from 80 columns; on dialogs, which
list no app keys of their own, they are pressed.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Awaitable, Callable

import pytest
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import DataTable, OptionList

from workbook.config import Settings
from workbook.content.catalog import load_catalog
from workbook.engine import Run
from workbook.goals import GoalBook, make_goal
from workbook.insights.summaries import note_saved
from workbook.store import revisions
from workbook.store.backup import make_backup
from workbook.store.profile import open_store
from workbook.tui.app import WorkbookApp

from .conftest import ALL_STEPS_YAML, CALM_GROUNDING_YAML, SHORT_YAML
from .helpers import fill_step, wait_for

SIZES = [(40, 12), (80, 24), (200, 60)]
PASS = "quiet harbour"


# -- the data ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exercises")
    (folder / "all-steps.yaml").write_text(ALL_STEPS_YAML, encoding="utf-8")
    (folder / "short.yaml").write_text(SHORT_YAML, encoding="utf-8")
    (folder / "calm-feet.yaml").write_text(CALM_GROUNDING_YAML, encoding="utf-8")
    found = load_catalog([folder], include_builtin=True)
    assert not found.problems, found.problems
    return found


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch):
    from workbook.store import crypto

    monkeypatch.setattr(crypto, "SCRYPT_N", 2**14)


def stamp(days_ago: int, hour: int = 10) -> str:
    moment = datetime.now().astimezone().replace(hour=hour, minute=15, second=0, microsecond=0)
    return (moment - timedelta(days=days_ago)).isoformat(timespec="seconds")


def finish(store, catalog, exercise_id: str, answers: dict[str, Any], days_ago: int, hour: int = 10) -> dict:
    """An entry as the exercise screen saves one (with the progress page's summary)."""
    run = Run(catalog.get(exercise_id))
    while not run.is_complete:
        run.answer(answers.get(run.current.id))
        run.next()
    entry = store.save_entry(run.record(finished_at=stamp(days_ago, hour)))
    note_saved(store, entry)
    return entry


def populate(store, catalog) -> dict[str, Any]:
    """A few weeks of someone's workbook."""
    made: dict[str, Any] = {}
    for days_ago, (trigger, feeling, before, after, coping) in enumerate([
        ("Money worries [bills]", "Anxious", 8, 5, "Slow breathing"),
        ("A loud noise", "Scared", 6, 6, "Went for a walk"),
        ("Money worries [bills]", "Anxious", 7, 3, "Slow breathing"),
        ("An argument at work", "Angry", 9, 4, "Called someone"),
    ]):
        finish(store, catalog, "trigger-journal", {
            "situation": "At home, after dinner, reading the post", "trigger": trigger, "feelings": [feeling],
            "intensity": before, "coping": [coping], "intensity_after": after, "tags": "home, money",
        }, days_ago=3 + days_ago * 5, hour=20)
    for days_ago, (before, after) in enumerate([(8, 5), (7, 4), (6, 6)]):
        finish(store, catalog, "five-senses", {"distress_before": before, "distress_after": after},
               days_ago=2 + days_ago * 4)
    finish(store, catalog, "all-steps", {
        "feeling": 4, "what": "A long day", "story": "It started early\nand went on", "where": "Home",
        "mood": "Rough", "body": ["Tight chest"], "see": ["a cup", "a lamp", "a door"], "care": ["Water"],
        "unsafe": "No",
    }, days_ago=1)
    for days_ago, words in ((20, 3), (6, 6)):
        finish(store, catalog, "progress-signs",
               {"openness": 4, "words": words, "hard_topics": 4, "distress": 6, "coping": 3}, days_ago=days_ago)
    finish(store, catalog, "breakthrough-log",
           {"kind": "A feeling I can finally name", "realisation": "It was grief, all along"}, days_ago=5)
    finish(store, catalog, "weekly-reflection", {"went_well": ["a long walk with Sam"], "focus": "sleep"},
           days_ago=0, hour=8)
    made["plan"] = finish(store, catalog, "safety-plan", {
        "warning_signs": ["I stop answering messages", "I stay in bed"], "on_my_own": ["A hot shower"],
        "reasons": ["my dog, Pip", "my sister"],
    }, days_ago=9)
    # The newest entry: a quick log, changed once (an earlier version is kept) and tagged.
    quick = finish(store, catalog, "quick-log", {"trigger": "A letter from the bank", "feelings": ["Anxious"]},
                   days_ago=0, hour=9)
    made["quick"] = revisions.save_edit(store, {**quick, "answers": {**quick["answers"],
                                                                      "trigger": "A letter from the bank, again"},
                                                "tags": ["money"]})
    book = GoalBook(store)
    today = book.today
    walk = book.save(make_goal("Walk round the park each morning", {"kind": "done"}, start=today - timedelta(days=20),
                               clock=book.clock, existing_ids=book.ids(), why="Fresh air and a clear head",
                               first_step="Shoes by the door"))
    sleep = book.save(make_goal("Sleep", {"kind": "amount", "target": 7.5, "unit": "hours"},
                                start=today - timedelta(days=20), clock=book.clock, existing_ids=book.ids()))
    made["sober"] = book.save(make_goal("Staying away from a drink", {"kind": "days-since"},
                                        start=today - timedelta(days=30), clock=book.clock, existing_ids=book.ids()))
    book.save_checkins([(walk, today - timedelta(days=d), d % 3 != 0) for d in range(1, 15)]
                       + [(sleep, today - timedelta(days=d), 6 + d % 3) for d in range(1, 10)])
    make_backup(store, "by-hand")
    store.save_draft(Run(catalog.get("short-one"), {"first": "half a thought"}).draft())
    made["goals"] = [walk, sleep, made["sober"]]
    return made


# -- what is checked ---------------------------------------------------------------------------
def controls(screen: Screen) -> list[Widget]:
    """Every control on the screen a person could use: focusable, shown, not disabled."""
    found = []
    for widget in screen.query("*"):
        if not widget.focusable:
            continue
        ancestors = [n for n in widget.ancestors if isinstance(n, Widget) and n is not screen]
        if not all(n.display for n in [widget, *ancestors]):
            continue
        if not all(n.allow_focus_children() for n in ancestors):
            continue  # e.g. the buttons inside a RadioSet: the set takes the focus
        found.append(widget)
    return found


def describe(widget: Widget) -> str:
    return f"{type(widget).__name__}#{widget.id}" if widget.id else type(widget).__name__


def shown_problem(screen: Screen, widget: Widget) -> str | None:
    """None when the widget is on screen (all of it, or as much as its view can show)."""
    try:
        geometry = screen.find_widget(widget)
    except Exception:  # noqa: BLE001 - not laid out at all
        return "is not laid out"
    region = geometry.region
    view = geometry.clip.intersection(screen.region)
    part = region.intersection(view)
    if part.area == 0:
        return f"is out of sight at {region} (its view is {view})"
    fits_across = part.width == region.width or part.width == view.width
    fits_down = part.height == region.height or part.height == view.height
    if not (fits_across and fits_down):
        return f"is cut off: {part} of {region} shows (its view is {view})"
    x, y = part.x + part.width // 2, part.y + part.height // 2
    try:
        hit, _ = screen.get_widget_at(x, y)
    except Exception:  # noqa: BLE001
        return f"has nothing at its middle ({x}, {y})"
    if hit is not widget and widget not in hit.ancestors:
        return f"is covered by {describe(hit)} at ({x}, {y})"
    return None


async def assert_all_controls_reachable(pilot: Pilot, where: str = "", tab: bool = True) -> None:
    """The app runs, each control is in view or can be scrolled into view, and Tab visits
    every one (with `tab`; otherwise the focus chain is compared, which is what Tab follows)."""
    app = pilot.app
    assert app.is_running and app._exception is None, f"{where}: the app stopped ({app._exception!r})"
    app.clear_notifications()  # a passing toast is not a layout problem
    screen = app.screen
    found = controls(screen)
    problems = []
    for widget in found:
        if shown_problem(screen, widget) is None:
            continue  # in view already
        widget.focus(scroll_visible=False)
        widget.scroll_visible(animate=False, immediate=True)
        screen._on_timer_update()  # lay out the scrolled screen now (what a pause ends with)
        if shown_problem(screen, widget) is None:
            continue
        await pilot.pause()  # give it every chance: a full pause, then look again
        problem = shown_problem(screen, widget)
        if problem:
            problems.append(f"{describe(widget)} {problem}")
    assert not problems, f"{where} on {type(screen).__name__}: " + "; ".join(problems)
    assert app.screen is screen, f"{where}: focusing the controls left {type(screen).__name__}"
    if tab:  # Tab, from wherever the focus is, comes round to every control
        visited = await press_tab(pilot, len(found) + 1)
    else:
        visited = set(screen.focus_chain)
    missed = [describe(w) for w in found if w not in visited]
    assert not missed, f"{where} on {type(screen).__name__}: Tab never reaches {missed}"
    assert app.is_running and app._exception is None, f"{where}: the app stopped ({app._exception!r})"


async def press_tab(pilot: Pilot, times: int) -> set[Widget | None]:
    """Press Tab `times` times, as quickly as keys arrive from a terminal; returns every
    widget the focus landed on on the way."""
    app = pilot.app
    screen = app.screen
    visited: set[Widget | None] = {app.focused}

    def landed(widget: Widget | None) -> None:
        visited.add(widget)

    screen.watch(screen, "focused", landed, init=False)
    for _ in range(times):
        key = events.Key("tab", "\t")
        key.set_sender(app)
        app.post_message(key)
    await pilot.pause()
    visited.add(app.focused)
    return visited


async def at_every_size(
    pilot: Pilot, what: str = "", keys: tuple[str, ...] = ("f1", "f2"), sizes: list[tuple[int, int]] = SIZES
) -> None:
    for width, height in sizes:
        smallest = (width, height) == SIZES[0]
        await pilot.resize_terminal(width, height)  # (it waits for the new layout)
        where = f"{what} {width}x{height}".strip()
        # Tab keys once (the smallest size); at the others the focus chain is enough.
        await assert_all_controls_reachable(pilot, where, tab=smallest)
        if isinstance(pilot.app.screen, ModalScreen):
            # A dialog lists none of the app's keys as its own: press them, once.
            if smallest:
                await assert_help_keys_work(pilot, help_key="f1" in keys)
        else:
            assert_help_keys_ready(pilot.app, where, keys)


def assert_help_keys_ready(app: App[Any], where: str, keys: tuple[str, ...] = ("f1", "f2")) -> None:
    """F1 (help) and F2 (crisis help) work on this screen: the app's own keys, enabled here.

    Where the screen has a footer and the terminal is 80 columns or wider, both are also
    shown in it, in full (at 40 columns there is no room for every key).
    """
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    screen = app.screen
    bindings = screen.active_bindings
    for key in keys:
        assert key in bindings and bindings[key].enabled, f"{where}: {key} does nothing on {type(screen).__name__}"
    footers = [f for f in screen.query(Footer) if f.display]
    if footers and screen.size.width >= 80:
        shown = {w.key: w for w in screen.query(FooterKey)}
        for key in keys:
            assert key in shown, f"{where}: {key} is not in the footer of {type(screen).__name__}"
            problem = shown_problem(screen, shown[key])
            assert problem is None, f"{where}: the footer's {key} {problem}"


async def assert_help_keys_work(pilot: Pilot, help_key: bool = True) -> None:
    """F2 (crisis help) and F1 (help) open over this screen, and Escape comes back to it."""
    from workbook.tui.screens.crisis import CrisisScreen
    from workbook.tui.screens.help import HelpScreen

    app = pilot.app
    before = app.screen
    keys = [("f2", CrisisScreen)] + ([("f1", HelpScreen)] if help_key else [])
    for key, kind in keys:
        if isinstance(before, kind):
            continue  # already there
        await pilot.press(key)
        await wait_for(pilot, lambda: isinstance(app.screen, kind), what=f"{key} over {type(before).__name__}")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is before, what=f"back from {key}")


# -- getting to each screen ------------------------------------------------------------------
async def reached(pilot: Pilot, kind_name: str, *keys: str) -> Screen:
    await pilot.press(*keys)
    app = pilot.app
    await wait_for(pilot, lambda: type(app.screen).__name__ == kind_name, what=kind_name)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen


MAIN_SCREENS: dict[str, Callable[[Pilot, dict[str, Any]], Awaitable[Any]]] = {}


def main_screen(name: str):
    def register(fn):
        MAIN_SCREENS[name] = fn
        return fn

    return register


@main_screen("home")
async def _home(pilot, made):
    await reached(pilot, "HomeScreen")


@main_screen("help")
async def _help(pilot, made):
    await reached(pilot, "HelpScreen", "f1")


@main_screen("crisis")
async def _crisis(pilot, made):
    screen = await reached(pilot, "CrisisScreen", "f2")
    await wait_for(pilot, lambda: screen.plan is not None, what="the safety plan button")


@main_screen("safety_plan")
async def _safety_plan(pilot, made):
    crisis = await reached(pilot, "CrisisScreen", "f2")
    await wait_for(pilot, lambda: crisis.plan is not None, what="the safety plan")
    await reached(pilot, "SafetyPlanScreen", "p")


@main_screen("history")
async def _history(pilot, made):
    screen = await reached(pilot, "HistoryScreen", "h")
    await wait_for(pilot, lambda: screen.query("#search"), what="the search field")


@main_screen("history_filters")
async def _history_filters(pilot, made):
    await _history(pilot, made)
    await reached(pilot, "FiltersDialog", "f")


async def _open_quick_entry(pilot, made):
    await _history(pilot, made)
    table = pilot.app.screen.query_one(DataTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(made["quick"]["id"]))
    await reached(pilot, "EntryScreen", "enter")


@main_screen("entry")
async def _entry(pilot, made):
    await _open_quick_entry(pilot, made)


@main_screen("entry_delete")
async def _entry_delete(pilot, made):
    await _open_quick_entry(pilot, made)
    await reached(pilot, "ConfirmDelete", "d")


@main_screen("entry_tags")
async def _entry_tags(pilot, made):
    await _open_quick_entry(pilot, made)
    await reached(pilot, "TagsDialog", "t")


@main_screen("entry_versions")
async def _entry_versions(pilot, made):
    await _open_quick_entry(pilot, made)
    await reached(pilot, "VersionsDialog", "v")


@main_screen("entry_old_version")
async def _entry_old_version(pilot, made):
    await _entry_versions(pilot, made)
    screen = await reached(pilot, "EntryScreen", "enter")
    await wait_for(pilot, lambda: pilot.app.screen.version is not None, what="the earlier version")
    assert pilot.app.screen is not screen or screen.version is not None
    assert pilot.app.screen.query("#bring-back")


@main_screen("entry_edit")
async def _entry_edit(pilot, made):
    await _open_quick_entry(pilot, made)
    await reached(pilot, "EditEntryScreen", "e")


@main_screen("entry_edit_draft")
async def _entry_edit_draft(pilot, made):
    await _entry_edit(pilot, made)
    await pilot.press("escape")  # the changes wait as an edit draft
    await reached(pilot, "EditDraftDialog", "e")


@main_screen("resume_dialog")
async def _resume(pilot, made):
    listing = pilot.app.screen.query_one("#exercises", OptionList)
    listing.focus()
    listing.highlighted = listing.get_option_index("exercise:short-one")
    await reached(pilot, "ResumeDialog", "enter")


@main_screen("grounding_picker")
async def _grounding_picker(pilot, made):
    await reached(pilot, "GroundingPicker", "f3")


@main_screen("grounding_offer")
async def _grounding_offer(pilot, made):
    from workbook.tui.screens.dialogs import GroundingOffer

    pilot.app.push_screen(GroundingOffer())
    await reached(pilot, "GroundingOffer")


@main_screen("grounding_progress")
async def _grounding_progress(pilot, made):
    screen = await reached(pilot, "GroundingProgressScreen", "g")
    await wait_for(pilot, lambda: screen.loaded, what="the sessions")


@main_screen("goals")
async def _goals(pilot, made):
    screen = await reached(pilot, "GoalsScreen", "o")
    await wait_for(pilot, lambda: screen.query_one(DataTable).row_count == 3, what="the goals")


@main_screen("goals_detail")
async def _goals_detail(pilot, made):
    await _goals(pilot, made)
    table = pilot.app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(made["sober"]["id"]))  # the one with every button
    await reached(pilot, "GoalDetailScreen", "enter")
    assert pilot.app.screen.query_one("#again").display


@main_screen("goals_edit")
async def _goals_edit(pilot, made):
    await _goals_detail(pilot, made)
    await reached(pilot, "GoalEditScreen", "e")


@main_screen("goals_new")
async def _goals_new(pilot, made):
    await _goals(pilot, made)
    await reached(pilot, "NewGoalDialog", "n")


@main_screen("goals_start_again")
async def _goals_start_again(pilot, made):
    await _goals_detail(pilot, made)
    await reached(pilot, "StartAgainDialog", "s")


@main_screen("checkin")
async def _checkin(pilot, made):
    screen = await reached(pilot, "CheckinScreen", "c")
    await wait_for(pilot, lambda: screen.loaded, what="the check-in rows")


@main_screen("week")
async def _week(pilot, made):
    screen = await reached(pilot, "WeekScreen", "w")
    await wait_for(pilot, lambda: screen.summary is not None, what="the week")


@main_screen("signs")
async def _signs(pilot, made):
    await _week(pilot, made)
    await reached(pilot, "SignsScreen", "s")


@main_screen("dashboard")
async def _dashboard(pilot, made):
    screen = await reached(pilot, "DashboardScreen", "p")
    await wait_for(pilot, lambda: screen.shown_range is not None, what="the panels")


@main_screen("patterns")
async def _patterns(pilot, made):
    screen = await reached(pilot, "PatternsScreen", "j")
    await wait_for(pilot, lambda: screen.result is not None and screen.query(".finding"), what="the findings")


@main_screen("export")
async def _export(pilot, made):
    await reached(pilot, "ExportScreen", "e")


@main_screen("export_unprotected")
async def _export_unprotected(pilot, made):
    from workbook.tui.screens.export import UnencryptedExportDialog

    await _export(pilot, made)
    pilot.app.push_screen(UnencryptedExportDialog())
    await reached(pilot, "UnencryptedExportDialog")


@main_screen("backups")
async def _backups(pilot, made):
    await reached(pilot, "BackupsScreen", "b")


@main_screen("backups_restore")
async def _backups_restore(pilot, made):
    screen = await reached(pilot, "BackupsScreen", "b")
    listing = screen.query_one("#backups-list", OptionList)
    listing.focus()
    listing.highlighted = 0
    await pilot.pause()
    await reached(pilot, "RestoreDialog", "enter")


@main_screen("passphrase")
async def _passphrase(pilot, made):
    pilot.app.action_passphrase()  # the palette's "Passphrase"
    await reached(pilot, "PassphraseScreen")


@main_screen("lock")
async def _lock(pilot, made):
    await reached(pilot, "LockScreen", "f4")


@main_screen("completion")
async def _completion(pilot, made):
    from workbook.tui.screens.completion import CompletionScreen

    app = pilot.app
    exercise = app.catalog.get("all-steps")
    entry = next(e for e in app.store.entries(0, 50) if e.get("exercise_id") == "all-steps")
    run = Run(exercise, entry["answers"])
    app.push_screen(CompletionScreen(entry, exercise, run.score(), returns_to="Trigger journal"))
    await reached(pilot, "CompletionScreen")


@main_screen("completion_still_high")
async def _completion_still_high(pilot, made):
    from workbook.tui.screens.completion import CompletionScreen

    app = pilot.app
    exercise = app.catalog.get("five-senses")
    entry = finish(app.store, app.catalog, "five-senses", {"distress_before": 8, "distress_after": 8}, days_ago=0)
    app.push_screen(CompletionScreen(entry, exercise, None))
    await reached(pilot, "CompletionScreen")
    assert app.screen.query("#still-high")


@pytest.mark.parametrize("name", list(MAIN_SCREENS))
async def test_every_screen_at_every_size(name, catalog, data_dir: Path):
    store = open_store(data_dir, "default")
    try:
        made = populate(store, catalog)
        app = WorkbookApp(store, catalog)
        async with app.run_test(size=SIZES[1]) as pilot:
            await MAIN_SCREENS[name](pilot, made)
            await at_every_size(pilot, name, keys=("f2",) if name.startswith("lock") else ("f1", "f2"))
    finally:
        store.close()


async def test_every_step_of_an_exercise_then_its_end(catalog, data_dir: Path):
    """The exercise screen with each kind of step (and the intro), then the completion screen."""
    from workbook.tui.screens.completion import CompletionScreen
    from workbook.tui.screens.exercise import ExerciseScreen

    store = open_store(data_dir, "default")
    try:
        app = WorkbookApp(store, catalog)
        async with app.run_test(size=SIZES[1]) as pilot:
            app.open_exercise("all-steps")
            await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen) and app.screen.input, what="step 1")
            kinds = set()
            sizes = SIZES
            while isinstance(app.screen, ExerciseScreen):
                screen = app.screen
                step = screen.run.current
                kinds.add(type(screen.input).__name__)
                await at_every_size(pilot, f"step {step.id}", sizes=sizes)
                if step.id == "what":  # typing in a line: help and crisis help still open, and come back
                    await assert_help_keys_work(pilot)
                if step.id in ("what", "where", "see"):  # a few answers typed as a person would
                    await fill_step(pilot, screen)
                # The others are left as they are: every step can be passed over.
                screen.query_one("#next").focus()
                await pilot.press("enter")
                await wait_for(pilot, lambda: not isinstance(app.screen, ExerciseScreen)
                               or app.screen.run.current is not step, what=f"the step after {step.id}")
                sizes = sizes[::-1]  # from the size it is at, so no resize is wasted
            assert len(kinds) >= 9, kinds
            assert isinstance(app.screen, CompletionScreen), app.screen
            await at_every_size(pilot, "the end", sizes=sizes)
    finally:
        store.close()


@pytest.fixture
def locked_store(data_dir: Path):
    store = open_store(data_dir, "sam", PASS)
    yield store
    store.close()


async def test_the_lock_screen_asking_for_the_passphrase(catalog, locked_store):
    populate(locked_store, catalog)
    app = WorkbookApp(locked_store, catalog)
    async with app.run_test(size=SIZES[1]) as pilot:
        await pilot.press("f4")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "LockScreen", what="the lock")
        await pilot.press("space")
        await wait_for(pilot, lambda: app.screen.asking, what="the passphrase form")
        await at_every_size(pilot, "lock asking", keys=("f2",))
        await pilot.resize_terminal(*SIZES[0])
        await assert_help_keys_work(pilot, help_key=False)


async def test_changing_a_passphrase(catalog, locked_store):
    app = WorkbookApp(locked_store, catalog)
    async with app.run_test(size=SIZES[1]) as pilot:
        app.action_passphrase()
        await reached(pilot, "PassphraseScreen")
        assert app.screen.query("#remove")
        await at_every_size(pilot, "passphrase (encrypted)")


async def test_home_with_notes_about_broken_files_and_the_notes(data_dir: Path, tmp_path: Path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "short.yaml").write_text(SHORT_YAML, encoding="utf-8")
    for number in range(4):
        (folder / f"broken-{number}.yaml").write_text(f"id: broken-{number}\ntitle: [unclosed\n", encoding="utf-8")
    broken = load_catalog([folder], include_builtin=False)
    assert len(broken.problems) == 4
    store = open_store(data_dir, "default")
    try:
        app = WorkbookApp(store, broken)
        async with app.run_test(size=SIZES[1]) as pilot:
            await at_every_size(pilot, "home with notes")
            app.screen.query_one("#problems").press()
            await reached(pilot, "ProblemsDialog")
            await at_every_size(pilot, "notes")
    finally:
        store.close()


# -- before the workbook opens: whose workbook is it? ---------------------------------------------
@pytest.fixture
def several(data_dir: Path) -> Path:
    from workbook.store.profiles import create_profile

    create_profile(data_dir, "Sam").close()
    create_profile(data_dir, "Robin", "rob").close()
    create_profile(data_dir, "Kit", unlisted=True).close()
    return data_dir


async def choose(pilot: Pilot, option_id: str) -> None:
    listing = pilot.app.screen.query_one(OptionList)
    listing.focus()
    listing.highlighted = listing.get_option_index(option_id)
    await pilot.press("enter")
    await pilot.pause()


GATE_SCREENS: dict[str, tuple[str, Callable[[Pilot], Awaitable[Any]]]] = {}


def gate_screen(name: str, mode: str):
    def register(fn):
        GATE_SCREENS[name] = (mode, fn)
        return fn

    return register


@gate_screen("welcome", "first_run")
async def _welcome(pilot):
    await reached(pilot, "WelcomeScreen")


@gate_screen("new_passphrase", "first_run")
async def _new_passphrase(pilot):
    await reached(pilot, "WelcomeScreen")
    await pilot.press(*"Sam", "enter")
    await reached(pilot, "NewPassphraseScreen")


@gate_screen("picker", "pick")
async def _picker(pilot):
    await reached(pilot, "PickerScreen")


@gate_screen("name", "pick")
async def _name(pilot):
    await choose(pilot, "unlisted")
    await reached(pilot, "NameScreen")


@gate_screen("someone_new", "pick")
async def _someone_new(pilot):
    await choose(pilot, "new")
    await reached(pilot, "WelcomeScreen")


@gate_screen("unlock", "pick")
async def _unlock(pilot):
    await choose(pilot, "profile:Robin")
    await reached(pilot, "UnlockScreen")


@pytest.mark.parametrize("name", list(GATE_SCREENS))
async def test_every_profile_screen_at_every_size(name, several: Path):
    from workbook.tui.screens.profiles import GateApp

    mode, reach = GATE_SCREENS[name]
    root = several
    if mode == "first_run":
        root = several / "fresh"
        root.mkdir()
    app = GateApp(root, Settings(), mode=mode)
    async with app.run_test(size=SIZES[1]) as pilot:
        await reach(pilot)
        await at_every_size(pilot, name, keys=("f2",))
        await pilot.resize_terminal(*SIZES[0])
        await assert_help_keys_work(pilot, help_key=False)


# -- projector mode -----------------------------------------------------------------------------
async def test_group_mode_at_every_size_through_every_step(catalog):
    from workbook.tui.screens.group import GroupApp

    app = GroupApp(catalog.get("all-steps"))
    async with app.run_test(size=SIZES[1]) as pilot:
        sizes = SIZES
        for _ in range(20):
            screen = app.screen
            await at_every_size(pilot, f"group step {screen.run.position}", keys=("f2",), sizes=sizes)
            if screen.run.current is None and not screen.at_intro:
                break
            await pilot.press("right")
            sizes = sizes[::-1]
        assert screen.run.current is None, "the closing words were never reached"
