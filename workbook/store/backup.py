"""Rolling backups of a profile, kept inside the profile folder and encrypted like it.

Layout:
    backups/2026-11-22/                       a daily backup (the first open-and-close of a day)
    backups/2026-11-22-143005-before-restore/ one made for a reason (restore, import, upgrade, by hand)
        _backup.json                          what it is: kind, time, files, entries, data version
        drafts.json, entries/2026-11.json ... the profile's data files, same relative paths

Every file in a backup goes through the profile's codec, bound to its own place
("backups/2026-11-22/entries/2026-11.json"), never copied as raw ciphertext. So a
backup of an encrypted profile is encrypted with the profile's key, and the
passphrase switch (passphrase.py), which re-encrypts every file under the profile
folder by its path, carries backups over to a new passphrase like any other file.
Restoring decodes a backup's file at its backup path and encodes it at its live path.
A backup is built in `backups/.building-NAME/` and renamed into place when complete,
so a half-made backup never looks like one; open() removes leftovers.

Only files that read correctly are backed up. For one that does not, the newest good
copy from an earlier backup is carried forward, so seven days of an unnoticed damaged
file never push the last good copy out of the rotation.

Kept: the newest KEEP_DAILY daily backups and the newest KEEP_OTHER of the others.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from workbook.paths import FILE_MODE, ensure_private_dir
from workbook.store.atomic import fsync_dir
from workbook.store.base import StoreError
from workbook.store.codec import Unreadable, codec_for_path

BACKUPS = "backups"
MANIFEST = "_backup.json"  # "_" cannot start a table name, so no table's file can clash with it
BUILDING_PREFIX = ".building-"
KEEP_DAILY = 7
KEEP_OTHER = 5
KINDS = {
    "daily": "daily backup",
    "by-hand": "made by hand",
    "before-restore": "made before a restore",
    "before-import": "made before an import",
    "before-upgrade": "made before an upgrade",
}
_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}(-\d{6}-[a-z-]+(-\d+)?)?$")
_RECORDS = "records"  # tables.TABLE: the TinyDB table every file keeps its records in
_locks: dict[Path, threading.RLock] = {}
_locks_guard = threading.Lock()


class BackupError(StoreError):
    """A backup could not be made, read or restored; the message says so in plain words."""


@dataclass(frozen=True)
class Backup:
    name: str
    folder: Path
    kind: str
    made_at: str
    entries: int | None
    files: tuple[str, ...]
    skipped: tuple[str, ...] = ()
    data_version: int = 1
    readable: bool = True

    def when(self) -> str:
        try:
            moment = datetime.fromisoformat(self.made_at)
        except ValueError:
            return self.name
        return f"{moment.strftime('%A')} {moment.day} {moment.strftime('%B %Y, %H:%M')}"

    def describe(self) -> str:
        if not self.readable:
            return f"{self.name} · this backup cannot be read"
        count = "" if self.entries is None else f" · {self.entries} {'entry' if self.entries == 1 else 'entries'}"
        return f"{self.when()} · {KINDS.get(self.kind, self.kind)}{count}"


def _lock(folder: Path) -> threading.RLock:
    with _locks_guard:
        return _locks.setdefault(Path(folder), threading.RLock())


# -- what a profile's data is ----------------------------------------------------------------------------
def data_files(folder: Path) -> list[str]:
    """Relative paths of the profile's data files: tables in the folder and one level down.

    Not meta.json (the header stays with the live profile), not backups, not hidden
    folders (a passphrase switch in progress), not set-aside copies (not .json)."""
    found = [p.name for p in folder.glob("*.json") if p.name != "meta.json" and not p.name.startswith(".")]
    for sub in sorted(folder.iterdir()):
        if sub.is_dir() and not sub.name.startswith(".") and sub.name != BACKUPS:
            found += [f"{sub.name}/{p.name}" for p in sub.glob("*.json") if not p.name.startswith(".")]
    return sorted(found)


def _codec(store: Any, relative: str) -> Any:
    return codec_for_path(store.codec, relative)


def _backup_path(name: str, relative: str) -> str:
    return f"{BACKUPS}/{name}/{relative}"


def _count_records(document: dict[str, Any]) -> int:
    records = document.get(_RECORDS)
    return len(records) if isinstance(records, dict) else 0


def _write_new(path: Path, data: bytes) -> None:
    ensure_private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_unfinished(folder: Path) -> None:
    """Half-built backups of a process that died: never complete, never promised."""
    backups = Path(folder) / BACKUPS
    if backups.is_dir():
        for leftover in backups.glob(BUILDING_PREFIX + "*"):
            shutil.rmtree(leftover, ignore_errors=True)


# -- listing ---------------------------------------------------------------------------------------------
def _read_manifest(store: Any, folder: Path) -> Backup:
    name = folder.name
    try:
        manifest = _codec(store, _backup_path(name, MANIFEST)).decode((folder / MANIFEST).read_bytes())
        return Backup(
            name=name,
            folder=folder,
            kind=str(manifest.get("kind") or "daily"),
            made_at=str(manifest.get("made_at") or ""),
            entries=manifest.get("entries") if isinstance(manifest.get("entries"), int) else None,
            files=tuple(str(f) for f in manifest.get("files") or ()),
            skipped=tuple(str(f) for f in manifest.get("skipped") or ()),
            data_version=int(manifest.get("data_version") or 1),
        )
    except (OSError, Unreadable, TypeError, ValueError):
        return Backup(name, folder, "unknown", name, None, (), readable=False)


def list_backups(store: Any) -> list[Backup]:
    """Every backup of the profile, newest first."""
    folder = getattr(store, "folder", None)
    if folder is None or not (folder / BACKUPS).is_dir():
        return []
    found = [
        _read_manifest(store, sub) for sub in (folder / BACKUPS).iterdir()
        if sub.is_dir() and _NAME.match(sub.name)
    ]
    return sorted(found, key=lambda b: (b.made_at if b.readable else b.name, b.name), reverse=True)


def find_backup(store: Any, name: str) -> Backup:
    for backup in list_backups(store):
        if backup.name == name:
            return backup
    raise BackupError(f"There is no backup called '{name}'. `workbook restore` lists the backups there are.")


# -- making one ------------------------------------------------------------------------------------------
def _new_name(folder: Path, kind: str, now: datetime) -> str:
    base = now.strftime("%Y-%m-%d") if kind == "daily" else f"{now.strftime('%Y-%m-%d-%H%M%S')}-{kind}"
    name, n = base, 1
    while (folder / BACKUPS / name).exists():
        n += 1
        name = f"{base}-{n}" if kind != "daily" else f"{now.strftime('%Y-%m-%d-%H%M%S')}-daily-{n}"
    return name


def _good_copy(store: Any, backup: Backup, relative: str) -> dict[str, Any] | None:
    if not backup.readable or relative not in backup.files:
        return None
    try:
        raw = (backup.folder / relative).read_bytes()
        return _codec(store, _backup_path(backup.name, relative)).decode(raw)
    except (OSError, Unreadable):
        return None


def make_backup(store: Any, kind: str = "by-hand", now: datetime | None = None) -> Backup:
    """A complete backup of the profile as it is on disk now. The store must be open."""
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    with _lock(store.folder):
        return _make_backup(store, kind, now or datetime.now().astimezone())


def _make_backup(store: Any, kind: str, now: datetime) -> Backup:
    from workbook.store import migrate

    folder: Path = store.folder
    earlier = list_backups(store)
    name = _new_name(folder, kind, now)
    backups = ensure_private_dir(folder / BACKUPS)
    building = backups / f"{BUILDING_PREFIX}{name}"
    shutil.rmtree(building, ignore_errors=True)
    files: list[str] = []
    skipped: list[str] = []
    entries = 0
    try:
        ensure_private_dir(building)
        for relative in data_files(folder):
            try:
                document = _codec(store, relative).decode((folder / relative).read_bytes())
            except FileNotFoundError:
                continue  # removed since it was listed
            except (OSError, Unreadable):
                document = next((d for b in earlier if (d := _good_copy(store, b, relative)) is not None), None)
                if document is None:
                    skipped.append(relative)
                    continue
            _write_new(building / relative, _codec(store, _backup_path(name, relative)).encode(document))
            files.append(relative)
            if relative.startswith("entries/"):
                entries += _count_records(document)
        manifest = {
            "kind": kind,
            "made_at": now.isoformat(timespec="microseconds"),  # orders two backups made in one second
            "files": files,
            "skipped": skipped,
            "entries": entries,
            "data_version": migrate.stored_version(store),
        }
        _write_new(building / MANIFEST, _codec(store, _backup_path(name, MANIFEST)).encode(manifest))
        for dirpath, _, _ in sorted(os.walk(building), key=lambda item: -len(item[0])):
            fsync_dir(Path(dirpath))
        os.rename(building, backups / name)
        fsync_dir(backups)
    except OSError as error:
        shutil.rmtree(building, ignore_errors=True)
        raise BackupError(
            f"A backup could not be made ({error.strerror or error}). Your workbook itself is unchanged."
        ) from None
    made = _read_manifest(store, backups / name)
    prune(store, keep=made.name)
    return made


def prune(store: Any, keep: str | None = None) -> list[str]:
    """Remove the oldest backups beyond KEEP_DAILY daily and KEEP_OTHER others."""
    removed = []
    daily = other = 0
    found = list_backups(store)
    protected = _protected(store, found) | {keep}
    for backup in found:
        if not backup.readable:
            continue
        if backup.kind == "daily":
            daily += 1
            over = daily > KEEP_DAILY
        else:
            other += 1
            over = other > KEEP_OTHER
        if over and backup.name not in protected:
            shutil.rmtree(backup.folder, ignore_errors=True)
            removed.append(backup.name)
    return removed


def discard(backup: Backup) -> None:
    """Remove a backup made just before something that then changed nothing."""
    shutil.rmtree(backup.folder, ignore_errors=True)


def backup_if_due(store: Any, now: datetime | None = None) -> Backup | None:
    """Today's daily backup, unless there is one already or nothing to back up yet."""
    folder = getattr(store, "folder", None)
    if folder is None or not getattr(store, "_open", True):
        return None
    now = now or datetime.now().astimezone()
    with _lock(folder):
        if not data_files(folder):
            return None
        today = now.strftime("%Y-%m-%d")
        if any(b.kind == "daily" and b.made_at[:10] == today for b in list_backups(store)):
            return None
        return _make_backup(store, "daily", now)


