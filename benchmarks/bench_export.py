"""Export speed at scale, and the TUI's progress bar while it works.

    python benchmarks/bench_export.py [--entries 10000]

Also times one backup and one restore at that size.

Target: a Markdown export of 10,000 entries in at most 2 s, with the export screen's
progress bar moving (not jumping from 0 to 100) while the worker writes.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from profile_data import build_profile  # noqa: E402

from workbook.store.profile import open_store  # noqa: E402
from workbook.transfer.exporting import render_export, write_export  # noqa: E402
from workbook.transfer.selection import Selection  # noqa: E402


def export_s(data: Path, out: Path, fmt: str, runs: int = 3, passphrase: str | None = None) -> tuple:
    """(best wall s, best CPU s, the last export, its progress reports) of `runs` exports of everything."""
    best = cpu = None
    for _ in range(runs):
        # A fresh open each time: nothing cached from the last run (an unlock is not timed).
        with open_store(data, passphrase=passphrase) as store:
            seen: list[float] = []
            t0, c0 = time.perf_counter(), time.process_time()
            rendered = render_export(store, fmt, Selection(include_private=True), seen.append)
            write_export(rendered, out / (f"export.{fmt}" if fmt != "csv" else "csv"))
            spent, used = time.perf_counter() - t0, time.process_time() - c0
        best = spent if best is None else min(best, spent)
        cpu = used if cpu is None else min(cpu, used)
    return best, cpu, rendered, seen


def core(data: Path, out: Path, fmt: str, runs: int = 3) -> None:
    best, cpu, rendered, seen = export_s(data, out, fmt, runs)
    size = len(rendered.data) or sum(len(v) for v in rendered.files.values())
    # CPU time as well: on a busy machine the wall clock also counts other programs' turns.
    print(f"{fmt:>4}: {rendered.count} entries in {best * 1000:.0f} ms ({cpu * 1000:.0f} ms CPU; best of {runs}), "
          f"{size / 1e6:.1f} MB, {len(seen)} progress reports")


async def tui(data: Path, out: Path) -> None:
    from textual.widgets import Input, ProgressBar

    from workbook.content.catalog import load_catalog
    from workbook.tui.app import WorkbookApp
    from workbook.tui.screens.export import ExportScreen

    with open_store(data) as store:
        app = WorkbookApp(store, load_catalog([], include_builtin=True))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("e")
            while not isinstance(app.screen, ExportScreen):
                await pilot.pause(0.01)
            screen = app.screen
            target = out / "tui.md"
            screen.query_one("#export-path", Input).value = str(target)
            await pilot.pause()
            bar = screen.query_one("#export-progress", ProgressBar)
            values = []
            t0 = time.perf_counter()
            screen._go()
            while screen._busy or not values or values[-1] < 100:
                values.append(bar.progress)
                await asyncio.sleep(0.02)
                if time.perf_counter() - t0 > 30:
                    break
            spent = time.perf_counter() - t0
            values.append(bar.progress)
    distinct = sorted(set(values))
    print(f" tui: Markdown export from the screen in {spent * 1000:.0f} ms; the bar showed "
          f"{len(distinct)} different values: {distinct[:12]}{' …' if len(distinct) > 12 else ''}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data, out = Path(tmp) / "data", Path(tmp) / "out"
        out.mkdir()
        t0 = time.perf_counter()
        build_profile(data, args.entries)
        print(f"built {args.entries} entries in {time.perf_counter() - t0:.1f} s")
        for fmt in ("md", "json", "csv"):
            core(data, out, fmt)
        asyncio.run(tui(data, out))
        backups(data)


def backups(data: Path) -> None:
    """The daily backup runs as the workbook closes; restoring runs in a worker."""
    from workbook.store import backup

    with open_store(data) as store:
        t0 = time.perf_counter()
        made = backup.make_backup(store, "by-hand")
        made_ms = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        backup.restore_backup(store, made.name)
        restore_ms = (time.perf_counter() - t0) * 1000
    print(f"back: a backup of {made.entries} entries in {made_ms:.0f} ms; restoring it "
          f"(with the backup it makes first) in {restore_ms:.0f} ms")


if __name__ == "__main__":
    main()
