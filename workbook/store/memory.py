"""A store that keeps everything in memory and writes nothing: guest mode."""

from __future__ import annotations

import copy
import uuid
from typing import Any, Iterator


def new_entry_id(record: dict[str, Any]) -> str:
    """Ids start with the entry's month, so the store can find its file without an index."""
    month = str(record.get("finished_at") or record.get("started_at") or "")[:7]
    prefix = month if len(month) == 7 and month[4] == "-" else "0000-00"
    return f"{prefix}-{uuid.uuid4().hex[:16]}"


def newest_first_key(entry: dict[str, Any]) -> tuple[str, str]:
    return (str(entry.get("finished_at", "")), str(entry.get("id", "")))


class MemoryStore:
    def __init__(self, profile: str = "guest") -> None:
        self.profile = profile
        self.problems: list[str] = []
        self._entries: dict[str, dict[str, Any]] = {}
        self._drafts: dict[str, dict[str, Any]] = {}
        self._settings: dict[str, Any] = {}

    def save_entry(self, record: dict[str, Any]) -> dict[str, Any]:
        entry = copy.deepcopy(record)
        entry.setdefault("id", new_entry_id(entry))
        self._entries[entry["id"]] = entry
        return copy.deepcopy(entry)

    def get_entry(self, entry_id: str) -> dict[str, Any] | None:
        entry = self._entries.get(entry_id)
        return copy.deepcopy(entry) if entry else None

    def iter_entries(self) -> Iterator[dict[str, Any]]:
        for entry in sorted(self._entries.values(), key=newest_first_key, reverse=True):
            yield copy.deepcopy(entry)

    def entries(self, offset: int = 0, limit: int | None = None) -> list[dict[str, Any]]:
        items = list(self.iter_entries())[offset:]
        return items if limit is None else items[:limit]

    def save_draft(self, draft: dict[str, Any]) -> None:
        self._drafts[draft["exercise_id"]] = copy.deepcopy(draft)

    def get_draft(self, exercise_id: str) -> dict[str, Any] | None:
        draft = self._drafts.get(exercise_id)
        return copy.deepcopy(draft) if draft else None

    def drafts(self) -> list[dict[str, Any]]:
        return sorted((copy.deepcopy(d) for d in self._drafts.values()), key=lambda d: d.get("saved_at", ""), reverse=True)

    def delete_draft(self, exercise_id: str) -> None:
        self._drafts.pop(exercise_id, None)

    def get_setting(self, key: str, default: Any = None) -> Any:
        return copy.deepcopy(self._settings.get(key, default))

    def set_setting(self, key: str, value: Any) -> None:
        self._settings[key] = copy.deepcopy(value)

    def close(self) -> None:
        pass
