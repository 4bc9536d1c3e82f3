"""Totals and bands for scored check-ins.

A score is information for the person and their therapist; the band label is the
exercise's own words (for example "mild"), never a diagnosis.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

from workbook.content.models import Band, ChoiceStep, Exercise, ScaleStep
from workbook.engine.conditions import evaluate


@dataclass(frozen=True)
class Score:
    total: float | int
    band: Band | None
    items: int  # scored items shown to the person
    answered: int
    prorated: bool

    def as_record(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "band": self.band.label if self.band else None,
            "items": self.items,
            "answered": self.answered,
            "prorated": self.prorated,
        }


def _round_half_up(x: float) -> int:
    return int(math.floor(x + 0.5))


def item_value(step: ScaleStep | ChoiceStep, answer: Any) -> int | None:
    """What one answer counts for, reverse-scored where the step says so."""
    if answer is None:
        return None
    if isinstance(step, ScaleStep):
        if not isinstance(answer, int) or isinstance(answer, bool):
            return None
        low, high, value = step.min, step.max, answer
    else:
        values = [o.value for o in step.options if o.value is not None]
        match = [o.value for o in step.options if o.label == answer]
        if not match or match[0] is None or not values:
            return None
        low, high, value = min(values), max(values), match[0]
    return (low + high - value) if step.reverse else value


def band_for(bands: list[Band], total: float) -> Band | None:
    """The band holding `total`. A mean such as 4.5 that falls between two bands written
    for whole numbers (0-4, 5-9) belongs to the lower one; below the first band or above
    the last there is none."""
    ordered = sorted(bands, key=lambda b: b.min)
    for index, band in enumerate(ordered):
        next_min = ordered[index + 1].min if index + 1 < len(ordered) else None
        if band.min <= total <= band.max or (
            next_min is not None and band.min <= total < next_min and band.max < total
        ):
            return band
    return None


def score_answers(exercise: Exercise, answers: Mapping[str, Any]) -> Score | None:
    """The score of a scored exercise, or None when it has no scoring or too much is missing."""
    scoring = exercise.scoring
    if scoring is None:
        return None
    steps = {s.id: s for s in exercise.steps}
    items = [
        s for s in exercise.steps
        if isinstance(s, (ScaleStep, ChoiceStep)) and s.scored
        and (s.when is None or evaluate(s.when, answers, steps=steps))
    ]
    if not items:
        return None
    values = [v for v in (item_value(s, answers.get(s.id)) for s in items) if v is not None]
    missing = len(items) - len(values)
    if not values or missing > scoring.prorate_missing:
        return None
    if scoring.method == "mean":
        total: float | int = round(sum(values) / len(values), 2)
    elif missing:
        total = _round_half_up(sum(values) * len(items) / len(values))
    else:
        total = sum(values)
    return Score(total, band_for(scoring.bands, total), len(items), len(values), missing > 0)
