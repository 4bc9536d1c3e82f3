"""Grounding progress at scale: 10,000 entries, about a quarter of them grounding sessions.

    python benchmarks/bench_grounding.py [--entries 10000] [--runs 5]

- insights: reading every entry and working out sessions, techniques and the sentence
  (cold: a freshly opened profile; warm: read again);
- progress screen: from the key press to the sentence, the chart and the first rows on screen
  (more rows are added as the cursor nears the end);
- picker: from F3 to the grounding picker on screen, beside the help screen (F1) as a
  yardstick for opening any screen on this machine.
Targets: progress screen <= 1 s at 10,000 entries; the picker no slower than help.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from profile_data import make_entry  # noqa: E402

from workbook.insights.grounding import CATEGORY, finding, grounding_sessions, techniques  # noqa: E402
from workbook.store.profile import open_store  # noqa: E402


def build(data: Path, count: int) -> int:
    rng = random.Random(11)
    now = datetime.now(timezone.utc).replace(microsecond=0)
    span = timedelta(days=max(30, count // 9))
    entries = []
    for moment in sorted(now - span * rng.random() for _ in range(count)):
        entry = make_entry(rng, moment)
        if entry["category"] == CATEGORY:
            before = rng.randint(3, 10)
            entry["answers"] = {"distress_before": before, "distress_after": max(0, before - rng.randint(-1, 5))}
        entries.append(entry)
    with open_store(data) as store:
        store.import_entries(entries)
    return sum(1 for e in entries if e["category"] == CATEGORY)


def insights_ms(data: Path) -> tuple[float, float]:
    with open_store(data) as store:
        times = []
        for _ in range(2):
            t0 = time.perf_counter()
            sessions = grounding_sessions(e for e in store.iter_entries() if e.get("category") == CATEGORY)
            techniques(sessions)
            finding(sessions)
            times.append((time.perf_counter() - t0) * 1000)
    return times[0], times[1]


async def screen_ms(data: Path, runs: int) -> tuple[list[float], list[float], list[float]]:
    from workbook.content.catalog import load_catalog
    from workbook.tui.app import WorkbookApp
    from workbook.tui.screens.grounding import GroundingPicker
    from workbook.tui.screens.grounding_progress import GroundingProgressScreen

    catalog = load_catalog()
    progress, picker, help_screen = [], [], []
    for _ in range(runs):
        with open_store(data) as store:
            app = WorkbookApp(store, catalog)
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                t0 = time.perf_counter()
                await pilot.press("f3")
                while not isinstance(app.screen, GroundingPicker):
                    await asyncio.sleep(0.001)
                await pilot.pause()
                picker.append((time.perf_counter() - t0) * 1000)
                await pilot.press("escape")
                await pilot.pause()
                t0 = time.perf_counter()
                await pilot.press("f1")
                await pilot.pause()
                help_screen.append((time.perf_counter() - t0) * 1000)
                await pilot.press("escape")
                await pilot.pause()
                t0 = time.perf_counter()
                app.action_grounding_progress()
                while not (isinstance(app.screen, GroundingProgressScreen) and app.screen.loaded):
                    await asyncio.sleep(0.001)
                await pilot.pause()  # and painted
                progress.append((time.perf_counter() - t0) * 1000)
    return progress, picker, help_screen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        sessions = build(data, args.entries)
        print(f"{args.entries} entries, {sessions} of them grounding sessions")
        cold, warm = insights_ms(data)
        print(f"insights (read every entry, sessions, techniques, sentence): cold {cold:.0f} ms, warm {warm:.0f} ms")
        progress, picker, help_screen = asyncio.run(screen_ms(data, args.runs))
        print(f"progress screen (key to sentence, chart and first rows on screen): median {statistics.median(progress):.0f} ms, "
              f"max {max(progress):.0f} ms (target <= 1000)")
        print(f"grounding picker (F3 to on screen): median {statistics.median(picker):.0f} ms, "
              f"max {max(picker):.0f} ms; help screen (F1): median {statistics.median(help_screen):.0f} ms")


if __name__ == "__main__":
    main()
