"""Who uses this workbook: the list of profiles, unlisted ones, and removing one for good.

Every profile is a folder under DATA/profiles/ (see profile.py). Which of them a picker
shows is in DATA/profiles.json, written atomically, readable only by the owner:

    {"format": 1, "just_me": false, "profiles": [{"name": "Sam", "folder": "sam"}]}

- A listed profile's folder is named after it (`paths.profile_folder_name`), so
  `--profile Sam` and the picker open the same one.
- An unlisted profile is in no list, and its folder is named by a hash of its name
  ("u-" + 32 hex digits): someone looking through the folders sees that an unlisted
  profile exists, not whose it is. It opens by typing the name. (A name is short, so a
  determined guesser with a list of names could test them: unlisted hides, it does not
  encrypt. The passphrase is what protects the entries.)
- "Just me" marks a one-person install: the workbook opens its one profile without
  asking. An install from before profiles existed, with only the "default" folder,
  behaves the same way.

Removing a profile destroys its key material first: meta.json (for an encrypted
profile, the salt without which no passphrase can ever derive the key again) is
overwritten and deleted before anything else, then every other file. Files are
overwritten before they are unlinked, as a courtesy: on flash storage and journalling
file systems old blocks can survive, so nobody is promised a secure erase.

No Textual here. Opening and closing a profile from the full-screen workbook goes
through `STORE_THREAD` (see there).
"""

from __future__ import annotations

import concurrent.futures
import copy
import errno
import hashlib
import os
import re
import shutil
import threading
import time
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, TypeVar

import filelock

from workbook.paths import FILE_MODE, ensure_private_dir, profile_folder_name, profiles_dir
from workbook.store.atomic import atomic_write, fsync_dir
from workbook.store.base import ProfileBusy, StoreError
from workbook.store.codec import JsonCodec, Unreadable

REGISTRY = "profiles.json"
REGISTRY_FORMAT = 1
DEFAULT_PROFILE = "default"
MAX_NAME_LENGTH = 40
_HIDDEN = re.compile(r"^u-[0-9a-f]{32}$")
REMOVING = ".removing-"  # a profile folder being destroyed (remove_profile); hidden, never listed

T = TypeVar("T")


class NoSuchProfile(StoreError):
    """No profile (listed or unlisted) answers to this name."""


class ProfileExists(StoreError):
    """A new profile's name is already taken."""


@dataclass(frozen=True)
class ProfileRef:
    """A profile by name, and where it lives. `folder` is the folder's name under profiles/."""

    name: str
    folder: str
    listed: bool = True


# -- names ----------------------------------------------------------------------------------------
def clean_name(name: str) -> str:
    """The name as it will be shown: NFC, spaces tidied. Raises StoreError if it cannot be a name."""
    text = " ".join(unicodedata.normalize("NFC", str(name)).split())
    if not text:
        raise StoreError("Please give the profile a name: a first name or a nickname is enough.")
    if len(text) > MAX_NAME_LENGTH:
        raise StoreError(f"That name is a little long; please keep it to {MAX_NAME_LENGTH} characters.")
    if any(unicodedata.category(ch).startswith("C") for ch in text):
        raise StoreError("A profile's name cannot hold control characters.")
    if not any(ch.isalnum() for ch in text):
        raise StoreError("A profile's name needs at least one letter or digit.")
    return text


def unlisted_folder(name: str) -> str:
    """The folder name of an unlisted profile: the same name (any case) gives the same folder."""
    key = unicodedata.normalize("NFC", " ".join(name.split())).casefold()
    digest = hashlib.sha256(b"workbook unlisted profile\x00" + key.encode("utf-8", "surrogatepass")).hexdigest()
    return f"u-{digest[:32]}"


def _same(a: str, b: str) -> bool:
    return unicodedata.normalize("NFC", " ".join(a.split())).casefold() == \
        unicodedata.normalize("NFC", " ".join(b.split())).casefold()


# -- the registry ------------------------------------------------------------------------------------
@dataclass
class Registry:
    just_me: bool = False
    profiles: list[ProfileRef] | None = None  # listed profiles, in the order they were made
    exists: bool = False

    def __post_init__(self) -> None:
        if self.profiles is None:
            self.profiles = []


