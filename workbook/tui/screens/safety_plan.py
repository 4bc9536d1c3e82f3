"""The person's own safety plan, to read at a hard moment: one key from the crisis screen.

It shows the newest entry of a safety exercise, each part under a short heading, in the
person's own words (never as markup). From here the plan can be updated: the exercise
opens with the plan's answers already in it, so nothing has to be typed again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static
from textual.worker import get_current_worker

from workbook.store.base import StoreError
from workbook.tui.text import answer_text, literal, when
from workbook.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp

PLAN_EXERCISE = "safety-plan"

# Short headings for the parts of the built-in plan; another safety exercise shows its prompts.
HEADINGS = {
    "warning_signs": "My warning signs",
    "on_my_own": "Things I can do on my own",
    "people_places": "People and places that take my mind off things",
    "ask_for_help": "People I can ask for help",
    "professionals": "Professionals and crisis lines",
    "safer_space": "Making my space safer",
    "reasons": "My reasons to keep going",
}
EMPTY_PART = "Nothing here yet. You can add to it when you update your plan."
NO_PLAN = (
    "You have not written a safety plan yet. It is a short list, written while things are "
    "calmer, of what helps you get through a hard time: your warning signs, what you can do, "
    "who you can turn to, and your reasons to keep going."
)


def plan_parts(entry: dict[str, Any], step_ids: list[str] | None = None) -> list[tuple[str, str]]:
    """(heading, answer in words) for each part, in the exercise's order; empty parts included
    when the exercise's steps are known."""
    prompts: dict[str, str] = entry.get("prompts") or {}
    answers: dict[str, Any] = entry.get("answers") or {}
    order = list(step_ids) if step_ids else list(prompts)
    order += [key for key in answers if key not in order]
    parts = []
    for key in order:
        heading = HEADINGS.get(key) or prompts.get(key) or key
        value = answers.get(key)
        parts.append((heading, answer_text(value) if value not in (None, "", []) else EMPTY_PART))
    return parts


class SafetyPlanScreen(Screen[None]):
    # Layout of this screen (unscoped: the selectors already name it).
    SCOPED_CSS = False
    DEFAULT_CSS = """
SafetyPlanScreen #plan-body { padding: 1 2; height: 1fr; }
SafetyPlanScreen #plan-title { text-style: bold; color: $primary; }
SafetyPlanScreen #plan-when { color: $text-muted; }
SafetyPlanScreen .plan-heading { text-style: bold; margin-top: 1; }
SafetyPlanScreen .plan-part { padding-left: 2; }
SafetyPlanScreen .plan-empty { padding-left: 2; color: $text-muted; }
SafetyPlanScreen #plan-nav { height: auto; padding: 0 1; }
SafetyPlanScreen #plan-nav Button { margin-right: 2; }
"""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("u", "update", "Update my plan"),
    ]

    app: WorkbookApp

    def __init__(self, plan: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.plan = plan
        self.looked = plan is not None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="plan-body"):
            yield Static("My safety plan", id="plan-title")
            yield Vertical(id="plan-parts")
        with Horizontal(id="plan-nav"):
            yield Button("Update my plan", id="update")
            yield Button("Back", id="back")
        yield KeyFooter()

    async def on_mount(self) -> None:
        self.query_one("#update", Button).display = False
        if self.plan is not None:
            await self.show_plan()
        else:
            await self.query_one("#plan-parts").mount(Static("Looking for your plan…", id="plan-when"))
            self._look()

    @work(thread=True, exclusive=True, group="safety-plan", exit_on_error=False)
    def _look(self) -> None:
        from workbook.tui.screens.crisis import find_safety_plan

        try:
            plan = find_safety_plan(self.app.store)
        except (StoreError, OSError) as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._found, plan)

    async def _found(self, plan: dict[str, Any] | None) -> None:
        self.plan, self.looked = plan, True
        await self.show_plan()

    async def _failed(self, message: str) -> None:
        holder = self.query_one("#plan-parts")
        await holder.remove_children()
        await holder.mount(Static(literal(f"Your plan could not be read just now. {message}")))

    def _exercise(self):
        catalog = getattr(self.app, "catalog", None)
        exercise_id = (self.plan or {}).get("exercise_id") or PLAN_EXERCISE
        return catalog.exercises.get(exercise_id) if catalog is not None else None

    async def show_plan(self) -> None:
        holder = self.query_one("#plan-parts")
        await holder.remove_children()
        update = self.query_one("#update", Button)
        exercise = self._exercise()
        if self.plan is None:
            widgets = [Static(NO_PLAN)]
            update.label = "Write my safety plan"
            update.display = exercise is not None
            await holder.mount_all(widgets)
            self.refresh_bindings()
            return
        step_ids = [s.id for s in exercise.steps if getattr(s, "prompt", None)] if exercise else None
        widgets = [Static(f"Written {when(self.plan.get('finished_at'))}", id="plan-when")]
        for heading, words in plan_parts(self.plan, step_ids):
            widgets.append(Static(literal(heading), classes="plan-heading"))
            widgets.append(Static(literal(words), classes="plan-empty" if words == EMPTY_PART else "plan-part"))
        widgets.append(Static(Content.styled(
            "\nThe people on the crisis screen (F2) are there for you too, any time.", "dim")))
        update.label = "Update my plan"
        update.display = exercise is not None
        await holder.mount_all(widgets)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "update":
            return self.looked and self._exercise() is not None
        return True

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.app.pop_screen()

    @on(Button.Pressed, "#update")
    def action_update(self) -> None:
        """Open the plan's exercise with the plan's answers in it (unless a draft is waiting)."""
        exercise = self._exercise()
        if exercise is None:
            return
        store = self.app.store
        if self.plan is not None:
            try:
                if store.get_draft(exercise.id) is None:
                    from workbook.engine import Run

                    answers = {k: v for k, v in (self.plan.get("answers") or {}).items()
                               if any(s.id == k for s in exercise.steps)}
                    store.save_draft(Run.from_draft(exercise, {"answers": answers, "step": exercise.steps[0].id})
                                     .draft())
                    self.app.open_exercise(exercise.id, resume=True)
                    return
            except StoreError as error:
                self.app.notify(f"{error} Your plan is unchanged.", severity="warning", markup=False)
                return
        self.app.open_exercise(exercise.id)
