"""`workbook checkin [--date DAY]`: the daily check-in, one line per goal.

Reads answers from the keyboard, or from a pipe (one line per goal, in the order
shown; an empty line skips). What was answered is saved at the end, and also when the
input ends early or the person types quit: nothing typed is thrown away.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any, TextIO

from workbook.commands.common import opened_store, report_store_notices
from workbook.errors import UsageError, WorkbookError


def parse_date_option(text: str | None, option: str = "--date") -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} needs a date written like 2026-11-22.") from None


def run(args: argparse.Namespace) -> int:
    from workbook.goals import GoalBook

    day = parse_date_option(getattr(args, "date", None))
    with opened_store(args) as store:
        report_store_notices(store)
        book = GoalBook(store)
        return plain_checkin(book, day, guest=args.guest)


def announce_followed(book: Any, output: TextIO) -> None:
    """Goals made from goal exercises finished since the last look, said once."""
    from workbook.goals import follow

    followed = follow(book.store, book.clock)
    for goal in followed.goals:
        print(f"New goal from your exercise: {goal['title']} ({goal['id']}).", file=output)
    for note in followed.notes:
        print(note, file=output)


def plain_checkin(
    book: Any, day: date | None = None, *, input: TextIO | None = None, output: TextIO | None = None,
    guest: bool = False,
) -> int:
    from workbook.goals.measures import AnswerProblem, answer_hint, parse_answer, typed_form
    from workbook.goals.words import day_label, goal_line, long_day, value_text
    from workbook.plain.care import crisis_lines
    from workbook.plain.console import Back, Console, Quit

    console = Console(input, output)
    console.on_crisis = lambda: console.say_lines(crisis_lines(asked=True))
    out = console.output
    announce_followed(book, out)
    today = book.today
    day = day or today
    if day > today:
        raise UsageError("A check-in can be for today or an earlier day, not a day still to come.")
    rows = book.checkin_rows(day)
    if not rows:
        console.say(f"No goals to check in on for {day_label(day, today)}. `workbook goals new` sets one up.")
        return 0
    console.say(f"Check-in for {long_day(day)}")
    console.say("One line per goal: y or n, or a number. Press Enter to skip one; type back, quit or crisis at any time.")
    answers: dict[int, Any] = {}
    index, heading_shown = 0, False
    stopped = False
    while index < len(rows):
        row = rows[index]
        if row.catch_up and not heading_shown:
            console.say("")
            console.say("Catching up: earlier days you have not filled in. Enter skips a day; it is fine to leave them.")
            heading_shown = True
        goal = row.goal
        label = goal["title"] if not row.catch_up else f"{day_label(row.day, today)}: {goal['title']}"
        extra = ""
        if goal["measure"]["kind"] == "days-since" and row.progress.days_since is not None:
            extra = f" (day {row.progress.days_since.current}) — did you stay away from it today?"
        elif row.progress.this_week is not None:
            got, asks = row.progress.this_week
            extra = f" (this week so far: {got} of {asks})"
        console.say(f"{label}{extra} — {answer_hint(goal['measure'])}")
        current = answers.get(index, row.value)
        if current is not None:
            console.say(f"  So far: {value_text(goal, current)}. Press Enter to keep it.")
        try:
            line = console.first_line()
        except Back:
            index = max(0, index - 1)
            continue
        except (Quit, EOFError, KeyboardInterrupt):
            stopped = True
            break
        if line is None or not line.strip():
            index += 1
            continue
        try:
            answers[index] = parse_answer(goal["measure"], line)
        except AnswerProblem as problem:
            console.say(f"  {problem}")
            continue
        index += 1
    changes = [(rows[i].goal, rows[i].day, value) for i, value in answers.items() if value != rows[i].value]
    if not changes:
        console.say("")
        console.say("Nothing new to save. Take care." if not stopped else "Stopping here; nothing new was typed.")
        return 0
    try:
        saved = book.save_checkins(changes)
    except (WorkbookError, OSError) as error:
        print(f"Your check-in could not be saved: {error}", file=sys.stderr)
        for goal, when, value in changes:
            console.say(f"  {when.isoformat()} {goal['title']}: {typed_form(goal['measure'], value)}")
        return 1
    console.say("")
    who = " (guest mode: nothing is kept after this)" if guest else ""
    console.say(f"Saved {saved} answer{'s' if saved != 1 else ''}{who}.")
    seen: set[str] = set()
    for goal, _, _ in changes:
        if goal["id"] not in seen:
            seen.add(goal["id"])
            console.say(f"  {goal_line(goal, book.progress(book.get(goal['id']) or goal), today)}")
    for goal, when, value in changes:
        if goal["measure"]["kind"] == "days-since" and value is False and not stopped:
            offer_start_again(book, goal, when, console)
    return 0


def offer_start_again(book: Any, goal: dict[str, Any], day: date, console: Any) -> None:
    from workbook.goals.model import GoalProblem
    from workbook.plain.console import Back, Quit

    console.say("")
    console.say(
        f"Thank you for being honest with yourself about “{goal['title']}”. "
        "Would you like to start the count again? The days you had still count, and are kept."
    )
    console.say(f"Type y to begin a new stretch from {day.isoformat()}, or press Enter to leave it as it is.")
    try:
        answer = console.first_line()
        if not answer or answer.strip().casefold() not in ("y", "yes"):
            console.say("Left as it is. You can start again whenever you like: `workbook goals start-again "
                        f"{goal['id']}`.")
            return
        console.say("Anything you would like to note about this time, for yourself? (Enter to skip)")
        note = console.first_line() or ""
    except (Back, Quit, EOFError, KeyboardInterrupt):
        return
    try:
        updated = book.start_again(goal["id"], on=day, note=note)
    except GoalProblem as problem:
        console.say(str(problem))
        return
    from workbook.goals.recovery import days_since

    since = days_since(updated, book.today)
    console.say(f"A new stretch begins on {day.isoformat()}. {since.sentence()}")
