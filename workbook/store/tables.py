"""The two shapes of stored data, on TinyDB with the atomic storage.

- KeyedTable: a small set of documents in one file, each under a key (drafts by
  exercise, settings by name, goals by id).
- MonthlyTable: records that pile up over years (entries, check-ins), one file per
  month, so a save rewrites one month and reading the newest needs only the newest.
  A record's id starts with its month ("2026-11-..."): no index is needed to find it.
"""

from __future__ import annotations

import copy
import re
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterator

from tinydb import Query, TinyDB

TABLE = "records"
MONTH = re.compile(r"^\d{4}-\d{2}$")

# (path, what it holds in plain words) -> an open TinyDB; the profile sets aside unreadable files.
Opener = Callable[[Path, str], TinyDB]


def when(record: dict[str, Any], field: str = "finished_at") -> datetime:
    """A record's moment, comparable across time zones; undated records sort last."""
    try:
        moment = datetime.fromisoformat(str(record.get(field)))
    except ValueError:
        return datetime.min.replace(tzinfo=datetime.now().astimezone().tzinfo)
    return moment if moment.tzinfo else moment.astimezone()


class KeyedTable:
    def __init__(self, path: Path, what: str, opener: Opener) -> None:
        self.path, self.what, self._opener = path, what, opener
        self._db: TinyDB | None = None

    @property
    def _table(self):
        if self._db is None:
            self._db = self._opener(self.path, self.what)
        return self._db.table(TABLE)

    def get(self, key: str, default: Any = None) -> Any:
        found = self._table.get(Query().key == key)
        return copy.deepcopy(found["value"]) if found else default

    def put(self, key: str, value: Any) -> None:
        self._table.upsert({"key": key, "value": copy.deepcopy(value)}, Query().key == key)

    def delete(self, key: str) -> bool:
        return bool(self._table.remove(Query().key == key))

    def items(self) -> list[tuple[str, Any]]:
        return [(doc["key"], copy.deepcopy(doc["value"])) for doc in self._table.all()]

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


