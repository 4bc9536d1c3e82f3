"""How goals went over one week, in numbers and one plain sentence. Pure functions."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Mapping

from workbook.goals.progress import Marks
from workbook.goals.recovery import days_since
from workbook.goals.schedule import active_flags, due_flags, week_need, weekly


@dataclass(frozen=True)
class GoalWeek:
    goal_id: str
    title: str
    kept: int  # days kept, or the week's count so far
    asked: int  # days due (so far), or what the week asks for
    unit: str  # "days", or the count's unit ("meetings")
    days_since: int | None = None  # for a days-since goal: days at the end of the week

    @property
    def met(self) -> bool:
        return self.asked > 0 and self.kept >= self.asked

    def text(self) -> str:
        if self.days_since is not None:
            return f"{self.days_since} day{'s' if self.days_since != 1 else ''} in this stretch"
        if self.unit == "days":
            if not self.asked:
                return "no days due yet"
            return f"{self.kept} of {self.asked} day{'s' if self.asked != 1 else ''}"
        return f"{self.kept} of {self.asked} {self.unit}".strip()


def goals_in_week(
    goals: list[dict[str, Any]], marks: Mapping[str, Marks], monday: date, today: date
) -> list[GoalWeek]:
    """Each goal that was active during the week, with what it asked and what was kept.

    Days after today are not counted, and today only once it has an answer.
    """
    sunday = monday + timedelta(days=6)
    last = min(sunday, today)
    rows: list[GoalWeek] = []
    if last < monday:
        return rows
    for goal in goals:
        flags = active_flags(goal, monday, last)
        if not any(flags):
            continue
        goal_marks = marks.get(goal["id"]) or Marks()
        if goal["measure"]["kind"] == "days-since":
            rows.append(GoalWeek(goal["id"], goal["title"], 0, 0, "", days_since(goal, last).current))
            continue
        if weekly(goal):
            active_days = sum(flags)
            asks = max(1, math.ceil(week_need(goal) * active_days / 7))
            got = sum(goal_marks.credit(monday + timedelta(days=i)) or 0 for i, on in enumerate(flags) if on)
            per_week_count = goal["measure"]["kind"] == "count" and goal["measure"].get("per") == "week"
            unit = (goal["measure"].get("unit") or "times") if per_week_count else "days"
            rows.append(GoalWeek(goal["id"], goal["title"], got, asks, unit))
            continue
        kept = asked = 0
        for offset, due in enumerate(due_flags(goal, monday, last)):
            day = monday + timedelta(days=offset)
            if not due:
                continue
            credit = goal_marks.credit(day)
            if credit is None and day == today:
                continue
            asked += 1
            kept += 1 if credit else 0
        rows.append(GoalWeek(goal["id"], goal["title"], kept, asked, "days"))
    return rows


def goals_sentence(rows: list[GoalWeek]) -> str:
    """One plain sentence of facts about the week's goals; the rows give the details."""
    if not rows:
        return "No goals were running this week."
    daily = [row for row in rows if row.days_since is None and row.unit == "days"]
    if not daily:
        return "Each goal's week is below."
    kept, asked = sum(row.kept for row in daily), sum(row.asked for row in daily)
    if asked == 0:
        return "No days have been due yet this week."
    goals = "your goal" if len(daily) == 1 else f"your {len(daily)} goals"
    return f"Across {goals}, {kept} of the {asked} days asked for were kept."
