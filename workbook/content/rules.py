"""Checks that span fields, run after msgspec has checked the shape.

Each finding is (path of the field, sentence), written so a facilitator knows what to
change; the loader turns it into a Problem with the file and line.
"""

from __future__ import annotations

from typing import Callable, Iterator

from workbook.content.models import (
    BreathingStep,
    ChecklistStep,
    ChoiceStep,
    Condition,
    Exercise,
    InfoStep,
    ListStep,
    MultiChoiceStep,
    ScaleStep,
    Step,
    TimerStep,
)
from workbook.content.problem import shown
from workbook.content.source import PathTuple

Finding = tuple[PathTuple, str]


class _Report:
    def __init__(self, line_of: Callable[[PathTuple], int | None]) -> None:
        self.line_of = line_of
        self.findings: list[Finding] = []

    def add(self, where: PathTuple, message: str) -> None:
        self.findings.append((where, message))


def check_exercise(
    exercise: Exercise, line_of: Callable[[PathTuple], int | None] = lambda where: None
) -> list[Finding]:
    """Every cross-field problem of one exercise; `line_of` only makes messages more precise."""
    report = _Report(line_of)
    index_of = _unique_ids(exercise, report)
    for i, step in enumerate(exercise.steps):
        at: PathTuple = ("steps", i)
        if step.when is not None:
            _condition(step.when, at + ("when",), "when", exercise, index_of, i, report)
        safety = getattr(step, "safety", None)
        if isinstance(safety, Condition):
            _condition(safety, at + ("safety",), "safety", exercise, index_of, i, report)
        if isinstance(step, ScaleStep):
            _scale(step, at, report)
        if isinstance(step, (ChoiceStep, MultiChoiceStep)):
            _unique_words([o.label for o in step.options], at + ("options",), ("label",), "option", report)
        if isinstance(step, ChecklistStep):
            _unique_words(step.items, at + ("items",), (), "item", report)
        if isinstance(step, TimerStep):
            _cues(step, at, report)
        if isinstance(step, BreathingStep):
            _breathing(step, at, report)
    _scoring(exercise, report)
    return report.findings


def _unique_ids(exercise: Exercise, report: _Report) -> dict[str, int]:
    index_of: dict[str, int] = {}
    for i, step in enumerate(exercise.steps):
        if step.id in index_of:
            first = index_of[step.id]
            line = report.line_of(("steps", first, "id"))
            where = f"steps[{first}]" + (f" (line {line})" if line else "")
            report.add(("steps", i, "id"), f"'{step.id}' is already the id of {where}; "
                       "each step needs an id of its own")
        else:
            index_of[step.id] = i
    return index_of


def _unique_words(words: list[str], at: PathTuple, suffix: PathTuple, noun: str, report: _Report) -> None:
    seen: dict[str, int] = {}
    for j, word in enumerate(words):
        key = word.strip().casefold()
        if key in seen:
            report.add(at + (j,) + suffix, f"'{shown(word)}' is already {noun} {seen[key] + 1} of this step; "
                       f"each {noun} needs its own words")
        else:
            seen[key] = j


# -- conditions ----------------------------------------------------------------------


