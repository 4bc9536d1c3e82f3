"""Plain mode runs every grounding exercise; it says the change in distress plainly,
offers people to contact when it is still high, and keeps time from the start."""

from __future__ import annotations

import io

import pytest

from workbook.content.catalog import load_catalog
from workbook.crisis import Contact
from workbook.plain import run_plain
from workbook.plain import timed as timed_module
from workbook.store.memory import MemoryStore


CATALOG = load_catalog()
GROUNDING = sorted(e.id for e in CATALOG.by_category()["grounding"])


class Responder(io.TextIOBase):
    """Answers a prompt it recognises (by a phrase in what was just printed); Enter otherwise."""

    def __init__(self, output: io.StringIO, answers: dict[str, str]) -> None:
        self.output, self.answers = output, answers
        self.read_up_to = 0
        self.reads = 0

    def readable(self) -> bool:
        return True

    def readline(self, size: int = -1) -> str:
        self.reads += 1
        if self.reads > 300:
            return ""  # the input ends: never loop for ever
        printed = self.output.getvalue()
        fresh, self.read_up_to = printed[self.read_up_to:], len(printed)
        for phrase, answer in self.answers.items():
            if phrase in fresh:
                return answer + "\n"
        return "\n"


def run_with_ratings(exercise_id: str, before: int | str, after: int | str, **kwargs):
    store = MemoryStore("test")
    output, errors = io.StringIO(), io.StringIO()
    answers = {"Before you start, how distressed": str(before), "And now, how distressed": str(after)}

    def never_sleep(seconds: float) -> None:
        raise AssertionError("slept while the input is piped")

    code = run_plain(CATALOG.get(exercise_id), store, Responder(output, answers), output, errors=errors,
                     sleep=never_sleep, **kwargs)
    return code, output.getvalue(), store


@pytest.mark.parametrize("exercise_id", GROUNDING)
def test_each_grounding_exercise_runs_and_keeps_before_and_after(exercise_id):
    code, out, store = run_with_ratings(exercise_id, 7, 3)
    assert code == 0, out
    (entry,) = store.entries()
    assert entry["category"] == "grounding"
    assert (entry["answers"]["distress_before"], entry["answers"]["distress_after"]) == (7, 3)
    assert "Distress before: 7, after: 3. That is 4 points lower than when you started." in out
    assert "still very hard" not in out


def test_still_high_at_the_end_lists_people_to_contact():
    site = [Contact("Town crisis team", "Call 555 0100", "Nights too.", "2026-01-05")]
    code, out, _ = run_with_ratings("orienting", 6, 9, contacts=site)
    assert code == 0
    assert "Distress before: 6, after: 9. That is 3 points higher than when you started." in out
    assert "still very hard" in out and "Town crisis team: Call 555 0100. Nights too." in out
    assert "`workbook grounding` lists them" in out


def test_a_skipped_rating_is_fine():
    code, out, store = run_with_ratings("box-breathing", 6, "")
    assert code == 0
    assert "Distress before: 6. You skipped the rating at the end, and that is fine." in out
    assert "distress_after" not in store.entries()[0]["answers"]
    _, out, _ = run_with_ratings("box-breathing", 4, 4)
    assert "The same as when you started. Some feelings take longer to ease, and that is all right." in out


def test_printing_time_is_taken_out_of_the_wait_not_added_to_it(monkeypatch, make_exercise):
    """On a real terminal each line takes a moment to print; the breaths still end on time."""
    exercise = make_exercise("""\
id: t
title: Test
category: grounding
summary: A test.
minutes: 1
steps:
  - id: breathe
    type: breathing
    pattern: 4-4
    cycles: 2
""")
    now = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(round(seconds, 6))
        now[0] += seconds

    class SlowOutput(io.StringIO):
        def write(self, text: str) -> int:
            now[0] += 0.1  # a slow terminal
            return super().write(text)

    # The console's sleep counts as the real one, so the schedule follows the (pretend) clock.
    monkeypatch.setattr(timed_module.time, "sleep", sleep)
    monkeypatch.setattr(timed_module.time, "monotonic", lambda: now[0])
    output = SlowOutput()
    code = run_plain(exercise, MemoryStore("test"), io.StringIO("\n"), output, paced=True, sleep=sleep)
    assert code == 0
    assert waits == [3.8, 3.9, 3.8, 3.9]  # each wait is shortened by the printing before it
    assert output.getvalue().count("Breathe in, 4.") == 2
