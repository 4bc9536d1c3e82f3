"""One finished entry, in full, and what can be done with it.

Every prompt it was made with and every answer, as written. From here an entry can be
edited (the version before is kept: store.revisions), tagged, completed ("log it now"
entries can have the rest added with the full trigger journal, keeping the time of the
moment) and deleted (after asking; the history can bring it back for a while). Earlier
versions can be read, and one can be brought back (which keeps the current one too).

The screen returns what happened to whoever opened it: {"id", "entry"} after a change,
{"id", "deleted": trash id} after a delete, None when nothing changed.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from workbook.insights.fields import parse_tags, tags_of
from workbook.store import revisions, trash
from workbook.store.base import StoreError
from workbook.tui.screens.dialogs import DIALOG_CSS, NARROW_BREAKPOINTS, Dialog
from workbook.tui.text import answer_text, literal, one_line, when
from workbook.tui.widgets.tags import TagInput
from workbook.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp

# A short exercise whose entries can later be completed with a fuller one.
COMPLETES = {"quick-log": "trigger-journal"}

# Laying out a whole megabyte of pasted text takes seconds, so a long answer opens with its
# first part and the rest is shown on request, a part at a time, so the screen stays responsive.
PART = 20_000


def parts_of(text: str, size: int = PART) -> list[str]:
    """The text in parts of about `size` characters, split after a space or at a line break.

    A line break between two parts is dropped (the parts stack as lines anyway); joining
    the parts with what `part_joins` says gives the text back exactly.
    """
    parts: list[str] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = max(text.rfind("\n", start + size // 2, end), text.rfind(" ", start + size // 2, end))
        end = cut + 1 if cut > start else end
        parts.append(text[start:end])
        start = end
    parts.append(text[start:])
    return parts


def shown_parts(parts: list[str]) -> list[str]:
    """Each part as it is shown: a trailing line break goes, as the next part starts a new line."""
    return [p[:-1] if p.endswith("\n") and n < len(parts) - 1 else p for n, p in enumerate(parts)]


class LongAnswer(Vertical):
    """An answer too long to lay out at once: its first part, and a button for the rest."""

    DEFAULT_CSS = """
    LongAnswer { height: auto; }
    LongAnswer .show-all { margin: 1 0 0 2; }
    """

    def __init__(self, text: str) -> None:
        super().__init__(classes="long-answer")
        self.text = text
        self.parts = parts_of(text)
        self.shown = 1

    def compose(self) -> ComposeResult:
        yield Static(literal(shown_parts(self.parts)[0]), classes="answer")
        yield Button(
            f"Show all of it ({len(self.text):,} characters; it may take a moment)",
            classes="show-all", compact=True,
        )

    @on(Button.Pressed, ".show-all")
    async def show_all(self, event: Button.Pressed | None = None) -> None:
        if event is not None:
            event.stop()
        await self.query_one(".show-all").remove()
        for text in shown_parts(self.parts)[1:]:
            await self.mount(Static(literal(text), classes="answer"))
            self.shown += 1
            await asyncio.sleep(0)  # let keys and paints through between parts

    def shown_text(self) -> str:
        """What is on screen, with the line breaks between parts put back."""
        pieces = [str(w.render()) for w in self.query(".answer").results(Static)]
        return "".join(
            piece + ("\n" if self.parts[n].endswith("\n") and n < len(pieces) - 1 else "")
            for n, piece in enumerate(pieces)
        )


class EntryScreen(Screen[dict[str, Any] | None]):
    # Layout of this screen (unscoped: the selectors already name it).
    SCOPED_CSS = False
    DEFAULT_CSS = """
