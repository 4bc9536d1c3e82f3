"""How long each hostile exercise file (tests/content/hostile/) takes to be refused.

    python benchmarks/bench_hostile.py [--runs 3]
Target: every file gives its one-line error within 1 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.content.hostile.generated import exercise_files  # noqa: E402
from workbook.content.loader import read_exercise  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for generated in exercise_files():
            generated.write(folder)
        paths = sorted(folder.iterdir()) + sorted((ROOT / "tests/content/hostile/exercises").glob("*.yaml"))
        times = []
        for path in paths:
            best = min(_seconds(path) for _ in range(args.runs))
            times.append((best, path.name))
    times.sort(reverse=True)
    print(f"{len(times)} hostile files; slowest (best of {args.runs}):")
    for seconds, name in times[:5]:
        print(f"  {seconds * 1000:7.1f} ms  {name!r}")
    print(f"all under 1 s: {times[0][0] < 1.0}")


def _seconds(path: Path) -> float:
    started = time.perf_counter()
    read_exercise(path)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
