"""Streaks and rates that forgive, from a goal's compact day marks.

Marks: one character per day from a first day, kept in a small table and updated on
every save, so a streak of two years needs no two years of check-ins read:
"." no answer, "0" answered but not met, "1".."z" met (for a per-week count: how many).

Forgiving, on purpose:
- a streak survives one missed day in any 7 due days (one missed week in any 4, for
  weekly goals); it only ends when misses come close together;
- today (and this week) is still open: not answering yet is never a miss;
- paused days and days before the start are not due, so never missed;
- the last 7 and 30 days' rates and the total kept are shown beside the streak, so a
  missed day never wipes out what has been done.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from workbook.goals.clock import parse_day, week_start
from workbook.goals.recovery import DaysSince, days_since
from workbook.goals.schedule import active_flags, due_flags, week_need, weekly

DAY_GRACE = 7  # one missed due day in any 7 is forgiven
WEEK_GRACE = 4  # one missed week in any 4 is forgiven
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
NO_ANSWER = "."
_VALID = frozenset(_DIGITS + NO_ANSWER)
_CREDIT = {**{ch: value for value, ch in enumerate(_DIGITS)}, NO_ANSWER: 0}  # "." adds nothing
_NOT_KEPT = frozenset(NO_ANSWER + "0")


# -- marks ----------------------------------------------------------------------------------------
def mark_for(credit: int | None) -> str:
    if credit is None:
        return NO_ANSWER
    return _DIGITS[max(0, min(int(credit), len(_DIGITS) - 1))]


def credit_of(mark: str) -> int | None:
    return None if mark == NO_ANSWER else _DIGITS.index(mark)


class Marks:
    """One goal's marks: a first day and a string, one character per day."""

    def __init__(self, first: date | None = None, marks: str = "") -> None:
        self.first = first
        self.marks = marks

    @classmethod
    def from_record(cls, record: dict[str, Any] | None) -> Marks:
        if not record:
            return cls()
        first = parse_day(record.get("from"))
        marks = str(record.get("marks") or "")
        if first is None or not _VALID.issuperset(marks):
            return cls()
        return cls(first, marks)

    def record(self) -> dict[str, Any]:
        return {"from": self.first.isoformat() if self.first else None, "marks": self.marks}

    def credit(self, day: date) -> int | None:
        if self.first is None:
            return None
        index = (day - self.first).days
        if index < 0 or index >= len(self.marks):
            return None
        return credit_of(self.marks[index])

    def answered(self, day: date) -> bool:
        return self.credit(day) is not None

    def set(self, day: date, credit: int | None) -> None:
        if self.first is None:
            if credit is None:
                return
            self.first, self.marks = day, ""
        if day < self.first:
            if credit is None:
                return
            self.marks = NO_ANSWER * (self.first - day).days + self.marks
            self.first = day
        index = (day - self.first).days
        if index >= len(self.marks):
            if credit is None:
                return
            self.marks += NO_ANSWER * (index - len(self.marks) + 1)
        self.marks = self.marks[:index] + mark_for(credit) + self.marks[index + 1:]
        self.marks = self.marks.rstrip(NO_ANSWER)
        if not self.marks:
            self.first = None

    def span(self, first: date, last: date) -> str:
        """The marks for every day from first to last ("." where there is none)."""
        length = (last - first).days + 1
        if length <= 0:
            return ""
        if self.first is None:
            return NO_ANSWER * length
        offset = (first - self.first).days
        if offset >= 0:
            text = self.marks[offset:offset + length]
        else:
            text = NO_ANSWER * min(-offset, length) + self.marks[: max(0, length + offset)]
        return text + NO_ANSWER * (length - len(text))

    @property
    def last(self) -> date | None:
        if self.first is None or not self.marks:
            return None
        return self.first + timedelta(days=len(self.marks) - 1)


# -- results ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Rate:
    kept: float
    expected: float

    @property
    def share(self) -> float | None:
        return None if self.expected <= 0 else min(1.0, self.kept / self.expected)

    def text(self) -> str:
        if self.expected <= 0:
            return "—"
        expected = round(self.expected)
        return f"{_whole(self.kept)}/{max(1, expected)}"


