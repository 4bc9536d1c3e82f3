"""Where goals and reflection meet the rest of the TUI: after an exercise, and the palette.

Imported only when needed (a completion screen of a goal exercise, or the palette), so
start-up never pays for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from textual.app import SystemCommand

from workbook.goals.follow import FOLLOWED, absorb
from workbook.goals.makers import MAKERS
from workbook.store.base import StoreError

if TYPE_CHECKING:
    from workbook.tui.app import WorkbookApp


def after_exercise(app: WorkbookApp, entry: dict[str, Any]) -> None:
    """A finished entry: a goal exercise becomes goals now; reflections join the progress index."""
    if entry.get("exercise_id") not in FOLLOWED:
        return
    try:
        made = absorb(app.store, [entry], getattr(app, "goal_clock", None))
    except (StoreError, OSError) as error:
        if entry.get("exercise_id") in MAKERS:
            app.notify(
                f"Your answers are saved. The goal could not be added just now ({error}); "
                "it will be added the next time you open your goals.",
                severity="warning", timeout=12, markup=False,
            )
        return
    if entry.get("exercise_id") not in MAKERS:
        return
    if made.goals:
        names = ", ".join(f"“{goal['title']}”" for goal in made.goals[:3])
        more = f" and {len(made.goals) - 3} more" if len(made.goals) > 3 else ""
        noun = "goal" if len(made.goals) == 1 else "goals"
        app.notify(
            f"Added to your {noun}: {names}{more}. Press o on the home screen to see your goals, "
            "or c for the daily check-in.",
            title="Goals", timeout=10, markup=False,
        )
    else:
        app.notify("No goal was added, as the answers did not describe one. Your answers are saved.",
                   timeout=8, markup=False)
    for note in made.notes:
        app.notify(note, timeout=12, markup=False)


def system_commands(app: WorkbookApp) -> Iterable[SystemCommand]:
    yield SystemCommand("Daily check-in", "Check in on today's goals (c on the home screen)", app.action_checkin)
    yield SystemCommand("Goals", "Your goals: streaks, edit, pause, complete, archive (o)", app.action_goals)
    yield SystemCommand("Your week", "The week's entries, goals and distress beside your reflection (w)",
                        app.action_week)
    yield SystemCommand("Signs of progress", "Your ratings over time, and your breakthroughs", app.action_signs)
