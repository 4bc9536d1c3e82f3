"""The built-in grounding exercises: what the rest of the app relies on, and gentleness."""

from __future__ import annotations

import pytest

from workbook.content.catalog import load_catalog
from workbook.content.models import BreathingStep, MultiChoiceStep, ScaleStep, TimerStep
from workbook.engine import Run

CATALOG = load_catalog()
GROUNDING = {e.id: e for e in CATALOG.by_category()["grounding"]}


def test_the_techniques_the_issue_asks_for_are_all_here():
    assert {"five-senses", "box-breathing", "longer-exhale", "body-scan", "safe-place", "orienting",
            "quick-reset"} <= set(GROUNDING)
    patterns = {s.pattern for e in GROUNDING.values() for s in e.steps if isinstance(s, BreathingStep)}
    assert {"4-4-4-4", "4-6", "4-7-8"} <= patterns
    scan = next(s for s in GROUNDING["body-scan"].steps if isinstance(s, TimerStep))
    assert len(scan.cues) >= 5 and all(cue.at < scan.seconds for cue in scan.cues)
    (options,) = [s for s in GROUNDING["quick-reset"].steps if isinstance(s, MultiChoiceStep)]
    labels = " ".join(o.label for o in options.options).casefold()
    assert "cold water" in labels and "feet" in labels and "walk" in labels
    orienting = [s.id for s in GROUNDING["orienting"].steps]
    assert {"where", "today", "see"} <= set(orienting)


@pytest.mark.parametrize("exercise_id", sorted(GROUNDING))
def test_each_measures_distress_before_and_after(exercise_id):
    exercise = GROUNDING[exercise_id]
    first, last = exercise.steps[0], exercise.steps[-1]
    assert (first.id, last.id) == ("distress_before", "distress_after")
    for step in (first, last):
        assert isinstance(step, ScaleStep) and step.measure == "distress"
        assert (step.min, step.max) == (0, 10) and step.min_label and step.max_label
        assert step.when is None and step.offer_grounding_at is None


@pytest.mark.parametrize("exercise_id", sorted(GROUNDING))
def test_each_is_short_kind_skippable_with_a_way_out(exercise_id):
    exercise = GROUNDING[exercise_id]
    assert exercise.minutes <= 5
    intro = " ".join((exercise.intro or "").casefold().split())
    assert "stop" in intro and "stays on this computer" in intro
    assert exercise.closing
    assert not any(step.required for step in exercise.steps)
    for step in exercise.steps:
        if isinstance(step, (TimerStep, BreathingStep)):
            assert step.prompt
    words = " ".join([exercise.intro or "", exercise.closing or ""]).casefold()
    for unkind in ("you must", "you should", "failure", "disorder"):
        assert unkind not in words


def test_the_longer_breath_out_starts_gently_when_no_rhythm_is_chosen():
    exercise = GROUNDING["longer-exhale"]
    shown = [s.id for s in Run(exercise).visible_steps()]
    assert "breathe_4_6" in shown and "breathe_4_7_8" not in shown
    run = Run(exercise, {"rhythm": "In for 4, hold for 7, out for 8"})
    shown = [s.id for s in run.visible_steps()]
    assert "breathe_4_7_8" in shown and "breathe_4_6" not in shown
