"""Plain mode step by step, in process: what each kind of step shows and accepts."""

from __future__ import annotations

import textwrap

from workbook.engine import Run
from workbook.store.memory import MemoryStore

from .conftest import drive

HEAD = """\
id: t
title: Test
category: reflection
summary: A test.
minutes: 1
steps:
"""


def steps(body: str) -> str:
    return HEAD + textwrap.indent(textwrap.dedent(body), "  ")


def only_entry(store: MemoryStore) -> dict:
    (entry,) = store.entries()
    return entry


def test_paced_timer_waits_for_each_cue_and_the_end(make_exercise) -> None:
    exercise = make_exercise(steps("""
        - id: wait
          type: timer
          seconds: 60
          cues: [{at: 0, text: Begin.}, {at: 10, text: Notice your feet.}, {at: 45, text: Nearly done.}]
    """))
    waits: list[float] = []
    result = drive(exercise, [""], paced=True, sleep=waits.append)  # Enter starts it
    assert result.code == 0
    assert waits == [10, 35, 15]
    out = result.out
    assert out.index("Begin.") < out.index("Notice your feet.") < out.index("Nearly done.") < out.index("Time is up.")
    assert only_entry(result.store)["answers"]["wait"] == {"completed": True, "seconds": 60}


def test_paced_breathing_waits_through_every_phase(make_exercise) -> None:
    exercise = make_exercise(steps("""
        - id: breathe
          type: breathing
          pattern: 4-4-4-4
          cycles: 2
    """))
    waits: list[float] = []
    result = drive(exercise, [""], paced=True, sleep=waits.append)
    assert waits == [4] * 8
    assert result.out.count("Breathe in, 4.") == 2 and result.out.count("Breathe out, 4.") == 2
    assert only_entry(result.store)["answers"]["breathe"] == {"completed": True, "seconds": 32}


def test_a_paced_timed_step_can_be_passed_over(make_exercise) -> None:
    exercise = make_exercise(steps("""
        - id: wait
          type: timer
          seconds: 60
        - id: after
          type: text
          prompt: How was that?
    """))
    waits: list[float] = []
    result = drive(exercise, ["skip", "fine"], paced=True, sleep=waits.append)
    assert waits == []
    assert only_entry(result.store)["answers"] == {"after": "fine"}


def test_unpaced_timed_steps_never_sleep(make_exercise) -> None:
    exercise = make_exercise(steps("""
        - id: wait
          type: timer
          seconds: 3600
          cues: [{at: 60, text: A minute in.}]
        - id: breathe
          type: breathing
          pattern: 4-6
    """))
    def no_sleep(seconds: float) -> None:
        raise AssertionError("slept while unpaced")
    result = drive(exercise, [], sleep=no_sleep)  # StringIO input is not a terminal
    assert result.code == 0
    assert "At 1:00: A minute in." in result.out
    assert only_entry(result.store)["answers"]["breathe"] == {"completed": True, "seconds": 40}


def test_a_list_takes_up_to_its_count_and_an_empty_line_ends_it(make_exercise) -> None:
    exercise = make_exercise(steps("""
        - id: full
          type: list
          prompt: Two things.
          count: 2
        - id: short
          type: list
          prompt: Up to four things.
          count: 4
        - id: after
          type: text
          prompt: And then?
    """))
    result = drive(exercise, ["one", "two", "three", "", "end"])
    answers = only_entry(result.store)["answers"]
    assert answers == {"full": ["one", "two"], "short": ["three"], "after": "end"}


def test_checklist_by_numbers_labels_or_none(make_exercise) -> None:
    exercise = make_exercise(steps("""
        - id: a
          type: checklist
          prompt: Ticks?
          items: [Water, Food, Rest]
        - id: b
          type: checklist
          prompt: More ticks?
          items: [Water, Food, Rest]
    """))
    result = drive(exercise, ["rest, 1, 1", ""])
    answers = only_entry(result.store)["answers"]
    assert answers == {"a": ["Water", "Rest"]}  # the exercise's order; none ticked is no answer


