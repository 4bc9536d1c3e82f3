"""The kind words plain mode says at the moments that matter: crisis, a hard rating, the end."""

from __future__ import annotations

from workbook.content.models import Exercise
from workbook.crisis import Contact, crisis_contacts
from workbook.engine.scoring import Score

GROUNDING_ID = "five-senses"


def crisis_lines(contacts: list[Contact] | None = None, asked: bool = False) -> list[str]:
    """The crisis contacts: `asked` when the person typed crisis, else an answer crossed a safety line."""
    contacts = crisis_contacts() if contacts is None else contacts
    if asked:
        lines = ["", "Here are people you can reach right now, any time you need them:"]
    else:
        lines = [
            "",
            "What you just shared matters, and you do not have to carry it alone.",
            "If you might be in danger, or it all feels like too much, please reach out now:",
        ]
    dates = {c.last_checked for c in contacts if c.last_checked}
    for contact in contacts:
        line = f"  - {contact.name}: {contact.how}"
        if contact.note:
            line += f". {contact.note}"
        if contact.last_checked and len(dates) > 1:
            line += f" (checked {contact.last_checked})"
        lines.append(line)
    if len(dates) == 1:
        lines.append(f"These contacts were last checked on {dates.pop()}.")
    lines.append("You can type crisis at any prompt to see these again. We can carry on whenever you are ready.")
    return lines


def grounding_lines(exercise: Exercise, grounding_available: bool) -> list[str]:
    lines = ["", "That sounds like a lot right now. It is fine to pause and take a few slow breaths."]
    if grounding_available and exercise.id != GROUNDING_ID:
        lines.append(
            f"If it would help, a grounding exercise is here for you: workbook do {GROUNDING_ID} --plain"
        )
    lines.append("You can also type quit to stop for now; your answers stay where they are.")
    return lines


def score_lines(exercise: Exercise, score: Score | None) -> list[str]:
    if exercise.scoring is None:
        return []
    if score is None:
        return ["There were not enough answers to work out a total this time, and that is all right."]
    total = int(score.total) if float(score.total).is_integer() else score.total
    line = f"Your total is {total}"
    line += f", in the range this exercise calls “{score.band.label}”." if score.band else "."
    lines = [line]
    if score.prorated:
        lines.append("A few answers were left out, so the total is worked out from the ones you gave.")
    if score.band and score.band.note:
        lines.append(score.band.note)
    if exercise.scoring.note:
        lines.append(exercise.scoring.note)
    lines.append("This is information for you, and for your therapist if you like; it is not a diagnosis.")
    return lines


def closing_lines(exercise: Exercise, guest: bool) -> list[str]:
    lines = ["", "You reached the end. Thank you for taking this time for yourself."]
    if exercise.closing:
        lines.append(exercise.closing.strip())
    if guest:
        lines.append("This is guest mode, so nothing is kept once this window closes.")
    else:
        lines.append("What you wrote is saved.")
    return lines
