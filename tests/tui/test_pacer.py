"""The breathing pacer: phases in order and on time (from a controllable clock and from
the real one), no drift however late a redraw comes, reduced motion, and its setting."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Button, Static

from workbook.content.catalog import load_catalog
from workbook.tui import app as app_module
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.screens.grounding import GroundingPicker
from workbook.tui.widgets.timed import BreathingInput, environment_wants_less_motion

from .helpers import SIZE, shown_text, type_text, wait_for

PACE_YAML = """\
id: pace
title: Paced breathing
category: grounding
summary: Breathe with the count.
minutes: 1
steps:
  - id: breathe
    type: breathing
    pattern: {pattern}
    cycles: {cycles}
  - id: after
    type: text
    prompt: How was that?
"""

OTHER_YAML = """\
id: other
title: Something else
category: grounding
summary: Another one.
minutes: 1
steps:
  - id: words
    type: text
    prompt: Anything?
"""

SHAPE = set("█▄▀")


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class RecordingApp(WorkbookApp):
    """The real app, noting each phase change the pacer reports."""

    CSS_PATH = str(Path(app_module.__file__).parent / "app.tcss")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.phases: list[BreathingInput.PhaseChanged] = []
        self.phase_walls: list[float] = []

    def on_breathing_input_phase_changed(self, message: BreathingInput.PhaseChanged) -> None:
        self.phases.append(message)
        self.phase_walls.append(time.monotonic())


def catalog_with(tmp_path: Path, pattern: str = "2-1-3-1", cycles: int = 2):
    folder = tmp_path / "pacer-exercises"
    folder.mkdir(exist_ok=True)
    (folder / "pace.yaml").write_text(PACE_YAML.format(pattern=pattern, cycles=cycles), encoding="utf-8")
    (folder / "other.yaml").write_text(OTHER_YAML, encoding="utf-8")
    (folder / "third.yaml").write_text(OTHER_YAML.replace("other", "third"), encoding="utf-8")
    catalog = load_catalog([folder], include_builtin=False)
    assert not catalog.problems, catalog.problems
    return catalog


async def open_pacer(pilot) -> BreathingInput:
    pilot.app.open_exercise("pace")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExerciseScreen) and pilot.app.screen.input is not None,
                   what="the pacer")
    return pilot.app.screen.query_one(BreathingInput)


def face(pacer: BreathingInput) -> str:
    return shown_text(pacer.query_one(".timed-face", Static))


async def test_phases_in_order_and_on_time_with_a_controlled_clock(tmp_path, store_factory):
    app = RecordingApp(store_factory(), catalog_with(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        pacer = await open_pacer(pilot)
        clock = FakeClock()
        pacer.clock = clock
        started = clock.now
        pacer.start()
        seen: dict[float, str] = {}
        step = 0.25
        for tick in range(int(14 / step) + 1):
            clock.now = started + tick * step
            pacer.update()
            seen[tick * step] = face(pacer)
        await pilot.pause()
        assert [(m.cycle, m.phase) for m in app.phases] == [
            (1, "in"), (1, "hold"), (1, "out"), (1, "hold"), (2, "in"), (2, "hold"), (2, "out"), (2, "hold"),
        ]
        assert [m.due for m in app.phases] == [0, 2, 3, 6, 7, 9, 10, 13]
        assert all(0 <= m.shown - m.due < step for m in app.phases)
        assert seen[0.5].startswith("Breathe in  1") and seen[1.5].startswith("Breathe in  2")
        assert seen[2.5].startswith("Hold  1")
        assert seen[5.5].startswith("Breathe out  3")
        assert "Round 2 of 2" in seen[7.0]
        assert pacer.finished and pacer.value == {"completed": True, "seconds": 14}
        assert "last round" in seen[14.0]
        assert str(pacer.query_one("#start", Button).label) == "Again"


async def test_late_redraws_never_add_up(tmp_path, store_factory):
    """Each redraw is late by up to 40 ms, as on a busy machine. Because every wake is
    worked out from the start, the last phase is as punctual as the first; adding up
    intervals would have it about 2 seconds late by now (more than 150 redraws)."""
    app = WorkbookApp(store_factory(), catalog_with(tmp_path, "4-4-4-4", 4))
    async with app.run_test(size=SIZE) as pilot:
        pacer = await open_pacer(pilot)
        clock = FakeClock()
        pacer.clock = clock
        pacer.banked, pacer.started_at = 0.0, clock.now  # running, without real redraws
        rng = random.Random(4)
        lateness: list[float] = []
        wakes = 0
        last = (1, 0)  # the first phase is drawn the moment it starts
        while pacer.elapsed < pacer.total_seconds:
            clock.now += pacer.wake_in() + rng.uniform(0, 0.04)
            wakes += 1
            cycle, _, index, _, _ = pacer.where()
            if (cycle, index) != last:
                last = (cycle, index)
                lateness.append(pacer.elapsed - pacer.phase_start(cycle, index))
        pacer.started_at = None
        assert wakes > 150 and len(lateness) == 15
        assert max(lateness) <= 0.04, lateness
        assert lateness[-1] <= 0.04


async def test_reduced_motion_shows_words_and_counts_and_nothing_moves(tmp_path, store_factory):
    store = store_factory()
    store.set_setting("reduced_motion", True)
    app = WorkbookApp(store, catalog_with(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        pacer = await open_pacer(pilot)
        assert pacer.reduced_motion
        clock = FakeClock()
        pacer.clock = clock
        started = clock.now
        pacer.start()
        faces = []
        for at in (0.2, 0.5, 0.8):
            clock.now = started + at
            pacer.update()
            faces.append(face(pacer))
        assert faces[0] == faces[1] == faces[2] == "Breathe in  ·  1 of 2\nRound 1 of 2"
        assert not SHAPE & set("".join(faces))
        clock.now = started + 0.3
        assert pacer.wake_in() == pytest.approx(0.7)  # only at whole seconds: no frames to draw
        clock.now = started + 1.1
        pacer.update()
        assert face(pacer).startswith("Breathe in  ·  2 of 2")


async def test_full_motion_animates_the_shape(tmp_path, store_factory):
    app = WorkbookApp(store_factory(), catalog_with(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        pacer = await open_pacer(pilot)
        assert not pacer.reduced_motion
        clock = FakeClock()
        pacer.clock = clock
        started = clock.now
        pacer.start()
        widths = []
        for at in (0.2, 1.0, 1.8, 2.5, 4.5):  # growing in, full while holding, shrinking out
            clock.now = started + at
            pacer.update()
            widths.append(face(pacer).split("\n")[2].count("█"))
        assert widths[0] < widths[1] < widths[2] <= widths[3]
        assert widths[4] < widths[3]
        clock.now = started + 0.33
        assert pacer.wake_in() == pytest.approx(0.07)  # the next frame


def test_the_environment_can_ask_for_less_motion():
    assert environment_wants_less_motion("none", {}) and environment_wants_less_motion("basic", {})
    assert not environment_wants_less_motion("full", {})
    assert environment_wants_less_motion("full", {"NO_MOTION": "1"})
    assert environment_wants_less_motion("full", {"REDUCE_MOTION": "yes"})
    assert not environment_wants_less_motion("full", {"REDUCE_MOTION": "0", "NO_MOTION": "false"})


async def test_reduced_motion_defaults_to_the_environment_until_the_person_chooses(tmp_path, store_factory):
    store = store_factory()
    app = WorkbookApp(store, catalog_with(tmp_path))
    app.animation_level = "none"  # what TEXTUAL_ANIMATIONS=none gives
    async with app.run_test(size=SIZE) as pilot:
        pacer = await open_pacer(pilot)
        assert pacer.reduced_motion and store.get_setting("reduced_motion") is None
        store.set_setting("reduced_motion", False)
    app = WorkbookApp(store, catalog_with(tmp_path))
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        assert not (await open_pacer(pilot)).reduced_motion, "the person's choice wins"


async def test_m_switches_motion_and_the_choice_survives_a_restart(tmp_path, store_factory):
    store = store_factory()
    app = WorkbookApp(store, catalog_with(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        pacer = await open_pacer(pilot)
        assert app.focused is pacer.query_one("#start")
        assert "Press m for words only" in face(pacer)
        await pilot.press("m")
        assert pacer.reduced_motion and store.get_setting("reduced_motion") is True
        assert any("words and counts only" in n.message for n in app._notifications)
        await pilot.click("#start")
        await pilot.pause(0.2)
        assert not SHAPE & set(face(pacer))
    store = store_factory()  # a restart
    app = WorkbookApp(store, catalog_with(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        pacer = await open_pacer(pilot)
        assert pacer.reduced_motion
        assert "Press m to show a moving shape" in face(pacer)
        await pilot.press("m")
        assert not pacer.reduced_motion and store.get_setting("reduced_motion") is False


async def test_the_palette_switches_reduced_motion(tmp_path, store_factory):
    store = store_factory()
    app = WorkbookApp(store, catalog_with(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), what="the palette")
        await type_text(pilot, "reduced motion")
        await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count > 0, what="hits")
        assert "turn on" in str(app.screen.query_one(CommandList).highlighted_option.prompt)
        await pilot.press("enter")
        await wait_for(pilot, lambda: store.get_setting("reduced_motion") is True, what="the setting")


async def test_the_pacer_waits_while_grounding_is_open_over_it(tmp_path, store_factory):
    store = store_factory()
    app = WorkbookApp(store, catalog_with(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        pacer = await open_pacer(pilot)
        await pilot.click("#start")
        assert pacer.running
        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(app.screen, GroundingPicker), what="the picker")
        await wait_for(pilot, lambda: not pacer.running, what="the pacer to pause")
        kept = pacer.elapsed
        assert 0 < kept < 1.5
        assert store.get_draft("pace")["answers"]["breathe"]["completed"] is False
        await pilot.pause(0.3)
        assert pacer.elapsed == kept, "no time passes while it waits"
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen.query_one(BreathingInput) is pacer, what="the exercise")
        assert "(paused)" in face(pacer) and str(pacer.query_one("#start", Button).label) == "Resume"
