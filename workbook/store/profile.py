"""One person's folder on disk, behind a lock.

Layout of a profile folder (0700; every file 0600):
    profile.lock          held while the profile is open (filelock; the OS drops it if we die)
    meta.json             store format version
    entries/YYYY-MM.json  finished entries of that month (one small TinyDB file each)
    drafts.json           unfinished exercises, one per exercise
    settings.json         small per-person settings (theme, ...)
    NAME.json, NAME/      further tables that features open with table() / monthly()

Splitting by month keeps a save to kilobytes however many years of entries exist,
and the history only reads as many months as it shows.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

import filelock
from tinydb import TinyDB

from workbook.paths import FILE_MODE, ensure_private_dir, profile_dir
from workbook.store.atomic import atomic_write, remove_stale_temps
from workbook.store.base import ProfileBusy, RecordStore, StoreError
from workbook.store.codec import Codec, JsonCodec, Unreadable
from workbook.store.storage import AtomicStorage, UnreadableFile, explain_write_error
from workbook.store.tables import KeyedTable, MonthlyTable

FORMAT_VERSION = 1
_TABLE_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,40}$")
_WHAT = {"entries": "entries", "drafts": "unfinished exercises", "settings": "settings"}


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


class ProfileStore(RecordStore):
    """The Store for one profile on disk. Holds the profile's lock until close()."""

    def __init__(self, folder: Path, profile: str, codec: Codec | None = None) -> None:
        self.folder = folder
        self.profile = profile
        self.codec = codec or JsonCodec()
        self.problems: list[str] = []
        self._lock = filelock.FileLock(folder / "profile.lock", timeout=0, mode=FILE_MODE)
        self._tables: dict[str, KeyedTable] = {}
        self._monthly: dict[str, MonthlyTable] = {}
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
            for folder in [self.folder, *(p for p in self.folder.iterdir() if p.is_dir())]:
                remove_stale_temps(folder)
            self._check_format()
            self.table("drafts").items()  # read now, so a damaged file is reported at once
            self.table("settings").items()
        except BaseException:
            self.close()
            raise
        return self

    def close(self) -> None:
        for table in [*self._tables.values(), *self._monthly.values()]:
            table.close()
        self._tables.clear()
        self._monthly.clear()
        if self._open:
            self._lock.release()
            self._open = False

    def __enter__(self) -> ProfileStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- tables ------------------------------------------------------------------------------
    def _require_open(self) -> None:
        if not self._open:
            raise StoreError("This profile is closed.")

    def table(self, name: str) -> KeyedTable:
        self._require_open()
        if name not in self._tables:
            if not _TABLE_NAME.match(name):
                raise ValueError(f"bad table name {name!r}")
            self._tables[name] = KeyedTable(self.folder / f"{name}.json", _WHAT.get(name, name), self._open_db)
        return self._tables[name]

    def monthly(self, name: str) -> MonthlyTable:
        self._require_open()
        if name not in self._monthly:
            if not _TABLE_NAME.match(name):
                raise ValueError(f"bad table name {name!r}")
            folder = ensure_private_dir(self.folder / name)
            self._monthly[name] = MonthlyTable(folder, _WHAT.get(name, name), self._open_db)
        return self._monthly[name]

    @property
    def entries_dir(self) -> Path:
        return self.monthly("entries").folder

    def shard_names(self) -> list[str]:
        return self.monthly("entries").month_names()

    # -- format and damaged files -----------------------------------------------------------
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
        """Open one file, reading it now: an unreadable file is set aside, never taken as empty."""
        self._require_open()
        db = TinyDB(path, storage=AtomicStorage, codec=self.codec)
        try:
            db.storage.read()
        except UnreadableFile:
            db.close()
            self._set_aside(path, what)
            db = TinyDB(path, storage=AtomicStorage, codec=self.codec)
        return db


def open_store(data_dir: Path, profile: str = "default", codec: Codec | None = None) -> ProfileStore:
    """Open (creating if needed) a profile under `data_dir` and take its lock."""
    root = prepare_data_dir(Path(data_dir))
    folder = profile_dir(root, profile)
    try:
        ensure_private_dir(folder)
    except OSError as error:
        raise StoreError(f"The profile folder {folder} cannot be used: {error.strerror or error}.") from None
    return ProfileStore(folder, profile, codec).open()