def read_registry(root: Path) -> Registry:
    """The registry; a missing or unreadable one reads as empty (the folders are the truth)."""
    path = Path(root) / REGISTRY
    try:
        document = JsonCodec().decode(path.read_bytes())
    except (FileNotFoundError, NotADirectoryError):
        return Registry()
    except (OSError, Unreadable):
        return Registry(exists=True)
    if not isinstance(document, dict):
        return Registry(exists=True)
    refs = []
    for item in document.get("profiles") or []:
        if isinstance(item, dict) and isinstance(item.get("name"), str) and isinstance(item.get("folder"), str):
            if item["folder"] == profile_folder_name(item["folder"]) and not _HIDDEN.match(item["folder"]):
                refs.append(ProfileRef(item["name"], item["folder"], True))
    return Registry(just_me=bool(document.get("just_me")), profiles=refs, exists=True)


def write_registry(root: Path, registry: Registry) -> None:
    document = {
        "format": REGISTRY_FORMAT,
        "just_me": registry.just_me,
        "profiles": [{"name": r.name, "folder": r.folder} for r in registry.profiles or []],
    }
    try:
        atomic_write(Path(root) / REGISTRY, JsonCodec().encode(document))
    except OSError as error:
        raise StoreError(f"The list of profiles could not be saved ({error.strerror or error}).") from None


def _folders(root: Path) -> list[str]:
    folder = profiles_dir(Path(root))
    try:
        return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return []


def listed_profiles(root: Path) -> list[ProfileRef]:
    """The profiles a picker shows: registered ones whose folder is there, then any older
    folder made before the list existed. Unlisted profiles never appear."""
    finish_removals(root)
    registry = read_registry(root)
    present = set(_folders(root))
    shown = [r for r in registry.profiles or [] if r.folder in present]
    known = {r.folder for r in shown}
    for folder in sorted(present - known):
        if not _HIDDEN.match(folder):
            shown.append(ProfileRef(folder, folder, True))
    return shown


def install_state(root: Path) -> str:
    """"fresh" (nobody yet), "just_me" (open the one profile without asking) or "several"."""
    registry = read_registry(root)
    listed = listed_profiles(root)
    folders = _folders(root)
    if not folders:
        return "fresh"
    others = [r for r in listed if r.folder != DEFAULT_PROFILE]
    if not others and DEFAULT_PROFILE in folders and (registry.just_me or folders == [DEFAULT_PROFILE]):
        return "just_me"
    return "several"


def find_profile(root: Path, name: str) -> ProfileRef | None:
    """The profile this name opens: listed first, then unlisted; None if there is none."""
    root = Path(root)
    folder = profile_folder_name(name)
    for ref in listed_profiles(root):
        if ref.folder == folder or _same(ref.name, name):
            return ref
    hidden = unlisted_folder(name)
    if (profiles_dir(root) / hidden).is_dir():
        return ProfileRef(" ".join(name.split()), hidden, False)
    return None


def set_just_me(root: Path) -> None:
    registry = read_registry(root)
    registry.just_me = True
    write_registry(root, registry)


def _register(root: Path, ref: ProfileRef) -> None:
    if not ref.listed:
        return
    registry = read_registry(root)
    known = registry.profiles or []
    if any(r.folder == ref.folder and r.name == ref.name for r in known):
        return
    # An entry for the same folder left by a creation that never made its folder (see
    # open_profile) is stale: the name being created now is the one to show.
    registry.profiles = [*(r for r in known if r.folder != ref.folder), ref]
    write_registry(root, registry)


# -- opening -------------------------------------------------------------------------------------------
def _renamed(error: StoreError, folder: str, name: str) -> StoreError:
    """An unlisted profile's messages name it as the person typed it, never by its folder."""
    quoted = f"'{folder}'"
    if folder == name or quoted not in str(error):
        return error
    renamed = copy.copy(error)
    renamed.args = (str(error).replace(quoted, f"'{name}'"),)
    return renamed


def check_data_dir(root: Path) -> Path:
    """The data folder if it can be used; otherwise a StoreError in plain words (USB sticks)."""
    root = Path(root)
    read_only = StoreError(
        f"The data folder {root} is read-only, so nothing could be saved there. If it is a USB "
        "stick, check its lock switch; or choose another folder with --data-dir."
    )
    if not root.exists():
        if not root.parent.exists():
            raise StoreError(
                f"The data folder {root} is not there. If it is on a USB stick, check that the stick "
                "is plugged in, or choose another folder with --data-dir."
            )
        try:
            ensure_private_dir(root)  # opening would make it anyway
        except OSError as error:
            if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise read_only from None
            raise StoreError(f"The data folder {root} cannot be made: {error.strerror or error}.") from None
    if not root.is_dir():
        raise StoreError(f"{root} is a file, not a folder; please choose a folder with --data-dir.")
    probe = root / f".write-check-{os.getpid()}-{threading.get_ident()}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        os.close(fd)
        os.unlink(probe)
    except OSError as error:
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise read_only from None
        raise StoreError(f"The data folder {root} cannot be used: {error.strerror or error}.") from None
    return root


