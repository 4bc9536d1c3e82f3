"""Stored answers in words, for files people read (Markdown, spreadsheets)."""

from __future__ import annotations

from typing import Any


def duration(seconds: Any) -> str:
    try:
        minutes, secs = divmod(max(0, int(seconds or 0)), 60)
    except (TypeError, ValueError):
        return "some time"
    if minutes and secs:
        return f"{minutes} min {secs} s"
    if minutes:
        return f"{minutes} min"
    return f"{secs} s"


def timed_words(value: dict[str, Any]) -> str:
    spent = duration(value.get("seconds"))
    return f"Done ({spent})" if value.get("completed") else f"Stopped after {spent}"


def is_timed(value: Any) -> bool:
    return isinstance(value, dict) and "completed" in value


def scalar_words(value: Any) -> str:
    if value is None:
        return "(skipped)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if is_timed(value):
        return timed_words(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict):
        return "; ".join(f"{k}: {scalar_words(v)}" for k, v in value.items())
    return str(value)


def items_of(value: Any) -> list[str] | None:
    """The items of a list-like answer (multi-choice, list, checklist), else None."""
    if isinstance(value, (list, tuple)):
        return [scalar_words(item) for item in value]
    return None


def one_cell(value: Any) -> str:
    """An answer in one spreadsheet cell: items joined with "; "."""
    items = items_of(value)
    if items is not None:
        return "; ".join(items)
    return scalar_words(value) if value is not None else ""


def score_words(score: Any) -> str | None:
    """'12 (mild)' from a stored score, or None when there is none."""
    if not isinstance(score, dict) or score.get("total") is None:
        return None
    text = scalar_words(score["total"])
    if score.get("band"):
        text += f" ({score['band']})"
    return text


def ordered_steps(entry: dict[str, Any]) -> list[str]:
    """The entry's steps in the order it asked them: its own prompts first, then any other answers."""
    prompts = entry.get("prompts") if isinstance(entry.get("prompts"), dict) else {}
    answers = entry.get("answers") if isinstance(entry.get("answers"), dict) else {}
    return [key for key in prompts if key in answers] + [key for key in answers if key not in prompts]
