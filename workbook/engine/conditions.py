"""Evaluates `when` and `safety` conditions against answers."""

from __future__ import annotations

from typing import Any, Mapping

from workbook.content.models import (
    ChoiceStep,
    Condition,
    ScaleStep,
    Step,
)


def is_answered(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip() != ""
    if isinstance(value, (list, tuple, dict)):
        return len(value) > 0
    return True


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    return None


def _contains(value: Any, item: str) -> bool:
    if isinstance(value, (list, tuple)):
        return any(isinstance(v, str) and v.casefold() == item.casefold() for v in value)
    if isinstance(value, str):
        return value.casefold() == item.casefold()
    return False


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.casefold() == b.casefold()
    return a == b


def evaluate(condition: Condition, answers: Mapping[str, Any], own_step: str | None = None) -> bool:
    """True when the condition holds. A test on an unanswered step is false (except answered: false)."""
    if condition.all is not None:
        return all(evaluate(c, answers, own_step) for c in condition.all)
    if condition.any is not None:
        return any(evaluate(c, answers, own_step) for c in condition.any)
    step_id = condition.step or own_step
    value = answers.get(step_id) if step_id else None
    if condition.answered is not None:
        return is_answered(value) == condition.answered
    if not is_answered(value):
        return False
    if condition.equals is not None:
        return _same(value, condition.equals)
    if condition.not_equals is not None:
        return not _same(value, condition.not_equals)
    if condition.one_of is not None:
        return any(_same(value, option) for option in condition.one_of)
    if condition.includes is not None:
        return _contains(value, condition.includes)
    number = _number(value)
    if condition.at_least is not None:
        return number is not None and number >= condition.at_least
    if condition.at_most is not None:
        return number is not None and number <= condition.at_most
    return False


def safety_crossed(step: Step, value: Any) -> bool:
    """Whether this answer crosses the step's safety line.

    `safety: true` means any answer above "none": on a scale, more than its lowest
    point; on a choice, an option worth more than 0 (or any option when options carry
    no values); elsewhere, any answer at all.
    """
    rule = getattr(step, "safety", None)
    if rule is None or rule is False or not is_answered(value):
        return False
    if isinstance(rule, Condition):
        return evaluate(rule, {step.id: value}, own_step=step.id)
    if isinstance(step, ScaleStep):
        return isinstance(value, int) and value > step.min
    if isinstance(step, ChoiceStep):
        for option in step.options:
            if _same(option.label, value):
                return option.value is None or option.value > 0
        return True  # an "other" answer on a safety question is taken seriously
    return True
