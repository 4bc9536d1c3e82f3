"""score_answers: sum, mean, reverse items, prorating and every band boundary."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.content.loader import read_exercise
from workbook.content.models import Exercise
from workbook.engine import Run, score_answers

# Four items on 0-3, item `d` reverse-scored; total 0-12.
CHECK_IN = """\
id: check-in
title: Check-in
category: check-in
summary: Four scored items.
minutes: 2
scoring:
  method: {method}
  prorate_missing: {prorate}
  bands:
    - {{min: 0, max: 4, label: minimal}}
    - {{min: 5, max: 8, label: some}}
    - {{min: 9, max: 12, label: a lot}}
steps:
  - {{id: intro, type: info, text: Four questions.}}
  - id: a
    type: choice
    prompt: First?
    scored: true
    options:
      - {{label: Not at all, value: 0}}
      - {{label: Several days, value: 1}}
      - {{label: More than half the days, value: 2}}
      - {{label: Nearly every day, value: 3}}
  - {{id: b, type: scale, prompt: Second?, min: 0, max: 3, scored: true}}
  - {{id: c, type: scale, prompt: Third?, min: 0, max: 3, scored: true}}
  - {{id: d, type: scale, prompt: Fourth (reversed)?, min: 0, max: 3, scored: true, reverse: true}}
  - {{id: note, type: text, prompt: Anything else?}}
