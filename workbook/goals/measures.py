"""How a goal is measured, and what one day's answer means.

Kinds:
- "done": done or not (yes/no);
- "count": a whole number ("3 meals"), per day, or per week ("2 meetings a week");
- "amount": a number with a unit ("7.5 hours of sleep", "20 minutes");
- "time": a time of day ("in bed by 23:00"); compared as "by" that time, across midnight;
- "days-since": staying away from something; the count of days comes from its runs.

A measure is a small dict: {"kind", "target", "unit", "direction", "per"}. Answers are
stored as plain JSON values: true/false, a number, or "HH:MM".
"""

from __future__ import annotations

import math
import re
from typing import Any

from workbook.errors import WorkbookError

KINDS = ("done", "count", "amount", "time", "days-since")
KIND_NAMES = {
    "done": "done or not",
    "count": "a count",
    "amount": "a number with a unit",
    "time": "a time of day",
    "days-since": "days since (staying away from something)",
}
DIRECTIONS = ("at_least", "at_most")
YES = {"y", "yes", "done", "1", "true", "d"}
NO = {"n", "no", "not", "0", "false", "x"}
# A bedtime before this many hours after the target still counts as "late", not "early":
# 00:30 is later than 23:00, and 21:00 is earlier.
_HALF_DAY = 12 * 60


class AnswerProblem(WorkbookError):
    """An answer that does not fit its goal; the message says what would."""


def normal_measure(measure: dict[str, Any]) -> dict[str, Any]:
    """The measure with its defaults filled in and checked (AnswerProblem if it cannot be)."""
    kind = measure.get("kind")
    if kind not in KINDS:
        raise AnswerProblem(f"A goal is measured as one of: {', '.join(KIND_NAMES.values())}.")
    result: dict[str, Any] = {"kind": kind}
    if kind in ("count", "amount"):
        target = measure.get("target")
        if target is not None:
            if isinstance(target, bool) or not isinstance(target, (int, float)) or not math.isfinite(target) or target < 0:
                raise AnswerProblem("The target needs to be a number of 0 or more, like 3.")
            target = int(target) if kind == "count" or float(target).is_integer() else float(target)
        result["target"] = target
        result["unit"] = str(measure.get("unit") or "").strip()[:40]
        direction = measure.get("direction") or "at_least"
        if direction not in DIRECTIONS:
            raise AnswerProblem("A target is either at least or at most.")
        result["direction"] = direction
        if kind == "count":
            per = measure.get("per") or "day"
            if per not in ("day", "week"):
                raise AnswerProblem("A count is per day or per week.")
            result["per"] = per
    elif kind == "time":
        target = measure.get("target")
        result["target"] = parse_time(target) if target not in (None, "") else None
        result["direction"] = "by"
    return result


# -- answers ----------------------------------------------------------------------------------
def parse_answer(measure: dict[str, Any], text: str) -> Any:
    """One typed answer -> the stored value; "" -> None (no answer). AnswerProblem if it does not fit."""
    text = " ".join(str(text).split())
    if not text:
        return None
    kind = measure["kind"]
    word = text.casefold()
    if kind in ("done", "days-since"):
        if word in YES:
            return True
        if word in NO:
            return False
        return _problem_yes_no(kind)
    if kind == "count":
        number = _number(word)
        if number is None or not float(number).is_integer() or number < 0:
            raise AnswerProblem("Type a whole number, like 2 (0 is fine).")
        return int(number)
    if kind == "amount":
        number = _number(word)
        if number is None or number < 0:
            unit = measure.get("unit") or ""
            raise AnswerProblem(f"Type a number{(' of ' + unit) if unit else ''}, like 7.5 (0 is fine).")
        return int(number) if float(number).is_integer() else round(number, 2)
    if kind == "time":
        return parse_time(text)
    raise AnswerProblem("This goal does not take an answer here.")


