"""The command palette's exercise finder: every exercise, by title, opens it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from workbook.tui.text import literal

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp


class ExerciseCommands(Provider):
    """Finds exercises by (part of) their title. Titles are shown literally, never as markup."""

    @property
    def workbook(self) -> WorkbookApp:
        return self.app  # type: ignore[return-value]

    def _exercises(self):
        for exercises in self.workbook.catalog.by_category().values():
            yield from exercises

    def _open(self, exercise_id: str):
        return lambda: self.workbook.open_exercise(exercise_id)

    async def discover(self) -> Hits:
        for exercise in self._exercises():
            yield DiscoveryHit(
                Content.assemble("Open ", literal(exercise.title)),
                self._open(exercise.id),
                text=f"Open {exercise.title}",
                help=exercise.summary,
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for exercise in self._exercises():
            score = matcher.match(exercise.title)
            if score <= 0:
                continue
            _, offsets = matcher.fuzzy_search.match(query, exercise.title)
            display = literal(exercise.title)
            for offset in offsets:
                display = display.stylize(matcher.match_style, offset, offset + 1)
            yield Hit(
                score,
                Content.assemble("Open ", display),
                self._open(exercise.id),
                text=f"Open {exercise.title}",
                help=exercise.summary,
            )
