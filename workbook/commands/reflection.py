"""`workbook reflection [week|progress] [--date DAY]`: looking back, in plain mode.

    week       the week's own data (entries, goals, distress) beside its reflection
    progress   signs of progress over time, with one sentence, and your breakthroughs
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from workbook.commands.checkin import parse_date_option
from workbook.commands.common import opened_store, report_store_notices
from workbook.errors import UsageError


def run(args: argparse.Namespace) -> int:
    view = args.view or "week"
    if view not in ("week", "progress"):
        raise UsageError(f"There is no reflection view '{view}'; try week or progress.")
    with opened_store(args) as store:
        report_store_notices(store)
        from workbook.goals import GoalBook, follow

        book = GoalBook(store)
        follow(store, book.clock)
        if view == "week":
            return show_week(book, parse_date_option(args.date) or book.today)
        return show_progress(book)


def show_week(book: Any, day: date) -> int:
    from workbook.goals.words import long_day

    from workbook.goals.weekly import load_week

    summary = load_week(book, day)
    print(f"Your week: {long_day(summary.monday)} to {long_day(summary.sunday)}")
    print("")
    print("What the week held")
    for line in summary.lines():
        print(line)
    print("")
    print("Your reflection")
    if not summary.reflections:
        print("No weekly reflection was written this week. `workbook do weekly-reflection --plain` starts one.")
    for entry in summary.reflections:
        for line in answer_lines(entry):
            print(line)
    return 0


def answer_lines(entry: dict[str, Any]) -> list[str]:
    """An entry's prompts and answers, as plain lines."""
    prompts = entry.get("prompts") or {}
    answers = entry.get("answers") or {}
    lines: list[str] = []
    for key, value in answers.items():
        if isinstance(value, dict):
            continue  # a timer's record says nothing to read back
        lines.append(str(prompts.get(key) or key))
        if isinstance(value, list):
            lines.extend(f"  - {item}" for item in value)
        else:
            lines.extend(f"  {line}" for line in str(value).split("\n"))
    return lines or ["(nothing was written)"]


def show_progress(book: Any) -> int:
    from workbook.goals.follow import BREAKTHROUGH, SIGNS, indexed
    from workbook.insights.reflection import SIGNS as SIGN_LIST, ratings_from_rows, series, signs_finding

    ratings = ratings_from_rows(indexed(book.store, SIGNS))
    print("Signs of progress")
    print(signs_finding(ratings))
    if ratings:
        for sign, name in SIGN_LIST:
            points = series(ratings, sign)
            if points:
                print(f"  {name}: " + " → ".join(str(v) for _, v in points))
    print("`workbook do progress-signs --plain` adds a rating.")
    print("")
    print("Breakthroughs")
    rows = indexed(book.store, BREAKTHROUGH)
    if not rows:
        print("None written yet. `workbook do breakthrough-log --plain` writes one down while it is fresh.")
    for _, row in reversed(rows):
        when = str(row.get("finished_at") or "")[:10]
        kind = f" · {row['kind']}" if row.get("kind") else ""
        print(f"  {when}{kind}: {row.get('preview') or '(no words written)'}")
    return 0
