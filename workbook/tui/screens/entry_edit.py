"""Changing a finished entry, step by step, with the same screen it was written with.

It is the exercise screen with three differences:
- finishing (or "Save changes", Ctrl+S, at any step) replaces the entry, keeping the
  version before as a revision (store.revisions.save_edit); the entry keeps its id and
  the times it was started and finished, so it stays where it was in the history and
  in the patterns;
- what is typed meanwhile is kept as an "edit draft" for this entry, never as a draft
  of the exercise, so leaving (Esc) loses nothing and changes nothing;
- "Add the rest" uses it with the fuller exercise (a "log it now" entry completed with
  the trigger journal): the answers given so far are filled in, and the entry becomes
  a trigger journal entry, the quick version kept as its revision.

The screen returns the saved entry, or None if it was left without saving.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Button, Static

from workbook.engine import AnswerError, Outcome, Run
from workbook.store import revisions
from workbook.store.base import StoreError
from workbook.tui.screens.exercise import ExerciseScreen
from workbook.tui.text import literal, when

KEPT = "Your changes are kept for later. The entry stays as it was until you save them."


class EditEntryScreen(ExerciseScreen):
    BINDINGS = [
        Binding("escape", "leave", "Leave (changes kept)"),
        Binding("ctrl+s", "save_changes", "Save changes", priority=True),
    ]

    def __init__(self, entry: dict[str, Any], run: Run, *, completing: bool = False) -> None:
        super().__init__(run)
        self.entry = entry
        self.completing = completing
        self._saved = False

    @property
    def entry_id(self) -> str:
        return str(self.entry["id"])

    async def on_mount(self) -> None:
        # Runs beside ExerciseScreen.on_mount (Textual calls both), which shows the first step.
        doing = "Adding the rest: " if self.completing else "Changing: "
        self.query_one("#ex-title", Static).update(
            Content.assemble(
                doing, literal(self.run.exercise.title),
                (f" · from {when(self.entry.get('started_at') or self.entry.get('finished_at'))}", "dim"),
            )
        )
        await self.query_one("#ex-nav").mount(
            Button("Save changes", id="save-edit", tooltip="Ctrl+S: save now, from any step"), after="#back"
        )
        self.show_status("The entry changes only when you save. Ctrl+S saves from any step.")

    async def show_step(self) -> None:
        await super().show_step()
        step = self.run.current
        if step is None:
            return
        self.query_one("#intro").display = False  # they have read it before
        if self.run.at_last_step:
            self.query_one("#next", Button).label = "Save"

    # -- keeping what is typed ----------------------------------------------------------------
    def save_draft(self) -> bool:
        draft = {**self.run.draft(), "completing": self.completing}
        try:
            revisions.save_edit_draft(self.app.store, self.entry_id, draft)
        except StoreError as error:
            self.show_status(f"{error} Your words are still here; you can try again.", problem=True)
            return False
        self.show_status("Kept. The entry changes when you save.")
        return True

    def leave(self, notice: str = KEPT) -> None:
        super().leave(notice)

    # -- saving ------------------------------------------------------------------------------------
    def edited_entry(self) -> dict[str, Any]:
        """The entry as it is now: the run's answers, under the entry's own id and times."""
        record = self.run.record(finished_at=self.entry.get("finished_at"))
        entry = {**self.entry, **record}
        entry.pop("set_aside", None)
        if record.get("set_aside"):
            entry["set_aside"] = record["set_aside"]
        entry["id"] = self.entry_id
        entry["started_at"] = self.entry.get("started_at") or record["started_at"]
        entry["tags"] = list(self.entry.get("tags") or [])
        entry["private"] = self.entry.get("private", False)
        if self.completing:
            entry["completed_from"] = self.entry.get("exercise_id")
        return entry

    def _finish(self) -> bool:
        """After the last step (the parent screen calls this)."""
        try:
            saved = revisions.save_edit(self.app.store, self.edited_entry())
        except StoreError as error:
            self.show_status(f"{error} Your changes are still here; press Save to try again.", problem=True)
            return False
        self._saved = True
        self.dismiss(saved)
        return True

    def _react(self, outcome: Outcome) -> None:
        if not self._saved:
            super()._react(outcome)
        elif outcome.safety:  # saved and closing: only what cannot wait
            self.app.action_crisis()

    @on(Button.Pressed, "#save-edit")
    def _save_pressed(self) -> None:
        self.action_save_changes()

    def action_save_changes(self) -> None:
        if self._busy:
            return
        widget, step = self.input, self.run.current
        outcome = None
        if widget is not None and step is not None:
            try:
                outcome = self.run.answer(widget.value)
            except AnswerError as error:
                self.show_error(str(error))
                widget.focus_first()
                return
        if self._finish() and outcome is not None:
            self._react(outcome)
