"""Pattern calculations on small hand-made journals whose results are worked out by hand."""

from __future__ import annotations

from datetime import date

from workbook.insights.patterns import (
    Count,
    coping_effects,
    coping_sentence,
    emotions_sentence,
    findings,
    intensity_over_time,
    intensity_sentence,
    moments,
    top_emotions,
    top_thinking_traps,
    top_triggers,
    traps_sentence,
    trigger_words,
    triggers_sentence,
    when_grid,
    when_sentence,
    within,
)


def e(when: str, **answers) -> dict:
    """An entry started at `when` ("2026-03-02T19:30", a Monday evening) with these answers."""
    return {"exercise_id": "trigger-journal", "started_at": f"{when}:00+01:00",
            "finished_at": f"{when}:00+01:00", "answers": answers, "tags": []}


# 2026-03-02 is a Monday.
JOURNAL = [
    e("2026-03-02T19:30", trigger="Argument with my sister", feelings=["Angry", "Sad"], intensity=8,
      coping=["Slow breathing"], intensity_after=4),
    e("2026-03-02T21:00", trigger="argument with my sister.", feelings=["Angry"], intensity=6,
      coping=["Slow breathing", "Went for a walk"], intensity_after=4),
    e("2026-03-04T08:15", trigger="Late for work", feelings=["Anxious"], intensity=5,
      coping=["Went for a walk"], intensity_after=5),
    e("2026-03-09T20:45", trigger="Phone call from work", feelings=["Anxious", "Angry"], intensity=7,
      intensity_after=6),
    e("2026-03-16T02:10", trigger="a memory", feelings=["Sad"], intensity=9,
      coping=["Slow breathing"], intensity_after=6),
    {"exercise_id": "five-senses", "started_at": "2026-03-05T10:00:00+01:00", "answers": {"see": ["a cup"]}},
]


def test_only_entries_about_a_moment_count() -> None:
    assert len(moments(JOURNAL)) == 5


def test_feelings_by_how_many_entries_name_them() -> None:
    assert top_emotions(JOURNAL) == [Count("Angry", 3), Count("Anxious", 2), Count("Sad", 2)]
    assert emotions_sentence(moments(JOURNAL)) == (
        "The feeling you named most often is Angry: in 3 of the 5 entries that name a feeling (60%). "
        "Next come Anxious (2) and Sad (2)."
    )


def test_triggers_written_alike_are_counted_together() -> None:
    assert top_triggers(JOURNAL) == [Count("Argument with my sister", 2)]
    assert trigger_words(JOURNAL) == [Count("argument", 2), Count("sister", 2), Count("work", 2)]
    assert triggers_sentence(moments(JOURNAL)) == (
        "What set it off most often was “Argument with my sister”: 2 of the 5 entries that say what set it off."
    )


def test_trigger_words_when_no_phrase_repeats() -> None:
    entries = [e("2026-03-02T10:00", trigger="Noise at work"), e("2026-03-03T10:00", trigger="work email")]
    assert triggers_sentence(entries) == (
        "No trigger is written the same way twice yet. The words that come up most are “work” (2), "
        "of the 2 entries that say what set it off."
    )


def test_when_by_day_of_week_and_part_of_day() -> None:
    grid = when_grid(moments(JOURNAL))
    assert grid.total == 5
    # Monday: a night (16 Mar, 02:10) and three evenings (2 Mar twice, 9 Mar); Wednesday: a morning.
    assert grid.counts[0] == (1, 0, 0, 3)
    assert grid.counts[2] == (0, 1, 0, 0)
    assert grid.by_part() == [1, 1, 0, 3]
    assert grid.by_day() == [4, 0, 1, 0, 0, 0, 0]
    assert when_sentence(grid) == (
        "Hard moments came most often on Monday evenings (3 of 5). Across the week, the evening "
        "(6pm–midnight) has the most: 3 (60%); the busiest day is Monday, with 4."
    )


