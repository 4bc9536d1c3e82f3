"""Crash safety at length: thousands of saves of every kind, each cut short by SIGKILL.

    python benchmarks/bench_crash.py [--rounds 2000] [--seed N] [--keep-going]

The harness is tests/store/crash_harness.py (the same one test_crash.py runs 200 rounds
of): a fresh writer process per round starts one save, is killed with SIGKILL at a random
moment inside it or just after it, and the store is reopened and checked to hold exactly
the old state or the new one. Prints how many rounds landed old and new per kind of save,
the failures (there must be none) and the time taken. Exit status 1 if anything failed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.store.crash_harness import KINDS, CrashHarness  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--keep-going", action="store_true",
                        help="carry on after a failure (later rounds may then fail for the same reason)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-crash-") as tmp:
        with CrashHarness(Path(tmp) / "data", seed=args.seed) as harness:
            summary = harness.run(args.rounds, stop_at_first_failure=not args.keep_going)
    print(f"rounds: {summary.rounds}   elapsed: {summary.elapsed:.1f} s   "
          f"({summary.elapsed / max(summary.rounds, 1) * 1000:.1f} ms a round)")
    print(f"{'kind of save':<20}{'rounds':>8}{'old':>8}{'new':>8}")
    for kind in KINDS:
        counts = summary.outcomes[kind]
        print(f"{kind:<20}{counts['old'] + counts['new']:>8}{counts['old']:>8}{counts['new']:>8}")
    print(f"{'all':<20}{summary.landed('old') + summary.landed('new'):>8}"
          f"{summary.landed('old'):>8}{summary.landed('new'):>8}")
    print(f"failures: {len(summary.failures)}")
    for failure in summary.failures:
        print(f"  {failure}")
    return 1 if summary.failures else 0


if __name__ == "__main__":
    sys.exit(main())
