"""Month summaries for the progress page, kept up to date on save.

The store's "summaries" table holds one small document per month of entries (see
`dashboard.summarise`), with the fingerprint of the month file it was built from. So:

- after every save, `note_saved(store, entry)` rebuilds that one month's summary (a few
  hundred entries at most) and stamps it with the file as it now is;
- opening the progress page, `fresh_summaries(store)` reads the small table and checks
  each month's fingerprint; only a month whose file changed some other way (an import,
  a restore, a deletion, a save by an older version) is read again.

A summary is only ever derived from entries: if it is missing, damaged or stale it is
rebuilt, and nothing is lost. A failure here never stops an entry from being saved.
Only the store interface is used (no TinyDB); a store without files (guest mode) has no
fingerprints, so its few entries are summarised afresh each time.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Mapping

from workbook.insights.dashboard import SUMMARY_VERSION, summarise

TABLE = "summaries"

# The page computes in a worker thread while the screen may save an entry: one at a time.
_lock = threading.RLock()


def _has_files(store: Any) -> bool:
    return getattr(store, "folder", None) is not None


def fingerprint(store: Any, month: str) -> list[int] | None:
    """What the month's entry file looks like now: changes whenever it is rewritten."""
    if not _has_files(store):
        return None
    folder = getattr(store.monthly("entries"), "folder", None)
    if folder is None:
        return None
    try:
        found = os.stat(os.path.join(folder, f"{month}.json"))
    except OSError:
        return None
    return [found.st_mtime_ns, found.st_size, found.st_ino]


def month_entries(store: Any, month: str) -> Iterator[dict[str, Any]]:
    """One month's entries, read-only. The table's scan() reads them without copies."""
    table = store.monthly("entries")
    scan = getattr(table, "scan", None)
    if scan is not None:
        yield from scan(month)
        return
    for entry in table:  # an older table: go through it all, keeping this month
        if str(entry.get("id", ""))[:7] == month:
            yield entry


def summarise_month(store: Any, month: str) -> dict[str, Any]:
    """One month's summary from its entries, stamped with the file it was read from."""
    summary = summarise(month_entries(store, month))
    summary["fp"] = fingerprint(store, month)
    return summary


def rebuild_month(store: Any, month: str) -> dict[str, Any]:
    """Summarise one month from its entries and keep the result (when it can be checked later)."""
    with _lock:
        summary = summarise_month(store, month)
        if summary["fp"] is not None:
            store.table(TABLE).put(month, summary)
        return summary


def keep_summaries(store: Any, pending: list[tuple[str, dict[str, Any]]]) -> None:
    """Write summaries worked out earlier, unless their month has changed since (then that
    save's own hook has written a newer one, or the next look will)."""
    with _lock:
        table = store.table(TABLE)
        for month, summary in pending:
            if summary.get("fp") is not None and fingerprint(store, month) == summary["fp"]:
                table.put(month, summary)
        pending.clear()


def _month_of(entry: Mapping[str, Any]) -> str | None:
    key = str(entry.get("id") or entry.get("finished_at") or "")[:7]
    return key if len(key) == 7 and key[4] == "-" else None


def note_saved(store: Any, entry: Mapping[str, Any]) -> None:
    """Call after save_entry (or replace/delete): brings that month's summary up to date.

    Never raises: the entry is already safe, and a summary that could not be written is
    simply found stale, and rebuilt, the next time the progress page opens.
    """
    month = _month_of(entry)
    if month is None or not _has_files(store):
        return
    try:
        rebuild_month(store, month)
    except Exception:  # noqa: BLE001 - derived data; see the docstring
        pass


def fresh_summaries(store: Any, later: list[tuple[str, dict[str, Any]]] | None = None) -> list[dict[str, Any]]:
    """Every month's summary, newest month first, each checked against its file and
    rebuilt if it is missing or stale. Summaries of months that no longer exist are dropped.

    Rebuilt summaries are written at once, or, given a `later` list, put there for
    keep_summaries() (the page shows first and writes after: after an import, every month).
    """
    with _lock:
        entries = store.monthly("entries")
        months = entries.month_names()
        table = store.table(TABLE)
        try:
            stored = dict(table.items())
        except Exception:  # noqa: BLE001 - an unreadable summary file: rebuild everything
            stored = {}
        result = []
        for month in months:
            summary = stored.get(month)
            stamp = fingerprint(store, month)
            if (
                not isinstance(summary, dict)
                or summary.get("v") != SUMMARY_VERSION
                or stamp is None
                or summary.get("fp") != stamp
            ):
                summary = summarise_month(store, month)
                if later is not None:
                    later.append((month, summary))
                elif summary["fp"] is not None:
                    table.put(month, summary)
            result.append(summary)
        gone = [month for month in stored if month not in set(months)]
        for month in gone:
            try:
                table.delete(month)
            except Exception:  # noqa: BLE001 - an old summary left behind is harmless
                pass
        return result


@dataclass
class DashboardInputs:
    """What the progress page is built from: month summaries, and the goals with their marks
    (goals None when this workbook has no goals feature)."""

    summaries: list[dict[str, Any]]
    pending: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # for keep_summaries()
    goals: list[dict[str, Any]] | None = None
    marks: dict[str, Any] = field(default_factory=dict)
    problem: str = ""  # a plain sentence when the goals could not be read


def load_dashboard(store: Any, defer_writes: bool = False) -> DashboardInputs:
    """Everything the progress page needs, read through the store's interface (slow I/O:
    call it in a worker). The goals come from workbook.goals' own tables. With
    `defer_writes`, rebuilt summaries wait in `pending` for keep_summaries()."""
    pending: list[tuple[str, dict[str, Any]]] = []
    inputs = DashboardInputs(fresh_summaries(store, pending if defer_writes else None), pending)
    try:
        from workbook.goals import GoalBook, follow
    except ImportError:
        return inputs
    try:
        follow(store)  # goals from goal exercises finished since the last look
        book = GoalBook(store)
        inputs.goals = book.goals()
        inputs.marks = {goal["id"]: book.marks_for(goal["id"]) for goal in inputs.goals}
    except Exception as error:  # noqa: BLE001 - the other panels still show
        inputs.goals = None
        inputs.problem = f"Your goals could not be read just now ({error})."
    return inputs


def trend_sentence(store: Any, exercise_id: str, entry_id: str | None = None) -> str:
    """How a check-in total compares with the earlier ones ("" when it cannot be told).

    Without `entry_id`, the newest total of the exercise is the one described.
    """
    from workbook.insights.dashboard import all_scores, score_trend

    try:
        _, sentence = score_trend(all_scores(fresh_summaries(store)), exercise_id, entry_id)
    except Exception:  # noqa: BLE001 - a trend is a nicety; the score itself is already shown
        return ""
    return sentence


def summaries_of(entries: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Summaries straight from entries, without a store (tests, exports, guest mode)."""
    by_month: dict[str, list[Mapping[str, Any]]] = {}
    for entry in entries:
        by_month.setdefault(_month_of(entry) or "0000-00", []).append(entry)
    return [summarise(items) for _, items in sorted(by_month.items(), reverse=True)]
