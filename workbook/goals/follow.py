"""Following finished entries: goals from the goal exercises, and a small progress index.

Finished entries are saved by the exercise screens and by plain mode, which know
nothing of goals. So goals are made by following the entries: `follow()` looks at
entries newer than the last look (normally only this month's file) and, for each one
not seen before,
- makes the goals a goal exercise describes (smart-goal, self-care-set, days-since,
  meetings), so a goal appears whichever front-end finished the exercise, and even if
  the app stopped between saving the entry and making the goal;
- notes reflection entries (weekly reflections, breakthroughs, signs-of-progress
  ratings) in a small index, so the progress views never read years of entries.

The index lives in store.table("progress_index") as one document:
{"marker": newest finished_at seen, "entries": {entry id: {exercise_id, finished_at, ...}}}
holding breakthroughs and signs-of-progress ratings only, so it stays small. An entry
that made goals is known by the goals' "source_entry"; entries older than the marker
(less a little slack) are never looked at again. Weekly reflections need no index:
the week view reads that week's entries directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable

from workbook.goals.clock import Clock, SystemClock
from workbook.goals.makers import MAKERS, goals_from_entry

INDEX = "progress_index"
INDEX_KEY = "index"
REFLECTION = "weekly-reflection"
BREAKTHROUGH = "breakthrough-log"
SIGNS = "progress-signs"
INDEXED = {BREAKTHROUGH, SIGNS}
FOLLOWED = set(MAKERS) | INDEXED
SIGN_IDS = ("openness", "words", "hard_topics", "distress", "coping")
# Entries saved a little before the last look (another time zone, a slow clock) are still seen.
SLACK = timedelta(days=2)
# The very first look makes goals only from goal exercises finished this recently, so a long
# history of earlier plans does not all turn into goals at once.
FIRST_LOOK = timedelta(days=60)
PREVIEW = 120


@dataclass
class Followed:
    goals: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _moment(text: Any) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.astimezone()


def _older_than(moment: datetime | None, age: timedelta, clock: Clock | None) -> bool:
    if moment is None:
        return False
    return moment < (clock or SystemClock()).now() - age


def read_index(store: Any) -> dict[str, Any]:
    document = store.table(INDEX).get(INDEX_KEY)
    if not isinstance(document, dict) or not isinstance(document.get("entries"), dict):
        return {"version": 1, "marker": None, "entries": {}}
    return document


def _row(entry: dict[str, Any]) -> dict[str, Any]:
    answers = entry.get("answers") or {}
    row: dict[str, Any] = {"exercise_id": entry.get("exercise_id"), "finished_at": entry.get("finished_at")}
    if entry.get("exercise_id") == BREAKTHROUGH:
        kind = answers.get("kind")
        row["kind"] = str(kind) if kind else ""
        realisation = " ".join(str(answers.get("realisation") or "").split())
        row["preview"] = realisation[:PREVIEW]
    elif entry.get("exercise_id") == SIGNS:
        row["ratings"] = {
            key: answers[key]
            for key in SIGN_IDS
            if isinstance(answers.get(key), int) and not isinstance(answers.get(key), bool)
        }
    return row


def absorb(store: Any, entries: Iterable[dict[str, Any]], clock: Clock | None = None) -> Followed:
    """Make goals from, and index, these entries (each only once, ever)."""
    return _absorb(store, list(entries), clock or SystemClock(), read_index(store), None, None)


def _absorb(
    store: Any,
    entries: list[dict[str, Any]],
    clock: Clock,
    index: dict[str, Any],
    marker: str | None,
    forget_before: datetime | None,
) -> Followed:
    """Make goals from, and index, entries not seen before.

    A goal exercise whose answers made no goal is remembered (so its note is said once)
    while it could still be looked at again: from `forget_before` on.
    """
    result = Followed()
    seen = index["entries"]
    changed = False
    goals_table = store.table("goals")
    made_from: set[str] | None = None  # entries that already made goals
    existing: list[str] = []
    for entry in entries:
        entry_id = entry.get("id")
        exercise_id = entry.get("exercise_id")
        if not entry_id or exercise_id not in FOLLOWED or entry_id in seen:
            continue
        if exercise_id in INDEXED:
            seen[entry_id] = _row(entry)
            changed = True
            continue
        if made_from is None:
            goals = [g for _, g in goals_table.items() if isinstance(g, dict)]
            made_from = {str(g.get("source_entry")) for g in goals if g.get("source_entry")}
            existing = [str(g.get("id")) for g in goals]
        if entry_id in made_from:
            continue
        goals_made, notes = goals_from_entry(entry, clock, existing)
        for goal in goals_made:
            goals_table.put(goal["id"], goal)
            existing.append(goal["id"])
        if goals_made:
            made_from.add(entry_id)
        else:
            seen[entry_id] = {"exercise_id": exercise_id, "finished_at": entry.get("finished_at"), "goals": []}
            changed = True
        result.goals.extend(goals_made)
        result.notes.extend(notes)
    if forget_before is not None:
        for key in [k for k, row in seen.items() if row.get("goals") == [] and
                    (_moment(row.get("finished_at")) or forget_before) < forget_before]:
            del seen[key]  # never looked at again, so nothing to remember
            changed = True
    if marker and marker != index.get("marker"):
        index["marker"] = marker
        changed = True
    if changed:
        store.table(INDEX).put(INDEX_KEY, index)
    return result


def follow(store: Any, clock: Clock | None = None) -> Followed:
    """Look at entries finished since the last look; make their goals and index them."""
    index = read_index(store)
    marker = _moment(index.get("marker"))
    stop_month = (marker - SLACK).strftime("%Y-%m") if marker else None
    newest: datetime | None = marker
    newest_text = index.get("marker")
    fresh: list[dict[str, Any]] = []
    cutoff = marker - SLACK if marker is not None else None
    for entry in store.iter_entries():
        if stop_month and str(entry.get("id", ""))[:7] < stop_month:
            break
        finished = _moment(entry.get("finished_at"))
        if cutoff is not None and finished is not None and finished < cutoff:
            break  # newest first: everything from here on was seen before
        if finished is not None and (newest is None or finished > newest):
            newest, newest_text = finished, str(entry.get("finished_at"))
        if entry.get("exercise_id") in FOLLOWED and entry.get("id") not in index["entries"]:
            if marker is None and entry.get("exercise_id") in MAKERS and _older_than(finished, FIRST_LOOK, clock):
                continue  # plans from long before goals were kept: they stay in the history as they are
            fresh.append(entry)
    fresh.reverse()  # oldest first, so goals are made in the order they were set
    forget_before = newest - SLACK if newest is not None else None
    return _absorb(store, fresh, clock or SystemClock(), index, newest_text, forget_before)


def indexed(store: Any, exercise_id: str) -> list[tuple[str, dict[str, Any]]]:
    """(entry id, row) for one followed exercise, oldest first."""
    rows = [(key, row) for key, row in read_index(store)["entries"].items() if row.get("exercise_id") == exercise_id]
    return sorted(rows, key=lambda item: (_moment(item[1].get("finished_at")) or datetime.min.replace(tzinfo=timezone.utc), item[0]))


def forget(store: Any, entry_id: str) -> None:
    """Drop an entry that is no longer there (deleted elsewhere) from the index."""
    index = read_index(store)
    if entry_id in index["entries"]:
        del index["entries"][entry_id]
        store.table(INDEX).put(INDEX_KEY, index)
