"""Deleting an entry so that it can be brought back for a while.

A delete first writes everything that goes (the entry, its earlier versions, an edit in
progress) into the keyed table "trash", under a trash id, and only then removes them.
Undo puts them back and clears the trash record; letting go clears the trash record and
nothing else. So whatever moment the app is killed, nothing is lost:

- killed after the trash write: the entry is in the trash, and the history offers it
  back the next time it opens (until that list is left again);
- killed half-way through a delete or an undo: the entry may be in both places; letting
  go then leaves the entry where it is (keeping a word is safer than losing one).

The history lets go of a trash record 30 seconds after the delete, or when the person
leaves the list, whichever comes first: a deleted entry does not stay on disk longer
than the moment in which it can be undone (unless the app stopped in that moment).
"""

from __future__ import annotations

from typing import Any

from workbook.store.base import StoreError, new_record_id
from workbook.store.revisions import (
    EDIT_DRAFTS,
    drop_revisions,
    get_edit_draft,
    now_iso,
    restore_revisions,
    revisions_of,
)

TRASH = "trash"


def move_to_trash(store: Any, entry_id: str) -> str:
    """Delete an entry, keeping it in the trash; returns the trash id for undo()."""
    entry = store.get_entry(entry_id)
    if entry is None:
        raise StoreError("That entry is no longer here; it may have been deleted already.")
    deleted_at = now_iso()
    record = {
        "deleted_at": deleted_at,
        "entry": entry,
        "revisions": revisions_of(store, entry_id),
        "edit_draft": get_edit_draft(store, entry_id),
    }
    trash_id = new_record_id({"finished_at": deleted_at})
    store.table(TRASH).put(trash_id, record)  # durable before anything is removed
    store.delete_entry(entry_id)
    drop_revisions(store, entry_id)
    if record["edit_draft"] is not None:
        store.table(EDIT_DRAFTS).delete(entry_id)
    return trash_id


def undo(store: Any, trash_id: str) -> dict[str, Any]:
    """Put a deleted entry back, exactly as it was; returns it."""
    record = store.table(TRASH).get(trash_id)
    if record is None:
        raise StoreError("That entry can no longer be brought back.")
    entry = record["entry"]
    store.import_entries([entry])  # skips it if it is somehow still there
    restore_revisions(store, record.get("revisions") or [])
    if record.get("edit_draft") is not None and store.table(EDIT_DRAFTS).get(entry["id"]) is None:
        store.table(EDIT_DRAFTS).put(entry["id"], record["edit_draft"])
    store.table(TRASH).delete(trash_id)
    return store.get_entry(entry["id"]) or entry


def let_go(store: Any, trash_id: str) -> None:
    """The undo moment has passed: forget the trash record (the entry is already gone)."""
    store.table(TRASH).delete(trash_id)


def waiting(store: Any) -> list[tuple[str, dict[str, Any]]]:
    """Trash records still there, oldest first: left by an app that stopped before letting go."""
    items = store.table(TRASH).items()
    return sorted(items, key=lambda pair: str(pair[1].get("deleted_at", "")))