EntryScreen #entry-body { padding: 1 2; height: 1fr; }
EntryScreen #entry-title { text-style: bold; color: $primary; }
EntryScreen #entry-when { color: $text-muted; }
EntryScreen #entry-tags { color: $accent; }
EntryScreen #entry-version { border-left: thick $warning; padding: 0 1; margin-top: 1; }
EntryScreen .prompt { text-style: bold; margin-top: 1; }
EntryScreen .answer { padding-left: 2; }
EntryScreen #entry-score { margin-top: 1; border-left: thick $primary; padding: 0 1; }
EntryScreen #entry-actions { height: auto; padding: 0 1; }
EntryScreen #entry-actions Button { margin-right: 1; min-width: 8; }  /* all five fit in 80 columns */
/* Narrow terminals: the actions in two columns, or the last ones would be off the right edge. */
EntryScreen.-narrow #entry-actions { layout: grid; grid-size: 2; grid-rows: 1; grid-gutter: 0 1; }
EntryScreen.-narrow #entry-actions Button { width: 100%; margin: 0; }
"""

    HORIZONTAL_BREAKPOINTS = NARROW_BREAKPOINTS
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("e", "edit", "Edit"),
        Binding("a", "complete", "Add the rest", show=False),
        Binding("t", "tags", "Tags"),
        Binding("v", "versions", "Earlier versions", show=False),
        Binding("d,delete", "delete", "Delete"),
        Binding("r", "bring_back", "Bring back", show=False),
    ]

    app: WorkbookApp

    def __init__(self, entry: dict[str, Any], *, version: dict[str, Any] | None = None) -> None:
        """`version`: show an earlier version (a revision record), read-only, with the way to bring it back."""
        super().__init__()
        self.entry = entry
        self.version = version
        self.changed = False

    @property
    def entry_id(self) -> str:
        return str(self.version["entry_id"] if self.version else self.entry.get("id", ""))

    def compose(self) -> ComposeResult:
        entry = self.entry
        prompts: dict[str, str] = entry.get("prompts") or {}
        answers: dict[str, Any] = entry.get("answers") or {}
        order = list(prompts) + [key for key in answers if key not in prompts]
        with VerticalScroll(id="entry-body"):
            yield Static(literal(str(entry.get("exercise_title") or entry.get("exercise_id") or "")), id="entry-title")
            yield Static(literal(self._times()), id="entry-when")
            tags = tags_of(entry)
            if tags:
                yield Static(literal("Tags: " + ", ".join(tags)), id="entry-tags")
            if self.version:
                yield Static(
                    literal(
                        f"An earlier version, kept when the entry was changed on {when(self.version.get('saved_at'))}. "
                        "Press r to bring it back (the current version is kept too)."
                    ),
                    id="entry-version",
                )
            for key in order:
                if key not in answers:
                    continue
                yield Static(literal(str(prompts.get(key) or key)), classes="prompt")
                text = answer_text(answers[key])
                if len(text) > PART:
                    yield LongAnswer(text)
                else:
                    yield Static(literal(text), classes="answer")
            if not answers:
                yield Static("No answers were written in this one — and that's all right.")
            score = entry.get("score")
            if isinstance(score, dict) and score.get("total") is not None:
                parts: list[Any] = [("Total: ", "bold"), str(score["total"])]
                if score.get("band"):
                    parts += ["  ·  ", literal(str(score["band"]), "bold")]
                parts += ["\n", ("Information for you, not a diagnosis.", "dim")]
                yield Static(Content.assemble(*parts), id="entry-score")
        with Horizontal(id="entry-actions"):
            if self.version:
                yield Button("Bring this version back", id="bring-back", compact=True, variant="primary")
            else:
                if self._completes_with():
                    yield Button("Add the rest", id="complete", compact=True, variant="primary")
                yield Button("Edit", id="edit", compact=True)
                yield Button("Tags", id="tags", compact=True)
                if entry.get("revisions"):
                    yield Button("Earlier versions", id="versions", compact=True)
                yield Button("Delete…", id="delete", compact=True)
        yield KeyFooter()

    def _times(self) -> str:
        entry = self.entry
        line = f"Started {when(entry.get('started_at'))} · finished {when(entry.get('finished_at'))}"
        if entry.get("edited_at"):
            count = int(entry.get("revisions") or 0)
            line += f" · changed {when(entry.get('edited_at'))}"
            if count and not self.version:
                line += f" ({count} earlier version{'s' if count != 1 else ''} kept)"
        return line

    def on_mount(self) -> None:
        self.query_one("#entry-body").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.version:
            return action in ("back", "bring_back")
        if action == "bring_back":
            return False
        if action == "complete":
            return self._completes_with() is not None
        if action == "versions":
            return bool(self.entry.get("revisions"))
        return True

    def action_back(self) -> None:
        self.dismiss({"id": self.entry_id, "entry": self.entry} if self.changed else None)

    def _show(self, entry: dict[str, Any], message: str) -> None:
        """The entry was changed here: show the new version."""
        self.entry, self.changed = entry, True
        self.refresh(recompose=True)
        self.refresh_bindings()
        self.call_after_refresh(lambda: self.query_one("#entry-body").focus())
        self.notify(message, timeout=5)

    # -- buttons -----------------------------------------------------------------------------
    @on(Button.Pressed, "#edit")
    def _edit_pressed(self) -> None:
        self.action_edit()

    @on(Button.Pressed, "#complete")
    def _complete_pressed(self) -> None:
        self.action_complete()

    @on(Button.Pressed, "#tags")
    def _tags_pressed(self) -> None:
        self.action_tags()

    @on(Button.Pressed, "#versions")
    def _versions_pressed(self) -> None:
        self.action_versions()

    @on(Button.Pressed, "#delete")
    def _delete_pressed(self) -> None:
        self.action_delete()

    @on(Button.Pressed, "#bring-back")
    def _bring_back_pressed(self) -> None:
        self.action_bring_back()

    # -- editing and completing ---------------------------------------------------------------
    def _completes_with(self) -> str | None:
        target = COMPLETES.get(str(self.entry.get("exercise_id")))
        return target if target and target in self.app.catalog.exercises else None

    def action_edit(self) -> None:
        exercise_id = str(self.entry.get("exercise_id"))
        if exercise_id not in self.app.catalog.exercises:
            self.notify(
                "This exercise is not in the workbook now, so this entry can be read but not changed.",
                severity="warning",
            )
            return
        self._start_edit(exercise_id, completing=False)

    def action_complete(self) -> None:
        target = self._completes_with()
        if target:
            self._start_edit(target, completing=True)

    def _start_edit(self, exercise_id: str, completing: bool) -> None:
        try:
            draft = revisions.get_edit_draft(self.app.store, self.entry_id)
        except StoreError as error:
            self.notify(str(error), severity="warning", markup=False)
            draft = None
        if draft and draft.get("exercise_id") in self.app.catalog.exercises:

            def chosen(choice: str | None) -> None:
                if choice == "continue":
                    self._open_editor(draft["exercise_id"], bool(draft.get("completing")), draft)
                elif choice == "fresh":
                    try:
                        revisions.delete_edit_draft(self.app.store, self.entry_id)
                    except StoreError:
                        pass
                    self._open_editor(exercise_id, completing, None)

            self.app.push_screen(EditDraftDialog(draft), chosen)
        else:
            self._open_editor(exercise_id, completing, None)

    def _open_editor(self, exercise_id: str, completing: bool, draft: dict[str, Any] | None) -> None:
        from workbook.engine import Run
        from workbook.tui.screens.entry_edit import EditEntryScreen

        exercise = self.app.catalog.exercises[exercise_id]
        if draft is None:
            draft = {
                "answers": self.entry.get("answers") or {},
                "set_aside": self.entry.get("set_aside") or {},
                "step": exercise.steps[0].id,
                "started_at": self.entry.get("started_at"),
            }
        run = Run.from_draft(exercise, draft)
        self.app.push_screen(EditEntryScreen(self.entry, run, completing=completing), self._edited)

    def _edited(self, saved: dict[str, Any] | None) -> None:
        if saved:
            self._show(saved, "Your changes are saved. The version before is kept too.")

    # -- tags ------------------------------------------------------------------------------------
    def action_tags(self) -> None:
        self._tags_with_suggestions()

    @work(thread=True, exclusive=True, group="tags")
    def _tags_with_suggestions(self) -> None:
        from workbook.tui.screens.history import shared_index

        index = shared_index(self.app.store)
        try:
            index.refresh(self.app.store.monthly("entries"))
            known = index.tags()
        except StoreError:
            known = []
        self.app.call_from_thread(
            self.app.push_screen, TagsDialog(tags_of(self.entry), known), self._tags_chosen
        )

    def _tags_chosen(self, tags: list[str] | None) -> None:
        if tags is None or tags == tags_of(self.entry):
            return
        entry = dict(self.entry)
        entry["tags"] = tags
        answers = dict(entry.get("answers") or {})
        if isinstance(answers.get("tags"), str):
            # The tags step's answer and the entry's tags are one list: keep them the same.
            if tags:
                answers["tags"] = ", ".join(tags)
            else:
                answers.pop("tags")
            entry["answers"] = answers
        try:
            saved = revisions.save_edit(self.app.store, entry)
        except StoreError as error:
            self.notify(f"{error} The tags are as they were.", severity="warning", markup=False)
            return
        self._show(saved, "Tags saved.")

    # -- earlier versions ------------------------------------------------------------------------
    def action_versions(self) -> None:
        self._read_versions()

    @work(thread=True, exclusive=True, group="versions")
    def _read_versions(self) -> None:
        try:
            found = revisions.revisions_of(self.app.store, self.entry_id)
        except StoreError as error:
            self.app.call_from_thread(self.notify, str(error), severity="warning", markup=False)
            return
        self.app.call_from_thread(self.app.push_screen, VersionsDialog(found), self._version_chosen)

    def _version_chosen(self, version: dict[str, Any] | None) -> None:
        if version:
            self.app.push_screen(EntryScreen(version["entry"], version=version), self._after_version)

    def _after_version(self, result: dict[str, Any] | None) -> None:
        if result and result.get("entry"):
            self._show(result["entry"], "That version is back. The one it replaced is kept too.")

    def action_bring_back(self) -> None:
        if not self.version:
            return
        earlier = {**self.entry, "id": self.entry_id}
        try:
            saved = revisions.save_edit(self.app.store, earlier)
        except StoreError as error:
            self.notify(f"{error} Nothing was changed.", severity="warning", markup=False)
            return
        self.dismiss({"id": self.entry_id, "entry": saved})

    # -- deleting --------------------------------------------------------------------------------
    def action_delete(self) -> None:
        from workbook.tui.screens.history import first_answer

        entry = self.entry
        title = str(entry.get("exercise_title") or entry.get("exercise_id") or "")
        self.app.push_screen(
            ConfirmDelete(when(entry.get("finished_at")), title, first_answer(entry)),
            lambda yes: yes and self._delete(),
        )

    def _delete(self) -> None:
        try:
            trash_id = trash.move_to_trash(self.app.store, self.entry_id)
        except StoreError as error:
            self.notify(f"{error} Nothing was deleted.", severity="warning", markup=False)
            return
        self.dismiss({"id": self.entry_id, "deleted": trash_id})


# -- small questions asked over the entry ------------------------------------------------------------
class ConfirmDelete(Dialog):
    """Asks before deleting; "Keep it" is where the cursor starts."""

    AUTO_FOCUS = "#keep"
    DEFAULT_CSS = DIALOG_CSS.format(name="ConfirmDelete") + """
    ConfirmDelete .dialog-buttons Button { width: auto; }
    """

    def __init__(self, when_text: str, title: str, words: str) -> None:
        super().__init__()
        self.when_text, self.title_text, self.words = when_text, title, words

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static("Delete this entry?", classes="dialog-title")
            yield Static(literal(f"{self.title_text} · {self.when_text}" + (f"\n“{self.words}”" if self.words else "")))
            yield Static(
                "\nIf you change your mind, you can bring it back for a short while "
                "afterwards: press u in your history."
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep it", id="keep", variant="primary")
                yield Button("Delete", id="delete", variant="error")

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        self.dismiss(True if event.button.id == "delete" else None)


class EditDraftDialog(Dialog):
    """Changes to this entry were started and not saved: carry on, or start from the saved entry."""

    AUTO_FOCUS = "#continue"
    DEFAULT_CSS = DIALOG_CSS.format(name="EditDraftDialog")

    def __init__(self, draft: dict[str, Any]) -> None:
        super().__init__()
        self.draft = draft

    def compose(self) -> ComposeResult:
        what = "adding the rest to this entry" if self.draft.get("completing") else "changing this entry"
        with VerticalScroll(classes="dialog"):
            yield Static("You have unsaved changes", classes="dialog-title")
            yield Static(
                f"You started {what} on {when(self.draft.get('saved_at'))}, and those changes are kept. "
                "Would you like to carry on with them, or start again from the entry as it is saved? "
                "Starting again sets those changes aside for good."
            )
            with Vertical(classes="dialog-buttons"):
                yield Button("Carry on with my changes", id="continue", variant="primary")
                yield Button("Start again from the saved entry", id="fresh")
                yield Button("Not now", id="cancel")

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "cancel" else event.button.id)


class TagsDialog(Dialog):
    """Tags for one entry, with earlier tags suggested as they are typed."""

    AUTO_FOCUS = "TagInput"
    DEFAULT_CSS = DIALOG_CSS.format(name="TagsDialog") + """
    TagsDialog .hint { color: $text-muted; margin-top: 1; }
    TagsDialog .dialog-buttons Button { width: auto; }
    """

    def __init__(self, tags: list[str], known: list[str]) -> None:
        super().__init__()
        self.tags, self.known = tags, known

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static("Tags for this entry", classes="dialog-title")
            yield TagInput(self.tags, self.known)
            hint = "Separate tags with commas. → takes a suggestion; Enter saves."
            if self.known:
                hint += " Tags you have used: " + ", ".join(one_line(t, 30) for t in self.known[:8]) + "."
            yield Static(literal(hint), classes="hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save tags", id="save", variant="primary")
                yield Button("Not now", id="cancel")

    @on(TagInput.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.dismiss(parse_tags(self.query_one(TagInput).value))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class VersionsDialog(Dialog):
    """The earlier versions of an entry, newest first; choosing one shows it."""

    AUTO_FOCUS = "OptionList"
    DEFAULT_CSS = DIALOG_CSS.format(name="VersionsDialog") + """
    VersionsDialog OptionList { height: auto; max-height: 12; }
    """

    def __init__(self, versions: list[dict[str, Any]]) -> None:
        super().__init__()
        self.versions = versions

    def compose(self) -> ComposeResult:
        from workbook.tui.screens.history import first_answer

        with VerticalScroll(classes="dialog"):
            yield Static("Earlier versions of this entry", classes="dialog-title")
            if not self.versions:
                yield Static("There are no earlier versions kept for this entry.")
            yield OptionList(
                *(
                    Option(
                        Content.assemble(
                            (f"Until {when(v.get('saved_at'))}", "bold"), "  ",
                            literal(str((v.get("entry") or {}).get("exercise_title") or "")), "\n  ",
                            literal(first_answer(v.get("entry") or {}, 50), "dim"),
                        ),
                        id=str(number),
                    )
                    for number, v in enumerate(self.versions)
                )
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", id="close")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.versions[int(event.option.id or 0)])

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)
