"""Entries made by the real engine for an exercise with every step type, with Unicode,
markup-looking text, long answers, private entries, tags, scores, and an older version."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from workbook.content.catalog import load_catalog
from workbook.content.models import (
    BreathingStep, ChecklistStep, ChoiceStep, InfoStep, ListStep, MultiChoiceStep, ScaleStep, TextStep, TimerStep,
)
from workbook.engine import Run

EVERY_STEP_YAML = """\
id: every-step
title: Every kind of step
category: check-in
summary: Uses each kind of step once.
minutes: 3
version: 2
scoring:
  method: sum
  bands:
    - {min: 0, max: 4, label: lower}
    - {min: 5, max: 30, label: higher}
steps:
  - id: welcome
    type: info
    text: "Hello."
  - id: feeling
    type: scale
    prompt: How strong is the feeling?
    min: 0
    max: 10
    scored: true
  - id: what
    type: text
    prompt: What happened?
  - id: story
    type: text
    prompt: Say more, if you like.
    multiline: true
  - id: where
    type: choice
    prompt: Where were you?
    options: [Home, Work]
    allow_other: true
  - id: mood
    type: choice
    prompt: Which fits best?
    options:
      - {label: Fine, value: 0}
      - {label: Rough, value: 3}
    scored: true
  - id: body
    type: multi-choice
    prompt: What did you notice in your body?
    options: [Tight chest, Fast heart]
    allow_other: true
  - id: see
    type: list
    prompt: Name three things you can see.
    count: 3
  - id: care
    type: checklist
    prompt: What have you done today?
    items: [Water, Food, Fresh air]
  - id: pause
    type: timer
    prompt: Sit quietly.
    seconds: 60
  - id: breathe
    type: breathing
    prompt: Breathe with the bar.
    pattern: "4-4"
    cycles: 3
"""

TRICKY = [
    "Felt 😶‍🌫️ then 💪🏽",
    "שלום, مرحبا بك — 你好",
    "[bold]not bold[/bold] *nor* _this_ # nor a heading",
    "=SUM(A1:A9) and -5 and @someone",
    "line one\n\n# line three\n> quoted? no",
    "Zoë’s café ☕ naïve façade",
]


def exercise(tmp_path: Path, version: int = 2, prompt: str = "What happened?") -> Any:
    folder = tmp_path / f"exercises-v{version}"
    folder.mkdir(exist_ok=True)
    text = EVERY_STEP_YAML.replace("version: 2", f"version: {version}").replace("What happened?", prompt)
    (folder / "every-step.yaml").write_text(text, encoding="utf-8")
    catalog = load_catalog([folder], include_builtin=False)
    assert not catalog.problems, catalog.problems
    return catalog.exercises["every-step"]


def _value(step: Any, rng: random.Random, i: int) -> Any:
    if isinstance(step, ScaleStep):
        return rng.randint(step.min, step.max)
    if isinstance(step, TextStep):
        if i % 7 == 3:
            return "long " + "words that go on and on " * 2000  # about 50 KB
        text = TRICKY[i % len(TRICKY)] + f" #{i}"
        return text if step.multiline else " ".join(text.split("\n"))
    if isinstance(step, MultiChoiceStep):
        return ["Tight chest", f"other {TRICKY[i % len(TRICKY)][:12]}"]
    if isinstance(step, ChoiceStep):
        return step.options[i % len(step.options)].label
    if isinstance(step, ListStep):
        return [f"thing {k} {TRICKY[(i + k) % len(TRICKY)][:8]}" for k in range(1 + i % 3)]
    if isinstance(step, ChecklistStep):
        return ["Water", "Fresh air"][: 1 + i % 2]
    if isinstance(step, (TimerStep, BreathingStep)):
        return {"completed": i % 2 == 0, "seconds": 30 + i}
    return None


def make_entries(ex: Any, count: int, seed: int = 1, start: datetime | None = None) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    start = start or datetime(2026, 1, 1, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    entries = []
    for i in range(count):
        moment = start + timedelta(hours=13 * i)
        run = Run(ex, started_at=(moment - timedelta(minutes=5)).isoformat(timespec="seconds"))
        while run.current is not None:
            step = run.current
            if not isinstance(step, InfoStep) and i % 11 != 5:  # now and then, everything skipped
                run.answer(_value(step, rng, i))
            run.next()
        record = run.record(finished_at=moment.isoformat(timespec="seconds"))
        record["private"] = i % 4 == 1
        record["tags"] = ["évening", "work"] if i % 3 == 0 else []
        entries.append(record)
    return entries
