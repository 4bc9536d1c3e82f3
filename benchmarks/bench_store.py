"""Store speed at scale: one durable save, a history page, reading everything.

    python benchmarks/bench_store.py [--entries 10000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from profile_data import build_profile, make_entry  # noqa: E402

from workbook.store.profile import open_store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--saves", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        t0 = time.perf_counter()
        build_profile(data, args.entries)
        print(f"built {args.entries} entries in {time.perf_counter() - t0:.1f} s")
        size = sum(p.stat().st_size for p in data.rglob("*.json"))
        print(f"on disk: {size / 1e6:.1f} MB in {len(list(data.rglob('entries/*.json')))} month files")

        t0 = time.perf_counter()
        store = open_store(data)
        print(f"open profile: {(time.perf_counter() - t0) * 1000:.1f} ms")
        t0 = time.perf_counter()
        page = store.entries(0, 200)
        print(f"first history page (200 newest): {(time.perf_counter() - t0) * 1000:.1f} ms")
        rng = random.Random(1)
        times = []
        for _ in range(args.saves):
            record = make_entry(rng, datetime.now().astimezone())
            t0 = time.perf_counter()
            store.save_entry(record)
            times.append((time.perf_counter() - t0) * 1000)
        print(f"one durable save: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms")
        t0 = time.perf_counter()
        count = sum(1 for _ in store.iter_entries())
        print(f"read all {count} entries: {(time.perf_counter() - t0) * 1000:.0f} ms")
        store.close()
        assert len(page) == 200


if __name__ == "__main__":
    main()
