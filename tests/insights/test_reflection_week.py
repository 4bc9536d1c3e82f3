"""The weekly reflection's summary, and signs of progress, on hand-made data with known answers."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from workbook.goals import GoalBook, ManualClock, make_goal
from workbook.goals.weekly import load_week
from workbook.insights.goals import GoalWeek
from workbook.insights.reflection import (
    Rating,
    distress_of,
    entries_in_week,
    ratings_from_rows,
    series,
    signs_finding,
    week_of,
    week_summary,
)
from workbook.store.memory import MemoryStore

MONDAY = date(2026, 11, 16)


def entry(exercise_id: str, title: str, when: str, **answers) -> dict:
    return {"id": f"{when[:7]}-{exercise_id}-{when}", "exercise_id": exercise_id, "exercise_title": title,
            "finished_at": when, "answers": answers, "prompts": {k: f"Prompt {k}" for k in answers}}


WEEK = [
    entry("weekly-reflection", "Weekly reflection", "2026-11-22T20:00:00+01:00", went_well=["a walk"], focus="rest"),
    entry("five-senses", "5-4-3-2-1 senses", "2026-11-21T09:00:00+01:00", distress_before=8, distress_after=4),
    entry("box-breathing", "Box breathing", "2026-11-19T09:00:00+01:00", distress_before=6, distress_after=5),
    entry("five-senses", "5-4-3-2-1 senses", "2026-11-18T09:00:00+01:00", distress_before=7),  # no after: left out
    entry("trigger-journal", "Trigger journal", "2026-11-17T09:00:00+01:00", intensity=7),
    entry("trigger-journal", "Trigger journal", "2026-11-16T00:10:00+01:00", intensity=5),
]
BEFORE = [entry("trigger-journal", "Trigger journal", f"2026-11-{d:02d}T23:00:00+01:00") for d in range(15, 5, -1)]


def test_the_weeks_entries_are_found_and_reading_stops_after_the_week() -> None:
    read: list[dict] = []

    def newest_first():
        for e in WEEK + BEFORE:
            read.append(e)
            yield e

    found = entries_in_week(newest_first(), MONDAY)
    assert [e["finished_at"][:10] for e in found] == ["2026-11-22", "2026-11-21", "2026-11-19", "2026-11-18",
                                                      "2026-11-17", "2026-11-16"]
    assert len(read) == len(WEEK) + len(BEFORE)  # fewer than 20 older ones: all read, none kept
    assert week_of(date(2026, 11, 22)) == MONDAY and week_of(MONDAY) == MONDAY


def test_the_summary_counts_entries_and_distress() -> None:
    summary = week_summary(WEEK, [], MONDAY)
    assert summary.entries == 6
    assert summary.by_exercise == [("5-4-3-2-1 senses", 2), ("Trigger journal", 2), ("Weekly reflection", 1),
                                   ("Box breathing", 1)]
    assert summary.entries_sentence() == (
        "6 exercises finished: 2 × 5-4-3-2-1 senses, 2 × Trigger journal, 1 × Weekly reflection, 1 × Box breathing.")
    assert (summary.distress.sessions, summary.distress.before, summary.distress.after) == (2, 7.0, 4.5)
    assert summary.distress.change == -2.5
    assert summary.distress.sentence() == (
        "2 grounding sessions this week; distress was 7 on average before and 4.5 after (out of 10).")
    assert [r["exercise_id"] for r in summary.reflections] == ["weekly-reflection"]
    assert summary.sunday == date(2026, 11, 22)


def test_an_empty_week_says_so_plainly() -> None:
    summary = week_summary([], [], MONDAY)
    assert summary.lines() == [
        "No exercises were finished this week.",
        "No goals were running this week.",
        "No grounding sessions with a distress rating before and after this week.",
    ]
    assert distress_of([entry("x", "X", "2026-11-17T09:00:00+01:00", distress_before=True, distress_after=3)]).sessions == 0


def test_the_weeks_goals_are_counted_from_their_marks() -> None:
    clock = ManualClock(datetime(2026, 11, 22, 21, 0, tzinfo=timezone(timedelta(hours=1))))
    book = GoalBook(MemoryStore(), clock)
    walk = book.save(make_goal("Walk", {"kind": "done"}, start="2026-11-01", clock=clock))
    gym = book.save(make_goal("Gym", {"kind": "done"}, {"kind": "weekdays", "days": [0, 3]}, start="2026-11-01",
                              clock=clock, existing_ids=book.ids()))
    meet = book.save(make_goal("Meetings", {"kind": "count", "target": 2, "per": "week", "unit": "meetings"},
                               {"kind": "weekly"}, start="2026-11-01", clock=clock, existing_ids=book.ids()))
    sober = book.save(make_goal("Sober", {"kind": "days-since"}, start="2026-11-10", clock=clock,
                                existing_ids=book.ids()))
    late = book.save(make_goal("Later", {"kind": "done"}, start="2026-11-30", clock=clock, existing_ids=book.ids()))
    days = [MONDAY + timedelta(days=i) for i in range(7)]
    book.save_checkins([(walk, d, d.day % 2 == 0) for d in days])  # 16, 18, 20, 22 kept
    book.save_checkins([(gym, MONDAY, True), (meet, days[1], 1), (meet, days[4], 2)])
    for store_entry in WEEK:
        book.store.save_entry(store_entry)
    summary = load_week(book, date(2026, 11, 19))
    rows = {row.title: row for row in summary.goals}
    assert set(rows) == {"Walk", "Gym", "Meetings", "Sober"}  # "Later" had not started
    assert (rows["Walk"].kept, rows["Walk"].asked, rows["Walk"].text()) == (4, 7, "4 of 7 days")
    assert (rows["Gym"].kept, rows["Gym"].asked) == (1, 2)
    assert rows["Meetings"].text() == "3 of 2 meetings" and rows["Meetings"].met
    assert rows["Sober"].text() == "12 days in this stretch"
    assert summary.goals_sentence() == "Across your 2 goals, 5 of the 9 days asked for were kept."
    assert summary.entries == 6 and summary.distress.sessions == 2
    assert summary.lines()[2] == "  - Walk: 4 of 7 days"


def test_this_weeks_goals_count_only_days_so_far(book_today=date(2026, 11, 18)) -> None:
    clock = ManualClock(datetime(2026, 11, 18, 9, 0, tzinfo=timezone(timedelta(hours=1))))
    book = GoalBook(MemoryStore(), clock)
    walk = book.save(make_goal("Walk", {"kind": "done"}, start="2026-11-01", clock=clock))
    book.save_checkins([(walk, MONDAY, True), (walk, MONDAY + timedelta(days=1), True)])
    [row] = load_week(book, book_today).goals
    assert (row.kept, row.asked) == (2, 2)  # Wednesday (today) is still open; later days not yet due
    assert isinstance(row, GoalWeek)


def rating(day: str, **values: int) -> Rating:
    return Rating(date.fromisoformat(day), values)


def test_signs_of_progress_state_their_finding_in_one_sentence() -> None:
    assert signs_finding([]) == "No ratings yet. Rate the five signs now and again to see how they move."
    one = [rating("2026-09-01", openness=3)]
    assert signs_finding(one) == "This is your first rating. Rate again in a week or two to see how things move."
    moving = [
        rating("2026-09-01", openness=3, words=2, hard_topics=4, distress=8, coping=2),
        rating("2026-09-15", openness=3, words=3, hard_topics=4, distress=8, coping=3),
        rating("2026-10-01", openness=4, words=5, hard_topics=4, distress=6, coping=3),
        rating("2026-10-15", openness=4, words=7, hard_topics=5, distress=6, coping=4),
    ]
    assert signs_finding(moving) == (
        "Across your 4 ratings since 1 September 2026, putting feelings into words has moved the most: "
        "it has gone up from 2.5 to 6.")
    assert series(moving, "distress")[-1] == (date(2026, 10, 15), 6)
    falling = [rating("2026-09-01", distress=9), rating("2026-09-08", distress=4)]
    assert signs_finding(falling) == (
        "Across your 2 ratings since 1 September 2026, level of distress has moved the most: "
        "it has come down from 9 to 4.")
    steady = [rating("2026-09-01", openness=5), rating("2026-09-08", openness=5)]
    assert "stayed about the same" in signs_finding(steady)


def test_ratings_come_from_index_rows_oldest_first() -> None:
    rows = [("b", {"finished_at": "2026-10-01T10:00:00+01:00", "ratings": {"openness": 5, "bogus": 3}}),
            ("a", {"finished_at": "2026-09-01T10:00:00+01:00", "ratings": {"words": 2}}),
            ("c", {"finished_at": "not a date", "ratings": {"words": 2}}),
            ("d", {"finished_at": "2026-09-02T10:00:00+01:00", "ratings": {}})]
    ratings = ratings_from_rows(rows)
    assert [(r.day, r.values) for r in ratings] == [(date(2026, 9, 1), {"words": 2}), (date(2026, 10, 1), {"openness": 5})]
