"""The progress page: "am I getting better?", as small series and one plain sentence each.

Pure functions, no store and no Textual. Two layers:

1. `summarise(entries)` turns one month of finished entries into a compact summary: per
   day, counts and sums for each panel; the scored check-ins; the newest safety plan.
   The store keeps one such summary per month (see insights/summaries.py), updated on
   every save, so opening the page never reads ten thousand entries.
2. `build_panels(summaries, today, range_key)` turns the summaries into panels for a
   range (4 weeks, 3 months, a year, all): a series to draw and a sentence that states
   the finding with its numbers. Sums and counts are kept (not averages), so every
   average is exact for any range.

Sentences describe; they never praise, blame or diagnose. A check-in total is shown with
its band (the exercise's own words) and how it compares with the one before.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Iterable, Mapping, Sequence

from workbook.insights.fields import intensity_of

SUMMARY_VERSION = 1

JOURNALING = "journaling"
GROUNDING = "grounding"
SAFETY = "safety"
BEFORE, AFTER = "distress_before", "distress_after"
# The self-rating exercise of the goals work ("Signs of progress", exercises/reflection/
# progress-signs.yaml): each 0-10 scale is one sign, followed on its own. For distress a
# lower number means less, so signs are never added together.
PROGRESS_EXERCISES = ("progress-signs",)
SIGN_NAMES = {
    "openness": "openness with people you trust",
    "words": "putting feelings into words",
    "hard_topics": "facing hard topics",
    "coping": "new ways of coping",
    "distress": "distress carried (lower is less)",
}

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# -- 1. one month of entries -> its summary ------------------------------------------------------
def day_of(entry: Mapping[str, Any]) -> str | None:
    """The local day an entry was finished on ("2026-11-03"), from its own clock."""
    day = str(entry.get("finished_at") or entry.get("started_at") or "")[:10]
    return day if _DAY.match(day) else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _add(pair: list[float], value: float) -> None:
    pair[0] += 1
    pair[1] += value


def _signs(entry: Mapping[str, Any]) -> dict[str, float]:
    """A signs-of-progress entry's ratings, by step id (scale answers only)."""
    answers = entry.get("answers") if isinstance(entry.get("answers"), dict) else {}
    types = entry.get("step_types") if isinstance(entry.get("step_types"), dict) else {}
    found = {}
    for key, value in answers.items():
        number = _number(value)
        if number is not None and types.get(key, "scale") == "scale":
            found[str(key)] = number
    return found


def _score_order(score: list[Any]) -> tuple[float, str, str]:
    """Oldest first, by the moment (offsets taken into account, for a person who travelled);
    totals saved in the same second go in the store's own order (by id)."""
    try:
        moment = datetime.fromisoformat(str(score[0]))
        stamp = (moment if moment.tzinfo else moment.astimezone()).timestamp()
    except ValueError:
        stamp = 0.0
    return (stamp, str(score[0]), str(score[5]))


