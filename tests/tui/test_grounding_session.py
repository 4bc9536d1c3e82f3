"""Distress before and after: stored with the session, shown kindly at the end, a gentle
offer of crisis contacts when it is still high, and the progress screen over time."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from textual.widgets import DataTable, Static

from workbook.content.catalog import load_catalog
from workbook.insights.grounding import grounding_sessions
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.completion import CompletionScreen
from workbook.tui.screens.crisis import CrisisScreen
from workbook.tui.screens.entry import EntryScreen
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.screens.grounding import GroundingPicker
from workbook.tui.screens.grounding_progress import NO_CHART_YET, GroundingProgressScreen

from .helpers import SIZE, click, press_next, screen_text, shown_text, wait_for

ROOT = Path(__file__).resolve().parents[2]

STEADY_YAML = """\
id: steady
title: Steady breaths
category: grounding
summary: Rate, breathe, rate again.
minutes: 1
steps:
  - id: distress_before
    type: scale
    prompt: How distressed do you feel now?
    min_label: calm
    max_label: the most
    measure: distress
  - id: breathe
    type: breathing
    pattern: "1-1"
    cycles: 1
  - id: distress_after
    type: scale
    prompt: And now?
    min_label: calm
    max_label: the most
    measure: distress
"""


def catalog_with_steady(fixture_dir: Path):
    (fixture_dir / "steady.yaml").write_text(STEADY_YAML, encoding="utf-8")
    catalog = load_catalog([fixture_dir], include_builtin=False)
    assert not catalog.problems, catalog.problems
    return catalog


async def rate_and_finish(pilot, before: int, after: int) -> CompletionScreen:
    app = pilot.app
    app.open_exercise("steady")
    await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen) and app.screen.input is not None,
                   what="the exercise")
    app.screen.input.query_one("ScaleRow").focus()
    await pilot.press(str(before))
    await press_next(pilot)
    await click(pilot, "#skip")  # pass over the breathing
    await wait_for(pilot, lambda: app.screen.input is not None and app.screen.input.step.id == "distress_after",
                   what="the last rating")
    app.screen.input.query_one("ScaleRow").focus()
    await pilot.press(str(after))
    await press_next(pilot)
    await wait_for(pilot, lambda: isinstance(app.screen, CompletionScreen), what="the end")
    return app.screen


async def test_before_and_after_are_stored_shown_kindly_and_the_drop_computed(fixture_dir, store_factory):
    catalog = catalog_with_steady(fixture_dir)
    store = store_factory()
    app = WorkbookApp(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await rate_and_finish(pilot, 7, 3)
        text = shown_text(screen.query_one("#distress", Static))
        assert "Distress before: 7" in text and "after: 3" in text
        assert "That is 4 points lower than when you started." in text
        assert "just for you" in text
        for judging in ("well done", "great", "good job", "worse", "failed", "better"):
            assert judging not in text.casefold()
        assert not screen.query("#still-high"), "nothing to offer when it eased"
    (entry,) = store.entries()
    assert entry["category"] == "grounding"
    assert (entry["answers"]["distress_before"], entry["answers"]["distress_after"]) == (7, 3)
    assert grounding_sessions(store.iter_entries())[0].drop == 4

    store = store_factory()  # a restart: the progress screen reads it back from disk
    app = WorkbookApp(store, catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, GroundingProgressScreen) and app.screen.loaded,
                       what="progress")
        text = screen_text(app)
        assert "Across 1 session with both ratings, your distress was on average 4 points lower" in text
        assert NO_CHART_YET in text and not app.screen.query("#gp-chart")
        assert "Steady breaths: not enough sessions yet (1 session" in text
        row = [str(cell) for cell in app.screen.query_one(DataTable).get_row_at(0)]
        assert row[1:] == ["Steady breaths", "7 → 3", "4 points lower"]


async def test_still_high_gently_offers_people_to_contact(fixture_dir, store_factory):
    app = WorkbookApp(store_factory(), catalog_with_steady(fixture_dir))
    async with app.run_test(size=SIZE) as pilot:
        screen = await rate_and_finish(pilot, 6, 8)
        assert isinstance(app.screen, CompletionScreen), "offered, never opened for them"
        text = shown_text(screen.query_one("#distress", Static))
        assert "2 points higher than when you started" in text and "that is all right" in text
        assert "still very hard" in screen_text(app)
        await click(pilot, "#offer-crisis")
        assert isinstance(app.screen, CrisisScreen)
        await pilot.press("escape")
        assert app.screen is screen
        await click(pilot, "#offer-grounding")
        await wait_for(pilot, lambda: isinstance(app.screen, GroundingPicker), what="the picker")


async def test_unchanged_at_five_is_offered_too_but_eased_to_six_is_not(fixture_dir, store_factory):
    app = WorkbookApp(store_factory(), catalog_with_steady(fixture_dir))
    async with app.run_test(size=SIZE) as pilot:
        screen = await rate_and_finish(pilot, 5, 5)
        assert "The same as when you started" in shown_text(screen.query_one("#distress", Static))
        assert screen.query("#still-high")
        app.go_home()
        await pilot.pause()
        screen = await rate_and_finish(pilot, 8, 6)
        assert not screen.query("#still-high")


def seed_sessions(store, count: int = 8) -> None:
    now = datetime(2026, 5, 20, 9, 0).astimezone()
    records = []
    for i in range(count):
        exercise, title = ("box-breathing", "Box breathing") if i % 4 else ("orienting", "Here and now")
        when = now - timedelta(days=count - i)
        records.append({
            "exercise_id": exercise, "exercise_version": 1, "exercise_title": title, "category": "grounding",
            "started_at": when.isoformat(timespec="seconds"), "finished_at": when.isoformat(timespec="seconds"),
            "answers": {"distress_before": 8, "distress_after": 8 - i % 5},
            "prompts": {"distress_before": "Before?", "distress_after": "After?"},
            "step_types": {}, "score": None, "tags": [], "private": False,
        })
    records.append({**records[0], "exercise_id": "trigger-journal", "category": "journaling",
                    "exercise_title": "Trigger journal", "finished_at": now.isoformat(timespec="seconds")})
    store.import_entries(records)


async def test_progress_shows_a_chart_a_sentence_and_what_helps_most(fixture_catalog, store_factory):
    store = store_factory()
    seed_sessions(store)
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, GroundingProgressScreen) and app.screen.loaded,
                       what="progress")
        screen = app.screen
        assert screen.query("#gp-chart"), "a chart once there are sessions to draw"
        assert screen.finding.startswith("Across 8 sessions with both ratings")
        techniques = shown_text(screen.query_one("#gp-techniques", Static))
        # Box breathing: drops 1, 2, 3, 0, 1, 2 -> 1.5 over 6; Here and now: only 2 sessions.
        assert "Box breathing: 1.5 points lower on average, over 6 sessions" in techniques
        assert "Here and now: not enough sessions yet (2 sessions" in techniques
        table = screen.query_one(DataTable)
        assert table.row_count == 8, "grounding sessions only"
        assert [str(c) for c in table.get_row_at(0)][1:] == ["Box breathing", "8 → 6", "2 points lower"]
        table.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryScreen), what="the session itself")
        assert "Box breathing" in screen_text(app)


async def test_progress_with_nothing_yet_says_so_plainly(fixture_catalog, store_factory):
    app = WorkbookApp(store_factory(), fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        app.action_grounding_progress()
        await wait_for(pilot, lambda: isinstance(app.screen, GroundingProgressScreen) and app.screen.loaded,
                       what="progress")
        text = screen_text(app)
        assert "No grounding sessions yet" in text and "F3" in text
        assert app.screen.query_one(DataTable).row_count == 0


def test_the_chart_library_is_never_imported_at_start():
    code = (
        "import sys; import workbook.tui.app, workbook.tui.screens.home; "
        "print(sorted(m for m in sys.modules if 'plotext' in m))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


async def test_many_sessions_come_a_page_at_a_time(fixture_catalog, store_factory):
    store = store_factory()
    seed_sessions(store, 150)
    app = WorkbookApp(store, fixture_catalog)
    async with app.run_test(size=SIZE) as pilot:
        app.action_grounding_progress()
        await wait_for(pilot, lambda: isinstance(app.screen, GroundingProgressScreen) and app.screen.loaded,
                       what="progress")
        table = app.screen.query_one(DataTable)
        assert table.row_count == 100
        chart = app.screen.query_one("#gp-chart")
        # The chart is drawn at its laid-out size: on a busy machine that can be a frame later.
        await wait_for(pilot, lambda: "each week, on average" in str(chart.plt.build()), what="the chart's title")
        table.move_cursor(row=table.row_count - 1)
        await wait_for(pilot, lambda: table.row_count == 150, what="the rest of the sessions")
        last = [str(c) for c in table.get_row_at(149)]
        assert last[0] == app.screen.sessions[149].finished_at[:16].replace("T", " ")
