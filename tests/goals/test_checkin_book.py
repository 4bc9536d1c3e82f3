"""Check-ins: one answer per goal per local day, kept on disk, at midnight and across time zones."""

from __future__ import annotations

from datetime import date, timedelta, timezone

import pytest

from workbook.goals import GoalBook, ManualClock, checkin_id
from workbook.goals.book import CHECKINS, MARKS, MARKS_KEY
from workbook.store.base import StoreError

from .conftest import at, goal


def stored(book: GoalBook) -> list[dict]:
    return sorted(book.store.monthly(CHECKINS), key=lambda r: r["id"])


def test_a_check_in_is_kept_under_its_local_day_with_its_moment(book) -> None:
    made = goal(book)
    assert book.save_checkins([(made, book.today, True)]) == 1
    [record] = stored(book)
    assert record["id"] == f"2026-11-22-{made['id']}" == checkin_id(date(2026, 11, 22), made["id"])
    assert record["day"] == "2026-11-22" and record["value"] is True
    assert record["finished_at"] == "2026-11-22T09:00:00+01:00"
    assert record["goal_title"] == "Walk"


def test_answering_a_day_again_replaces_it_and_an_empty_answer_clears_it(book) -> None:
    made = goal(book, "Sleep", {"kind": "amount", "target": 7, "unit": "hours"})
    book.save_checkins([(made, book.today, 6.5)])
    assert book.save_checkins([(made, book.today, 6.5)]) == 0  # the same again: nothing to change
    book.save_checkins([(made, book.today, 7.5)])
    assert [r["value"] for r in stored(book)] == [7.5]
    assert book.progress(made).streak.length == 1
    book.save_checkins([(made, book.today, None)])
    assert stored(book) == [] and book.value_on(made["id"], book.today) is None
    assert book.progress(made).streak.length == 0


def test_check_ins_and_streaks_come_back_after_a_restart(disk, clock) -> None:
    book = GoalBook(disk(), clock)
    made = goal(book, start="2026-11-15")
    book.save_checkins([(made, date(2026, 11, 15) + timedelta(days=i), True) for i in range(8)])
    again = GoalBook(disk(), clock)
    assert again.progress(again.get(made["id"])).streak.length == 8
    assert again.value_on(made["id"], date(2026, 11, 22)) is True
    assert [r.goal["id"] for r in again.checkin_rows()] == [made["id"]]


def test_a_day_boundary_at_midnight(book, clock) -> None:
    made = goal(book, start="2026-11-21")
    clock.moment = at("2026-11-21", "23:59")
    book.save_checkins([(made, book.today, True)])
    clock.advance(minutes=2)  # 00:01 on the 22nd
    assert book.today == date(2026, 11, 22)
    [row] = book.checkin_rows()
    assert row.day == date(2026, 11, 22) and row.value is None  # a new day, not yet answered
    book.save_checkins([(row.goal, row.day, True)])
    assert [r["day"] for r in stored(book)] == ["2026-11-21", "2026-11-22"]
    assert book.progress(made).streak.length == 2


def test_flying_west_neither_doubles_nor_loses_a_day(book, clock) -> None:
    made = goal(book, start="2026-11-20")
    clock.moment = at("2026-11-21", "23:30", hours=1)  # Paris, late evening
    book.save_checkins([(made, book.today, True)])
    clock.travel(hours=-5)  # the same instant in New York: 17:30 on the 21st
    assert book.today == date(2026, 11, 21)
    [row] = [r for r in book.checkin_rows() if not r.catch_up]
    assert row.day == date(2026, 11, 21) and row.value is True  # already answered: shown as it is
    book.save_checkins([(row.goal, row.day, True)])
    assert len(stored(book)) == 1  # not counted twice
    clock.advance(hours=7)  # 00:30 on the 22nd in New York
    [row] = [r for r in book.checkin_rows() if not r.catch_up]
    assert row.day == date(2026, 11, 22) and row.value is None


def test_flying_east_keeps_every_day(book, clock) -> None:
    made = goal(book, start="2026-11-20")
    clock.moment = at("2026-11-20", "20:00", hours=-5)  # New York
    book.save_checkins([(made, book.today, True)])
    clock.travel(hours=9)  # Tokyo: already 10:00 on the 21st
    assert book.today == date(2026, 11, 21)
    [row] = [r for r in book.checkin_rows() if not r.catch_up]
    book.save_checkins([(row.goal, row.day, True)])
    assert [r["day"] for r in stored(book)] == ["2026-11-20", "2026-11-21"]
    assert stored(book)[1]["finished_at"].endswith("+09:00")  # the moment keeps its own offset
    assert book.progress(made).streak.length == 2


def test_a_day_answered_ahead_after_flying_west_still_counts(book, clock) -> None:
    made = goal(book, start="2026-11-20")
    clock.moment = at("2026-11-22", "00:30", hours=2)  # just after midnight in Athens: the 22nd
    book.save_checkins([(made, book.today, True)])
    clock.travel(hours=-3)  # the same instant in Lisbon... then Recife: still the 21st
    assert book.today == date(2026, 11, 21)
    book.save_checkins([(made, book.today, True)])
    result = book.progress(made)
    assert result.streak.length == 2  # the 21st and the 22nd, neither lost
    assert {r["day"] for r in stored(book)} == {"2026-11-21", "2026-11-22"}


