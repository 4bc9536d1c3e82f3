"""Finding entries again: full-text search and filters over a small in-memory index.

The history reads the newest page straight from the store, so it opens at once; the
index is built beside it (in a worker) from `MonthlyTable.scan()` and answers every
search and filter without touching the disk. It keeps, per entry, only what a search
needs: the id, the date, the exercise, the feelings, the tags, the intensity and the
words, folded to lower case. `SearchIndex.refresh()` reads again only the months that
changed since the last time (a save, an edit, a delete), so it can be kept for a whole
session and refreshed before each search for next to nothing.

Search rules, in plain words: every word typed must appear somewhere in the entry (in
any answer, the exercise's title or a tag), in any order, ignoring case. Filters all
have to hold at once. Results keep the history's order: newest first.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterable, Iterator, Protocol

from workbook.insights.fields import emotions_of, intensity_of, tags_of


@dataclass(frozen=True, slots=True)
class Indexed:
    id: str
    day: str  # "YYYY-MM-DD" on the clock of the moment it was finished ("" when unknown)
    exercise_id: str
    exercise_title: str
    emotions: tuple[str, ...]
    tags: tuple[str, ...]
    intensity: float | None
    text: str  # every word of the entry, case-folded
    emotion_keys: frozenset[str] = frozenset()
    tag_keys: frozenset[str] = frozenset()
    # The entry itself, as the store's scan() handed it out: read it, never change it. It
    # costs nothing to keep (the store caches it anyway) and lets a caller show a row later.
    record: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def _words_in(value: Any, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _words_in(item, out)
    elif isinstance(value, dict):
        for item in value.values():
            _words_in(item, out)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        out.append(str(value))


def searchable_text(entry: dict[str, Any], tags: list[str] | None = None) -> str:
    """The entry's own words (answers, title, tags), case-folded; prompts are left out."""
    parts: list[str] = [str(entry.get("exercise_title") or entry.get("exercise_id") or "")]
    _words_in(entry.get("answers"), parts)
    _words_in(entry.get("set_aside"), parts)
    parts.extend(tags_of(entry) if tags is None else tags)
    return "\n".join(parts).casefold()


def index_entry(entry: dict[str, Any]) -> Indexed:
    emotions, tags = emotions_of(entry), tags_of(entry)
    finished = entry.get("finished_at")
    day = finished[:10] if isinstance(finished, str) and len(finished) >= 10 and finished[4] == "-" else ""
    return Indexed(
        id=str(entry.get("id", "")),
        day=day,
        exercise_id=str(entry.get("exercise_id") or ""),
        exercise_title=str(entry.get("exercise_title") or entry.get("exercise_id") or ""),
        emotions=tuple(emotions),
        tags=tuple(tags),
        intensity=intensity_of(entry),
        text=searchable_text(entry, tags),
        emotion_keys=frozenset(e.casefold() for e in emotions),
        tag_keys=frozenset(t.casefold() for t in tags),
        record=entry,
    )


@dataclass(frozen=True)
class Filters:
    """What the person is looking for. Empty fields do not filter."""

    text: str = ""
    exercise: str | None = None  # an exercise id
    emotion: str | None = None
    tag: str | None = None
    since: date | None = None  # inclusive
    until: date | None = None  # inclusive
    min_intensity: float | None = None  # 0-10, inclusive
    max_intensity: float | None = None

    @property
    def active(self) -> bool:
        return bool(self.words) or any(
            value is not None
            for value in (self.exercise, self.emotion, self.tag, self.since, self.until,
                          self.min_intensity, self.max_intensity)
        )

    @property
    def words(self) -> list[str]:
        return self.text.casefold().split()


