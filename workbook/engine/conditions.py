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
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (str, int)) and isinstance(b, (str, int)) and (isinstance(a, str) or isinstance(b, str)):
        # A choice labelled "3" and `equals: 3` in the YAML mean the same thing.
        return str(a).strip().casefold() == str(b).strip().casefold()
    return a == b


def _option_value(step: Step | None, answer: Any) -> int | None:
    """What a choice answer is worth, when its options carry values."""
    if isinstance(step, ChoiceStep) and isinstance(answer, str):
        for option in step.options:
            if option.value is not None and _same(option.label, answer):
                return option.value
    return None


def evaluate(
    condition: Condition,
    answers: Mapping[str, Any],
    own_step: str | None = None,
    steps: Mapping[str, Step] | None = None,
) -> bool:
    """True when the condition holds. A test on an unanswered step is false (except answered: false).

    With `steps` (id -> step), at_least / at_most on a choice compare the value of the
    chosen option ("Several days" worth 1), as in scored check-ins.
    """
    if condition.all is not None:
        return all(evaluate(c, answers, own_step, steps) for c in condition.all)
    if condition.any is not None:
        return any(evaluate(c, answers, own_step, steps) for c in condition.any)
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
    if number is None and steps is not None and step_id is not None:
        number = _option_value(steps.get(step_id), value)
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
        return evaluate(rule, {step.id: value}, own_step=step.id, steps={step.id: step})
    if isinstance(step, ScaleStep):
        return isinstance(value, int) and value > step.min
    if isinstance(step, ChoiceStep):
        for option in step.options:
            if _same(option.label, value):
                return option.value is None or option.value > 0
        return True  # an "other" answer on a safety question is taken seriously
    return True