# -- restoring -------------------------------------------------------------------------------------------
def restore_backup(store: Any, name: str) -> Backup:
    """Put the whole profile back as it was in backup `name`.

    The current state is backed up first (returned), so a restore can itself be undone.
    The restored files are written as one generation with the passphrase switch's redo
    log (passphrase.py): a crash half-way is finished by the next open, never left half.
    """
    from workbook.store import migrate
    from workbook.store import passphrase as switch

    with _lock(store.folder):
        backup = find_backup(store, name)
        if not backup.readable:
            raise BackupError(f"The backup '{name}' cannot be read, so nothing was restored.")
        if backup.data_version > migrate.current_version():
            raise BackupError(
                f"The backup '{name}' was made by a newer version of the workbook, so nothing was restored."
            )
        documents: dict[str, dict[str, Any]] = {}
        for relative in backup.files:
            document = _good_copy(store, backup, relative)
            if document is None:
                raise BackupError(
                    f"Part of the backup '{name}' ({relative}) cannot be read, so nothing was restored."
                )
            documents[relative] = document
        before = _make_backup(store, "before-restore", datetime.now().astimezone())
        folder: Path = store.folder
        store.reload()
        try:
            building = folder / switch.BUILDING
            switch.remove_tree(building)
            ensure_private_dir(building)
            for relative, document in documents.items():
                _write_new(building / relative, _codec(store, relative).encode(document))
            _write_new(building / switch.META, (folder / switch.META).read_bytes())
            switch.commit_generation(folder)
            switch.roll_forward(folder)
        except OSError as error:
            store.reload()
            reason = error.strerror or str(error)
            if (folder / switch.READY).exists():
                try:
                    switch.roll_forward(folder)  # past the commit point: finish now if we can
                except OSError:
                    # Writing now would be undone when the restore is finished: close instead.
                    store.close()
                    raise BackupError(
                        f"The restore was interrupted ({reason}), so the profile has been closed; it will be "
                        "finished the next time the workbook opens it. Nothing is lost."
                    ) from None
            else:
                switch.remove_tree(folder / switch.BUILDING)
                raise BackupError(
                    f"The backup could not be restored ({reason}). Your workbook is as it was before, "
                    f"and a copy of it is in the backup '{before.name}'."
                ) from None
        for relative in set(data_files(folder)) - set(documents) - set(backup.skipped):
            try:
                (folder / relative).unlink()  # newer than the backup; kept in `before`
            except OSError:
                pass  # left in place: more than the backup held, never less
        store.reload()
        migrate.upgrade(store)
        return before