def _problem_yes_no(kind: str):
    if kind == "days-since":
        raise AnswerProblem("Type y if you stayed away from it today, or n if not.")
    raise AnswerProblem("Type y for done, or n for not this time.")


_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?|[.,]\d+)")


def _number(text: str) -> float | None:
    match = _NUMBER.match(text)
    if not match:
        return None
    rest = text[match.end():].strip()
    if rest and rest[0].isdigit():
        return None
    return float(match.group(1).replace(",", "."))


_TIME = re.compile(r"^(?:by|before|at|around)?\s*(\d{1,2})(?:[:.h]?(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|a|p)?$")


def parse_time(text: Any) -> str:
    """'23:30', '2330', '11pm', '11:30 pm', 'by 10 pm' -> 'HH:MM' (AnswerProblem if not a time)."""
    word = " ".join(str(text).casefold().split())
    if word in ("midnight",):
        return "00:00"
    if word in ("noon", "midday"):
        return "12:00"
    match = _TIME.match(word.replace(" o'clock", ""))
    if match:
        hours, minutes, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
        if half:
            if not 1 <= hours <= 12:
                match = None
            else:
                hours = hours % 12 + (12 if half.startswith("p") else 0)
        if match and 0 <= hours <= 23 and 0 <= minutes <= 59:
            return f"{hours:02d}:{minutes:02d}"
    raise AnswerProblem("Type a time of day, like 23:00 or 11pm.")


def minutes_of(time_text: str) -> int:
    hours, minutes = time_text.split(":")
    return int(hours) * 60 + int(minutes)


def later_by(value: str, target: str) -> int:
    """Minutes `value` is after `target`, negative when before; the nearer way round midnight."""
    difference = (minutes_of(value) - minutes_of(target)) % (24 * 60)
    return difference - 24 * 60 if difference >= _HALF_DAY else difference


def is_met(measure: dict[str, Any], value: Any) -> bool:
    """Whether one day's answer meets the day's target (per-week counts are judged by week)."""
    if value is None:
        return False
    kind = measure["kind"]
    if kind in ("done", "days-since"):
        return value is True
    if kind in ("count", "amount"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return False
        target = measure.get("target")
        if target is None:
            return value > 0
        if kind == "count" and measure.get("per") == "week":
            return value > 0
        return value <= target if measure.get("direction") == "at_most" else value >= target
    if kind == "time":
        if not isinstance(value, str):
            return False
        target = measure.get("target")
        return True if target is None else later_by(value, target) <= 0
    return False


def credit(measure: dict[str, Any], value: Any) -> int:
    """What a day adds towards its period: the count for per-week counts, else 1 if met."""
    if measure["kind"] == "count" and measure.get("per") == "week":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return 0
        return max(0, int(value))
    return 1 if is_met(measure, value) else 0


# -- words --------------------------------------------------------------------------------------
def number_text(value: float | int) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def format_value(measure: dict[str, Any], value: Any) -> str:
    if value is None:
        return ""
    kind = measure["kind"]
    if kind == "done":
        return "done" if value is True else "not this time"
    if kind == "days-since":
        return "yes" if value is True else "not today"
    if kind in ("count", "amount") and isinstance(value, (int, float)) and not isinstance(value, bool):
        unit = measure.get("unit") or ""
        if value == 1 and unit.endswith("s") and " " not in unit:
            unit = unit[:-1]  # 1 meeting, 1 hour
        return f"{number_text(value)} {unit}".strip()
    return str(value)


def typed_form(measure: dict[str, Any], value: Any) -> str:
    """A stored value as the person would type it (to edit it again)."""
    if value is None:
        return ""
    if measure["kind"] in ("done", "days-since"):
        return "y" if value is True else "n"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number_text(value)
    return str(value)


def describe_target(measure: dict[str, Any]) -> str:
    """'done or not', 'at least 3 meals', '7.5 hours or more', 'by 23:00'."""
    kind = measure["kind"]
    if kind == "done":
        return "done or not"
    if kind == "days-since":
        return "counting the days"
    if kind == "time":
        return f"by {measure['target']}" if measure.get("target") else "a time of day (no target yet)"
    target, unit = measure.get("target"), measure.get("unit") or ""
    if target is None:
        return f"{unit or 'a number'} (no target yet)"
    amount = f"{number_text(target)} {unit}".strip()
    per = " a week" if measure.get("per") == "week" else ""
    if measure.get("direction") == "at_most":
        return f"at most {amount}{per}"
    return f"{amount}{per}" if per else f"at least {amount}"


def short_hint(measure: dict[str, Any]) -> str:
    """What a row takes, in a narrow column."""
    kind = measure["kind"]
    if kind in ("done", "days-since"):
        return "y / n"
    if kind == "time":
        return "a time"
    unit = measure.get("unit") or ""
    return unit if unit and len(unit) <= 12 else "a number"


def answer_hint(measure: dict[str, Any]) -> str:
    kind = measure["kind"]
    if kind == "done":
        return "y or n"
    if kind == "days-since":
        return "y or n"
    if kind == "time":
        return "a time, like 23:00"
    unit = measure.get("unit") or ""
    return f"a number{(' of ' + unit) if unit else ''}"


# -- targets from words ------------------------------------------------------------------------
_AT_MOST = re.compile(r"\b(at most|no more than|not more than|less than|fewer than|under|max(imum)?|up to)\b")
_PER_WEEK = re.compile(r"\b(a|per|each|every) week\b|\bweekly\b|\btimes a week\b|/\s*week\b")
_FIRST_NUMBER = re.compile(r"(\d+(?:[.,]\d+)?)")
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "once": 1, "twice": 2,
}


