"""validate_answer: each step type takes what fits, keeps text exactly, and explains a misfit kindly."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.content.loader import read_exercise
from workbook.content.models import Exercise
from workbook.engine import AnswerError, validate_answer

STEPS = """\
id: answers
title: Answers
category: check-in
summary: One of each step, for answers.
minutes: 2
steps:
  - {id: hello, type: info, text: Hi}
  - {id: line, type: text, prompt: One line}
  - {id: page, type: text, prompt: Many lines, multiline: true}
  - {id: must, type: text, prompt: Needed, required: true}
  - {id: scale, type: scale, prompt: How much?, min: 1, max: 5}
  - {id: pick, type: choice, prompt: Pick, options: [Home, Work]}
  - {id: pick_other, type: choice, prompt: Pick, options: [Home, Work], allow_other: true}
  - {id: many, type: multi-choice, prompt: Many, options: [Sad, Angry]}
  - {id: many_other, type: multi-choice, prompt: Many, options: [Sad, Angry], allow_other: true}
  - {id: three, type: list, prompt: Three, count: 3}
  - {id: ticks, type: checklist, prompt: Ticks, items: [Ate, Slept, Walked]}
  - {id: must_tick, type: checklist, prompt: Ticks, items: [Ate], required: true}
  - {id: timer, type: timer, seconds: 30}
  - {id: breathe, type: breathing, pattern: 4-6}
"""


@pytest.fixture(scope="module")
def exercise(tmp_path_factory: pytest.TempPathFactory) -> Exercise:
    path = tmp_path_factory.mktemp("answers") / "answers.yaml"
    path.write_text(STEPS, encoding="utf-8")
    loaded = read_exercise(path)
    assert loaded.problems == []
    return loaded.exercise


def check(exercise: Exercise, step_id: str, value):
    return validate_answer(exercise.step(step_id), value)


def refused(exercise: Exercise, step_id: str, value) -> str:
    with pytest.raises(AnswerError) as caught:
        check(exercise, step_id, value)
    message = str(caught.value)
    assert message and message.lstrip("“")[0].isupper() and message.endswith(".")
    assert "Error" not in message and "invalid" not in message.casefold()
    return message


TRICKY_TEXT = [
    "  spaces around  ",
    "emoji 🌧️➡️🌈 and a family 👨‍👩‍👧",
    "שלום, מה שלומך? مرحبا كيف حالك",
    "[bold]not markup[/bold] [link=x]y[/link] $x",
    "tab\there, bell\x07, escape \x1b[31mred\x1b[0m, nul\x00",
    "\u202eright-to-left override\u202c and zero\u200bwidth",
]


@pytest.mark.parametrize("text", TRICKY_TEXT)
def test_text_is_kept_exactly(exercise: Exercise, text: str) -> None:
    assert check(exercise, "line", text) == text
    assert check(exercise, "page", text + "\nand a second line\r\n") == text + "\nand a second line\r\n"


def test_a_megabyte_of_text_is_kept_exactly(exercise: Exercise) -> None:
    text = ("A long letter to myself. ✉️\n" * 40_000)[:1_000_000]
    assert len(text) == 1_000_000
    assert check(exercise, "page", text) == text
    assert check(exercise, "line", text.replace("\n", " ")) == text.replace("\n", " ")


def test_one_line_text_refuses_a_line_break(exercise: Exercise) -> None:
    assert "one line" in refused(exercise, "line", "first\nsecond")
    assert "one line" in refused(exercise, "line", "first\rsecond")


def test_text_must_be_text(exercise: Exercise) -> None:
    assert "as text" in refused(exercise, "line", 42)


def test_blank_is_a_skip_unless_required(exercise: Exercise) -> None:
    for blank in (None, "", "   \n\t"):
        assert check(exercise, "page", blank) is None
    assert "needs an answer" in refused(exercise, "must", "  ")


def test_info_takes_no_answer(exercise: Exercise) -> None:
    assert check(exercise, "hello", "anything") is None


def test_scale_takes_whole_numbers_in_range(exercise: Exercise) -> None:
    assert check(exercise, "scale", 1) == 1
    assert check(exercise, "scale", 5) == 5
    assert check(exercise, "scale", " 3 ") == 3
    for bad in (0, 6, 2.5, "three", True, [3]):
        assert "whole number from 1 to 5" in refused(exercise, "scale", bad)


def test_choice_matches_labels_without_caring_about_case(exercise: Exercise) -> None:
    assert check(exercise, "pick", " work ") == "Work"
    assert "pick one of the options" in refused(exercise, "pick", "School")
    assert check(exercise, "pick_other", "HOME") == "Home"
    assert check(exercise, "pick_other", "At my sister's [place]") == "At my sister's [place]"


def test_multi_choice_keeps_order_drops_repeats_and_blanks(exercise: Exercise) -> None:
    assert check(exercise, "many", ["angry", "Sad", "ANGRY", " "]) == ["Angry", "Sad"]
    assert check(exercise, "many", "sad") == ["Sad"]
    assert check(exercise, "many", []) is None
    assert "“Happy” is not one of the options" in refused(exercise, "many", ["Sad", "Happy"])
    assert check(exercise, "many_other", ["Sad", "a bit 🌧️"]) == ["Sad", "a bit 🌧️"]
    assert "each item as text" in refused(exercise, "many", ["Sad", 3])


def test_list_drops_blank_items_and_has_room_for_count(exercise: Exercise) -> None:
    assert check(exercise, "three", ["  a cup ", "", "the window"]) == ["  a cup ", "the window"]
    assert check(exercise, "three", ["", "  "]) is None
    assert "room for 3" in refused(exercise, "three", ["a", "b", "c", "d"])


def test_checklist_keeps_the_exercise_order(exercise: Exercise) -> None:
    assert check(exercise, "ticks", ["walked", "Ate", "ate"]) == ["Ate", "Walked"]
    assert check(exercise, "ticks", []) is None
    assert "“Ran” is not on this list" in refused(exercise, "ticks", ["Ran"])
    assert "needs an answer" in refused(exercise, "must_tick", [])


def test_timed_steps_record_completion_and_seconds(exercise: Exercise) -> None:
    assert check(exercise, "timer", {"completed": True, "seconds": 30}) == {"completed": True, "seconds": 30}
    assert check(exercise, "breathe", {"completed": False, "seconds": 7.9}) == {"completed": False, "seconds": 7}
    assert check(exercise, "breathe", {"completed": False}) == {"completed": False, "seconds": 0}
    assert "ran to the end" in refused(exercise, "timer", {"completed": "yes"})
    assert "how many seconds" in refused(exercise, "timer", {"completed": True, "seconds": -1})
    assert check(exercise, "timer", None) is None
