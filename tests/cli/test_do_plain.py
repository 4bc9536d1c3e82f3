"""`workbook do ID --plain`, driven through stdin of a real subprocess, with the real store."""

from __future__ import annotations

import time

from .conftest import EXPECTED_ANSWERS, FULL_RUN, Workbook, assert_one_plain_line


def test_every_step_type_completes_and_lands_in_the_export(wb: Workbook) -> None:
    result = wb.plain(FULL_RUN)

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert "Step 2 of 11" in out and "Step 11 of 11" in out
    assert "Thank you for trying this out." in out  # the exercise's own closing
    assert "Your total is 3" in out and "lower" in out and "not a diagnosis" in out

    (entry,) = wb.export()["entries"]
    assert entry["exercise_id"] == "all-steps"
    assert entry["answers"] == EXPECTED_ANSWERS
    assert entry["score"]["total"] == 3 and entry["score"]["band"] == "lower"
    assert entry["started_at"] and entry["finished_at"] and entry["id"]
    assert wb.draft() is None  # the finished exercise leaves no draft behind


def test_timers_do_not_sleep_when_the_input_is_piped(wb: Workbook) -> None:
    # The fixture holds a one-hour timer and twenty 19-second breaths.
    started = time.monotonic()
    result = wb.plain(FULL_RUN, timeout=90)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 90
    assert "At 30:00: Halfway there." in result.stdout
    assert "Breath 20 of 20" in result.stdout


def test_a_bad_answer_is_explained_and_asked_again(wb: Workbook) -> None:
    lines = ["eleven", "11", *FULL_RUN]
    result = wb.plain(lines)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.count("Please give a whole number from 0 to 10.") == 2
    assert out.count("How strong is the feeling?") == 3
    assert wb.export()["entries"][0]["answers"]["mood"] == 3


def test_choices_by_number_label_and_own_words(wb: Workbook) -> None:
    lines = list(FULL_RUN)
    lines[5] = "9"  # no option 9: asked again
    lines.insert(6, "outside")  # by label, any case
    lines[7] = "2, ANGRY, 1"  # multi-choice: number, label, number
    result = wb.plain(lines)
    assert result.returncode == 0, result.stderr
    assert "There is no number 9 here" in result.stdout
    answers = wb.export()["entries"][0]["answers"]
    assert answers["where"] == "Outside"
    assert answers["feelings"] == ["Angry", "Sad"]


def test_multi_line_text_is_kept_exactly(wb: Workbook) -> None:
    story = ["first line  ", "\t indented", "last ✨", ""]  # the empty line ends the text
    result = wb.plain(FULL_RUN[:2] + story + FULL_RUN[5:])
    assert result.returncode == 0, result.stderr
    assert wb.export()["entries"][0]["answers"]["story"] == "first line  \n\t indented\nlast ✨"


def test_input_ending_early_keeps_a_draft_and_the_next_run_resumes_there(wb: Workbook) -> None:
    first = wb.plain(FULL_RUN[:6])  # up to and including "where"; ends at the multi-choice

    assert first.returncode != 0
    assert_one_plain_line(first.stderr)
    assert "draft" in first.stderr
    draft = wb.draft()
    assert draft is not None and draft["step"] == "feelings"
    assert draft["answers"]["story"] == EXPECTED_ANSWERS["story"]

    second = wb.plain(FULL_RUN[6:])
    assert second.returncode == 0, second.stderr
    assert "Picking up where you left off, at step 6." in second.stdout
    assert "How strong is the feeling?" not in second.stdout
    (entry,) = wb.export()["entries"]
    assert entry["answers"] == EXPECTED_ANSWERS
    assert entry["started_at"] == draft["started_at"]


def test_input_ending_inside_a_multi_line_answer_keeps_what_was_typed(wb: Workbook) -> None:
    result = wb.plain(FULL_RUN[:3] + ["half a thought"])
    assert result.returncode != 0
    assert_one_plain_line(result.stderr)
    draft = wb.draft()
    assert draft["step"] == "story"
    assert draft["answers"]["story"] == "It started at breakfast.\nhalf a thought"