_ASIDE = re.compile(r"\.unreadable-(\d{8}-\d{6})(-\d+)?$")


def set_aside_at(folder: Path, relative: str) -> datetime | None:
    """When the file at `relative` was last set aside as unreadable (profile._set_aside), if ever."""
    target = Path(folder) / relative
    moments = []
    for aside in target.parent.glob(f"{target.name}.unreadable-*"):
        match = _ASIDE.search(aside.name)
        if match:
            moments.append(datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").astimezone())
    return max(moments) if moments else None


def _made_before(backup: Backup, moment: datetime) -> bool:
    try:
        return datetime.fromisoformat(backup.made_at) <= moment
    except ValueError:
        return False


def newest_good_copy(store: Any, relative: str) -> Backup | None:
    """The newest backup holding a readable copy of one data file.

    If the file was set aside as unreadable, backups made before that moment come first:
    later ones may hold only the new file that took its place."""
    found = [b for b in list_backups(store) if _good_copy(store, b, relative) is not None]
    aside = set_aside_at(store.folder, relative)
    if aside is not None:
        before = [b for b in found if _made_before(b, aside)]
        found = before or found
    return found[0] if found else None


def _protected(store: Any, backups: list[Backup]) -> set[str]:
    """Backups holding the last good copy of a file that was set aside: never pruned while
    the set-aside file is there (the person may not have brought it back yet)."""
    keep = set()
    folder: Path = store.folder
    for aside in folder.glob("**/*.unreadable-*"):
        relative = aside.relative_to(folder).as_posix()
        if relative.startswith(BACKUPS + "/") or not _ASIDE.search(aside.name):
            continue
        original = _ASIDE.sub("", relative)
        if original.endswith(".json") and original != "meta.json":
            best = newest_good_copy(store, original)
            if best is not None:
                keep.add(best.name)
    return keep


def restore_file(store: Any, relative: str, name: str | None = None) -> tuple[Backup, int]:
    """Bring back what one file held, from backup `name` or the newest with a good copy.

    Merged, not replaced: records and keyed rows already here stay as they are (they may
    be newer than the backup); only what is missing comes back. Returns (backup, added).
    """
    relative = relative.strip().replace("\\", "/")
    with _lock(store.folder):
        if name is None:
            backup = newest_good_copy(store, relative)
            if backup is None:
                raise BackupError(f"No backup holds a good copy of {relative}, so nothing was changed.")
        else:
            backup = find_backup(store, name)
        document = _good_copy(store, backup, relative)
        if document is None:
            raise BackupError(f"The backup '{backup.name}' holds no good copy of {relative}, so nothing was changed.")
        rows = [r for r in (document.get(_RECORDS) or {}).values() if isinstance(r, dict)]
        parts = relative.split("/")
        if len(parts) == 2:
            fresh = store.monthly(parts[0]).insert_many([r for r in rows if isinstance(r.get("id"), str)])
            return backup, len(fresh)
        table = store.table(Path(relative).stem)
        missing = object()
        added = 0
        for row in rows:
            if isinstance(row.get("key"), str) and table.get(row["key"], missing) is missing:
                table.put(row["key"], row.get("value"))
                added += 1
        return backup, added


def offer_for(store: Any, path: Path) -> str | None:
    """A sentence offering the newest good backup copy of a file just set aside, if any."""
    try:
        relative = path.relative_to(store.folder).as_posix()
    except ValueError:
        return None
    if relative.startswith(BACKUPS + "/") or relative == "meta.json":
        return None
    backup = newest_good_copy(store, relative)
    if backup is None:
        return None
    offers = getattr(store, "backup_offers", None)
    if isinstance(offers, list) and (relative, backup.name) not in offers:
        offers.append((relative, backup.name))
    return (
        f"A good copy from the backup of {backup.when()} can be put back: choose Backups on the home "
        f"screen (press b), or run `workbook restore --file {relative}`."
    )

