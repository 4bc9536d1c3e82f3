"""The Textual front-end: wires the store and catalog to the screens. Nothing else lives here."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Sequence

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

import sys
from typing import TYPE_CHECKING

from workbook.content.catalog import Catalog
from workbook.crisis import Contact, crisis_contacts
from workbook.store.base import Store, StoreError
from workbook.tui.commands import ExerciseCommands
from workbook.tui.screens.home import HomeScreen
from workbook.tui.theme import CALM_THEME, CALM_THEME_NAME

if TYPE_CHECKING:
    from workbook.tui.screens.exercise import ExerciseScreen


# Screens other than home are imported on first use: the exercise screen alone pulls in
# a Markdown parser and syntax highlighting, which would double the start-up time.
def _open_exercises(app: App[Any]) -> list[ExerciseScreen]:
    module = sys.modules.get("workbook.tui.screens.exercise")
    if module is None:  # never imported, so no exercise screen exists
        return []
    return [s for s in app.screen_stack if isinstance(s, module.ExerciseScreen)]


def _showing(app: App[Any], module_name: str, class_name: str) -> bool:
    module = sys.modules.get(f"workbook.tui.screens.{module_name}")
    return module is not None and isinstance(app.screen, getattr(module, class_name))

# System commands we keep. "Screenshot" is dropped on purpose: it would write what is on
# screen (private entries) to disk as plain text.
KEPT_SYSTEM_COMMANDS = {"Theme", "Quit", "Keys", "Maximize", "Minimize"}


class WorkbookApp(App[None], inherit_bindings=False):
    CSS_PATH = "app.tcss"
    TITLE = "Workbook"
    COMMANDS = App.COMMANDS | {ExerciseCommands}
    # Short terminals get slimmer buttons (see app.tcss), so the words keep their room.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-roomy")]

    # Priority bindings work even while typing in an input. F3 is kept for grounding
    # (see action_grounding); it is bound in a later change. Our own list (not inherited)
    # so the footer shows help first and quit last; no key saves a screenshot.
    BINDINGS = [
        Binding("f1", "help", "Help", priority=True),
        Binding("f2", "crisis", "Crisis help", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        start_exercise: str | None = None,
        *,
        data_folder: Path | None = None,
        contacts: Sequence[Contact] | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.catalog = catalog
        self.start_exercise = start_exercise
        # Where the help screen says words are kept: the profile's folder when the store has one.
        self.data_folder = data_folder or getattr(store, "folder", None)
        self.contacts = list(contacts) if contacts is not None else crisis_contacts()
        self._quit_anyway = False
        self.register_theme(CALM_THEME)
        # Chosen before the first paint: changing the theme later parses all the styles again.
        self.theme = self._saved_theme()

    # -- start-up ---------------------------------------------------------------------
    def get_default_screen(self) -> Screen:
        return HomeScreen()

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.start_exercise:
            self.open_exercise(self.start_exercise)

    def _saved_theme(self) -> str:
        try:
            name = self.store.get_setting("theme")
        except StoreError:
            name = None
        return name if isinstance(name, str) and name in self.available_themes else CALM_THEME_NAME

    def _remember_theme(self, theme: Theme) -> None:
        try:
            if self.store.get_setting("theme") != theme.name:
                self.store.set_setting("theme", theme.name)
        except StoreError as error:
            self.notify(f"{error} The colours will go back to before next time.", severity="warning", markup=False)

    # -- the command palette ------------------------------------------------------------
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title in KEPT_SYSTEM_COMMANDS:
                yield command

    # No key, command or action may write the screen to disk (it holds private words).
    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        self.notify("Screenshots are turned off, to keep what you write private.")

    def deliver_screenshot(self, *args: Any, **kwargs: Any) -> None:
        self.notify("Screenshots are turned off, to keep what you write private.")

    # -- leaving ---------------------------------------------------------------------------
    async def action_quit(self) -> None:
        """Quit, after saving what is typed in any open exercise. If that fails, say so first."""
        unsaved = [
            screen.run.exercise.title
            for screen in _open_exercises(self)
            if not screen.save_before_quitting()
        ]
        if unsaved and not self._quit_anyway:
            self._quit_anyway = True
            self.notify(
                f"“{unsaved[0]}” could not be saved just now. Press Ctrl+Q again to quit anyway "
                "(what is on screen would not be kept), or stay and try again.",
                severity="warning",
                timeout=15,
                markup=False,
            )
            return
        self.exit()

    # -- going places -------------------------------------------------------------------
    def action_help(self) -> None:
        if not _showing(self, "help", "HelpScreen"):
            from workbook.tui.screens.help import HelpScreen

            self.push_screen(HelpScreen(self.data_folder))

    def action_crisis(self) -> None:
        if not _showing(self, "crisis", "CrisisScreen"):
            from workbook.tui.screens.crisis import CrisisScreen

            self.push_screen(CrisisScreen(self.contacts))

    def action_history(self) -> None:
        if not _showing(self, "history", "HistoryScreen"):
            from workbook.tui.screens.history import HistoryScreen

            self.push_screen(HistoryScreen())

    def go_home(self) -> None:
        """Back to the home screen. Any exercise underneath already saved its draft."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def open_exercise(self, exercise_id: str, resume: bool | None = None, returns_to: str | None = None) -> None:
        """Open an exercise; with a draft and no choice made yet, ask: continue or start fresh."""
        exercise = self.catalog.exercises.get(exercise_id)
        if exercise is None:
            self.notify(f"There is no exercise called '{exercise_id}' here.", severity="warning", markup=False)
            return
        from workbook.engine import Run
        from workbook.tui.screens.dialogs import ResumeDialog
        from workbook.tui.screens.exercise import ExerciseScreen

        if any(s.run.exercise.id == exercise_id for s in _open_exercises(self)):
            self.notify(f"“{exercise.title}” is already open, with your answers in it.", markup=False)
            return
        if isinstance(self.screen, ExerciseScreen) and returns_to is None:
            # Opening another exercise from inside one (the palette): this one waits as a draft.
            self.screen.pause()
            returns_to = self.screen.run.exercise.title
        try:
            draft = self.store.get_draft(exercise_id)
        except StoreError as error:
            self.notify(str(error), severity="warning", markup=False)
            draft = None
        if draft is None:
            self.push_screen(ExerciseScreen(Run(exercise), returns_to=returns_to))
        elif resume:
            self.push_screen(ExerciseScreen(Run.from_draft(exercise, draft), returns_to=returns_to))
        elif resume is None:
            number, total = Run.from_draft(exercise, draft).progress()

            def chosen(choice: str | None) -> None:
                if choice == "continue":
                    self.open_exercise(exercise_id, resume=True, returns_to=returns_to)
                elif choice == "fresh":
                    self.push_screen(ExerciseScreen(Run(exercise), returns_to=returns_to))

            self.push_screen(ResumeDialog(exercise, draft, number, total), chosen)
        else:
            self.push_screen(ExerciseScreen(Run(exercise), returns_to=returns_to))

    def action_grounding(self) -> None:
        """Pause what is on screen (its draft is saved) and open a grounding exercise over it.

        The seam for the grounding key: bind it to this action.
        """
        paused = self.screen if self.screen in _open_exercises(self) else None
        if paused is not None:
            paused.pause()
        current = paused.run.exercise.id if paused else None
        choices = [e for e in self.catalog.by_category().get("grounding", []) if e.id != current]
        returns_to = paused.run.exercise.title if paused else None
        if not choices:
            self.notify(
                "There is no grounding exercise here yet. Try a few slow breaths: in for four, out for six.",
                timeout=10,
            )
        elif len(choices) == 1:
            self.open_exercise(choices[0].id, returns_to=returns_to)
        else:
            from workbook.tui.screens.dialogs import ChooseExercise

            self.push_screen(
                ChooseExercise("Choose a grounding exercise", choices),
                lambda chosen: chosen and self.open_exercise(chosen, returns_to=returns_to),
            )
