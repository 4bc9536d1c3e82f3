"""Table tests for scored check-ins: the shipped weekly check-in and the example
questionnaires (docs/examples), at every band boundary, with reverse items and with
0, 1 and 2 answers missing; and a safety answer whatever the total."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.content.catalog import load_catalog
from workbook.content.loader import load_file
from workbook.content.models import ChoiceStep, Exercise
from workbook.engine import Run, score_answers

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"

# The weekly check-in's answers, by value; `overwhelmed` and `on_edge` count the other way round.
LABELS = ["Not at all", "Rarely", "Some of the time", "Often", "Nearly all the time"]
ITEMS = ["calm", "overwhelmed", "sleep", "connected", "on_edge", "handled"]
REVERSED = {"overwhelmed", "on_edge"}


@pytest.fixture(scope="module")
def weekly() -> Exercise:
    return load_catalog().get("weekly-check-in")


def counted(points: dict[str, int]) -> dict[str, str]:
    """Answers that make each item count `points` (a reversed item is answered 4 - points)."""
    return {item: LABELS[4 - p if item in REVERSED else p] for item, p in points.items()}


def spread(total: int, items: list[str] = ITEMS, top: int = 4) -> dict[str, int]:
    """Points per item adding up to `total`, filled from the first item."""
    points, left = {}, total
    for item in items:
        points[item] = min(top, left)
        left -= points[item]
    assert left == 0
    return points


def test_the_weekly_check_in_is_ours_and_safe(weekly) -> None:
    assert weekly.category == "check-in"
    assert weekly.scoring.method == "sum" and weekly.scoring.prorate_missing == 1
    scored = [s.id for s in weekly.steps if getattr(s, "scored", False)]
    assert scored == ITEMS
    assert {s.id for s in weekly.steps if getattr(s, "reverse", False)} == REVERSED
    safety = weekly.step("safety")
    assert isinstance(safety, ChoiceStep) and safety.safety is True and not safety.scored


@pytest.mark.parametrize(("total", "band"), [
    (0, "a heavy week"), (8, "a heavy week"),
    (9, "a mixed week"), (16, "a mixed week"),
    (17, "a lighter week"), (24, "a lighter week"),
])
def test_weekly_check_in_at_every_band_boundary(weekly, total, band) -> None:
    score = score_answers(weekly, counted(spread(total)))
    assert (score.total, score.band.label, score.answered, score.prorated) == (total, band, 6, False)


@pytest.mark.parametrize(("answer", "counts"), [
    ("Not at all", 4), ("Rarely", 3), ("Some of the time", 2), ("Often", 1), ("Nearly all the time", 0),
])
@pytest.mark.parametrize("item", sorted(REVERSED))
def test_reverse_items_count_the_other_way_round(weekly, item, answer, counts) -> None:
    others = {i: "Not at all" for i in ITEMS if i not in REVERSED}
    others |= {i: "Nearly all the time" for i in REVERSED if i != item}  # reversed: count 0
    assert score_answers(weekly, others | {item: answer}).total == counts


@pytest.mark.parametrize(("missing", "answered", "expected"), [
    ([], {i: 2 for i in ITEMS}, 12),
    (["sleep"], {i: 2 for i in ITEMS if i != "sleep"}, 12),  # 10 from 5 items, scaled to 6: 12
    (["sleep"], {"calm": 4, "overwhelmed": 4, "connected": 4, "on_edge": 4, "handled": 1}, 20),  # 17*6/5=20.4
    (["calm"], {"overwhelmed": 1, "sleep": 1, "connected": 1, "on_edge": 1, "handled": 1}, 6),
    (["on_edge"], {"calm": 1, "overwhelmed": 1, "sleep": 1, "connected": 1, "handled": 3}, 8),  # 7*6/5=8.4
    (["sleep", "calm"], {i: 2 for i in ITEMS if i not in ("sleep", "calm")}, None),
])
def test_missing_answers(weekly, missing, answered, expected) -> None:
    score = score_answers(weekly, counted(answered))
    if expected is None:
        assert score is None, "with two answers missing there is no total"
        return
    assert score.total == expected
    assert score.prorated == bool(missing) and score.answered == 6 - len(missing)


def test_one_missing_answer_can_move_the_total_across_a_band(weekly) -> None:
    # 7 from five items is 8.4, rounded to 8: still the lowest band; 8 from five is 9.6 -> 10.
    assert score_answers(weekly, counted(spread(7, ITEMS[:5]))).band.label == "a heavy week"
    assert score_answers(weekly, counted(spread(8, ITEMS[:5]))).band.label == "a mixed week"


@pytest.mark.parametrize("answer", ["Once or twice", "Several times", "Most days"])
def test_any_non_zero_safety_answer_signals_even_with_the_lowest_total(weekly, answer) -> None:
    run = Run(weekly)
    run.answers.update(counted(spread(0)))
    run.position = [s.id for s in weekly.steps].index("safety")
    outcome = run.answer(answer)
    assert outcome.safety
    assert run.score().total == 0, "the safety question is not part of the total"


def test_no_signal_for_no(weekly) -> None:
    run = Run(weekly)
    run.position = [s.id for s in weekly.steps].index("safety")
    assert not run.answer("No").safety


# -- the example questionnaires (docs/examples) ----------------------------------------------------
FREQUENCY = ["Not at all", "Several days", "More than half the days", "Nearly every day"]


def example(name: str) -> Exercise:
    exercise, problems = load_file(EXAMPLES / f"{name}.yaml")
    assert exercise is not None and problems == [], [str(p) for p in problems]
    return exercise


def answers_for(exercise: Exercise, total: int) -> dict[str, str]:
    items = [s.id for s in exercise.steps if getattr(s, "scored", False)]
    return {item: FREQUENCY[p] for item, p in spread(total, items, top=3).items()}


PHQ9_BOUNDARIES = [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
                   (15, "moderately severe"), (19, "moderately severe"), (20, "severe"), (27, "severe")]
GAD7_BOUNDARIES = [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
                   (15, "severe"), (21, "severe")]


@pytest.mark.parametrize(("name", "total", "band"),
                         [("phq-9", t, b) for t, b in PHQ9_BOUNDARIES] + [("gad-7", t, b) for t, b in GAD7_BOUNDARIES])
def test_example_questionnaires_at_every_published_boundary(name, total, band) -> None:
    exercise = example(name)
    score = score_answers(exercise, answers_for(exercise, total))
    assert (score.total, score.band.label) == (total, band)


@pytest.mark.parametrize(("name", "items"), [("phq-9", 9), ("gad-7", 7)])
def test_example_questionnaires_missing_answers(name, items) -> None:
    exercise = example(name)
    full = {s.id: "Several days" for s in exercise.steps if getattr(s, "scored", False)}  # total = items
    first, second = list(full)[:2]
    assert score_answers(exercise, full).total == items
    one_missing = {k: v for k, v in full.items() if k != first}
    assert (score_answers(exercise, one_missing).total, score_answers(exercise, one_missing).prorated) == (items, True)
    assert score_answers(exercise, {k: v for k, v in full.items() if k not in (first, second)}) is None


def test_phq9_ninth_item_opens_crisis_help_even_when_the_total_is_low() -> None:
    exercise = example("phq-9")
    run = Run(exercise)
    run.position = [s.id for s in exercise.steps].index("self_harm")
    assert run.answer("Several days").safety
    assert score_answers(exercise, {"self_harm": "Several days"}) is None, "one answer is far too few for a total"


def test_the_workbook_ships_no_diagnostic_questionnaires() -> None:
    shipped = load_catalog().exercises
    assert "phq-9" not in shipped and "gad-7" not in shipped
    for exercise in shipped.values():
        for step in exercise.steps:
            assert "Little interest or pleasure" not in (getattr(step, "prompt", None) or "")
