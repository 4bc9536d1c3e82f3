"""Plain mode as a whole, in process: drafts, stopping, safety and failures to save."""

from __future__ import annotations

import textwrap

from workbook.store.base import StoreError
from workbook.store.memory import MemoryStore

from .conftest import drive

EXERCISE = """\
id: t
title: Test
category: check-in
summary: A test.
minutes: 1
closing: See you soon.
steps:
  - id: feel
    type: scale
    prompt: How strong is it?
    offer_grounding_at: 7
  - id: words
    type: text
    prompt: Say more?
    multiline: true
  - id: safe
    type: choice
    prompt: Do you feel safe?
    options: [{label: "Yes", value: 0}, {label: "No", value: 2}]
    safety: true
"""


class FullDisk(MemoryStore):
    """A store whose saves fail, as a full disk would (plain mode's reaction is under test)."""

    def __init__(self, fail_drafts: bool = False) -> None:
        super().__init__("test")
        self.fail_drafts = fail_drafts

    def save_entry(self, record):
        raise StoreError("The disk is full.")

    def save_draft(self, draft):
        if self.fail_drafts:
            raise StoreError("The disk is full.")
        super().save_draft(draft)


def test_a_draft_is_saved_after_every_step(make_exercise) -> None:
    exercise = make_exercise(EXERCISE)
    store = MemoryStore()
    seen = []
    original = store.save_draft
    store.save_draft = lambda draft: (seen.append((draft["step"], dict(draft["answers"]))), original(draft))
    drive(exercise, ["3", "a", "", "1"], store=store)
    assert seen == [("words", {"feel": 3}), ("safe", {"feel": 3, "words": "a"})]
    assert store.drafts() == [] and len(store.entries()) == 1


def test_resume_starts_at_the_saved_step_with_answers_kept(make_exercise) -> None:
    exercise = make_exercise(EXERCISE)
    first = drive(exercise, ["3", "line one", "line two"])  # the input ends inside the text
    assert first.code == 1
    assert first.err.count("\n") == 1 and "draft" in first.err
    draft = first.store.get_draft("t")
    assert draft["step"] == "words" and draft["answers"] == {"feel": 3, "words": "line one\nline two"}

    second = drive(exercise, ["", "1"], store=first.store)  # Enter keeps the text
    assert second.code == 0
    assert "Picking up where you left off, at step 2." in second.out
    assert "Your answer so far:" in second.out
    (entry,) = second.store.entries()
    assert entry["answers"] == {"feel": 3, "words": "line one\nline two", "safe": "Yes"}
    assert entry["started_at"] == draft["started_at"]


def test_quit_in_any_case_stops_and_keeps_the_draft(make_exercise) -> None:
    exercise = make_exercise(EXERCISE)
    result = drive(exercise, ["4", " QUIT "])
    assert result.code == 0 and result.err == ""
    assert "Your answers are saved" in result.out
    assert result.store.get_draft("t")["answers"] == {"feel": 4}


def test_later_lines_of_a_text_are_never_taken_as_commands(make_exercise) -> None:
    exercise = make_exercise(EXERCISE)
    result = drive(exercise, ["4", "I wanted to", "quit", "back", "", "1"])
    assert result.code == 0
    assert result.store.entries()[0]["answers"]["words"] == "I wanted to\nquit\nback"


def test_safety_answer_shows_contacts_then_carries_on(make_exercise) -> None:
    exercise = make_exercise(EXERCISE)
    result = drive(exercise, ["2", "", "no"])
    assert result.code == 0
    out = result.out
    assert "you do not have to carry it alone" in out
    for needle in ("988", "116 123", "findahelpline.com", "last checked on"):
        assert needle in out
    assert out.index("988") < out.index("See you soon.")


def test_high_rating_offers_grounding_once_kindly(make_exercise) -> None:
    exercise = make_exercise(EXERCISE)
    result = drive(exercise, ["8", "", "1"], grounding_available=True)
    assert result.out.count("workbook do five-senses --plain") == 1
    plain = drive(exercise, ["6", "", "1"], grounding_available=True)
    assert "five-senses" not in plain.out


def test_a_failed_final_save_shows_everything_and_keeps_a_draft(make_exercise) -> None:
    exercise = make_exercise(EXERCISE)
    store = FullDisk()
    result = drive(exercise, ["3", "précieux 💬", "", "1"], store=store)
    assert result.code == 1
    assert "could not be saved" in result.err and result.err.count("\n") == 1
    assert "précieux 💬" in result.out  # shown, so it can still be copied somewhere
    draft = store.get_draft("t")
    assert draft["step"] == "safe" and draft["answers"]["safe"] == "Yes"


def test_failed_draft_saves_are_said_and_the_run_goes_on(make_exercise) -> None:
    exercise = make_exercise(EXERCISE)
    result = drive(exercise, ["3", "", "1"], store=FullDisk(fail_drafts=True))
    assert result.out.count("could not be saved just now") == 2
    assert result.code == 1  # and the final save fails too: everything is printed
    assert '"feel": 3' in result.out


def test_guest_mode_says_nothing_is_kept(make_exercise) -> None:
    exercise = make_exercise(EXERCISE)
    result = drive(exercise, ["3", "quit"], guest=True)
    assert "guest mode" in result.out
    assert "Your answers are saved" not in result.out


def test_info_markdown_is_read_as_plain_text(make_exercise) -> None:
    text = EXERCISE.replace("steps:\n", textwrap.dedent("""\
        steps:
          - id: hello
            type: info
            text: "## Before you start\\n\\nThis is **your** time."
        """))
    result = drive(make_exercise(text), ["quit"])
    assert "Before you start" in result.out and "This is your time." in result.out
    assert "##" not in result.out and "**" not in result.out


def test_stopping_before_any_answer_leaves_no_empty_draft(make_exercise) -> None:
    exercise = make_exercise(EXERCISE)
    quit_at_once = drive(exercise, ["quit"])
    assert quit_at_once.code == 0 and quit_at_once.store.drafts() == []
    assert "nothing to keep" in quit_at_once.out
    ended_at_once = drive(exercise, [])
    assert ended_at_once.code == 1 and ended_at_once.store.drafts() == []
    assert ended_at_once.err.count("\n") == 1
