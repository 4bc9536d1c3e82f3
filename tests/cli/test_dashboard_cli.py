"""`workbook progress` in a real subprocess: the progress page's sentences, in words."""

from __future__ import annotations

from datetime import datetime, timedelta

from workbook.store.profile import open_store


def earlier_check_in(wb, total: int, band: str) -> None:
    """A check-in from last week, saved the way an older version (no summary hook) would have."""
    when = (datetime.now().astimezone() - timedelta(days=7)).isoformat(timespec="seconds")
    with open_store(wb.data_dir) as store:
        store.save_entry({"exercise_id": "weekly-check-in", "exercise_title": "Weekly check-in",
                          "category": "check-in", "started_at": when, "finished_at": when, "answers": {},
                          "score": {"total": total, "band": band}})


def test_progress_in_words_after_two_check_ins(wb) -> None:
    earlier_check_in(wb, 18, "a lighter week")
    lines = ["Rarely"] * 6 + ["No", ""]  # 1+3+1+1+3+1 = 10
    done = wb.run("do", "weekly-check-in", "--plain", input="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    assert "Your total before this one was 18. This one is 10, 8 lower than last time." in done.stdout

    result = wb.run("progress")
    assert result.returncode == 0, result.stderr
    assert ("Check-in totals: Weekly check-in: 2 totals in the last 4 weeks; the latest is 10 "
            "(a mixed week), 8 lower than the one before (18).") in result.stdout
    assert "Distress before and after grounding: No grounding exercises in the last 4 weeks." in result.stdout
    assert "never a diagnosis" in result.stdout

    everything = wb.run("progress", "--range", "all")
    assert "since your first entry" in everything.stdout


def test_progress_refuses_an_unknown_range(wb) -> None:
    result = wb.run("progress", "--range", "week")
    assert result.returncode != 0
    assert "--range cannot be 'week'" in result.stderr
