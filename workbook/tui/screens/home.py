"""The first screen: unfinished exercises first, then every exercise by category."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from workbook.store.base import StoreError
from workbook.tui.text import literal, when
from workbook.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp

CATEGORY_NAMES = {
    "journaling": "Journaling",
    "grounding": "Grounding",
    "goals": "Goals",
    "reflection": "Reflection",
    "check-in": "Check-ins",
    "safety": "Safety",
}


class HomeScreen(Screen[None]):
    AUTO_FOCUS = "#exercises"
    BINDINGS = [
        Binding("h", "app.history", "History"),
        Binding("e", "app.export", "Export", show=False),  # also in help and the palette
        Binding("b", "app.backups", "Backups", show=False),  # also in help and the palette
        # Not in the footer: at 80 columns it would push F3 (grounding itself) out of sight.
        Binding("g", "app.grounding_progress", "Grounding progress", show=False),
        Binding("p", "app.progress", "Progress", show=False),  # also in help and the palette
        Binding("j", "app.patterns", "Journal patterns", show=False),  # also in help, history and the palette
        Binding("c", "app.checkin", "Check-in"),  # goals due today; also o, w, help and the palette
        Binding("o", "app.goals", "Goals", show=False),
        Binding("w", "app.week", "Your week", show=False),
    ]

    app: WorkbookApp

    def compose(self) -> ComposeResult:
        with Vertical(id="home-head"):
            yield Static("Workbook", id="home-title")
            yield Static("Take your time. Choose an exercise and press Enter.", id="home-sub")
        yield OptionList(id="exercises")
        yield KeyFooter()

    def on_mount(self) -> None:
        # The list is filled when the screen is shown (on_screen_resume), the first time too.
        if self.app.sub_title:  # the site's name, from the facilitator's settings
            self.query_one("#home-title", Static).update(Content.assemble("Workbook · ", literal(self.app.sub_title)))

    def on_screen_resume(self) -> None:
        self.refresh_list()

    def problems(self) -> list[str]:
        return [str(p) for p in self.app.catalog.problems] + list(self.app.store.problems) + self._draft_problems

    def _drafts(self) -> list[dict[str, Any]]:
        self._draft_problems: list[str] = []
        try:
            drafts = self.app.store.drafts()
        except StoreError as error:
            self._draft_problems.append(str(error))
            return []
        usable = []
        for draft in drafts:
            title = draft.get("exercise_title") or draft.get("exercise_id")
            if draft.get("exercise_id") in self.app.catalog.exercises:
                usable.append(draft)
            else:
                self._draft_problems.append(
                    f"An unfinished “{title}” is kept, but that exercise is not in the workbook now, "
                    "so it cannot be opened. Nothing has been deleted."
                )
        return usable

    def refresh_list(self) -> None:
        options: list[Option | None] = []
        drafts = self._drafts()
        if drafts:
            from workbook.engine import Run  # only needed when something is unfinished

            options.append(Option(Content.styled("Unfinished — carry on where you left off", "bold $accent"),
                                  disabled=True))
            for draft in drafts:
                exercise = self.app.catalog.exercises[draft["exercise_id"]]
                number, total = Run.from_draft(exercise, draft).progress()
                options.append(
                    Option(
                        Content.assemble(
                            "  Continue: ", literal(exercise.title, "bold"),
                            (f"  · step {number} of {total} · saved {when(draft.get('saved_at'))}", "dim"),
                        ),
                        id=f"draft:{exercise.id}",
                    )
                )
        for category, exercises in self.app.catalog.by_category().items():
            if options:
                options.append(Option("", disabled=True))  # a quiet gap between groups
            options.append(Option(Content.styled(CATEGORY_NAMES.get(category, category), "bold $accent"),
                                  disabled=True))
            for exercise in exercises:
                options.append(
                    Option(
                        Content.assemble(
                            "  ", literal(exercise.title, "bold"), (f"  · {exercise.minutes} min", "dim"),
                            "\n  ", literal(exercise.summary, "dim"),
                        ),
                        id=f"exercise:{exercise.id}",
                    )
                )
        listing = self.query_one("#exercises", OptionList)
        highlighted = listing.highlighted_option.id if listing.highlighted_option else None
        listing.clear_options()
        if options:
            listing.add_options(options)
        else:
            listing.add_option(Option("No exercises were found. Press F1 for help.", disabled=True))
        self._restore_highlight(listing, highlighted)
        self._show_problems()

    @staticmethod
    def _restore_highlight(listing: OptionList, wanted: str | None) -> None:
        if wanted:
            try:
                listing.highlighted = listing.get_option_index(wanted)
                return
            except Exception:
                pass
        for index in range(listing.option_count):
            if not listing.get_option_at_index(index).disabled:
                listing.highlighted = index
                return

    def _show_problems(self) -> None:
        problems = self.problems()
        found = self.query("#problems")
        if not problems:
            found.remove()
            return
        # Mounted only when needed: most starts have no problems and skip Button's styles.
        button = found.first(Button) if found else Button("", id="problems", compact=True)
        if not found:
            self.query_one("#home-head").mount(button)
        count = len(problems)
        button.label = (
            f"{count} note{'s' if count != 1 else ''} about files that could not be used — open to read"
        )

    @on(Button.Pressed, "#problems")
    def _open_problems(self) -> None:
        from workbook.tui.screens.dialogs import ProblemsDialog  # only when there is something to show

        self.app.push_screen(ProblemsDialog(self.problems()))

    @on(OptionList.OptionSelected, "#exercises")
    def _open(self, event: OptionList.OptionSelected) -> None:
        kind, _, exercise_id = (event.option.id or "").partition(":")
        if kind == "draft":
            self.app.open_exercise(exercise_id, resume=True)
        elif kind == "exercise":
            self.app.open_exercise(exercise_id)
