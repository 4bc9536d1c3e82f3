"""The daily check-in screen at scale: 50 active goals and two years of check-ins.

- open: from the key press to the rows (with their streaks and rates) first painted, in
  a fresh app and a freshly opened profile each run (ms); also until the app is idle;
- first open after this feature arrives on a big profile: the one-off look through
  every entry for goal exercises (ms);
- one save of five answers (ms).

    python benchmarks/bench_checkin.py [--goals 50] [--days 730] [--entries 10000] [--runs 7]
Target: open <= 150 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from profile_data import build_profile  # noqa: E402

KINDS = [
    ({"kind": "done"}, {"kind": "daily"}),
    ({"kind": "count", "target": 3, "unit": "meals"}, {"kind": "daily"}),
    ({"kind": "amount", "target": 7.5, "unit": "hours"}, {"kind": "daily"}),
    ({"kind": "time", "target": "23:00"}, {"kind": "daily"}),
    ({"kind": "done"}, {"kind": "weekdays", "days": [0, 2, 4]}),
    ({"kind": "done"}, {"kind": "weekly", "times": 3}),
    ({"kind": "count", "target": 2, "per": "week", "unit": "meetings"}, {"kind": "weekly"}),
    ({"kind": "days-since"}, {"kind": "daily"}),
]


def value_for(rng: random.Random, measure: dict) -> object:
    kind = measure["kind"]
    if kind in ("done", "days-since"):
        return rng.random() < 0.8
    if kind == "count":
        return rng.randint(0, 4) if measure.get("per") != "week" else rng.choice([0, 0, 0, 1, 1])
    if kind == "amount":
        return round(rng.uniform(5, 9), 1)
    return f"{rng.choice([22, 23, 23, 0])}:{rng.choice(['00', '15', '30', '45'])}"


def build_goals(data: Path, goals: int, days: int, seed: int = 11) -> None:
    from workbook.goals import GoalBook, follow, make_goal
    from workbook.store.profile import open_store

    rng = random.Random(seed)
    today = date.today()
    start = today - timedelta(days=days)
    with open_store(data) as store:
        book = GoalBook(store)
        made = []
        for number in range(goals):
            measure, schedule = KINDS[number % len(KINDS)]
            goal = make_goal(f"Goal number {number + 1}", dict(measure), dict(schedule), start=start,
                             existing_ids=[g["id"] for g in made])
            book.save(goal)
            made.append(goal)
        month: list = []
        day = start
        while day < today:  # today is left open, as it is each morning
            for goal in made:
                if rng.random() < 0.85:
                    month.append((goal, day, value_for(rng, goal["measure"])))
            day += timedelta(days=1)
            if day.day == 1 or day == today:
                book.save_checkins(month)
                month = []
        follow(store)  # the one-off look through the entries is done, as after the first open


async def open_ms(data: Path, runs: int) -> tuple[list[float], list[float]]:
    """(until the rows are first painted, until the app is idle again), per run."""
    from workbook.content.catalog import load_catalog
    from workbook.store.profile import open_store
    from workbook.tui.app import WorkbookApp
    from workbook.tui.screens.checkin import CheckinScreen, CheckinTable

    painted_at: list[float] = []
    original = CheckinTable.render_line

    def render_line(self, y):  # the first line drawn once the rows are in: the rows are on screen
        if self.row_count and not painted_at:
            painted_at.append(time.perf_counter())
        return original(self, y)

    CheckinTable.render_line = render_line
    painted, idle = [], []
    catalog = load_catalog()
    rows = 0
    for _ in range(runs):
        with open_store(data) as store:
            app = WorkbookApp(store, catalog)
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                painted_at.clear()
                t0 = time.perf_counter()
                app.action_checkin()
                while not painted_at:
                    await asyncio.sleep(0.001)
                painted.append((painted_at[0] - t0) * 1000)
                await pilot.pause()
                idle.append((time.perf_counter() - t0) * 1000)
                screen = app.screen
                assert isinstance(screen, CheckinScreen) and screen.loaded
                rows = screen.query_one(CheckinTable).row_count
    CheckinTable.render_line = original
    print(f"  ({rows} rows on screen)")
    return painted, idle


def first_follow_ms(data: Path) -> float:
    from workbook.goals import follow
    from workbook.goals.follow import INDEX
    from workbook.store.profile import open_store

    with open_store(data) as store:
        store.table(INDEX).delete("index")
    with open_store(data) as store:
        t0 = time.perf_counter()
        follow(store)
        return (time.perf_counter() - t0) * 1000


def save_ms(data: Path, runs: int) -> list[float]:
    from workbook.goals import GoalBook
    from workbook.store.profile import open_store

    times = []
    with open_store(data) as store:
        book = GoalBook(store)
        rows = [r for r in book.checkin_rows() if not r.catch_up][:5]
        for run in range(runs):
            answers = [(r.goal, r.day, value_for(random.Random(run), r.goal["measure"])) for r in rows]
            t0 = time.perf_counter()
            book.save_checkins(answers)
            times.append((time.perf_counter() - t0) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--goals", type=int, default=50)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        t0 = time.perf_counter()
        build_profile(data, args.entries)
        build_goals(data, args.goals, args.days)
        checkins = sum(p.stat().st_size for p in data.rglob("checkins/*.json"))
        print(f"profile: {args.entries} entries, {args.goals} goals, {args.days} days of check-ins "
              f"({checkins / 1e6:.1f} MB of check-ins), built in {time.perf_counter() - t0:.0f} s")
        import compileall

        compileall.compile_dir(str(ROOT / "workbook"), quiet=1)
        painted, idle = asyncio.run(open_ms(data, args.runs))
        print(f"check-in open, key press to rows painted: median {statistics.median(painted):.0f} ms, "
              f"max {max(painted):.0f} ms (target <= 150)")
        print(f"  ...and until the app is idle again (footer and all): median {statistics.median(idle):.0f} ms")
        saves = save_ms(data, args.runs)
        print(f"saving five answers: median {statistics.median(saves):.1f} ms")
        print(f"first look through {args.entries} entries for goal exercises (once per profile): "
              f"{first_follow_ms(data):.0f} ms")


if __name__ == "__main__":
    main()
