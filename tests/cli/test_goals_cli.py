"""`workbook goals` and plain-mode goal setting, through real subprocesses."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from .conftest import assert_one_plain_line

# smart-goal, one line per prompt: what, why (+ empty line), measure, target, schedule, start,
# review, confidence, first step, obstacles (+ empty), plan (+ empty)
SMART_LINES = ["Walk for ten minutes", "It clears my head [really]", "", "3", "10 minutes", "1", "1", "2", "7",
               "Shoes by the door", "Rain", "", "Walk in the corridor", ""]


def goals_in(wb) -> list[dict[str, Any]]:
    from workbook.goals import GoalBook
    from workbook.store.profile import open_store

    with open_store(wb.data_dir) as store:
        return GoalBook(store).goals()


def test_goals_new_runs_the_smart_exercise_and_makes_the_goal(wb) -> None:
    result = wb.run("goals", "new", input="\n".join(SMART_LINES) + "\n")
    assert result.returncode == 0, result.stderr
    assert "Added to your goals:" in result.stdout and "Walk for ten minutes" in result.stdout
    [goal] = goals_in(wb)
    assert goal["measure"] == {"kind": "amount", "target": 10, "unit": "minutes", "direction": "at_least"}
    assert goal["why"] == "It clears my head [really]" and goal["plan"] == "Walk in the corridor"
    assert goal["review"] == (date.today() + timedelta(days=14)).isoformat()
    listed = wb.run("goals")
    assert listed.returncode == 0 and listed.stdout.startswith(goal["id"] + "\tWalk for ten minutes — ")
    shown = wb.run("goals", "show", goal["id"][:4])
    assert "Why it matters: It clears my head [really]" in shown.stdout
    assert "How sure you were: 7 out of 10" in shown.stdout


def test_a_goal_exercise_done_with_do_plain_becomes_a_goal_at_the_next_look(wb) -> None:
    lines = ["Drink water", "", "2", "3 glasses", "1", "1", "4", "", "", "", ""]
    done = wb.run("do", "self-care-set", "--plain", input="1,3\n22:30\n\n2\n")
    assert done.returncode == 0, done.stderr
    made = wb.run("do", "smart-goal", "--plain", input="\n".join(lines) + "\n")
    assert made.returncode == 0, made.stderr
    listed = wb.run("goals")
    assert "New goal from your exercise: In bed by 22:30" in listed.stdout
    assert "New goal from your exercise: Drink water" in listed.stdout
    assert {g["title"] for g in goals_in(wb)} == {"In bed by 22:30", "Wash and get dressed", "Drink water"}
    again = wb.run("goals")
    assert "New goal" not in again.stdout  # made once


def test_pause_resume_complete_archive_restore(wb) -> None:
    wb.run("goals", "new", "--kind", "meetings", input="2\n\n\n\n")
    [goal] = goals_in(wb)
    short = goal["id"][:5]
    paused = wb.run("goals", "pause", short)
    assert paused.returncode == 0 and "is paused" in paused.stdout
    assert "[paused] Go to 2 meetings a week" in wb.run("goals").stdout
    assert "active again" in wb.run("goals", "resume", short).stdout
    assert "completed" in wb.run("goals", "complete", short).stdout
    archived = wb.run("goals", "archive", short)
    assert "nothing deleted" in archived.stdout
    assert "archived (see them with --all)" in wb.run("goals").stdout
    assert "[archived]" in wb.run("goals", "--all").stdout
    wb.run("goals", "restore", short)
    assert [(c["status"]) for c in goals_in(wb)[0]["history"]] == [
        "active", "paused", "active", "completed", "archived", "active"]


def test_edit_changes_fields_one_at_a_time_and_refuses_what_does_not_fit(wb) -> None:
    wb.run("goals", "new", input="\n".join(SMART_LINES) + "\n")
    [goal] = goals_in(wb)
    # name kept, target refused then given, schedule changed, the rest kept
    edited = wb.run("goals", "edit", goal["id"], input="\nlots\n20 minutes\nmon, thu\n\n\n\n\n\n\n")
    assert edited.returncode == 0, edited.stderr
    assert "The target needs a number" in edited.stdout and "Saved." in edited.stdout
    [after] = goals_in(wb)
    assert after["measure"]["target"] == 20 and after["schedule"] == {"kind": "weekdays", "days": [0, 3]}
    assert after["why"] == goal["why"]


def test_mistakes_are_one_plain_line(wb) -> None:
    missing = wb.run("goals", "pause")
    assert missing.returncode != 0
    assert_one_plain_line(missing.stderr)
    assert "needs the goal's id" in missing.stderr
    unknown = wb.run("goals", "show", "nope")
    assert unknown.returncode != 0 and "There is no goal 'nope'" in unknown.stderr
    assert_one_plain_line(unknown.stderr)
    wrong = wb.run("goals", "fly")
    assert wrong.returncode != 0
    assert_one_plain_line(wrong.stderr)


def test_start_again_from_the_command_line_keeps_the_earlier_stretch(wb) -> None:
    began = (date.today() - timedelta(days=30)).isoformat()
    made = wb.run("goals", "new", "--kind", "days-since",
                  input=f"Staying sober\n3\n{began}\n\n\n\n\n")
    assert made.returncode == 0, made.stderr
    [goal] = goals_in(wb)
    assert goal["runs"][0]["start"] == began
    again_on = (date.today() - timedelta(days=2)).isoformat()
    result = wb.run("goals", "start-again", goal["id"], "--date", again_on, input="A party; leave early next time\n")
    assert result.returncode == 0, result.stderr
    assert "The 28 days of this stretch still count" in result.stdout
    assert "With 1 earlier stretch, that makes 30 days in all." in result.stdout
    [after] = goals_in(wb)
    assert after["runs"] == [{"start": began, "end": again_on, "note": "A party; leave early next time"},
                             {"start": again_on, "end": None, "note": ""}]
    refused = wb.run("goals", "start-again", goal["id"], "--date", "2000-01-01", input="\n")
    assert refused.returncode != 0 and "can begin on that day or later" in refused.stderr
    assert_one_plain_line(refused.stderr)