def open_profile(
    root: Path, name: str, passphrase: str | None = None, *, create: bool = True, unlisted: bool = False
) -> Any:
    """Open a profile by name (listed or unlisted), creating it if `create` and it is new.

    A new listed profile is added to the list. Raises what open_store raises, with an
    unlisted profile named as typed; NoSuchProfile when `create` is False and it is not there.
    """
    from workbook.store.profile import open_store

    root = check_data_dir(Path(root))
    ref = find_profile(root, name)
    new = ref is None
    if new:
        if not create:
            raise NoSuchProfile(
                "There is no profile with that name here. Check the spelling (capitals do not matter)."
            )
        shown = clean_name(name)
        ref = ProfileRef(shown, unlisted_folder(shown), False) if unlisted else \
            ProfileRef(shown, profile_folder_name(shown), True)
    if new:
        # Listed before its folder is made: a process killed in between leaves a list entry
        # for a folder that is not there, which is never shown. Made the other way round, it
        # left a folder nobody listed, shown ever after under its folder's name ("friend-2"
        # for "Friend 2"), and the name itself could not be taken again (crash test).
        _register(root, ref)
    try:
        # A listed profile is opened by its name (messages then say it as it is shown).
        by_name = ref.listed and profile_folder_name(ref.name) == ref.folder
        store = open_store(root, ref.name if by_name else ref.folder, passphrase)
    except StoreError as error:
        raise _renamed(error, ref.folder, ref.name) from None
    store.profile = ref.name
    return store


def create_profile(root: Path, name: str, passphrase: str | None = None, *, unlisted: bool = False) -> Any:
    """A new profile; ProfileExists if the name (or one that makes the same folder) is taken."""
    shown = clean_name(name)
    root = Path(root)
    if find_profile(root, shown) is not None or (profiles_dir(root) / profile_folder_name(shown)).exists():
        raise ProfileExists(f"There is already a profile called '{shown}'. Please choose another name.")
    if shown.strip().casefold() == DEFAULT_PROFILE:
        raise ProfileExists("'default' is kept for a one-person workbook; please choose another name.")
    if unlisted and (profiles_dir(root) / unlisted_folder(shown)).exists():
        raise ProfileExists(f"There is already a profile called '{shown}'. Please choose another name.")
    return open_profile(root, shown, passphrase, create=True, unlisted=unlisted)


def verify_passphrase(store: Any, passphrase: str) -> bool:
    """Whether `passphrase` is this open profile's (for the lock screen). Slow on purpose
    (scrypt): run it in a worker. Checks the key held in memory, never the file on disk,
    so a header swapped in while the workbook is locked cannot open it."""
    from workbook.store.crypto import WrongPassphrase, unlock

    header = getattr(store, "_header", None)
    if header is None:
        return True
    try:
        unlock(header, passphrase)
    except WrongPassphrase:
        return False
    return True


def has_passphrase(store: Any) -> bool:
    return bool(getattr(store, "encrypted", False))


# -- removing --------------------------------------------------------------------------------------------
def _overwrite_and_unlink(path: Path) -> None:
    try:
        size = os.lstat(path).st_size
        if size and path.is_file() and not path.is_symlink():
            fd = os.open(path, os.O_WRONLY)
            try:
                zeros = b"\0" * min(size, 1 << 20)
                left = size
                while left > 0:
                    left -= os.write(fd, zeros[: min(left, len(zeros))])
                os.fsync(fd)
            finally:
                os.close(fd)
    except OSError:
        pass  # still unlinked below; overwriting was only a courtesy
    os.unlink(path)


