"""`workbook reflection`: the week beside its reflection, and signs of progress, in plain mode."""

from __future__ import annotations

SIGNS_LINES = ["3", "4", "2", "7", "1", ""]


def test_the_week_shows_its_data_beside_the_reflection(wb) -> None:
    reflected = wb.run("do", "weekly-reflection", "--plain",
                       input="a long walk\n\nIt was a lot\n\nRest helps\n\n1\nsleep early\n2\n")
    assert reflected.returncode == 0, reflected.stderr
    week = wb.run("reflection")
    assert week.returncode == 0, week.stderr
    out = week.stdout
    assert "Your week:" in out and "1 exercise finished: 1 × Weekly reflection." in out
    assert "Your reflection" in out and "  - a long walk" in out and "  sleep early" in out
    earlier = wb.run("reflection", "week", "--date", "2020-01-01")
    assert "No weekly reflection was written this week" in earlier.stdout


def test_signs_of_progress_and_breakthroughs(wb) -> None:
    assert wb.run("do", "progress-signs", "--plain", input="\n".join(SIGNS_LINES) + "\n").returncode == 0
    assert wb.run("do", "breakthrough-log", "--plain",
                  input="5\nIt was grief, not anger\n\n\n\n\n\n").returncode == 0
    progress = wb.run("reflection", "progress")
    assert progress.returncode == 0, progress.stderr
    assert "This is your first rating." in progress.stdout
    assert "putting feelings into words: 4" in progress.stdout
    assert "A feeling I can finally name: It was grief, not anger" in progress.stdout
