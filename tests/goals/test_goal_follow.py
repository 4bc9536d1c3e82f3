"""Goal exercises become goals, whichever front-end finished them, exactly once."""

from __future__ import annotations

from typing import Any

from workbook.content.catalog import load_catalog
from workbook.engine import Run
from workbook.goals import GoalBook, absorb, follow
from workbook.goals.follow import BREAKTHROUGH, INDEX, SIGNS, forget, indexed


CATALOG = load_catalog()


def finish(store: Any, exercise_id: str, answers: dict[str, Any], finished_at: str = "2026-11-22T10:00:00+01:00"):
    """Answer an exercise through the engine, as either front-end does, and save the entry."""
    run = Run(CATALOG.get(exercise_id))
    while not run.is_complete:
        step = run.current
        run.answer(answers.get(step.id))
        run.next()
    return store.save_entry(run.record(finished_at=finished_at))


SMART = {
    "what": "Walk for ten minutes",
    "why": "I sleep better [after] a walk",
    "measure": "A number with a unit",
    "target": "10 minutes",
    "schedule": "A number of times a week",
    "times_per_week": 4,
    "start": "Tomorrow",
    "review": "In two weeks",
    "confidence": 8,
    "first_step": "Shoes by the door",
    "obstacles": "Rain",
    "plan": "Walk in the corridor",
}


def test_a_finished_smart_goal_exercise_becomes_a_goal(book) -> None:
    entry = finish(book.store, "smart-goal", SMART)
    made = follow(book.store, book.clock)
    [goal] = made.goals
    assert made.notes == []
    assert goal["title"] == "Walk for ten minutes" and goal["why"] == "I sleep better [after] a walk"
    assert goal["measure"] == {"kind": "amount", "target": 10, "unit": "minutes", "direction": "at_least"}
    assert goal["schedule"] == {"kind": "weekly", "times": 4}
    assert (goal["start"], goal["review"]) == ("2026-11-23", "2026-12-07")
    assert (goal["first_step"], goal["obstacles"], goal["plan"], goal["confidence"]) == (
        "Shoes by the door", "Rain", "Walk in the corridor", 8)
    assert goal["source_entry"] == entry["id"] and goal["target_text"] == "10 minutes"
    assert GoalBook(book.store, book.clock).get(goal["id"]) == goal


def test_each_entry_makes_its_goal_once_whichever_way_it_is_seen(book) -> None:
    entry = finish(book.store, "smart-goal", SMART)
    assert len(absorb(book.store, [entry], book.clock).goals) == 1  # the TUI, just after finishing
    assert follow(book.store, book.clock).goals == []  # and a later look finds nothing new
    assert absorb(book.store, [entry], book.clock).goals == []
    assert len(book.goals()) == 1


def test_a_goal_is_made_even_if_the_app_stopped_before_making_it(book) -> None:
    finish(book.store, "smart-goal", SMART)  # saved; the goal was never made (a crash, or plain mode)
    assert book.goals() == []
    follow(book.store, book.clock)
    assert [g["title"] for g in book.goals()] == ["Walk for ten minutes"]


def test_measures_schedules_and_dates_from_the_smart_answers(book) -> None:
    cases = [
        ({"measure": "A time of day", "target": "by 11pm", "schedule": "Every day"},
         {"kind": "time", "target": "23:00", "direction": "by"}, {"kind": "daily"}),
        ({"measure": "A count", "target": "2 a week"},
         {"kind": "count", "target": 2, "unit": "", "direction": "at_least", "per": "week"}, {"kind": "weekly"}),
        ({"measure": "Done or not", "schedule": "On chosen days of the week", "weekdays": ["Monday", "Friday"]},
         {"kind": "done"}, {"kind": "weekdays", "days": [0, 4]}),
        ({"measure": "Counting the days since (staying away from something)", "start": "On another date",
          "start_date": "2026-09-01"}, {"kind": "days-since"}, {"kind": "daily"}),
        ({}, {"kind": "done"}, {"kind": "daily"}),  # everything but the name skipped
    ]
    for index, (answers, measure, schedule) in enumerate(cases):
        finish(book.store, "smart-goal", {"what": f"Goal {index}", **answers},
               finished_at=f"2026-11-22T10:0{index}:00+01:00")
    made = {g["title"]: g for g in follow(book.store, book.clock).goals}
    for index, (_, measure, schedule) in enumerate(cases):
        assert made[f"Goal {index}"]["measure"] == measure
        assert made[f"Goal {index}"]["schedule"] == schedule
    assert made["Goal 3"]["runs"] == [{"start": "2026-09-01", "end": None, "note": ""}]


def test_words_that_cannot_be_read_still_make_a_goal_and_keep_the_words(book) -> None:
    finish(book.store, "smart-goal", {"what": "Drink water", "measure": "A count", "target": "plenty",
                                      "start": "On another date", "start_date": "next week sometime"})
    made = follow(book.store, book.clock)
    [goal] = made.goals
    assert goal["measure"]["target"] is None and goal["target_text"] == "plenty"
    assert goal["start"] == "2026-11-22"
    assert any("plenty" in note for note in made.notes) and any("next week sometime" in note for note in made.notes)


