"""One person's folder: entries split by month, drafts, settings, behind a lock.

Layout of a profile folder (0700; every file 0600):
    profile.lock          held while the profile is open (filelock; the OS drops it if we die)
    meta.json             store format version
    entries/YYYY-MM.json  finished entries of that month (one small TinyDB file each)
    drafts.json           unfinished exercises, one per exercise
    settings.json         small per-person settings (theme, ...)

Splitting by month keeps a save to kilobytes however many years of entries exist,
and the history only reads as many months as it shows.
"""

from __future__ import annotations

import copy
import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterator

import filelock
from tinydb import Query, TinyDB

from workbook.paths import FILE_MODE, ensure_private_dir, profile_dir
from workbook.store.atomic import atomic_write, remove_stale_temps
from workbook.store.base import ProfileBusy, StoreError
from workbook.store.codec import Codec, JsonCodec, Unreadable
from workbook.store.memory import new_entry_id
from workbook.store.storage import AtomicStorage, UnreadableFile, explain_write_error

FORMAT_VERSION = 1
ENTRIES_TABLE = "entries"
_SHARD_NAME = re.compile(r"^\d{4}-\d{2}$")


def _when(entry: dict[str, Any]) -> datetime:
    """An entry's finishing moment, comparable across time zones."""
    try:
        moment = datetime.fromisoformat(str(entry.get("finished_at")))
    except ValueError:
        return datetime.min.replace(tzinfo=datetime.now().astimezone().tzinfo)
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment


