"""Patterns in a person's journal: plain calculations, and a sentence for each finding.

Every function takes entries (dicts, as the store keeps them) and returns numbers; the
`*_sentence` functions put a finding into words, with its numbers, for the TUI (beside
each chart) and for `workbook patterns`. Nothing here judges: a number is described,
never praised or blamed, and "followed by" is as far as a sentence goes (an entry
cannot show what caused what).

Which entries count: those that record a hard moment (fields.is_moment: a trigger, a
feeling or an intensity). When: the moment the entry was started, on the person's
clock then.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Iterable

from workbook.insights.fields import (
    coping_of,
    emotions_of,
    intensity_after_of,
    intensity_of,
    is_moment,
    moment_of,
    tidy,
    trigger_of,
)

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Parts of the day: (name, first hour, hours up to but not including)
PARTS = (("night", 0, 6), ("morning", 6, 12), ("afternoon", 12, 18), ("evening", 18, 24))
PART_HOURS = {"night": "midnight–6am", "morning": "6am–noon", "afternoon": "noon–6pm", "evening": "6pm–midnight"}

# Small words that say little about what set something off.
_STOP = set(
    """a about after again all am an and any are as at be been before being but by can could did do does
    doing down during each few for from further had has have having he her here hers him his how i if in
    into is it its just me more most my no nor not now of off on once only or other our out over own same
    she should so some such than that the their them then there these they this those through to too
    under until up very was we were what when where which while who why will with would you your yours
    got get went go going still really felt feel feeling someone something thing things""".split()
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


@dataclass(frozen=True)
class Count:
    label: str
    count: int


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "0%"


def _quoted(label: str) -> str:
    return f"“{label}”"


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


@dataclass(frozen=True, slots=True)
class Moment:
    """What the patterns need of one entry, read once (fields.py says how)."""

    when: datetime | None
    trigger: str
    emotions: tuple[str, ...]
    intensity: float | None
    after: float | None
    coping: tuple[str, ...]
    traps: tuple[str, ...]

    @property
    def is_moment(self) -> bool:
        return bool(self.trigger or self.emotions or self.intensity is not None)


def read(entry: dict[str, Any] | Moment) -> Moment:
    if isinstance(entry, Moment):
        return entry
    answers = entry.get("answers") if isinstance(entry.get("answers"), dict) else {}
    traps = answers.get("traps") if isinstance(answers, dict) else None
    return Moment(
        when=moment_of(entry),
        trigger=trigger_of(entry),
        emotions=tuple(emotions_of(entry)),
        intensity=intensity_of(entry),
        after=intensity_after_of(entry),
        coping=tuple(coping_of(entry)),
        traps=tuple(dict.fromkeys(tidy(t) for t in traps if isinstance(t, str) and tidy(t)))
        if isinstance(traps, list) else (),
    )


Entries = Iterable[dict[str, Any]] | Iterable[Moment]


def _read_all(entries: Iterable[Any]) -> list[Moment]:
    return [read(entry) for entry in entries]


def moments(entries: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries that record a hard moment."""
    return [entry for entry in entries if is_moment(entry)]


def within(entries: Iterable[dict[str, Any]], since: date | None = None, until: date | None = None) -> list[dict]:
    """Entries whose moment falls between two days (inclusive); undated ones only when unbounded."""
    kept = []
    for entry in entries:
        moment = moment_of(entry)
        if moment is None:
            if since is None and until is None:
                kept.append(entry)
            continue
        day = moment.date()
        if (since is None or day >= since) and (until is None or day <= until):
            kept.append(entry)
    return kept


def _ranked(counts: dict[str, int], spelling: dict[str, str], limit: int) -> list[Count]:
    order = sorted(counts, key=lambda key: (-counts[key], key))
    return [Count(spelling[key], counts[key]) for key in order[:limit]]


# -- feelings -------------------------------------------------------------------------------
def top_emotions(entries: Entries, limit: int = 8) -> list[Count]:
    """Feelings by how many entries name them (an entry counts once per feeling)."""
    counts: dict[str, int] = {}
    spelling: dict[str, str] = {}
    for moment in _read_all(entries):
        for emotion in moment.emotions:
            key = emotion.casefold()
            counts[key] = counts.get(key, 0) + 1
            spelling.setdefault(key, emotion)
    return _ranked(counts, spelling, limit)


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def emotions_sentence(entries: Entries) -> str:
    read_ = _read_all(entries)
    ranked = top_emotions(read_, 100)
    named = sum(1 for m in read_ if m.emotions)
    if not ranked:
        return "None of these entries names a feeling yet, so there is no pattern to show."
    first = ranked[0]
    tied = [c for c in ranked if c.count == first.count]
    share = f"{first.count} of the {_plural(named, 'entry', 'entries')} that name a feeling"
    if len(tied) == 1:
        sentence = f"The feeling you named most often is {first.label}: in {share} ({_percent(first.count, named)})."
    else:
        sentence = (
            f"The feelings you named most often are {_and([c.label for c in tied[:4]])}"
            f"{' and others' if len(tied) > 4 else ''}: each in {share} ({_percent(first.count, named)})."
        )
    rest = [f"{c.label} ({c.count})" for c in ranked[len(tied):len(tied) + 2]]
    if rest:
        sentence += f" Next come {' and '.join(rest)}."
    return sentence


