"""Durable file replacement: a save leaves either the old file or the new one, never half.

Write a temp file in the same folder, fsync it, os.replace it over the target, then
fsync the folder so the rename itself survives a power cut.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from workbook.paths import FILE_MODE

TEMP_SUFFIX = ".tmp"


def temp_name_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}{TEMP_SUFFIX}")


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically and durably; the file is 0600."""
    temp = temp_name_for(path)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), FILE_MODE)
    try:
        try:
            os.fchmod(fd, FILE_MODE)  # umask does not get a say
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    try:
        fsync_dir(path.parent)
    except OSError:
        # The rename has happened: every reader now sees the new file, so reporting
        # "not saved" would be false (and a retry would save the same words twice).
        # Only durability across a power cut is uncertain, which no retry could fix.
        pass


def remove_stale_temps(folder: Path) -> int:
    """Temp files left by a killed process hold nothing that was ever promised as saved."""
    removed = 0
    for temp in folder.glob(f".*{TEMP_SUFFIX}"):
        try:
            temp.unlink()
            removed += 1
        except OSError:
            pass
    return removed
