"""Broken exercise files: each problem names the exact line and field, in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.content import source
from workbook.content.loader import Problem, read_exercise

HEAD = """\
id: sample
title: Sample
category: grounding
summary: A sample exercise.
minutes: 5
steps:
"""  # steps start on line 7


@pytest.fixture(autouse=True, params=source.LOADERS, ids=lambda cls: cls.__name__)
def yaml_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    """Every case runs with libyaml's parser and with PyYAML's own (used where libyaml is missing)."""
    monkeypatch.setattr(source, "_Loader", request.param)
    return request.param


def problems_in(tmp_path: Path, text: str | bytes, name: str = "broken.yaml") -> list[Problem]:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    loaded = read_exercise(path)
    if loaded.problems:
        assert loaded.exercise is None
    for problem in loaded.problems:
        shown = str(problem)
        assert "\n" not in shown
        assert shown.startswith(f"{path}:{problem.line}: {problem.field or '-'}: ")
    return loaded.problems


def the_problem(tmp_path: Path, text: str | bytes) -> Problem:
    found = problems_in(tmp_path, text)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


# (name, file text, line, field, words the message must hold)
CASES = [
    ("wrong type", HEAD + """\
  - id: mood
    type: scale
    prompt: How strong?
    max: ten
""", 10, "steps[0].max", "should be a whole number, not the text 'ten'"),
    ("float where a whole number goes", HEAD.replace("minutes: 5", "minutes: 2.5") + """\
  - {id: a, type: text, prompt: Hi}
""", 5, "minutes", "should be a whole number, not 2.5"),
    ("unknown step type", HEAD + """\
  - id: a
    type: text
    prompt: Hi
  - id: b
    type: nope
    prompt: Hi
""", 11, "steps[1].type", "'nope' is not a step type; use one of info, text, scale"),
    ("unknown field in a step", HEAD + """\
  - id: a
    type: text
    prompt: Hi
    bogus: 1
""", 10, "steps[0].bogus", "`bogus` is not a field of a text step"),
    ("field of another step type", HEAD + """\
  - id: a
    type: text
    prompt: Hi
    count: 3
""", 10, "steps[0].count", "it belongs to list steps"),
    ("unknown top-level field", HEAD.replace("summary:", "sumary:") + """\
  - {id: a, type: text, prompt: Hi}
""", 4, "sumary", "`sumary` is not a field of an exercise"),
    ("missing prompt", HEAD + """\
  - id: a
    type: info
    text: Hello
  - id: b
    type: scale
""", 10, "steps[1].prompt", "a scale step needs `prompt`"),
    ("missing step type", HEAD + """\
  - id: a
    type: text
    prompt: Hi

  - id: b
    prompt: Hi
""", 11, "steps[1].type", "this step needs a `type`"),
    ("missing title", "\n# comment\n" + HEAD.replace("title: Sample\n", "") + """\
  - {id: a, type: text, prompt: Hi}
""", 3, "title", "an exercise needs `title`"),
    ("unknown category", HEAD.replace("category: grounding", "category: relaxing") + """\
  - {id: a, type: text, prompt: Hi}
""", 3, "category", "'relaxing' is not a category; use one of journaling, grounding"),
    ("bad step id", HEAD + """\
  - {id: a, type: text, prompt: Hi}
  - {id: Second Step, type: text, prompt: Hi}
""", 8, "steps[1].id", "'Second Step' cannot be an id"),
    ("no steps", HEAD.replace("steps:\n", "steps: []\n"), 6, "steps", "an exercise needs at least one step"),
    ("a step that is only a word", HEAD + """\
  - {id: a, type: text, prompt: Hi}
  - hello
""", 8, "steps[1]", "should be a set of `key: value` fields, not the text 'hello'"),
    ("a word where a list goes", HEAD + """\
  - id: a
    type: choice
    prompt: Hi
    options: Yes
""", 10, "steps[0].options", "should be a list, not the word 'Yes'"),
    ("empty prompt", HEAD + """\
  - id: a
    type: text
    prompt: ""
