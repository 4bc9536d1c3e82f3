"""Days since, and starting again: every earlier stretch and every day is kept."""

from __future__ import annotations

from datetime import date

import pytest

from workbook.goals import GoalProblem, days_since

from .conftest import at, goal

SHAME = ("relapse", "fail", "failed", "broke", "reset", "lost", "slip", "should", "weak", "clean")


def sober(book, start: str = "2026-10-01"):
    return goal(book, "Staying sober", {"kind": "days-since"}, start=start)


def test_days_since_counts_whole_days(book, clock) -> None:
    made = sober(book, start="2026-11-01")
    since = book.progress(made).days_since
    assert (since.current, since.since, since.total, since.earlier) == (21, date(2026, 11, 1), 21, ())
    assert since.sentence() == "21 days since you began this stretch."
    today = sober(book, start="2026-11-22")
    assert book.progress(today).days_since.sentence() == "Day one starts today."


def test_starting_again_keeps_every_earlier_stretch_and_its_days(book, clock) -> None:
    made = sober(book, start="2026-10-01")
    first = book.start_again(made["id"], on=date(2026, 10, 31), note="A hard weekend; call Sam next time.")
    clock.moment = at("2026-11-22")
    second = book.start_again(first["id"], on=date(2026, 11, 10))
    runs = second["runs"]
    assert runs == [
        {"start": "2026-10-01", "end": "2026-10-31", "note": "A hard weekend; call Sam next time."},
        {"start": "2026-10-31", "end": "2026-11-10", "note": ""},
        {"start": "2026-11-10", "end": None, "note": ""},
    ]
    since = days_since(second, date(2026, 11, 22))
    assert since.current == 12 and since.since == date(2026, 11, 10)
    assert [s.days for s in since.earlier] == [30, 10]
    assert since.total == 52 and since.longest == 30
    assert since.sentence() == "12 days since you began this stretch. With 2 earlier stretches, that makes 52 days in all."
    assert book.get(made["id"])["runs"] == runs  # kept, not just returned


def test_starting_again_before_the_stretch_began_is_refused_and_changes_nothing(book) -> None:
    made = sober(book, start="2026-11-10")
    with pytest.raises(GoalProblem, match="began on 2026-11-10"):
        book.start_again(made["id"], on=date(2026, 11, 1))
    assert book.get(made["id"])["runs"] == [{"start": "2026-11-10", "end": None, "note": ""}]


def test_only_a_days_since_goal_can_start_again(book) -> None:
    made = goal(book)
    with pytest.raises(GoalProblem, match="days-since"):
        book.start_again(made["id"])


def test_the_words_used_are_kind(book) -> None:
    made = book.start_again(sober(book)["id"], on=date(2026, 11, 1))
    from workbook.goals.words import detail_lines

    text = " ".join(f"{label} {value}" for label, value in detail_lines(made, book.progress(made, full=True), book.today))
    text += " " + book.progress(made).days_since.sentence()
    assert not any(word in text.casefold().split() for word in SHAME)


def test_a_days_since_goal_is_asked_about_in_the_check_in(book) -> None:
    made = sober(book)
    [row] = book.checkin_rows()
    assert row.goal["id"] == made["id"] and row.progress.days_since.current == 52
    book.save_checkins([(made, book.today, True)])
    assert book.value_on(made["id"], book.today) is True
    assert book.progress(made).days_since.current == 52  # the count comes from the stretch, not the answers


def test_editing_the_start_of_a_first_stretch_moves_it(book) -> None:
    made = sober(book, start="2026-11-10")
    moved = book.edit(made["id"], {"start": "2026-11-01"})
    assert moved["runs"] == [{"start": "2026-11-01", "end": None, "note": ""}]
    assert book.progress(moved).days_since.current == 21
