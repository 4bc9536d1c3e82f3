"""The history at scale (10,000 entries from profile_data.py), in the real app under Pilot:

- open: from the key press to the first frame sent out with rows in it (ms; see painted.py);
- index: when the search index is ready, counted from the first rows on screen (it is
  built in a worker a moment after them; a search typed sooner builds it itself), and
  how long building it takes on its own (ms);
- search: from the search asked for to the first frame with the matching rows (ms), for
  words, filters and both;
- search alone: the same queries on the built index, without the screen (ms);
- patterns: all the findings of the patterns screen from the same entries (ms).

    python benchmarks/bench_history.py [--entries 10000] [--runs 5]
Targets: open <= 150 ms, a search answers <= 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from painted import PaintWatch  # noqa: E402
from profile_data import build_profile  # noqa: E402

from workbook.insights.search import Filters  # noqa: E402

QUERIES = [
    ("one common word", Filters(text="sister")),
    ("two words", Filters(text="tight chest")),
    ("a word found nowhere", Filters(text="zebra")),
    ("a feeling", Filters(emotion="lonely")),
    ("a feeling, strength 7-10, one month", Filters(emotion="anxious", min_intensity=7,
                                                   since=date.today().replace(day=1))),
    ("words and an exercise", Filters(text="walked outside", exercise="trigger-journal")),
    ("a tag", Filters(tag="work")),
]


def _rows_shown(app) -> bool:
    from textual.widgets import DataTable

    tables = app.screen.query(DataTable)
    return bool(tables) and tables.first().row_count > 0


def summary(times: list[float]) -> str:
    return f"median {statistics.median(times):.0f} ms, max {max(times):.0f} ms"


async def screen_runs(data: Path, runs: int, passphrase: str | None = None, queries=QUERIES) -> dict:
    """In the app, `runs` times: the history opened, its index built, each query answered (ms).

    Returns {"opens": [...], "builds": [...], "answers": {name: [...]}, "alone": {name: [...]},
    "found": {name: count}}."""
    from workbook.content.catalog import load_catalog
    from workbook.store.profile import open_store
    from workbook.tui.app import WorkbookApp
    from workbook.tui.screens.history import HistoryScreen

    catalog = load_catalog()
    opens, builds = [], []
    answers: dict[str, list[float]] = {name: [] for name, _ in queries}
    alone: dict[str, list[float]] = {name: [] for name, _ in queries}
    for _ in range(runs):
        # A fresh store each run: nothing read yet, as after a start (for an encrypted
        # profile the unlock happens here, before the clock starts).
        with open_store(data, passphrase=passphrase) as store:
            app = WorkbookApp(store, catalog)
            async with app.run_test(size=(80, 24)) as pilot:
                watch = PaintWatch(app)
                await pilot.pause()
                t0 = time.perf_counter()
                app.action_history()
                opens.append(await watch.first_frame_with(_rows_shown, since=t0))

                screen = app.screen
                assert isinstance(screen, HistoryScreen)
                t0 = time.perf_counter()
                while not screen.index.ready:
                    await asyncio.sleep(0.002)
                builds.append((time.perf_counter() - t0) * 1000)

                for name, filters in queries:
                    t0 = time.perf_counter()
                    screen.set_filters(filters)
                    answers[name].append(await watch.first_frame_with(
                        lambda _app, f=filters: screen.results is not None and not screen.searching
                        and screen.filters == f, since=t0))
                    t0 = time.perf_counter()
                    screen.index.find(filters)
                    alone[name].append((time.perf_counter() - t0) * 1000)
                    screen.set_filters(Filters())
                    while screen.results is not None or screen.loading:
                        await asyncio.sleep(0.002)
                found = {name: len(screen.index.find(f)) for name, f in queries}
    return {"opens": opens, "builds": builds, "answers": answers, "alone": alone, "found": found}


async def measure(data: Path, runs: int) -> None:
    from workbook.store.profile import open_store
    from workbook.tui.screens.history import INDEX_DELAY

    results = await screen_runs(data, runs)
    opens, builds = results["opens"], results["builds"]
    answers, alone, found = results["answers"], results["alone"], results["found"]
    print(f"history open (first page on screen): {summary(opens)} (target <= 150)")
    print(f"search index ready, after the first rows: {summary(builds)} "
          f"(it starts {INDEX_DELAY * 1000:.0f} ms after them)")
    for name, _ in QUERIES:
        print(f"search answers, {name} ({found[name]:,} found): {summary(answers[name])} (target <= 100); "
              f"on the index alone {statistics.median(alone[name]):.1f} ms")

    from workbook.insights.patterns import findings
    from workbook.insights.search import SearchIndex

    with open_store(data) as store:
        table = store.monthly("entries")
        t0 = time.perf_counter()
        SearchIndex().refresh(table)
        cold = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        SearchIndex().refresh(table)
        warm = (time.perf_counter() - t0) * 1000
        print(f"building the search index on its own: {cold:.0f} ms reading the files too, {warm:.0f} ms from memory")
        list(table.scan())  # read the files once, as the history would have
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            findings(table.scan())
            times.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        copies = sum(1 for _ in store.iter_entries())
        copy_ms = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        scanned = sum(1 for _ in table.scan())
        scan_ms = (time.perf_counter() - t0) * 1000
    print(f"patterns, every finding: {summary(times)}")
    print(f"reading every entry: iter_entries (copies) {copy_ms:.0f} ms for {copies:,}; "
          f"scan (read-only) {scan_ms:.1f} ms for {scanned:,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        build_profile(data, args.entries)
        print(f"profile: {args.entries:,} entries, "
              f"{sum(p.stat().st_size for p in data.rglob('*.json')) / 1e6:.1f} MB")
        asyncio.run(measure(data, args.runs))


if __name__ == "__main__":
    main()