""", 9, "steps[0].prompt", "should not be empty"),
    ("too many list items", HEAD + """\
  - id: a
    type: list
    prompt: Name them
    count: 50
""", 10, "steps[0].count", "should be at most 20, not 50"),
    ("bad breathing pattern", HEAD + """\
  - id: a
    type: breathing
    pattern: 4x4
""", 9, "steps[0].pattern", "'4x4' is not a breathing pattern"),
    ("bad scoring method", HEAD + """\
  - {id: a, type: scale, prompt: Hi, scored: true}
scoring:
  method: median
""", 9, "scoring.method", "'median' is not a scoring method; use one of sum, mean"),
    ("duplicate step ids", HEAD + """\
  - id: same
    type: text
    prompt: Hi
  - id: same
    type: text
    prompt: Again
""", 10, "steps[1].id", "'same' is already the id of steps[0] (line 7)"),
    ("when on a missing step", HEAD + """\
  - {id: a, type: text, prompt: Hi}
  - id: b
    type: text
    prompt: Again
    when:
      step: nowhere
      answered: true
""", 12, "steps[1].when.step", "there is no step 'nowhere'"),
    ("when on a later step", HEAD + """\
  - id: a
    type: text
    prompt: Hi
    when: {step: b, answered: true}
  - {id: b, type: text, prompt: Again}
""", 10, "steps[0].when.step", "'b' comes later (steps[1])"),
    ("when on its own step", HEAD + """\
  - id: a
    type: text
    prompt: Hi
    when: {step: a, answered: true}
""", 10, "steps[0].when.step", "cannot depend on its own answer"),
    ("when without a step", HEAD + """\
  - {id: a, type: scale, prompt: Hi}
  - id: b
    type: text
    prompt: Again
    when:
      at_least: 3
""", 11, "steps[1].when.step", "`when` needs `step`"),
    ("condition with two tests", HEAD + """\
  - {id: a, type: scale, prompt: Hi}
  - id: b
    type: text
    prompt: Again
    when:
      step: a
      at_least: 3
      at_most: 5
""", 14, "steps[1].when.at_most", "this condition has two tests (at_least and at_most)"),
    ("condition with no test", HEAD + """\
  - {id: a, type: scale, prompt: Hi}
  - id: b
    type: text
    prompt: Again
    when:
      step: a
""", 11, "steps[1].when", "a condition needs one test"),
    ("step beside all", HEAD + """\
  - {id: a, type: scale, prompt: Hi}
  - id: b
    type: text
    prompt: Again
    when:
      step: a
      all:
        - {step: a, at_least: 3}
""", 12, "steps[1].when.step", "`step` goes inside each condition under `all`"),
    ("nested condition on a missing step", HEAD + """\
  - {id: a, type: scale, prompt: Hi}
  - id: b
    type: text
    prompt: Again
    when:
      any:
        - {step: a, at_least: 3}
        - {step: zz, answered: true}
""", 14, "steps[1].when.any[1].step", "there is no step 'zz'"),
    ("at_least on a choice without values", HEAD + """\
  - {id: a, type: choice, prompt: Hi, options: [Yes, No]}
  - id: b
    type: text
    prompt: Again
    when: {step: a, at_least: 1}
""", 11, "steps[1].when.at_least", "on a choice, at_least compares the options' values"),
    ("at_most on a text step", HEAD + """\
  - {id: a, type: text, prompt: Hi}
  - id: b
    type: text
    prompt: Again
    when: {step: a, at_most: 1}
""", 11, "steps[1].when.at_most", "at_most works on scale steps and on choices whose options have values; 'a' is a text step"),
    ("at_least beyond a choice's values", HEAD + """\
  - id: a
    type: choice
    prompt: Hi
    options:
      - {label: Never, value: 0}
      - {label: Often, value: 2}
    safety: {at_least: 3}
""", 13, "steps[0].safety.at_least", "at_least 3 can never happen on values from 0 to 2"),
    ("at_least beyond the scale", HEAD + """\
  - {id: a, type: scale, prompt: Hi, min: 0, max: 10}
  - id: b
    type: text
    prompt: Again
    when: {step: a, at_least: 11}