def _newest_first(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(entries, key=lambda e: (_when(e), str(e.get("id", ""))), reverse=True)


def prepare_data_dir(root: Path) -> Path:
    """The data folder, created if its parent exists; a plain message if it cannot be used."""
    root = Path(root)
    if not root.exists() and not root.parent.exists():
        raise StoreError(
            f"The data folder {root} is not there. If it is on a USB stick, check that the stick is plugged in."
        )
    try:
        ensure_private_dir(root)
        probe = root / f".write-check-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise StoreError(f"The data folder {root} cannot be used: {error.strerror or error}.") from None
    return root


class ProfileStore:
    """The Store for one profile on disk. Holds the profile's lock until close()."""

    def __init__(self, folder: Path, profile: str, codec: Codec | None = None) -> None:
        self.folder = folder
        self.profile = profile
        self.codec = codec or JsonCodec()
        self.problems: list[str] = []
        self._lock = filelock.FileLock(folder / "profile.lock", timeout=0, mode=FILE_MODE)
        self._shards: dict[str, TinyDB] = {}
        self._sorted: dict[str, list[dict[str, Any]]] = {}
        self._drafts: TinyDB | None = None
        self._settings: TinyDB | None = None
        self._open = False

    # -- opening and closing ---------------------------------------------------------
    def open(self) -> ProfileStore:
        try:
            self._lock.acquire()
        except filelock.Timeout:
            raise ProfileBusy(
                f"The profile '{self.profile}' is already open in another window. "
                "Close it there first, then try again."
            ) from None
        try:
            self._open = True
            ensure_private_dir(self.entries_dir)
            remove_stale_temps(self.folder)
            remove_stale_temps(self.entries_dir)
            self._check_format()
            self._drafts = self._open_db(self.folder / "drafts.json", "unfinished exercises")
            self._settings = self._open_db(self.folder / "settings.json", "settings")
        except BaseException:
            self.close()
            raise
        return self

    def close(self) -> None:
        for db in [*self._shards.values(), self._drafts, self._settings]:
            if db is not None:
                db.close()
        self._shards.clear()
        self._sorted.clear()
        self._drafts = self._settings = None
        if self._open:
            self._lock.release()
            self._open = False

    def __enter__(self) -> ProfileStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def entries_dir(self) -> Path:
        return self.folder / "entries"

    def _check_format(self) -> None:
        meta_path = self.folder / "meta.json"
        try:
            meta = JsonCodec().decode(meta_path.read_bytes())
        except FileNotFoundError:
            meta = None
        except Unreadable:
            self._set_aside(meta_path, "the profile's format note")
            meta = None
        if meta is None:
            try:
                atomic_write(meta_path, JsonCodec().encode({"format": FORMAT_VERSION}))
            except OSError as error:
                raise StoreError(explain_write_error(error)) from None
            return
        found = meta.get("format")
        if not isinstance(found, int) or found > FORMAT_VERSION:
            raise StoreError(
                f"The profile '{self.profile}' was saved by a newer version of the workbook "
                f"(format {found}). Please update the workbook; your files have not been touched."
            )

    # -- files that cannot be read -------------------------------------------------------
    def _set_aside(self, path: Path, what: str) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = path.with_name(f"{path.name}.unreadable-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = path.with_name(f"{path.name}.unreadable-{stamp}-{n}")
        os.replace(path, aside)
        self.problems.append(
            f"The file holding your {what} could not be read, so it has been set aside, "
            f"unchanged, as {aside}. Nothing in it has been deleted. Everything else is here as usual."
        )
        return aside

    def _open_db(self, path: Path, what: str) -> TinyDB:
        db = TinyDB(path, storage=AtomicStorage, codec=self.codec)
        try:
            db.storage.read()
        except UnreadableFile:
            db.close()
            self._set_aside(path, what)
            db = TinyDB(path, storage=AtomicStorage, codec=self.codec)
        return db

    def _require_open(self) -> None:
        if not self._open:
            raise StoreError("This profile is closed.")

    # -- entries ------------------------------------------------------------------------
    def shard_names(self) -> list[str]:
        """Months that have entries, newest first."""
        names = [p.stem for p in self.entries_dir.glob("*.json") if _SHARD_NAME.match(p.stem)]
        return sorted(names, reverse=True)

    def _shard(self, name: str) -> TinyDB:
        db = self._shards.get(name)
        if db is None:
            label = f"entries from {datetime.strptime(name, '%Y-%m').strftime('%B %Y')}"
            db = self._open_db(self.entries_dir / f"{name}.json", label)
            self._shards[name] = db
        return db

    def _shard_sorted(self, name: str) -> list[dict[str, Any]]:
        cached = self._sorted.get(name)
        if cached is None:
            cached = _newest_first([dict(doc) for doc in self._shard(name).table(ENTRIES_TABLE).all()])
            self._sorted[name] = cached
        return cached

    def _write_shard(self, name: str, change: Callable[[Any], Any]) -> Any:
        table = self._shard(name).table(ENTRIES_TABLE)
        try:
            return change(table)
        finally:
            self._sorted.pop(name, None)

    def save_entry(self, record: dict[str, Any]) -> dict[str, Any]:
        self._require_open()
        entry = copy.deepcopy(record)
        entry.setdefault("id", new_entry_id(entry))
        self._write_shard(entry["id"][:7], lambda table: table.insert(entry))
        return copy.deepcopy(entry)

    def import_entries(self, records: list[dict[str, Any]]) -> list[str]:
        """Save many entries with one write per month; ids already stored are skipped."""
        self._require_open()
        by_month: dict[str, list[dict[str, Any]]] = {}
        for record in records:
            entry = copy.deepcopy(record)
            entry.setdefault("id", new_entry_id(entry))
            by_month.setdefault(entry["id"][:7], []).append(entry)
        added: list[str] = []
        for month, items in sorted(by_month.items()):
            known = {e.get("id") for e in self._shard_sorted(month)} if (self.entries_dir / f"{month}.json").exists() else set()
            fresh = [e for e in items if e["id"] not in known]
            if fresh:
                self._write_shard(month, lambda table, fresh=fresh: table.insert_multiple(fresh))
                added.extend(e["id"] for e in fresh)
        return added

    def replace_entry(self, entry: dict[str, Any]) -> None:
        """Overwrite a stored entry that has the same id (edits keep their own revisions)."""
        self._require_open()
        shard = str(entry["id"])[:7]
        self._write_shard(shard, lambda table: table.update(_replace_with(entry), Query().id == entry["id"]))

    def delete_entry(self, entry_id: str) -> bool:
        self._require_open()
        removed = self._write_shard(entry_id[:7], lambda table: table.remove(Query().id == entry_id))
        return bool(removed)

    def get_entry(self, entry_id: str) -> dict[str, Any] | None:
        self._require_open()
        shard = entry_id[:7]
        if not _SHARD_NAME.match(shard) or not (self.entries_dir / f"{shard}.json").exists():
            return None
        for entry in self._shard_sorted(shard):
            if entry.get("id") == entry_id:
                return copy.deepcopy(entry)
        return None

    def iter_entries(self) -> Iterator[dict[str, Any]]:
        self._require_open()
        for name in self.shard_names():
            for entry in self._shard_sorted(name):
                yield copy.deepcopy(entry)

    def entries(self, offset: int = 0, limit: int | None = None) -> list[dict[str, Any]]:
        """A page of entries, newest first; months before the page are counted, not copied."""
        self._require_open()
        page: list[dict[str, Any]] = []
        skip = offset
        for name in self.shard_names():
            month = self._shard_sorted(name)
            if skip >= len(month):
                skip -= len(month)
                continue
            for entry in month[skip:]:
                if limit is not None and len(page) >= limit:
                    return page
                page.append(copy.deepcopy(entry))
            skip = 0
        return page

    # -- drafts -----------------------------------------------------------------------------
    def save_draft(self, draft: dict[str, Any]) -> None:
        self._require_open()
        assert self._drafts is not None
        self._drafts.upsert(copy.deepcopy(draft), Query().exercise_id == draft["exercise_id"])

    def get_draft(self, exercise_id: str) -> dict[str, Any] | None:
        self._require_open()
        assert self._drafts is not None
        found = self._drafts.get(Query().exercise_id == exercise_id)
        return copy.deepcopy(dict(found)) if found else None

    def drafts(self) -> list[dict[str, Any]]:
        self._require_open()
        assert self._drafts is not None
        items = [dict(d) for d in self._drafts.all()]
        return copy.deepcopy(sorted(items, key=lambda d: str(d.get("saved_at", "")), reverse=True))

    def delete_draft(self, exercise_id: str) -> None:
        self._require_open()
        assert self._drafts is not None
        self._drafts.remove(Query().exercise_id == exercise_id)

    # -- settings -----------------------------------------------------------------------------
    def get_setting(self, key: str, default: Any = None) -> Any:
        self._require_open()
        assert self._settings is not None
        found = self._settings.get(Query().key == key)
        return copy.deepcopy(found["value"]) if found else default

    def set_setting(self, key: str, value: Any) -> None:
        self._require_open()
        assert self._settings is not None
        self._settings.upsert({"key": key, "value": copy.deepcopy(value)}, Query().key == key)


def _replace_with(new: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    def transform(doc: dict[str, Any]) -> None:
        doc.clear()
        doc.update(copy.deepcopy(new))

    return transform


def open_store(data_dir: Path, profile: str = "default", codec: Codec | None = None) -> ProfileStore:
    """Open (creating if needed) a profile under `data_dir` and take its lock."""
    root = prepare_data_dir(Path(data_dir))
    folder = profile_dir(root, profile)
    try:
        ensure_private_dir(folder)
    except OSError as error:
        raise StoreError(f"The profile folder {folder} cannot be used: {error.strerror or error}.") from None
    return ProfileStore(folder, profile, codec).open()
