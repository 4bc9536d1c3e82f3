"""A cache of the validated catalog, so start-up skips YAML parsing and rule checks.

The workbook starts on every use and most starts see the same exercise files. The
cache holds the checked exercises (as msgpack) with a stamp of every file it came
from (path, size, modification time) and of the code that checked them; any change
and it is rebuilt. It is only a cache: a file that is missing, stale, damaged or
from another version is ignored and replaced, and nothing private is in it.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Iterable

import msgspec

import workbook
from workbook.content.models import Exercise

CACHE_NAME = "catalog.msgpack"
_CHECKING_CODE = ("models.py", "loader.py", "rules.py", "source.py", "messages.py", "catalog.py")

Stamp = list[tuple[str, int, int]]


class CachedProblem(msgspec.Struct, array_like=True):
    path: str
    line: int | None
    field: str | None
    message: str


class CachedCatalog(msgspec.Struct):
    stamp: Stamp
    exercises: list[Exercise]
    sources: list[str]
    problems: list[CachedProblem]


def _stat(path: Path) -> tuple[str, int, int]:
    try:
        info = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), info.st_size, info.st_mtime_ns)


def stamp_for(files: Iterable[Path], folders: Iterable[Path]) -> Stamp:
    code_dir = Path(__file__).parent
    stamp: Stamp = [("workbook", 0, 0), (workbook.__version__, 0, 0)]
    stamp += [_stat(code_dir / name) for name in _CHECKING_CODE]
    stamp += [_stat(folder) for folder in folders]  # a folder's mtime changes when files come or go
    stamp += [_stat(path) for path in files]
    return stamp


def read_cache(cache_dir: Path, stamp: Stamp) -> CachedCatalog | None:
    try:
        cached = msgspec.msgpack.decode((cache_dir / CACHE_NAME).read_bytes(), type=CachedCatalog)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError, ValueError, TypeError):
        return None
    return cached if [tuple(s) for s in cached.stamp] == stamp else None


def write_cache(cache_dir: Path, cached: CachedCatalog) -> None:
    """Best effort: a read-only or full disk only means the next start is a little slower."""
    try:
        cache_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        temp = cache_dir / f".{CACHE_NAME}.{uuid.uuid4().hex[:8]}.tmp"
        temp.write_bytes(msgspec.msgpack.encode(cached))
        os.replace(temp, cache_dir / CACHE_NAME)
    except OSError:
        pass
