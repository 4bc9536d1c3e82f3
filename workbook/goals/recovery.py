"""Days since: staying away from something, counted kindly.

A days-since goal keeps every stretch ("run") it has had: [{start, end, note}], the
current one with end None. Starting again closes the current stretch and opens a new
one; nothing earlier is ever removed, and the days of every stretch still count.

Days are whole days: a stretch that began on the 1st is 21 days long on the 22nd.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from typing import Any

from workbook.goals.clock import Clock, SystemClock, day_text, parse_day, stamp, today
from workbook.goals.model import GoalProblem


@dataclass(frozen=True)
class Stretch:
    start: date
    end: date | None  # None: still going
    days: int
    note: str = ""


@dataclass(frozen=True)
class DaysSince:
    current: int  # days in the stretch going on now
    since: date
    earlier: tuple[Stretch, ...]  # every earlier stretch, oldest first
    total: int  # days across every stretch, this one included
    longest: int

    def sentence(self) -> str:
        if self.current == 0:
            now = "Day one starts today."
        elif self.current == 1:
            now = "1 day since you began this stretch."
        else:
            now = f"{self.current} days since you began this stretch."
        if not self.earlier:
            return now
        count = len(self.earlier)
        before = "1 earlier stretch" if count == 1 else f"{count} earlier stretches"
        return f"{now} With {before}, that makes {self.total} days in all."


def runs_of(goal: dict[str, Any]) -> list[dict[str, Any]]:
    runs = goal.get("runs") or []
    if runs:
        return runs
    return [{"start": goal.get("start"), "end": None, "note": ""}]


def days_since(goal: dict[str, Any], on: date) -> DaysSince:
    stretches: list[Stretch] = []
    current: Stretch | None = None
    for run in runs_of(goal):
        start = parse_day(run.get("start"))
        if start is None:
            continue
        end = parse_day(run.get("end")) if run.get("end") else None
        days = max(0, ((end or on) - start).days)
        stretch = Stretch(start, end, days, str(run.get("note") or ""))
        if end is None:
            current = stretch
        else:
            stretches.append(stretch)
    if current is None:  # every stretch closed (should not happen): count from the last end
        last = max((s.end for s in stretches if s.end), default=on)
        current = Stretch(last, None, max(0, (on - last).days))
    earlier = tuple(sorted(stretches, key=lambda s: s.start))
    total = current.days + sum(s.days for s in earlier)
    longest = max([current.days, *(s.days for s in earlier)])
    return DaysSince(current.days, current.start, earlier, total, longest)


def start_again(
    goal: dict[str, Any], *, on: date | None = None, note: str = "", clock: Clock | None = None
) -> dict[str, Any]:
    """Close the current stretch on `on` (default today) and begin a new one that day.

    The closed stretch keeps its days and an optional note (what happened, what might
    help next time). GoalProblem if the day is before the current stretch began.
    """
    if goal["measure"]["kind"] != "days-since":
        raise GoalProblem("Only a days-since goal has a count to start again.")
    clock = clock or SystemClock()
    day = on or today(clock)
    updated = copy.deepcopy(goal)
    runs = [dict(r) for r in runs_of(updated)]
    current = next((r for r in reversed(runs) if not r.get("end")), None)
    if current is not None:
        began = parse_day(current.get("start"))
        if began is not None and day < began:
            raise GoalProblem(
                f"This stretch began on {began.isoformat()}; a new one can begin on that day or later."
            )
        current["end"] = day_text(day)
        if note.strip():
            current["note"] = str(note).strip()
    runs.append({"start": day_text(day), "end": None, "note": ""})
    updated["runs"] = runs
    updated["updated_at"] = stamp(clock)
    return updated
