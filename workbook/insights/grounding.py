"""What grounding sessions show over time: distress before and after, and what helps most.

Pure functions over stored entries (no Textual, no store). A grounding session is a
finished entry in the "grounding" category; its distress ratings are the answers
`distress_before` and `distress_after` (0-10 scales with `measure: distress`). The
drop is before minus after: positive when distress eased, negative when it rose.

Everything here describes; nothing praises or blames a number.

"Still high" (when the completion screen gently offers crisis contacts) is decided
here, once, for both front-ends: distress after is 7 or more, or it is 5 or more and
not lower than before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable

BEFORE = "distress_before"
AFTER = "distress_after"
CATEGORY = "grounding"

# Fewer sessions than this with both ratings: an average would say more about chance
# than about the technique, so it is shown as "not enough sessions yet".
ENOUGH_SESSIONS = 3
STILL_HIGH_AT = 7  # after this high, whatever it was before
STILL_HIGH_UNCHANGED_AT = 5  # after this high and not lower than before


def _rating(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return int(value)


def distress_pair(entry: dict[str, Any]) -> tuple[int | None, int | None]:
    """(before, after) from an entry's answers; None for a rating that was skipped."""
    answers = entry.get("answers") or {}
    if not isinstance(answers, dict):
        return None, None
    return _rating(answers.get(BEFORE)), _rating(answers.get(AFTER))


def still_high(before: int | None, after: int | None) -> bool:
    """True when distress at the end is high enough to gently offer people to contact."""
    if after is None:
        return False
    if after >= STILL_HIGH_AT:
        return True
    return after >= STILL_HIGH_UNCHANGED_AT and (before is None or after >= before)


def points(n: float) -> str:
    """'1 point', '2.5 points': numbers as plain words, one decimal at most."""
    text = f"{n:.1f}".rstrip("0").rstrip(".")
    return f"{text} point" + ("" if text == "1" else "s")


def change_words(before: int | None, after: int | None) -> str:
    """The change in a few neutral words: '3 points lower', 'the same', '1 point higher', '—'."""
    if before is None or after is None:
        return "—"
    if after < before:
        return f"{points(before - after)} lower"
    if after > before:
        return f"{points(after - before)} higher"
    return "the same"


@dataclass(frozen=True)
class Session:
    entry_id: str
    exercise_id: str
    title: str
    finished_at: str
    before: int | None
    after: int | None

    @property
    def drop(self) -> int | None:
        """before - after: how far distress eased (negative when it rose); None without both."""
        if self.before is None or self.after is None:
            return None
        return self.before - self.after

    @property
    def moment(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self.finished_at)
        except (TypeError, ValueError):
            return None


def session_from_entry(entry: dict[str, Any]) -> Session | None:
    if entry.get("category") != CATEGORY:
        return None
    before, after = distress_pair(entry)
    exercise_id = str(entry.get("exercise_id") or "")
    return Session(
        entry_id=str(entry.get("id") or ""),
        exercise_id=exercise_id,
        title=str(entry.get("exercise_title") or exercise_id or "Grounding"),
        finished_at=str(entry.get("finished_at") or ""),
        before=before,
        after=after,
    )


def grounding_sessions(entries: Iterable[dict[str, Any]]) -> list[Session]:
    """Every grounding session, newest first (by when it finished)."""
    sessions = [s for s in map(session_from_entry, entries) if s is not None]
    # Stable sort on the ISO text: the store already gives newest first, this only guards it.
    sessions.sort(key=lambda s: s.finished_at, reverse=True)
    return sessions


def measured(sessions: Iterable[Session]) -> list[Session]:
    """The sessions with both ratings, oldest first (the order a chart reads)."""
    return [s for s in reversed(list(sessions)) if s.drop is not None]