def _whole(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


@dataclass(frozen=True)
class Streak:
    length: int
    unit: str  # "day" or "week"
    best: int

    def text(self) -> str:
        unit = self.unit if self.length == 1 else self.unit + "s"
        return f"{self.length} {unit}"


@dataclass(frozen=True)
class Progress:
    streak: Streak | None
    last_7: Rate | None
    last_30: Rate | None
    total_kept: int | None  # days kept (weeks kept, for weekly goals), ever; worked out when asked for
    this_week: tuple[int, int] | None = None  # (so far, what the week asks), weekly goals
    days_since: DaysSince | None = None


def progress(goal: dict[str, Any], marks: Marks, today: date, full: bool = False) -> Progress:
    """Streak and rates; with `full`, also the longest streak and the total kept (reads every day)."""
    if goal["measure"]["kind"] == "days-since":
        return Progress(None, None, None, None, None, days_since(goal, today))
    if weekly(goal):
        return _weekly_progress(goal, marks, today, full)
    return _daily_progress(goal, marks, today, full)


def _current_streak(kept_newest_first, grace: int) -> tuple[int, bool]:
    """Walk back from the newest period; one miss is forgiven unless another came within `grace`.

    Returns (length, ended): `ended` is False when the periods ran out first.
    """
    length, previous_miss = 0, None
    for index, kept in enumerate(kept_newest_first):
        if kept:
            length += 1
        elif previous_miss is not None and index - previous_miss < grace:
            return length, True
        else:
            previous_miss = index
    return length, False


def _best_streak(sequence: list[bool], grace: int) -> int:
    """The longest streak over kept/missed periods, oldest first, with the same forgiveness."""
    cut, previous_miss, best = -1, None, 0
    kept_before = [0]
    for kept in sequence:
        kept_before.append(kept_before[-1] + (1 if kept else 0))
    for index, kept in enumerate(sequence):
        if not kept:
            if previous_miss is not None and index - previous_miss < grace:
                cut = previous_miss
            previous_miss = index
        best = max(best, kept_before[index + 1] - kept_before[cut + 1])
    return best


def _last_day(marks: Marks, today: date) -> date:
    """Today, or a later day already answered (after flying west, "tomorrow" may be filled in)."""
    last = marks.last
    return max(today, last) if last else today


RECENT_DAYS = 120  # most streaks are decided within this; longer ones read further back


def _daily_kept(goal: dict[str, Any], marks: Marks, today: date, newest_first: bool, since: date | None = None):
    """Kept or missed for every due day (from `since`); today (unanswered) is still open, so left out."""
    start = parse_day(goal["start"]) or today
    first = max(start, since) if since else start
    end = _last_day(marks, today)
    if first > end:
        return
    text = marks.span(first, end)
    flags = due_flags(goal, first, end)
    open_from = (today - first).days  # today and later count only once answered
    offsets = range(len(text) - 1, -1, -1) if newest_first else range(len(text))
    for offset in offsets:
        if flags[offset]:
            mark = text[offset]
            if offset < open_from or mark != NO_ANSWER:
                yield mark not in _NOT_KEPT


def _daily_progress(goal: dict[str, Any], marks: Marks, today: date, full: bool) -> Progress:
    # The current streak walks back only as far as it goes: the recent days first, and all
    # of them only for a streak longer than that (or for the details).
    current, ended = _current_streak(
        _daily_kept(goal, marks, today, True, today - timedelta(days=RECENT_DAYS)), DAY_GRACE
    )
    if not ended:
        current, _ = _current_streak(_daily_kept(goal, marks, today, True), DAY_GRACE)
    best, total = current, None
    if full:
        sequence = list(_daily_kept(goal, marks, today, newest_first=False))
        best, total = max(current, _best_streak(sequence, DAY_GRACE)), sum(sequence)
    return Progress(
        Streak(current, "day", best),
        _daily_rate(goal, marks, today, 7),
        _daily_rate(goal, marks, today, 30),
        total,
    )


def _window_end(marks: Marks, today: date) -> date:
    """The last day a rate counts: today once answered, else yesterday (today is still open)."""
    return today if marks.answered(today) else today - timedelta(days=1)


def _daily_rate(goal: dict[str, Any], marks: Marks, today: date, width: int) -> Rate:
    """Kept of due, over the last `width` days that count."""
    last = _window_end(marks, today)
    first = last - timedelta(days=width - 1)
    text = marks.span(first, last)
    due = due_flags(goal, first, last)
    counted = sum(due)
    kept = sum(1 for mark, is_due in zip(text, due) if is_due and mark not in _NOT_KEPT)
    return Rate(kept, counted)


def _weeks_newest_first(goal: dict[str, Any], marks: Marks, today: date, need: int, since: date | None = None):
    """(monday, what the week got, what it asked) for each week with an active day, newest first."""
    start = parse_day(goal["start"]) or today
    end = _last_day(marks, today)
    first_monday = week_start(max(start, since) if since else start)
    last_monday = week_start(end)
    flags = active_flags(goal, first_monday, last_monday + timedelta(days=6))
    text = marks.span(first_monday, last_monday + timedelta(days=6))
    for week in range(len(flags) // 7 - 1, -1, -1):
        active = flags[7 * week: 7 * week + 7]
        days = sum(active)
        if not days:
            continue
        chunk = text[7 * week: 7 * week + 7]
        if days == 7:
            got = sum(map(_CREDIT.__getitem__, chunk))
        else:
            got = sum(_CREDIT[mark] for mark, on in zip(chunk, active) if on)
        yield first_monday + timedelta(days=7 * week), got, max(1, math.ceil(need * days / 7))


def _weekly_progress(goal: dict[str, Any], marks: Marks, today: date, full: bool) -> Progress:
    need = week_need(goal)
    this_monday = week_start(today)
    this_week: tuple[int, int] | None = None

    def kept_weeks(since: date | None = None):
        nonlocal this_week
        for monday, got, asks in _weeks_newest_first(goal, marks, today, need, since):
            if monday == this_monday:
                this_week = (got, asks)
            if got >= asks or monday < this_monday:  # this week is still open until it is met
                yield got >= asks

    current, _ = _current_streak(kept_weeks(), WEEK_GRACE)  # at most a hundred weeks or so: quick
    best, total = current, None
    if full:
        sequence = list(reversed(list(kept_weeks())))
        best, total = max(current, _best_streak(sequence, WEEK_GRACE)), sum(sequence)
    return Progress(
        Streak(current, "week", best),
        _weekly_rate(goal, marks, today, 7, need),
        _weekly_rate(goal, marks, today, 30, need),
        total,
        this_week or (0, need),
    )


def _weekly_rate(goal: dict[str, Any], marks: Marks, today: date, width: int, need: int) -> Rate:
    """What was done of what the weeks asked, pro rata, over the last `width` days that count."""
    last = _window_end(marks, today)
    first = last - timedelta(days=width - 1)
    text = marks.span(first, last)
    active = active_flags(goal, first, last)
    kept = sum(_CREDIT[mark] for mark, on in zip(text, active) if on)
    return Rate(kept, need * sum(active) / 7)
