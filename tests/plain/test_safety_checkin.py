"""Plain mode: a non-zero safety answer on the weekly check-in prints the crisis contacts at
once, even when the total is the lowest; the total comes with its band and its trend."""

from __future__ import annotations

import pytest

from workbook.content.catalog import load_catalog
from workbook.crisis import Contact
from workbook.store.memory import MemoryStore

from .conftest import drive

LOWEST = ["Not at all", "Nearly all the time", "Not at all", "Not at all", "Nearly all the time", "Not at all"]


@pytest.fixture(scope="module")
def weekly():
    return load_catalog().get("weekly-check-in")


@pytest.mark.parametrize("answer", ["Once or twice", "2", "Most days"])
def test_a_safety_answer_prints_the_contacts_straight_away(weekly, answer) -> None:
    site = [Contact("Riverside duty worker", "Call 555 0100", "", "2026-11-20")]
    result = drive(weekly, LOWEST + [answer, ""], contacts=site)
    assert result.code == 0
    crisis = result.out.index("Riverside duty worker: Call 555 0100")
    assert crisis < result.out.index("Step 8 of 8"), "before the next question, not at the end"
    assert "(checked 2026-11-20)" in result.out or "last checked on 2026-11-20" in result.out
    assert "Your total is 0, in the range this exercise calls “a heavy week”." in result.out
    (entry,) = result.store.entries()
    assert entry["answers"]["safety"] in ("Once or twice", "Several times", "Most days")


def test_no_contacts_for_no(weekly) -> None:
    result = drive(weekly, LOWEST + ["No", ""], contacts=[Contact("Night line", "Call 555 0199")])
    assert "Night line" not in result.out


def test_the_trend_follows_the_total(weekly) -> None:
    store = MemoryStore()
    drive(weekly, ["Often"] * 6 + ["No", ""], store=store)  # 3+1+3+3+1+3 = 14
    most = ["Nearly all the time", "Not at all", "Nearly all the time", "Nearly all the time", "Not at all",
            "Nearly all the time"]  # 4 each, the two reversed items answered "Not at all": 24
    second = drive(weekly, most + ["No", ""], store=store)
    assert "Your total is 24" in second.out
    assert "Your total before this one was 14. This one is 24, 10 higher than last time." in second.out
