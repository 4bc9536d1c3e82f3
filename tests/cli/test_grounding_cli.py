"""`workbook grounding`: the exercises and how grounding has gone, in plain text."""

from __future__ import annotations

from .conftest import Workbook


def test_lists_the_exercises_and_says_when_there_is_nothing_yet(wb: Workbook) -> None:
    result = wb.run("grounding")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "box-breathing  Box breathing · 3 min" in out
    assert "No grounding sessions yet." in out


def test_after_a_plain_session_the_change_and_the_session_show(wb: Workbook) -> None:
    # box-breathing in plain mode, piped: rating, (info, breaths), "more rounds?" skipped, rating.
    done = wb.run("do", "box-breathing", "--plain", input="7\n\n3\n")
    assert done.returncode == 0, done.stderr
    assert "Distress before: 7, after: 3. That is 4 points lower" in done.stdout
    result = wb.run("grounding")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Across 1 session with both ratings, your distress was on average 4 points lower" in out
    assert "Box breathing: not enough sessions yet (1 session" in out
    assert "Box breathing  7 → 3  (4 points lower)" in out


def test_help_explains_it(wb: Workbook) -> None:
    result = wb.run("grounding", "--help")
    assert result.returncode == 0 and "--all" in result.stdout and "techniques" in result.stdout