# -- triggers -------------------------------------------------------------------------------
def top_triggers(entries: Entries, limit: int = 8) -> list[Count]:
    """Triggers written the same way more than once (ignoring case, spaces and a final full stop)."""
    counts: dict[str, int] = {}
    spelling: dict[str, str] = {}
    for moment in _read_all(entries):
        if moment.trigger:
            key = moment.trigger.casefold()
            counts[key] = counts.get(key, 0) + 1
            spelling.setdefault(key, moment.trigger)
    return [c for c in _ranked(counts, spelling, limit) if c.count > 1]


def trigger_words(entries: Entries, limit: int = 8) -> list[Count]:
    """The words that come up most in what set things off (an entry counts once per word)."""
    counts: dict[str, int] = {}
    for moment in _read_all(entries):
        if not moment.trigger:
            continue
        words = {w.casefold().strip("'’-") for w in _WORD.findall(moment.trigger)}
        for key in words:
            if len(key) >= 3 and key not in _STOP:
                counts[key] = counts.get(key, 0) + 1
    return [c for c in _ranked(counts, {k: k for k in counts}, limit) if c.count > 1]


def triggers_sentence(entries: Entries) -> str:
    read_ = _read_all(entries)
    written = sum(1 for m in read_ if m.trigger)
    if not written:
        return "None of these entries says what set it off yet, so there is no pattern to show."
    phrases = top_triggers(read_, 3)
    of_all = f"of the {_plural(written, 'entry', 'entries')} that say what set it off"
    if phrases:
        first = phrases[0]
        sentence = f"What set it off most often was {_quoted(first.label)}: {first.count} {of_all}."
        if len(phrases) > 1:
            sentence += " Then " + " and ".join(f"{_quoted(c.label)} ({c.count})" for c in phrases[1:]) + "."
        return sentence
    words = trigger_words(read_, 3)
    if words:
        listed = " and ".join(f"{_quoted(c.label)} ({c.count})" for c in words[:2])
        return f"No trigger is written the same way twice yet. The words that come up most are {listed}, {of_all}."
    return f"Each of the {_plural(written, 'trigger')} you wrote down is different, so no pattern stands out yet."


# -- when ---------------------------------------------------------------------------------------
def part_of_day(hour: int) -> str:
    for name, start, end in PARTS:
        if start <= hour < end:
            return name
    return "night"


@dataclass(frozen=True)
class WhenGrid:
    """counts[day][part]: day 0 = Monday, part in PARTS order."""

    counts: tuple[tuple[int, ...], ...]

    @property
    def total(self) -> int:
        return sum(sum(row) for row in self.counts)

    def busiest(self) -> tuple[int, int, int]:
        """(day, part, count) of the fullest cell; the earliest in the week on a tie."""
        best = (0, 0, -1)
        for day, row in enumerate(self.counts):
            for part, count in enumerate(row):
                if count > best[2]:
                    best = (day, part, count)
        return best

    def by_part(self) -> list[int]:
        return [sum(row[part] for row in self.counts) for part in range(len(PARTS))]

    def by_day(self) -> list[int]:
        return [sum(row) for row in self.counts]


_PART_OF_HOUR = [[name for name, _, _ in PARTS].index(part_of_day(hour)) for hour in range(24)]


def when_grid(entries: Entries) -> WhenGrid:
    grid = [[0] * len(PARTS) for _ in DAYS]
    for moment in _read_all(entries):
        if moment.when is not None:
            grid[moment.when.weekday()][_PART_OF_HOUR[moment.when.hour]] += 1
    return WhenGrid(tuple(tuple(row) for row in grid))