def test_a_goal_exercise_that_names_no_goal_makes_none(book) -> None:
    finish(book.store, "smart-goal", {"why": "just looking"})
    assert follow(book.store, book.clock).goals == [] and book.goals() == []


def test_the_self_care_set_makes_several_goals_at_once(book) -> None:
    finish(book.store, "self-care-set", {
        "pick": ["Sleep: in bed by a set time", "Meals: three a day", "Washing and getting dressed",
                 "Moving your body for 20 minutes", "Meditating for 10 minutes"],
        "bedtime": "00:30", "start": "Tomorrow",
    })
    goals = follow(book.store, book.clock).goals
    assert [(g["title"], g["measure"]["kind"]) for g in goals] == [
        ("In bed by 00:30", "time"), ("Eat three meals", "count"), ("Wash and get dressed", "done"),
        ("Move my body", "amount"), ("Meditate", "amount")]
    assert {g["group"] for g in goals} == {"self-care"} and {g["start"] for g in goals} == {"2026-11-23"}
    assert len({g["id"] for g in goals}) == 5


def test_days_since_and_meetings_exercises(book) -> None:
    finish(book.store, "days-since", {"what": "Staying sober", "start": "On another date",
                                      "start_date": "2026-10-01", "helps": ["a walk", "tea"], "people": "Sam"})
    finish(book.store, "meetings", {"per_week": 2}, finished_at="2026-11-22T10:05:00+01:00")
    sober, meetings = follow(book.store, book.clock).goals
    assert sober["measure"] == {"kind": "days-since"} and sober["runs"][0]["start"] == "2026-10-01"
    assert "a walk" in sober["plan"] and "Sam" in sober["plan"]
    assert book.progress(sober).days_since.current == 52
    assert meetings["title"] == "Go to 2 meetings a week"
    assert meetings["measure"] == {"kind": "count", "target": 2, "unit": "meetings", "direction": "at_least",
                                   "per": "week"}


def test_breakthroughs_and_ratings_are_indexed_small(book) -> None:
    finish(book.store, BREAKTHROUGH, {"kind": "A feeling I can finally name", "realisation": "It was grief. " * 40})
    finish(book.store, SIGNS, {"openness": 3, "words": 4, "hard_topics": 2, "distress": 7, "coping": 1},
           finished_at="2026-11-01T10:00:00+01:00")
    finish(book.store, "weekly-reflection", {"focus": "rest"})
    follow(book.store, book.clock)
    [(entry_id, row)] = indexed(book.store, BREAKTHROUGH)
    assert row["kind"] == "A feeling I can finally name" and len(row["preview"]) == 120
    [(_, signs)] = indexed(book.store, SIGNS)
    assert signs["ratings"] == {"openness": 3, "words": 4, "hard_topics": 2, "distress": 7, "coping": 1}
    assert len(book.store.table(INDEX).get("index")["entries"]) == 2  # reflections are read directly
    forget(book.store, entry_id)
    assert indexed(book.store, BREAKTHROUGH) == []


def test_a_later_look_reads_only_what_is_new(book, clock) -> None:
    for day in range(1, 21):
        finish(book.store, "weekly-reflection", {"focus": "x"}, finished_at=f"2026-{(day % 9) + 1:02d}-10T10:00:00+01:00")
    follow(book.store, clock)
    seen: list[str] = []
    original = book.store.iter_entries

    def counting():
        for entry in original():
            seen.append(entry["id"])
            yield entry

    book.store.iter_entries = counting
    finish(book.store, "smart-goal", {"what": "New one"}, finished_at="2026-11-22T11:00:00+01:00")
    assert [g["title"] for g in follow(book.store, clock).goals] == ["New one"]
    # the new entry, the ones within two days of the last look, and the first older one that ends it
    assert len(seen) == 4 and min(seen)[:7] == "2026-08"


def test_the_first_look_turns_only_recent_plans_into_goals(book) -> None:
    finish(book.store, "smart-goal", {"what": "An old plan"}, finished_at="2025-03-01T10:00:00+01:00")
    finish(book.store, "smart-goal", {"what": "A recent plan"}, finished_at="2026-11-01T10:00:00+01:00")
    finish(book.store, BREAKTHROUGH, {"realisation": "Long ago"}, finished_at="2025-03-02T10:00:00+01:00")
    assert [g["title"] for g in follow(book.store, book.clock).goals] == ["A recent plan"]
    assert len(indexed(book.store, BREAKTHROUGH)) == 1  # every breakthrough is listed, however old
    assert [e["answers"]["what"] for e in book.store.iter_entries() if e["exercise_id"] == "smart-goal"] == [
        "A recent plan", "An old plan"]  # the old plan stays in the history
