"""A week's own data beside its reflection, and signs of progress over time. Pure functions.

Every finding comes with one plain sentence that states it: facts, no praise or blame.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Iterable

from workbook.insights.goals import GoalWeek, goals_sentence

SIGNS: tuple[tuple[str, str], ...] = (
    ("openness", "openness with people you trust"),
    ("words", "putting feelings into words"),
    ("hard_topics", "facing hard topics"),
    ("distress", "level of distress"),
    ("coping", "new coping habits"),
)
SIGN_NAMES = dict(SIGNS)
LOWER_IS_EASIER = {"distress"}  # for distress, a lower number means less of it
REFLECTION_ID = "weekly-reflection"


def week_of(day: date) -> date:
    """The Monday that starts the week holding `day`."""
    return day - timedelta(days=day.weekday())


def _local_day(entry: dict[str, Any]) -> date | None:
    """The day an entry was finished, as written (its own local date)."""
    try:
        return datetime.fromisoformat(str(entry.get("finished_at"))).date()
    except ValueError:
        return None


def entries_in_week(entries_newest_first: Iterable[dict[str, Any]], monday: date) -> list[dict[str, Any]]:
    """The entries finished in the week starting `monday`; stops reading once past it."""
    sunday = monday + timedelta(days=6)
    found: list[dict[str, Any]] = []
    older_in_a_row = 0
    for entry in entries_newest_first:
        day = _local_day(entry)
        if day is None:
            continue
        if day < monday:
            # Entries come newest first by instant; a few from another time zone may sit
            # out of order, so stop only after a run of older ones.
            older_in_a_row += 1
            if older_in_a_row >= 20:
                break
            continue
        older_in_a_row = 0
        if day <= sunday:
            found.append(entry)
    return found


@dataclass(frozen=True)
class Distress:
    sessions: int  # grounding sessions with a rating before and after
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    def sentence(self) -> str:
        if not self.sessions:
            return "No grounding sessions with a distress rating before and after this week."
        count = "1 grounding session" if self.sessions == 1 else f"{self.sessions} grounding sessions"
        assert self.before is not None and self.after is not None
        return (
            f"{count} this week; distress was {_num(self.before)} on average before "
            f"and {_num(self.after)} after (out of 10)."
        )


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def distress_of(entries: Iterable[dict[str, Any]]) -> Distress:
    pairs: list[tuple[int, int]] = []
    for entry in entries:
        answers = entry.get("answers") or {}
        before, after = answers.get("distress_before"), answers.get("distress_after")
        if _rating(before) and _rating(after):
            pairs.append((before, after))
    if not pairs:
        return Distress(0, None, None)
    return Distress(
        len(pairs), sum(b for b, _ in pairs) / len(pairs), sum(a for _, a in pairs) / len(pairs)
    )


def _rating(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass
class WeekSummary:
    monday: date
    entries: int
    by_exercise: list[tuple[str, int]]
    goals: list[GoalWeek]
    distress: Distress
    reflections: list[dict[str, Any]] = field(default_factory=list)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    def entries_sentence(self) -> str:
        if not self.entries:
            return "No exercises were finished this week."
        parts = ", ".join(f"{count} × {title}" for title, count in self.by_exercise)
        total = "1 exercise" if self.entries == 1 else f"{self.entries} exercises"
        return f"{total} finished: {parts}."

    def goals_sentence(self) -> str:
        return goals_sentence(self.goals)

    def lines(self) -> list[str]:
        lines = [self.entries_sentence(), self.goals_sentence()]
        for row in self.goals:
            lines.append(f"  - {row.title}: {row.text()}")
        lines.append(self.distress.sentence())
        return lines


def week_summary(entries: list[dict[str, Any]], goals: list[GoalWeek], monday: date) -> WeekSummary:
    titles = Counter(str(e.get("exercise_title") or e.get("exercise_id") or "an exercise") for e in entries)
    reflections = sorted(
        (e for e in entries if e.get("exercise_id") == REFLECTION_ID), key=lambda e: str(e.get("finished_at"))
    )
    return WeekSummary(
        monday, len(entries), titles.most_common(), goals, distress_of(entries), reflections
    )


# -- signs of progress --------------------------------------------------------------------------
@dataclass(frozen=True)
class Rating:
    day: date
    values: dict[str, int]


def ratings_from_rows(rows: Iterable[tuple[str, dict[str, Any]]]) -> list[Rating]:
    """Index rows of signs-of-progress entries -> ratings, oldest first."""
    ratings: list[Rating] = []
    for _, row in rows:
        try:
            day = datetime.fromisoformat(str(row.get("finished_at"))).date()
        except ValueError:
            continue
        values = {k: v for k, v in (row.get("ratings") or {}).items() if k in SIGN_NAMES and _rating(v)}
        if values:
            ratings.append(Rating(day, values))
    return sorted(ratings, key=lambda r: r.day)


def series(ratings: list[Rating], sign: str) -> list[tuple[date, int]]:
    return [(r.day, r.values[sign]) for r in ratings if sign in r.values]


def _ends(points: list[tuple[date, int]]) -> tuple[float, float]:
    """Where a sign began and where it is now: the mean of the first and last two, with four or more."""
    values = [v for _, v in points]
    if len(values) >= 4:
        return (values[0] + values[1]) / 2, (values[-1] + values[-2]) / 2
    return values[0], values[-1]


def signs_finding(ratings: list[Rating]) -> str:
    """One plain sentence about how the signs have moved."""
    if not ratings:
        return "No ratings yet. Rate the five signs now and again to see how they move."
    if len(ratings) == 1:
        return "This is your first rating. Rate again in a week or two to see how things move."
    span = f"your {len(ratings)} ratings since {ratings[0].day.strftime('%d %B %Y').lstrip('0')}"
    moves: list[tuple[float, str, float, float]] = []
    for sign, name in SIGNS:
        points = series(ratings, sign)
        if len(points) < 2:
            continue
        start, now = _ends(points)
        moves.append((now - start, name, start, now))
    if not moves:
        return f"Across {span}, no sign has been rated twice yet."
    biggest = max(moves, key=lambda m: abs(m[0]))
    if abs(biggest[0]) < 1:
        return f"Across {span}, the five signs have stayed about the same."
    change, name, start, now = biggest
    direction = "gone up" if change > 0 else "come down"
    return f"Across {span}, {name} has moved the most: it has {direction} from {_num(start)} to {_num(now)}."
