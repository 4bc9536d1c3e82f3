"""A TinyDB Storage that reads once and writes atomically.

TinyDB's JSONStorage rewrites the file in place (a crash can truncate it) and reads an
empty file as an empty database. Here: we hold the profile lock, so nobody else
writes; the file is read once and kept in memory; each write replaces the file
atomically; and a file that cannot be read raises instead of looking empty.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from workbook.store.atomic import atomic_write
from workbook.store.base import StoreError
from workbook.store.codec import Codec, JsonCodec, Unreadable


class UnreadableFile(StoreError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name} could not be read: {reason}")
        self.path = path
        self.reason = reason


def explain_write_error(error: OSError) -> str:
    if error.errno == errno.ENOSPC or error.errno == errno.EDQUOT:
        return ("There is no space left on the disk, so this was not saved yet. "
                "Nothing you wrote is lost; free some space and try again.")
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ("The data folder cannot be written to right now (it may be read-only), so this was not saved yet. "
                "Nothing you wrote is lost.")
    return (f"The disk reported a problem ({error.strerror or error}), so this was not saved yet. "
            "Nothing you wrote is lost; please try again.")


class AtomicStorage(Storage):
    def __init__(self, path: str | Path, codec: Codec | None = None) -> None:
        self.path = Path(path)
        self.codec = codec or JsonCodec()
        self._cache: dict[str, Any] | None = None

    def read(self) -> dict[str, Any] | None:
        if self._cache is None:
            try:
                data = self.path.read_bytes()
            except FileNotFoundError:
                return None  # a new file: TinyDB starts it empty
            except OSError as error:
                raise UnreadableFile(self.path, error.strerror or str(error)) from None
            try:
                self._cache = self.codec.decode(data)
            except Unreadable as error:
                raise UnreadableFile(self.path, str(error)) from None
        # TinyDB changes what read() returns before calling write(); write() decides what sticks.
        return self._cache

    def write(self, data: dict[str, Any]) -> None:
        try:
            atomic_write(self.path, self.codec.encode(data))
        except OSError as error:
            # The disk still holds the last good state; forget what TinyDB changed in memory.
            self._cache = None
            raise StoreError(explain_write_error(error)) from error
        except BaseException:
            self._cache = None
            raise
        self._cache = data

    def close(self) -> None:
        self._cache = None