def search(items: Iterable[Indexed], filters: Filters) -> list[Indexed]:
    """The items that match, in the order given (the index keeps newest first).

    Each filter narrows the list in one pass (a comprehension, not a call per entry), the
    cheap ones first and the words last, longest word first: it is usually the rarest.
    """
    found = list(items)
    if not filters.active:
        return found
    if filters.exercise is not None:
        found = [i for i in found if i.exercise_id == filters.exercise]
    if filters.since is not None:
        since = filters.since.isoformat()
        found = [i for i in found if i.day and i.day >= since]
    if filters.until is not None:
        until = filters.until.isoformat()
        found = [i for i in found if i.day and i.day <= until]
    low, high = filters.min_intensity, filters.max_intensity
    if low is not None or high is not None:
        low = -1.0 if low is None else low
        high = 11.0 if high is None else high
        found = [i for i in found if i.intensity is not None and low <= i.intensity <= high]
    if filters.emotion:
        emotion = filters.emotion.casefold()
        found = [i for i in found if emotion in i.emotion_keys]
    if filters.tag:
        tag = filters.tag.casefold().lstrip("#")
        found = [i for i in found if tag in i.tag_keys]
    for word in sorted(set(filters.words), key=len, reverse=True):
        found = [i for i in found if word in i.text]
    return found


class MonthlyRecords(Protocol):
    """What the index needs of a store table (MonthlyTable has it)."""

    def month_names(self) -> list[str]: ...
    def changes(self) -> dict[str, int]: ...
    def scan(self, month: str | None = None) -> Iterator[dict[str, Any]]: ...


class SearchIndex:
    """Every entry of a table, indexed month by month, kept up to date by refresh().

    Safe to refresh from a worker thread while another searches: refresh swaps in a new
    list, and two refreshes never run at once. A refresh pauses between months, so a
    screen painting beside it keeps its turns.
    """

    def __init__(self) -> None:
        self._months: dict[str, tuple[int, list[Indexed]]] = {}
        self._items: list[Indexed] = []
        self._lock = threading.Lock()
        self.ready = False

    @property
    def items(self) -> list[Indexed]:
        """Everything, newest first (a snapshot: later refreshes do not change it)."""
        return self._items

    def up_to_date(self, table: MonthlyRecords) -> bool:
        """Built, and no month changed since: find() answers without reading anything."""
        if not self.ready:
            return False
        stamps = table.changes()
        return stamps.keys() == self._months.keys() and all(
            self._months[month][0] == stamp for month, stamp in stamps.items()
        )

    def refresh(self, table: MonthlyRecords, cancelled: Callable[[], bool] = lambda: False) -> bool:
        """Read again the months that changed; False if `cancelled()` said stop part-way."""
        with self._lock:
            names = table.month_names()
            stamps = table.changes()
            for month in names:
                stamp = stamps.get(month, 0)
                known = self._months.get(month)
                if known is not None and known[0] == stamp:
                    continue
                if cancelled():
                    return False
                # The stamp was taken before reading: a write during the read is seen next time.
                self._months[month] = (stamp, [index_entry(r) for r in table.scan(month)])
                time.sleep(0)  # let other threads (the screen) run between months
            for month in set(self._months) - set(names):
                del self._months[month]
            self._items = [item for month in names for item in self._months[month][1]]
            self.ready = True
            return True

    def find(self, filters: Filters) -> list[Indexed]:
        return search(self._items, filters)

    def emotions(self) -> list[str]:
        """Every feeling named, most often first (for the filter's choices)."""
        return _by_count(e for item in self._items for e in item.emotions)

    def tags(self) -> list[str]:
        """Every tag used, most often first (for suggestions)."""
        return _by_count(t for item in self._items for t in item.tags)

    def exercises(self) -> list[tuple[str, str]]:
        """(id, title) of every exercise with entries, by title."""
        seen: dict[str, str] = {}
        for item in self._items:
            seen.setdefault(item.exercise_id, item.exercise_title)
        return sorted(seen.items(), key=lambda pair: pair[1].casefold())


def _by_count(words: Iterable[str]) -> list[str]:
    counts: dict[str, int] = {}
    spelling: dict[str, str] = {}
    for word in words:
        key = word.casefold()
        counts[key] = counts.get(key, 0) + 1
        spelling.setdefault(key, word)
    return [spelling[key] for key in sorted(counts, key=lambda k: (-counts[k], k))]
