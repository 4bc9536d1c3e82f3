"""A goal: what, why, how it is measured, when it is due, and where it stands.

A goal is a plain JSON-able dict kept in the store's "goals" table under its id:

    id, title, why, first_step, obstacles, plan, confidence,
    measure {kind, target, unit, direction, per}, schedule {kind, times | days},
    start "YYYY-MM-DD", review "YYYY-MM-DD" | None,
    status active | paused | completed | archived,
    history [{status, day, at}]   every status change, so paused days are never "missed",
    runs [{start, end, note}]     days-since goals only: every stretch, earlier ones kept,
    created_at, updated_at, source_entry (the exercise entry it came from), target_text,
    group (e.g. "self-care" for a ready-made set)
"""

from __future__ import annotations

import copy
import uuid
from datetime import date
from typing import Any, Iterable

from workbook.goals.clock import Clock, SystemClock, day_text, parse_day, stamp, today
from workbook.goals.measures import AnswerProblem, normal_measure
from workbook.goals.schedule import normal_schedule

STATUSES = ("active", "paused", "completed", "archived")
STATUS_WORDS = {"active": "active", "paused": "paused", "completed": "completed", "archived": "archived"}
TEXT_FIELDS = ("why", "first_step", "obstacles", "plan")
MAX_TITLE = 200
MAX_TEXT = 20_000


class GoalProblem(AnswerProblem):
    """A goal that cannot be saved as it is; the message says what to change."""


def new_goal_id(existing: Iterable[str] = ()) -> str:
    taken = set(existing)
    while True:
        candidate = "g" + uuid.uuid4().hex[:6]
        if candidate not in taken:
            return candidate


def make_goal(
    title: str,
    measure: dict[str, Any],
    schedule: dict[str, Any] | None = None,
    *,
    start: date | str | None = None,
    review: date | str | None = None,
    clock: Clock | None = None,
    existing_ids: Iterable[str] = (),
    **details: Any,
) -> dict[str, Any]:
    """A new, checked goal (GoalProblem if something does not fit)."""
    clock = clock or SystemClock()
    now = stamp(clock)
    begin = _day(start) if start is not None else today(clock)
    goal: dict[str, Any] = {
        "id": new_goal_id(existing_ids),
        "title": title,
        "measure": measure,
        "schedule": schedule or {"kind": "daily"},
        "start": day_text(begin),
        "review": day_text(_day(review)) if review else None,
        "status": "active",
        "history": [{"status": "active", "day": day_text(begin), "at": now}],
        "created_at": now,
        "updated_at": now,
    }
    for field in TEXT_FIELDS:
        goal[field] = str(details.pop(field, "") or "")
    goal["confidence"] = details.pop("confidence", None)
    goal.update({k: v for k, v in details.items() if v is not None})
    goal = checked(goal)
    if goal["measure"]["kind"] == "days-since":
        goal["runs"] = [{"start": goal["start"], "end": None, "note": ""}]
    return goal


def _day(value: date | str) -> date:
    if isinstance(value, date):
        return value
    day = parse_day(value)
    if day is None:
        raise GoalProblem(f"“{value}” is not a date the workbook can read; write it like 2026-11-22.")
    return day


def checked(goal: dict[str, Any]) -> dict[str, Any]:
    """The goal with its parts normalised; GoalProblem with a plain message if one does not fit."""
    goal = copy.deepcopy(goal)
    title = " ".join(str(goal.get("title") or "").split())
    if not title:
        raise GoalProblem("Give the goal a few words, so you know which one it is.")
    if len(title) > MAX_TITLE:
        raise GoalProblem(f"Keep the goal's name under {MAX_TITLE} characters; the details have room for more.")
    goal["title"] = title
    try:
        goal["measure"] = normal_measure(dict(goal.get("measure") or {}))
        goal["schedule"] = normal_schedule(dict(goal.get("schedule") or {}), goal["measure"])
    except AnswerProblem as problem:
        raise GoalProblem(str(problem)) from None
    start = _day(goal.get("start") or "")
    goal["start"] = day_text(start)
    if goal.get("review"):
        review = _day(goal["review"])
        if review < start:
            raise GoalProblem("The review date comes before the start; choose a day after it.")
        goal["review"] = day_text(review)
    else:
        goal["review"] = None
    for field in TEXT_FIELDS:
        text = str(goal.get(field) or "")
        if len(text) > MAX_TEXT:
            raise GoalProblem("That is a lot of words for one field; please keep it under 20,000 characters.")
        goal[field] = text
    confidence = goal.get("confidence")
    goal["confidence"] = confidence if isinstance(confidence, int) and not isinstance(confidence, bool) else None
    if goal.get("status") not in STATUSES:
        goal["status"] = "active"
    return goal


def edited(goal: dict[str, Any], changes: dict[str, Any], clock: Clock | None = None) -> dict[str, Any]:
    """The goal with some fields changed, checked; the stored goal is untouched until saved."""
    clock = clock or SystemClock()
    fixed = {"id", "history", "runs", "created_at", "source_entry", "status"}
    updated = copy.deepcopy(goal)
    for key, value in changes.items():
        if key not in fixed:
            updated[key] = value
    result = checked(updated)
    if result["measure"]["kind"] == "days-since" and not result.get("runs"):
        result["runs"] = [{"start": result["start"], "end": None, "note": ""}]
    elif result["measure"]["kind"] == "days-since" and goal["measure"]["kind"] == "days-since":
        runs = result["runs"]
        if len(runs) == 1 and runs[0]["start"] == goal["start"]:
            runs[0]["start"] = result["start"]  # one stretch so far: moving the start moves it
    result["updated_at"] = stamp(clock)
    return result


def with_status(goal: dict[str, Any], status: str, clock: Clock | None = None) -> dict[str, Any]:
    """Pause, resume, complete, archive or restore. Every change is kept in its history."""
    if status not in STATUSES:
        raise GoalProblem(f"A goal can be {', '.join(STATUSES)}.")
    clock = clock or SystemClock()
    if goal.get("status") == status:
        return goal
    updated = copy.deepcopy(goal)
    now = stamp(clock)
    updated["status"] = status
    updated.setdefault("history", []).append({"status": status, "day": day_text(today(clock)), "at": now})
    updated["updated_at"] = now
    return updated


def is_open(goal: dict[str, Any]) -> bool:
    """Shown in the daily check-in and counted: active goals only."""
    return goal.get("status") == "active"


def review_due(goal: dict[str, Any], on: date) -> bool:
    review = parse_day(goal.get("review"))
    return review is not None and review <= on and goal.get("status") in ("active", "paused")