""", 11, "steps[1].when.at_least", "at_least 11 can never happen on a 0 to 10 scale"),
    ("includes on a scale", HEAD + """\
  - {id: a, type: scale, prompt: Hi}
  - id: b
    type: text
    prompt: Again
    when: {step: a, includes: "3"}
""", 11, "steps[1].when.includes", "includes works on multi-choice, list and checklist steps"),
    ("includes a missing option", HEAD + """\
  - {id: a, type: multi-choice, prompt: Hi, options: [Sad, Angry]}
  - id: b
    type: text
    prompt: Again
    when: {step: a, includes: Happy}
""", 11, "steps[1].when.includes", "'Happy' is not an option of 'a' (Sad, Angry)"),
    ("equals on a missing label", HEAD + """\
  - id: a
    type: choice
    prompt: Hi
    options: [Yes, No]
  - id: b
    type: text
    prompt: Again
    when: {step: a, equals: Maybe}
""", 14, "steps[1].when.equals", "'Maybe' is not an option of 'a' (Yes, No)"),
    ("one_of with a missing label", HEAD + """\
  - {id: a, type: choice, prompt: Hi, options: [Home, Work]}
  - id: b
    type: text
    prompt: Again
    when:
      step: a
      one_of: [home, School]
""", 13, "steps[1].when.one_of", "'School' is not an option of 'a'"),
    ("equals on a multi-choice", HEAD + """\
  - {id: a, type: multi-choice, prompt: Hi, options: [Sad, Angry]}
  - id: b
    type: text
    prompt: Again
    when: {step: a, equals: Sad}
""", 11, "steps[1].when.equals", "collects several answers; use `includes`"),
    ("condition on an info step", HEAD + """\
  - {id: a, type: info, text: Hello}
  - id: b
    type: text
    prompt: Again
    when: {step: a, answered: true}
""", 11, "steps[1].when.answered", "'a' is an info step and has no answer"),
    ("safety looks at another step", HEAD + """\
  - {id: a, type: scale, prompt: Hi}
  - id: b
    type: scale
    prompt: Again
    safety: {step: a, at_least: 5}
""", 11, "steps[1].safety.step", "in `safety` a condition looks at this step's own answer"),
    ("safety test that does not fit", HEAD + """\
  - id: a
    type: choice
    prompt: Are you safe?
    options: [Yes, No]
    safety:
      at_least: 1
""", 12, "steps[0].safety.at_least", "on a choice, at_least compares the options' values"),
    ("scale min not below max", HEAD + """\
  - id: a
    type: scale
    prompt: Hi
    min: 5
    max: 5
""", 11, "steps[0].max", "max (5) should be more than min (5)"),
    ("grounding offer outside the scale", HEAD + """\
  - id: a
    type: scale
    prompt: Hi
    max: 10
    offer_grounding_at: 12
""", 11, "steps[0].offer_grounding_at", "12 is outside this scale"),
    ("duplicate option labels", HEAD + """\
  - id: a
    type: choice
    prompt: Hi
    options:
      - Yes
      - No
      - yes
""", 13, "steps[0].options[2].label", "'yes' is already option 1 of this step"),
    ("duplicate checklist items", HEAD + """\
  - id: a
    type: checklist
    prompt: Hi
    items: [Ate, Slept, Ate]
""", 10, "steps[0].items[2]", "'Ate' is already item 1"),
    ("scored step without scoring", HEAD + """\
  - id: a
    type: scale
    prompt: Hi
    scored: true
""", 10, "steps[0].scored", "the exercise has no `scoring:`"),
    ("scoring without scored steps", HEAD + """\
  - {id: a, type: scale, prompt: Hi}
scoring:
  method: sum
""", 8, "scoring", "no step has `scored: true`"),
    ("scored choice option without a value", HEAD + """\
  - id: a
    type: choice
    prompt: Hi
    scored: true
    options:
      - {label: Never, value: 0}
      - {label: Often}
