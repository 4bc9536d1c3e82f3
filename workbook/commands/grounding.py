"""`workbook grounding [--all]`: the grounding exercises, and how grounding has gone.

Plain text for any terminal or screen reader: the exercises (with the command that
starts each), one sentence about distress before and after over time, the average
change per technique with how many sessions it rests on, and the sessions themselves.
"""

from __future__ import annotations

import argparse

from workbook.commands.common import load_catalog_for, opened_store, report_store_notices
from workbook.insights.grounding import (
    CATEGORY,
    Session,
    change_words,
    finding,
    grounding_sessions,
    techniques,
)

RECENT = 20  # sessions listed without --all


def _rating(value: int | None) -> str:
    return "—" if value is None else str(value)


def _when(session: Session) -> str:
    moment = session.moment
    return moment.strftime("%Y-%m-%d %H:%M") if moment else session.finished_at[:16]


def report(catalog, sessions: list[Session], show_all: bool) -> list[str]:
    lines = ["Grounding exercises (start one with `workbook do ID`, or add --plain):"]
    exercises = sorted(catalog.by_category().get(CATEGORY, []), key=lambda e: (e.minutes, e.title.casefold()))
    width = max((len(e.id) for e in exercises), default=0)
    for exercise in exercises:
        lines.append(f"  {exercise.id:<{width}}  {exercise.title} · {exercise.minutes} min")
    if not exercises:
        lines.append("  (none here just now)")
    lines += ["", "How grounding has gone", finding(sessions)]
    found = techniques(sessions)
    if found:
        lines += ["", "What helps you most"]
        lines += [f"  {t.title}: {t.describe()}" for t in found]
    if sessions:
        shown = sessions if show_all else sessions[:RECENT]
        lines += ["", "Sessions, newest first: distress before → after"]
        for session in shown:
            change = change_words(session.before, session.after)
            lines.append(
                f"  {_when(session)}  {session.title}  {_rating(session.before)} → {_rating(session.after)}"
                + (f"  ({change})" if change != "—" else "")
            )
        if len(shown) < len(sessions):
            lines.append(f"  … and {len(sessions) - len(shown)} earlier ones (`workbook grounding --all` lists them all).")
    return lines


def run(args: argparse.Namespace) -> int:
    catalog = load_catalog_for(args)
    with opened_store(args) as store:
        report_store_notices(store)
        sessions = grounding_sessions(e for e in store.iter_entries() if e.get("category") == CATEGORY)
    print("\n".join(report(catalog, sessions, args.all)))
    return 0
