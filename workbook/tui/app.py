"""The Textual front-end: wires the store and catalog to the screens. Nothing else lives here."""

from __future__ import annotations

from workbook.tui.startup import collect_from_now_on  # first: it holds the collector until the first screen

from pathlib import Path
from typing import Any, Iterable, Sequence

from textual import events
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
from workbook.tui.lock import LockGuard
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

    # Priority bindings work even while typing in an input; F3 opens grounding from
    # anywhere (see action_grounding). Our own list (not inherited)
    # so the footer shows help first and quit last; no key saves a screenshot.
    BINDINGS = [
        Binding("f1", "help", "Help", priority=True),
        Binding("f2", "crisis", "Crisis help", priority=True),
        Binding("f3", "grounding", "Grounding", priority=True),
        Binding("f4", "hide", "Hide", priority=True),  # quick-hide: a neutral screen, locked
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
        self.lock_guard = LockGuard(self)  # idle lock and quick-hide (tui/lock.py)
        self.register_theme(CALM_THEME)
        self._start_with_theme(self._saved_theme())

    def _start_with_theme(self, name: str) -> None:
        """Start in the saved theme without styling twice.

        Setting `self.theme` would parse every style again once the app runs; before the first
        parse it is enough to give the stylesheet the theme's colours and the app its classes
        (the rest of what App._watch_theme does)."""
        self.set_reactive(App.theme, name)
        self.stylesheet.set_variables(self.get_css_variables())
        dark = self.current_theme.dark
        self.update_classes({f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark}, update=False)
        self._refresh_truecolor_filter(self.ansi_theme)

    # -- start-up ---------------------------------------------------------------------
    def get_default_screen(self) -> Screen:
        return HomeScreen()

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.screen_change_signal.subscribe(self, self._after_screen_change)  # goals from goal exercises
        self.lock_guard.start()
        if getattr(self.store, "folder", None) is None:  # guest mode: the store has no folder
            from workbook.tui.guest import show_guest_banner

            show_guest_banner(self)
        if self.start_exercise:
            self.open_exercise(self.start_exercise)

    def on_ready(self) -> None:
        collect_from_now_on()

    def on_unmount(self) -> None:
        # Today's automatic backup, as the workbook closes (store/backup.py); never stops the closing.
        from workbook.store.backup import backup_if_due

        try:
            backup_if_due(self.store)
        except (OSError, StoreError):
            pass  # the next close tries again; the profile itself is untouched

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
        yield SystemCommand("Export", "Save your entries as Markdown, JSON or CSV", self.action_export)
        yield SystemCommand("Backups", "See your backups, or put your workbook back as it was", self.action_backups)
        yield SystemCommand("Passphrase", "Set, change or remove the passphrase of this profile", self.action_passphrase)
        yield SystemCommand("Lock", "Hide the workbook behind a plain screen now (F4)", self.action_hide)
        yield SystemCommand("Progress", "How things have changed over time, in charts and words", self.action_progress)
        yield SystemCommand("Safety plan", "See your own safety plan, or write one", self.action_safety_plan)
        yield SystemCommand("Patterns", "What your journal shows: feelings, triggers, when, what helped", self.action_patterns)
        from workbook.tui.screens.grounding import grounding_system_commands  # on palette open only

        yield from grounding_system_commands(self)
        from workbook.tui.goal_hooks import system_commands as goal_system_commands

        yield from goal_system_commands(self)

    # No key, command or action may write the screen to disk (it holds private words).
    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        self.notify("Screenshots are turned off, to keep what you write private.")

    def deliver_screenshot(self, *args: Any, **kwargs: Any) -> None:
        self.notify("Screenshots are turned off, to keep what you write private.")

    # -- shared machines: locking, quick-hide, crashes (tui/lock.py, tui/privacy.py) -------------
    async def on_event(self, event: events.Event) -> None:
        # After the idle time, the first key or click locks and goes no further.
        if isinstance(event, events.InputEvent) and self.lock_guard.swallow(event):
            return
        await super().on_event(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.lock_guard.allows(action):  # while locked: crisis help, quit and hide only
            return False
        return super().check_action(action, parameters)

    def action_hide(self) -> None:
        self.lock_guard.lock()

    def action_passphrase(self) -> None:
        from workbook.tui.screens.profiles_passphrase import PassphraseScreen

        if getattr(self.store, "folder", None) is None:
            self.notify("Guest mode keeps nothing, so there is no passphrase to set.")
        elif not isinstance(self.screen, PassphraseScreen):
            self.push_screen(PassphraseScreen())

    def _handle_exception(self, error: Exception) -> None:
        # Textual would print a traceback with local variables (answers, passphrases) on exit.
        from workbook.tui.privacy import handle_crash

        handle_crash(self, error)

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

    def action_patterns(self) -> None:
        if not _showing(self, "patterns", "PatternsScreen"):
            from workbook.tui.screens.patterns import PatternsScreen

            self.push_screen(PatternsScreen())

    def action_progress(self) -> None:
        if not _showing(self, "dashboard", "DashboardScreen"):
            from workbook.tui.screens.dashboard import DashboardScreen

            self.push_screen(DashboardScreen())

    def action_safety_plan(self) -> None:
        if not _showing(self, "safety_plan", "SafetyPlanScreen"):
            from workbook.tui.screens.safety_plan import SafetyPlanScreen

            self.push_screen(SafetyPlanScreen())

    def action_export(self) -> None:
        if not _showing(self, "export", "ExportScreen"):
            from workbook.tui.screens.export import ExportScreen

            self.push_screen(ExportScreen())

    def action_backups(self) -> None:
        if not _showing(self, "backups", "BackupsScreen"):
            from workbook.tui.screens.backups import BackupsScreen

            self.push_screen(BackupsScreen())

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

        F3 and the palette come here from any screen. From anywhere but home, the finished
        grounding exercise offers a way back to where the person was.
        """
        if _showing(self, "grounding", "GroundingPicker"):
            return
        paused = self.screen if self.screen in _open_exercises(self) else None
        if paused is not None:
            paused.pause()
            if _showing(self, "crisis", "CrisisScreen"):
                return  # the answer on screen crossed a safety line: that comes first
        current = paused.run.exercise.id if paused else None
        choices = [e for e in self.catalog.by_category().get("grounding", []) if e.id != current]
        returns_to = paused.run.exercise.title if paused else None
        if returns_to is None and not isinstance(self.screen, HomeScreen):
            returns_to = "where you were"
        if not choices:
            self.notify(
                "There is no grounding exercise here yet. Try a few slow breaths: in for four, out for six.",
                timeout=10,
            )
        elif len(choices) == 1:
            self.open_exercise(choices[0].id, returns_to=returns_to)
        else:
            from workbook.tui.screens.grounding import PROGRESS, GroundingPicker

            def chosen(choice: str | None) -> None:
                if choice == PROGRESS:
                    self.action_grounding_progress()
                elif choice:
                    self.open_exercise(choice, returns_to=returns_to)

            self.push_screen(GroundingPicker(choices, waiting=paused.run.exercise.title if paused else None), chosen)

    # -- goals, the daily check-in and reflection (workbook/goals, tui/goal_hooks.py) ----------
    def _after_screen_change(self, screen: Screen) -> None:
        completion = sys.modules.get("workbook.tui.screens.completion")
        if completion is not None and isinstance(screen, completion.CompletionScreen):
            from workbook.tui.goal_hooks import after_exercise

            after_exercise(self, screen.entry)

    def action_goals(self) -> None:
        if not _showing(self, "goals", "GoalsScreen"):
            from workbook.tui.screens.goals import GoalsScreen

            self.push_screen(GoalsScreen())

    def action_checkin(self) -> None:
        if not _showing(self, "checkin", "CheckinScreen"):
            from workbook.tui.screens.checkin import CheckinScreen

            self.push_screen(CheckinScreen())

    def action_week(self) -> None:
        if not _showing(self, "reflection", "WeekScreen"):
            from workbook.tui.screens.reflection import WeekScreen

            self.push_screen(WeekScreen())

    def action_signs(self) -> None:
        if not _showing(self, "reflection_signs", "SignsScreen"):
            from workbook.tui.screens.reflection_signs import SignsScreen

            self.push_screen(SignsScreen())

    def action_grounding_progress(self) -> None:
        if not _showing(self, "grounding_progress", "GroundingProgressScreen"):
            from workbook.tui.screens.grounding_progress import GroundingProgressScreen

            self.push_screen(GroundingProgressScreen())
