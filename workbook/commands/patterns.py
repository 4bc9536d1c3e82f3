"""`workbook patterns [--from DAY] [--to DAY] [--days N]`: what the journal shows, in plain text.

The same findings as the patterns screen (insights.patterns), each as a sentence with
its numbers, followed by the numbers themselves as a small table: readable by a screen
reader, and easy to copy for a therapist. Words the person wrote are printed with control
characters made visible, so a pasted escape sequence cannot change the terminal.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date, timedelta

from workbook.commands.common import opened_store, report_store_notices
from workbook.errors import WorkbookError
from workbook.insights.patterns import DAYS, PARTS, Count, Findings, findings

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
EMPTY = (
    "There are no entries about hard moments here yet. When you write a trigger journal, log a "
    "moment or fill in a thought record, what they show will appear here."
)


def _safe(text: str) -> str:
    return _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise WorkbookError(f"{option} needs a day written as YYYY-MM-DD, for example 2026-03-14.") from None


def _short(label: str, width: int = 36) -> str:
    flat = " ".join(label.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _counts(counts: list[Count], quoted: bool = False) -> list[str]:
    labels = [f"“{_short(c.label)}”" if quoted else _short(c.label) for c in counts]
    width = max((len(label) for label in labels), default=0)
    return [f"  {label:<{width}}  {c.count}" for label, c in zip(labels, counts)]


def report(result: Findings, since: date | None, until: date | None) -> list[str]:
    """The findings as lines of plain text."""
    if since and until:
        period = f" from {since} to {until}"
    elif since:
        period = f" since {since}"
    elif until:
        period = f" up to {until}"
    else:
        period = ""
    lines = ["Patterns in your journal", ""]
    if not result.entries:
        return lines + [EMPTY + (f" (This looks at the entries{period}.)" if period else "")]
    count = result.entries
    lines += [
        f"Based on {count} {'entry' if count == 1 else 'entries'} about hard moments{period}. "
        "These are patterns to notice, not judgements.",
        "",
        "Feelings you named most",
        result.emotions_sentence,
        *_counts(result.emotions),
        "",
        "What set it off",
        result.triggers_sentence,
        *(_counts(result.triggers, quoted=True) if result.triggers else _counts(result.trigger_words, quoted=True)),
        "",
        "When they happen",
        result.when_sentence,
        "  " + " " * 10 + "".join(f"{name:>11}" for name, _, _ in PARTS),
        *(f"  {day:<10}" + "".join(f"{n:>11}" for n in row) for day, row in zip(DAYS, result.when.counts)),
        "",
        "How strong, over time",
        result.intensity_sentence,
    ]
    by_month = result.intensity_by == "month"
    for period_row in result.intensity:
        label = period_row.start.strftime("%B %Y") if by_month else f"week of {period_row.start:%d %b %Y}"
        lines.append(
            f"  {label:<20} {period_row.mean:>4.1f} out of 10  "
            f"({period_row.count} {'entry' if period_row.count == 1 else 'entries'})"
        )
    lines += ["", "What came before calmer feelings", result.coping_sentence]
    effects = result.coping + ([result.coping_baseline] if result.coping_baseline else [])
    width = max((len(_short(e.action)) for e in effects), default=0)
    for effect in effects:
        drop = round(effect.mean_drop, 1)
        points = f"{abs(drop):g} point{'' if abs(drop) == 1 else 's'}"
        change = f"{points} less strong" if drop > 0 else f"{points} stronger" if drop < 0 else "about as strong"
        lines.append(f"  {_short(effect.action):<{width}}  {change}  ({effect.times} "
                     f"{'entry' if effect.times == 1 else 'entries'})")
    if result.traps_sentence:
        lines += ["", "Thinking traps you noticed", result.traps_sentence, *_counts(result.traps)]
    return lines


def run(args: argparse.Namespace) -> int:
    since = _day(getattr(args, "since", None), "--from")
    until = _day(getattr(args, "until", None), "--to")
    days = getattr(args, "days", None)
    if days is not None:
        if days < 1:
            raise WorkbookError("--days needs a number of days, 1 or more.")
        since = date.today() - timedelta(days=days - 1)
    if since and until and since > until:
        raise WorkbookError("The --from day comes after the --to day; please swap them round.")
    with opened_store(args) as store:
        report_store_notices(store)
        result = findings(store.monthly("entries").scan(), since=since, until=until)
    sys.stdout.write("\n".join(_safe(line) for line in report(result, since, until)) + "\n")
    sys.stdout.flush()
    return 0
