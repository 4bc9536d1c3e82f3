"""One person's folder on disk, behind a lock.

Layout of a profile folder (0700; every file 0600):
    profile.lock          held while the profile is open (filelock; the OS drops it if we die)
    meta.json             store format version; with a passphrase, the encryption header
    entries/YYYY-MM.json  finished entries of that month (one small TinyDB file each)
    drafts.json           unfinished exercises, one per exercise
    settings.json         small per-person settings (theme, ...)
    NAME.json, NAME/      further tables that features open with table() / monthly()

Splitting by month keeps a save to kilobytes however many years of entries exist,
and the history only reads as many months as it shows.

A profile with a passphrase is encrypted at rest (crypto.py): meta.json is then the
header that says how to derive the key, and every other file is AES-GCM ciphertext
bound to its place. Opening one: take the lock, finish or roll back an interrupted
passphrase switch (passphrase.py), read only the header, derive the key and check it;
nothing else is listed or read before the passphrase is known to be right.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from datetime import datetime
from pathlib import Path

import filelock
from tinydb import TinyDB

from workbook.paths import FILE_MODE, ensure_private_dir, profile_dir
from workbook.store import backup as backups
from workbook.store import migrate
from workbook.store import passphrase as switch
from workbook.store.atomic import atomic_write, fsync_dir, remove_stale_temps
from workbook.store.base import ProfileBusy, RecordStore, StoreError
from workbook.store.codec import Codec, JsonCodec, Unreadable, codec_for_path
from workbook.store.crypto import (
    EncryptedCodec,
    Header,
    HeaderDamaged,
    NoPassphrase,
    PassphraseNeeded,
    WrongPassphrase,
    check_new_passphrase,
    is_encrypted_header,
    looks_encrypted,
    new_header,
    unlock,
)
from workbook.store.storage import AtomicStorage, UnreadableFile, explain_write_error
from workbook.store.tables import KeyedTable, MonthlyTable

FORMAT_VERSION = 2  # the newest this version reads; plain profiles are still written as 1
PLAIN_FORMAT = 1
__all__ = [
    "FORMAT_VERSION", "HeaderDamaged", "NoPassphrase", "PassphraseNeeded", "PassphraseSwitchUnfinished",
    "ProfileStore", "WrongPassphrase", "open_store", "prepare_data_dir",
]
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


class PassphraseSwitchUnfinished(StoreError):
    """A passphrase switch failed after its commit point; the profile was closed.

    `new_applies` is True: the next open (with the new passphrase, or none if it was
    being removed) finishes the switch.
    """

    new_applies = True


def _month_label(stem: str) -> str | None:
    try:
        return datetime.strptime(stem, "%Y-%m").strftime("%B %Y")
    except ValueError:
        return None


class ProfileStore(RecordStore):
    """The Store for one profile on disk. Holds the profile's lock until close()."""

    def __init__(self, folder: Path, profile: str, codec: Codec | None = None) -> None:
        self.folder = folder
        self.profile = profile
        self._plain_codec = codec or JsonCodec()
        self.codec: Codec = self._plain_codec
        self._header: Header | None = None
        self.problems: list[str] = []
        self._lock = filelock.FileLock(folder / "profile.lock", timeout=0, mode=FILE_MODE)
        self._tables: dict[str, KeyedTable] = {}
        self._monthly: dict[str, MonthlyTable] = {}
        self._open = False
        self.upgrades: list[str] = []  # migrations run on open, in words (migrate.py)
        self.backup_offers: list[tuple[str, str]] = []  # (file set aside, backup with a good copy)
        self._fresh: tuple[Header, object] | None = None  # the key of a profile just made (open_store)

    # -- opening and closing ---------------------------------------------------------
    @property
    def encrypted(self) -> bool:
        return self._header is not None

    def open(self, passphrase: str | None = None) -> ProfileStore:
        try:
            self._lock.acquire()
        except filelock.Timeout:
            raise ProfileBusy(
                f"The profile '{self.profile}' is already open in another window. "
                "Close it there first, then try again."
            ) from None
        try:
            self._open = True
            switch.finish_interrupted_switch(self.folder)  # needs no key; looks up two names only
            self._check_format(passphrase)  # reads only meta.json until the passphrase is known right
            for folder in [self.folder, *(p for p in self.folder.iterdir() if p.is_dir())]:
                remove_stale_temps(folder)
            backups.remove_unfinished(self.folder)
            self.upgrades = migrate.upgrade(self)  # a newer data version is refused before any write
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
        self.codec, self._header = self._plain_codec, None  # drop the key
        if self._open:
            self._lock.release()
            self._open = False

    def reload(self) -> None:
        """Forget what the open tables read; they read the files again on next use (after a restore)."""
        for table in [*self._tables.values(), *self._monthly.values()]:
            table.close()

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

    # -- format, header and passphrase --------------------------------------------------------
    def _check_format(self, passphrase: str | None = None) -> None:
        meta_path = self.folder / "meta.json"
        broken = False
        try:
            meta = JsonCodec().decode(meta_path.read_bytes())
        except FileNotFoundError:
            meta = None
        except Unreadable:
            meta, broken = None, True
        if meta is not None:
            found = meta.get("format")
            if type(found) is int and found > FORMAT_VERSION:
                raise StoreError(
                    f"The profile '{self.profile}' was saved by a newer version of the workbook "
                    f"(format {found}). Please update the workbook; your files have not been touched."
                )
            if is_encrypted_header(meta):
                self._unlock(meta, passphrase)  # a damaged header: HeaderDamaged, nothing touched
                return
            if type(found) is not int:
                # Every version writes "format" as a number. Without one (a flipped bit in the
                # name, say) the note is damaged, not newer: it was refused as "saved by a newer
                # version (format None)", which was untrue and left the profile unopenable.
                meta, broken = None, True
        # A plain header, or none at all. Encrypted files under it mean the header was
        # lost or replaced: refuse, rather than set them aside and write plaintext beside them.
        if self._holds_encrypted_files():
            raise self._header_damaged("missing" if meta is None and not broken else "damaged")
        if passphrase is not None and (meta is not None or self._holds_data_files()):
            raise NoPassphrase(
                f"The profile '{self.profile}' has no passphrase. Open it without one; "
                "a passphrase can be set once it is open."
            )
        if meta is not None:
            return
        if broken:
            self._set_aside(meta_path, "profile's format note")  # "The file holding your profile's ..."
        if passphrase is not None:  # a new profile, created with a passphrase
            header, key = new_header(passphrase)
            document = header.to_document()
        else:
            document = {"format": PLAIN_FORMAT}
        try:
            atomic_write(meta_path, JsonCodec().encode(document))
        except OSError as error:
            raise StoreError(explain_write_error(error)) from None
        if passphrase is not None:
            self._adopt(header, EncryptedCodec(key, header.digest))

    def _header_damaged(self, how: str) -> HeaderDamaged:
        return HeaderDamaged(
            f"The profile '{self.profile}' has a passphrase, but its header file (meta.json) is {how}, "
            "so it cannot be unlocked. Nothing has been changed; a copy of meta.json from a backup "
            "of this profile would let it open again."
        )

    def _unlock(self, meta: dict, passphrase: str | None) -> None:
        try:
            header = Header.from_document(meta)
        except ValueError:
            raise self._header_damaged("damaged") from None
        if passphrase is None:
            raise PassphraseNeeded(
                f"The profile '{self.profile}' is protected by a passphrase. Enter it to open the profile."
            )
        if self._fresh is not None and self._fresh[0] == header:
            key = self._fresh[1]  # just derived by _make_profile_folder: no second scrypt
        else:
            key = unlock(header, passphrase)  # WrongPassphrase: says nothing more
        self._fresh = None
        self._adopt(header, EncryptedCodec(key, header.digest))

    def _adopt(self, header: Header | None, codec: Codec) -> None:
        self._header, self.codec = header, codec

    def _data_files(self) -> list[Path]:
        """Documents directly in the folder or in a table's folder (no deeper)."""
        files = [p for p in self.folder.glob("*.json") if p.name != "meta.json"]
        for sub in self.folder.iterdir():
            if sub.is_dir() and not sub.name.startswith("."):
                files.extend(sub.glob("*.json"))
        return files

    def _holds_data_files(self) -> bool:
        return bool(self._data_files())

    def _holds_encrypted_files(self) -> bool:
        for path in self._data_files():
            try:
                with open(path, "rb") as handle:
                    if looks_encrypted(handle.read(8)):
                        return True
            except OSError:
                continue
        return False

    # -- setting, changing, removing the passphrase ---------------------------------------------
    def set_passphrase(self, new: str) -> None:
        """Encrypt this (plain) profile under `new`: every file is re-written, crash-safely."""
        self._require_open()
        if self.encrypted:
            raise StoreError("This profile already has a passphrase. Change it instead.")
        check_new_passphrase(new)
        header, key = new_header(new)
        self._switch(header, EncryptedCodec(key, header.digest), "set")

    def change_passphrase(self, old: str, new: str) -> None:
        """Re-encrypt every file under `new` (new salt, new key); `old` must be the current one."""
        self._require_open()
        if self._header is None:
            raise NoPassphrase("This profile has no passphrase yet. Set one instead.")
        check_new_passphrase(new)
        unlock(self._header, old)
        header, key = new_header(new)
        self._switch(header, EncryptedCodec(key, header.digest), "changed")

    def remove_passphrase(self, old: str) -> None:
        """Decrypt every file: the profile opens without a passphrase again."""
        self._require_open()
        if self._header is None:
            raise NoPassphrase("This profile has no passphrase.")
        unlock(self._header, old)
        self._switch(None, self._plain_codec, "removed")

    def _describe(self, path: Path) -> str:
        relative = path.relative_to(self.folder)
        table = relative.parts[0].removesuffix(".json")
        what = _WHAT.get(table, table)
        label = _month_label(path.stem) if len(relative.parts) > 1 else None
        return f"{what} from {label}" if label else what

    def _switch(self, header: Header | None, codec: Codec, done: str) -> None:
        """Re-write the profile under `codec`; see passphrase.py for why a crash is safe."""
        document = header.to_document() if header is not None else {"format": PLAIN_FORMAT}
        for table in [*self._tables.values(), *self._monthly.values()]:
            table.close()  # reopened lazily, under whichever key is in force afterwards
        committed = False
        try:
            switch.build_generation(
                self.folder, document, self.codec, codec, lambda p: self._set_aside(p, self._describe(p))
            )
            switch.commit_generation(self.folder)
            committed = True
            switch.roll_forward(self.folder)
        except Exception as error:
            if not (committed or (self.folder / switch.READY).exists()):
                try:
                    switch.remove_tree(self.folder / switch.BUILDING)
                except OSError:
                    pass  # the next open removes it
                # Only the OS's words: other messages might quote what was being re-encrypted.
                reason = (error.strerror if isinstance(error, OSError) else None) or "an unexpected problem"
                raise StoreError(
                    f"The passphrase could not be {done} ({reason}). Nothing is lost, and the profile "
                    "opens exactly as before."
                ) from error
            try:
                switch.roll_forward(self.folder)  # past the commit point: finish now if we can
            except Exception:
                self.close()
                then = "without a passphrase" if header is None else "with the new passphrase"
                raise PassphraseSwitchUnfinished(
                    f"The passphrase was {done}, but the profile's files could not all be brought along, "
                    f"so the profile has been closed. Open it again {then} to finish; nothing is lost."
                ) from error
        except BaseException:
            self.close()  # interrupted (a crash, Ctrl-C): the next open finishes or rolls back
            raise
        self._adopt(header, codec)

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
        offer = backups.offer_for(self, path) if self._open else None
        if offer:
            self.problems[-1] += " " + offer
        return aside

    def _open_db(self, path: Path, what: str) -> TinyDB:
        """Open one file, reading it now: an unreadable file is set aside, never taken as empty."""
        self._require_open()
        # An encrypted file is bound to its place in the profile ("entries/2026-11.json").
        codec = codec_for_path(self.codec, path.relative_to(self.folder).as_posix())
        db = TinyDB(path, storage=AtomicStorage, codec=codec)
        try:
            db.storage.read()
        except UnreadableFile:
            db.close()
            self._set_aside(path, what)
            db = TinyDB(path, storage=AtomicStorage, codec=codec)
        return db