@dataclass(frozen=True)
class Technique:
    exercise_id: str
    title: str  # the newest title it was done under
    sessions: int  # sessions with both ratings
    average_drop: float | None  # None below ENOUGH_SESSIONS

    @property
    def enough(self) -> bool:
        return self.average_drop is not None

    def describe(self) -> str:
        counted = f"{self.sessions} session" + ("" if self.sessions == 1 else "s")
        if self.average_drop is None:
            return f"not enough sessions yet ({counted} with both ratings; an average needs {ENOUGH_SESSIONS})"
        return f"{average_words(self.average_drop)} on average, over {counted}"


def average_words(drop: float) -> str:
    if round(drop, 1) > 0:
        return f"{points(drop)} lower"
    if round(drop, 1) < 0:
        return f"{points(-drop)} higher"
    return "about the same"


def techniques(sessions: Iterable[Session]) -> list[Technique]:
    """Average drop per exercise, the ones that eased distress most first.

    Techniques with too few sessions for an average come last, most-used first.
    """
    drops: dict[str, list[int]] = {}
    titles: dict[str, str] = {}
    for session in sessions:  # newest first, so the first title seen is the current one
        titles.setdefault(session.exercise_id, session.title)
        if session.drop is not None:
            drops.setdefault(session.exercise_id, []).append(session.drop)
        else:
            drops.setdefault(session.exercise_id, [])
    result = [
        Technique(
            exercise_id=exercise_id,
            title=titles[exercise_id],
            sessions=len(values),
            average_drop=sum(values) / len(values) if len(values) >= ENOUGH_SESSIONS else None,
        )
        for exercise_id, values in drops.items()
    ]
    result.sort(key=lambda t: (not t.enough, -(t.average_drop or 0), -t.sessions, t.title.casefold()))
    return result


def finding(sessions: list[Session]) -> str:
    """One plain sentence about distress before and after, over time."""
    both = measured(sessions)
    if not both:
        if sessions:
            return (
                "Your grounding sessions are listed below; once one has a rating both before and after, "
                "the change will show here."
            )
        return "No grounding sessions yet. After one, your ratings before and after will show here."
    count = len(both)
    counted = f"{count} session" + ("" if count == 1 else "s")
    average = sum(s.drop for s in both if s.drop is not None) / count
    if average_words(average) == "about the same":
        overall = f"Across {counted} with both ratings, your distress was about the same at the end as at the start"
    else:
        overall = (
            f"Across {counted} with both ratings, your distress was on average "
            f"{average_words(average)} at the end than at the start"
        )
    if count < 2 * ENOUGH_SESSIONS:
        return overall + "."
    half = count // 2
    earlier, recent = both[:half], both[half:]
    earlier_avg = sum(s.drop or 0 for s in earlier) / len(earlier)
    recent_avg = sum(s.drop or 0 for s in recent) / len(recent)
    return (
        f"{overall}; in the more recent {len(recent)} it was {average_words(recent_avg)} on average, "
        f"and in the earlier {len(earlier)}, {average_words(earlier_avg)}."
    )


@dataclass(frozen=True)
class Point:
    """One point of the chart: a session, or a week of sessions when there are many."""

    label: str  # the day (YYYY-MM-DD) of the session, or of the week's first session
    drop: float
    sessions: int


def drop_over_time(sessions: Iterable[Session], most: int = 60) -> list[Point]:
    """The change in distress over time, oldest first: one point per session, or, when
    there are more than `most`, the average of each week (a chart of thousands of
    points says less and takes longer to draw)."""
    both = measured(sessions)
    if len(both) <= most:
        return [Point(s.finished_at[:10], float(s.drop or 0), 1) for s in both]
    weeks: dict[tuple[int, int], list[Session]] = {}
    for session in both:
        moment = session.moment
        key = tuple(moment.isocalendar())[:2] if moment else (0, 0)
        weeks.setdefault(key, []).append(session)  # type: ignore[arg-type]
    return [
        Point(group[0].finished_at[:10], sum(s.drop or 0 for s in group) / len(group), len(group))
        for group in weeks.values()
    ]
