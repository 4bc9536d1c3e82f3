"""Goals: made, checked, edited, paused, completed, archived; targets read from people's words."""

from __future__ import annotations

from datetime import date

import pytest

from workbook.goals import GoalProblem, make_goal
from workbook.goals.editing import changes_from_text, field_text, schedule_from_text
from workbook.goals.measures import (
    AnswerProblem,
    describe_target,
    format_value,
    is_met,
    later_by,
    parse_answer,
    parse_time,
    target_from_words,
)
from workbook.goals.model import with_status
from workbook.goals.schedule import active_on, describe_schedule, due_on, status_on
from workbook.goals.words import plan_text

from .conftest import goal


def test_a_goal_is_made_checked_and_kept(book, disk) -> None:
    made = goal(book, "  Walk   for ten minutes ", {"kind": "amount", "target": 10, "unit": "minutes"},
                {"kind": "weekdays", "days": [4, 0, 2, 2]}, why="[bold]to feel[/bold] better", review="2026-12-01")
    assert made["title"] == "Walk for ten minutes"
    assert made["schedule"] == {"kind": "weekdays", "days": [0, 2, 4]}
    assert made["measure"] == {"kind": "amount", "target": 10, "unit": "minutes", "direction": "at_least"}
    assert made["status"] == "active" and made["history"][0]["status"] == "active"
    assert book.get(made["id"]) == made
    # and on disk, after a restart
    store = disk()
    from workbook.goals import GoalBook

    GoalBook(store, book.clock).save(made)
    assert GoalBook(disk(), book.clock).get(made["id"]) == made


@pytest.mark.parametrize(
    "title, measure, schedule, message",
    [
        ("", {"kind": "done"}, None, "a few words"),
        ("Walk", {"kind": "sometimes"}, None, "measured as"),
        ("Walk", {"kind": "count", "target": -1}, None, "0 or more"),
        ("Walk", {"kind": "done"}, {"kind": "weekly", "times": 9}, "1 to 7"),
        ("Walk", {"kind": "done"}, {"kind": "weekdays", "days": []}, "at least one day"),
        ("Walk", {"kind": "time", "target": "25:99"}, None, "time of day"),
    ],
)
def test_a_goal_that_does_not_fit_says_why_in_one_sentence(title, measure, schedule, message, clock) -> None:
    with pytest.raises(GoalProblem) as problem:
        make_goal(title, measure, schedule, clock=clock)
    assert message in str(problem.value)


def test_a_review_date_before_the_start_is_refused(clock) -> None:
    with pytest.raises(GoalProblem, match="review date"):
        make_goal("Walk", {"kind": "done"}, start="2026-11-10", review="2026-11-01", clock=clock)


def test_pause_resume_complete_archive_restore_keep_every_change(book, clock) -> None:
    made = goal(book, start="2026-11-01")
    paused = book.set_status(made["id"], "paused")
    clock.advance(days=3)
    resumed = book.set_status(made["id"], "active")
    clock.advance(days=1)
    done = book.set_status(made["id"], "completed")
    archived = book.set_status(done["id"], "archived")
    restored = book.set_status(archived["id"], "active")
    assert [paused["status"], resumed["status"], done["status"], archived["status"], restored["status"]] == [
        "paused", "active", "completed", "archived", "active"]
    statuses = [(c["status"], c["day"]) for c in restored["history"]]
    assert statuses == [("active", "2026-11-01"), ("paused", "2026-11-22"), ("active", "2026-11-25"),
                        ("completed", "2026-11-26"), ("archived", "2026-11-26"), ("active", "2026-11-26")]
    assert status_on(restored, date(2026, 11, 23)) == "paused"
    assert not due_on(restored, date(2026, 11, 24)) and due_on(restored, date(2026, 11, 25))
    assert not active_on(restored, date(2026, 10, 31))  # before it started
    assert book.get(made["id"])["status"] == "active"


def test_archived_goals_are_hidden_only_when_asked(book) -> None:
    kept, old = goal(book, "Kept"), goal(book, "Old")
    book.set_status(old["id"], "archived")
    assert [g["title"] for g in book.goals(include_archived=False)] == ["Kept"]
    assert [g["title"] for g in book.goals()] == ["Kept", "Old"]


def test_a_goal_is_found_by_the_start_of_its_id(book) -> None:
    made = goal(book)
    assert book.find(made["id"][:4])["id"] == made["id"]
    with pytest.raises(GoalProblem, match="no goal"):
        book.find("nothing-like-it")


@pytest.mark.parametrize(
    "kind, words, target, unit, direction, per",
    [
        ("count", "3 glasses of water", 3, "glasses of water", "at_least", "day"),
        ("count", "two meetings a week", 2, "meetings", "at_least", "week"),
        ("count", "2 times a week", 2, "", "at_least", "week"),
        ("amount", "7.5 hours", 7.5, "hours", "at_least", None),
        ("amount", "7,5 hours of sleep", 7.5, "hours of sleep", "at_least", None),
        ("amount", "no more than 2 hours of screens", 2, "hours of screens", "at_most", None),
        ("amount", "20 minutes", 20, "minutes", "at_least", None),
    ],
)
def test_targets_are_read_from_peoples_own_words(kind, words, target, unit, direction, per) -> None:
    measure, note = target_from_words(kind, words)
    assert note is None
    assert (measure["target"], measure["unit"], measure["direction"], measure.get("per")) == (target, unit, direction, per)


def test_words_without_a_number_make_a_goal_without_a_target_and_say_so() -> None:
    measure, note = target_from_words("count", "as many as I can")
    assert measure["target"] is None and "could be read" in note
    assert is_met(measure, 1) and not is_met(measure, 0)
    time_measure, time_note = target_from_words("time", "early-ish")
    assert time_measure["target"] is None and "time of day" in time_note


