"""Which entries an export holds: a date range, some exercises, private ones or not."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterator

from workbook.errors import UsageError

# progress(fraction_done) with 0.0 <= fraction_done <= 1.0; called often, so keep it cheap.
Progress = Callable[[float], None]


def _quiet(_: float) -> None:
    pass


def parse_day(text: str | None, what: str) -> date | None:
    """A YYYY-MM-DD day typed by a person, or None for an empty answer."""
    if text is None or not str(text).strip():
        return None
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise UsageError(f"The {what} date '{text}' is not a date like 2026-03-01.") from None


def entry_day(entry: dict[str, Any]) -> str:
    """The day an entry was finished, as the person saw it on their clock (YYYY-MM-DD)."""
    moment = str(entry.get("finished_at") or entry.get("started_at") or "")
    return moment[:10]


@dataclass(frozen=True)
class Selection:
    since: date | None = None  # first day included
    until: date | None = None  # last day included
    exercises: frozenset[str] = field(default_factory=frozenset)  # empty: every exercise
    include_private: bool = False

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise UsageError(
                f"The range starts on {self.since} but ends earlier, on {self.until}; please swap them."
            )

    @property
    def filtered(self) -> bool:
        """True when only part of the workbook is asked for (dates or exercises)."""
        return bool(self.since or self.until or self.exercises)

    def matches(self, entry: dict[str, Any]) -> bool:
        if entry.get("private") is True and not self.include_private:
            return False
        if self.exercises and entry.get("exercise_id") not in self.exercises:
            return False
        day = entry_day(entry)
        if self.since and day < self.since.isoformat():
            return False
        if self.until and day > self.until.isoformat():
            return False
        return True

    def describe_range(self) -> str:
        if self.since and self.until:
            return f"from {long_day(self.since)} to {long_day(self.until)}"
        if self.since:
            return f"from {long_day(self.since)} on"
        if self.until:
            return f"up to {long_day(self.until)}"
        return "from every day kept"


def long_day(day: date | str) -> str:
    if isinstance(day, str):
        try:
            day = date.fromisoformat(day[:10])
        except ValueError:
            return day
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"


@dataclass
class Collected:
    entries: list[dict[str, Any]]
    private_left_out: int = 0


def collect(store: Any, selection: Selection, progress: Progress | None = None) -> Collected:
    """The chosen entries, newest first, reading month by month.

    Entry ids start with their month, so months after `until` are passed over and the
    reading stops once it reaches months before `since`.
    """
    report = progress or _quiet
    table = store.monthly("entries")
    months = table.month_names()
    first = selection.since.isoformat()[:7] if selection.since else None
    last = selection.until.isoformat()[:7] if selection.until else None
    wanted = [m for m in months if (first is None or m >= first) and (last is None or m <= last)]
    found: list[dict[str, Any]] = []
    left_out = 0
    done = 0
    total = max(1, len(wanted))
    report(0.0)
    for month, records in _months(table, wanted):
        for entry in records:
            if selection.matches(entry):
                found.append(entry)
            elif entry.get("private") is True and Selection(
                selection.since, selection.until, selection.exercises, True
            ).matches(entry):
                left_out += 1
        done += 1
        report(min(done, total) / total)
    report(1.0)
    return Collected(found, left_out)


def _months(table: Any, months: list[str]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    scan = getattr(table, "scan", None)
    if scan is not None:  # read without copies: exports only read what they are given
        for month in months:
            yield month, list(scan(month))
        return
    # Through the public iteration: newest first, month by month (ids start with the month).
    wanted = set(months)
    current: str | None = None
    bucket: list[dict[str, Any]] = []
    oldest = min(months) if months else None
    for record in table:
        month = str(record.get("id", ""))[:7]
        if oldest is not None and month < oldest:
            break
        if month != current:
            if current in wanted:
                yield current, bucket
            current, bucket = month, []
        bucket.append(record)
    if current in wanted:
        yield current, bucket
