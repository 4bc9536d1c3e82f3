"""Editing a finished entry without losing what it said before.

Before an entry is replaced, the version it replaces is kept as a revision in its own
monthly table, "revisions" (one file per month of the edit):

    {"id": "2026-11-…", "entry_id": "2026-03-…", "saved_at": "2026-11-02T10:00:00+01:00",
     "version": 0, "entry": {...the entry exactly as it was...}}

The entry itself gets "edited_at" (when) and "revisions" (how many earlier versions).
The revision is written first: a crash between the two writes leaves the old entry and
a spare copy of it, never a changed entry without its original.

Edits in progress ("edit drafts") wait in the keyed table "edit-drafts", under the
entry's id, until they are saved or set aside.
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from workbook.store.base import StoreError, new_record_id
from workbook.store.tables import when

REVISIONS = "revisions"
EDIT_DRAFTS = "edit-drafts"


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def save_edit(store: Any, entry: dict[str, Any], *, saved_at: str | None = None) -> dict[str, Any]:
    """Replace the stored entry with `entry` (same "id"), keeping the stored one as a revision.

    Returns the entry as now stored. StoreError if there is no such entry (it may have
    been deleted meanwhile) or it cannot be written; then nothing has changed.
    """
    entry_id = entry.get("id")
    old = store.get_entry(entry_id) if entry_id else None
    if old is None:
        raise StoreError("That entry is no longer here (it may have been deleted), so the changes were not saved.")
    saved_at = saved_at or now_iso()
    # "version": which version of the entry this was (0 = as first written). Edits within one
    # second share a saved_at, so the versions' order comes from this number.
    revision = {"entry_id": entry_id, "saved_at": saved_at, "version": int(old.get("revisions") or 0), "entry": old}
    revision["id"] = new_record_id(revision, field="saved_at")
    store.monthly(REVISIONS).insert(revision)
    new = {**entry, "edited_at": saved_at, "revisions": int(old.get("revisions") or 0) + 1}
    if not store.replace_entry(new):
        store.monthly(REVISIONS).delete(revision["id"])
        raise StoreError("That entry is no longer here (it may have been deleted), so the changes were not saved.")
    try:
        store.table(EDIT_DRAFTS).delete(entry_id)
    except StoreError:
        pass  # a leftover edit draft is harmless: it is offered back, and can be set aside
    return store.get_entry(entry_id) or new


def revisions_of(store: Any, entry_id: str) -> list[dict[str, Any]]:
    """The earlier versions of an entry, newest first (each a revision record)."""
    found = [dict(r) for r in store.monthly(REVISIONS).scan() if r.get("entry_id") == entry_id]
    found.sort(key=lambda r: (_version(r), when(r, "saved_at"), str(r.get("id"))), reverse=True)
    return copy.deepcopy(found)


def _version(revision: dict[str, Any]) -> int:
    number = revision.get("version")
    return number if isinstance(number, int) and not isinstance(number, bool) else -1  # kept before numbering


def drop_revisions(store: Any, entry_id: str) -> list[dict[str, Any]]:
    """Remove an entry's revisions (when the entry itself goes); returns what was removed."""
    removed = revisions_of(store, entry_id)
    table = store.monthly(REVISIONS)
    for revision in removed:
        table.delete(revision["id"])
    return removed


def restore_revisions(store: Any, revisions: list[dict[str, Any]]) -> None:
    if revisions:
        store.monthly(REVISIONS).insert_many(revisions)


# -- edits in progress ---------------------------------------------------------------------
def save_edit_draft(store: Any, entry_id: str, draft: dict[str, Any]) -> None:
    store.table(EDIT_DRAFTS).put(entry_id, {**draft, "entry_id": entry_id})


def get_edit_draft(store: Any, entry_id: str) -> dict[str, Any] | None:
    return store.table(EDIT_DRAFTS).get(entry_id)


def delete_edit_draft(store: Any, entry_id: str) -> None:
    store.table(EDIT_DRAFTS).delete(entry_id)
