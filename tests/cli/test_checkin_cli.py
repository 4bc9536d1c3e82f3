"""`workbook checkin`: the daily check-in as one subcommand, answers piped in."""

from __future__ import annotations

from datetime import date, timedelta

from workbook.goals import GoalBook, make_goal
from workbook.store.profile import open_store

from .conftest import assert_one_plain_line


def add_goals(wb, *goals) -> list[dict]:
    with open_store(wb.data_dir) as store:
        book = GoalBook(store)
        return [book.save(make_goal(*g[:2], g[2] if len(g) > 2 else None, start=g[3] if len(g) > 3 else None,
                                    existing_ids=book.ids())) for g in goals]


def read_book(wb):
    store = open_store(wb.data_dir)
    return store, GoalBook(store)


def test_five_goals_in_one_go_from_a_pipe(wb) -> None:
    today = date.today()
    goals = add_goals(
        wb,
        ("Walk", {"kind": "done"}),
        ("Sleep", {"kind": "amount", "target": 7.5, "unit": "hours"}),
        ("In bed by 23:00", {"kind": "time", "target": "23:00"}),
        ("Meals", {"kind": "count", "target": 3, "unit": "meals"}),
        ("Meditate", {"kind": "done"}),
    )
    result = wb.run("checkin", input="y\n7.5\n00:30\nlots\n3\nn\n")
    assert result.returncode == 0, result.stderr
    assert "Type a whole number" in result.stdout  # "lots" asked again, then 3
    assert "Saved 5 answers." in result.stdout
    store, book = read_book(wb)
    try:
        values = [book.value_on(g["id"], today) for g in goals]
        assert values == [True, 7.5, "00:30", 3, False]
        assert book.progress(goals[0]).streak.length == 1
        assert book.progress(goals[2]).last_7.kept == 0  # 00:30 is after 23:00
    finally:
        store.close()


def test_catching_up_and_skipping(wb) -> None:
    today = date.today()
    [walk] = add_goals(wb, ("Walk", {"kind": "done"}, None, (today - timedelta(days=3)).isoformat()))
    # today, then the three missed days oldest first: skip one, answer two
    result = wb.run("checkin", input="y\ny\n\nn\n")
    assert result.returncode == 0, result.stderr
    assert "Catching up" in result.stdout
    store, book = read_book(wb)
    try:
        answered = {d: book.value_on(walk["id"], today - timedelta(days=d)) for d in range(4)}
        assert answered == {0: True, 3: True, 2: None, 1: False}
    finally:
        store.close()


def test_input_ending_early_keeps_what_was_answered(wb) -> None:
    add_goals(wb, ("Walk", {"kind": "done"}), ("Read", {"kind": "done"}))
    result = wb.run("checkin", input="y\n")
    assert result.returncode == 0 and "Saved 1 answer." in result.stdout


def test_an_earlier_day_and_days_since_with_starting_again(wb) -> None:
    today = date.today()
    [sober] = add_goals(wb, ("Staying sober", {"kind": "days-since"}, None, (today - timedelta(days=40)).isoformat()))
    result = wb.run("checkin", input="n\ny\nA hard evening; call Sam next time\n")
    assert result.returncode == 0, result.stderr
    assert "Thank you for being honest with yourself" in result.stdout
    assert "The days you had still count" in result.stdout
    assert "A new stretch begins on" in result.stdout and "40 days in all" in result.stdout
    store, book = read_book(wb)
    try:
        runs = book.get(sober["id"])["runs"]
        assert runs[0]["note"] == "A hard evening; call Sam next time" and runs[-1]["end"] is None
    finally:
        store.close()
    earlier = wb.run("checkin", "--date", (today - timedelta(days=1)).isoformat(), input="y\n")
    assert earlier.returncode == 0 and "Saved 1 answer." in earlier.stdout


def test_no_goals_and_bad_dates(wb) -> None:
    nothing = wb.run("checkin")
    assert nothing.returncode == 0 and "No goals to check in on" in nothing.stdout
    bad = wb.run("checkin", "--date", "someday")
    assert bad.returncode != 0 and "--date needs a date" in bad.stderr
    assert_one_plain_line(bad.stderr)
    ahead = wb.run("checkin", "--date", (date.today() + timedelta(days=2)).isoformat())
    assert ahead.returncode != 0 and "not a day still to come" in ahead.stderr