def _condition(
    condition: Condition, at: PathTuple, context: str, exercise: Exercise,
    index_of: dict[str, int], own: int, report: _Report,
) -> None:
    tests = condition.tests()
    if not tests:
        report.add(at, "a condition needs one test: equals, not_equals, one_of, at_least, at_most, includes "
                   "or answered (or all / any to combine several)")
        return
    if len(tests) > 1:
        report.add(at + (tests[1],), f"this condition has two tests ({tests[0]} and {tests[1]}); give one, "
                   "or put several under all: or any:")
        return
    test = tests[0]
    if test in ("all", "any"):
        parts = getattr(condition, test)
        if condition.step is not None:
            report.add(at + ("step",), f"`step` goes inside each condition under `{test}`, not beside it")
        if not parts:
            report.add(at + (test,), f"`{test}` needs at least one condition under it")
        for j, part in enumerate(parts):
            _condition(part, at + (test, j), context, exercise, index_of, own, report)
        return

    own_step = exercise.steps[own]
    if context == "when":
        if condition.step is None:
            report.add(at + ("step",), "`when` needs `step`: the id of an earlier step whose answer it looks at")
            return
        target = index_of.get(condition.step)
        if target is None:
            report.add(at + ("step",), f"there is no step '{condition.step}' in this exercise")
            return
        if target == own:
            report.add(at + ("step",), "a step cannot depend on its own answer; `when` looks at earlier steps")
            return
        if target > own:
            report.add(at + ("step",), f"'{condition.step}' comes later (steps[{target}]); `when` can only look "
                       "at answers given before this step")
            return
        step = exercise.steps[target]
    else:
        if condition.step is not None and condition.step != own_step.id:
            report.add(at + ("step",), "in `safety` a condition looks at this step's own answer; leave out `step`")
            return
        step = own_step
    problem = _fit(condition, test, step)
    if problem:
        report.add(at + (test,), problem)


def _kind(step: Step) -> str:
    tag = step.__struct_config__.tag
    return f"'{step.id}' is {'an' if tag == 'info' else 'a'} {tag} step"


def _fit(condition: Condition, test: str, step: Step) -> str | None:
    """Whether a test can ever mean something on the answer of `step`; a sentence if not."""
    if isinstance(step, InfoStep):
        return f"{_kind(step)} and has no answer to test"
    if test == "answered":
        return None
    if isinstance(step, (TimerStep, BreathingStep)):
        return f"{_kind(step)}; the only test that fits it is `answered`"
    if test in ("at_least", "at_most"):
        limit = getattr(condition, test)
        if isinstance(step, ChoiceStep):
            values = [o.value for o in step.options]
            if None in values:
                return (f"on a choice, {test} compares the options' values; give every option of "
                        f"'{step.id}' a `value`")
            low, high, what = min(values), max(values), "the values of its options"
        elif isinstance(step, ScaleStep):
            low, high, what = step.min, step.max, "this scale"
        else:
            return f"{test} works on scale steps and on choices whose options have values; {_kind(step)}"
        if (test == "at_least" and limit > high) or (test == "at_most" and limit < low):
            where = f"a {low} to {high} scale" if isinstance(step, ScaleStep) else f"values from {low} to {high}"
            return f"{test} {limit} can never happen on {where}"
        return None
    if test == "includes":
        if isinstance(step, MultiChoiceStep):
            return _known_word(condition.includes, [o.label for o in step.options], step.allow_other, step, "option")
        if isinstance(step, ChecklistStep):
            return _known_word(condition.includes, list(step.items), False, step, "item")
        if isinstance(step, ListStep):
            return None
        return f"includes works on multi-choice, list and checklist steps; {_kind(step)}"
    # equals, not_equals, one_of
    wanted = condition.one_of if test == "one_of" else [getattr(condition, test)]
    if isinstance(step, (MultiChoiceStep, ListStep, ChecklistStep)):
        return f"{_kind(step)}, which collects several answers; use `includes`"
    if isinstance(step, ChoiceStep):
        for value in wanted:
            problem = _known_word(str(value), [o.label for o in step.options], step.allow_other, step, "option")
            if problem:
                return problem
        return None
    if isinstance(step, ScaleStep):
        for value in wanted:
            if isinstance(value, str) or not step.min <= value <= step.max:
                return f"{_kind(step)}; compare it with a whole number from {step.min} to {step.max}"
        return None
    return None  # a text step: any words may be compared


def _known_word(word: str, labels: list[str], allow_other: bool, step: Step, noun: str) -> str | None:
    if allow_other or any(word.strip().casefold() == label.strip().casefold() for label in labels):
        return None
    # shown(): a label may be 2,000 characters long, and `includes` or `equals` any length.
    listed = ", ".join(shown(label) for label in labels[:8]) + (", …" if len(labels) > 8 else "")
    return f"'{shown(word)}' is not an {noun} of '{step.id}' ({listed})"


