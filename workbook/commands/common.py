"""What several commands share: the catalog they see and the store they open."""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from workbook.errors import WorkbookError

if TYPE_CHECKING:
    from workbook.content.catalog import Catalog
    from workbook.content.models import Exercise
    from workbook.store.base import Store


def load_catalog_for(args: argparse.Namespace) -> Catalog:
    """The exercises this run sees. Outside guest mode (which writes nothing) the checked
    catalog is cached in the data folder, so most starts skip parsing YAML."""
    from workbook.content.catalog import load_catalog
    from workbook.paths import data_dir

    cache_dir = None if args.guest else data_dir(args.data_dir) / "cache"
    if cache_dir is not None and not cache_dir.parent.exists():
        cache_dir = None  # never create a data folder just for a cache (a missing USB stick)
    return load_catalog([Path(d).expanduser() for d in args.exercises], cache_dir=cache_dir)


def find_exercise(catalog: Catalog, exercise_id: str) -> Exercise:
    exercise = catalog.exercises.get(exercise_id)
    if exercise is None:
        for problem in catalog.problems:
            if Path(problem.path).stem == exercise_id:
                raise WorkbookError(
                    f"The exercise '{exercise_id}' could not be loaded ({problem}); "
                    "`workbook validate` shows everything that needs fixing."
                )
        raise WorkbookError(f"There is no exercise called '{exercise_id}'. Run `workbook list` to see them all.")
    return exercise


@contextmanager
def opened_store(args: argparse.Namespace) -> Iterator[Store]:
    """The profile's store for the length of a command; guest mode keeps it in memory only."""
    if args.guest:
        from workbook.store.memory import MemoryStore

        store: Store = MemoryStore()
    else:
        from workbook.paths import data_dir
        from workbook.store.profile import open_store

        store = open_store(data_dir(args.data_dir), args.profile)
    try:
        yield store
    finally:
        store.close()


def report_store_notices(store: Store, stream=None) -> None:
    """Plain-words notices from opening the store (a file set aside, for example)."""
    stream = stream if stream is not None else sys.stderr
    for notice in getattr(store, "problems", []) or []:
        print(notice, file=stream)
