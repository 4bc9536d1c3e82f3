"""Shared helpers for the command-line tests: real subprocesses, real files under tmp_path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Uses every step type. Step order (all visible): welcome(info) mood(scale) name(text)
# story(multi-line text) where(choice) feelings(multi-choice) see(list) care(checklist)
# wait(timer, one hour) breathe(breathing) safe(choice, safety).
ALL_STEPS_YAML = """\
id: all-steps
title: Every kind of step
category: check-in
summary: A practice exercise that uses every kind of step.
minutes: 3
intro: A short practice run.
closing: Thank you for trying this out.
scoring:
  method: sum
  bands:
    - {min: 0, max: 4, label: lower}
    - {min: 5, max: 20, label: higher, note: Only a number.}
steps:
  - id: welcome
    type: info
    text: "# Hello\\nThis is where it starts."
  - id: mood
    type: scale
    prompt: How strong is the feeling?
    min: 0
    max: 10
    min_label: calm
    max_label: very strong
    scored: true
    offer_grounding_at: 8
  - id: name
    type: text
    prompt: One word for it?
  - id: story
    type: text
    prompt: Tell me more about it.
    multiline: true
    help: Take your time.
  - id: where
    type: choice
    prompt: Where were you?
    options: [Home, Work, Outside]
    allow_other: true
  - id: feelings
    type: multi-choice
    prompt: Which feelings came up?
    options: [Sad, Angry, Scared]
    allow_other: true
  - id: see
    type: list
    prompt: Name three things you can see.
    count: 3
    item_label: Something you see
  - id: care
    type: checklist
    prompt: What did you manage today?
    items: [Ate, Slept, Walked]
  - id: wait
    type: timer
    seconds: 3600
    cues:
      - {at: 0, text: Settle in.}
      - {at: 1800, text: Halfway there.}
  - id: breathe
    type: breathing
    pattern: 4-7-8
    cycles: 20
  - id: safe
    type: choice
    prompt: Are you safe right now?
    options:
      - {label: "Yes", value: 0}
      - {label: "Not sure", value: 1}
    safety: true
    scored: true
"""

# One line per prompt for ALL_STEPS_YAML, answering everything (info/timer/breathing take none).
FULL_RUN = [
    "3",  # mood
    "storm",  # name
    "It started at breakfast.",  # story, line 1
    "  Then it got [bold]louder[/bold].",  # story, line 2
    "",  # ends the story
    "2",  # where: Work, by number
    "sad, 3, a bit lonely",  # feelings: by label, by number, own words
    "the window",  # see 1
    "a cup",  # see 2
    "",  # see ends early
    "1,3",  # care: Ate, Walked
    "Yes",  # safe, by label
]

EXPECTED_ANSWERS = {
    "mood": 3,
    "name": "storm",
    "story": "It started at breakfast.\n  Then it got [bold]louder[/bold].",
    "where": "Work",
    "feelings": ["Sad", "Scared", "a bit lonely"],
    "see": ["the window", "a cup"],
    "care": ["Ate", "Walked"],
    "wait": {"completed": True, "seconds": 3600},
    "breathe": {"completed": True, "seconds": 380},
    "safe": "Yes",
}


class Workbook:
    """Runs `python -m workbook` in a subprocess with its data under tmp_path."""

    def __init__(self, tmp_path: Path) -> None:
        self.data_dir = tmp_path / "data"
        self.exercises = tmp_path / "exercises"
        self.exercises.mkdir()
        (self.exercises / "all-steps.yaml").write_text(ALL_STEPS_YAML, encoding="utf-8")
        self.env = {
            **os.environ,
            "WORKBOOK_DATA_DIR": str(self.data_dir),
            "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
            "PYTHONUTF8": "1",
        }

    def run(self, *args: str, input: str | None = None, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "workbook", *args],
            input=input if input is not None else "",
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**self.env, **env},
            cwd=ROOT,
            timeout=timeout,
        )

    def plain(self, lines: list[str], *args: str, end: bool = True, **kwargs: Any) -> subprocess.CompletedProcess:
        """`do all-steps --plain` fed these lines (the input simply ends after the last one)."""
        text = "\n".join(lines) + ("\n" if lines and end else "")
        return self.run("do", "all-steps", "--plain", "--exercises", str(self.exercises), *args, input=text, **kwargs)

    def export(self, *args: str) -> dict[str, Any]:
        result = self.run("export", "--format", "json", *args)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    def draft(self, exercise_id: str = "all-steps") -> dict[str, Any] | None:
        """The saved draft, read back through the real on-disk store (its lock is released after)."""
        from workbook.store.profile import open_store

        store = open_store(self.data_dir)
        try:
            return store.get_draft(exercise_id)
        finally:
            store.close()


@pytest.fixture
def wb(tmp_path: Path) -> Workbook:
    return Workbook(tmp_path)


def assert_one_plain_line(stderr: str) -> None:
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
