"""One week's own data, read through the store: entries, goals and distress (both front-ends)."""

from __future__ import annotations

from datetime import date
from typing import Any

from workbook.insights.goals import goals_in_week
from workbook.insights.reflection import WeekSummary, entries_in_week, week_of, week_summary


def load_week(book: Any, day: date) -> WeekSummary:
    """The week holding `day`. Entries are read newest first, only as far back as the week."""
    monday = week_of(day)
    entries = entries_in_week(book.store.iter_entries(), monday)
    goals = goals_in_week(book.goals(), book.marks(), monday, book.today)
    return week_summary(entries, goals, monday)
