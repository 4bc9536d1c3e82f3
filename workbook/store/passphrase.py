"""Passphrases: reading one from a file or descriptor, and switching a profile's key.

Reading: a passphrase never comes from argv (other users see it in `ps`).
`read_passphrase_from(3)` or `read_passphrase_from("/run/secret")` reads the first line
and strips only its line ending.

Switching (set, change or remove a passphrase) re-encrypts every file of the profile.
A crash at any moment must leave a profile that either the old or the new passphrase
opens, with everything in it. So the switch is a small redo log with ONE commit point:

1. Build: every file of the profile is decoded with the old key and encoded with the
   new one into `.rekey-building/` inside the profile folder (same layout, same
   names), then the new header as `.rekey-building/meta.json`. Each file is written
   atomically and fsynced, then every folder of the new generation is fsynced.
   The live files are not touched. A crash here: the old passphrase opens the profile;
   the next open removes `.rekey-building/`.
2. Commit: one atomic rename, `.rekey-building/` -> `.rekey-ready/`, then fsync the
   profile folder. From this instant the new passphrase is the one.
3. Roll forward: each file of `.rekey-ready/` is moved over its live counterpart
   (os.replace, atomic per file), the header (meta.json) LAST, then `.rekey-ready/` is
   removed. This step needs no key, and is idempotent: a crash half-way leaves some
   files still under the old key, but `.rekey-ready/` still holds their replacements
   and the new header, and the next open, before it even reads the header, finishes
   the moves. So the header on disk never disagrees with the files once an open
   returns.

Files that cannot be read with the old key are set aside first (as on any open); set-
aside copies from a plain profile are wrapped and encrypted too, so no plaintext is
left in an encrypted profile. Old plaintext is unlinked, not shredded: blocks of a
formerly plain file may survive on the disk until reused (no secure erase is promised).
"""

from __future__ import annotations

import base64
import binascii
import os
import shutil
import stat
from pathlib import Path
from typing import Any, Callable

from workbook.errors import UsageError
from workbook.paths import ensure_private_dir
from workbook.store.atomic import TEMP_SUFFIX, atomic_write, fsync_dir
from workbook.store.codec import Codec, JsonCodec, Unreadable, codec_for_path
from workbook.store.crypto import looks_encrypted

BUILDING = ".rekey-building"
READY = ".rekey-ready"
META = "meta.json"
LOCK = "profile.lock"
WRAPPED = "set_aside_bytes"  # a set-aside file's original bytes, base64, inside an encrypted file
MAX_PASSPHRASE_BYTES = 4096


# -- reading a passphrase ---------------------------------------------------------------------
class PassphraseInputError(UsageError):
    """The passphrase file or descriptor could not be used. Never quotes what it read."""


def _strip_line_ending(line: bytes) -> bytes:
    if line.endswith(b"\n"):
        line = line[:-1]
        if line.endswith(b"\r"):
            line = line[:-1]
    return line


def _read_line_fd(fd: int) -> bytes:
    """Byte by byte, so nothing after the first line is consumed (a second line may follow)."""
    line = bytearray()
    while len(line) <= MAX_PASSPHRASE_BYTES:
        chunk = os.read(fd, 1)
        if not chunk:
            break
        line += chunk
        if chunk == b"\n":
            break
    return bytes(line)


def read_passphrase_from(source: int | str | os.PathLike[str]) -> str:
    """The first line of a file (a path) or of an open file descriptor (an int).

    Only the line ending ("\\n" or "\\r\\n") is stripped; spaces are part of the passphrase.
    A descriptor is read up to the first newline and left open (the caller owns it).
    Bytes that are not UTF-8 are kept as they are (surrogateescape), like a terminal does.
    """
    if isinstance(source, bool):
        raise TypeError("source is a file descriptor number or a path")
    where = f"file descriptor {source}" if isinstance(source, int) else f"the file {os.fspath(source)}"
    try:
        if isinstance(source, int):
            raw = _read_line_fd(source)
        else:
            with open(source, "rb") as handle:
                raw = handle.readline(MAX_PASSPHRASE_BYTES + 2)
    except OSError as error:
        raise PassphraseInputError(
            f"The passphrase could not be read from {where}: {error.strerror or error}."
        ) from None
    line = _strip_line_ending(raw)
    if len(line) > MAX_PASSPHRASE_BYTES:
        raise PassphraseInputError(
            f"The first line of {where} is longer than {MAX_PASSPHRASE_BYTES} bytes; that is not a passphrase."
        )
    if not line:
        raise PassphraseInputError(f"No passphrase was found in {where}: its first line is empty.")
    return line.decode("utf-8", "surrogateescape")


