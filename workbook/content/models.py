"""The exercise schema: what one YAML file may say, as msgspec structs.

msgspec validates the shape (types, unknown fields, step types) and reports a path
such as `$.steps[2].max`; the loader turns that path into a file line. Rules that
span fields (ids unique, conditions on earlier steps, bands in order) live in
`content.rules`.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

import msgspec

Category = Literal["journaling", "grounding", "goals", "reflection", "check-in", "safety"]
CATEGORIES: tuple[str, ...] = ("journaling", "grounding", "goals", "reflection", "check-in", "safety")

StepId = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
ShortText = Annotated[str, msgspec.Meta(min_length=1, max_length=2_000)]
LongText = Annotated[str, msgspec.Meta(min_length=1, max_length=20_000)]


class _Strict(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, frozen=True):
    pass


class Condition(_Strict, kw_only=True):
    """A test on an earlier answer (in `when`) or on the step's own answer (in `safety`).

    Exactly one test is given. `step` names the answer to look at; inside `safety` it
    may be left out and then means the step itself. `all` / `any` combine conditions.
    at_least / at_most work on scales, and on choices whose options carry values (the
    chosen option's value is compared). `content.rules` checks each test fits its step.
    """

    step: StepId | None = None
    equals: str | int | None = None
    not_equals: str | int | None = None
    one_of: list[str | int] | None = None
    at_least: int | float | None = None
    at_most: int | float | None = None
    includes: str | None = None  # for multi-choice, list and checklist answers
    answered: bool | None = None
    all: list[Condition] | None = None
    any: list[Condition] | None = None

    def tests(self) -> list[str]:
        names = ("equals", "not_equals", "one_of", "at_least", "at_most", "includes", "answered", "all", "any")
        return [n for n in names if getattr(self, n) is not None]


class Option(_Strict, kw_only=True):
    """One option of a choice. `value` is what it counts for in a scored check-in."""

    label: ShortText
    value: int | None = None


class Band(_Strict, kw_only=True):
    """A named range of totals, inclusive at both ends (0-4 "minimal")."""

    min: int | float
    max: int | float
    label: ShortText
    note: str | None = None  # a plain sentence shown beside the score, never a diagnosis


class Scoring(_Strict, kw_only=True):
    """How a scored check-in turns its answers into a total and a band.

    Items are the steps marked `scored: true`. A reverse-scored item counts as
    (lowest + highest - value) on its own scale. With up to `prorate_missing` items
    unanswered, the total is scaled up from the answered ones; with more, there is
    no score.
    """

    method: Literal["sum", "mean"] = "sum"
    prorate_missing: Annotated[int, msgspec.Meta(ge=0)] = 0
    bands: list[Band] = []
    note: str | None = None


class _Step(_Strict, tag_field="type", kw_only=True):
    """Fields every step has. `id` keys the answer; `when` shows the step only if true."""

    id: StepId
    prompt: ShortText | None = None
    help: LongText | None = None
    when: Condition | None = None
    required: bool = False  # nothing is forced unless the exercise says so


class InfoStep(_Step, tag="info", kw_only=True):
    text: LongText  # Markdown


class TextStep(_Step, tag="text", kw_only=True):
    prompt: ShortText
    multiline: bool = False
    placeholder: str | None = None
    safety: Condition | bool | None = None


class ScaleStep(_Step, tag="scale", kw_only=True):
    prompt: ShortText
    min: int = 0
    max: int = 10
    min_label: str | None = None
    max_label: str | None = None
    scored: bool = False
    reverse: bool = False
    safety: Condition | bool | None = None
    offer_grounding_at: int | None = None  # a rating at or above this gently offers grounding
    measure: str | None = None  # names what is measured across exercises, e.g. "distress"


class ChoiceStep(_Step, tag="choice", kw_only=True):
    prompt: ShortText
    options: Annotated[list[Option], msgspec.Meta(min_length=1, max_length=50)]
    allow_other: bool = False
    scored: bool = False
    reverse: bool = False
    safety: Condition | bool | None = None


class MultiChoiceStep(_Step, tag="multi-choice", kw_only=True):
    prompt: ShortText
    options: Annotated[list[Option], msgspec.Meta(min_length=1, max_length=100)]
    allow_other: bool = False
    safety: Condition | bool | None = None


class ListStep(_Step, tag="list", kw_only=True):
    prompt: ShortText
    count: Annotated[int, msgspec.Meta(ge=1, le=20)]
    item_label: str | None = None  # "Something you can see"
    safety: Condition | bool | None = None


class ChecklistStep(_Step, tag="checklist", kw_only=True):
    prompt: ShortText
    items: Annotated[list[ShortText], msgspec.Meta(min_length=1, max_length=50)]
    safety: Condition | bool | None = None


class Cue(_Strict, kw_only=True):
    at: Annotated[int, msgspec.Meta(ge=0)]  # seconds from the start
    text: ShortText


class TimerStep(_Step, tag="timer", kw_only=True):
    seconds: Annotated[int, msgspec.Meta(ge=1, le=3_600)]
    cues: list[Cue] = []


class BreathingStep(_Step, tag="breathing", kw_only=True):
    """A paced breathing pattern: "4-4-4-4" is in, hold, out, hold; "4-7-8" in, hold, out; "4-6" in, out."""

    pattern: Annotated[str, msgspec.Meta(pattern=r"^\d{1,2}(-\d{1,2}){1,3}$")]
    cycles: Annotated[int, msgspec.Meta(ge=1, le=60)] = 4


Step = Union[
    InfoStep, TextStep, ScaleStep, ChoiceStep, MultiChoiceStep, ListStep, ChecklistStep, TimerStep, BreathingStep
]
STEP_TYPES: tuple[str, ...] = (
    "info", "text", "scale", "choice", "multi-choice", "list", "checklist", "timer", "breathing",
)
ANSWERABLE = (TextStep, ScaleStep, ChoiceStep, MultiChoiceStep, ListStep, ChecklistStep)


class Exercise(_Strict, kw_only=True):
    id: Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
    title: ShortText
    category: Category
    summary: ShortText
    minutes: Annotated[int, msgspec.Meta(ge=1, le=240)]
    version: Annotated[int, msgspec.Meta(ge=1)] = 1
    intro: LongText | None = None
    closing: LongText | None = None  # shown on the completion screen
    scoring: Scoring | None = None
    steps: Annotated[list[Step], msgspec.Meta(min_length=1, max_length=200)]

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)


def breathing_phases(pattern: str) -> list[tuple[str, int]]:
    """("in", 4), ("hold", 4)... for a pattern string; zero-length phases are dropped."""
    counts = [int(part) for part in pattern.split("-")]
    names = {2: ("in", "out"), 3: ("in", "hold", "out"), 4: ("in", "hold", "out", "hold")}[len(counts)]
    return [(name, n) for name, n in zip(names, counts) if n > 0]
