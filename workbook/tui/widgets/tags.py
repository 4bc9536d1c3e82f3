"""Typing tags, with the person's earlier tags suggested as they type.

Tags are written as words separated by commas ("work, family"). While the last word is
being typed, the first earlier tag that starts with it is shown greyed after the cursor;
→ (or End) accepts it. Tags already in the field are not suggested again.
"""

from __future__ import annotations

from typing import Iterable

from textual.suggester import Suggester
from textual.widgets import Input

from workbook.insights.fields import parse_tags


class TagSuggester(Suggester):
    """Completes the tag being typed (the text after the last comma) from known tags."""

    def __init__(self, known: Iterable[str]) -> None:
        # Case is handled here, so the words already typed keep the case they were typed in.
        super().__init__(use_cache=False, case_sensitive=True)
        self.known = list(dict.fromkeys(t for t in known if t.strip()))

    async def get_suggestion(self, value: str) -> str | None:
        return suggest_tag(value, self.known)


def suggest_tag(value: str, known: list[str]) -> str | None:
    """The whole field with the last tag completed, or None.

    >>> suggest_tag("work, fa", ["family", "Work"])
    'work, family'
    """
    head, _, part = value.rpartition(",")
    typed = part.lstrip()
    if not typed.strip():
        return None
    taken = {t.casefold() for t in parse_tags(head)}
    wanted = typed.casefold()
    for tag in known:
        folded = tag.casefold()
        if folded.startswith(wanted) and folded != wanted and folded not in taken:
            return value + tag[len(typed):]
    return None


class TagInput(Input):
    """An Input for tags: `tags` is what was typed, tidied into a list."""

    def __init__(self, tags: Iterable[str] = (), known: Iterable[str] = (), **kwargs) -> None:
        kwargs.setdefault("placeholder", "Tags, separated by commas: work, family")
        super().__init__(", ".join(tags), suggester=TagSuggester(known), **kwargs)

    @property
    def tags(self) -> list[str]:
        return parse_tags(self.value)

    def know(self, known: Iterable[str]) -> None:
        """Suggest from these tags from now on (they arrive once the history is read)."""
        self.suggester = TagSuggester(known)
