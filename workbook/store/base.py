"""The one small interface front-ends use to keep things. Screens never see TinyDB.

Records are plain JSON-able dicts:
- an entry is `Run.record()` plus an "id" the store assigns (starting with its month);
- a draft is `Run.draft()`, one per exercise, keyed by its "exercise_id";
- settings are a flat mapping of small values (theme, reduced motion...).
Features with data of their own use `table(name)` (a few keyed documents in one file)
or `monthly(name)` (records that pile up, one file per month).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, Iterator, Protocol

from workbook.errors import WorkbookError

if TYPE_CHECKING:
    from workbook.store.tables import KeyedTable, MonthlyTable


class StoreError(WorkbookError):
    """Something could not be saved or read. The message says so in plain words."""


class ProfileBusy(StoreError):
    """Another copy of the workbook has this profile open."""


def new_record_id(record: dict[str, Any], field: str = "finished_at") -> str:
    """Ids start with the record's month, so the store finds its file without an index."""
    month = str(record.get(field) or record.get("started_at") or "")[:7]
    prefix = month if len(month) == 7 and month[4] == "-" else "0000-00"
    return f"{prefix}-{uuid.uuid4().hex[:16]}"


class Store(Protocol):
    profile: str
    problems: list[str]  # plain-words notices, e.g. a file that could not be read was set aside

    def table(self, name: str) -> KeyedTable: ...
    def monthly(self, name: str) -> MonthlyTable: ...
    def save_entry(self, record: dict[str, Any]) -> dict[str, Any]: ...
    def import_entries(self, records: list[dict[str, Any]]) -> list[str]: ...
    def replace_entry(self, entry: dict[str, Any]) -> bool: ...
    def delete_entry(self, entry_id: str) -> bool: ...
    def get_entry(self, entry_id: str) -> dict[str, Any] | None: ...
    def entries(self, offset: int = 0, limit: int | None = None) -> list[dict[str, Any]]: ...
    def iter_entries(self) -> Iterator[dict[str, Any]]: ...
    def save_draft(self, draft: dict[str, Any]) -> None: ...
    def get_draft(self, exercise_id: str) -> dict[str, Any] | None: ...
    def drafts(self) -> list[dict[str, Any]]: ...
    def delete_draft(self, exercise_id: str) -> None: ...
    def get_setting(self, key: str, default: Any = None) -> Any: ...
    def set_setting(self, key: str, value: Any) -> None: ...
    def close(self) -> None: ...


class RecordStore:
    """Entries, drafts and settings on top of `table()` and `monthly()`; shared by every store."""

    def table(self, name: str) -> KeyedTable:
        raise NotImplementedError

    def monthly(self, name: str) -> MonthlyTable:
        raise NotImplementedError

    # -- entries: finished exercises ---------------------------------------------------------
    def save_entry(self, record: dict[str, Any]) -> dict[str, Any]:
        """Durably save a finished entry; returns it with its new "id"."""
        entry = dict(record)
        entry.setdefault("id", new_record_id(entry))
        self.monthly("entries").insert(entry)
        return self.get_entry(entry["id"]) or entry

    def import_entries(self, records: list[dict[str, Any]]) -> list[str]:
        """Save many entries, one write per month; ids already stored are skipped."""
        entries = [{**r, "id": r.get("id") or new_record_id(r)} for r in records]
        return self.monthly("entries").insert_many(entries)

    def replace_entry(self, entry: dict[str, Any]) -> bool:
        return self.monthly("entries").replace(entry)

    def delete_entry(self, entry_id: str) -> bool:
        return self.monthly("entries").delete(entry_id)

    def get_entry(self, entry_id: str) -> dict[str, Any] | None:
        return self.monthly("entries").get(entry_id)

    def entries(self, offset: int = 0, limit: int | None = None) -> list[dict[str, Any]]:
        """Finished entries, newest first. Reads only as far back as it must."""
        return self.monthly("entries").page(offset, limit)

    def iter_entries(self) -> Iterator[dict[str, Any]]:
        """Every finished entry, newest first, lazily."""
        return iter(self.monthly("entries"))

    # -- drafts: one unfinished run per exercise ------------------------------------------
    def save_draft(self, draft: dict[str, Any]) -> None:
        self.table("drafts").put(draft["exercise_id"], draft)

    def get_draft(self, exercise_id: str) -> dict[str, Any] | None:
        return self.table("drafts").get(exercise_id)

    def drafts(self) -> list[dict[str, Any]]:
        """Unfinished exercises, most recently saved first."""
        items = [value for _, value in self.table("drafts").items()]
        return sorted(items, key=lambda d: str(d.get("saved_at", "")), reverse=True)

    def delete_draft(self, exercise_id: str) -> None:
        self.table("drafts").delete(exercise_id)

    # -- settings ------------------------------------------------------------------------------
    def get_setting(self, key: str, default: Any = None) -> Any:
        return self.table("settings").get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        self.table("settings").put(key, value)
