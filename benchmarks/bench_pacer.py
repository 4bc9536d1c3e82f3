"""Breathing pacer timing over about two minutes: the real clock, the real app, headless.

    python benchmarks/bench_pacer.py [--pattern 4-4-4-4] [--cycles 8] [--reduced] [--busy]

For each phase change the pacer reports, the lateness is when it reached the screen's
message queue minus when it was due (worked out from the moment Start was pressed).
Drift is how late the end of the last breath was, as a share of the whole run.
`--busy` blocks the event loop for 30 ms every 100 ms (a slow machine). For comparison
a naive pacer runs alongside: a 0.1 s timer re-armed after each tick, its elapsed time
the sum of those intervals.

Target: drift under 2%.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textual.widgets import Static  # noqa: E402

from workbook.content.catalog import load_catalog  # noqa: E402
from workbook.store.memory import MemoryStore  # noqa: E402
from workbook.tui import app as app_module  # noqa: E402
from workbook.tui.app import WorkbookApp  # noqa: E402
from workbook.tui.widgets.timed import BreathingInput  # noqa: E402

EXERCISE = """\
id: pace
title: Pacer benchmark
category: grounding
summary: Two minutes of paced breathing.
minutes: 3
steps:
  - id: breathe
    type: breathing
    pattern: "{pattern}"
    cycles: {cycles}
"""


class Naive(Static):
    """What the pacer avoids: a timer re-armed for 0.1 s after each tick, with elapsed
    time as the sum of those nominal intervals. Every late tick adds up."""

    def __init__(self, total: float) -> None:
        super().__init__("")
        self.total, self.elapsed, self.done_at = total, 0.0, None

    def begin(self) -> None:
        self.set_timer(0.1, self.tick)

    def tick(self) -> None:
        self.elapsed += 0.1
        if self.elapsed >= self.total - 1e-9:
            self.done_at = time.monotonic()
        else:
            self.set_timer(0.1, self.tick)


class BenchApp(WorkbookApp):
    CSS_PATH = str(Path(app_module.__file__).parent / "app.tcss")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.changes: list[tuple[float, float, float]] = []  # (due, shown by the pacer's clock, wall)
        self.finished_at: float | None = None

    def on_breathing_input_phase_changed(self, message: BreathingInput.PhaseChanged) -> None:
        self.changes.append((message.due, message.shown, time.monotonic()))

    def on_step_input_ready(self) -> None:
        if self.finished_at is None:
            self.finished_at = time.monotonic()


async def measure(pattern: str, cycles: int, reduced: bool, busy: bool) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp())
    (folder / "pace.yaml").write_text(EXERCISE.format(pattern=pattern, cycles=cycles), encoding="utf-8")
    store = MemoryStore("bench")
    store.set_setting("reduced_motion", reduced)
    app = BenchApp(store, load_catalog([folder], include_builtin=False))
    async with app.run_test(headless=True, size=(80, 24)) as pilot:
        app.open_exercise("pace")
        while not app.screen.query(BreathingInput):
            await pilot.pause(0.05)
        pacer = app.screen.query_one(BreathingInput)
        naive = Naive(pacer.total_seconds)
        await app.screen.mount(naive)
        if busy:
            app.set_interval(0.1, lambda: time.sleep(0.03))
        pacer.start()
        naive.begin()
        started = pacer.started_at
        total = pacer.total_seconds
        while app.finished_at is None or naive.done_at is None:
            await asyncio.sleep(0.2)
        await pilot.pause(0.5)
        late = [wall - started - due for due, _, wall in app.changes]
        return {
            "total": total,
            "phases": len(app.changes),
            "end": app.finished_at - started,
            "drift": (app.finished_at - started - total) / total * 100,
            "mean_late_ms": statistics.mean(late) * 1000,
            "max_late_ms": max(late) * 1000,
            "last_late_ms": late[-1] * 1000,
            "naive_drift": (naive.done_at - started - total) / total * 100,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pattern", default="4-4-4-4")
    parser.add_argument("--cycles", type=int, default=8)  # 8 x 16 s = 128 s
    parser.add_argument("--reduced", action="store_true", help="reduced motion (a redraw a second)")
    parser.add_argument("--busy", action="store_true", help="block the event loop 30 ms in every 100 ms")
    args = parser.parse_args()
    result = asyncio.run(measure(args.pattern, args.cycles, args.reduced, args.busy))
    mode = ("reduced motion" if args.reduced else "animated") + (", busy event loop" if args.busy else "")
    print(f"pattern {args.pattern} x {args.cycles} ({result['total']:.0f} s), {mode}")
    print(f"  phases seen: {result['phases']}")
    print(f"  ended after {result['end']:.3f} s: drift {result['drift']:+.3f}%  (target < 2%)")
    print(f"  phase lateness: mean {result['mean_late_ms']:.1f} ms, max {result['max_late_ms']:.1f} ms, "
          f"last {result['last_late_ms']:.1f} ms")
    print(f"  a naive pacer (re-armed 0.1 s timer, intervals added up) drifted {result['naive_drift']:+.2f}%")


if __name__ == "__main__":
    main()
