"""Shared pieces for the TUI tests: a real on-disk store, a fixture exercise using every
step type, and helpers that fill in whatever step is on screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest

from workbook.content.catalog import Catalog, load_catalog
from workbook.store.profile import open_store

ALL_STEPS_YAML = """\
id: all-steps
title: Every kind of step
category: check-in
summary: A practice exercise that uses each kind of step once.
minutes: 3
intro: A short *practice* run.
closing: Thanks for **practising**.
scoring:
  bands:
    - {min: 0, max: 4, label: low}
    - {min: 5, max: 20, label: higher}
steps:
  - id: welcome
    type: info
    text: "Take your **time**. [not markup]"
  - id: feeling
    type: scale
    prompt: How strong is the feeling?
    min: 0
    max: 10
    min_label: calm
    max_label: very strong
    scored: true
    offer_grounding_at: 9
  - id: what
    type: text
    prompt: What happened?
    help: A few words are plenty.
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
    item_label: something you can see
  - id: care
    type: checklist
    prompt: What have you done today?
    items: [Water, Food, Fresh air]
  - id: pause
    type: timer
    prompt: Sit quietly for a moment.
    seconds: 1
    cues:
      - {at: 0, text: Notice your feet on the floor.}
  - id: breathe
    type: breathing
    prompt: Breathe with the bar.
    pattern: "1-1"
    cycles: 1
  - id: unsafe
    type: choice
    prompt: Are you thinking of hurting yourself right now?
    options:
      - {label: "No", value: 0}
      - {label: "Yes", value: 1}
    safety: true
"""

SHORT_YAML = """\
id: short-one
title: A short one
category: journaling
summary: Two quick steps.
minutes: 1
steps:
  - id: first
    type: text
    prompt: First thought?
  - id: second
    type: text
    prompt: Second thought?
    multiline: true
  - id: third
    type: scale
    prompt: How are you now?
    min: 0
    max: 10
"""

CALM_GROUNDING_YAML = """\
id: calm-feet
title: Feet on the floor
category: grounding
summary: Feel your feet.
minutes: 1
steps:
  - id: feet
    type: text
    prompt: What do your feet feel?
"""


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def fixture_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "exercises"
    folder.mkdir()
    (folder / "all-steps.yaml").write_text(ALL_STEPS_YAML, encoding="utf-8")
    (folder / "short.yaml").write_text(SHORT_YAML, encoding="utf-8")
    (folder / "calm-feet.yaml").write_text(CALM_GROUNDING_YAML, encoding="utf-8")
    return folder


@pytest.fixture
def fixture_catalog(fixture_dir: Path) -> Catalog:
    catalog = load_catalog([fixture_dir], include_builtin=False)
    assert not catalog.problems, catalog.problems
    return catalog


@pytest.fixture
def store_factory(data_dir: Path) -> Iterator[Any]:
    """Opens the profile on disk; each call closes the previous one first (a "restart")."""
    opened: list[Any] = []

    def open_again(profile: str = "default") -> Any:
        for store in opened:
            store.close()
        store = open_store(data_dir, profile)
        opened.append(store)
        return store

    yield open_again
    for store in opened:
        store.close()