def target_from_words(kind: str, text: str | None) -> tuple[dict[str, Any], str | None]:
    """A measure from someone's own words ("3 glasses of water", "by 11pm", "2 a week").

    Returns the measure and, if the words held no usable target, a plain note saying so
    (the goal is still made; the target can be set later).
    """
    words = " ".join(str(text or "").split())
    lower = words.casefold()
    if kind in ("done", "days-since"):
        return {"kind": kind}, None
    if kind == "time":
        for candidate in (lower, *re.findall(r"\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?", lower)):
            try:
                return {"kind": "time", "target": parse_time(candidate.strip()), "direction": "by"}, None
            except AnswerProblem:
                continue
        note = f"No time of day could be read from “{words}”, so this goal has no time set yet." if words else None
        return {"kind": "time", "target": None, "direction": "by"}, note
    direction = "at_most" if _AT_MOST.search(lower) else "at_least"
    number: float | None = None
    unit = ""
    match = _FIRST_NUMBER.search(lower)
    if match:
        number = float(match.group(1).replace(",", "."))
        unit = words[match.end():]
    else:
        for token, value in _NUMBER_WORDS.items():
            found = re.search(rf"\b{token}\b", lower)
            if found:
                number, unit = float(value), words[found.end():]
                break
    measure: dict[str, Any] = {"kind": kind, "direction": direction}
    if kind == "count" and _PER_WEEK.search(lower):
        measure["per"] = "week"
    unit = re.sub(_PER_WEEK.pattern, "", unit, flags=re.IGNORECASE)
    unit = re.sub(r"(?i)\b(a|per|each|every) (day|week)\b|\btimes\b|\bweekly\b|\bdaily\b", "", unit)
    unit = " ".join(unit.replace("/", " ").split()).strip(" .,;")
    if number is None:
        measure.update({"target": None, "unit": unit if not words else ""})
        note = f"No number could be read from “{words}”, so this goal has no target yet." if words else None
        return normal_measure(measure), note
    measure["target"] = int(number) if kind == "count" or number.is_integer() else number
    measure["unit"] = unit
    return normal_measure(measure), None