def summarise(entries: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The compact summary of some entries (one month's, as the store keeps them).

    days: {"YYYY-MM-DD": {"n": entries, "j": journal entries, "g": [sessions, rated both,
    sum before, sum after], "i": [rated, sum of intensity], "r": signs-of-progress entries,
    "p": {sign: [rated, sum]}}};
    scores: [[finished_at, exercise_id, title, total, band, entry id]];
    plan: the newest safety-plan entry {"id", "at"}, or None.
    """
    days: dict[str, dict[str, Any]] = {}
    scores: list[list[Any]] = []
    plan: dict[str, str] | None = None
    for entry in entries:
        day = day_of(entry)
        if day is None:
            continue
        bucket = days.setdefault(day, {"n": 0})
        bucket["n"] += 1
        category = entry.get("category")
        answers = entry.get("answers") if isinstance(entry.get("answers"), dict) else {}
        if category == JOURNALING:
            bucket["j"] = bucket.get("j", 0) + 1
            intensity = intensity_of(dict(entry))
            if intensity is not None:
                _add(bucket.setdefault("i", [0, 0.0]), intensity)
        elif category == GROUNDING:
            grounding = bucket.setdefault("g", [0, 0, 0.0, 0.0])
            grounding[0] += 1
            before, after = _number(answers.get(BEFORE)), _number(answers.get(AFTER))
            if before is not None and after is not None:
                grounding[1] += 1
                grounding[2] += before
                grounding[3] += after
        if entry.get("exercise_id") in PROGRESS_EXERCISES:
            signs = _signs(entry)
            if signs:
                bucket["r"] = bucket.get("r", 0) + 1
                by_sign = bucket.setdefault("p", {})
                for sign, value in signs.items():
                    _add(by_sign.setdefault(sign, [0, 0.0]), value)
        score = entry.get("score")
        if isinstance(score, dict) and _number(score.get("total")) is not None:
            scores.append([
                str(entry.get("finished_at") or day),
                str(entry.get("exercise_id") or ""),
                str(entry.get("exercise_title") or entry.get("exercise_id") or ""),
                score["total"],
                score.get("band") if isinstance(score.get("band"), str) else None,
                str(entry.get("id") or ""),
            ])
        if category == SAFETY:
            at = str(entry.get("finished_at") or day)
            if plan is None or at > plan["at"]:
                plan = {"id": str(entry.get("id") or ""), "at": at}
    scores.sort(key=_score_order)
    return {"v": SUMMARY_VERSION, "days": days, "scores": scores, "plan": plan}


# -- reading several months' summaries -----------------------------------------------------------
def _merge_into(target: dict[str, Any], counts: Mapping[str, Any]) -> None:
    for key, value in counts.items():
        if isinstance(value, dict):
            _merge_into(target.setdefault(key, {}), value)
        elif isinstance(value, list):
            old = target.get(key) or [0] * len(value)
            target[key] = [a + b for a, b in zip(old, value)]
        elif isinstance(value, (int, float)):
            target[key] = target.get(key, 0) + value


def merged_days(summaries: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Day -> that day's counts, across months (fresh copies: the summaries are not changed).
    A day is normally in one month's summary; an entry imported with an odd id may put it
    in two, and then the counts are added."""
    merged: dict[str, dict[str, Any]] = {}
    for summary in summaries:
        for day, counts in (summary.get("days") or {}).items():
            if isinstance(counts, dict):
                _merge_into(merged.setdefault(day, {}), counts)
    return merged


def all_scores(summaries: Iterable[Mapping[str, Any]]) -> list[list[Any]]:
    """Every check-in total, oldest first: [finished_at, exercise_id, title, total, band, id]."""
    found = [list(s) for summary in summaries for s in (summary.get("scores") or [])]
    found.sort(key=_score_order)
    return found


def latest_plan(summaries: Iterable[Mapping[str, Any]]) -> dict[str, str] | None:
    """The newest safety-plan entry ({"id", "at"}), or None when none was written."""
    plans = [s["plan"] for s in summaries if isinstance(s.get("plan"), dict) and s["plan"].get("id")]
    return max(plans, key=lambda p: p.get("at", "")) if plans else None


# -- words ---------------------------------------------------------------------------------------
def number(value: float) -> str:
    """7, 6.3: at most one decimal, none when it is whole."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def difference(new: float, old: float, unit: str = "") -> str:
    """'2 higher', '1.5 points lower', 'the same': a change, without a verdict."""
    gap = round(new - old, 1)
    if gap == 0:
        return "the same"
    size = number(abs(gap))
    unit_words = f" {unit if abs(gap) == 1 else unit + 's'}" if unit else ""
    return f"{size}{unit_words} {'higher' if gap > 0 else 'lower'}"


# -- 2. summaries -> panels for a range ----------------------------------------------------------
@dataclass(frozen=True)
class Range:
    key: str
    label: str  # for the switch: "4 weeks"
    phrase: str  # in a sentence: "in the last 4 weeks"
    before: str  # the period before, in a sentence: "in the 4 weeks before"
    days: int | None  # None: everything
    bucket: str  # "day", "week" or "month"


RANGES: tuple[Range, ...] = (
    Range("4w", "4 weeks", "in the last 4 weeks", "in the 4 weeks before", 28, "day"),
    Range("3m", "3 months", "in the last 3 months", "in the 3 months before", 91, "week"),  # 13 weeks
    Range("1y", "a year", "in the last year", "in the year before", 364, "week"),  # 52 weeks
    Range("all", "all", "since your first entry", "", None, "month"),
)
RANGE_KEYS = tuple(r.key for r in RANGES)


def range_for(key: str) -> Range:
    for candidate in RANGES:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


@dataclass(frozen=True)
class Bucket:
    start: date
    end: date  # inclusive
    label: str


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # one per bucket; None where there is nothing to show


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    sentence: str
    labels: tuple[str, ...] = ()
    series: tuple[Series, ...] = ()
    kind: str = "line"  # "line", "bar" or "spark" (tiny: a sparkline)
    note: str = ""

    @property
    def has_data(self) -> bool:
        """Something worth drawing: a value at all (for bars, one above zero)."""
        if self.kind == "bar":
            return any(v for s in self.series for v in s.values)
        return any(v is not None for s in self.series for v in s.values)


@dataclass
class Window:
    """The days a range covers, its buckets, and the same length of time just before it."""

    first: date
    last: date
    buckets: list[Bucket] = field(default_factory=list)
    previous: tuple[date, date] | None = None

    @property
    def weeks(self) -> float:
        return ((self.last - self.first).days + 1) / 7


def _parse(day: str) -> date | None:
    try:
        return date.fromisoformat(day)
    except ValueError:
        return None


def window_for(chosen: Range, today: date, days: Mapping[str, Any]) -> Window | None:
    """The window a range covers, or None for "all" with nothing in it yet."""
    if chosen.days is not None:
        first = today - timedelta(days=chosen.days - 1)
        window = Window(first, today, previous=(first - timedelta(days=chosen.days), first - timedelta(days=1)))
        step = 1 if chosen.bucket == "day" else 7
        start = first
        while start <= today:
            end = min(start + timedelta(days=step - 1), today)
            window.buckets.append(Bucket(start, end, start.strftime("%d %b")))
            start = end + timedelta(days=1)
        return window
    known = sorted(d for d in (_parse(k) for k in days) if d is not None and d <= today)
    if not known:
        return None
    window = Window(known[0], today)
    year, month = known[0].year, known[0].month
    while (year, month) <= (today.year, today.month):
        start = date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        end = min(date(year, month, 1) - timedelta(days=1), today)
        window.buckets.append(Bucket(max(start, known[0]), end, start.strftime("%b %Y")))
    return window


def _in(days: Mapping[str, Any], first: date, last: date) -> list[dict[str, Any]]:
    low, high = first.isoformat(), last.isoformat()
    return [counts for day, counts in days.items() if low <= day <= high]


def _sum(items: Iterable[Mapping[str, Any]], key: str, size: int) -> list[float]:
    total = [0.0] * size
    for counts in items:
        value = counts.get(key)
        if isinstance(value, list):
            for index in range(min(size, len(value))):
                total[index] += value[index]
        elif isinstance(value, (int, float)) and size == 1:
            total[0] += value
    return total


def _per_bucket(days: Mapping[str, Any], window: Window, key: str, size: int) -> list[list[float]]:
    """The summed counts of `key` for each bucket, in one pass over the days."""
    sums = [[0.0] * size for _ in window.buckets]
    if not window.buckets:
        return sums
    starts = [b.start.isoformat() for b in window.buckets]
    low, high = window.first.isoformat(), window.last.isoformat()
    for day, counts in days.items():
        if not (low <= day <= high):
            continue
        value = counts.get(key)
        if value is None:
            continue
        index = bisect.bisect_right(starts, day) - 1
        if index < 0:
            continue
        target = sums[index]
        if isinstance(value, list):
            for i in range(min(size, len(value))):
                target[i] += value[i]
        elif size == 1:
            target[0] += value
    return sums


def _mean(n: float, total: float) -> float | None:
    return total / n if n else None


def grounding_panel(days: Mapping[str, Any], window: Window | None, chosen: Range) -> Panel:
    title = "Distress before and after grounding"
    if window is None:
        return Panel("grounding", title, f"No grounding exercises {chosen.phrase}.")
    sessions, rated, before, after = _sum(_in(days, window.first, window.last), "g", 4)
    sessions, rated = int(sessions), int(rated)
    buckets = _per_bucket(days, window, "g", 4)
    series = (
        Series("before", tuple(_mean(b[1], b[2]) for b in buckets)),
        Series("after", tuple(_mean(b[1], b[3]) for b in buckets)),
    )
    labels = tuple(b.label for b in window.buckets)
    if not sessions:
        return Panel("grounding", title, f"No grounding exercises {chosen.phrase}.", labels, series)
    did = f"You did {count(sessions, 'grounding exercise')} {chosen.phrase}."
    if not rated:
        sentence = f"{did} None of them has a distress rating both before and after."
    else:
        mean_before, mean_after = before / rated, after / rated
        change = difference(mean_after, mean_before, "point")
        change_words = "no change" if change == "the same" else change
        if rated == 1:
            sentence = (f"{did} In the one rated before and after, your distress went from "
                        f"{number(mean_before)} to {number(mean_after)} ({change_words}).")
        else:
            sentence = (f"{did} In the {rated} rated before and after, your distress averaged "
                        f"{number(mean_before)} before and {number(mean_after)} after ({change_words}).")
    return Panel("grounding", title, sentence, labels, series, "line")


def intensity_panel(days: Mapping[str, Any], window: Window | None, chosen: Range) -> Panel:
    title = "How strong hard moments felt"
    if window is None:
        return Panel("intensity", title, f"No journal entries with an intensity rating {chosen.phrase}.")
    rated, total = _sum(_in(days, window.first, window.last), "i", 2)
    rated = int(rated)
    buckets = _per_bucket(days, window, "i", 2)
    series = (Series("intensity", tuple(_mean(b[0], b[1]) for b in buckets)),)
    labels = tuple(b.label for b in window.buckets)
    if not rated:
        return Panel("intensity", title, f"No journal entries with an intensity rating {chosen.phrase}.",
                     labels, series)
    sentence = (f"You rated how strong it felt in {count(rated, 'journal entry', 'journal entries')} "
                f"{chosen.phrase}: {number(total / rated)} out of 10 on average")
    if window.previous is not None:
        earlier, earlier_total = _sum(_in(days, *window.previous), "i", 2)
        if earlier:
            sentence += f" ({number(earlier_total / earlier)} {chosen.before})"
    return Panel("intensity", title, sentence + ".", labels, series, "line")


def journaling_panel(days: Mapping[str, Any], window: Window | None, chosen: Range) -> Panel:
    title = "How often you journal"
    if window is None:
        return Panel("journaling", title, f"No journal entries {chosen.phrase}.")
    (written,) = _sum(_in(days, window.first, window.last), "j", 1)
    written = int(written)
    buckets = _per_bucket(days, window, "j", 1)
    series = (Series("entries", tuple(b[0] for b in buckets)),)
    labels = tuple(b.label for b in window.buckets)
    if not written:
        return Panel("journaling", title, f"No journal entries {chosen.phrase}.", labels, series, "bar")
    sentence = (f"You wrote {count(written, 'journal entry', 'journal entries')} {chosen.phrase}, "
                f"about {number(written / window.weeks)} a week")
    if window.previous is not None:
        (earlier,) = _sum(_in(days, *window.previous), "j", 1)
        sentence += f" ({int(earlier)} {chosen.before})"
    return Panel("journaling", title, sentence + ".", labels, series, "bar")


def _sign_name(sign: str) -> str:
    return SIGN_NAMES.get(sign, sign.replace("_", " "))


def progress_panel(days: Mapping[str, Any], window: Window | None, chosen: Range) -> Panel:
    """One tiny series per sign; the sentence gives each sign's average over the range."""
    title = "Signs of progress"
    empty = f"No signs-of-progress ratings {chosen.phrase}."
    if window is None:
        return Panel("progress", title, empty, kind="spark")
    inside = _in(days, window.first, window.last)
    rated = int(sum(counts.get("r", 0) for counts in inside))
    totals: dict[str, list[float]] = {}
    for counts in inside:
        _merge_into(totals, {"s": counts.get("p") or {}})
    by_sign: dict[str, list[float]] = (totals.get("s") or {})  # type: ignore[assignment]
    labels = tuple(b.label for b in window.buckets)
    if not rated or not by_sign:
        return Panel("progress", title, empty, labels, (), "spark")
    order = [s for s in SIGN_NAMES if s in by_sign] + sorted(s for s in by_sign if s not in SIGN_NAMES)
    starts = [b.start.isoformat() for b in window.buckets]
    low, high = window.first.isoformat(), window.last.isoformat()
    sums: dict[str, list[list[float]]] = {sign: [[0, 0.0] for _ in starts] for sign in order}
    for day, counts in days.items():
        if low <= day <= high and isinstance(counts.get("p"), dict):
            index = bisect.bisect_right(starts, day) - 1
            for sign, pair in counts["p"].items():
                if sign in sums and index >= 0:
                    sums[sign][index][0] += pair[0]
                    sums[sign][index][1] += pair[1]
    series = tuple(Series(_sign_name(sign), tuple(_mean(n, t) for n, t in sums[sign])) for sign in order)
    averages = [f"{_sign_name(sign)} {number(by_sign[sign][1] / by_sign[sign][0])}"
                for sign in order if by_sign[sign][0]]
    listed = ", ".join(averages[:-1]) + (f" and {averages[-1]}" if len(averages) > 1 else averages[-1])
    sentence = (f"You rated your signs of progress {count(rated, 'time')} {chosen.phrase}. "
                f"On average, out of 10: {listed}.")
    return Panel("progress", title, sentence, labels, series, "spark")


def _goal_days(goal: Mapping[str, Any], marks: Any, first: date, last: date, today: date) -> list[tuple[float, float]]:
    """(done, asked) for each day from first to last, read from the goal's day marks.

    A day-by-day goal asks for 1 on each due day; an N-times-a-week goal asks N/7 a day
    and counts what was done. Today is still open: unanswered, it asks nothing yet.
    Days-since goals are about a stretch, not a rate, and ask nothing here.
    """
    from workbook.goals.schedule import active_flags, due_flags, week_need, weekly

    size = (last - first).days + 1
    if size <= 0 or (goal.get("measure") or {}).get("kind") == "days-since":
        return [(0.0, 0.0)] * max(size, 0)
    by_week = weekly(dict(goal))
    flags = active_flags(dict(goal), first, last) if by_week else due_flags(dict(goal), first, last)
    need = week_need(dict(goal)) if by_week else 1
    result = []
    for offset, flag in enumerate(flags):
        day = first + timedelta(days=offset)
        credit = marks.credit(day) if flag else None
        if not flag or (credit is None and day >= today):
            result.append((0.0, 0.0))
        elif by_week:
            result.append((float(credit or 0), need / 7))
        else:
            result.append((1.0 if credit else 0.0, 1.0))
    return result


def _share(done: float, asked: float) -> float | None:
    return None if asked <= 0 else min(1.0, done / asked)


def goals_panel(
    goals: Sequence[Mapping[str, Any]], marks: Mapping[str, Any], window: Window | None, chosen: Range, today: date
) -> Panel:
    """How much of what the goals asked for was done, per bucket and over the range."""
    title = "Goals"
    if not goals:
        return Panel("goals", title, "No goals yet. Once you set one, how often you meet it shows here.",
                     kind="spark")
    if window is None:
        return Panel("goals", title, f"None of your goals asked for anything {chosen.phrase}.", kind="spark")
    done = asked = 0.0
    counted = 0
    buckets = [[0.0, 0.0] for _ in window.buckets]
    starts = [b.start for b in window.buckets]
    before_done = before_asked = 0.0
    for goal in goals:
        goal_marks = marks.get(str(goal.get("id")))
        if goal_marks is None:
            continue
        days = _goal_days(goal, goal_marks, window.first, window.last, today)
        goal_asked = sum(a for _, a in days)
        if goal_asked > 0:
            counted += 1
        for offset, (d, a) in enumerate(days):
            day = window.first + timedelta(days=offset)
            index = bisect.bisect_right(starts, day) - 1
            buckets[index][0] += d
            buckets[index][1] += a
        done += sum(d for d, _ in days)
        asked += goal_asked
        if window.previous is not None:
            earlier = _goal_days(goal, goal_marks, window.previous[0], window.previous[1], today)
            before_done += sum(d for d, _ in earlier)
            before_asked += sum(a for _, a in earlier)
    labels = tuple(b.label for b in window.buckets)
    series = (Series("done", tuple(None if s is None else round(100 * s) for s in
                                   (_share(d, a) for d, a in buckets))),)
    share = _share(done, asked)
    if share is None:
        return Panel("goals", title, f"None of your goals asked for anything {chosen.phrase}.", labels, series,
                     "spark")
    sentence = (f"Across {count(counted, 'goal')}, you did {round(100 * share)}% of what "
                f"{'it' if counted == 1 else 'they'} asked for {chosen.phrase}")
    earlier_share = _share(before_done, before_asked)
    if earlier_share is not None:
        sentence += f" ({round(100 * earlier_share)}% {chosen.before})"
    return Panel("goals", title, sentence + ".", labels, series, "spark")


def _total_text(total: Any) -> str:
    value = _number(total)
    return number(value) if value is not None else str(total)


def score_sentence(title: str, totals: Sequence[list[Any]], shown: int, chosen: Range | None) -> str:
    """One check-in exercise: how many totals in the range, the latest with its band, the change."""
    latest = totals[-1]
    band = f" ({latest[4]})" if latest[4] else ""
    where = f" {chosen.phrase}" if chosen is not None else ""
    sentence = f"{title}: {count(shown, 'total')}{where}; the latest is {_total_text(latest[3])}{band}"
    if len(totals) >= 2:
        previous = totals[-2]
        change = difference(float(latest[3]), float(previous[3]))
        words = "the same as the one before" if change == "the same" else f"{change} than the one before"
        return f"{sentence}, {words} ({_total_text(previous[3])})."
    return f"{sentence}, your first."


def checkin_panel(scores: Sequence[list[Any]], window: Window | None, chosen: Range) -> Panel:
    """Check-in totals: a sentence per scored exercise used in the range (newest first), and a
    chart of the most recent one's totals, one point per check-in."""
    title = "Check-in totals"
    empty = Panel("checkins", title, f"No check-in totals {chosen.phrase}.")
    if window is None:
        return empty
    low, high = window.first.isoformat(), window.last.isoformat() + "\uffff"
    by_exercise: dict[str, list[list[Any]]] = {}
    for score in scores:  # oldest first
        by_exercise.setdefault(score[1], []).append(score)
    used = [
        (exercise_id, totals) for exercise_id, totals in by_exercise.items()
        if any(low <= s[0] <= high for s in totals)
    ]
    if not used:
        return empty
    used.sort(key=lambda item: max(s[0] for s in item[1] if low <= s[0] <= high), reverse=True)
    sentences = []
    for _, totals in used[:3]:
        upto = [s for s in totals if s[0] <= high]
        shown = sum(1 for s in upto if s[0] >= low)
        sentences.append(score_sentence(upto[-1][2], upto, shown, chosen))
    if len(used) > 3:
        sentences.append(f"And {count(len(used) - 3, 'other check-in')}.")
    charted = [s for s in used[0][1] if low <= s[0] <= high]
    labels = tuple(date.fromisoformat(s[0][:10]).strftime("%d %b") for s in charted)
    series = (Series(charted[-1][2], tuple(float(s[3]) for s in charted)),)
    return Panel("checkins", title, " ".join(sentences), labels, series, "line",
                 note="A total is information for you, never a diagnosis.")


def build_panels(
    summaries: Iterable[Mapping[str, Any]],
    today: date,
    range_key: str = "4w",
    goals: Sequence[Mapping[str, Any]] | None = None,
    marks: Mapping[str, Any] | None = None,
) -> list[Panel]:
    """Every panel for one range. Goals live in their own tables: pass them (with each
    goal's day marks, by id) to include the goals panel."""
    summaries = list(summaries)
    chosen = range_for(range_key)
    days = merged_days(summaries)
    window = window_for(chosen, today, days)
    panels = [
        grounding_panel(days, window, chosen),
        intensity_panel(days, window, chosen),
        journaling_panel(days, window, chosen),
    ]
    if goals is not None:
        panels.append(goals_panel(goals, marks or {}, window, chosen, today))
    panels += [
        checkin_panel(all_scores(summaries), window, chosen),
        progress_panel(days, window, chosen),
    ]
    return panels


# -- a score's trend, for the completion screen and plain mode -----------------------------------
def score_trend(
    scores: Sequence[list[Any]], exercise_id: str, entry_id: str | None = None, limit: int = 5
) -> tuple[list[float], str]:
    """The totals of one check-in up to (and including) `entry_id`, oldest first, and a
    sentence saying how the latest compares with the ones before it."""
    totals = sorted((s for s in scores if s[1] == exercise_id), key=_score_order)
    target = next((s for s in totals if entry_id and s[5] == entry_id), None)
    if target is not None:
        # Everything not later than it came before it: a total saved in the same second as
        # the one just finished was saved first.
        moment = _score_order(target)[0]
        totals = [s for s in totals if s is not target and _score_order(s)[0] <= moment] + [target]
    values = [float(s[3]) for s in totals]
    if not totals:
        return [], ""
    if len(totals) == 1:
        return values, "This is your first total on this check-in. Next time you can see how they compare."
    earlier = ", ".join(_total_text(s[3]) for s in totals[-limit:-1])
    change = difference(values[-1], values[-2])
    words = "the same as last time" if change == "the same" else f"{change} than last time"
    many = len(totals[-limit:-1])
    lead = "Your total before this one was" if many == 1 else f"Your {many} totals before this one were"
    return values, f"{lead} {earlier}. This one is {_total_text(totals[-1][3])}, {words}."
