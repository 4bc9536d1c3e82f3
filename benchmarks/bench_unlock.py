"""Unlocking an encrypted profile, and what encryption costs once it is open.

Builds the same profile twice (plain and with a passphrase), then for each:
open (for the encrypted one: scrypt n=2**17 + key check = "unlock"), the first history
page, one durable save (median), reading everything; and the passphrase switches.

    python benchmarks/bench_unlock.py [--entries 10000] [--saves 30] [--opens 5]
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

from workbook.store.crypto import WrongPassphrase  # noqa: E402
from workbook.store.profile import open_store  # noqa: E402

PASSPHRASE = "benchmark passphrase, not a secret"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def open_s(data: Path, profile: str, passphrase: str | None, runs: int) -> list[float]:
    """`runs` opens of the profile (s); with a passphrase each is an unlock."""
    opens = []
    for _ in range(runs):
        t0 = time.perf_counter()
        store = open_store(data, profile, passphrase)
        opens.append(time.perf_counter() - t0)
        store.close()
    return opens


def measure(data: Path, profile: str, passphrase: str | None, args: argparse.Namespace) -> dict[str, float]:
    opens = open_s(data, profile, passphrase, args.opens)
    store = open_store(data, profile, passphrase)
    try:
        t0 = time.perf_counter()
        page = store.entries(0, 200)
        first_page = time.perf_counter() - t0
        assert len(page) == 200
        rng = random.Random(1)
        saves = []
        for _ in range(args.saves):
            record = make_entry(rng, datetime.now().astimezone())
            t0 = time.perf_counter()
            store.save_entry(record)
            saves.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        count = sum(1 for _ in store.iter_entries())
        read_all = time.perf_counter() - t0
        assert count == args.entries + args.saves
    finally:
        store.close()
    return {
        "open / unlock (median)": statistics.median(opens),
        "open / unlock (max)": max(opens),
        "first history page (200)": first_page,
        "one durable save (median)": statistics.median(saves),
        "one durable save (max)": max(saves),
        f"read all {count} entries": read_all,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--saves", type=int, default=30)
    parser.add_argument("--opens", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        t0 = time.perf_counter()
        build_profile(data, args.entries, profile="plain")
        build_profile(data, args.entries, profile="locked", passphrase=PASSPHRASE)
        print(f"built two profiles of {args.entries} entries in {time.perf_counter() - t0:.1f} s")
        for name in ("plain", "locked"):
            files = list((data / "profiles" / name).rglob("*.json"))
            size = sum(p.stat().st_size for p in files)
            print(f"  {name:>6}: {size / 1e6:.1f} MB in {len(files)} files")

        plain = measure(data, "plain", None, args)
        locked = measure(data, "locked", PASSPHRASE, args)
        print(f"\n{'':32}{'plain':>11}{'encrypted':>13}")
        for key in plain:
            print(f"{key:32}{_ms(plain[key])}   {_ms(locked[key])}")

        t0 = time.perf_counter()
        try:
            open_store(data, "locked", "a wrong guess")
        except WrongPassphrase:
            pass
        print(f"\nwrong passphrase refused in      {_ms(time.perf_counter() - t0)}")
        with open_store(data, "plain") as store:
            t0 = time.perf_counter()
            store.set_passphrase(PASSPHRASE)
            print(f"set a passphrase ({args.entries} entries)  {_ms(time.perf_counter() - t0)}")
        with open_store(data, "locked", PASSPHRASE) as store:
            t0 = time.perf_counter()
            store.change_passphrase(PASSPHRASE, PASSPHRASE + "!")
            print(f"change the passphrase            {_ms(time.perf_counter() - t0)}")


if __name__ == "__main__":
    main()
