"""The catalog cache gives the same catalog as a fresh load and notices every change."""

from __future__ import annotations

import os
from pathlib import Path

from workbook.content.cache import CACHE_NAME
from workbook.content.catalog import load_catalog

GOOD = """\
id: {id}
title: {title}
category: reflection
summary: A short check.
minutes: 2
steps:
  - id: note
    type: text
    prompt: Anything on your mind?
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_second_load_comes_from_the_cache_and_matches(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    _write(extra, "a.yaml", GOOD.format(id="a", title="First"))
    _write(extra, "broken.yaml", "id: [unclosed\n")
    cache = tmp_path / "cache"
    fresh = load_catalog([extra], cache_dir=cache)
    assert not fresh.from_cache and (cache / CACHE_NAME).exists()
    cached = load_catalog([extra], cache_dir=cache)
    assert cached.from_cache
    assert cached.exercises == fresh.exercises
    assert cached.sources == fresh.sources
    assert [str(p) for p in cached.problems] == [str(p) for p in fresh.problems] and cached.problems


def test_a_changed_added_or_removed_file_is_noticed(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    path = _write(extra, "a.yaml", GOOD.format(id="a", title="First"))
    cache = tmp_path / "cache"
    load_catalog([extra], include_builtin=False, cache_dir=cache)

    path.write_text(GOOD.format(id="a", title="Renamed"), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    changed = load_catalog([extra], include_builtin=False, cache_dir=cache)
    assert not changed.from_cache and changed.exercises["a"].title == "Renamed"

    _write(extra, "b.yaml", GOOD.format(id="b", title="Second"))
    added = load_catalog([extra], include_builtin=False, cache_dir=cache)
    assert not added.from_cache and set(added.exercises) == {"a", "b"}

    (extra / "b.yaml").unlink()
    removed = load_catalog([extra], include_builtin=False, cache_dir=cache)
    assert set(removed.exercises) == {"a"}


def test_a_damaged_cache_is_ignored_and_replaced(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_catalog(cache_dir=cache)
    (cache / CACHE_NAME).write_bytes(b"\x93 not msgpack at all")
    again = load_catalog(cache_dir=cache)
    assert not again.from_cache and again.exercises == first.exercises
    assert load_catalog(cache_dir=cache).from_cache


def test_an_unwritable_cache_folder_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    catalog = load_catalog(cache_dir=blocker / "cache")
    assert catalog.exercises and not catalog.from_cache
