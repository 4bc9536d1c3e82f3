"""A writer process for the crash tests: says when each save begins, then saves.

Usage: python crash_writer.py DATA_DIR START COUNT
Prints "begin N" (flushed), waits for a line on stdin, then saves entry, draft and
setting N: the parent decides exactly which save it interrupts.
"""

import sys
from pathlib import Path

from workbook.store.profile import open_store


def main() -> None:
    data_dir, start, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    store = open_store(data_dir)
    print("ready", flush=True)
    for n in range(start, start + count):
        print(f"begin {n}", flush=True)
        if not sys.stdin.readline():
            return
        store.save_entry({
            "exercise_id": "crash",
            "finished_at": "2026-11-22T10:00:00+00:00",
            "answers": {"n": n, "text": "words that matter " * 40},
        })
        store.save_draft({"exercise_id": "crash", "step": "a", "answers": {"n": n}, "saved_at": str(n)})
        store.set_setting("last", n)
        store.table("goals").put("g1", {"what": "in bed by 11", "n": n})
        store.monthly("checkins").insert({"id": f"2026-11-c{n:06d}", "day": "2026-11-22", "n": n})


if __name__ == "__main__":
    main()
