"""One exercise, one step at a time. Nothing typed is ever thrown away.

After every step (and on Back and Leave) the run is saved as a draft, so leaving at
any moment keeps everything. If saving fails, the message is shown and everything
stays on screen, so the person can try again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Markdown, ProgressBar, Static

from workbook.engine import AnswerError, Outcome, Run
from workbook.store.base import StoreError
from workbook.tui.screens.completion import CompletionScreen
from workbook.tui.screens.dialogs import GroundingOffer
from workbook.tui.text import literal
from workbook.tui.widgets import StepInput, input_for
from workbook.tui.widgets.footer import KeyFooter
from workbook.tui.widgets.tags import TagSuggester

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp

SAVED = "Saved — you can come back to this any time."


class ExerciseScreen(Screen[None]):
    # Layout of this screen (unscoped: the selectors already name it).
    SCOPED_CSS = False
    DEFAULT_CSS = """
ExerciseScreen #ex-head { height: auto; padding: 0 1; }
ExerciseScreen #ex-title { text-style: bold; color: $primary; }
ExerciseScreen #ex-progress { height: 1; }
ExerciseScreen #ex-progress Static { width: auto; margin-right: 2; }
ExerciseScreen #ex-progress ProgressBar { width: 1fr; }
ExerciseScreen #ex-progress Bar { width: 1fr; }
ExerciseScreen #ex-body { height: 1fr; padding: 0 1; }
ExerciseScreen #intro { margin: 0; padding: 0; color: $text-muted; }
ExerciseScreen #prompt { text-style: bold; margin-top: 1; }
ExerciseScreen #help { color: $text-muted; }
ExerciseScreen #slot { height: auto; margin-top: 1; }
ExerciseScreen #error { color: $warning; height: auto; }
ExerciseScreen #status { height: auto; padding: 0 1; color: $text-muted; }
ExerciseScreen #status.-problem { color: $warning; text-style: bold; }
ExerciseScreen #ex-nav { height: auto; padding: 0 1; }
ExerciseScreen #ex-nav Button { margin-right: 2; min-width: 10; }
ExerciseScreen #ex-nav #leave { dock: right; margin-right: 0; }
ExerciseScreen #intro > MarkdownBlock:last-child { margin-bottom: 0; }
"""

    BINDINGS = [Binding("escape", "leave", "Leave (saved)")]

    app: WorkbookApp

    def __init__(self, run: Run, *, returns_to: str | None = None) -> None:
        super().__init__()
        self.run = run
        self.returns_to = returns_to  # title of a paused exercise underneath, if any
        self._busy = False
        self._leave_anyway = False
        self.known_tags: list[str] = []  # earlier tags, suggested at a "tags" step

    # -- layout --------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="ex-head"):
            yield Static(literal(self.run.exercise.title), id="ex-title")
            with Horizontal(id="ex-progress"):
                yield Static("", id="step-count")
                yield ProgressBar(show_eta=False, show_percentage=False, id="bar")
        with VerticalScroll(id="ex-body"):
            yield Markdown("", id="intro", open_links=False)
            yield Static("", id="prompt")
            yield Static("", id="help")
            yield Vertical(id="slot")
            yield Static("", id="error")
        yield Static("", id="status")
        # Next comes first (leftmost), so Tab from the answer lands on it; Leave sits at the right.
        with Horizontal(id="ex-nav"):
            yield Button("Next", id="next", variant="primary")
            yield Button("Back", id="back")
            yield Button("Leave", id="leave", tooltip="Your answers are saved")
        yield KeyFooter()

    async def on_mount(self) -> None:
        await self.show_step()
        if any(step.id == "tags" for step in self.run.exercise.steps):
            self.run_worker(self._read_tags, thread=True, exclusive=True, group="tags")

    def _read_tags(self) -> None:
        """In a thread: the tags used before, most used first, to suggest as they are typed."""
        from workbook.tui.screens.history import shared_index

        index = shared_index(self.app.store)
        try:
            index.refresh(self.app.store.monthly("entries"))
        except StoreError:
            return  # no suggestions; typing tags works the same
        self.known_tags = index.tags()
        self.app.call_from_thread(self._suggest_tags)

    def _suggest_tags(self) -> None:
        step = self.run.current
        if step is not None and step.id == "tags":
            for field in self.query("#slot Input").results(Input):
                field.suggester = TagSuggester(self.known_tags)

    @property
    def input(self) -> StepInput | None:
        found = self.query("#slot StepInput")
        return found.first(StepInput) if found else None

    async def show_step(self) -> None:
        """Show the run's current step, preset with any answer it already has."""
        run, step = self.run, self.run.current
        if step is None:
            return
        number, total = run.progress()
        self.query_one("#step-count", Static).update(f"Step {number} of {total}")
        self.query_one("#bar", ProgressBar).update(total=total, progress=number)
        intro = self.query_one("#intro", Markdown)
        intro.display = bool(run.exercise.intro) and run.at_start
        if intro.display:
            await intro.update(run.exercise.intro or "")
        prompt = self.query_one("#prompt", Static)
        prompt.update(literal(step.prompt or ""))
        prompt.display = bool(step.prompt)
        help_text = self.query_one("#help", Static)
        help_text.update(literal(step.help or ""))
        help_text.display = bool(step.help)
        self.show_error("")
        slot = self.query_one("#slot", Vertical)
        await slot.remove_children()
        widget = input_for(step, run.answers.get(step.id))
        await slot.mount(widget)
        self.query_one("#back", Button).disabled = run.at_start
        self.query_one("#next", Button).label = "Finish" if run.at_last_step else "Next"
        self.query_one("#ex-body", VerticalScroll).scroll_home(animate=False)
        if not widget.focus_first():
            self.query_one("#next", Button).focus()
        self._suggest_tags()

    def show_error(self, message: str) -> None:
        error = self.query_one("#error", Static)
        error.update(literal(message))
        error.display = bool(message)

    def show_status(self, message: str, problem: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.update(literal(message))
        status.set_class(problem, "-problem")

    # -- saving ----------------------------------------------------------------------
    def save_draft(self) -> bool:
        try:
            self.app.store.save_draft(self.run.draft())
        except StoreError as error:
            self.show_status(f"{error} Your words are still here; you can try again.", problem=True)
            return False
        self.show_status("Saved.")
        return True

    def keep_current(self) -> Outcome | None:
        """Keep what is on screen for this step without moving, if it is a valid answer."""
        widget, step = self.input, self.run.current
        if widget is None or step is None:
            return None
        try:
            return self.run.answer(widget.value)
        except AnswerError:
            return None

    def save_before_quitting(self) -> bool:
        """Keep what is on screen in the draft, without reacting to it (the app is closing)."""
        self.keep_current()
        return self.save_draft()

    def pause(self) -> bool:
        """Keep the current answer and save a draft (before grounding, or when leaving)."""
        outcome = self.keep_current()
        saved = self.save_draft()
        if outcome is not None and outcome.safety:
            self.app.action_crisis()
        return saved

    # -- moving ----------------------------------------------------------------------
    @on(Button.Pressed, "#next")
    @on(StepInput.Submitted)
    async def action_next(self) -> None:
        if self._busy or self.run.current is None:
            return
        self._busy = True
        try:
            await self._next()
        finally:
            self._busy = False

    async def _next(self) -> None:
        widget = self.input
        if widget is None:
            return
        try:
            outcome = self.run.answer(widget.value)
        except AnswerError as error:
            self.show_error(str(error))
            widget.focus_first()  # straight back to the words, to fix them
            return
        position = self.run.position
        self.run.next()
        if self.run.is_complete:
            if not self._finish():
                self.run.position = position
                return
        elif not self.save_draft():
            self.run.position = position
            return
        else:
            await self.show_step()
        self._react(outcome)

    def _finish(self) -> bool:
        store, exercise = self.app.store, self.run.exercise
        try:
            entry = store.save_entry(self.run.record())
        except StoreError as error:
            self.show_status(f"{error} Your answers are still here; press Finish to try again.", problem=True)
            return False
        from workbook.insights.summaries import note_saved  # the progress page's month summary

        note_saved(store, entry)
        try:
            store.delete_draft(exercise.id)
        except StoreError:
            self.app.notify("Your entry is saved. An older unfinished copy could not be cleared; it is harmless.")
        self.app.switch_screen(CompletionScreen(entry, exercise, self.run.score(), returns_to=self.returns_to))
        return True

    def _react(self, outcome: Outcome) -> None:
        if outcome.safety:
            self.app.action_crisis()
        elif outcome.offer_grounding:
            self.app.push_screen(GroundingOffer(), self._after_offer)

    def _after_offer(self, choice: str | None) -> None:
        if choice == "grounding":
            self.app.action_grounding()
        elif choice == "break":
            self.leave(notice=f"{SAVED} Take all the time you need.")

    @on(StepInput.Ready)
    def _offer_next(self) -> None:
        self.query_one("#next", Button).focus()

    @on(Button.Pressed, "#back")
    async def action_back(self) -> None:
        if self._busy or self.run.at_start:
            return
        self._busy = True
        try:
            outcome = self.keep_current()
            self.run.back()
            self.save_draft()
            await self.show_step()
            if outcome is not None and outcome.safety:
                self.app.action_crisis()
        finally:
            self._busy = False

    @on(Button.Pressed, "#leave")
    def action_leave(self) -> None:
        self.leave()

    def leave(self, notice: str = SAVED) -> None:
        outcome = self.keep_current()
        if self.save_draft():
            self.app.notify(notice, title="Saved", timeout=6)
        elif not self._leave_anyway:
            self._leave_anyway = True
            self.query_one("#leave", Button).label = "Leave without saving"
            return
        self.dismiss()
        if outcome is not None and outcome.safety:
            self.app.action_crisis()