def test_a_zone_without_a_whole_hour_offset(book) -> None:
    clock = ManualClock(at("2026-11-22", "23:50", hours=5.75))  # Kathmandu
    kathmandu = GoalBook(book.store, clock)
    made = goal(kathmandu, start="2026-11-22")
    kathmandu.save_checkins([(made, kathmandu.today, True)])
    assert stored(kathmandu)[0]["day"] == "2026-11-22"
    assert stored(kathmandu)[0]["finished_at"].endswith("+05:45")


def test_catch_up_offers_the_last_week_of_missed_due_days_only(book) -> None:
    made = goal(book, start="2026-11-01")
    weekly = goal(book, "Swim", schedule={"kind": "weekly", "times": 2})
    book.save_checkins([(made, date(2026, 11, 20), False)])  # answered "not this time": not missed
    catch_up = [(r.goal["id"], r.day) for r in book.checkin_rows() if r.catch_up]
    wanted = [date(2026, 11, d) for d in (15, 16, 17, 18, 19, 21)]
    assert catch_up == [(made["id"], d) for d in wanted]
    assert weekly["id"] in [r.goal["id"] for r in book.checkin_rows() if not r.catch_up]


def test_an_earlier_day_shows_that_days_answers_and_no_catch_up(book) -> None:
    made = goal(book, start="2026-11-01")
    book.save_checkins([(made, date(2026, 11, 19), True)])
    rows = book.checkin_rows(date(2026, 11, 19))
    assert [(r.day, r.value, r.catch_up) for r in rows] == [(date(2026, 11, 19), True, False)]


def test_paused_and_completed_goals_are_not_asked_about(book) -> None:
    kept, paused, done = goal(book, "Kept"), goal(book, "Paused"), goal(book, "Done")
    book.set_status(paused["id"], "paused")
    book.set_status(done["id"], "completed")
    assert [r.goal["title"] for r in book.checkin_rows() if not r.catch_up] == ["Kept"]


def test_missing_marks_are_worked_out_again_from_the_check_ins(disk, clock) -> None:
    book = GoalBook(disk(), clock)
    made = goal(book, start="2026-11-15")
    book.save_checkins([(made, date(2026, 11, 15) + timedelta(days=i), True) for i in range(7)])
    book.store.table(MARKS).delete(MARKS_KEY)  # lost, or set aside as unreadable
    again = GoalBook(disk(), clock)
    assert again.progress(again.get(made["id"])).streak.length == 7
    assert again.store.table(MARKS).get(MARKS_KEY)["goals"][made["id"]]["marks"] == "1111111"


class FailingMarks:
    """A store whose marks table refuses to write, as a full disk would."""

    def __init__(self, store) -> None:
        self.store = store

    def __getattr__(self, name):
        return getattr(self.store, name)

    def table(self, name):
        table = self.store.table(name)
        if name != MARKS:
            return table

        class Refusing:
            def get(self, *args):
                return table.get(*args)

            def put(self, *args):
                raise StoreError("The disk is full.")

        return Refusing()


def test_a_save_whose_marks_could_not_be_written_is_put_right_next_time(disk, clock) -> None:
    store = disk()
    made = goal(GoalBook(store, clock), start="2026-11-20")
    GoalBook(store, clock).save_checkins([(made, date(2026, 11, 20), True)])
    clock.advance(minutes=5)
    failing = GoalBook(FailingMarks(store), clock)
    with pytest.raises(StoreError):
        failing.save_checkins([(made, date(2026, 11, 21), True)])
    assert len(list(store.monthly(CHECKINS))) == 2  # the answer itself was kept
    again = GoalBook(disk(), clock)
    assert again.progress(again.get(made["id"])).streak.length == 2
    quick = GoalBook(again.store, clock)
    quick.marks(check=False)
    assert not quick.marks_were_behind()  # put right and saved: nothing more to do


def test_the_quick_read_then_check_finds_marks_that_fell_behind(disk, clock) -> None:
    store = disk()
    made = goal(GoalBook(store, clock), start="2026-11-20")
    GoalBook(store, clock).save_checkins([(made, date(2026, 11, 20), True)])
    clock.advance(minutes=5)
    with pytest.raises(StoreError):
        GoalBook(FailingMarks(store), clock).save_checkins([(made, date(2026, 11, 21), True)])
    quick = GoalBook(disk(), clock)
    quick.marks(check=False)
    assert quick.progress(made).streak.length == 1  # as the marks last said
    assert quick.marks_were_behind()
    assert quick.progress(made).streak.length == 2


def test_guest_mode_keeps_check_ins_in_memory_only(clock) -> None:
    from workbook.store.memory import MemoryStore

    book = GoalBook(MemoryStore(), clock)
    made = goal(book)
    book.save_checkins([(made, book.today, True)])
    assert book.progress(made).streak.length == 1


def test_time_zone_helpers_keep_the_offset(clock) -> None:
    clock.set_zone(timezone(timedelta(hours=-8)))
    assert clock.now().utcoffset() == timedelta(hours=-8)
    with pytest.raises(ValueError):
        ManualClock(at("2026-11-22").replace(tzinfo=None))


def test_a_new_profile_has_nothing_to_put_right(book) -> None:
    goal(book)
    book.marks(check=False)
    assert not book.marks_were_behind()  # no marks yet, and no check-ins: nothing is behind
    assert book.marks_at_hand()
