"""msgspec's validation messages -> sentences a facilitator can act on.

msgspec says "Expected `int`, got `str` - at `$.steps[2].max`"; this says
"should be a whole number, not the text 'ten'" and points at ("steps", 2, "max").
"""

from __future__ import annotations

import re
from typing import Any, Callable

from workbook.content import models
from workbook.content.problem import shown
from workbook.content.source import PathTuple

_AT = re.compile(r"^(?P<what>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.S)
_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def parse_path(text: str) -> PathTuple:
    return tuple(name if name else int(index) for name, index in _PART.findall(text or ""))


def explain(
    text: str, prefix: PathTuple, data: Any, raw_of: Callable[[PathTuple], str | None]
) -> tuple[str, PathTuple]:
    """(sentence, path of the field it is about) for one msgspec message.

    `prefix` is where the converted value sits in `data` (msgspec paths start at "$");
    `raw_of(path)` gives a plain scalar as written (YAML reads `Yes` as true).
    """
    match = _AT.match(text)
    where = prefix + parse_path(match.group("path") or "")
    return _friendly(match.group("what"), where, data, raw_of(where))


_TYPE_WORDS = {
    "int": "a whole number",
    "float": "a number",
    "str": "text",
    "bool": "true or false",
    "array": "a list",
    "object": "a set of `key: value` fields",
    "null": "empty",
}


def _expected_words(types: list[str], where: PathTuple) -> str:
    types = [t for t in types if t != "null"] or ["null"]
    if set(types) == {"int", "float"}:
        return "a number"
    if where and where[-1] in ("when", "safety", "all", "any") or (len(where) > 1 and where[-2] in ("all", "any")):
        types = ["condition" if t == "object" else t for t in types]
    words = [_TYPE_WORDS.get(t, "a condition (`step:` and one test)" if t == "condition" else t) for t in types]
    return " or ".join(words)


def _describe(value: Any, raw: str | None = None) -> str:
    if value is None:
        return "it is empty"
    if isinstance(value, bool):
        return f"not the word '{shown(raw)}'" if raw else f"not {str(value).lower()}"
    if isinstance(value, str):
        return f"not the text '{shown(value)}'"
    if isinstance(value, (int, float)):
        return f"not {value}"
    if isinstance(value, list):
        return "not a list"
    if isinstance(value, dict):
        return "not a set of `key: value` fields"
    return f"not {type(value).__name__}"


def _value_at(data: Any, where: PathTuple) -> Any:
    for part in where:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


_FIELDS_OF = {
    cls: tuple(cls.__struct_fields__)
    for cls in (models.Exercise, models.Condition, models.Option, models.Band, models.Scoring, models.Cue)
}
_STEP_CLASSES = {cls.__struct_config__.tag: cls for cls in models.Step.__args__}


def _struct_at(where: PathTuple, data: Any) -> tuple[str, tuple[str, ...]] | None:
    """What kind of thing sits at `where`, and which fields it may have."""
    if not where:
        return "an exercise", _FIELDS_OF[models.Exercise]
    last = where[-1]
    parent = where[-2] if len(where) > 1 else None
    if isinstance(last, str):
        if last in ("when", "safety"):
            return "a condition", _FIELDS_OF[models.Condition]
        if last == "scoring":
            return "scoring", _FIELDS_OF[models.Scoring]
        return None
    if parent == "steps" and len(where) == 2:
        value = _value_at(data, where)
        cls = _STEP_CLASSES.get(value.get("type")) if isinstance(value, dict) else None
        if cls is None:
            return None
        kind = cls.__struct_config__.tag
        article = "an" if kind == "info" else "a"  # "an info step needs `text`"
        return f"{article} {kind} step", tuple(f for f in cls.__struct_fields__ if f != "type")
    kinds = {"all": models.Condition, "any": models.Condition, "options": models.Option,
             "bands": models.Band, "cues": models.Cue}
    if parent in kinds:
        cls = kinds[parent]
        return {models.Condition: "a condition", models.Option: "an option", models.Band: "a band",
                models.Cue: "a cue"}[cls], _FIELDS_OF[cls]
    return None


_ENUMS = {
    "category": ("category", models.CATEGORIES),
    "method": ("scoring method", ("sum", "mean")),
}


def _friendly(what: str, where: PathTuple, data: Any, raw: str | None = None) -> tuple[str, PathTuple]:
    """A msgspec message -> a sentence a facilitator can act on (and the field it is about).

    `raw` is the value as written, when it was a plain scalar (YAML reads `Yes` as true).
    """
    value = _value_at(data, where)
    last = where[-1] if where else None
    step_types = ", ".join(models.STEP_TYPES)

    # re.S and shown(): a field name may hold a line break or run to 100,000 characters.
    if m := re.fullmatch(r"Object contains unknown field `(.+)`", what, re.S):
        name = m.group(1)
        kind = _struct_at(where, data)
        message = f"`{shown(name)}` is not a field here; check the spelling"
        if kind:
            owners = [tag for tag, cls in _STEP_CLASSES.items() if name in cls.__struct_fields__]
            message = f"`{shown(name)}` is not a field of {kind[0]}"
            if owners and kind[0].endswith(" step"):
                message += f" (it belongs to {', '.join(owners)} steps)"
            message += f"; it may have: {', '.join(kind[1])}"
        return message, where + (name,)
    if m := re.fullmatch(r"Object missing required field `(.+)`", what):
        name = m.group(1)
        if name == "type":
            return f"this step needs a `type`: one of {step_types}", where + (name,)
        kind = _struct_at(where, data)
        owner = kind[0] if kind else "this"
        return f"{owner} needs `{name}`; add it", where + (name,)
    if m := re.fullmatch(r"Invalid value '(.*)'", what, re.S):
        if last == "type":
            return f"'{shown(m.group(1))}' is not a step type; use one of {step_types}", where
        return f"'{shown(m.group(1))}' is not allowed here", where
    if m := re.fullmatch(r"Invalid enum value '(.*)'", what, re.S):
        label, allowed = _ENUMS.get(str(last), ("value", ()))
        tail = f"; use one of {', '.join(allowed)}" if allowed else ""
        return f"'{shown(m.group(1))}' is not a {label}{tail}", where
    if m := re.fullmatch(r"Expected `([^`]+)`, got `([^`]+)`", what):
        if last == "type" and len(where) == 3 and where[0] == "steps":
            return f"the step type must be one of {step_types}", where
        expected = _expected_words(m.group(1).split(" | "), where)
        return f"should be {expected}, {_describe(value, raw)}", where
    if m := re.fullmatch(r"Expected `str` matching regex '.*'", what, re.S):
        if last == "pattern":
            return (f"'{shown(value)}' is not a breathing pattern; give seconds in-hold-out-hold such as 4-4-4-4, "
                    "or in-hold-out such as 4-7-8, or in-out such as 4-6"), where
        return (f"'{shown(value)}' cannot be an id; use lower-case letters, digits, '-' and '_' "
                "(starting with a letter or digit, at most 64)"), where
    if m := re.fullmatch(r"Expected `str` of length (>=|<=) (\d+)", what):
        if m.group(1) == ">=":
            return "should not be empty", where
        return f"is too long: at most {int(m.group(2)):,} characters", where
    if m := re.fullmatch(r"Expected `array` of length (>=|<=) (\d+)", what):
        n = int(m.group(2))
        if m.group(1) == ">=":
            if where == ("steps",):
                return "an exercise needs at least one step", where
            return f"needs at least {n} {'item' if n == 1 else 'items'}", where
        return f"has room for at most {n}", where
    if m := re.fullmatch(r"Expected `(?:int|float|int \| float)` (>=|<=|>|<) (-?\d+)", what):
        word = {">=": "at least", "<=": "at most", ">": "more than", "<": "less than"}[m.group(1)]
        return f"should be {word} {m.group(2)}, {_describe(value)}", where
    if "out of range" in what:
        return f"{value} is far too large a number", where
    return what, where
