"""Good files load: every step type, shorthand, and a catalog that survives a broken file."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from workbook.content.catalog import load_catalog
from workbook.content.loader import read_exercise
from workbook.content.models import (
    STEP_TYPES,
    BreathingStep,
    ChecklistStep,
    ChoiceStep,
    Condition,
    InfoStep,
    ListStep,
    MultiChoiceStep,
    ScaleStep,
    TextStep,
    TimerStep,
)
from workbook.paths import builtin_exercises_dir

EVERY_STEP = """\
id: every-step
title: Every step
category: check-in
summary: One of each kind of step.
minutes: 4
intro: You can stop at any time.
closing: Thank you.
scoring:
  method: sum
  prorate_missing: 1
  bands:
    - {min: 0, max: 5, label: lower}
    - {min: 6, max: 13, label: higher, note: Just a number.}
steps:
  - id: hello
    type: info
    text: "**Welcome.** Take your time."
  - id: word
    type: text
    prompt: One word for today?
    placeholder: calm
  - id: story
    type: text
    prompt: Tell it your way.
    multiline: true
  - id: mood
    type: scale
    prompt: How strong is it?
    min_label: calm
    max_label: very strong
    scored: true
    offer_grounding_at: 8
    measure: distress
  - id: safe
    type: choice
    prompt: Are you safe right now?
    scored: true
    reverse: true
    safety: {at_least: 1}
    options:
      - {label: "Yes", value: 1}
      - {label: "Not sure", value: 2}
      - {label: "No", value: 3}
  - id: place
    type: choice
    prompt: Where are you?
    options: [Home, Work, No]
    allow_other: true
  - id: feelings
    type: multi-choice
    prompt: What do you feel?
    options: [Sad, Angry, On, Off]
    allow_other: true
  - id: see
    type: list
    prompt: Name three things you can see.
    count: 3
    item_label: Something you can see
  - id: care
    type: checklist
    prompt: What did you manage?
    items: [Ate, Slept, Yes, 10]
    when: {step: place, one_of: [home, no]}
  - id: quiet
    type: timer
    seconds: 60
    cues:
      - {at: 0, text: Settle.}
      - {at: 30, text: Halfway.}
  - id: breathe
    type: breathing
    pattern: 4-7-8
    cycles: 2
    when:
      any:
        - {step: mood, at_least: 5}
        - {step: feelings, includes: "off"}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_an_exercise_with_every_step_type_loads(tmp_path: Path) -> None:
    loaded = read_exercise(write(tmp_path, "every.yaml", EVERY_STEP))
    assert loaded.problems == []
    exercise = loaded.exercise
    kinds = [type(s) for s in exercise.steps]
    assert kinds == [InfoStep, TextStep, TextStep, ScaleStep, ChoiceStep, ChoiceStep, MultiChoiceStep, ListStep,
                     ChecklistStep, TimerStep, BreathingStep]
    assert {s.__struct_config__.tag for s in exercise.steps} == set(STEP_TYPES)
    assert exercise.scoring.bands[1].note == "Just a number."
    assert isinstance(exercise.step("safe").safety, Condition)


def test_bare_words_stay_the_words_that_were_written(tmp_path: Path) -> None:
    # YAML 1.1 reads No, On, Off, Yes as true/false and 10 as a number; written as
    # options or items they are the person's words.
    exercise = read_exercise(write(tmp_path, "every.yaml", EVERY_STEP)).exercise
    assert [o.label for o in exercise.step("place").options] == ["Home", "Work", "No"]
    assert [o.label for o in exercise.step("feelings").options] == ["Sad", "Angry", "On", "Off"]
    assert exercise.step("care").items == ["Ate", "Slept", "Yes", "10"]
    assert exercise.step("care").when.one_of == ["home", "no"]


def test_conditions_and_text_fields_keep_words_as_written(tmp_path: Path) -> None:
    text = """\
id: words
title: 2024
category: check-in
summary: Yes
minutes: 1
steps:
  - {id: ok, type: choice, prompt: Okay?, options: [Yes, No]}
  - id: why
    type: text
    prompt: No
    help: 1.5
    when: {step: ok, equals: No}
  - id: date
    type: text
    prompt: 2024-01-31
    when: {step: ok, not_equals: yes}
"""
    loaded = read_exercise(write(tmp_path, "words.yaml", text))
    assert loaded.problems == []
    exercise = loaded.exercise
    assert (exercise.title, exercise.summary) == ("2024", "Yes")
    why, date = exercise.step("why"), exercise.step("date")
    assert (why.prompt, why.help, why.when.equals) == ("No", "1.5", "No")
    assert (date.prompt, date.when.not_equals) == ("2024-01-31", "yes")


def test_required_and_bool_fields_still_read_yes_as_true(tmp_path: Path) -> None:
    text = "id: b\ntitle: B\ncategory: goals\nsummary: S\nminutes: 1\nsteps:\n" \
           "  - {id: a, type: text, prompt: Hi, multiline: yes, required: on}\n"
    exercise = read_exercise(write(tmp_path, "b.yaml", text)).exercise
    assert exercise.steps[0].multiline is True and exercise.steps[0].required is True


def test_the_source_map_knows_every_field_line(tmp_path: Path) -> None:
    loaded = read_exercise(write(tmp_path, "every.yaml", EVERY_STEP))
    lines = EVERY_STEP.splitlines()
    source = loaded.source
    assert lines[source.line(("steps", 3, "offer_grounding_at")) - 1].strip() == "offer_grounding_at: 8"
    assert lines[source.line(("steps", 4, "options", 2)) - 1].strip() == '- {label: "No", value: 3}'
    assert lines[source.line(("steps", 10, "when", "any", 1, "includes")) - 1].strip().startswith("- {step: feelings")
    assert lines[source.line(("scoring", "bands", 1, "label")) - 1].strip().startswith("- {min: 6")
    assert source.line(("steps", 99, "nothing")) == source.line(("steps",))  # nearest known part


