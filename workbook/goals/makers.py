"""Finished exercises that make goals: their answers, turned into goal records.

Each maker takes a finished entry and returns the goals it describes, plus plain notes
for anything that could not be read as given (the goal is still made, and the person's
own words are kept on it). An entry without the answers a goal needs makes none.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Callable

from workbook.goals.clock import Clock, parse_day, today
from workbook.goals.measures import parse_time, target_from_words, AnswerProblem
from workbook.goals.model import GoalProblem, make_goal
from workbook.goals.schedule import DAY_NAMES

Made = tuple[list[dict[str, Any]], list[str]]

MEASURES = {
    "done or not": "done",
    "a count": "count",
    "a number with a unit": "amount",
    "a time of day": "time",
    "counting the days since": "days-since",
}
SELF_CARE = {
    "sleep": "Sleep: in bed by a set time",
    "meals": "Meals: three a day",
    "hygiene": "Washing and getting dressed",
    "movement": "Moving your body for 20 minutes",
    "meditation": "Meditating for 10 minutes",
}


def _text(answers: dict[str, Any], key: str) -> str:
    value = answers.get(key)
    if isinstance(value, list):
        return "\n".join(str(v) for v in value if str(v).strip())
    return str(value).strip() if value is not None else ""


def _measure_kind(answer: str) -> str:
    lowered = answer.casefold()
    for start, kind in MEASURES.items():
        if lowered.startswith(start):
            return kind
    return "done"


def _schedule(answers: dict[str, Any]) -> dict[str, Any]:
    choice = _text(answers, "schedule").casefold()
    if choice.startswith("a number of times") or choice.startswith("a few times"):
        times = answers.get("times_per_week")
        return {"kind": "weekly", "times": times if isinstance(times, int) and 1 <= times <= 7 else 3}
    if choice.startswith("on chosen days"):
        picked = answers.get("weekdays") or []
        days = [DAY_NAMES.index(d) for d in picked if d in DAY_NAMES]
        return {"kind": "weekdays", "days": days} if days else {"kind": "daily"}
    if choice.startswith("once a week"):
        return {"kind": "weekly", "times": 1}
    if choice.startswith("most days"):
        return {"kind": "weekly", "times": 5}
    return {"kind": "daily"}


def _start(answers: dict[str, Any], made_on: date, notes: list[str]) -> date:
    choice = _text(answers, "start").casefold()
    if choice.startswith("tomorrow"):
        return made_on + timedelta(days=1)
    if choice.startswith("yesterday"):
        return made_on - timedelta(days=1)
    if choice.startswith("next monday"):
        return made_on + timedelta(days=7 - made_on.weekday())
    if choice.startswith("on another date"):
        written = _text(answers, "start_date")
        day = _loose_day(written, made_on)
        if day is None:
            if written:
                notes.append(f"“{written}” could not be read as a date, so the goal starts on {made_on.isoformat()}.")
            return made_on
        return day
    return made_on


def _loose_day(text: str, made_on: date) -> date | None:
    lowered = text.casefold().strip()
    if lowered in ("today", ""):
        return made_on if lowered else None
    if lowered == "tomorrow":
        return made_on + timedelta(days=1)
    if lowered == "yesterday":
        return made_on - timedelta(days=1)
    return parse_day(lowered)


def _review(answers: dict[str, Any], start: date) -> date | None:
    choice = _text(answers, "review").casefold()
    for words, days in (("in a week", 7), ("in two weeks", 14), ("in a month", 30)):
        if choice.startswith(words):
            return start + timedelta(days=days)
    return None


def _made_on(entry: dict[str, Any], clock: Clock) -> date:
    moment = str(entry.get("finished_at") or "")
    day = parse_day(moment[:10])
    return day or today(clock)


def smart_goal(entry: dict[str, Any], clock: Clock, existing: list[str]) -> Made:
    answers = entry.get("answers") or {}
    title = _text(answers, "what")
    if not title:
        return [], []
    notes: list[str] = []
    kind = _measure_kind(_text(answers, "measure"))
    target_text = _text(answers, "target")
    measure, note = target_from_words(kind, target_text)
    if note:
        notes.append(note + " You can set it in Goals.")
    made_on = _made_on(entry, clock)
    start = _start(answers, made_on, notes)
    schedule = {"kind": "weekly"} if measure.get("per") == "week" else _schedule(answers)
    confidence = answers.get("confidence")
    goal = make_goal(
        title[:200],
        measure,
        schedule,
        start=start,
        review=_review(answers, start),
        clock=clock,
        existing_ids=existing,
        why=_text(answers, "why"),
        first_step=_text(answers, "first_step"),
        obstacles=_text(answers, "obstacles"),
        plan=_text(answers, "plan"),
        confidence=confidence if isinstance(confidence, int) else None,
        source_entry=entry.get("id"),
        target_text=target_text or None,
    )
    return [goal], notes


def days_since_goal(entry: dict[str, Any], clock: Clock, existing: list[str]) -> Made:
    answers = entry.get("answers") or {}
    title = _text(answers, "what")
    if not title:
        return [], []
    notes: list[str] = []
    made_on = _made_on(entry, clock)
    start = _start(answers, made_on, notes)
    if start > made_on:
        start = made_on
    helps = _text(answers, "helps")
    people = _text(answers, "people")
    plan = "\n".join(part for part in (helps, f"People I can reach: {people}" if people else "") if part)
    goal = make_goal(
        title[:200],
        {"kind": "days-since"},
        {"kind": "daily"},
        start=start,
        clock=clock,
        existing_ids=existing,
        why=_text(answers, "why"),
        plan=plan,
        source_entry=entry.get("id"),
        group="recovery",
    )
    return [goal], notes


def meetings_goal(entry: dict[str, Any], clock: Clock, existing: list[str]) -> Made:
    answers = entry.get("answers") or {}
    per_week = answers.get("per_week")
    if not isinstance(per_week, int) or per_week < 1:
        per_week = 2
    title = _text(answers, "what") or f"Go to {per_week} meeting{'s' if per_week != 1 else ''} a week"
    made_on = _made_on(entry, clock)
    goal = make_goal(
        title[:200],
        {"kind": "count", "target": per_week, "per": "week", "unit": "meetings"},
        {"kind": "weekly"},
        start=made_on,
        clock=clock,
        existing_ids=existing,
        why=_text(answers, "why"),
        first_step=_text(answers, "which"),
        source_entry=entry.get("id"),
        group="recovery",
    )
    return [goal], []


def self_care_set(entry: dict[str, Any], clock: Clock, existing: list[str]) -> Made:
    answers = entry.get("answers") or {}
    picked = answers.get("pick") or []
    if not isinstance(picked, list) or not picked:
        return [], []
    notes: list[str] = []
    made_on = _made_on(entry, clock)
    start = _start(answers, made_on, notes)
    bedtime_text = _text(answers, "bedtime") or "23:00"
    try:
        bedtime = parse_time(bedtime_text)
    except AnswerProblem:
        bedtime = "23:00"
        notes.append(f"“{bedtime_text}” could not be read as a time, so bedtime is set to 23:00 for now.")
    recipes: dict[str, tuple[str, dict[str, Any]]] = {
        "sleep": (f"In bed by {bedtime}", {"kind": "time", "target": bedtime}),
        "meals": ("Eat three meals", {"kind": "count", "target": 3, "unit": "meals"}),
        "hygiene": ("Wash and get dressed", {"kind": "done"}),
        "movement": ("Move my body", {"kind": "amount", "target": 20, "unit": "minutes"}),
        "meditation": ("Meditate", {"kind": "amount", "target": 10, "unit": "minutes"}),
    }
    goals: list[dict[str, Any]] = []
    taken = list(existing)
    for key, label in SELF_CARE.items():
        if label not in picked:
            continue
        title, measure = recipes[key]
        goal = make_goal(
            title, measure, {"kind": "daily"}, start=start, clock=clock, existing_ids=taken,
            why=_text(answers, "why"), source_entry=entry.get("id"), group="self-care",
        )
        taken.append(goal["id"])
        goals.append(goal)
    return goals, notes


MAKERS: dict[str, Callable[[dict[str, Any], Clock, list[str]], Made]] = {
    "smart-goal": smart_goal,
    "days-since": days_since_goal,
    "meetings": meetings_goal,
    "self-care-set": self_care_set,
}


def goals_from_entry(entry: dict[str, Any], clock: Clock, existing: list[str]) -> Made:
    maker = MAKERS.get(str(entry.get("exercise_id")))
    if maker is None:
        return [], []
    try:
        return maker(entry, clock, existing)
    except GoalProblem as problem:
        title = entry.get("exercise_title") or entry.get("exercise_id")
        return [], [f"A goal could not be made from “{title}”: {problem}"]
