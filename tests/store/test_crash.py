"""SIGKILL in the middle of a save leaves the old state or the new one, never a broken store."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbook.store.profile import open_store

WRITER = Path(__file__).with_name("crash_writer.py")
ROUNDS = int(os.environ.get("WORKBOOK_CRASH_ROUNDS", "60"))


def _saved_numbers(data_dir: Path) -> tuple[list[int], int | None, int | None, list[str], int | None, list[int]]:
    with open_store(data_dir) as store:
        numbers = sorted(e["answers"]["n"] for e in store.iter_entries())
        draft = store.get_draft("crash")
        goal = store.table("goals").get("g1")
        checkins = sorted(r["n"] for r in store.monthly("checkins"))
        return (numbers, (draft["answers"]["n"] if draft else None), store.get_setting("last"), store.problems,
                (goal["n"] if goal else None), checkins)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_mid_save_leaves_old_or_new_state(tmp_path: Path) -> None:
    rng = random.Random(20261122)
    data_dir = tmp_path / "data"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    saved = 0  # entries known complete
    old_draft = old_setting = old_goal = None
    known_checkins: set[int] = set()
    outcomes = {"old": 0, "new": 0}
    for _ in range(ROUNDS):
        proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(data_dir), str(saved), "1000"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
        )
        assert proc.stdin is not None and proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        target = saved + rng.randint(0, 3)  # which save to interrupt
        while True:
            word, n = proc.stdout.readline().split()
            assert word == "begin"
            begun = int(n)
            proc.stdin.write("go\n")
            proc.stdin.flush()
            if begun == target:
                break
        time.sleep(rng.uniform(0, 0.006))  # land anywhere in (or just after) the save
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdin.close()
        proc.stdout.close()

        if begun > saved:  # the saves before the interrupted one all finished
            old_draft = old_setting = old_goal = begun - 1
        numbers, draft, last, problems, goal, checkins = _saved_numbers(data_dir)
        assert problems == []
        # Everything before the interrupted save is there; the interrupted one is all or nothing.
        assert numbers in (list(range(begun)), list(range(begun + 1))), numbers[-3:]
        assert draft in (old_draft, begun)
        assert last in (old_setting, begun)
        # Goal and check-in saves follow the setting in each round: each is all or nothing too.
        assert goal in (old_goal, begun)
        new_checkins = set(checkins) - known_checkins
        assert new_checkins in (set(range(saved, begun)), set(range(saved, begun + 1)))
        outcomes["old" if len(numbers) == begun else "new"] += 1
        saved, old_draft, old_setting, old_goal = len(numbers), draft, last, goal
        known_checkins = set(checkins)
    # The harness is only worth something if it interrupted saves at both ends.
    assert outcomes["old"] > 0 and outcomes["new"] > 0, outcomes
