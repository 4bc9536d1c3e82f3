"""Goals in plain words, the same in the TUI and in plain mode."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from workbook.goals.measures import KIND_NAMES, describe_target, format_value
from workbook.goals.model import review_due
from workbook.goals.progress import Progress
from workbook.goals.schedule import describe_schedule

STATUS_NOTES = {"paused": "paused", "completed": "completed", "archived": "archived"}


def plan_text(goal: dict[str, Any]) -> str:
    """'at least 3 meals, every day' / 'by 23:00, on weekdays' / 'counting the days'."""
    target = describe_target(goal["measure"])
    if goal["measure"]["kind"] == "days-since" or goal["measure"].get("per") == "week":
        return target
    return f"{target}, {describe_schedule(goal)}"


def day_label(day: date, today: date) -> str:
    if day == today:
        return "today"
    if day == today - timedelta(days=1):
        return "yesterday"
    return f"{day.strftime('%a')} {day.day} {day.strftime('%b')}"


def long_day(day: date) -> str:
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"


def progress_parts(progress: Progress) -> list[str]:
    """['streak 5 days', 'last 7 days 5/6', 'last 30 days 17/21'] or the days-since words."""
    if progress.days_since is not None:
        since = progress.days_since
        if since.current == 0:
            parts = [f"a new stretch began {since.since.isoformat()}"]
        else:
            parts = [f"{since.current} day{'s' if since.current != 1 else ''} since {since.since.isoformat()}"]
        if since.earlier:
            parts.append(f"{since.total} days in all, over {len(since.earlier) + 1} stretches")
        return parts
    parts: list[str] = []
    if progress.streak is not None:
        parts.append(f"streak {progress.streak.text()}")
    if progress.this_week is not None:
        got, asks = progress.this_week
        parts.append(f"this week {got}/{asks}")
    rates = [(label, rate) for label, rate in (("last 7 days", progress.last_7), ("last 30 days", progress.last_30))
             if rate is not None and rate.expected > 0]
    if not rates and progress.this_week is None:
        return ["no check-ins yet"]
    parts.extend(f"{label} {rate.text()}" for label, rate in rates)
    return parts


def goal_line(goal: dict[str, Any], progress: Progress, today: date) -> str:
    status = STATUS_NOTES.get(goal.get("status", ""), "")
    parts = [plan_text(goal), *progress_parts(progress)]
    if review_due(goal, today):
        parts.append("time to look back at it")
    prefix = f"[{status}] " if status else ""
    return f"{prefix}{goal['title']} — " + " · ".join(parts)


def detail_lines(goal: dict[str, Any], progress: Progress, today: date) -> list[tuple[str, str]]:
    """(label, text) pairs for everything a goal holds, empty ones left out."""
    measure = goal["measure"]
    lines: list[tuple[str, str]] = [
        ("Goal", goal["title"]),
        ("Status", goal.get("status", "active")),
        ("Measured as", KIND_NAMES.get(measure["kind"], measure["kind"])),
        ("Target", plan_text(goal)),
    ]
    if goal.get("target_text") and measure.get("target") is None:
        lines.append(("Your words", str(goal["target_text"])))
    lines.append(("Started", goal.get("start", "")))
    if goal.get("review"):
        lines.append(("Look back on", goal["review"] + (" (today or earlier)" if review_due(goal, today) else "")))
    lines.append(("Progress", " · ".join(progress_parts(progress)) or "no check-ins yet"))
    if progress.streak is not None and progress.total_kept:
        unit = progress.streak.unit + ("s" if progress.streak.best != 1 else "")
        lines.append(("Longest streak", f"{progress.streak.best} {unit}"))
        kept_unit = progress.streak.unit + ("s" if progress.total_kept != 1 else "")
        lines.append(("Kept in all", f"{progress.total_kept} {kept_unit}"))
    if progress.days_since is not None and progress.days_since.earlier:
        for stretch in progress.days_since.earlier:
            text = f"{stretch.start.isoformat()} to {stretch.end.isoformat() if stretch.end else ''}: {stretch.days} days"
            if stretch.note:
                text += f" — {stretch.note}"
            lines.append(("Earlier stretch", text))
    for key, label in (("why", "Why it matters"), ("first_step", "First step"),
                       ("obstacles", "What might get in the way"), ("plan", "The plan for it")):
        if goal.get(key):
            lines.append((label, str(goal[key])))
    if isinstance(goal.get("confidence"), int):
        lines.append(("How sure you were", f"{goal['confidence']} out of 10"))
    return lines


def value_text(goal: dict[str, Any], value: Any) -> str:
    return format_value(goal["measure"], value)
