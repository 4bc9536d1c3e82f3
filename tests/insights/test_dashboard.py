"""The progress page's pure functions: month summaries, panels per range, and the sentences,
on hand-made entries whose right numbers are worked out by hand."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import pytest

from workbook.goals.progress import Marks
from workbook.insights.dashboard import (
    RANGES,
    build_panels,
    difference,
    latest_plan,
    merged_days,
    number,
    score_trend,
    summarise,
    window_for,
)
from workbook.insights.summaries import summaries_of

TODAY = date(2026, 11, 22)


def day(offset: int) -> str:
    """The day `offset` days before TODAY."""
    return (TODAY - timedelta(days=offset)).isoformat()


def entry(ago: int, category: str, exercise_id: str, answers: dict[str, Any] | None = None, **extra: Any) -> dict:
    when = f"{day(ago)}T10:00:00+01:00"
    return {
        "id": f"{when[:7]}-{uuid.uuid4().hex[:16]}",
        "exercise_id": exercise_id,
        "exercise_title": extra.pop("title", exercise_id),
        "category": category,
        "started_at": when,
        "finished_at": when,
        "answers": answers or {},
        "step_types": {k: "scale" for k in (answers or {})},
        "score": None,
    } | extra


def grounding(ago: int, before: int | None, after: int | None) -> dict:
    answers = {k: v for k, v in (("distress_before", before), ("distress_after", after)) if v is not None}
    return entry(ago, "grounding", "five-senses", answers)


def journal(ago: int, intensity: int | None = None) -> dict:
    return entry(ago, "journaling", "trigger-journal", {"intensity": intensity} if intensity is not None else {})


def check_in(ago: int, total: int, band: str | None) -> dict:
    return entry(ago, "check-in", "weekly-check-in", title="Weekly check-in",
                 score={"total": total, "band": band, "items": 6, "answered": 6, "prorated": False})


def panels(entries: list[dict], range_key: str = "4w", **kwargs: Any) -> dict[str, Any]:
    return {p.key: p for p in build_panels(summaries_of(entries), TODAY, range_key, **kwargs)}


# -- sentences ------------------------------------------------------------------------------------
def test_grounding_before_and_after() -> None:
    shown = panels([grounding(1, 8, 5), grounding(3, 6, 4), grounding(5, 7, None), grounding(40, 10, 0)])
    assert shown["grounding"].sentence == (
        "You did 3 grounding exercises in the last 4 weeks. In the 2 rated before and after, "
        "your distress averaged 7 before and 4.5 after (2.5 points lower)."
    )
    before, after = shown["grounding"].series
    assert before.values[-2] == 8 and after.values[-2] == 5  # yesterday's bucket
    assert before.values[-4] == 6 and after.values[-4] == 4


def test_grounding_with_one_rated_and_with_none() -> None:
    assert panels([grounding(2, 8, 5)])["grounding"].sentence == (
        "You did 1 grounding exercise in the last 4 weeks. In the one rated before and after, "
        "your distress went from 8 to 5 (3 points lower)."
    )
    assert panels([grounding(2, 4, 6), grounding(3, 4, 4)])["grounding"].sentence.endswith(
        "your distress averaged 4 before and 5 after (1 point higher)."
    )
    assert panels([grounding(2, None, 3)])["grounding"].sentence == (
        "You did 1 grounding exercise in the last 4 weeks. None of them has a distress rating both before and after."
    )
    assert panels([])["grounding"].sentence == "No grounding exercises in the last 4 weeks."


def test_trigger_intensity_compared_with_the_weeks_before() -> None:
    shown = panels([journal(0, 6), journal(10, 8), journal(12), journal(30, 9), journal(60, 1)])
    assert shown["intensity"].sentence == (
        "You rated how strong it felt in 2 journal entries in the last 4 weeks: "
        "7 out of 10 on average (9 in the 4 weeks before)."
    )
    assert panels([journal(0, 5)])["intensity"].sentence == (
        "You rated how strong it felt in 1 journal entry in the last 4 weeks: 5 out of 10 on average."
    )


def test_how_often_you_journal() -> None:
    shown = panels([journal(d) for d in (0, 1, 2, 9, 15, 27)] + [journal(28)])
    assert shown["journaling"].sentence == (
        "You wrote 6 journal entries in the last 4 weeks, about 1.5 a week (1 in the 4 weeks before)."
    )
    assert shown["journaling"].kind == "bar" and sum(shown["journaling"].series[0].values) == 6
    assert panels([])["journaling"].sentence == "No journal entries in the last 4 weeks."


def test_check_in_totals_with_band_and_change() -> None:
    shown = panels([check_in(40, 9, "a mixed week"), check_in(20, 12, "a mixed week"), check_in(6, 15, "a mixed week")])
    assert shown["checkins"].sentence == (
        "Weekly check-in: 2 totals in the last 4 weeks; the latest is 15 (a mixed week), "
        "3 higher than the one before (12)."
    )
    assert shown["checkins"].series[0].values == (12.0, 15.0)
    assert "never a diagnosis" in shown["checkins"].note
    first = panels([check_in(3, 7, "a heavy week")])["checkins"].sentence
    assert first == "Weekly check-in: 1 total in the last 4 weeks; the latest is 7 (a heavy week), your first."
    same = panels([check_in(9, 7, None), check_in(3, 7, None)])["checkins"].sentence
    assert same.endswith("the latest is 7, the same as the one before (7).")


def test_several_check_ins_each_get_a_sentence_newest_first() -> None:
    other = entry(1, "check-in", "phq-9", title="PHQ-9 questionnaire",
                  score={"total": 4, "band": "minimal", "items": 9, "answered": 9, "prorated": False})
    sentence = panels([check_in(5, 15, "a mixed week"), other])["checkins"].sentence
    assert sentence.startswith("PHQ-9 questionnaire: 1 total in the last 4 weeks; the latest is 4 (minimal)")
    assert "Weekly check-in: 1 total" in sentence


def test_signs_of_progress_each_sign_on_its_own() -> None:
    signs = [
        entry(2, "reflection", "progress-signs", {"openness": 6, "distress": 3, "coping": 7}),
        entry(16, "reflection", "progress-signs", {"openness": 4, "distress": 6, "coping": 5}),
    ]
    shown = panels(signs)["progress"]
    assert shown.sentence == (
        "You rated your signs of progress 2 times in the last 4 weeks. On average, out of 10: "
        "openness with people you trust 5, new ways of coping 6 and distress carried (lower is less) 4.5."
    )
    assert [s.name for s in shown.series] == [
        "openness with people you trust", "new ways of coping", "distress carried (lower is less)"]
    assert shown.kind == "spark"


def test_goals_share_of_what_was_asked() -> None:
    goal = {"id": "g1", "start": day(40), "status": "active", "history": [],
            "measure": {"kind": "done"}, "schedule": {"kind": "daily"}}
    marks = Marks()
    for ago in range(1, 28):  # the last 27 full days: met on 18 of them
        marks.set(TODAY - timedelta(days=ago), 1 if ago % 3 else 0)
    for ago in range(28, 56):  # the 4 weeks before: met on 7 of 28 (13 days before the start asked nothing)
        marks.set(TODAY - timedelta(days=ago), 1 if ago % 4 == 0 else 0)
    shown = panels([], goals=[goal], marks={"g1": marks})
    # today is still open; 18 of 27 is 67%; before: start was 40 days ago, so 13 due days, 4 met -> 31%
    assert shown["goals"].sentence == "Across 1 goal, you did 67% of what it asked for in the last 4 weeks (31% in the 4 weeks before)."
    assert panels([], goals=[], marks={})["goals"].sentence.startswith("No goals yet.")
    assert "goals" not in panels([])


def test_ranges_and_their_buckets() -> None:
    days = merged_days(summaries_of([journal(500)]))
    sizes = {r.key: len(window_for(r, TODAY, days).buckets) for r in RANGES}
    assert sizes == {"4w": 28, "3m": 13, "1y": 52, "all": 17}  # all: Jul 2025 .. Nov 2026
    assert window_for(RANGES[-1], TODAY, {}) is None
    longer = panels([journal(d) for d in (2, 50, 80, 150)], "3m")["journaling"]
    assert longer.sentence == "You wrote 3 journal entries in the last 3 months, about 0.2 a week (1 in the 3 months before)."
    everything = panels([journal(d) for d in (2, 50, 80, 150)], "all")["journaling"].sentence
    assert everything.startswith("You wrote 4 journal entries since your first entry")
    assert "before" not in everything


def test_summaries_tolerate_odd_entries() -> None:
    odd = [
        {"id": "2026-11-x", "finished_at": "not a date", "answers": {}},
        {"id": "2026-11-y", "finished_at": f"{day(1)}T09:00:00", "answers": "text", "category": "grounding"},
        {"id": "2026-11-z", "finished_at": f"{day(1)}T09:00:00", "category": "grounding",
         "answers": {"distress_before": True, "distress_after": "7"}},
        {"id": "2026-11-w", "finished_at": f"{day(1)}T09:00:00", "score": {"total": "lots"}},
    ]
    summary = summarise(odd)
    assert summary["days"] == {day(1): {"n": 3, "g": [2, 0, 0.0, 0.0]}}
    assert summary["scores"] == []


def test_latest_safety_plan_is_the_newest_safety_entry() -> None:
    older, newer = entry(30, "safety", "safety-plan"), entry(3, "safety", "safety-plan")
    assert latest_plan(summaries_of([older, newer, journal(1)]))["id"] == newer["id"]
    assert latest_plan(summaries_of([journal(1)])) is None


# -- a score's trend --------------------------------------------------------------------------------
def test_score_trend() -> None:
    entries = [check_in(30, 12, "x"), check_in(20, 10, "x"), check_in(10, 11, "x"), check_in(1, 9, "x")]
    scores = [s for summary in summaries_of(entries) for s in summary["scores"]]
    scores.sort()
    values, sentence = score_trend(scores, "weekly-check-in")
    assert values == [12, 10, 11, 9]
    assert sentence == "Your 3 totals before this one were 12, 10, 11. This one is 9, 2 lower than last time."
    values, sentence = score_trend(scores, "weekly-check-in", entries[1]["id"])
    assert sentence == "Your total before this one was 12. This one is 10, 2 lower than last time."
    assert score_trend(scores, "weekly-check-in", entries[0]["id"])[1].startswith("This is your first total")
    assert score_trend(scores, "other") == ([], "")


@pytest.mark.parametrize(("new", "old", "unit", "words"), [
    (5, 3, "", "2 higher"), (3, 5, "point", "2 points lower"), (4, 3, "point", "1 point higher"),
    (4.25, 4.2, "", "the same"), (2.5, 4, "point", "1.5 points lower"),
])
def test_difference_words(new, old, unit, words) -> None:
    assert difference(new, old, unit) == words


def test_numbers() -> None:
    assert [number(x) for x in (7.0, 6.25, 6.35, 0.04)] == ["7", "6.2", "6.3", "0"]
