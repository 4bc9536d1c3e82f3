"""The Run state machine: every step type, `when` skips, back and forth, drafts, records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbook.content.loader import read_exercise
from workbook.content.models import Exercise
from workbook.engine import AnswerError, Run

EVERY_STEP = """\
id: every-step
title: Every step
category: check-in
summary: One of each kind of step.
minutes: 4
version: 2
steps:
  - {id: hello, type: info, text: Welcome.}
  - {id: word, type: text, prompt: One word?}
  - {id: story, type: text, prompt: Tell it., multiline: true}
  - {id: mood, type: scale, prompt: How strong?, offer_grounding_at: 8}
  - {id: place, type: choice, prompt: Where?, options: [Home, Work], allow_other: true}
  - {id: feelings, type: multi-choice, prompt: Feelings?, options: [Sad, Angry], allow_other: true}
  - {id: see, type: list, prompt: Three things?, count: 3}
  - {id: care, type: checklist, prompt: Managed?, items: [Ate, Slept, Walked]}
  - id: quiet
    type: timer
    seconds: 60
    cues: [{at: 0, text: Settle.}]
  - {id: breathe, type: breathing, pattern: 4-4-4-4, cycles: 2}
"""

BRANCHING = """\
id: branching
title: Branching
category: journaling
summary: Steps that show only sometimes.
minutes: 3
steps:
  - {id: urge, type: choice, prompt: Any urge?, options: [Yes, No]}
  - id: kind
    type: multi-choice
    prompt: Which urge?
    options: [Drink, Use, Leave]
    when: {step: urge, equals: "yes"}
  - id: craving
    type: scale
    prompt: How strong was the craving?
    when: {step: kind, includes: drink}
  - id: note
    type: text
    prompt: Anything else?
