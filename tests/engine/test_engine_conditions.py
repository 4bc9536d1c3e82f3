"""`when` conditions as a Run sees them: each test, combined tests, and numbers written as labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.content.loader import read_exercise
from workbook.engine import Run

CONDITIONS = """\
id: conditions
title: Conditions
category: check-in
summary: One follow-up per kind of test.
minutes: 2
steps:
  - {id: size, type: choice, prompt: How many?, options: [1, 2, 3]}
  - {id: mood, type: scale, prompt: Mood?}
  - {id: tags, type: checklist, prompt: Tags?, items: [Ate, Slept]}
  - {id: words, type: text, prompt: Words?}
  - {id: is_two, type: info, text: Two., when: {step: size, equals: 2}}
  - {id: not_one, type: info, text: Not one., when: {step: size, not_equals: "1"}}
  - {id: small, type: info, text: Small., when: {step: size, one_of: [1, "2"]}}
  - {id: low, type: info, text: Low., when: {step: mood, at_most: 3}}
  - {id: high, type: info, text: High., when: {step: mood, at_least: 7}}
  - {id: slept, type: info, text: Slept., when: {step: tags, includes: SLEPT}}
  - {id: silent, type: info, text: Nothing said., when: {step: words, answered: false}}
  - id: both
    type: info
    text: Both.
    when:
      all:
        - {step: mood, at_least: 5}
        - any:
            - {step: tags, includes: ate}
            - {step: words, answered: true}
"""


@pytest.fixture(scope="module")
def exercise(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("conditions") / "conditions.yaml"
    path.write_text(CONDITIONS, encoding="utf-8")
    loaded = read_exercise(path)
    assert loaded.problems == [], [str(p) for p in loaded.problems]
    return loaded.exercise


def shown(exercise, **answers) -> set[str]:
    questions = {"size", "mood", "tags", "words"}
    return {s.id for s in Run(exercise, answers=answers).visible_steps()} - questions


def test_labels_written_as_numbers_compare_with_numbers(exercise) -> None:
    assert [o.label for o in exercise.step("size").options] == ["1", "2", "3"]
    assert {"is_two", "not_one", "small"} <= shown(exercise, size="2")
    assert shown(exercise, size="3") & {"is_two", "not_one", "small"} == {"not_one"}
    assert "not_one" not in shown(exercise, size="1") and "small" in shown(exercise, size="1")


@pytest.mark.parametrize(("mood", "expected"), [(0, {"low"}), (3, {"low"}), (4, set()), (6, set()), (7, {"high"})])
def test_at_least_and_at_most_are_inclusive(exercise, mood, expected) -> None:
    assert shown(exercise, mood=mood, words="x") & {"low", "high"} == expected


def test_includes_ignores_case_and_answered_false_means_skipped(exercise) -> None:
    assert "slept" in shown(exercise, tags=["Slept"])
    assert "slept" not in shown(exercise, tags=["Ate"])
    assert "silent" in shown(exercise)
    assert "silent" not in shown(exercise, words="something")


def test_a_test_on_an_unanswered_step_is_false(exercise) -> None:
    assert shown(exercise) == {"silent"}


def test_all_and_any_combine(exercise) -> None:
    assert "both" in shown(exercise, mood=5, tags=["Ate"])
    assert "both" in shown(exercise, mood=9, words="hello")
    assert "both" not in shown(exercise, mood=4, tags=["Ate"])
    assert "both" not in shown(exercise, mood=9, tags=["Slept"])
