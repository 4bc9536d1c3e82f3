"""What a journal entry says, read the same way by the search, the patterns and the history.

Entries are self-contained records (see engine.Run.record). The journaling exercises
share step ids on purpose, so entries made with different exercises (the trigger
journal, "log it now", the thought record, and older versions of each) can be read
together:

- trigger: what set it off (text)
- feelings: the feelings picked (a list); feeling: one main feeling (thought record);
  feeling_other: a feeling in the person's own words
- intensity 0-10, and intensity_after 0-10 ("how strong now", at the end);
  feeling_strength / feeling_strength_after 0-100 in the thought record, read as tenths
- coping: what the person tried (a list, with their own words)
- tags: free tags; entry["tags"] (a list) together with the "tags" answer, typed as
  words separated by commas

Nothing here changes an entry; every reader takes any dict and tolerates anything in it.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

# (answer key, top of its scale): read on a 0-10 scale.
INTENSITY_BEFORE = (("intensity", 10), ("feeling_strength", 100))
INTENSITY_AFTER = (("intensity_after", 10), ("feeling_strength_after", 100))

_TAG_SPLIT = re.compile(r"[,;\n]")


def answers_of(entry: dict[str, Any]) -> dict[str, Any]:
    answers = entry.get("answers")
    return answers if isinstance(answers, dict) else {}


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, str)]
    return []


def _unique(words: list[str]) -> list[str]:
    """Each word once, ignoring case; the first spelling wins."""
    seen: set[str] = set()
    kept = []
    for word in words:
        key = word.casefold()
        if key not in seen:
            seen.add(key)
            kept.append(word)
    return kept


def tidy(text: str) -> str:
    """One line, single spaces, no trailing full stop: how a phrase is counted and shown."""
    return " ".join(text.split()).rstrip(".!?,;: ")


def emotions_of(entry: dict[str, Any]) -> list[str]:
    answers = answers_of(entry)
    found = [*_strings(answers.get("feelings")), *_strings(answers.get("feeling")),
             *_strings(answers.get("feeling_other"))]
    return _unique([tidy(word) for word in found if tidy(word)])


def parse_tags(text: str) -> list[str]:
    """ "work, family;  #evening" -> ["work", "family", "evening"]."""
    tags = [tidy(part).lstrip("#").strip() for part in _TAG_SPLIT.split(text)]
    return _unique([tag for tag in tags if tag])


def tags_of(entry: dict[str, Any]) -> list[str]:
    listed = [tidy(t).lstrip("#").strip() for t in _strings(entry.get("tags"))]
    typed = parse_tags(answers_of(entry).get("tags") or "") if isinstance(answers_of(entry).get("tags"), str) else []
    return _unique([t for t in listed if t] + typed)


def _tenths(answers: dict[str, Any], keys: tuple[tuple[str, int], ...]) -> float | None:
    for key, top in keys:
        value = answers.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= top:
            return value * 10 / top
    return None


def intensity_of(entry: dict[str, Any]) -> float | None:
    """How strong it was, 0-10; None when the entry does not say."""
    return _tenths(answers_of(entry), INTENSITY_BEFORE)


def intensity_after_of(entry: dict[str, Any]) -> float | None:
    """How strong it was afterwards, 0-10; None when the entry does not say."""
    return _tenths(answers_of(entry), INTENSITY_AFTER)


def trigger_of(entry: dict[str, Any]) -> str:
    value = answers_of(entry).get("trigger")
    return tidy(value) if isinstance(value, str) else ""


def coping_of(entry: dict[str, Any]) -> list[str]:
    return _unique([tidy(c) for c in _strings(answers_of(entry).get("coping")) if tidy(c)])


def moment_of(entry: dict[str, Any]) -> datetime | None:
    """When it happened, on the clock the person had then: started_at, else finished_at.

    An entry completed later ("log it now", then "add the rest") keeps its first moment.
    """
    for field in ("started_at", "finished_at"):
        value = entry.get(field)
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(value)
            except ValueError:
                continue
    return None


def is_moment(entry: dict[str, Any]) -> bool:
    """Whether an entry records a hard moment: it names a trigger, a feeling or an intensity."""
    return bool(trigger_of(entry) or emotions_of(entry) or intensity_of(entry) is not None)