"""


def load(tmp_path: Path, text: str) -> Exercise:
    path = tmp_path / "exercise.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = read_exercise(path)
    assert loaded.problems == []
    return loaded.exercise


@pytest.fixture
def every(tmp_path: Path) -> Exercise:
    return load(tmp_path, EVERY_STEP)


@pytest.fixture
def branching(tmp_path: Path) -> Exercise:
    return load(tmp_path, BRANCHING)


def test_a_run_goes_through_every_step_type(every: Exercise) -> None:
    run = Run(every, started_at="2026-01-01T09:00:00+00:00")
    given = [
        None,
        "storm",
        "line one\nline two",
        "7",
        "work",
        ["sad", "a bit lost"],
        ["the window", "", "a cup"],
        ["walked", "Ate"],
        {"completed": True, "seconds": 60},
        {"completed": False, "seconds": 12.7},
    ]
    seen = []
    for value in given:
        seen.append(run.current.id)
        assert run.progress() == (len(seen), 10)
        run.answer(value)
        run.next()
    assert seen == [s.id for s in every.steps]
    assert run.is_complete and run.current is None and run.next() is None
    record = run.record(finished_at="2026-01-01T09:10:00+00:00")
    assert record["answers"] == {
        "word": "storm",
        "story": "line one\nline two",
        "mood": 7,
        "place": "Work",
        "feelings": ["Sad", "a bit lost"],
        "see": ["the window", "a cup"],
        "care": ["Ate", "Walked"],
        "quiet": {"completed": True, "seconds": 60},
        "breathe": {"completed": False, "seconds": 12},
    }
    assert record["exercise_id"] == "every-step" and record["exercise_version"] == 2
    assert record["started_at"] == "2026-01-01T09:00:00+00:00"
    assert record["finished_at"] == "2026-01-01T09:10:00+00:00"
    assert record["prompts"]["mood"] == "How strong?" and record["prompts"]["quiet"] == "quiet"
    assert record["step_types"]["care"] == "checklist" and "hello" not in record["step_types"]
    assert record["score"] is None
    json.dumps(record)  # plain JSON all the way down


def test_skipping_leaves_no_answer(every: Exercise) -> None:
    run = Run(every)
    run.next()
    run.answer("   ")
    assert run.answers == {}
    run.answer("kept")
    run.answer("")  # clearing an answer removes it
    assert "word" not in run.answers


def test_when_skips_steps_going_forward_and_back(branching: Exercise) -> None:
    run = Run(branching)
    assert run.at_start
    run.answer("No")
    assert run.next().id == "note"  # kind and craving do not apply
    assert run.progress() == (2, 2)
    assert run.at_last_step
    assert run.back().id == "urge"
    run.answer("Yes")
    assert run.next().id == "kind"
    run.answer(["Leave"])
    assert run.next().id == "note"
    assert run.back().id == "kind"
    run.answer(["Drink", "Leave"])
    assert run.next().id == "craving"
    assert run.progress() == (3, 4)


def test_back_at_the_start_stays_put(branching: Exercise) -> None:
    run = Run(branching)
    assert run.back().id == "urge" and run.position == 0


def test_a_changed_answer_hides_later_steps_and_leaves_them_out_of_the_record(branching: Exercise) -> None:
    run = Run(branching)
    run.answer("Yes")
    run.next()
    run.answer(["Drink"])
    run.next()
    run.answer(9)
    run.next()
    run.answer("later words")
    # Back to the start; the person changes their mind.
    while not run.at_start:
        run.back()
    run.answer("No")
    assert [s.id for s in run.visible_steps()] == ["urge", "note"]
    record = run.record()
    assert record["answers"] == {"urge": "No", "note": "later words"}
    assert set(record["prompts"]) == {"urge", "note"}
    # The hidden answers wait in the draft, in case the person changes back.
    assert run.draft()["answers"]["kind"] == ["Drink"]
    run.answer("Yes")
    assert run.record()["answers"]["craving"] == 9


def test_a_hidden_answer_never_opens_a_later_step(branching: Exercise) -> None:
    run = Run(branching, answers={"urge": "No", "kind": ["Drink"], "craving": 5})
    # `kind` is hidden, so its stale answer must not make `craving` visible.
    assert [s.id for s in run.visible_steps()] == ["urge", "note"]
    assert run.final_answers() == {"urge": "No"}


def test_the_position_never_rests_on_a_hidden_step(branching: Exercise) -> None:
    run = Run(branching, answers={"urge": "No"}, position=1)
    assert run.current.id == "note"


def test_answering_past_the_end_is_an_error(branching: Exercise) -> None:
    run = Run(branching, position=99)
    assert run.is_complete
    with pytest.raises(RuntimeError):
        run.answer("x")


def test_a_bad_answer_changes_nothing(every: Exercise) -> None:
    run = Run(every, answers={"mood": 3}, position=3)
    with pytest.raises(AnswerError):
        run.answer(11)
    assert run.answers == {"mood": 3} and run.current.id == "mood"


def test_a_draft_round_trips_through_json(branching: Exercise) -> None:
    run = Run(branching, started_at="2026-02-03T04:05:06+01:00")
    run.answer("Yes")
    run.next()
    run.answer(["Drink"])
    run.next()
    draft = json.loads(json.dumps(run.draft()))
    assert draft["step"] == "craving" and draft["exercise_id"] == "branching"
    again = Run.from_draft(branching, draft)
    assert again.current.id == "craving"
    assert again.answers == run.answers
    assert again.started_at == "2026-02-03T04:05:06+01:00"
    assert again.draft() | {"saved_at": None} == run.draft() | {"saved_at": None}


def test_a_draft_saved_at_the_end_resumes_on_the_last_step(branching: Exercise) -> None:
    run = Run(branching, answers={"urge": "No", "note": "done"}, position=99)
    again = Run.from_draft(branching, run.draft())
    assert again.current.id == "note"


def test_a_draft_for_a_changed_exercise_keeps_what_no_longer_fits(tmp_path: Path, branching: Exercise) -> None:
    draft = {
        "exercise_id": "branching",
        "step": "gone",
        "answers": {"urge": "Yes", "gone": "words from an older version", "note": "fine", "craving": "very"},
        "started_at": "2026-01-01T00:00:00+00:00",
    }
    run = Run.from_draft(branching, draft)
    assert run.answers == {"urge": "Yes", "note": "fine"}
    assert run.set_aside == {"gone": "words from an older version", "craving": "very"}
    assert run.current.id == "urge"
    # Never lost: kept in the next draft and in the finished record.
    assert Run.from_draft(branching, run.draft()).set_aside == run.set_aside
    assert run.record()["set_aside"] == run.set_aside


def test_a_plain_record_has_no_set_aside_key(branching: Exercise) -> None:
    assert "set_aside" not in Run(branching).record()
    assert "set_aside" not in Run(branching).draft()


@pytest.mark.parametrize("exercise_id", ["trigger-journal", "five-senses", "smart-goal", "weekly-reflection"])
def test_each_builtin_exercise_can_be_skipped_from_start_to_end(exercise_id: str) -> None:
    from workbook.content.catalog import load_catalog

    exercise = load_catalog().get(exercise_id)
    run = Run(exercise)
    steps = 0
    while not run.is_complete:
        outcome = run.answer(None)
        assert not outcome.safety and not outcome.offer_grounding
        run.next()
        steps += 1
    assert steps == len([s for s in exercise.steps if s.when is None])
    record = run.record()
    assert record["answers"] == {} and record["exercise_id"] == exercise_id
