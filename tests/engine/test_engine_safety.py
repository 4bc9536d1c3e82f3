"""Safety signals and the gentle grounding offer, straight from Run.answer()."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.content.loader import read_exercise
from workbook.content.models import Exercise
from workbook.engine import Run

SAFETY = """\
id: safety
title: Safety
category: check-in
summary: Steps with safety lines.
minutes: 2
steps:
  - id: hurt
    type: scale
    prompt: Thoughts of hurting yourself?
    min: 0
    max: 3
    safety: true
  - id: valued
    type: choice
    prompt: How often?
    options:
      - {label: Not at all, value: 0}
      - {label: Several days, value: 1}
      - {label: Nearly every day, value: 3}
    allow_other: true
    safety: true
  - id: plain
    type: choice
    prompt: Are you safe right now?
    options: [Yes, No]
    safety: {equals: "no"}
  - id: threshold
    type: scale
    prompt: How strong is the urge?
    safety: {at_least: 9}
    offer_grounding_at: 7
  - id: by_value
    type: choice
    prompt: In the last two weeks?
    options:
      - {label: Never, value: 0}
      - {label: Sometimes, value: 1}
      - {label: Often, value: 2}
    safety:
      any:
        - {at_least: 2}
        - {equals: Sometimes}
  - id: urges
    type: multi-choice
    prompt: Urges?
    options: [To drink, To hurt myself]
    safety: {includes: to hurt myself}
  - id: words
    type: text
    prompt: Anything you want to say?
  - id: calm
    type: scale
    prompt: How calm?
    offer_grounding_at: 10
"""


@pytest.fixture(scope="module")
def exercise(tmp_path_factory: pytest.TempPathFactory) -> Exercise:
    path = tmp_path_factory.mktemp("safety") / "safety.yaml"
    path.write_text(SAFETY, encoding="utf-8")
    loaded = read_exercise(path)
    assert loaded.problems == [], [str(p) for p in loaded.problems]
    return loaded.exercise


def outcome(exercise: Exercise, step_id: str, value):
    run = Run(exercise)
    run.position = [s.id for s in exercise.steps].index(step_id)
    return run.answer(value)


@pytest.mark.parametrize(("value", "crossed"), [(0, False), (1, True), (3, True), (None, False)])
def test_safety_true_on_a_scale_is_anything_above_its_lowest_point(exercise, value, crossed) -> None:
    assert outcome(exercise, "hurt", value).safety is crossed


@pytest.mark.parametrize(("value", "crossed"), [
    ("Not at all", False),
    ("not at all", False),
    ("Several days", True),
    ("Nearly every day", True),
    ("it comes and goes", True),  # an own-words answer to a safety question is taken seriously
])
def test_safety_true_on_a_choice_with_values_is_any_value_above_zero(exercise, value, crossed) -> None:
    assert outcome(exercise, "valued", value).safety is crossed


def test_a_safety_condition_on_a_choice(exercise) -> None:
    assert outcome(exercise, "plain", "No").safety is True
    assert outcome(exercise, "plain", "Yes").safety is False


@pytest.mark.parametrize(("value", "crossed", "offer"), [
    (0, False, False), (6, False, False), (7, False, True), (8, False, True), (9, True, True), (10, True, True),
])
def test_threshold_safety_and_the_grounding_offer(exercise, value, crossed, offer) -> None:
    result = outcome(exercise, "threshold", value)
    assert (result.safety, result.offer_grounding, result.value) == (crossed, offer, value)


@pytest.mark.parametrize(("value", "crossed"), [("Never", False), ("Sometimes", True), ("Often", True)])
def test_safety_conditions_combine_and_compare_option_values(exercise, value, crossed) -> None:
    assert outcome(exercise, "by_value", value).safety is crossed


def test_safety_on_a_multi_choice(exercise) -> None:
    assert outcome(exercise, "urges", ["To drink"]).safety is False
    assert outcome(exercise, "urges", ["To drink", "To hurt myself"]).safety is True


def test_steps_without_a_safety_line_never_signal(exercise) -> None:
    result = outcome(exercise, "words", "I want to hurt myself")
    assert (result.safety, result.offer_grounding) == (False, False)


def test_grounding_is_offered_at_the_threshold_and_not_below(exercise) -> None:
    assert outcome(exercise, "calm", 10).offer_grounding is True
    assert outcome(exercise, "calm", 9).offer_grounding is False
    assert outcome(exercise, "calm", None).offer_grounding is False


def test_the_builtin_trigger_journal_signals_safety_and_offers_grounding() -> None:
    from workbook.content.catalog import load_catalog

    journal = load_catalog().get("trigger-journal")
    assert outcome(journal, "intensity", 8).offer_grounding is True
    assert outcome(journal, "intensity", 7).offer_grounding is False
    assert outcome(journal, "urges", ["A craving to drink"]).safety is False
    assert outcome(journal, "urges", ["A craving to drink", "to hurt myself"]).safety is True
