"""The writer side of the crash harness (crash_harness.py): one fresh process per round.

Usage: python crash_writer.py [--fast-kdf]

This process imports the store once, then forks one child per round. The child opens
what the round needs, says "begin", waits for "go", makes exactly one save and is then
killed with SIGKILL by the harness, wherever it happens to be: inside the save or just
after it. Forking instead of starting a new interpreter keeps a round at a few
milliseconds; every round is still a real process dying by SIGKILL, and nothing the
store holds in memory survives it (this process never opens a store itself).

Lines (stdout / stdin; stdin is read unbuffered, a byte at a time, because the child
reads the same descriptor after the fork and must not find its line swallowed here):
    writer  -> ready
    harness -> {"kind": ..., "data": DIR, "n": N, ...}      (one round, JSON)
    writer  -> child PID
    child   -> begin                    (or "error ..." if the round could not start)
    harness -> g                        (one byte, no line end: a kill can never split it)
    child   -> done SECONDS             (the save finished; it then waits for its SIGKILL)
    writer  -> reaped                   (the child is dead; its lock is released)
An empty line or end of input ends the writer.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
from pathlib import Path

from workbook.store import crypto, profiles
from workbook.store.codec import JsonCodec
from workbook.store.profile import open_store


def read_line() -> str:
    line = bytearray()
    while True:
        byte = os.read(0, 1)
        if not byte or byte == b"\n":
            return line.decode()
        line += byte


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def entry(n: int) -> dict:
    # Months spread over a year keep each file small, as a real profile's are.
    return {
        "exercise_id": "crash",
        "finished_at": f"2026-{1 + n % 12:02d}-22T10:00:00+00:00",
        "answers": {"n": n, "text": "words that matter " * 6},
    }


def save(kind: str, order: dict, store) -> None:
    n = order["n"]
    data = Path(order["data"])
    if kind == "entry":
        store.save_entry(entry(n))
    elif kind == "draft":
        store.save_draft({"exercise_id": "crash", "step": "a", "answers": {"n": n}, "saved_at": str(n)})
    elif kind == "setting":
        store.set_setting("last", n)
    elif kind == "goal":
        store.table("goals").put("g1", {"what": "in bed by 11", "n": n})
    elif kind == "checkin":
        store.monthly("checkins").insert({"id": f"2026-{1 + n % 12:02d}-c{n:06d}", "day": "2026-11-22", "n": n})
    elif kind == "set_passphrase":
        store.set_passphrase(order["new"])
    elif kind == "change_passphrase":
        store.change_passphrase(order["passphrase"], order["new"])
    elif kind == "remove_passphrase":
        store.remove_passphrase(order["passphrase"])
    elif kind == "create_profile":
        profiles.create_profile(data, order["name"], order["new"], unlisted=order["unlisted"])
    elif kind == "remove_profile":
        profiles.remove_profile(data, order["name"])
    else:
        raise ValueError(f"unknown kind {kind!r}")


def warm_key(order: dict) -> None:
    """Derive the default profile's key here, before the fork, so the child finds it memoised.

    Only meta.json is read (no store is opened here); a switch that left a new header
    behind simply misses the memo and derives the key in the child."""
    if order["passphrase"] is None:
        return
    try:
        meta = Path(order["data"]) / "profiles" / "default" / "meta.json"
        crypto.unlock(crypto.Header.from_document(JsonCodec().decode(meta.read_bytes())), order["passphrase"])
    except Exception:  # noqa: BLE001 - the child will meet the same thing and report it
        pass


def child(order: dict) -> None:
    kind = order["kind"]
    try:
        store = None
        if kind not in ("create_profile", "remove_profile"):
            store = open_store(Path(order["data"]), "default", order["passphrase"])
    except Exception as error:  # noqa: BLE001 - reported to the harness, which fails the round
        say(f"error {type(error).__name__}: {error}")
        read_line()
        os._exit(1)
    say("begin")
    if os.read(0, 1) != b"g":
        os._exit(1)
    started = time.perf_counter()
    try:
        save(kind, order, store)
    except Exception as error:  # noqa: BLE001
        say(f"error {type(error).__name__}: {error}")
    else:
        say(f"done {time.perf_counter() - started:.6f}")
    read_line()  # wait here for the SIGKILL
    os._exit(0)


def main() -> None:
    if "--fast-kdf" in sys.argv:
        # scrypt at the least a header may ask for: the crash safety of a switch does not
        # depend on how slow the key is to derive, and rounds stay quick.
        crypto.SCRYPT_N = 2**14
        # The same passphrase and salt always give the same key: work it out once per
        # passphrase, not once per round.
        crypto._derive = functools.lru_cache(maxsize=64)(crypto._derive)
    say("ready")
    while True:
        # A "g" left over was meant for the last child, killed before it read it.
        line = read_line().lstrip("g")
        if not line:
            return
        order = json.loads(line)
        warm_key(order)
        pid = os.fork()
        if pid == 0:
            say(f"child {os.getpid()}")
            child(order)
        os.waitpid(pid, 0)
        say("reaped")


if __name__ == "__main__":
    main()
