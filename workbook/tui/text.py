"""Turning words into something safe to show.

Everything a person wrote (and everything an exercise author wrote) is shown as
literal text: `[bold]` in a journal entry stays `[bold]`. Control characters are
replaced so a pasted escape sequence cannot move the cursor or change colours.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from textual.content import Content

# C0 and C1 controls except newline and tab, plus DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """The text with line endings made plain and control characters made visible."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text).replace("\t", "    ")


def literal(text: str, style: str = "") -> Content:
    """Content that shows `text` exactly, never as markup."""
    content = Content(clean(text))
    return content.stylize(style) if style else content


def one_line(text: str, width: int = 60) -> str:
    """A single-line preview, shortened with an ellipsis."""
    flat = " ".join(clean(text).split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def answer_text(value: Any) -> str:
    """Any stored answer, in words, for previews and the entry detail."""
    if value is None:
        return "(skipped)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict) and "completed" in value:
        seconds = int(value.get("seconds") or 0)
        spent = duration(seconds)
        return f"Done ({spent})" if value.get("completed") else f"Stopped after {spent}"
    if isinstance(value, (list, tuple)):
        return "\n".join(f"• {answer_text(item)}" for item in value) or "(nothing)"
    return str(value)


def duration(seconds: int) -> str:
    minutes, secs = divmod(max(0, int(seconds)), 60)
    if minutes and secs:
        return f"{minutes} min {secs} s"
    if minutes:
        return f"{minutes} min"
    return f"{secs} s"


def when(iso: str | None) -> str:
    """'2026-03-04 14:05' from an ISO time; the raw text if it does not parse."""
    if not iso:
        return "—"
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return one_line(str(iso), 20)
