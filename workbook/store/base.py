"""The one small interface front-ends use to keep things. Screens never see TinyDB.

Records are plain JSON-able dicts:
- an entry is `Run.record()` plus an "id" the store assigns (and, once edited, more);
- a draft is `Run.draft()`, one per exercise, keyed by its "exercise_id";
- settings are a flat mapping of small values (theme, reduced motion...).
"""

from __future__ import annotations

from typing import Any, Iterator, Protocol

from workbook.errors import WorkbookError


class StoreError(WorkbookError):
    """Something could not be saved or read. The message says so in plain words."""


class ProfileBusy(StoreError):
    """Another copy of the workbook has this profile open."""


class Store(Protocol):
    profile: str
    problems: list[str]  # plain-words notices, e.g. a file that could not be read was set aside

    def save_entry(self, record: dict[str, Any]) -> dict[str, Any]:
        """Durably save a finished entry; returns it with its new "id"."""

    def get_entry(self, entry_id: str) -> dict[str, Any] | None: ...

    def entries(self, offset: int = 0, limit: int | None = None) -> list[dict[str, Any]]:
        """Finished entries, newest first. Reads only as far back as it must."""

    def iter_entries(self) -> Iterator[dict[str, Any]]:
        """Every finished entry, newest first, lazily."""

    def save_draft(self, draft: dict[str, Any]) -> None: ...

    def get_draft(self, exercise_id: str) -> dict[str, Any] | None: ...

    def drafts(self) -> list[dict[str, Any]]:
        """Unfinished exercises, most recently saved first."""

    def delete_draft(self, exercise_id: str) -> None: ...

    def get_setting(self, key: str, default: Any = None) -> Any: ...

    def set_setting(self, key: str, value: Any) -> None: ...

    def close(self) -> None:
        """Release the profile lock. Safe to call twice."""