class MonthlyTable:
    def __init__(
        self, folder: Path, what: str, opener: Opener, order_by: str = "finished_at", on_disk: bool = True
    ) -> None:
        self.folder, self.what, self._opener, self.order_by = folder, what, opener, order_by
        self._months: dict[str, TinyDB] = {}
        self._sorted: dict[str, list[dict[str, Any]]] = {}
        # Months that exist; found on disk once (we hold the lock, so it stays true).
        self._known: set[str] | None = None if on_disk else set()
        # For changes(): a tick that grows with every write, and the tick of each month's last one.
        self._tick = 0
        self._changed: dict[str, int] = {}
        self._reopened = 0

    def month_names(self) -> list[str]:
        """Months that hold records, newest first."""
        if self._known is None:
            found = self.folder.glob("*.json") if self.folder.is_dir() else []
            self._known = {p.stem for p in found if MONTH.match(p.stem)}
        return sorted(self._known, reverse=True)

    def _month(self, month: str) -> TinyDB:
        db = self._months.get(month)
        if db is None:
            label = datetime.strptime(month, "%Y-%m").strftime("%B %Y")
            db = self._opener(self.folder / f"{month}.json", f"{self.what} from {label}")
            self._months[month] = db
        return db

    def _newest_first(self, month: str) -> list[dict[str, Any]]:
        cached = self._sorted.get(month)
        if cached is None:
            # A worker thread may be reading while the screen saves: a read that a write
            # overtook is used once but not kept, so the cache never hides the write.
            before = (self._changed.get(month), self._reopened)
            records = [dict(doc) for doc in self._month(month).table(TABLE).all()]
            cached = sorted(records, key=lambda r: (when(r, self.order_by), str(r.get("id", ""))), reverse=True)
            if (self._changed.get(month), self._reopened) == before:
                self._sorted[month] = cached
        return cached

    def _change(self, month: str, change: Callable[[Any], Any]) -> Any:
        try:
            result = change(self._month(month).table(TABLE))
        finally:
            self._sorted.pop(month, None)
            self._tick += 1
            self._changed[month] = self._tick
        self.month_names()
        assert self._known is not None
        self._known.add(month)
        return result

    @staticmethod
    def month_of(record_id: str) -> str | None:
        month = str(record_id)[:7]
        return month if MONTH.match(month) else None

    def insert(self, record: dict[str, Any]) -> None:
        """`record` must carry an id that starts with its month."""
        month = self.month_of(record["id"])
        if month is None:
            raise ValueError(f"record id {record['id']!r} does not start with a month")
        self._change(month, lambda table: table.insert(copy.deepcopy(record)))

    def insert_many(self, records: list[dict[str, Any]]) -> list[str]:
        """One write per month; records whose id is already stored are skipped."""
        by_month: dict[str, list[dict[str, Any]]] = {}
        for record in records:
            month = self.month_of(record["id"])
            if month is None:
                raise ValueError(f"record id {record['id']!r} does not start with a month")
            by_month.setdefault(month, []).append(copy.deepcopy(record))
        added: list[str] = []
        for month, items in sorted(by_month.items()):
            known = {r.get("id") for r in self._newest_first(month)} if month in self.month_names() else set()
            fresh, seen = [], set(known)
            for record in items:
                if record["id"] not in seen:
                    seen.add(record["id"])
                    fresh.append(record)
            if fresh:
                self._change(month, lambda table, fresh=fresh: table.insert_multiple(fresh))
                added.extend(r["id"] for r in fresh)
        return added

    def replace(self, record: dict[str, Any]) -> bool:
        month = self.month_of(record["id"])
        if month is None or month not in self.month_names():
            return False

        def overwrite(doc: dict[str, Any]) -> None:
            doc.clear()
            doc.update(copy.deepcopy(record))

        return bool(self._change(month, lambda table: table.update(overwrite, Query().id == record["id"])))

    def delete(self, record_id: str) -> bool:
        month = self.month_of(record_id)
        if month is None or month not in self.month_names():
            return False
        return bool(self._change(month, lambda table: table.remove(Query().id == record_id)))

    def get(self, record_id: str) -> dict[str, Any] | None:
        month = self.month_of(record_id)
        if month is None or month not in self.month_names():
            return None
        for record in self._newest_first(month):
            if record.get("id") == record_id:
                return copy.deepcopy(record)
        return None

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """Every record, newest first, month by month."""
        for month in self.month_names():
            for record in self._newest_first(month):
                yield copy.deepcopy(record)

    def scan(self, month: str | None = None) -> Iterator[dict[str, Any]]:
        """Every record (or one month's), newest first, WITHOUT copies: read them, never change them.

        For readers that go through everything (a search index, patterns): copying ten
        thousand entries costs more than reading them. Changing a record seen here would
        change the table's cached copy; use get() for a record you mean to edit.
        """
        for name in [month] if month is not None else self.month_names():
            if month is None or name in self.month_names():
                yield from self._newest_first(name)

    def changes(self) -> dict[str, int]:
        """Month -> a number that grows whenever that month's records change.

        A reader that keeps something built from scan() compares these to know which months
        to read again. Closing the table (a passphrase switch re-reads every file) moves
        every month on.
        """
        return {month: max(self._changed.get(month, 0), self._reopened) for month in self.month_names()}

    def page(self, offset: int = 0, limit: int | None = None) -> list[dict[str, Any]]:
        """Newest first; whole months before the page are counted, not read into copies."""
        result: list[dict[str, Any]] = []
        skip = offset
        for month in self.month_names():
            records = self._newest_first(month)
            if skip >= len(records):
                skip -= len(records)
                continue
            for record in records[skip:]:
                if limit is not None and len(result) >= limit:
                    return result
                result.append(copy.deepcopy(record))
            skip = 0
        return result

    def close(self) -> None:
        for db in self._months.values():
            db.close()
        self._months.clear()
        self._sorted.clear()
        self._tick += 1
        self._reopened = self._tick
        if self._known is not None and self.folder.is_dir():
            self._known = None
