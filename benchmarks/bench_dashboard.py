"""The progress page at scale, from one run (median of --runs each):

- open: from the key press to the first frame sent out with every panel's sentence in it
  (benchmarks/painted.py), with the month
  summaries up to date (the usual case: every save keeps its month's summary fresh), with
  the processor time it took (both threads), which a busy machine does not inflate;
- first open after an import: the summaries are missing, so every month is read once;
- a range switch (4 weeks -> all), on the open page;
- for scale on a busy machine: the help screen (a page of plain text) opened the same way;
- the save hook: what keeping a month's summary fresh adds to one save.

    python benchmarks/bench_dashboard.py [--entries 10000] [--runs 7]
Target: open <= 300 ms at 10,000 entries.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from painted import PaintWatch  # noqa: E402
from profile_data import build_profile, make_entry  # noqa: E402

WORKING = "Working it out…"
CPU: list[float] = []  # processor time of each open: what the page costs, however busy the machine is


def _all_shown(app) -> bool:
    from workbook.tui.screens.dashboard import DashboardScreen, PanelView

    screen = app.screen
    if not isinstance(screen, DashboardScreen) or screen.shown_range != screen.range_key:
        return False
    return all(view.sentence != WORKING for view in screen.query(PanelView) if view.display)


async def _wait_shown(app, pilot) -> None:
    while not _all_shown(app):
        await asyncio.sleep(0.001)
    await pilot.pause()  # and painted


async def open_ms(data: Path, runs: int, cold: bool, passphrase: str | None = None) -> tuple[list[float], list[float]]:
    from workbook.content.catalog import load_catalog
    from workbook.store.profile import open_store
    from workbook.tui.app import WorkbookApp

    catalog = load_catalog()
    opens, switches = [], []
    for _ in range(runs):
        if cold:
            with open_store(data, passphrase=passphrase) as store:
                store.table("summaries")  # make sure the table exists, then empty it
                for key, _ in store.table("summaries").items():
                    store.table("summaries").delete(key)
        with open_store(data, passphrase=passphrase) as store:  # a fresh process's view: nothing cached in memory
            app = WorkbookApp(store, catalog)
            async with app.run_test(size=(80, 24)) as pilot:
                watch = PaintWatch(app)
                await pilot.pause()
                t0, c0 = time.perf_counter(), time.process_time()
                app.action_progress()
                opens.append(await watch.first_frame_with(_all_shown, since=t0))
                CPU.append((time.process_time() - c0) * 1000)
                await _wait_shown(app, pilot)
                t0 = time.perf_counter()
                await pilot.press("4")
                await _wait_shown(app, pilot)
                switches.append((time.perf_counter() - t0) * 1000)
    return opens, switches


def _help_shown(app) -> bool:
    from workbook.tui.screens.help import HelpScreen

    return isinstance(app.screen, HelpScreen)


async def help_ms(data: Path, runs: int) -> list[float]:
    from workbook.content.catalog import load_catalog
    from workbook.store.profile import open_store
    from workbook.tui.app import WorkbookApp

    catalog = load_catalog()
    times = []
    for _ in range(runs):
        with open_store(data) as store:
            app = WorkbookApp(store, catalog)
            async with app.run_test(size=(80, 24)) as pilot:
                watch = PaintWatch(app)
                await pilot.pause()
                t0 = time.perf_counter()
                app.action_help()
                times.append(await watch.first_frame_with(_help_shown, since=t0))
                await pilot.pause()
    return times


def hook_ms(data: Path, runs: int) -> tuple[float, float]:
    from workbook.insights.summaries import fresh_summaries, note_saved
    from workbook.store.profile import open_store

    rng = random.Random(5)
    saves, hooks = [], []
    with open_store(data) as store:
        fresh_summaries(store)
        for _ in range(runs * 4):
            record = make_entry(rng, datetime.now().astimezone())
            t0 = time.perf_counter()
            saved = store.save_entry(record)
            t1 = time.perf_counter()
            note_saved(store, saved)
            t2 = time.perf_counter()
            saves.append((t1 - t0) * 1000)
            hooks.append((t2 - t1) * 1000)
    return statistics.median(saves), statistics.median(hooks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        build_profile(data, args.entries)
        print(f"profile: {args.entries} entries, "
              f"{sum(p.stat().st_size for p in data.rglob('*.json')) / 1e6:.1f} MB")
        spare = Path(tmp) / "spare"
        shutil.copytree(data, spare)

        cold, _ = asyncio.run(open_ms(spare, max(3, args.runs // 2), cold=True))
        print(f"first open after an import (every month summarised): median {statistics.median(cold):.0f} ms")
        asyncio.run(open_ms(data, 1, cold=False))  # the summaries are built once, as on first use
        CPU.clear()
        opens, switches = asyncio.run(open_ms(data, args.runs, cold=False))
        print(f"progress page open (every panel's sentence on screen): median {statistics.median(opens):.0f} ms, "
              f"max {max(opens):.0f} ms (target <= 300); processor time {statistics.median(CPU):.0f} ms")
        print(f"range switch to 'all': median {statistics.median(switches):.0f} ms")
        reference = asyncio.run(help_ms(data, args.runs))
        print(f"for scale, the help screen (plain text) opened the same way: median {statistics.median(reference):.0f} ms")
        save, hook = hook_ms(data, args.runs)
        print(f"one durable save: median {save:.1f} ms; keeping its month's summary fresh adds {hook:.1f} ms")


if __name__ == "__main__":
    main()
