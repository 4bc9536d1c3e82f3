"""Projector mode: one exercise for a room, moved on by keys, big timers and pacer, nothing saved."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Digits

from workbook.tui.screens.group import GroupApp, GroupBreathing, GroupScreen, GroupTimer

from .helpers import screen_text, wait_for

BIG = (120, 36)  # a projector: a wide terminal with a large font


def shown(app: GroupApp) -> str:
    return screen_text(app)


async def test_keys_lead_the_room_through_every_step_and_back(fixture_catalog, data_dir: Path):
    exercise = fixture_catalog.exercises["all-steps"]
    app = GroupApp(exercise)
    async with app.run_test(size=BIG) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupScreen)
        assert "Every kind of step" in shown(app) and "12 steps" in shown(app)
        seen_prompts = []
        for step in exercise.steps:
            await pilot.press("right")
            assert "of 12" in shown(app)
            if step.prompt:
                assert step.prompt in shown(app), step.id
                seen_prompts.append(step.id)
        await pilot.press("right")
        assert "The end" in shown(app) and "Nothing from this session was saved" in shown(app)
        await pilot.press("left")
        assert "Are you thinking of hurting yourself right now?" in shown(app), "back from the end"
        await pilot.press("left", "left")
        assert isinstance(screen.timed, GroupTimer)
        assert len(seen_prompts) == 11


async def test_options_scales_and_lists_are_shown_for_the_room(fixture_catalog):
    app = GroupApp(fixture_catalog.exercises["all-steps"])
    async with app.run_test(size=BIG) as pilot:
        await pilot.press("right", "right")  # intro -> welcome -> feeling (scale)
        assert "From 0 (calm) to 10 (very strong)" in shown(app)
        await pilot.press("right", "right", "right")  # what, story, where
        assert "Home" in shown(app) and "Work" in shown(app)
        await pilot.press("right", "right", "right")  # mood, body, see
        assert "Think of 3" in shown(app)
        await pilot.press("right")  # care
        assert "Water" in shown(app) and "Fresh air" in shown(app)


SLOW_BREATH = """\
id: slow-breath
title: Slow breathing together
category: grounding
summary: Breathe in for four and out for four.
minutes: 1
steps:
  - {id: breathe, type: breathing, prompt: Breathe with the shape., pattern: 4-4, cycles: 2}
"""


async def test_space_starts_and_pauses_the_big_pacer(tmp_path: Path):
    from workbook.content.loader import parse_exercise

    exercise = parse_exercise(SLOW_BREATH, tmp_path / "slow.yaml").exercise
    app = GroupApp(exercise)
    async with app.run_test(size=BIG) as pilot:
        pacer = app.screen.timed  # no intro: the first step shows at once
        assert isinstance(pacer, GroupBreathing)
        assert pacer.query_one(".timed-buttons").styles.display == "none", "keys drive it, not buttons"
        assert pacer.query_one(Digits).value == ""
        await pilot.press("space")
        assert pacer.running and pacer.query_one(Digits).value == "1", "the count, in big digits"
        await pilot.press("space")
        assert not pacer.running and "Paused" in shown(app)
        await pilot.press("space")
        assert pacer.running
        full, empty = pacer.shape(1.0, 100), pacer.shape(0.0, 100)
        assert len(full) == GroupBreathing.ROWS and max(line.count("█") for line in full) == 100, "wide and tall"
        assert max(line.count("█") for line in empty) < 10, "and small at the bottom of a breath"


async def test_a_big_timer_counts_down_in_digits(fixture_catalog):
    app = GroupApp(fixture_catalog.exercises["all-steps"])
    async with app.run_test(size=BIG) as pilot:
        for _ in range(10):
            await pilot.press("right")
        timer = app.screen.timed
        assert isinstance(timer, GroupTimer) and timer.query_one(Digits).value == "00:01"
        await pilot.press("space")
        await wait_for(pilot, lambda: timer.finished, timeout=10, what="the timer")
        assert timer.query_one(Digits).value == "00:00"
        await wait_for(pilot, lambda: "Time is up" in shown(app), what="the word to the room")


async def test_escape_twice_ends_and_nothing_is_written(fixture_catalog, data_dir: Path, tmp_path: Path):
    before = sorted(p for p in tmp_path.rglob("*"))
    app = GroupApp(fixture_catalog.exercises["short-one"])
    async with app.run_test(size=BIG) as pilot:
        assert not hasattr(app, "store")
        await pilot.press("right", "escape")
        assert "Press Escape again" in shown(app) and not app._exit
        await pilot.press("right")  # carries on instead
        await pilot.press("escape", "escape")
        await wait_for(pilot, lambda: app._exit, what="the end")
    assert sorted(p for p in tmp_path.rglob("*")) == before


async def test_crisis_help_is_one_key_away_in_group_mode(fixture_catalog):
    from workbook.tui.screens.crisis import CrisisScreen

    app = GroupApp(fixture_catalog.exercises["short-one"])
    async with app.run_test(size=BIG) as pilot:
        await pilot.press("f2")
        assert isinstance(app.screen, CrisisScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, GroupScreen)