def test_back_returns_to_the_previous_answer(wb: Workbook) -> None:
    # At "story", go back to "name": it shows the earlier answer, and a new one replaces it.
    lines = ["3", "storm", "back", "gale", *FULL_RUN[2:]]
    result = wb.plain(lines)
    assert result.returncode == 0, result.stderr
    assert "Your answer so far: storm" in result.stdout
    assert wb.export()["entries"][0]["answers"]["name"] == "gale"


def test_back_then_enter_keeps_the_earlier_answer(wb: Workbook) -> None:
    result = wb.plain(["3", "storm", "back", "back", "", "", *FULL_RUN[2:]])
    assert result.returncode == 0, result.stderr
    assert wb.export()["entries"][0]["answers"] == EXPECTED_ANSWERS


def test_back_at_the_first_question_says_so_kindly(wb: Workbook) -> None:
    result = wb.plain(["back", *FULL_RUN])
    assert result.returncode == 0, result.stderr
    assert "There is no earlier answer to go back to" in result.stdout


def test_quit_saves_a_draft_and_says_so(wb: Workbook) -> None:
    result = wb.plain(["3", "storm", "quit"])
    assert result.returncode == 0, result.stderr
    assert "Your answers are saved" in result.stdout
    draft = wb.draft()
    assert draft["step"] == "story" and draft["answers"] == {"mood": 3, "name": "storm"}
    assert wb.export()["entries"] == []

    again = wb.plain(["q"])
    assert again.returncode == 0
    assert "Picking up where you left off, at step 4." in again.stdout


def test_a_safety_answer_shows_crisis_contacts_at_once(wb: Workbook) -> None:
    lines = list(FULL_RUN)
    lines[-1] = "2"  # "Not sure"
    result = wb.plain(lines)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    crisis_at = out.index("988")
    assert out.index("Are you safe right now?") < crisis_at < out.index("You reached the end.")
    assert "findahelpline.com" in out


def test_crisis_contacts_are_one_word_away(wb: Workbook) -> None:
    result = wb.plain(["crisis", *FULL_RUN])
    assert result.returncode == 0, result.stderr
    assert result.stdout.index("988") < result.stdout.index("One word for it?")
    assert wb.export()["entries"][0]["answers"]["mood"] == 3


def test_a_high_rating_gently_offers_grounding(wb: Workbook) -> None:
    lines = list(FULL_RUN)
    lines[0] = "9"
    result = wb.plain(lines)
    assert result.returncode == 0, result.stderr
    assert "grounding" in result.stdout
    assert "988" not in result.stdout  # an offer, not an alarm


def test_unknown_exercise_is_one_plain_sentence(wb: Workbook) -> None:
    result = wb.run("do", "no-such-thing", "--plain")
    assert result.returncode == 1
    assert result.stderr.strip() == "There is no exercise called 'no-such-thing'. Run `workbook list` to see them all."


def test_guest_mode_writes_nothing(wb: Workbook) -> None:
    wb.data_dir.mkdir()
    result = wb.plain(FULL_RUN, "--guest")
    assert result.returncode == 0, result.stderr
    assert "guest mode" in result.stdout
    quit_early = wb.plain(["3", "quit"], "--guest")
    assert quit_early.returncode == 0
    ended = wb.plain(["3"], "--guest")
    assert ended.returncode != 0
    assert list(wb.data_dir.rglob("*")) == []


def test_the_full_screen_needs_a_terminal(wb: Workbook) -> None:
    result = wb.run("do", "all-steps", "--exercises", str(wb.exercises))
    assert result.returncode != 0
    assert_one_plain_line(result.stderr)
    assert "--plain" in result.stderr


def test_an_exercise_whose_file_is_broken_says_why(wb: Workbook) -> None:
    (wb.exercises / "half-done.yaml").write_text("id: half-done\ntitle: Half\n", encoding="utf-8")
    result = wb.run("do", "half-done", "--plain", "--exercises", str(wb.exercises))
    assert result.returncode == 1
    assert_one_plain_line(result.stderr)
    assert "half-done.yaml" in result.stderr and "workbook validate" in result.stderr


def test_an_empty_profile_name_is_a_usage_mistake(wb: Workbook) -> None:
    result = wb.run("export", "--profile", " ")
    assert result.returncode == 2
    assert_one_plain_line(result.stderr)