scoring: {method: sum}
""", 13, "steps[0].options[1]", "'Often' needs a `value`, because this step is scored"),
    ("reverse without scored", HEAD + """\
  - id: a
    type: scale
    prompt: Hi
    reverse: true
""", 10, "steps[0].reverse", "`reverse` only matters on a scored step"),
    ("overlapping bands", HEAD + """\
  - {id: a, type: scale, prompt: Hi, scored: true}
scoring:
  bands:
    - {min: 0, max: 4, label: low}
    - min: 4
      max: 10
      label: high
""", 11, "scoring.bands[1].min", "this band (4-10) overlaps the one before (0-4)"),
    ("band with min above max", HEAD + """\
  - {id: a, type: scale, prompt: Hi, scored: true}
scoring:
  bands:
    - min: 5
      max: 2
      label: low
""", 10, "scoring.bands[0].min", "min (5) is above max (2)"),
    ("bands out of order", HEAD + """\
  - {id: a, type: scale, prompt: Hi, scored: true}
scoring:
  bands:
    - {min: 5, max: 10, label: high}
    - {min: 0, max: 4, label: low}
""", 11, "scoring.bands[1].min", "bands go from the lowest totals to the highest"),
    ("cue after the timer ends", HEAD + """\
  - id: a
    type: timer
    seconds: 60
    cues:
      - {at: 0, text: Start}
      - {at: 60, text: Too late}
""", 12, "steps[0].cues[1].at", "this cue at 60 s would come after the timer ends (60 s)"),
    ("cues out of order", HEAD + """\
  - id: a
    type: timer
    seconds: 60
    cues:
      - at: 30
        text: Later
      - at: 10
        text: Earlier
""", 13, "steps[0].cues[1].at", "cues go in time order"),
    ("breathing in for zero seconds", HEAD + """\
  - id: a
    type: breathing
    pattern: 0-4-4
""", 9, "steps[0].pattern", "breathing in needs at least 1 second"),
    ("breathing out for zero seconds", HEAD + """\
  - id: a
    type: breathing
    pattern: 4-4-0-4
""", 9, "steps[0].pattern", "breathing out needs at least 1 second (number 3)"),
    ("the same field twice", HEAD + """\
  - id: a
    type: text
    prompt: Hi
    prompt: Again
""", 10, "steps[0].prompt", "`prompt` is given twice in the same place"),
    ("yaml syntax error", HEAD + """\
  - id: a
    type: text
    prompt: Where: here