# -- switching a profile to a new key --------------------------------------------------------------
def _is_encrypted(codec: Codec) -> bool:
    return bool(getattr(codec, "encrypted", False))


def remove_tree(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)


def finish_interrupted_switch(folder: Path) -> str | None:
    """Run on open, holding the lock, before the header is read; needs no key.

    Looks only for the two switch folders by name (no listing of the profile).
    Returns "finished", "rolled back" or None (nothing was interrupted).
    """
    outcome = None
    if (folder / READY).is_dir():
        roll_forward(folder)
        outcome = "finished"
    if (folder / BUILDING).exists():
        remove_tree(folder / BUILDING)
        fsync_dir(folder)
        outcome = outcome or "rolled back"
    return outcome


def profile_files(folder: Path) -> list[Path]:
    """Every regular file that belongs to the profile's data, header and lock excluded."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        if here == folder:
            dirnames[:] = [d for d in dirnames if d not in (BUILDING, READY)]
        dirnames.sort()
        for name in sorted(filenames):
            if here == folder and name in (META, LOCK):
                continue
            if name.startswith(".") and name.endswith(TEMP_SUFFIX):
                continue  # an unfinished temp of a killed process: never promised, removed on open
            path = here / name
            if stat.S_ISREG(os.lstat(path).st_mode):
                found.append(path)
    return found


def _blob(raw: bytes, relative: str, old_codec: Codec, new_codec: Codec) -> bytes:
    """A file that is not a readable document (a set-aside copy): carried over, never as plaintext."""
    original = raw
    if looks_encrypted(raw) and _is_encrypted(old_codec):
        try:
            wrapped = codec_for_path(old_codec, relative).decode(raw)
            original = base64.b64decode(wrapped[WRAPPED], validate=True)
        except (Unreadable, KeyError, TypeError, ValueError, binascii.Error):
            original = raw  # ciphertext no key here opens: keep it exactly
    if _is_encrypted(new_codec) and not looks_encrypted(original):
        return codec_for_path(new_codec, relative).encode({WRAPPED: base64.b64encode(original).decode("ascii")})
    return original


def build_generation(
    folder: Path,
    header: dict[str, Any],
    old_codec: Codec,
    new_codec: Codec,
    set_aside: Callable[[Path], Path],
) -> None:
    """Step 1: the whole profile under the new key, in `.rekey-building/`. Live files untouched
    (except that an unreadable one is set aside, exactly as opening it would)."""
    building = folder / BUILDING
    remove_tree(building)
    ensure_private_dir(building)
    for path in profile_files(folder):
        relative = path.relative_to(folder).as_posix()
        raw = path.read_bytes()
        data: bytes | None = None
        if path.suffix == ".json":
            try:
                document = codec_for_path(old_codec, relative).decode(raw)
            except Unreadable:
                path = set_aside(path)
                relative = path.relative_to(folder).as_posix()
            else:
                data = codec_for_path(new_codec, relative).encode(document)
        if data is None:
            data = _blob(raw, relative, old_codec, new_codec)
        target = building / relative
        ensure_private_dir(target.parent)
        write_new_file(target, data)
    write_new_file(building / META, JsonCodec().encode(header))


def write_new_file(path: Path, data: bytes) -> None:
    atomic_write(path, data)


def commit_generation(folder: Path) -> None:
    """Step 2: the single atomic switch. Before it the old key rules, after it the new one."""
    building = folder / BUILDING
    for dirpath, _, _ in sorted(os.walk(building), key=lambda item: -len(item[0])):
        fsync_dir(Path(dirpath))
    os.rename(building, folder / READY)
    fsync_dir(folder)


def move_into_place(source: Path, target: Path) -> None:
    os.replace(source, target)


def roll_forward(folder: Path) -> None:
    """Step 3: move the committed generation over the live files, header last. Idempotent."""
    ready = folder / READY
    for dirpath, dirnames, filenames in os.walk(ready):
        dirnames.sort()
        here = Path(dirpath)
        relative = here.relative_to(ready)
        live = folder / relative
        ensure_private_dir(live)
        moved = False
        for name in sorted(filenames):
            if here == ready and name == META:
                continue
            move_into_place(here / name, live / name)
            moved = True
        if moved:
            fsync_dir(live)
    if (ready / META).exists():
        move_into_place(ready / META, folder / META)
        fsync_dir(folder)
    remove_tree(ready)
    fsync_dir(folder)