def _destroy(folder: Path) -> None:
    """Every file of a profile folder, key material (meta.json) first; the lock file stays."""
    meta = folder / "meta.json"
    if meta.exists():
        _overwrite_and_unlink(meta)
        fsync_dir(folder)
    for dirpath, dirnames, filenames in os.walk(folder, topdown=False):
        here = Path(dirpath)
        for filename in filenames:
            if here == folder and filename == "profile.lock":
                continue
            _overwrite_and_unlink(here / filename)
        for dirname in dirnames:
            target = here / dirname
            if target.is_symlink():
                target.unlink()
            else:
                target.rmdir()


def _remove_emptied(folder: Path) -> None:
    try:
        (folder / "profile.lock").unlink()
    except FileNotFoundError:
        pass
    folder.rmdir()
    fsync_dir(folder.parent)


ABANDONED_AFTER = 3600  # seconds: a profile folder still being made after this was abandoned


def finish_removals(root: Path) -> None:
    """Destroy what a removal killed half-way left (see remove_profile), and folders of
    new profiles whose making was killed (profile._make_profile_folder: a header, no data)
    once they are clearly abandoned. Never raises."""
    from workbook.store.profile import NEW_PREFIX

    folder = profiles_dir(Path(root))
    try:
        leftovers = list(folder.glob(REMOVING + "*"))
        for staging in folder.glob(NEW_PREFIX + "*"):
            if staging.is_dir() and time.time() - staging.stat().st_mtime > ABANDONED_AFTER:
                shutil.rmtree(staging, ignore_errors=True)
    except OSError:
        return
    for tomb in leftovers:
        if not tomb.is_dir() or tomb.is_symlink():
            continue
        lock = filelock.FileLock(tomb / "profile.lock", timeout=0, mode=FILE_MODE)
        try:
            lock.acquire()
        except (filelock.Timeout, OSError):
            continue  # being removed right now by another window
        try:
            _destroy(tomb)
        except OSError:
            continue
        finally:
            lock.release()
        try:
            _remove_emptied(tomb)
        except OSError:
            pass


def remove_profile(root: Path, name: str) -> ProfileRef:
    """Destroy a profile: key material first, then every file, then its folder and list entry.

    First, one atomic rename moves the folder to a hidden name (REMOVING...): from then on
    the profile is gone from every list and no name opens it. Destroying its files one by
    one cannot be atomic, so a process killed in the middle of that (crash test) would
    otherwise leave a profile that opens with part of its data, or with its header gone;
    instead it leaves a hidden folder that finish_removals() destroys the next time the
    profiles are listed or one is opened or removed.

    ProfileBusy if it is open somewhere; NoSuchProfile if there is none by that name.
    """
    root = Path(root)
    finish_removals(root)
    ref = find_profile(root, name)
    if ref is None:
        raise NoSuchProfile(f"There is no profile called '{' '.join(name.split())}' here, so nothing was removed.")
    folder = profiles_dir(root) / ref.folder
    lock = filelock.FileLock(folder / "profile.lock", timeout=0, mode=FILE_MODE)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise ProfileBusy(
            f"The profile '{ref.name}' is open in another window. Close it there first; nothing was removed."
        ) from None
    tomb = folder.with_name(f"{REMOVING}{uuid.uuid4().hex[:12]}")
    try:
        os.rename(folder, tomb)  # the lock moves with the folder: it stays held
        fsync_dir(folder.parent)
        _destroy(tomb)
    finally:
        lock.release()
    _remove_emptied(tomb)
    registry = read_registry(root)
    if registry.exists:
        registry.profiles = [r for r in registry.profiles or [] if r.folder != ref.folder]
        if ref.folder == DEFAULT_PROFILE:
            registry.just_me = False
        write_registry(root, registry)
    return ref


# -- one thread for opening and closing ------------------------------------------------------------------
class StoreThread:
    """Runs profile opens, passphrase switches and closes on one long-lived thread.

    A profile's lock (filelock) belongs to the thread that took it: released from any
    other thread it silently stays held. The full-screen workbook opens a profile in the
    background (scrypt takes about half a second), so every open, switch and close it
    does goes through this one thread, keeping take and release together.
    """

    def __init__(self) -> None:
        self._executor: concurrent.futures.ThreadPoolExecutor | None = None
        self._guard = threading.Lock()

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> concurrent.futures.Future[T]:
        with self._guard:
            if self._executor is None:
                self._executor = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="workbook-store")
            return self._executor.submit(fn, *args, **kwargs)

    def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return self.submit(fn, *args, **kwargs).result()


STORE_THREAD = StoreThread()
