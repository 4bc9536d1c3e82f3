"""SIGKILL in the middle of a save leaves the old state or the new one, never a broken store.

Every kind of save the store makes (a record of each sort, setting, changing and removing
a passphrase, creating and removing a profile) is interrupted by a real SIGKILL of a real
writer process, then reopened and checked: see crash_harness.py.
`WORKBOOK_CRASH_ROUNDS` changes the number of rounds; benchmarks/bench_crash.py runs thousands.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from .crash_harness import KINDS, CrashHarness

ROUNDS = int(os.environ.get("WORKBOOK_CRASH_ROUNDS", "200"))


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX")
def test_sigkill_mid_save_leaves_old_or_new_state(tmp_path: Path) -> None:
    with CrashHarness(tmp_path / "data") as harness:
        summary = harness.run(ROUNDS)
    assert summary.failures == []
    assert summary.rounds == ROUNDS
    if ROUNDS >= 200:
        # The harness is only worth something if it reached every kind of save and
        # interrupted saves at both ends (the seed is fixed, the timing is not).
        assert all(sum(summary.outcomes[kind].values()) for kind in KINDS), summary.outcomes
        assert summary.landed("old") > 0 and summary.landed("new") > 0, summary.outcomes
