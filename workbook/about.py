"""Plain words on what the workbook is and is not, shown on first run and in help.

One text, kept here (no Textual), so the first-run screen, the help screen and the
command line all say the same thing. It names no one's condition and promises nothing.
"""

from __future__ import annotations

WHAT_IT_IS = (
    "This workbook walks you through exercises you can do on your own: journaling about "
    "what set off a hard moment, grounding yourself when feelings run high, setting small "
    "goals, checking in on your week, and looking back on how things went. What you write "
    "stays on this computer."
)

WHAT_IT_IS_NOT = (
    "It is a place to practise, not a diagnosis. A score or a chart is information for you "
    "(and your therapist, if you choose to share it), never a label. It does not replace "
    "your therapist, doctor or group."
)

NOT_FOR_EMERGENCIES = (
    "It is not an emergency service, and nobody watches it: it cannot call for help for you. "
    "If you are in danger, or might act on thoughts of harming yourself or someone else, "
    "contact emergency services or a crisis line now. Press F2 on any screen to see the "
    "numbers, and your own safety plan if you have written one."
)

WHO_ELSE = (
    "For anything that worries you between sessions, talk to your therapist, your doctor, "
    "or the person who runs your group."
)

PARAGRAPHS: tuple[str, ...] = (WHAT_IT_IS, WHAT_IT_IS_NOT, NOT_FOR_EMERGENCIES, WHO_ELSE)

ABOUT = "\n\n".join(PARAGRAPHS)


def about_text() -> str:
    """The whole text, paragraphs separated by a blank line (for help, first run, or a terminal)."""
    return ABOUT
