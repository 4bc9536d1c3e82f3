"""What plain mode says at the end of a grounding exercise: distress before and after,
in neutral words, and, when it is still high, the people who can be reached now."""

from __future__ import annotations

from typing import Any

from workbook.content.models import Exercise
from workbook.crisis import Contact, crisis_contacts
from workbook.insights.grounding import CATEGORY, change_words, distress_pair, still_high


def distress_lines(answers: dict[str, Any]) -> list[str]:
    before, after = distress_pair({"answers": answers})
    if before is None and after is None:
        return []
    if after is None:
        return ["", f"Distress before: {before}. You skipped the rating at the end, and that is fine."]
    if before is None:
        return ["", f"Distress now: {after}. You skipped the rating at the start, and that is fine."]
    change = change_words(before, after)
    if after < before:
        said = f"That is {change} than when you started."
    elif after > before:
        said = f"That is {change} than when you started. Turning towards a feeling can stir it up for a while."
    else:
        said = "The same as when you started. Some feelings take longer to ease, and that is all right."
    return ["", f"Distress before: {before}, after: {after}. {said}", "These numbers are just for you."]


def still_high_lines(contacts: list[Contact] | None = None) -> list[str]:
    lines = [
        "",
        "It sounds like things are still very hard right now. You don't have to handle this on your own.",
        "If you would like to talk to someone, these people can help right now:",
    ]
    for contact in crisis_contacts() if contacts is None else contacts:
        line = f"  - {contact.name}: {contact.how}"
        if contact.note:
            line += f". {contact.note}"
        lines.append(line)
    lines.append("Another grounding exercise may help too: `workbook grounding` lists them.")
    return lines


def grounding_end_lines(exercise: Exercise, answers: dict[str, Any], contacts: list[Contact] | None = None) -> list[str]:
    """Lines for the end of any exercise; empty unless it measured distress."""
    lines = distress_lines(answers)
    if exercise.category == CATEGORY and still_high(*distress_pair({"answers": answers})):
        lines += still_high_lines(contacts)
    return lines
