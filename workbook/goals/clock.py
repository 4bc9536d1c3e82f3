"""What time it is for the person: local time, with its offset.

Every day boundary in goals comes from a clock, so tests (and travel) can move it:
a check-in is filed under the local date it was made on, stored explicitly, and never
worked out again from a timestamp after a change of time zone.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """The computer's own local time."""

    def now(self) -> datetime:
        return datetime.now().astimezone()


class ManualClock:
    """A clock that only moves when told to (tests and benchmarks)."""

    def __init__(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("a manual clock needs a time zone")
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment = self.moment + timedelta(**delta)

    def travel(self, hours: float) -> None:
        """Same instant, seen from another UTC offset (a flight, or a change of clocks)."""
        self.moment = self.moment.astimezone(timezone(timedelta(hours=hours)))

    def set_zone(self, zone: tzinfo) -> None:
        self.moment = self.moment.astimezone(zone)


def today(clock: Clock) -> date:
    return clock.now().date()


def stamp(clock: Clock) -> str:
    return clock.now().isoformat(timespec="seconds")


def day_text(day: date) -> str:
    return day.isoformat()


def parse_day(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return None


def week_start(day: date) -> date:
    """Weeks run Monday to Sunday."""
    return day - timedelta(days=day.weekday())


def days(first: date, last: date):
    """Every day from first to last, inclusive."""
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)
