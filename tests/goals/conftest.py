"""Goals tests: a controllable clock, and stores in memory or on disk under tmp_path."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterator

import pytest

from workbook.goals import GoalBook, ManualClock, make_goal
from workbook.store.memory import MemoryStore
from workbook.store.profile import open_store

PARIS = timezone(timedelta(hours=1))


def at(day: str, time: str = "09:00", hours: float = 1) -> datetime:
    """A local moment with a UTC offset: at("2026-11-22", "23:59")."""
    return datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=timezone(timedelta(hours=hours)))


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(at("2026-11-22", "09:00"))


@pytest.fixture
def book(clock: ManualClock) -> GoalBook:
    return GoalBook(MemoryStore(), clock)


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Any]:
    """Opens the profile on disk; each call closes the one before (a restart)."""
    opened: list[Any] = []

    def open_again() -> Any:
        for store in opened:
            store.close()
        store = open_store(tmp_path / "data")
        opened.append(store)
        return store

    yield open_again
    for store in opened:
        store.close()


def goal(book: GoalBook, title: str = "Walk", measure: dict | None = None, schedule: dict | None = None,
         start: str = "2026-11-01", **details: Any) -> dict[str, Any]:
    made = make_goal(title, measure or {"kind": "done"}, schedule, start=start, clock=book.clock,
                     existing_ids=book.ids(), **details)
    return book.save(made)


def days(first: str, last: str) -> list[date]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]
