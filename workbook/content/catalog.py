"""Finds exercise files and loads them all; one broken file never stops the rest."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from workbook.content.loader import Problem, read_exercise
from workbook.content.models import CATEGORIES, Exercise
from workbook.paths import builtin_exercises_dir

EXERCISE_SUFFIXES = (".yaml", ".yml")


@dataclass
class Catalog:
    exercises: dict[str, Exercise] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

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


def load_catalog(extra_dirs: Iterable[Path] = (), include_builtin: bool = True) -> Catalog:
    """Built-in exercises first, then each extra folder; a later file may not reuse an id."""
    catalog = Catalog()
    folders = ([builtin_exercises_dir()] if include_builtin else []) + [Path(d) for d in extra_dirs]
    for folder in folders:
        if not folder.is_dir():
            catalog.problems.append(Problem(folder, None, None, "this exercise folder does not exist"))
            continue
        for path in exercise_files(folder):
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
