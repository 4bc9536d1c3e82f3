"""Finds exercise files and loads them all; one broken file never stops the rest."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from workbook.content.models import CATEGORIES, Exercise
from workbook.content.problem import Problem
from workbook.paths import builtin_exercises_dir

EXERCISE_SUFFIXES = (".yaml", ".yml")


@dataclass
class Catalog:
    exercises: dict[str, Exercise] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    from_cache: bool = False

    def get(self, exercise_id: str) -> Exercise:
        return self.exercises[exercise_id]

    def by_category(self) -> dict[str, list[Exercise]]:
        """Exercises grouped in the fixed category order, titles sorted within each."""
        groups: dict[str, list[Exercise]] = {c: [] for c in CATEGORIES}
        for exercise in self.exercises.values():
            groups[exercise.category].append(exercise)
        return {c: sorted(items, key=lambda e: e.title.casefold()) for c, items in groups.items() if items}


def exercise_files(folder: Path) -> list[Path]:
    """Exercise files under `folder`, in a stable order. Hidden files and folders (editor
    backups such as `.#x.yaml`, `.git`) are not exercises."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.rglob("*")
        if p.suffix.lower() in EXERCISE_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        and p.is_file()
    )


def load_catalog(
    extra_dirs: Iterable[Path] = (), include_builtin: bool = True, cache_dir: Path | None = None
) -> Catalog:
    """Built-in exercises first, then each extra folder; a later file may not reuse an id.

    With `cache_dir`, an up-to-date cache of the checked exercises is used when every
    file is as it was (see content.cache), and refreshed when not.
    """
    folders = ([builtin_exercises_dir()] if include_builtin else []) + [Path(d) for d in extra_dirs]
    files = {folder: exercise_files(folder) for folder in folders}
    if cache_dir is None:
        return _load(folders, files)
    from workbook.content import cache

    stamp = cache.stamp_for([p for paths in files.values() for p in paths], folders)
    cached = cache.read_cache(cache_dir, stamp)
    if cached is not None:
        return Catalog(
            exercises={e.id: e for e in cached.exercises},
            sources={e.id: Path(s) for e, s in zip(cached.exercises, cached.sources)},
            problems=[Problem(Path(p.path), p.line, p.field, p.message) for p in cached.problems],
            from_cache=True,
        )
    catalog = _load(folders, files)
    cache.write_cache(cache_dir, cache.CachedCatalog(
        stamp=stamp,
        exercises=list(catalog.exercises.values()),
        sources=[str(catalog.sources[i]) for i in catalog.exercises],
        problems=[cache.CachedProblem(str(p.path), p.line, p.field, p.message) for p in catalog.problems],
    ))
    return catalog


def _load(folders: list[Path], files: dict[Path, list[Path]]) -> Catalog:
    from workbook.content.loader import read_exercise  # YAML and the rules: only on a cache miss

    catalog = Catalog()
    for folder in folders:
        if not folder.is_dir():
            catalog.problems.append(Problem(folder, None, None, "this exercise folder does not exist"))
            continue
        for path in files[folder]:
            loaded = read_exercise(path)
            catalog.problems.extend(loaded.problems)
            exercise = loaded.exercise
            if exercise is None:
                continue
            if exercise.id in catalog.exercises:
                first = catalog.sources[exercise.id]
                catalog.problems.append(
                    Problem(path, loaded.source.line(("id",)), "id",
                            f"'{exercise.id}' is already used by {first}; this file is skipped until one of "
                            "them gets a different id")
                )
                continue
            catalog.exercises[exercise.id] = exercise
            catalog.sources[exercise.id] = path
    return catalog
