"""The workbook at scale, in one table: each size, on a plain and on an encrypted profile.

Rows (each measured by the benchmark named beside it, whose functions this script runs):
- start to first screen vs a bare Textual app: ratio of medians, each a fresh process,
  interleaved with the bare app's runs; on an encrypted profile the start includes the
  unlock, its passphrase sent on a pipe, never in argv (bench_app.py);
- unlock: opening the profile in this process; scrypt for an encrypted one (bench_unlock.py);
- one durable save (bench_app.py);
- history open: key press to the first frame with rows in it (bench_history.py, painted.py);
- search: asked for to the first frame with the matching rows, for each of bench_history's
  queries once the index is built; the slowest query's median, and the median of all;
- progress page open: key press to the first frame with every panel's sentence, its month
  summaries up to date (bench_dashboard.py);
- a Markdown export of everything, best of a few, each on a fresh open (bench_export.py);
- peak memory of a process that starts the app and opens the history, beside a bare
  Textual app's (bench_app.py).

    python benchmarks/bench_scale.py [--sizes 1000,10000] [--runs 5] [--quick]

--quick: 2 runs (unless --runs is given), 3 queries, one export, 10 saves: a look, not figures.
The load average is printed at the start and the end: on a busy machine every wall-clock
figure here grows, the ratio to the bare app least (both sides are hit alike).
A cell marked "!" misses its target.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_app  # noqa: E402
import bench_dashboard  # noqa: E402
import bench_export  # noqa: E402
import bench_history  # noqa: E402
import bench_unlock  # noqa: E402
from profile_data import build_profile  # noqa: E402

PASSPHRASE = bench_unlock.PASSPHRASE
median = statistics.median


@dataclass
class Column:
    size: int
    encrypted: bool
    data: Path
    figures: dict[str, float] = field(default_factory=dict)

    @property
    def passphrase(self) -> str | None:
        return PASSPHRASE if self.encrypted else None

    @property
    def label(self) -> str:
        return f"{self.size:,} {'encrypted' if self.encrypted else 'plain'}"


@dataclass
class Row:
    key: str
    name: str
    target: str
    limit: float | None  # a cell above it misses the target
    fmt: str
    applies: Callable[[Column], bool] = lambda column: True  # whether the target holds for this column


ROWS = [
    Row("start_ratio", "start to first screen (x bare app)", "<= 1.25x", 1.25, "{:.2f}x"),
    Row("start_ms", "  start, median ms (bare app: {bare_ms:.0f})", "", None, "{:.0f}"),
    Row("start_less_unlock", "  less the unlock, estimated (x bare)", "", None, "{:.2f}x"),
    Row("unlock_ms", "unlock / open, median ms", "<= 1000", 1000, "{:.0f}"),
    Row("save_ms", "one durable save, median ms", "<= 20", 20, "{:.1f}"),
    Row("history_ms", "history open, median ms", "<= 150", 150, "{:.0f}"),
    Row("search_worst_ms", "search, slowest query's median ms", "<= 100", 100, "{:.0f}"),
    Row("search_ms", "  search, median of all queries, ms", "<= 100", 100, "{:.0f}"),
    Row("dashboard_ms", "progress page open, median ms", "<= 300", 300, "{:.0f}"),
    Row("export_s", "Markdown export of everything, s", "<= 2 (10,000)", 2, "{:.2f}",
        lambda column: column.size <= 10_000),
    Row("peak_mb", "peak MB, start + history (bare: {bare_mb:.0f})", "", None, "{:.0f}"),
]


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def build(tmp: Path, sizes: list[int]) -> list[Column]:
    columns = []
    for size in sizes:
        for encrypted in (False, True):
            column = Column(size, encrypted, tmp / f"{size}-{'encrypted' if encrypted else 'plain'}")
            t0 = time.perf_counter()
            build_profile(column.data, size, passphrase=column.passphrase)
            megabytes = sum(p.stat().st_size for p in column.data.rglob("*.json")) / 1e6
            print(f"built {column.label}: {megabytes:.1f} MB in {time.perf_counter() - t0:.1f} s", flush=True)
            columns.append(column)
    return columns


def starts(columns: list[Column], runs: int) -> float:
    """Each column's median start, in fresh processes interleaved with the bare app's; the bare median."""
    bare_runs: list[float] = []
    runs_of: dict[int, list[float]] = {id(column): [] for column in columns}
    bench_app.wall_ms(bench_app.BARE)  # warm the OS file cache
    for column in columns:
        bench_app.wall_ms(bench_app.WORKBOOK, str(column.data), passphrase=column.passphrase)
    for _ in range(runs):  # interleaved, so a busy moment on the machine hits every side alike
        bare_runs.append(bench_app.wall_ms(bench_app.BARE))
        for column in columns:
            runs_of[id(column)].append(
                bench_app.wall_ms(bench_app.WORKBOOK, str(column.data), passphrase=column.passphrase))
    bare = median(bare_runs)
    for column in columns:
        column.figures["start_ms"] = median(runs_of[id(column)])
        column.figures["start_ratio"] = column.figures["start_ms"] / bare
    return bare


def in_process(column: Column, out: Path, runs: int, quick: bool) -> None:
    """Every figure but the start, on one profile; the saves last, as they add entries."""
    figures, passphrase = column.figures, column.passphrase
    t0 = time.perf_counter()
    figures["unlock_ms"] = median(bench_unlock.open_s(column.data, "default", passphrase, runs)) * 1000
    if column.encrypted:
        # An estimate: the unlock is timed here, the start in other processes.
        figures["start_less_unlock"] = figures["start_ratio"] * (1 - figures["unlock_ms"] / figures["start_ms"])

    queries = bench_history.QUERIES[:3] if quick else bench_history.QUERIES
    history = asyncio.run(bench_history.screen_runs(column.data, runs, passphrase, queries))
    figures["history_ms"] = median(history["opens"])
    per_query = [median(times) for times in history["answers"].values()]
    figures["search_worst_ms"] = max(per_query)
    figures["search_ms"] = median([t for times in history["answers"].values() for t in times])

    # The summaries are built once, as on the first use after an import; then timed.
    asyncio.run(bench_dashboard.open_ms(column.data, 1, cold=False, passphrase=passphrase))
    opens, _ = asyncio.run(bench_dashboard.open_ms(column.data, runs, cold=False, passphrase=passphrase))
    figures["dashboard_ms"] = median(opens)

    best, _, rendered, _ = bench_export.export_s(column.data, out, "md", 1 if quick else 3, passphrase)
    assert rendered.count == column.size, (rendered.count, column.size)
    figures["export_s"] = best

    figures["peak_mb"] = bench_app.peak_mb(bench_app.HISTORY, str(column.data), passphrase=passphrase)
    figures["save_ms"] = median(bench_app.save_ms(column.data, 10 if quick else 30, passphrase))
    print(f"measured {column.label} in {time.perf_counter() - t0:.0f} s", flush=True)


def table(columns: list[Column], bare_ms: float, bare_mb: float) -> str:
    width = max(len(row.name.format(bare_ms=bare_ms, bare_mb=bare_mb)) for row in ROWS) + 2
    cell = max(12, *(len(column.label) + 2 for column in columns))
    lines = [f"{'metric':{width}}{'target':>14}" + "".join(f"{column.label:>{cell}}" for column in columns)]
    lines.append("-" * len(lines[0]))
    for row in ROWS:
        cells = []
        for column in columns:
            value = column.figures.get(row.key)
            if value is None:
                cells.append(f"{'-':>{cell}}")
                continue
            missed = row.limit is not None and row.applies(column) and value > row.limit
            cells.append(f"{row.fmt.format(value) + ('!' if missed else ' '):>{cell}}")
        lines.append(f"{row.name.format(bare_ms=bare_ms, bare_mb=bare_mb):{width}}{row.target:>14}" + "".join(cells))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="entries per profile, comma-separated")
    parser.add_argument("--runs", type=int, default=None, help="runs of each timing, median taken (default 5)")
    parser.add_argument("--quick", action="store_true", help="fewer runs, queries, exports and saves")
    args = parser.parse_args()
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",") if size.strip()]
    runs = args.runs or (2 if args.quick else 5)

    started = time.perf_counter()
    print(f"start: {load()}", flush=True)
    # pip compiles bytecode at install time; do the same for the checkout, so both apps
    # start from .pyc files (as bench_app.py does).
    compileall.compile_dir(str(ROOT / "workbook"), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        out.mkdir()
        columns = build(Path(tmp), sizes)
        bare_ms = starts(columns, runs)
        print(f"starts measured ({runs} runs each, bare app median {bare_ms:.0f} ms)", flush=True)
        for column in columns:
            in_process(column, out, runs, args.quick)
        bare_mb = bench_app.peak_mb(bench_app.BARE)

    print()
    print(table(columns, bare_ms, bare_mb))
    print()
    print(f"{runs} runs each; medians, but the export (best of {1 if args.quick else 3}). "
          f"'!' = misses its target.")
    print(f"end: {load()}; {time.perf_counter() - started:.0f} s in all")


if __name__ == "__main__":
    main()
