"""Goal fields as text, and typed text back into checked changes (plain mode and the TUI form)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from workbook.goals.measures import KIND_NAMES, AnswerProblem, number_text, parse_time, target_from_words
from workbook.goals.model import GoalProblem, checked
from workbook.goals.schedule import DAY_NAMES, describe_schedule

_DAY_WORDS = {name[:3].casefold(): index for index, name in enumerate(DAY_NAMES)}


def field_text(goal: dict[str, Any], key: str) -> str:
    """A field as someone would type it."""
    measure = goal["measure"]
    if key == "kind":
        return measure["kind"]
    if key == "target":
        if measure["kind"] == "time":
            return measure.get("target") or ""
        if measure.get("target") is None:
            return ""
        words = [number_text(measure["target"])]
        if measure.get("unit"):
            words.append(measure["unit"])
        if measure.get("per") == "week":
            words.append("a week")
        if measure.get("direction") == "at_most":
            words.insert(0, "at most")
        return " ".join(words)
    if key == "schedule":
        return describe_schedule(goal)
    value = goal.get(key)
    return "" if value is None else str(value)


def schedule_from_text(text: str) -> dict[str, Any]:
    words = " ".join(text.casefold().split())
    if words in ("every day", "daily", "each day", "day"):
        return {"kind": "daily"}
    if words in ("weekdays", "on weekdays"):
        return {"kind": "weekdays", "days": [0, 1, 2, 3, 4]}
    if words in ("weekends", "at weekends", "on weekends"):
        return {"kind": "weekdays", "days": [5, 6]}
    if words in ("once a week", "weekly"):
        return {"kind": "weekly", "times": 1}
    if words in ("twice a week",):
        return {"kind": "weekly", "times": 2}
    if words in ("each week",):
        return {"kind": "weekly"}
    match = re.fullmatch(r"(\d)\s*(times)?\s*(a|per|each)?\s*(week)?", words)
    if match:
        return {"kind": "weekly", "times": int(match.group(1))}
    names = [part.strip()[:3] for part in re.split(r"[,\s]+", words.removeprefix("on ")) if part.strip()]
    if names and all(name in _DAY_WORDS for name in names):
        return {"kind": "weekdays", "days": sorted({_DAY_WORDS[name] for name in names})}
    raise GoalProblem("For how often, write every day, a number a week (like 3 a week), or days such as mon, wed, fri.")


def kind_from_text(text: str) -> str:
    words = text.casefold().strip()
    for kind, name in KIND_NAMES.items():
        if words in (kind, name) or name.startswith(words) and len(words) >= 4:
            return kind
    raise GoalProblem("A goal is measured as: " + "; ".join(KIND_NAMES.values()) + ".")


def _date_or_none(text: str, label: str) -> str | None:
    words = text.strip().casefold()
    if words in ("", "none", "no", "-"):
        return None
    try:
        return date.fromisoformat(words).isoformat()
    except ValueError:
        raise GoalProblem(f"The {label} needs to be a date written like 2026-11-22 (or none).") from None


def changes_from_text(goal: dict[str, Any], typed: dict[str, str]) -> dict[str, Any]:
    """Typed fields -> changes for `GoalBook.edit`; GoalProblem (one clear sentence) if one does not fit.

    The result is checked against the whole goal, so a change that only fits with
    another (a new kind with a new target) is judged together.
    """
    changes: dict[str, Any] = {}
    kind = kind_from_text(typed["kind"]) if typed.get("kind") else goal["measure"]["kind"]
    if "kind" in typed or "target" in typed:
        text = typed.get("target", field_text(goal, "target") if kind == goal["measure"]["kind"] else "")
        if kind == "time" and text.strip():
            try:
                measure: dict[str, Any] = {"kind": "time", "target": parse_time(text)}
            except AnswerProblem as problem:
                raise GoalProblem(str(problem)) from None
        else:
            measure, note = target_from_words(kind, text)
            if note and text.strip():
                raise GoalProblem(f"The target needs a number, like 3 or 7.5 hours; “{text.strip()}” has none.")
        changes["measure"] = measure
    if "schedule" in typed:
        changes["schedule"] = schedule_from_text(typed["schedule"])
    elif "measure" in changes and changes["measure"].get("per") != "week" and goal["measure"].get("per") == "week":
        changes["schedule"] = {"kind": "daily"}
    if "title" in typed:
        changes["title"] = typed["title"]
    if "start" in typed:
        start = _date_or_none(typed["start"], "start date")
        if start is None:
            raise GoalProblem("A goal needs a start date, written like 2026-11-22.")
        changes["start"] = start
    if "review" in typed:
        changes["review"] = _date_or_none(typed["review"], "look-back date")
    for key in ("why", "first_step", "obstacles", "plan"):
        if key in typed:
            changes[key] = typed[key]
    checked({**goal, **changes})  # GoalProblem now, rather than at saving
    return changes