def test_a_catalog_loads_good_files_next_to_a_broken_one(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    write(folder, "a/every.yaml", EVERY_STEP)
    write(folder, "b/other.yml", EVERY_STEP.replace("id: every-step", "id: other-step"))
    broken = write(folder, "b/broken.yaml", EVERY_STEP.replace("id: other", "id: third").replace("count: 3", "count: x"))
    write(folder, "notes.txt", "not an exercise")
    catalog = load_catalog([folder], include_builtin=False)
    assert sorted(catalog.exercises) == ["every-step", "other-step"]
    assert [(p.path, p.line, p.field) for p in catalog.problems] == [(broken, 57, "steps[7].count")]


def test_a_duplicate_id_names_both_files_and_the_id_line(tmp_path: Path) -> None:
    first = write(tmp_path / "one", "first.yaml", EVERY_STEP)
    second = write(tmp_path / "two", "second.yaml", "# A copy, changed a little.\n\n" + EVERY_STEP)
    catalog = load_catalog([tmp_path / "one", tmp_path / "two"], include_builtin=False)
    assert list(catalog.exercises) == ["every-step"] and catalog.sources["every-step"] == first
    (problem,) = catalog.problems
    assert (problem.path, problem.line, problem.field) == (second, 3, "id")
    assert str(first) in problem.message and "'every-step' is already used" in problem.message


def test_a_missing_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    catalog = load_catalog([tmp_path / "nowhere"], include_builtin=False)
    assert catalog.exercises == {} and len(catalog.problems) == 1


# -- the built-in exercises ------------------------------------------------------------

# Every file in exercises/<category>/<id>.yaml: the folder is the category, the name the id.
_ROOT = Path(__file__).resolve().parents[2] / "exercises"
BUILTIN = {p.stem: p.parent.name for p in sorted(_ROOT.rglob("*.yaml"))}


@pytest.fixture(scope="module")
def builtin():
    return load_catalog()


def test_every_builtin_exercise_loads_without_problems(builtin) -> None:
    assert [str(p) for p in builtin.problems] == []
    assert {e.id: e.category for e in builtin.exercises.values()} == BUILTIN


@pytest.mark.parametrize("exercise_id", sorted(BUILTIN))
def test_each_builtin_exercise_is_gentle_and_skippable(builtin, exercise_id: str) -> None:
    exercise = builtin.get(exercise_id)
    assert exercise.intro and exercise.closing
    intro = " ".join(exercise.intro.casefold().split())
    assert "stop" in intro and "stays on this computer" in intro
    assert not any(step.required for step in exercise.steps), "nothing is forced"
    for step in exercise.steps:
        if isinstance(step, ScaleStep):
            assert step.min_label and step.max_label


def test_builtin_exercises_use_every_step_type_between_them(builtin) -> None:
    steps = [s for e in builtin.exercises.values() for s in e.steps]
    assert {s.__struct_config__.tag for s in steps} == set(STEP_TYPES)
    assert any(isinstance(s, TextStep) and s.multiline for s in steps)
    assert any(isinstance(s, TextStep) and not s.multiline for s in steps)
    assert any(isinstance(s, MultiChoiceStep) and s.allow_other for s in steps)
    assert any(isinstance(s, TimerStep) and s.cues for s in steps)
    assert any(s.when is not None for s in steps)


def test_builtin_ids_the_rest_of_the_app_relies_on(builtin) -> None:
    goal = [s.id for s in builtin.get("smart-goal").steps]
    for step_id in ("what", "why", "measure", "target", "schedule", "first_step", "obstacles", "plan"):
        assert step_id in goal
    senses = builtin.get("five-senses")
    assert senses.steps[0].id == "distress_before" and senses.steps[-1].id == "distress_after"
    assert senses.step("distress_before").measure == senses.step("distress_after").measure == "distress"
    assert [s.count for s in senses.steps if isinstance(s, ListStep)] == [5, 4, 3, 2, 1]
    assert senses.step("breathe").pattern == "4-4-4-4"
    journal = builtin.get("trigger-journal")
    assert journal.step("intensity").offer_grounding_at == 8
    assert journal.step("urge_strength").when.step == "urges"
    assert any("drink" in o.label for o in journal.step("urges").options)
    reflection = builtin.get("weekly-reflection")
    assert reflection.step("quiet").seconds == 120 and reflection.step("quiet").when.step == "quiet_offer"


def test_builtin_files_live_in_their_category_folder() -> None:
    for path in builtin_exercises_dir().rglob("*.yaml"):
        exercise = read_exercise(path).exercise
        assert path.parent.name == exercise.category and path.stem == exercise.id


def test_hidden_files_and_folders_are_not_exercises(tmp_path: Path) -> None:
    write(tmp_path, "real.yaml", EVERY_STEP)
    write(tmp_path, ".#real.yaml", "half-saved: [")
    write(tmp_path, ".git/old.yaml", "not: an exercise")
    catalog = load_catalog([tmp_path], include_builtin=False)
    assert list(catalog.exercises) == ["every-step"] and catalog.problems == []


def test_both_yaml_parsers_read_the_builtin_exercises_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    from workbook.content import source

    results = []
    for loader in source.LOADERS:
        monkeypatch.setattr(source, "_Loader", loader)
        results.append(sorted(load_catalog().exercises.items()))
    assert all(result == results[0] for result in results)