""", 9, None, "the YAML cannot be read here: mapping values are not allowed"),
    ("unclosed bracket", HEAD + """\
  - id: a
    type: text
    prompt: [Hi
""", 9, None, "the YAML cannot be read here"),  # the last line: the file ends there, unclosed
    ("tab indent", HEAD + """\
  - id: a
\ttype: text
""", 8, None, "the YAML cannot be read here"),
    ("python tag", HEAD + """\
  - id: a
    type: text
    prompt: !!python/object/apply:os.system ["echo hi"]
""", 9, "steps[0].prompt", "the tag !!python/object/apply:os.system is not allowed"),
    ("a local tag", HEAD + """\
  - id: a
    type: text
    prompt: !shout Hi
""", 9, "steps[0].prompt", "the tag !shout is not allowed"),
    ("explicit tag that does not fit", HEAD + """\
  - id: a
    type: scale
    prompt: Hi
    max: !!int ten
""", 10, "steps[0].max", "'ten' cannot be read as !!int"),
    ("explicit bool tag that does not fit", HEAD + """\
  - {id: a, type: text, prompt: Hi, multiline: !!bool maybe}
""", 7, "steps[0].multiline", "'maybe' cannot be read as !!bool"),
    ("undefined alias", HEAD + """\
  - id: a
    type: text
    prompt: *nothing
""", 9, None, "found undefined alias 'nothing'"),
    ("control character", HEAD + "  - {id: a, type: text, prompt: \"Hi\x01\"}\n", 7, None,
     "this file contains a control character (U+0001)"),
    ("empty file", "", 1, None, "the file is empty"),
    ("only blank lines", "\n\n   \n", 1, None, "the file is empty"),
    ("only comments", "# nothing yet\n# still nothing\n", 1, None, "the file holds only comments"),
    ("list at top level", "# an exercise?\n- id: a\n- id: b\n", 2, None, "the file holds a list"),
    ("single value at top level", "\nhello\n", 2, None, "the file holds a single value"),
    ("two documents", HEAD + "  - {id: a, type: text, prompt: Hi}\n---\n" + HEAD, 8, None,
     "a second YAML document starts here"),
]


@pytest.mark.parametrize(("text", "line", "field", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_broken_file_names_line_and_field(tmp_path: Path, text: str, line: int, field: str | None, words: str):
    problem = the_problem(tmp_path, text)
    assert (problem.line, problem.field) == (line, field), str(problem)
    assert words in problem.message


def test_non_utf8_bytes_are_reported_at_their_line(tmp_path: Path) -> None:
    text = (HEAD + "  - id: a\n    type: text\n    prompt: caf\xe9\n").encode("latin-1")
    problem = the_problem(tmp_path, text)
    assert (problem.line, problem.field) == (9, None)
    assert "not UTF-8" in problem.message and "0xe9" in problem.message


def test_utf16_is_not_utf8(tmp_path: Path) -> None:
    problem = the_problem(tmp_path, (HEAD + "  - {id: a, type: text, prompt: Hi}\n").encode("utf-16"))
    assert problem.line == 1 and "not UTF-8" in problem.message


def test_a_bom_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (HEAD + "  - {id: a, type: text, prompt: Hi}\n").encode())
    loaded = read_exercise(path)
    assert loaded.problems == [] and loaded.exercise.id == "sample"


def test_every_broken_step_is_named_in_one_pass(tmp_path: Path) -> None:
    found = problems_in(tmp_path, HEAD + """\
  - id: a
    type: scale
    prompt: Hi
    max: ten
  - id: b
    type: nope
  - id: c
    type: text
""")
    assert [(p.line, p.field) for p in found] == [(10, "steps[0].max"), (12, "steps[1].type"), (13, "steps[2].prompt")]


def test_a_problem_in_an_aliased_step_points_at_the_alias(tmp_path: Path) -> None:
    problem = the_problem(tmp_path, HEAD + """\
  - &first {id: a, type: text, prompt: Hi}
  - *first
""")
    assert (problem.line, problem.field) == (8, "steps[1].id")
    assert "'a' is already the id of steps[0] (line 7)" in problem.message


def test_fields_from_a_merge_are_reported_at_the_merge(tmp_path: Path) -> None:
    found = problems_in(tmp_path, """\
x-common: &common
  type: scale
  max: lots
""" + HEAD + """\
  - <<: *common
    id: a
    prompt: Hi
""")
    assert [(p.line, p.field) for p in found] == [(1, "x-common"), (10, "steps[0].max")]
    assert "should be a whole number, not the text 'lots'" in found[1].message


def test_merged_fields_count_as_written(tmp_path: Path) -> None:
    path = tmp_path / "merge.yaml"
    path.write_text("""\
id: merged
title: Merged
category: check-in
summary: Shared scale settings.
minutes: 2
steps:
  - &scale {id: first, type: scale, prompt: One, min: 1, max: 5, min_label: never}
  - <<: *scale
    id: second
    prompt: Two
""", encoding="utf-8")
    loaded = read_exercise(path)
    assert loaded.problems == []
    second = loaded.exercise.steps[1]
    assert (second.id, second.prompt, second.min, second.max, second.min_label) == ("second", "Two", 1, 5, "never")


def test_missing_nested_field_names_the_struct(tmp_path: Path) -> None:
    problem = the_problem(tmp_path, HEAD + """\
  - {id: a, type: scale, prompt: Hi, scored: true}
scoring:
  bands:
    - {min: 0, max: 4}
""")
    assert (problem.line, problem.field) == (10, "scoring.bands[0].label")
    assert "a band needs `label`" in problem.message