def when_sentence(grid: WhenGrid) -> str:
    total = grid.total
    if not total:
        return "There are no dated entries here yet, so there is no pattern in time to show."
    day, part, count = grid.busiest()
    part_name = PARTS[part][0]
    parts = grid.by_part()
    top_part = max(range(len(PARTS)), key=lambda p: (parts[p], -p))
    days = grid.by_day()
    top_day = max(range(len(DAYS)), key=lambda d: (days[d], -d))
    return (
        f"Hard moments came most often on {DAYS[day]} {part_name}s ({count} of {total}). "
        f"Across the week, the {PARTS[top_part][0]} ({PART_HOURS[PARTS[top_part][0]]}) has the most: "
        f"{parts[top_part]} ({_percent(parts[top_part], total)}); the busiest day is {DAYS[top_day]}, "
        f"with {days[top_day]}."
    )


# -- intensity over time ----------------------------------------------------------------------
@dataclass(frozen=True)
class Period:
    start: date
    mean: float
    count: int


def _period_start(day: date, by: str) -> date:
    if by == "month":
        return day.replace(day=1)
    return day - timedelta(days=day.weekday())


def _sortable(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.astimezone()


def intensity_points(entries: Entries) -> list[tuple[datetime, float]]:
    """(moment, intensity 0-10) for every entry that has both, oldest first."""
    points = [(m.when, m.intensity) for m in _read_all(entries) if m.when is not None and m.intensity is not None]
    points.sort(key=lambda p: _sortable(p[0]))
    return points  # type: ignore[return-value]


def intensity_over_time(entries: Entries, by: str | None = None) -> tuple[str, list[Period]]:
    """Average intensity per week (or per month when the entries span more than half a year)."""
    points = intensity_points(entries)
    if not points:
        return by or "week", []
    if by is None:
        span = points[-1][0].date() - points[0][0].date()
        by = "month" if span > timedelta(days=182) else "week"
    sums: dict[date, list[float]] = {}
    for moment, value in points:
        sums.setdefault(_period_start(moment.date(), by), []).append(value)
    periods = [Period(start, sum(values) / len(values), len(values)) for start, values in sorted(sums.items())]
    return by, periods


def intensity_sentence(entries: Entries) -> str:
    points = intensity_points(entries)
    if not points:
        return "None of these entries rates how strong it was yet, so there is nothing to chart."
    overall = sum(v for _, v in points) / len(points)
    if len(points) < 4:
        return (
            f"{_plural(len(points), 'entry', 'entries').capitalize()} rate how strong it was, "
            f"{_number(round(overall, 1))} out of 10 on average. A trend needs a few more."
        )
    half = len(points) // 2
    earlier, later = points[:half], points[half:]
    before = sum(v for _, v in earlier) / len(earlier)
    since = sum(v for _, v in later) / len(later)
    start = later[0][0].date()
    difference = round(since, 1) - round(before, 1)
    if abs(difference) < 0.05:
        change = "the same as"
    elif difference < 0:
        change = f"{_number(round(-difference, 1))} lower than"
    else:
        change = f"{_number(round(difference, 1))} higher than"
    return (
        f"Since {start.day} {start.strftime('%B %Y')}, the feelings you rated averaged {_number(round(since, 1))} "
        f"out of 10 (over {_plural(len(later), 'entry', 'entries')}), {change} the {_number(round(before, 1))} "
        f"of the {len(earlier)} before."
    )


# -- coping ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Effect:
    """After `action`: how much less strong (0-10) it was at the end, on average, over `times` entries."""

    action: str
    times: int
    mean_drop: float
    drops: tuple[float, ...] = field(default=(), repr=False)


def coping_effects(entries: Entries, min_times: int = 1) -> list[Effect]:
    """For each coping action: the average fall in intensity from before to after.

    Only entries with both ratings count. Sorted by the biggest fall; ties by how often.
    """
    drops: dict[str, list[float]] = {}
    spelling: dict[str, str] = {}
    for moment in _read_all(entries):
        if moment.intensity is None or moment.after is None:
            continue
        for action in moment.coping:
            key = action.casefold()
            drops.setdefault(key, []).append(moment.intensity - moment.after)
            spelling.setdefault(key, action)
    effects = [
        Effect(spelling[key], len(values), sum(values) / len(values), tuple(values))
        for key, values in drops.items()
        if len(values) >= min_times
    ]
    return sorted(effects, key=lambda e: (-e.mean_drop, -e.times, e.action.casefold()))


def without_coping(entries: Entries) -> Effect | None:
    """The same measure for entries with both ratings and no coping picked: a point of comparison."""
    values = [m.intensity - m.after for m in _read_all(entries)
              if m.intensity is not None and m.after is not None and not m.coping]
    return Effect("nothing picked", len(values), sum(values) / len(values), tuple(values)) if values else None


def _change_words(drop: float) -> str:
    amount = _number(round(abs(drop), 1))
    if round(drop, 1) > 0:
        return f"{amount} {'point' if amount == '1' else 'points'} less strong"
    if round(drop, 1) < 0:
        return f"{amount} {'point' if amount == '1' else 'points'} stronger"
    return "about as strong"


def coping_sentence(entries: Entries, min_times: int = 2) -> str:
    read_ = _read_all(entries)
    effects = coping_effects(read_, min_times)
    rated = sum(1 for m in read_ if m.intensity is not None and m.after is not None)
    if not rated:
        return (
            "To see what was followed by calmer feelings, an entry needs both ratings: how strong it was, "
            "and how strong it was at the end. None has both yet."
        )
    if not effects:
        return (
            f"{_plural(rated, 'entry', 'entries').capitalize()} have both ratings, but no coping action "
            f"appears in {min_times} or more of them yet."
        )
    best = effects[0]
    sentence = (
        f"After {_quoted(best.action)}, the feelings were on average {_change_words(best.mean_drop)} by the end, "
        f"on a scale of 0 to 10 ({_plural(best.times, 'entry', 'entries')})."
    )
    if len(effects) > 1:
        second = effects[1]
        sentence += (f" Next: {_quoted(second.action)}, {_change_words(second.mean_drop)} "
                     f"({_plural(second.times, 'entry', 'entries')}).")
    baseline = without_coping(read_)
    if baseline is not None:
        sentence += (f" With no coping picked: {_change_words(baseline.mean_drop)} "
                     f"({_plural(baseline.times, 'entry', 'entries')}).")
    return sentence + " This shows what came after, not what caused it."


# -- thinking traps (thought records) ---------------------------------------------------------
def top_thinking_traps(entries: Entries, limit: int = 5) -> list[Count]:
    counts: dict[str, int] = {}
    spelling: dict[str, str] = {}
    for moment in _read_all(entries):
        for trap in moment.traps:
            key = trap.casefold()
            counts[key] = counts.get(key, 0) + 1
            spelling.setdefault(key, trap)
    return _ranked(counts, spelling, limit)


def traps_sentence(entries: Entries) -> str | None:
    ranked = top_thinking_traps(entries, 100)
    if not ranked:
        return None
    first = ranked[0]
    tied = [c for c in ranked if c.count == first.count]
    if len(tied) == 1:
        sentence = f"The thinking trap you ticked most often is {_quoted(first.label)} ({_plural(first.count, 'time')})."
    else:
        sentence = (
            f"The thinking traps you ticked most often are {_and([_quoted(c.label) for c in tied[:4]])}"
            f"{' and others' if len(tied) > 4 else ''} ({_plural(first.count, 'time')} each)."
        )
    if len(ranked) > len(tied):
        sentence += f" Then {_quoted(ranked[len(tied)].label)} ({ranked[len(tied)].count})."
    return sentence


# -- everything at once ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Findings:
    entries: int
    emotions: list[Count]
    emotions_sentence: str
    triggers: list[Count]
    trigger_words: list[Count]
    triggers_sentence: str
    when: WhenGrid
    when_sentence: str
    intensity_by: str
    intensity: list[Period]
    intensity_sentence: str
    coping: list[Effect]
    coping_baseline: Effect | None
    coping_sentence: str
    traps: list[Count]
    traps_sentence: str | None


def findings(entries: Iterable[dict[str, Any]], since: date | None = None, until: date | None = None) -> Findings:
    """Every finding at once; each entry is read only once."""
    chosen = []
    for entry in entries:
        moment = read(entry)
        if not moment.is_moment:
            continue
        if since is not None or until is not None:
            day = moment.when.date() if moment.when is not None else None
            if day is None or (since is not None and day < since) or (until is not None and day > until):
                continue
        chosen.append(moment)
    grid = when_grid(chosen)
    by, periods = intensity_over_time(chosen)
    return Findings(
        entries=len(chosen),
        emotions=top_emotions(chosen),
        emotions_sentence=emotions_sentence(chosen),
        triggers=top_triggers(chosen),
        trigger_words=trigger_words(chosen),
        triggers_sentence=triggers_sentence(chosen),
        when=grid,
        when_sentence=when_sentence(grid),
        intensity_by=by,
        intensity=periods,
        intensity_sentence=intensity_sentence(chosen),
        coping=coping_effects(chosen, 2),
        coping_baseline=without_coping(chosen),
        coping_sentence=coping_sentence(chosen),
        traps=top_thinking_traps(chosen),
        traps_sentence=traps_sentence(chosen),
    )