def open_store(
    data_dir: Path,
    profile: str = "default",
    passphrase: str | None = None,
    *,
    codec: Codec | None = None,
) -> ProfileStore:
    """Open (creating if needed) a profile under `data_dir` and take its lock.

    A profile created with a passphrase is encrypted. An encrypted profile needs its
    passphrase (PassphraseNeeded without, WrongPassphrase with a wrong one); a plain one
    refuses a passphrase (NoPassphrase). Pass the passphrase as text, never from argv.
    """
    if codec is not None and passphrase is not None:
        raise ValueError("give a passphrase or a codec, not both")
    root = prepare_data_dir(Path(data_dir))
    folder = profile_dir(root, profile)
    fresh = None
    try:
        if not folder.exists():
            fresh = _make_profile_folder(folder, passphrase if codec is None else None)
        ensure_private_dir(folder)
    except OSError as error:
        raise StoreError(f"The profile folder {folder} cannot be used: {error.strerror or error}.") from None
    store = ProfileStore(folder, profile, codec)
    store._fresh = fresh
    return store.open(passphrase)


NEW_PREFIX = ".new-"  # a profile folder being made; hidden, never listed (profiles.py skips dot-folders)


def _make_profile_folder(folder: Path, passphrase: str | None) -> tuple[Header, object] | None:
    """Make a new profile's folder with its header already in it, in one atomic rename.

    Made in place, the folder existed for the whole key derivation before its header was
    written: a process killed then (crash test) left a profile without a header, which
    the next open made a plain one, although it was created with a passphrase. Returns
    the new header and key, so opening does not derive the key a second time.
    """
    staging = folder.with_name(f"{NEW_PREFIX}{folder.name}-{uuid.uuid4().hex[:12]}")
    ensure_private_dir(staging)
    try:
        made = new_header(passphrase) if passphrase is not None else None
        document = made[0].to_document() if made is not None else {"format": PLAIN_FORMAT}
        atomic_write(staging / "meta.json", JsonCodec().encode(document))
        try:
            os.rename(staging, folder)
        except OSError:
            if not folder.is_dir():
                raise
            return None  # made meanwhile by another window: open that one
        fsync_dir(folder.parent)
        return made
    finally:
        shutil.rmtree(staging, ignore_errors=True)
