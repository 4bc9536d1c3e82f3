"""The full-screen workbook at scale, from one run:

- start to first screen vs a bare Textual app (ratio of medians, each a fresh process);
- one durable save on the big profile (median ms);
- history open: from the key press to the first frame sent out with rows in it (ms),
  and, beside it, until the process is idle again (benchmarks/painted.py says why);
- peak memory of a process that starts the app and opens the history (MB).

    python benchmarks/bench_app.py [--entries 10000] [--runs 7]
Targets: start <= 1.25x the bare app, save <= 20 ms, history <= 150 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import statistics
import subprocess
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

BARE = """
from textual.app import App
from textual.widgets import Footer, Static
class Bare(App):
    def compose(self):
        yield Static("hello")
        yield Footer()
    def on_ready(self):
        self.exit()
Bare().run(headless=True, size=(80, 24))
"""

# What `workbook --data-dir D [--passphrase-fd N]` does, ending as soon as the home screen is on screen.
WORKBOOK = """
import sys
from pathlib import Path
from workbook.content.catalog import load_catalog
from workbook.store.passphrase import read_passphrase_from
from workbook.store.profile import open_store
from workbook.tui.app import WorkbookApp
class Timed(WorkbookApp):
    CSS_PATH = str(Path(sys.modules[WorkbookApp.__module__].__file__).with_name("app.tcss"))
    def on_ready(self):
        self.exit()
store = open_store(Path(sys.argv[1]), passphrase=read_passphrase_from(0) if "--passphrase-fd" in sys.argv else None)
Timed(store, load_catalog(cache_dir=Path(sys.argv[1]) / "cache")).run(headless=True, size=(80, 24))
store.close()
"""

# Start, open the history, wait for its first page, exit: for peak memory.
HISTORY = """
import sys
from pathlib import Path
from textual.widgets import DataTable
from workbook.content.catalog import load_catalog
from workbook.store.passphrase import read_passphrase_from
from workbook.store.profile import open_store
from workbook.tui.app import WorkbookApp
class Timed(WorkbookApp):
    CSS_PATH = str(Path(sys.modules[WorkbookApp.__module__].__file__).with_name("app.tcss"))
    def on_ready(self):
        self.action_history()
        self.set_interval(0.01, self.check)
    def check(self):
        tables = self.screen.query(DataTable)
        if tables and tables.first().row_count:
            self.exit()
store = open_store(Path(sys.argv[1]), passphrase=read_passphrase_from(0) if "--passphrase-fd" in sys.argv else None)
Timed(store, load_catalog(cache_dir=Path(sys.argv[1]) / "cache")).run(headless=True, size=(80, 24))
store.close()
"""


def _script(code: str) -> str:
    # A real file: Textual finds an app's CSS relative to the file its class is defined in.
    path = Path(tempfile.gettempdir()) / f"workbook_bench_{abs(hash(code))}.py"
    path.write_text(code)
    return str(path)


# ru_maxrss outlives exec: a process started from this one begins with this one's high-water
# mark (all of it, with vfork), so its peak would read as this process's once that is bigger.
# A small Python in between starts the script and reports the peak of that child alone.
_PEAK = """
import os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(usage.ru_maxrss)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _launch(code: str, args: tuple[str, ...], passphrase: str | None, peak: bool = False) -> subprocess.Popen:
    # A passphrase goes to the script on its stdin (`--passphrase-fd 0`), never in argv:
    # anyone on a shared machine can read argv in `ps`.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, _script(code), *args]
    if passphrase is not None:
        command += ["--passphrase-fd", "0"]
    if peak:
        command = [sys.executable, "-c", _PEAK, *command]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE if peak else subprocess.DEVNULL,
                            stdin=None if passphrase is None else subprocess.PIPE)
    if passphrase is not None:
        proc.stdin.write(passphrase.encode() + b"\n")
        proc.stdin.close()
    return proc


def wall_ms(code: str, *args: str, passphrase: str | None = None) -> float:
    t0 = time.perf_counter()
    proc = _launch(code, args, passphrase)
    if proc.wait():
        raise subprocess.CalledProcessError(proc.returncode, proc.args)
    return (time.perf_counter() - t0) * 1000


def peak_mb(code: str, *args: str, passphrase: str | None = None) -> float:
    proc = _launch(code, args, passphrase, peak=True)
    reported = proc.stdout.read()
    if proc.wait():
        raise subprocess.CalledProcessError(proc.returncode, proc.args)
    return int(reported) / 1024  # Linux reports KiB


def save_ms(data: Path, count: int = 30, passphrase: str | None = None) -> list[float]:
    """`count` durable saves of a new entry on the open profile, each timed (ms)."""
    from workbook.store.profile import open_store

    rng = random.Random(3)
    saves = []
    with open_store(data, passphrase=passphrase) as store:
        for _ in range(count):
            record = make_entry(rng, datetime.now().astimezone())
            t0 = time.perf_counter()
            store.save_entry(record)
            saves.append((time.perf_counter() - t0) * 1000)
    return saves


async def history_open_ms(data: Path, runs: int) -> tuple[list[float], list[float]]:
    from workbook.content.catalog import load_catalog
    from workbook.store.profile import open_store
    from workbook.tui.app import WorkbookApp

    times, settled = [], []
    catalog = load_catalog()
    for _ in range(runs):
        with open_store(data) as store:
            app = WorkbookApp(store, catalog)
            async with app.run_test(size=(80, 24)) as pilot:
                watch = PaintWatch(app)
                await pilot.pause()
                t0 = time.perf_counter()
                app.action_history()
                times.append(await watch.first_frame_with(_rows_shown, since=t0))
                await pilot.pause()
                settled.append((time.perf_counter() - t0) * 1000)
    return times, settled


def _rows_shown(app) -> bool:
    from textual.widgets import DataTable

    tables = app.screen.query(DataTable)
    return bool(tables) and tables.first().row_count > 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        build_profile(data, args.entries)
        print(f"profile: {args.entries} entries, "
              f"{sum(p.stat().st_size for p in data.rglob('*.json')) / 1e6:.1f} MB")

        # pip compiles bytecode at install time; do the same for the checkout, so both apps
        # start from .pyc files (this machine sets PYTHONDONTWRITEBYTECODE).
        import compileall

        compileall.compile_dir(str(ROOT / "workbook"), quiet=1)
        wall_ms(BARE), wall_ms(WORKBOOK, str(data))  # warm the OS file cache
        # Interleaved, so a busy moment on the machine hits both sides alike.
        bare_runs, our_runs = [], []
        for _ in range(args.runs):
            bare_runs.append(wall_ms(BARE))
            our_runs.append(wall_ms(WORKBOOK, str(data)))
        bare, ours = statistics.median(bare_runs), statistics.median(our_runs)
        print(f"start to first screen: bare Textual {bare:.0f} ms, workbook {ours:.0f} ms, "
              f"ratio {ours / bare:.2f} (target <= 1.25)")

        saves = save_ms(data)
        print(f"one durable save: median {statistics.median(saves):.1f} ms (target <= 20)")

        history, settled = asyncio.run(history_open_ms(data, args.runs))
        print(f"history open (first frame with rows): median {statistics.median(history):.0f} ms, "
              f"max {max(history):.0f} ms (target <= 150); idle again after {statistics.median(settled):.0f} ms")
        print(f"peak memory, start + history: {peak_mb(HISTORY, str(data)):.0f} MB "
              f"(bare Textual app: {peak_mb(BARE):.0f} MB)")


if __name__ == "__main__":
    main()
