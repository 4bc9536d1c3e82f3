"""`workbook goals [ACTION] [ID]`: your goals in plain mode.

    workbook goals                      list them (archived ones with --all)
    workbook goals show ID              everything about one goal
    workbook goals new [--kind KIND]    set one up (smart, self-care, days-since, meetings)
    workbook goals pause|resume|complete|archive|restore ID
    workbook goals edit ID              change it, one field at a time
    workbook goals start-again ID [--date DAY]   begin a new stretch of a days-since goal

An ID can be shortened to its first few characters, as long as only one goal starts so.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from workbook.commands.checkin import announce_followed, parse_date_option
from workbook.commands.common import load_catalog_for, opened_store, report_store_notices
from workbook.errors import UsageError, WorkbookError

ACTIONS = ("list", "show", "new", "pause", "resume", "complete", "archive", "restore", "edit", "start-again")
STATUS_FOR = {"pause": "paused", "resume": "active", "complete": "completed", "archive": "archived", "restore": "active"}
DONE_WORDS = {
    "paused": "is paused. Paused days are never counted as missed; `workbook goals resume {id}` picks it up again.",
    "active": "is active again.",
    "completed": "is marked as completed. It stays in your list, with all its check-ins.",
    "archived": "is archived: out of the way, with nothing deleted. `workbook goals restore {id}` brings it back.",
}
KINDS = {"smart": "smart-goal", "self-care": "self-care-set", "days-since": "days-since", "meetings": "meetings"}


def run(args: argparse.Namespace) -> int:
    from workbook.goals import GoalBook

    action = args.action or "list"
    if action not in ("list", "new") and not args.goal_id:
        raise UsageError(f"`workbook goals {action}` needs the goal's id; `workbook goals` lists them.")
    if action == "new":
        return new_goal(args)
    with opened_store(args) as store:
        report_store_notices(store)
        book = GoalBook(store)
        if action == "list":
            announce_followed(book, sys.stdout)
            return list_goals(book, include_archived=args.all)
        goal = book.find(args.goal_id)
        if action == "show":
            return show_goal(book, goal)
        if action in STATUS_FOR:
            updated = book.set_status(goal["id"], STATUS_FOR[action])
            print(f"“{updated['title']}” " + DONE_WORDS[updated["status"]].format(id=updated["id"]))
            return 0
        if action == "edit":
            return edit_goal(book, goal)
        if action == "start-again":
            return start_again(book, goal, parse_date_option(args.date))
    raise UsageError(f"There is no goals action '{action}'; the actions are {', '.join(ACTIONS)}.")


def list_goals(book: Any, include_archived: bool = False) -> int:
    from workbook.goals.words import goal_line

    goals = book.goals(include_archived=include_archived)
    if not goals:
        hidden = len(book.goals()) if not include_archived else 0
        print("No goals yet. `workbook goals new` sets one up, a step at a time."
              if not hidden else f"No goals to show; {hidden} archived (see them with --all).")
        return 0
    today = book.today
    for goal in goals:
        print(f"{goal['id']}\t{goal_line(goal, book.progress(goal), today)}")
    return 0


def show_goal(book: Any, goal: dict[str, Any]) -> int:
    from workbook.goals.words import detail_lines

    print(f"{goal['id']}")
    for label, text in detail_lines(goal, book.progress(goal, full=True), book.today):
        lines = str(text).split("\n")
        print(f"{label}: {lines[0]}")
        for more in lines[1:]:
            print(f"    {more}")
    return 0


def new_goal(args: argparse.Namespace) -> int:
    from workbook.commands.common import find_exercise
    from workbook.goals import GoalBook, absorb
    from workbook.goals.words import goal_line
    from workbook.plain import run_plain

    exercise_id = KINDS.get(args.kind or "smart")
    if exercise_id is None:
        raise UsageError(f"--kind can be {', '.join(KINDS)}.")
    catalog = load_catalog_for(args)
    exercise = find_exercise(catalog, exercise_id)
    with opened_store(args) as store:
        before = {e.get("id") for e in store.entries(0, 5)}
        from workbook.plain.care import GROUNDING_ID

        code = run_plain(exercise, store, guest=args.guest, grounding_available=GROUNDING_ID in catalog.exercises)
        fresh = [e for e in store.entries(0, 5) if e.get("id") not in before and e.get("exercise_id") == exercise_id]
        if code != 0 or not fresh:
            return code
        made = absorb(store, fresh)
        print("")
        if not made.goals:
            print("No goal was added this time, as the answers did not describe one. Nothing else changed.")
        book = GoalBook(store)
        for goal in made.goals:
            print(f"Added to your goals: {goal['id']}\t{goal_line(goal, book.progress(goal), book.today)}")
        for note in made.notes:
            print(note)
        if made.goals:
            print("Check in on it each day with `workbook checkin`.")
    return code


EDITABLE = (
    ("title", "Name"),
    ("target", "Target (for example 3, 7.5 hours, by 23:00)"),
    ("schedule", "How often (every day, N a week, or days such as mon,wed,fri)"),
    ("start", "Start date (YYYY-MM-DD)"),
    ("review", "Look-back date (YYYY-MM-DD, or none)"),
    ("why", "Why it matters"),
    ("first_step", "First step"),
    ("obstacles", "What might get in the way"),
    ("plan", "The plan for it"),
)


def edit_goal(book: Any, goal: dict[str, Any], input: TextIO | None = None, output: TextIO | None = None) -> int:
    """Each field with its current value; Enter keeps it. Saved only once everything fits."""
    from workbook.goals.editing import changes_from_text, field_text
    from workbook.goals.model import GoalProblem
    from workbook.plain.console import Back, Console, Quit

    console = Console(input, output)
    console.say(f"Changing “{goal['title']}”. Press Enter to keep a field as it is; type quit to stop without saving.")
    typed: dict[str, str] = {}
    fields = [f for f in EDITABLE if not (goal["measure"]["kind"] == "days-since" and f[0] in ("target", "schedule"))]
    index = 0
    while index < len(fields):
        key, label = fields[index]
        console.say(f"{label}: {field_text(goal, key)}")
        try:
            line = console.first_line()
        except Back:
            index = max(0, index - 1)
            continue
        except (Quit, KeyboardInterrupt):
            if typed:
                console.say("Stopped; nothing was changed.")
            return 0
        except EOFError:
            break  # the input ended (a script): what was typed so far is saved
        if line is not None and line.strip():
            typed[key] = line.strip()
            try:
                changes_from_text(goal, {key: typed[key]})
            except GoalProblem as problem:
                console.say(f"  {problem}")
                typed.pop(key)
                continue
        index += 1
    if not typed:
        console.say("Nothing changed.")
        return 0
    try:
        updated = book.edit(goal["id"], changes_from_text(goal, typed))
    except (GoalProblem, WorkbookError, OSError) as problem:
        console.say(f"The changes could not be saved: {problem}")
        return 1
    console.say(f"Saved. {updated['title']}: " + ", ".join(sorted(typed)) + " changed.")
    return 0


def start_again(book: Any, goal: dict[str, Any], day: Any, input: TextIO | None = None,
                output: TextIO | None = None) -> int:
    from workbook.goals.model import GoalProblem
    from workbook.goals.recovery import days_since
    from workbook.plain.console import Back, Console, Quit

    if goal["measure"]["kind"] != "days-since":
        raise UsageError(f"“{goal['title']}” is not a days-since goal, so it has no count to start again.")
    console = Console(input, output)
    on = day or book.today
    before = days_since(goal, on)
    console.say(
        f"Starting again is part of it. The {before.current} day{'s' if before.current != 1 else ''} of this "
        "stretch still count, and stay in your history."
    )
    console.say("Anything you would like to note about this time, for yourself? What led up to it, or what might "
                "help next time. (Enter to skip)")
    try:
        note = console.first_line() or ""
    except (Back, Quit, EOFError, KeyboardInterrupt):
        note = ""
    try:
        updated = book.start_again(goal["id"], on=on, note=note)
    except GoalProblem as problem:
        raise WorkbookError(str(problem)) from None
    console.say(f"A new stretch begins on {on.isoformat()}. {days_since(updated, book.today).sentence()}")
    return 0
