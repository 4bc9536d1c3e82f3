"""Builds a realistic profile for the benchmarks: N entries spread over about three years."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

from workbook.store.profile import open_store

_WORDS = (
    "work meeting phone call sister argument tired morning evening bus shop noise memory "
    "craving tight chest shaky breathing walked outside texted friend music tea shower "
    "felt calmer still tense slept early journal wrote breathed counted noticed window"
).split()
_FEELINGS = ["anxious", "sad", "angry", "ashamed", "lonely", "overwhelmed", "numb", "hopeful"]
_EXERCISES = [
    ("trigger-journal", "Trigger journal", "journaling"),
    ("five-senses", "5-4-3-2-1 senses", "grounding"),
    ("weekly-reflection", "Weekly reflection", "reflection"),
    ("smart-goal", "A goal you can measure", "goals"),
]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize() + "."


def make_entry(rng: random.Random, when: datetime) -> dict:
    exercise_id, title, category = rng.choice(_EXERCISES)
    answers = {
        "situation": _sentence(rng, 25),
        "trigger": _sentence(rng, 12),
        "feelings": rng.sample(_FEELINGS, 2),
        "intensity": rng.randint(0, 10),
        "thoughts": _sentence(rng, 40),
        "actions": _sentence(rng, 30),
        "outcome": _sentence(rng, 20),
    }
    return {
        "exercise_id": exercise_id,
        "exercise_version": 1,
        "exercise_title": title,
        "category": category,
        "started_at": (when - timedelta(minutes=9)).isoformat(timespec="seconds"),
        "finished_at": when.isoformat(timespec="seconds"),
        "answers": answers,
        "prompts": {key: f"Prompt for {key}" for key in answers},
        "step_types": {key: "text" for key in answers},
        "score": None,
        "tags": [],
        "private": False,
    }


def build_profile(
    data_dir: Path, count: int, seed: int = 7, profile: str = "default", passphrase: str | None = None
) -> None:
    """`count` entries ending today, about nine a day, written one month file at a time.

    With a passphrase the profile is created encrypted (the same entries for the same seed)."""
    rng = random.Random(seed)
    now = datetime.now(timezone.utc).replace(microsecond=0)
    span = timedelta(days=max(30, count // 9))
    moments = sorted(now - span * rng.random() for _ in range(count))
    with open_store(data_dir, profile, passphrase) as store:
        store.import_entries([make_entry(rng, moment) for moment in moments])