def test_intensity_over_time_by_week_with_a_sentence() -> None:
    by, periods = intensity_over_time(moments(JOURNAL))
    assert by == "week"
    assert [(p.start, p.mean, p.count) for p in periods] == [
        (date(2026, 3, 2), (8 + 6 + 5) / 3, 3), (date(2026, 3, 9), 7, 1), (date(2026, 3, 16), 9, 1),
    ]
    # Oldest half (8, 6) averages 7; the newer three (5, 7, 9) average 7 as well.
    assert intensity_sentence(moments(JOURNAL)) == (
        "Since 4 March 2026, the feelings you rated averaged 7 out of 10 (over 3 entries), the same as "
        "the 7 of the 2 before."
    )
    falling = [e(f"2026-0{m}-01T10:00", intensity=v) for m, v in zip(range(1, 10), [9, 9, 8, 8, 6, 5, 4, 4, 3])]
    by, periods = intensity_over_time(falling)
    assert by == "month" and len(periods) == 9
    assert intensity_sentence(falling) == (
        "Since 1 May 2026, the feelings you rated averaged 4.4 out of 10 (over 5 entries), 4.1 lower than "
        "the 8.5 of the 4 before."
    )


def test_which_coping_was_followed_by_lower_intensity() -> None:
    effects = coping_effects(JOURNAL)
    # Slow breathing: 8->4, 6->4, 9->6: drops 4, 2, 3 = mean 3 over 3. A walk: 2 and 0 = 1 over 2.
    assert [(x.action, x.times, x.mean_drop) for x in effects] == [("Slow breathing", 3, 3.0), ("Went for a walk", 2, 1.0)]
    assert coping_sentence(moments(JOURNAL)) == (
        "After “Slow breathing”, the feelings were on average 3 points less strong by the end, on a scale of 0 "
        "to 10 (3 entries). Next: “Went for a walk”, 1 point less strong (2 entries). With no coping picked: "
        "1 point less strong (1 entry). This shows what came after, not what caused it."
    )
    assert coping_effects(JOURNAL, min_times=3)[0].action == "Slow breathing"
    assert len(coping_effects(JOURNAL, min_times=3)) == 1


def test_thought_record_ratings_count_as_tenths() -> None:
    record = {"exercise_id": "thought-record", "started_at": "2026-03-02T10:00:00+00:00",
              "answers": {"feeling": "Ashamed", "feeling_strength": 80, "feeling_strength_after": 50,
                          "traps": ["Mind reading", "Labelling"]}}
    record2 = {**record, "answers": {**record["answers"], "traps": ["Mind reading"], "coping": ["Wrote it down"]}}
    assert top_emotions([record]) == [Count("Ashamed", 1)]
    assert coping_effects([record2])[0].mean_drop == 3.0
    assert top_thinking_traps([record, record2]) == [Count("Mind reading", 2), Count("Labelling", 1)]
    assert traps_sentence([record, record2]) == (
        "The thinking trap you ticked most often is “Mind reading” (2 times). Then “Labelling” (1)."
    )


def test_empty_and_thin_journals_say_so_kindly() -> None:
    assert "no pattern" in emotions_sentence([])
    assert "no pattern" in triggers_sentence([])
    assert "no pattern in time" in when_sentence(when_grid([]))
    assert "nothing to chart" in intensity_sentence([])
    assert "None has both yet" in coping_sentence([e("2026-03-02T10:00", intensity=5)])
    assert intensity_sentence([e("2026-03-02T10:00", intensity=5), e("2026-03-03T10:00", intensity=6)]) == (
        "2 entries rate how strong it was, 5.5 out of 10 on average. A trend needs a few more."
    )
    assert traps_sentence([]) is None


def test_a_period_chooses_entries_by_their_moment() -> None:
    assert len(within(JOURNAL, since=date(2026, 3, 9))) == 2
    assert len(within(JOURNAL, until=date(2026, 3, 4))) == 3
    result = findings(JOURNAL, since=date(2026, 3, 3), until=date(2026, 3, 10))
    assert result.entries == 2
    assert [c.label for c in result.emotions] == ["Anxious", "Angry"]