def test_multi_choice_without_other_asks_again_for_unknown_words(make_exercise) -> None:
    exercise = make_exercise(steps("""
        - id: m
          type: multi-choice
          prompt: Which?
          options: [Red, Blue]
    """))
    result = drive(exercise, ["red, green", "0", "2,1"])
    assert "“green” is not one of the options." in result.out
    assert "There is no number 0 here" in result.out
    assert result.out.count("Which?") == 3
    assert only_entry(result.store)["answers"] == {"m": ["Blue", "Red"]}


def test_a_required_step_cannot_be_skipped(make_exercise) -> None:
    exercise = make_exercise(steps("""
        - id: must
          type: text
          prompt: Your name for this?
          required: true
    """))
    result = drive(exercise, ["", "skip", "   ", "ok"])
    assert result.out.count("This one needs an answer before moving on.") == 3
    assert only_entry(result.store)["answers"] == {"must": "ok"}


def test_skip_clears_an_earlier_answer_and_enter_keeps_it(make_exercise) -> None:
    exercise = make_exercise(steps("""
        - id: a
          type: scale
          prompt: How much?
        - id: b
          type: text
          prompt: Why?
        - id: c
          type: text
          prompt: Anything else?
    """))
    result = drive(exercise, ["5", "because", "back", "back", "", "skip", "done"])
    assert only_entry(result.store)["answers"] == {"a": 5, "c": "done"}


def test_back_passes_over_info_and_timed_steps(make_exercise) -> None:
    exercise = make_exercise(steps("""
        - id: a
          type: text
          prompt: First?
        - id: note
          type: info
          text: A note.
        - id: wait
          type: timer
          seconds: 5
        - id: b
          type: text
          prompt: Second?
    """))
    result = drive(exercise, ["one", "back", "uno", "two"])
    assert result.out.count("First?") == 2
    assert only_entry(result.store)["answers"]["a"] == "uno"


def test_when_hides_steps_and_the_numbers_follow(make_exercise) -> None:
    exercise = make_exercise(steps("""
        - id: drink
          type: choice
          prompt: Did you drink today?
          options: ["Yes", "No"]
        - id: how-much
          type: scale
          prompt: How much?
          when: {step: drink, equals: "Yes"}
        - id: end
          type: text
          prompt: Anything else?
    """))
    result = drive(exercise, ["2", "no"])
    assert "How much?" not in result.out
    assert "Step 2 of 2" in result.out
    assert only_entry(result.store)["answers"] == {"drink": "No", "end": "no"}


def test_the_saved_record_is_the_engine_record(make_exercise) -> None:
    exercise = make_exercise(steps("""
        - id: a
          type: scale
          prompt: How much?
          scored: true
        - id: b
          type: choice
          prompt: Which?
          options: [{label: Low, value: 0}, {label: High, value: 3}]
          scored: true
    """).replace("steps:\n", "scoring: {bands: [{min: 0, max: 5, label: some}, {min: 6, max: 13, label: more}]}\nsteps:\n"))
    result = drive(exercise, ["7", "high"])
    entry = only_entry(result.store)
    run = Run(exercise)
    run.answer(7), run.next(), run.answer("High"), run.next()
    expected = run.record(finished_at=entry["finished_at"])
    expected["started_at"] = entry["started_at"]
    assert {k: v for k, v in entry.items() if k != "id"} == expected
    assert "Your total is 10, in the range this exercise calls “more”." in result.out


def test_a_scored_exercise_with_too_little_answered_says_so_gently(make_exercise) -> None:
    exercise = make_exercise(steps("""
        - id: a
          type: scale
          prompt: How much?
          scored: true
    """).replace("steps:\n", "scoring: {bands: [{min: 0, max: 10, label: any}]}\nsteps:\n"))
    result = drive(exercise, [""])
    assert "not enough answers to work out a total" in result.out
