"""Bringing a profile's data up to the layout this version of the workbook writes.

Two numbers guard a profile:
- meta.json's "format" (profile.py): can this version read the profile at all? 1 is a
  plain profile, 2 an encrypted one (crypto.py). A higher one is refused, untouched.
- the data version, kept in the profile's "format" table (format.json, encrypted like
  every other file): the layout of the data inside. A profile without it is version 1,
  the layout of the first release. A higher one than this version knows is refused,
  untouched; a lower one is migrated, after a backup, one registered step at a time.

The first release has no migrations: version 1 is the only layout there has been.
A later change that alters stored data registers a step here:

    @register(1, "entries keep their tags as a list")
    def _tags_as_list(store): ...

Each step gets the open store, changes data through its tables, and must be safe to
run again (a crash between a step and the saved version number re-runs that step).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from workbook.store.base import StoreError

VERSION_TABLE = "format"
VERSION_KEY = "data_version"
FIRST_VERSION = 1


@dataclass(frozen=True)
class Migration:
    from_version: int
    description: str
    apply: Callable[[Any], None]


# from_version -> the step that brings a profile from that version to the next
STEPS: dict[int, Migration] = {}


def register(from_version: int, description: str) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
    def add(apply: Callable[[Any], None]) -> Callable[[Any], None]:
        if from_version in STEPS:
            raise ValueError(f"a migration from data version {from_version} is already registered")
        STEPS[from_version] = Migration(from_version, description, apply)
        return apply

    return add


def current_version() -> int:
    """The data version this workbook writes: one past the last registered step."""
    version = FIRST_VERSION
    while version in STEPS:
        version += 1
    return version


class NewerData(StoreError):
    """The profile's data was written by a newer workbook; nothing was changed."""


def stored_version(store: Any) -> int:
    value = store.table(VERSION_TABLE).get(VERSION_KEY)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= FIRST_VERSION else FIRST_VERSION


def upgrade(store: Any) -> list[str]:
    """Migrate an open store to current_version(); returns what was done, in words.

    A newer data version is refused (NewerData) before anything is written."""
    from workbook.store import backup

    found, target = stored_version(store), current_version()
    if found > target:
        raise NewerData(
            f"The profile '{store.profile}' was saved by a newer version of the workbook "
            f"(data version {found}). Please update the workbook; your files have not been touched."
        )
    if found == target:
        return []
    if backup.data_files(store.folder):
        backup.make_backup(store, "before-upgrade")
    done = []
    while found < target:
        step = STEPS[found]
        step.apply(store)
        found += 1
        store.table(VERSION_TABLE).put(VERSION_KEY, found)
        done.append(step.description)
    return done
