"""The journaling exercises: the full trigger journal, "log it now" and the thought record."""

from __future__ import annotations

import pytest

from workbook.content.catalog import load_catalog
from workbook.content.models import ChecklistStep, MultiChoiceStep, ScaleStep, TextStep
from workbook.engine import Run
from workbook.tui.screens.entry import COMPLETES

STABLE_IDS = ["situation", "trigger", "feelings", "intensity", "body", "pause", "thoughts", "urges",
              "urge_strength", "action", "outcome"]
TRAPS = ["All-or-nothing", "Catastrophising", "Mind reading", "Fortune telling", "Overgeneralising", "Labelling",
         '"Should" statements', "Emotional reasoning", "Personalising", "Mental filter", "Discounting the positive"]


@pytest.fixture(scope="module")
def catalog():
    catalog = load_catalog()
    assert not [p for p in catalog.problems if "journaling" in str(p.path)]
    return catalog


@pytest.mark.parametrize("exercise_id", ["trigger-journal", "quick-log", "thought-record"])
def test_each_journal_is_gentle_skippable_and_kept_on_this_computer(catalog, exercise_id: str) -> None:
    exercise = catalog.get(exercise_id)
    assert exercise.category == "journaling"
    intro = " ".join((exercise.intro or "").casefold().split())
    assert "stop" in intro and "stays on this computer" in intro and exercise.closing
    assert not any(step.required for step in exercise.steps)
    for step in exercise.steps:
        if isinstance(step, ScaleStep):
            assert step.min_label and step.max_label
    run = Run(exercise)
    while not run.is_complete:  # everything can be skipped, start to end
        run.answer(None)
        run.next()
    assert run.record()["answers"] == {}


def test_the_trigger_journal_keeps_its_step_ids_and_rates_each_feeling_0_to_100(catalog) -> None:
    journal = catalog.get("trigger-journal")
    ids = [s.id for s in journal.steps]
    assert [i for i in ids if i in STABLE_IDS] == STABLE_IDS
    for added in ("feeling_other", "feeling_other_strength", "coping", "intensity_after", "tags"):
        assert added in ids
    feelings = journal.step("feelings")
    assert isinstance(feelings, MultiChoiceStep)
    for option in feelings.options:
        rating = journal.step("feeling_" + option.label.casefold().replace(" ", "_"))
        assert isinstance(rating, ScaleStep) and (rating.min, rating.max) == (0, 100)
        assert rating.when.step == "feelings" and rating.when.includes == option.label
    coping = journal.step("coping")
    assert isinstance(coping, MultiChoiceStep) and coping.allow_other
    after = journal.step("intensity_after")
    assert isinstance(after, ScaleStep) and (after.min, after.max) == (0, 10)
    assert isinstance(journal.step("tags"), TextStep) and not journal.step("tags").multiline
    labels = [o.label for o in journal.step("urges").options]
    assert "A craving to drink" in labels and "A craving to use" in labels


def test_only_the_feelings_picked_are_rated(catalog) -> None:
    journal = catalog.get("trigger-journal")
    run = Run(journal, {"feelings": ["Sad", "On edge"], "feeling_other": "Restless"})
    shown = [s.id for s in run.visible_steps()]
    assert [i for i in shown if i.startswith("feeling_")] == ["feeling_sad", "feeling_on_edge", "feeling_other",
                                                              "feeling_other_strength"]


def test_the_quick_log_is_short_safe_and_completes_into_the_full_journal(catalog) -> None:
    quick = catalog.get("quick-log")
    assert quick.minutes == 1 and len(quick.steps) <= 5
    journal = catalog.get(COMPLETES["quick-log"])
    assert journal.id == "trigger-journal"
    for step in quick.steps:  # every quick answer has a home in the full journal
        assert type(journal.step(step.id)) is type(step)
    assert quick.step("intensity").offer_grounding_at == 8
    run = Run(quick)
    run.position = [s.id for s in quick.steps].index("urges")
    assert run.answer(["To hurt myself"]).safety


def test_the_thought_record_has_every_thinking_trap_and_a_re_rating(catalog) -> None:
    record = catalog.get("thought-record")
    traps = record.step("traps")
    assert isinstance(traps, ChecklistStep) and list(traps.items) == TRAPS
    before, after = record.step("feeling_strength"), record.step("feeling_strength_after")
    assert (before.min, before.max) == (after.min, after.max) == (0, 100)
    for step_id in ("situation", "feeling", "thought", "evidence_for", "evidence_against", "balanced"):
        record.step(step_id)