# -- steps ---------------------------------------------------------------------------


def _scale(step: ScaleStep, at: PathTuple, report: _Report) -> None:
    if step.min >= step.max:
        report.add(at + ("max",), f"max ({step.max}) should be more than min ({step.min})")
        return
    if step.offer_grounding_at is not None and not step.min <= step.offer_grounding_at <= step.max:
        report.add(at + ("offer_grounding_at",), f"{step.offer_grounding_at} is outside this scale; "
                   f"use a number from {step.min} to {step.max}")


def _cues(step: TimerStep, at: PathTuple, report: _Report) -> None:
    previous: int | None = None
    for j, cue in enumerate(step.cues):
        where = at + ("cues", j, "at")
        if cue.at >= step.seconds:
            report.add(where, f"this cue at {cue.at} s would come after the timer ends ({step.seconds} s)")
        elif previous is not None and cue.at <= previous:
            report.add(where, f"cues go in time order; this one ({cue.at} s) should come after the one before "
                       f"({previous} s)")
        previous = cue.at if previous is None else max(previous, cue.at)


def _breathing(step: BreathingStep, at: PathTuple, report: _Report) -> None:
    counts = [int(part) for part in step.pattern.split("-")]
    out_index = 1 if len(counts) == 2 else 2
    if counts[0] <= 0:
        report.add(at + ("pattern",), "breathing in needs at least 1 second (the first number)")
    elif counts[out_index] <= 0:
        report.add(at + ("pattern",), f"breathing out needs at least 1 second (number {out_index + 1})")


# -- scoring -------------------------------------------------------------------------


def _scored(exercise: Exercise) -> Iterator[tuple[int, ScaleStep | ChoiceStep]]:
    for i, step in enumerate(exercise.steps):
        if isinstance(step, (ScaleStep, ChoiceStep)) and step.scored:
            yield i, step


def _scoring(exercise: Exercise, report: _Report) -> None:
    scored = list(_scored(exercise))
    for i, step in enumerate(exercise.steps):
        if isinstance(step, (ScaleStep, ChoiceStep)) and step.reverse and not step.scored:
            report.add(("steps", i, "reverse"), "`reverse` only matters on a scored step; add `scored: true` "
                       "or leave reverse out")
    for i, step in scored:
        if exercise.scoring is None:
            report.add(("steps", i, "scored"), "this step is scored, but the exercise has no `scoring:` "
                       "saying how to add up the answers")
        if isinstance(step, ChoiceStep):
            for j, option in enumerate(step.options):
                if option.value is None:
                    report.add(("steps", i, "options", j), f"'{shown(option.label)}' needs a `value`, because this "
                               "step is scored")
    scoring = exercise.scoring
    if scoring is None:
        return
    if not scored:
        report.add(("scoring",), "there is `scoring:`, but no step has `scored: true`")
    previous = None
    for j, band in enumerate(scoring.bands):
        at: PathTuple = ("scoring", "bands", j)
        if band.min > band.max:
            report.add(at + ("min",), f"min ({band.min}) is above max ({band.max})")
            continue
        if previous is not None:
            if band.min < previous.min:
                report.add(at + ("min",), "bands go from the lowest totals to the highest; this one starts below "
                           f"the one before ({_span(previous)})")
            elif band.min <= previous.max:
                report.add(at + ("min",), f"this band ({_span(band)}) overlaps the one before ({_span(previous)})")
            elif band.min > previous.max + 1:
                # The engine gives a total in a gap to the band below it, so with 0-4 and 10-20 a
                # total of 7 would be labelled with the 0-4 words: almost surely a missing band.
                report.add(at + ("min",), f"there is a gap before this band ({_span(band)}): no band holds totals "
                           f"between {previous.max} and {band.min}; start it at {previous.max + 1} or add a band")
        previous = band


def _span(band) -> str:
    return f"{band.min}-{band.max}"
