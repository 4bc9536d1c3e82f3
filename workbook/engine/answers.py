"""Checks one answer against its step and returns it in the stored shape.

Stored shapes (plain JSON): text -> str exactly as typed; scale -> int;
choice -> the option's label, or the person's own words for "other";
multi-choice, list, checklist -> list of str; timer, breathing ->
{"completed": bool, "seconds": int}; info -> no answer. None means skipped.
"""

from __future__ import annotations

from typing import Any

from workbook.content.models import (
    BreathingStep,
    ChecklistStep,
    ChoiceStep,
    InfoStep,
    ListStep,
    MultiChoiceStep,
    ScaleStep,
    Step,
    TextStep,
    TimerStep,
)
from workbook.engine.conditions import is_answered

# Generous: a person may paste a whole letter. Larger than this is almost surely a mistake.
MAX_TEXT_CHARS = 5_000_000
MAX_ITEM_CHARS = MAX_TEXT_CHARS


class AnswerError(ValueError):
    """An answer that does not fit its step; the message is a kind sentence to show."""


def _match_label(labels: list[str], value: str) -> str | None:
    wanted = value.strip().casefold()
    for label in labels:
        if label.casefold() == wanted:
            return label
    return None


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise AnswerError("Please type your answer as text.")
    if len(value) > MAX_TEXT_CHARS:
        raise AnswerError("That is longer than the workbook can keep in one answer (5 million characters).")
    return value


def validate_answer(step: Step, value: Any) -> Any:
    """The answer in its stored shape, None when skipped; AnswerError when it does not fit."""
    if isinstance(step, InfoStep):
        return None
    if not is_answered(value):
        if step.required:
            raise AnswerError("This one needs an answer before moving on.")
        return None

    if isinstance(step, TextStep):
        text = _text(value)
        if not step.multiline and ("\n" in text or "\r" in text):
            raise AnswerError("Please keep this answer to one line.")
        return text

    if isinstance(step, ScaleStep):
        if isinstance(value, str):
            try:
                value = int(value.strip())
            except ValueError:
                raise AnswerError(f"Please give a whole number from {step.min} to {step.max}.") from None
        if isinstance(value, bool) or not isinstance(value, int):
            raise AnswerError(f"Please give a whole number from {step.min} to {step.max}.")
        if not step.min <= value <= step.max:
            raise AnswerError(f"Please give a whole number from {step.min} to {step.max}.")
        return value

    if isinstance(step, ChoiceStep):
        text = _text(value)
        label = _match_label([o.label for o in step.options], text)
        if label is not None:
            return label
        if step.allow_other and len(text) <= MAX_ITEM_CHARS:
            return text
        raise AnswerError("Please pick one of the options.")

    if isinstance(step, MultiChoiceStep):
        picked = _string_list(value)
        labels = [o.label for o in step.options]
        result: list[str] = []
        for item in picked:
            if not item.strip():
                continue
            label = _match_label(labels, item)
            if label is None and not step.allow_other:
                raise AnswerError(f"“{item}” is not one of the options.")
            chosen = label if label is not None else item
            if chosen not in result:
                result.append(chosen)
        return result or _skipped(step)

    if isinstance(step, ListStep):
        items = [item for item in _string_list(value) if item.strip()]
        if len(items) > step.count:
            raise AnswerError(f"This list has room for {step.count}.")
        return items or _skipped(step)

    if isinstance(step, ChecklistStep):
        ticked: list[str] = []
        for item in _string_list(value):
            if not item.strip():
                continue
            label = _match_label(list(step.items), item)
            if label is None:
                raise AnswerError(f"“{item}” is not on this list.")
            if label not in ticked:
                ticked.append(label)
        # Keep the exercise's own order, so the same ticks always look the same.
        return [item for item in step.items if item in ticked] or _skipped(step)

    if isinstance(step, (TimerStep, BreathingStep)):
        if not isinstance(value, dict) or not isinstance(value.get("completed"), bool):
            raise AnswerError("A timed step records whether it ran to the end.")
        seconds = value.get("seconds", 0)
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0:
            raise AnswerError("A timed step records how many seconds it ran.")
        return {"completed": value["completed"], "seconds": int(seconds)}

    raise AnswerError("This step does not take an answer.")


def _skipped(step: Step) -> None:
    if step.required:
        raise AnswerError("This one needs an answer before moving on.")
    return None


def _string_list(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise AnswerError("Please give each item as text.")
    if any(len(v) > MAX_ITEM_CHARS for v in value):
        raise AnswerError(f"Please keep each item under {MAX_ITEM_CHARS:,} characters.")
    return list(value)
