"""One YAML file -> one validated Exercise, or problems that name file, line and field.

The file is read once: `content.source` turns the text into plain data and a map of
lines (enforcing the size limits), shorthand is normalised here, msgspec checks the
shape (`content.messages` words its complaints) and `content.rules` checks what
spans fields. A file over 1 MB is refused before it is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from workbook.content import models
from workbook.content.messages import explain
from workbook.content.problem import Problem
from workbook.content.models import Exercise
from workbook.content.rules import check_exercise
from workbook.content.source import (  # noqa: F401 - re-exported for callers
    MAX_DEPTH,
    MAX_NODES,
    PathTuple,
    SourceMap,
    YamlStop,
    field_name,
    read_yaml,
)

MAX_FILE_BYTES = 1_000_000

_TOO_BIG = "this file is larger than 1 MB; an exercise file is never that big"
_EMPTY = "an exercise needs at least id, title, category, summary, minutes and steps"


@dataclass
class Loaded:
    """Everything reading one file produced; `exercise` is None when there are problems."""

    path: Path
    exercise: Exercise | None
    problems: list[Problem] = field(default_factory=list)
    source: SourceMap = field(default_factory=SourceMap)


def read_exercise(path: Path) -> Loaded:
    """Read, check and convert one exercise file. Never raises for a bad file."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return Loaded(path, None, [Problem(path, None, None, f"cannot be read: {error.strerror or error}")])
    if len(data) > MAX_FILE_BYTES:
        return Loaded(path, None, [Problem(path, 1, None, _TOO_BIG)])
    return parse_exercise(data, path)


def parse_exercise(data: bytes | str, path: Path) -> Loaded:
    """Like read_exercise, for bytes or text already in memory (`path` names it in problems)."""
    path = Path(path)
    loaded = Loaded(path, None)

    def stop(line: int | None, message: str, where: PathTuple = ()) -> Loaded:
        loaded.problems.append(Problem(path, line, field_name(where), message))
        return loaded

    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            return stop(1, _TOO_BIG)
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            return stop(line, f"this is not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8")
    else:
        text = data.removeprefix("\ufeff")
    if not text.strip():
        return stop(1, f"the file is empty; {_EMPTY}")

    try:
        document = read_yaml(text, loaded.source)
    except YamlStop as problem:
        return stop(problem.line, problem.message, problem.path)
    if document is None:
        return stop(1, f"the file holds only comments; {_EMPTY}")
    data_root, root_line = document
    if not isinstance(data_root, dict):
        kind = "a list" if isinstance(data_root, list) else "a single value"
        return stop(root_line, f"the file holds {kind}; an exercise is a set of `key: value` fields "
                    "(id:, title:, steps: …) at the top level")

    _normalise(data_root, loaded.source)
    exercise, problems = _convert(data_root, loaded.source, path)
    if exercise is not None:
        problems = [
            Problem(path, loaded.source.line(where), field_name(where), message)
            for where, message in check_exercise(exercise, loaded.source.line)
        ]
    loaded.problems.extend(sorted(problems, key=lambda p: (p.line or 0)))
    loaded.exercise = exercise if not loaded.problems else None
    return loaded


def load_file(path: Path) -> tuple[Exercise | None, list[Problem]]:
    loaded = read_exercise(path)
    return loaded.exercise, loaded.problems


# -- shorthand -------------------------------------------------------------------------

# Fields that only ever hold text. YAML reads some plain words as other things
# (`No` as false, `3` as a number); in these fields the words are kept as written.
_TEXT_FIELDS = frozenset({
    "id", "step", "title", "summary", "intro", "closing", "prompt", "help", "text", "placeholder",
    "label", "note", "min_label", "max_label", "item_label", "measure", "includes", "pattern",
})
# Fields that hold text or a number: only true/false is turned back into the word.
_TEXT_OR_NUMBER_FIELDS = frozenset({"equals", "not_equals"})


def _normalise(data: Any, source: SourceMap, path: PathTuple = ()) -> None:
    """Shorthand -> the full form, in place; list indexes never change, so lines stay right.

    - options may be bare labels: `options: [Yes, No]`;
    - checklist items, condition values and other text fields keep the words as written.
    """
    if isinstance(data, list):
        for index, item in enumerate(data):
            _normalise(item, source, path + (index,))
        return
    if not isinstance(data, dict):
        return
    for key, value in list(data.items()):
        child = path + (key,) if isinstance(key, str) else path
        if key in _TEXT_FIELDS and _is_plain_non_text(value):
            data[key] = _as_written(value, source, child)
        elif key in _TEXT_OR_NUMBER_FIELDS and isinstance(value, bool):
            data[key] = _as_written(value, source, child)
        elif key == "one_of" and isinstance(value, list):
            data[key] = [
                _as_written(v, source, child + (i,)) if isinstance(v, bool) else v for i, v in enumerate(value)
            ]
        elif key == "items" and isinstance(value, list):
            data[key] = [
                _as_written(v, source, child + (i,)) if _is_plain_non_text(v) else v for i, v in enumerate(value)
            ]
        elif key == "options" and isinstance(value, list):
            data[key] = [
                v if isinstance(v, dict) or isinstance(v, list) or v is None
                else {"label": _as_written(v, source, child + (i,)) if _is_plain_non_text(v) else v}
                for i, v in enumerate(value)
            ]
            _normalise(data[key], source, child)
        elif isinstance(value, (dict, list)):
            _normalise(value, source, child)


def _is_plain_non_text(value: Any) -> bool:
    return value is not None and not isinstance(value, (str, dict, list))


def _as_written(value: Any, source: SourceMap, path: PathTuple) -> Any:
    raw = source.raw(path)
    return raw if raw is not None else str(value)


# -- msgspec -------------------------------------------------------------------------


def _convert(data: dict, source: SourceMap, path: Path) -> tuple[Exercise | None, list[Problem]]:
    try:
        return msgspec.convert(data, Exercise), []
    except msgspec.ValidationError as error:
        first = _problem(str(error), (), data, source, path)
    # One error at a time is slow going for an author: check each step on its own too,
    # so every broken step is named in one pass.
    problems: dict[tuple, Problem] = {(first.line, first.field): first}
    steps = data.get("steps")
    if isinstance(steps, list):
        for index, step in enumerate(steps):
            try:
                msgspec.convert(step, models.Step)
            except msgspec.ValidationError as error:
                problem = _problem(str(error), ("steps", index), data, source, path)
                problems.setdefault((problem.line, problem.field), problem)
    return None, list(problems.values())


def _problem(text: str, prefix: PathTuple, data: Any, source: SourceMap, path: Path) -> Problem:
    message, where = explain(text, prefix, data, source.raw)
    return Problem(path, source.line(where), field_name(where), message)
