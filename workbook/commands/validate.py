"""`workbook validate PATH...`: check exercise files before a group session, not during it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbook.content.catalog import EXERCISE_SUFFIXES, exercise_files
from workbook.content.loader import Problem, load_file


def _files(paths: list[str]) -> tuple[list[Path], list[Problem]]:
    """Every file to check, in a stable order; a named file is checked whatever its suffix."""
    files: list[Path] = []
    problems: list[Problem] = []
    for name in paths:
        path = Path(name).expanduser()
        if path.is_dir():
            found = exercise_files(path)
            if not found:
                suffixes = " or ".join(EXERCISE_SUFFIXES)
                problems.append(Problem(path, None, None, f"there are no {suffixes} files in this folder"))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(path, None, None, "there is no file or folder here"))
    unique: list[Path] = []
    seen: set[Path] = set()
    for path in files:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique, problems


def _id_line(path: Path) -> int:
    """The line of the top-level `id:` key, so the duplicate is easy to find."""
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.startswith("id:"):
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return 1


def run(args: argparse.Namespace) -> int:
    files, problems = _files(args.paths)
    owners: dict[str, Path] = {}
    troubled: set[Path] = set()
    for path in files:
        exercise, found = load_file(path)
        if exercise is not None:
            if exercise.id in owners:
                found.append(Problem(path, _id_line(path), "id", f"'{exercise.id}' is already used by {owners[exercise.id]}"))
            else:
                owners[exercise.id] = path
        if found:
            troubled.add(path)
        problems.extend(found)

    for problem in problems:
        print(problem)
    checked = len(files)
    noun = "file" if checked == 1 else "files"
    if troubled:
        print(f"{checked} {noun} checked, {len(troubled)} with problems.")
    elif problems:
        print(f"{checked} {noun} checked; see the problems above.")
    else:
        print(f"{checked} {noun} checked, no problems.")
    sys.stdout.flush()
    return 1 if problems else 0
