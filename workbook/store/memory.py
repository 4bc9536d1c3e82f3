"""A store that keeps everything in memory and writes nothing: guest mode.

It runs the same tables as the disk store, on TinyDB's MemoryStorage.
"""

from __future__ import annotations

from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from workbook.store.base import RecordStore, new_record_id
from workbook.store.tables import KeyedTable, MonthlyTable

new_entry_id = new_record_id  # kept for callers that knew the older name


def _memory_db(path: Path, what: str) -> TinyDB:
    return TinyDB(storage=MemoryStorage)


class MemoryStore(RecordStore):
    def __init__(self, profile: str = "guest") -> None:
        self.profile = profile
        self.problems: list[str] = []
        self._tables: dict[str, KeyedTable] = {}
        self._monthly: dict[str, MonthlyTable] = {}
        self._nowhere = Path("/nonexistent-guest-store")  # never created: memory tables only

    def table(self, name: str) -> KeyedTable:
        if name not in self._tables:
            self._tables[name] = KeyedTable(self._nowhere / f"{name}.json", name, _memory_db)
        return self._tables[name]

    def monthly(self, name: str) -> MonthlyTable:
        if name not in self._monthly:
            self._monthly[name] = MonthlyTable(self._nowhere / name, name, _memory_db, on_disk=False)
        return self._monthly[name]

    def close(self) -> None:
        pass
