"""Grounding insights: sessions from stored entries, the drop, techniques, the sentence."""

from __future__ import annotations

import pytest

from workbook.insights.grounding import (
    ENOUGH_SESSIONS,
    change_words,
    finding,
    grounding_sessions,
    measured,
    session_from_entry,
    still_high,
    techniques,
)


def entry(day: int, before=None, after=None, exercise="box-breathing", title="Box breathing", category="grounding"):
    answers = {}
    if before is not None:
        answers["distress_before"] = before
    if after is not None:
        answers["distress_after"] = after
    return {
        "id": f"2026-03-{day:02d}-x",
        "exercise_id": exercise,
        "exercise_title": title,
        "category": category,
        "finished_at": f"2026-03-{day:02d}T10:00:00+00:00",
        "answers": answers,
    }


def test_only_grounding_entries_are_sessions_and_the_drop_is_before_minus_after():
    assert session_from_entry(entry(1, 9, 2, category="journaling")) is None
    eased, rose, skipped = (session_from_entry(e) for e in (entry(1, 8, 3), entry(2, 4, 6), entry(3, 7)))
    assert (eased.before, eased.after, eased.drop) == (8, 3, 5)
    assert rose.drop == -2
    assert skipped.after is None and skipped.drop is None


def test_ratings_that_are_not_numbers_are_treated_as_skipped():
    odd = entry(1)
    odd["answers"] = {"distress_before": True, "distress_after": "3"}
    session = session_from_entry(odd)
    assert session.before is None and session.after is None and session.drop is None
    broken = entry(2)
    broken["answers"] = "not a dict"
    assert session_from_entry(broken).drop is None


def test_sessions_come_newest_first_and_measured_reads_oldest_first():
    sessions = grounding_sessions([entry(2, 5, 4), entry(9, 6, 1), entry(5, 7)])
    assert [s.finished_at[8:10] for s in sessions] == ["09", "05", "02"]
    assert [s.drop for s in measured(sessions)] == [1, 5]


def test_techniques_average_the_drop_and_say_how_many_sessions():
    entries = [entry(d, 8, 8 - d % 3 - 2) for d in range(1, 5)]  # box: drops 3, 4, 2, 3
    entries += [entry(d, 6, 5, "orienting", "Here and now") for d in range(10, 13)]  # drop 1, three times
    entries += [entry(20, 9, 1, "body-scan", "A short body scan"), entry(21, 9, 2, "body-scan", "A short body scan")]
    found = techniques(grounding_sessions(entries))
    assert [t.exercise_id for t in found] == ["box-breathing", "orienting", "body-scan"]
    box, orienting, scan = found
    assert (box.sessions, box.average_drop) == (4, 3.0)
    assert box.describe() == "3 points lower on average, over 4 sessions"
    assert orienting.describe() == "1 point lower on average, over 3 sessions"
    # Two big drops are still not enough for an average: chance, not the technique.
    assert scan.sessions == 2 < ENOUGH_SESSIONS and scan.average_drop is None
    assert scan.describe().startswith("not enough sessions yet (2 sessions")


def test_a_technique_whose_distress_rose_on_average_says_higher_without_judging():
    found = techniques(grounding_sessions([entry(d, 3, 5) for d in range(1, 4)]))
    assert found[0].describe() == "2 points higher on average, over 3 sessions"


def test_sessions_without_both_ratings_count_for_nothing_in_the_averages():
    found = techniques(grounding_sessions([entry(1, 5), entry(2, None, 3), entry(3, 7, 4)]))
    assert found[0].sessions == 1 and found[0].average_drop is None


@pytest.mark.parametrize(
    "entries, expected",
    [
        ([], "No grounding sessions yet."),
        ([entry(1, 6)], "once one has a rating both before and after"),
        ([entry(1, 6, 3), entry(2, 7, 5)], "Across 2 sessions with both ratings, your distress was on average "
                                           "2.5 points lower at the end than at the start."),
        ([entry(1, 5, 5)], "Across 1 session with both ratings, your distress was about the same"),
        ([entry(1, 3, 4)], "on average 1 point higher at the end"),
    ],
)
def test_the_finding_is_one_plain_sentence(entries, expected):
    sentence = finding(grounding_sessions(entries))
    assert expected in sentence
    assert sentence.count(".") <= 2 and "well done" not in sentence.casefold() and "great" not in sentence.casefold()


def test_with_enough_sessions_the_finding_compares_earlier_and_recent():
    earlier = [entry(d, 6, 5) for d in range(1, 5)]  # drop 1
    recent = [entry(d, 8, 5) for d in range(10, 14)]  # drop 3
    sentence = finding(grounding_sessions(earlier + recent))
    assert sentence.startswith("Across 8 sessions with both ratings, your distress was on average 2 points lower")
    assert "in the more recent 4 it was 3 points lower on average, and in the earlier 4, 1 point lower." in sentence


@pytest.mark.parametrize(
    "before, after, high",
    [
        (9, 7, True),  # 7 or more, even though lower
        (None, 7, True),
        (5, 5, True),  # not lower, and 5 or more
        (4, 6, True),
        (None, 5, True),
        (8, 6, False),  # lower, and under 7
        (2, 4, False),  # higher, but under 5
        (7, None, False),  # no rating at the end: nothing to go on
    ],
)
def test_still_high_rule(before, after, high):
    assert still_high(before, after) is high


def test_change_words_are_neutral():
    assert change_words(7, 4) == "3 points lower"
    assert change_words(4, 5) == "1 point higher"
    assert change_words(5, 5) == "the same"
    assert change_words(None, 5) == "—"


def test_the_chart_has_a_point_per_session_or_per_week_when_there_are_many():
    from workbook.insights.grounding import drop_over_time

    few = grounding_sessions([entry(d, 6, 6 - d % 3) for d in range(1, 6)] + [entry(9, 5)])
    points = drop_over_time(few)
    assert [(p.label, p.drop, p.sessions) for p in points] == [
        ("2026-03-01", 1.0, 1), ("2026-03-02", 2.0, 1), ("2026-03-03", 0.0, 1), ("2026-03-04", 1.0, 1),
        ("2026-03-05", 2.0, 1),
    ]
    many = grounding_sessions([entry(d, 6, 6 - d % 3) for d in range(1, 29)])
    weekly = drop_over_time(many, most=10)
    assert sum(p.sessions for p in weekly) == 28 and len(weekly) == 5  # 1-28 March 2026 spans five ISO weeks
    assert weekly[0].label == "2026-03-01" and weekly[0].sessions == 1  # a Sunday: the end of its week
    assert weekly[1].sessions == 7 and weekly[1].drop == pytest.approx(sum((d % 3) for d in range(2, 9)) / 7)
