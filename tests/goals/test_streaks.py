"""Streaks and rates that forgive, over generated days with known answers."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from workbook.goals.progress import DAY_GRACE, Marks, Rate, _best_streak, _current_streak, progress

from .conftest import at, days, goal

TODAY = date(2026, 11, 22)  # a Sunday


def answer(book, made, pattern: str, last: date = TODAY - timedelta(days=1)) -> None:
    """One character per day ending on `last`: y kept, n not, . no answer."""
    first = last - timedelta(days=len(pattern) - 1)
    answers = [(made, first + timedelta(days=i), ch == "y") for i, ch in enumerate(pattern) if ch != "."]
    book.save_checkins(answers)


def streak(book, made, full: bool = False):
    return book.progress(book.get(made["id"]), full=full)


def test_every_day_kept_is_a_streak_of_every_day(book) -> None:
    made = goal(book, start="2026-11-12")
    answer(book, made, "y" * 10)
    result = streak(book, made)
    assert result.streak.text() == "10 days"
    assert result.last_7 == Rate(7, 7) and result.last_30 == Rate(10, 10)


def test_today_unanswered_is_still_open_and_never_a_miss(book) -> None:
    made = goal(book, start="2026-11-19")
    answer(book, made, "yyy")
    before = streak(book, made)
    assert before.streak.length == 3 and before.last_7 == Rate(3, 3)
    book.save_checkins([(made, TODAY, True)])
    after = streak(book, made)
    assert after.streak.length == 4 and after.last_7 == Rate(4, 4)


def test_one_missed_day_does_not_end_a_streak(book) -> None:
    made = goal(book, start="2026-11-08")
    answer(book, made, "yyyyyynyyyyyyy")  # 14 days, one miss
    result = streak(book, made, full=True)
    assert result.streak.length == 13  # kept days in the streak; the missed one is forgiven, not counted
    assert result.last_7 == Rate(7, 7) and result.last_30 == Rate(13, 14)
    assert result.total_kept == 13


def test_yesterday_missed_is_forgiven_too(book) -> None:
    made = goal(book, start="2026-11-15")
    answer(book, made, "yyyyyy.")  # yesterday never answered
    result = streak(book, made)
    assert result.streak.length == 6
    assert result.last_7 == Rate(6, 7)


def test_two_misses_close_together_end_the_streak_but_nothing_else(book) -> None:
    made = goal(book, start="2026-11-01")
    answer(book, made, "yyyyyyyyyy" + "nyn" + "yyyyyyyy")  # 21 days
    result = streak(book, made, full=True)
    assert result.streak.length == 9  # the 8 after, and the one kept between the misses
    assert result.streak.best == 10 + 1
    assert result.total_kept == 19  # every kept day still counts
    assert result.last_30 == Rate(19, 21)


def test_misses_far_apart_are_each_forgiven(book) -> None:
    made = goal(book, start="2026-10-25")
    pattern = ("yyyyyyyn" * 3) + "yyyy"  # a miss every 8th day: always more than a week apart
    answer(book, made, pattern)
    assert streak(book, made).streak.length == pattern.count("y")


def test_catching_up_a_missed_day_mends_the_streak(book) -> None:
    made = goal(book, start="2026-11-10")
    answer(book, made, "yyyyyyyy..yy")  # two days not filled in: close together, so the streak is 2
    assert streak(book, made).streak.length == 2
    rows = [r for r in book.checkin_rows() if r.catch_up]
    assert [r.day for r in rows] == [date(2026, 11, 18), date(2026, 11, 19)]
    book.save_checkins([(made, date(2026, 11, 18), True), (made, date(2026, 11, 19), True)])
    assert streak(book, made).streak.length == 12
    assert not [r for r in book.checkin_rows() if r.catch_up]


def test_days_not_due_are_never_missed(book) -> None:
    made = goal(book, schedule={"kind": "weekdays", "days": [0, 2, 4]}, start="2026-11-02")  # Mon, Wed, Fri
    due = [d for d in days("2026-11-02", "2026-11-21") if d.weekday() in (0, 2, 4)]
    book.save_checkins([(made, d, True) for d in due])
    result = streak(book, made)
    assert result.streak.length == len(due) == 9
    assert result.last_7 == Rate(3, 3)
    assert not [r for r in book.checkin_rows() if r.catch_up]
    assert not book.checkin_rows()  # Sunday: nothing due today


def test_paused_days_are_not_missed(book, clock) -> None:
    made = goal(book, start="2026-11-01")
    answer(book, made, "yyyyy", last=date(2026, 11, 5))
    clock.moment = at("2026-11-06")
    book.set_status(made["id"], "paused")
    clock.moment = at("2026-11-16")
    book.set_status(made["id"], "active")
    clock.moment = at("2026-11-22")
    answer(book, made, "yyyyyy")  # 16th to 21st
    result = streak(book, made)
    assert result.streak.length == 11
    assert result.last_30 == Rate(11, 11)


def test_weekly_goals_count_weeks_and_forgive_one_in_four(book) -> None:
    made = goal(book, schedule={"kind": "weekly", "times": 3}, start="2026-10-05")  # a Monday
    kept_weeks = [True, True, False, True, True, True]  # weeks from 5 Oct to 9 Nov; 16 Nov is this week
    answers = []
    for week, kept in enumerate(kept_weeks):
        monday = date(2026, 10, 5) + timedelta(days=7 * week)
        for offset in (0, 2, 4) if kept else (0,):
            answers.append((made, monday + timedelta(days=offset), True))
    book.save_checkins(answers)
    result = streak(book, made, full=True)
    # This week (16-22 Nov) is still open; the one missed week (19 Oct) is forgiven.
    assert result.streak.unit == "week" and result.streak.length == 5
    assert result.this_week == (0, 3) and result.total_kept == 5
    book.save_checkins([(made, date(2026, 11, 16), True), (made, date(2026, 11, 18), True)])
    assert streak(book, made).streak.length == 5 and streak(book, made).this_week == (2, 3)
    book.save_checkins([(made, date(2026, 11, 20), True)])
    assert streak(book, made).streak.length == 6  # this week is met, so it counts now


def test_a_per_week_count_adds_the_weeks_meetings(book) -> None:
    made = goal(book, "Meetings", {"kind": "count", "target": 2, "per": "week", "unit": "meetings"},
                {"kind": "weekly"}, start="2026-11-09")
    book.save_checkins([(made, date(2026, 11, 10), 1), (made, date(2026, 11, 12), 1),
                        (made, date(2026, 11, 17), 2)])
    result = streak(book, made)
    assert result.streak.length == 2 and result.this_week == (2, 2)  # 9-15 Nov: 1 + 1; this week: 2
    book.save_checkins([(made, TODAY, 1)])
    assert streak(book, made).this_week == (3, 2)
    assert streak(book, made).last_7 == Rate(3, 2)


def test_a_rate_counts_what_was_kept_of_what_was_asked() -> None:
    assert Rate(5, 7).text() == "5/7" and Rate(5, 7).share == pytest.approx(5 / 7)
    assert Rate(0, 0).text() == "—" and Rate(0, 0).share is None
    assert Rate(4, 2).share == 1.0


def test_the_forward_and_backward_streaks_agree_on_random_days() -> None:
    rng = random.Random(5)
    for _ in range(300):
        sequence = [rng.random() < 0.8 for _ in range(rng.randint(0, 60))]
        backward, _ = _current_streak(reversed(sequence), DAY_GRACE)
        # the longest streak is at least the current one, and the current one is the best
        # streak of the sequence's tail ending now
        assert _best_streak(sequence, DAY_GRACE) >= backward
        tails = [_current_streak(reversed(sequence[:end]), DAY_GRACE)[0] for end in range(len(sequence) + 1)]
        assert max(tails, default=0) == _best_streak(sequence, DAY_GRACE)


def test_marks_grow_both_ways_and_shrink_when_cleared() -> None:
    marks = Marks()
    marks.set(date(2026, 11, 10), 1)
    marks.set(date(2026, 11, 7), 0)
    marks.set(date(2026, 11, 12), 3)
    assert marks.first == date(2026, 11, 7) and marks.marks == "0..1.3"
    assert marks.credit(date(2026, 11, 12)) == 3 and marks.credit(date(2026, 11, 8)) is None
    assert marks.span(date(2026, 11, 5), date(2026, 11, 13)) == "..0..1.3."
    marks.set(date(2026, 11, 12), None)
    assert marks.marks == "0..1" and Marks.from_record(marks.record()).marks == "0..1"
    assert Marks.from_record({"from": "2026-11-07", "marks": "0?1"}).first is None  # damaged: worked out again


def test_two_years_of_days_stay_correct(book, clock) -> None:
    rng = random.Random(9)
    made = goal(book, start="2024-11-22")
    pattern = "".join("y" if rng.random() < 0.9 else "n" for _ in range(730))
    answer(book, made, pattern)
    result = streak(book, made, full=True)
    expected_current, _ = _current_streak((ch == "y" for ch in reversed(pattern)), DAY_GRACE)
    assert result.streak.length == expected_current
    assert result.total_kept == pattern.count("y")
    assert result.last_30 == Rate(pattern[-30:].count("y"), 30)