@pytest.mark.parametrize("text, expected", [
    ("23:30", "23:30"), ("2330", "23:30"), ("11pm", "23:00"), ("11:30 pm", "23:30"), ("by 10 pm", "22:00"),
    ("12am", "00:00"), ("12pm", "12:00"), ("7", "07:00"), ("0:30", "00:30"), ("midnight", "00:00"),
])
def test_times_of_day_are_read_in_the_usual_ways(text, expected) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "13pm", "soon", "7:75"])
def test_a_time_that_is_not_one_is_refused_kindly(text) -> None:
    with pytest.raises(AnswerProblem, match="time of day"):
        parse_time(text)


def test_a_bedtime_is_by_a_time_and_just_after_midnight_is_later_not_earlier() -> None:
    bedtime = {"kind": "time", "target": "23:00", "direction": "by"}
    assert is_met(bedtime, "22:15") and is_met(bedtime, "23:00")
    assert not is_met(bedtime, "23:01")
    assert not is_met(bedtime, "00:30")  # after midnight: later than 23:00
    assert later_by("00:30", "23:00") == 90 and later_by("21:00", "23:00") == -120
    after_midnight = {"kind": "time", "target": "00:30", "direction": "by"}
    assert is_met(after_midnight, "23:45") and is_met(after_midnight, "00:30") and not is_met(after_midnight, "01:00")


@pytest.mark.parametrize("measure, typed, value, met", [
    ({"kind": "done"}, "y", True, True),
    ({"kind": "done"}, "No", False, False),
    ({"kind": "count", "target": 3, "direction": "at_least"}, "3", 3, True),
    ({"kind": "count", "target": 3, "direction": "at_least"}, "2", 2, False),
    ({"kind": "amount", "target": 2, "direction": "at_most"}, "1.5", 1.5, True),
    ({"kind": "amount", "target": 7.5, "direction": "at_least"}, "7,5", 7.5, True),
    ({"kind": "time", "target": "23:00"}, "10:45pm", "22:45", True),
    ({"kind": "days-since"}, "y", True, True),
])
def test_one_days_answer_is_read_and_judged(measure, typed, value, met) -> None:
    assert parse_answer(measure, typed) == value
    assert is_met(measure, value) is met
    assert parse_answer(measure, "   ") is None


@pytest.mark.parametrize("measure, typed, message", [
    ({"kind": "done"}, "maybe", "y for done"),
    ({"kind": "count"}, "2.5", "whole number"),
    ({"kind": "count"}, "-1", "whole number"),
    ({"kind": "amount", "unit": "hours"}, "lots", "number of hours"),
    ({"kind": "days-since"}, "x2", "stayed away"),
])
def test_an_answer_that_does_not_fit_says_what_would(measure, typed, message) -> None:
    with pytest.raises(AnswerProblem, match=message):
        parse_answer(measure, typed)


def test_goals_in_plain_words() -> None:
    meetings = {"measure": {"kind": "count", "target": 2, "per": "week", "unit": "meetings", "direction": "at_least"},
                "schedule": {"kind": "weekly"}}
    assert plan_text(meetings) == "2 meetings a week"
    bed = {"measure": {"kind": "time", "target": "23:00"}, "schedule": {"kind": "weekdays", "days": [0, 1, 2, 3, 4]}}
    assert plan_text(bed) == "by 23:00, on weekdays"
    assert describe_schedule({"measure": {"kind": "done"}, "schedule": {"kind": "weekly", "times": 3}}) == "3 times a week"
    assert describe_target({"kind": "amount", "target": 2, "unit": "hours", "direction": "at_most"}) == "at most 2 hours"
    assert format_value({"kind": "count", "unit": "meetings"}, 1) == "1 meeting"
    assert format_value({"kind": "done"}, False) == "not this time"


def test_editing_from_typed_text_checks_everything_together(book) -> None:
    made = goal(book, "Sleep", {"kind": "amount", "target": 7, "unit": "hours"})
    assert field_text(made, "target") == "7 hours"
    changes = changes_from_text(made, {"target": "8 hours", "schedule": "mon, wed, fri", "review": "2026-12-24"})
    updated = book.edit(made["id"], changes)
    assert updated["measure"]["target"] == 8 and updated["schedule"] == {"kind": "weekdays", "days": [0, 2, 4]}
    assert updated["review"] == "2026-12-24" and updated["history"] == made["history"]
    to_time = book.edit(made["id"], changes_from_text(updated, {"kind": "time", "target": "11pm"}))
    assert to_time["measure"] == {"kind": "time", "target": "23:00", "direction": "by"}
    for typed, message in [({"target": "lots"}, "needs a number"), ({"schedule": "now and then"}, "how often"),
                           ({"start": "someday"}, "start date"), ({"title": " "}, "a few words")]:
        with pytest.raises(GoalProblem, match=message):
            changes_from_text(updated, typed)
    assert book.get(made["id"])["measure"]["kind"] == "time"  # a refused change changed nothing


def test_schedules_from_words() -> None:
    assert schedule_from_text("every day") == {"kind": "daily"}
    assert schedule_from_text("3 a week") == {"kind": "weekly", "times": 3}
    assert schedule_from_text("weekends") == {"kind": "weekdays", "days": [5, 6]}
    assert schedule_from_text("Tue Thu") == {"kind": "weekdays", "days": [1, 3]}


def test_a_status_change_to_the_same_status_changes_nothing(book) -> None:
    made = goal(book)
    assert with_status(made, "active", book.clock) == made
