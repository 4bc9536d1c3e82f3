"""One problem found in an exercise file, printed as `path:line: field: message`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Characters that would break a problem over several lines, or make a terminal show it
# differently from what the file says: control characters, YAML's other line breaks
# (NEL, U+2028, U+2029), bidi overrides and isolates (a "Trojan Source" id), zero-width
# characters (an id that looks right but is not) and a stray BOM.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# A last guard: every place that quotes the file's own words shortens them already.
MAX_MESSAGE = 1_000
MAX_FIELD = 120


def one_line(text: str) -> str:
    """`text` with every unshowable character written as an escape such as \\n or \\u202e."""
    return _UNSHOWABLE.sub(lambda m: _NAMED.get(m.group(), f"\\u{ord(m.group()):04x}"), text)


def shown(value: object, limit: int = 40) -> str:
    """Words from the file, quoted in a message: on one line and at most about `limit` long
    (a hostile file may hold a 100,000-character key or a newline inside an id)."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 3] + "…"
    return one_line(text)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        field = _cut(one_line(self.field), MAX_FIELD) if self.field else "-"
        return f"{one_line(str(self.path))}:{self.line or 1}: {field}: {_cut(one_line(self.message), MAX_MESSAGE)}"
