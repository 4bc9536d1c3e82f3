"""When a goal is due: every day, N times a week (any days), or on chosen weekdays.

A schedule is a small dict: {"kind": "daily"}, {"kind": "weekly", "times": 3} or
{"kind": "weekdays", "days": [0, 2, 4]} (Monday is 0). Per-week counts ("2 meetings a
week") use {"kind": "weekly"} and take their number from the measure.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from workbook.goals.clock import parse_day
from workbook.goals.measures import AnswerProblem

KINDS = ("daily", "weekly", "weekdays")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SHORT_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def normal_schedule(schedule: dict[str, Any], measure: dict[str, Any]) -> dict[str, Any]:
    kind = schedule.get("kind")
    if measure.get("kind") == "count" and measure.get("per") == "week":
        return {"kind": "weekly"}
    if measure.get("kind") == "days-since":
        return {"kind": "daily"}
    if kind == "daily":
        return {"kind": "daily"}
    if kind == "weekly":
        times = schedule.get("times")
        if isinstance(times, bool) or not isinstance(times, int) or not 1 <= times <= 7:
            raise AnswerProblem("How many times a week? A number from 1 to 7.")
        return {"kind": "weekly", "times": times}
    if kind == "weekdays":
        chosen = schedule.get("days") or []
        if not isinstance(chosen, list) or not chosen or any(
            isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 6 for d in chosen
        ):
            raise AnswerProblem("Choose at least one day of the week.")
        return {"kind": "weekdays", "days": sorted(set(chosen))}
    raise AnswerProblem("A goal is every day, a number of times a week, or on chosen days.")


def weekly(goal: dict[str, Any]) -> bool:
    """Judged by the week (N times a week, or a per-week count) rather than by the day."""
    return goal["schedule"]["kind"] == "weekly"


def week_need(goal: dict[str, Any]) -> int:
    """What a whole week asks for: N days, or the per-week count."""
    schedule, measure = goal["schedule"], goal["measure"]
    if schedule.get("times"):
        return int(schedule["times"])
    target = measure.get("target")
    return max(1, int(target)) if isinstance(target, (int, float)) and not isinstance(target, bool) else 1


def status_on(goal: dict[str, Any], day: date) -> str:
    """The goal's status on a day, from its history of changes."""
    status = "active"
    for change in goal.get("history") or []:
        changed = parse_day(change.get("day"))
        if changed is not None and changed <= day:
            status = change.get("status", status)
    return status


def active_on(goal: dict[str, Any], day: date) -> bool:
    start = parse_day(goal.get("start"))
    return start is not None and day >= start and status_on(goal, day) == "active"


def scheduled_on(goal: dict[str, Any], day: date) -> bool:
    """The schedule alone: a weekdays goal is only on its days; the others on any day."""
    schedule = goal["schedule"]
    if schedule["kind"] == "weekdays":
        return day.weekday() in schedule.get("days", [])
    return True


def due_on(goal: dict[str, Any], day: date) -> bool:
    """Whether the goal asks for an answer on this day."""
    return active_on(goal, day) and scheduled_on(goal, day)


def describe_schedule(goal: dict[str, Any]) -> str:
    schedule, measure = goal["schedule"], goal["measure"]
    if measure["kind"] == "days-since":
        return "every day"
    if schedule["kind"] == "daily":
        return "every day"
    if schedule["kind"] == "weekly":
        if schedule.get("times"):
            times = schedule["times"]
            return "once a week" if times == 1 else "twice a week" if times == 2 else f"{times} times a week"
        return "each week"
    days = schedule.get("days", [])
    if days == [0, 1, 2, 3, 4]:
        return "on weekdays"
    if days == [5, 6]:
        return "at weekends"
    return "on " + ", ".join(SHORT_DAY_NAMES[d] for d in days)


def active_flags(goal: dict[str, Any], first: date, last: date) -> list[bool]:
    """For each day from first to last: is the goal active (started, not paused or ended)?

    Built a stretch at a time from the status history, so two years of days stay quick.
    """
    length = (last - first).days + 1
    if length <= 0:
        return []
    start = parse_day(goal.get("start"))
    if start is None:
        return [False] * length
    changes = sorted(
        ((day - first).days, str(change.get("status")))
        for change in goal.get("history") or []
        if (day := parse_day(change.get("day"))) is not None
    )
    flags: list[bool] = []
    status, position = "active", 0
    for offset, new_status in changes:
        offset = max(0, min(offset, length))
        if offset > position:
            flags.extend([status == "active"] * (offset - position))
            position = offset
        status = new_status
    flags.extend([status == "active"] * (length - position))
    before_start = max(0, min(length, (start - first).days))
    flags[:before_start] = [False] * before_start
    return flags


def due_flags(goal: dict[str, Any], first: date, last: date) -> list[bool]:
    flags = active_flags(goal, first, last)
    schedule = goal["schedule"]
    if schedule["kind"] != "weekdays":
        return flags
    chosen = set(schedule.get("days", []))
    weekday = first.weekday()
    return [flag and (weekday + i) % 7 in chosen for i, flag in enumerate(flags)]