"""


def load(tmp_path: Path, method: str = "sum", prorate: int = 0) -> Exercise:
    path = tmp_path / f"check-in-{method}-{prorate}.yaml"
    path.write_text(CHECK_IN.format(method=method, prorate=prorate), encoding="utf-8")
    loaded = read_exercise(path)
    assert loaded.problems == [], [str(p) for p in loaded.problems]
    return loaded.exercise


def test_an_exercise_without_scoring_has_no_score(tmp_path: Path) -> None:
    path = tmp_path / "plain.yaml"
    path.write_text("id: p\ntitle: P\ncategory: goals\nsummary: S\nminutes: 1\n"
                    "steps:\n  - {id: a, type: scale, prompt: Hi}\n", encoding="utf-8")
    assert score_answers(read_exercise(path).exercise, {"a": 3}) is None


@pytest.mark.parametrize(("answers", "total", "band"), [
    ({"a": "Not at all", "b": 0, "c": 0, "d": 3}, 0, "minimal"),
    ({"a": "Several days", "b": 1, "c": 1, "d": 2}, 4, "minimal"),
    ({"a": "Several days", "b": 1, "c": 2, "d": 2}, 5, "some"),
    ({"a": "More than half the days", "b": 2, "c": 2, "d": 1}, 8, "some"),
    ({"a": "More than half the days", "b": 2, "c": 3, "d": 1}, 9, "a lot"),
    ({"a": "Nearly every day", "b": 3, "c": 3, "d": 0}, 12, "a lot"),
])
def test_sum_with_a_reverse_item_at_every_band_boundary(tmp_path: Path, answers, total, band) -> None:
    score = score_answers(load(tmp_path), answers)
    assert (score.total, score.band.label, score.items, score.answered, score.prorated) == (total, band, 4, 4, False)
    assert score.as_record() == {"total": total, "band": band, "items": 4, "answered": 4, "prorated": False}


def test_a_reverse_item_counts_low_plus_high_minus_value(tmp_path: Path) -> None:
    exercise = load(tmp_path)
    base = {"a": "Not at all", "b": 0, "c": 0}
    assert [score_answers(exercise, base | {"d": d}).total for d in (0, 1, 2, 3)] == [3, 2, 1, 0]


def test_a_reverse_scored_choice_uses_its_own_values(tmp_path: Path) -> None:
    text = CHECK_IN.format(method="sum", prorate=0).replace("    scored: true\n    options:",
                                                             "    scored: true\n    reverse: true\n    options:")
    path = tmp_path / "reverse-choice.yaml"
    path.write_text(text, encoding="utf-8")
    exercise = read_exercise(path).exercise
    zeros = {"b": 0, "c": 0, "d": 3}
    assert score_answers(exercise, zeros | {"a": "Not at all"}).total == 3
    assert score_answers(exercise, zeros | {"a": "Nearly every day"}).total == 0


def test_mean(tmp_path: Path) -> None:
    exercise = load(tmp_path, method="mean")
    score = score_answers(exercise, {"a": "Several days", "b": 2, "c": 2, "d": 3})  # 1, 2, 2, 0
    assert score.total == 1.25 and score.band.label == "minimal"


@pytest.mark.parametrize(("prorate", "missing", "expected"), [
    (0, 0, (8, 4, False)),
    (0, 1, None),
    (1, 1, (7, 3, True)),  # without c: 2 + 2 + 1 = 5 from 3 items -> 5 * 4 / 3 = 6.67 -> 7
    (1, 2, None),
    (2, 2, (6, 2, True)),  # without c and b: 2 + 1 = 3 from 2 items -> 6
    (2, 3, None),
])
def test_prorating_with_missing_items(tmp_path: Path, prorate, missing, expected) -> None:
    exercise = load(tmp_path, prorate=prorate)
    answers = {"c": 3, "b": 2, "a": "More than half the days", "d": 2}  # 3 + 2 + 2 + (3 - 2) = 8
    for step_id in list(answers)[:missing]:
        del answers[step_id]
    score = score_answers(exercise, answers)
    if expected is None:
        assert score is None
    else:
        assert (score.total, score.answered, score.prorated) == expected
        assert score.items == 4


def test_prorating_rounds_half_up(tmp_path: Path) -> None:
    exercise = load(tmp_path, prorate=2)
    # 3 from 2 items -> 3 * 4 / 2 = 6 exactly; 1 + 0 = 1 -> 2; "Several days" + 2 = 3 -> 6.
    assert score_answers(exercise, {"a": "Several days", "b": 2}).total == 6
    # 5 from 3 items -> 6.67 -> 7; 2 from 3 items -> 2.67 -> 3
    assert score_answers(exercise, {"a": "Several days", "b": 2, "c": 2}).total == 7
    assert score_answers(exercise, {"a": "Several days", "b": 1, "c": 0}).total == 3


def test_an_own_words_answer_counts_as_missing(tmp_path: Path) -> None:
    exercise = load(tmp_path, prorate=1)
    score = score_answers(exercise, {"a": "something else", "b": 3, "c": 3, "d": 0})
    assert (score.total, score.answered, score.prorated) == (12, 3, True)


def test_a_total_outside_every_band_has_no_band(tmp_path: Path) -> None:
    text = CHECK_IN.format(method="sum", prorate=0).replace("{min: 9, max: 12, label: a lot}",
                                                             "{min: 9, max: 10, label: a lot}")
    path = tmp_path / "short-bands.yaml"
    path.write_text(text, encoding="utf-8")
    score = score_answers(read_exercise(path).exercise, {"a": "Nearly every day", "b": 3, "c": 3, "d": 0})
    assert score.total == 12 and score.band is None and score.as_record()["band"] is None


def test_a_run_records_its_score(tmp_path: Path) -> None:
    run = Run(load(tmp_path))
    for value in (None, "Several days", 1, 2, 2, "fine"):
        run.answer(value)
        run.next()
    assert run.is_complete
    assert run.record()["score"] == {"total": 5, "band": "some", "items": 4, "answered": 4, "prorated": False}


def test_a_hidden_scored_item_is_not_counted(tmp_path: Path) -> None:
    text = CHECK_IN.format(method="sum", prorate=0).replace(
        "  - {id: d, type: scale, prompt: Fourth (reversed)?, min: 0, max: 3, scored: true, reverse: true}",
        "  - {id: d, type: scale, prompt: Fourth?, min: 0, max: 3, scored: true, reverse: true,"
        " when: {step: a, at_least: 1}}")
    path = tmp_path / "hidden.yaml"
    path.write_text(text, encoding="utf-8")
    exercise = read_exercise(path).exercise
    assert exercise is not None
    assert score_answers(exercise, {"a": "Not at all", "b": 1, "c": 1}).items == 3
    assert score_answers(exercise, {"a": "Several days", "b": 1, "c": 1, "d": 3}).items == 4
