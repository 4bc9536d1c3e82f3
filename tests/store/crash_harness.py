"""SIGKILL in the middle of a save, round after round: shared by test_crash.py and
benchmarks/bench_crash.py.

Each round picks one kind of save, has a fresh writer process (crash_writer.py) start
it, kills that process with SIGKILL after a random delay, reopens what was saved the
way the workbook would, and checks that it holds exactly the state from before the
save ("old") or from after it ("new"), nothing in between, with no problem reported.

Kinds of save:
    entry, draft, setting, goal, checkin        one record of the "default" profile
    set_passphrase, change_passphrase,          the whole "default" profile re-encrypted:
    remove_passphrase                           afterwards exactly one of the old and the
                                                new passphrase opens it, with everything in it
    create_profile, remove_profile              another profile (listed or unlisted, with
                                                or without a passphrase) made or removed:
                                                afterwards it is there whole, or not at all

Key derivation (scrypt) is memoised, in the checking process and in the writer before it
forks: the same passphrase and salt give the same key, and what is tested is what gets
written, not how slowly a key is derived.

The delay is drawn from zero to a little past how long that kind of save took the last
times it was seen to finish, so most kills land inside the save and some just after.
"""

from __future__ import annotations

import functools
import json
import os
import random
import select
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from workbook.paths import profiles_dir
from workbook.store import crypto
from workbook.store import passphrase as switch
from workbook.store import profiles
from workbook.store.codec import JsonCodec, Unreadable
from workbook.store.crypto import MAGIC, NoPassphrase, PassphraseNeeded, WrongPassphrase, is_encrypted_header
from workbook.store.profile import NEW_PREFIX, open_store

WRITER = Path(__file__).with_name("crash_writer.py")
REPO = Path(__file__).resolve().parents[2]
RECORD_KINDS = ("entry", "draft", "setting", "goal", "checkin")
SWITCH_KINDS = ("set_passphrase", "change_passphrase", "remove_passphrase")
PROFILE_KINDS = ("create_profile", "remove_profile")
KINDS = RECORD_KINDS + SWITCH_KINDS + PROFILE_KINDS
LINE_TIMEOUT = 60.0  # seconds; only a hung writer ever waits this long
_REFUSED = (WrongPassphrase, PassphraseNeeded, NoPassphrase)


class CrashFailure(AssertionError):
    """A reopened store held neither the old nor the new state (or could not be opened)."""


@dataclass
class Other:
    """A profile besides "default", as the harness knows it."""

    name: str
    passphrase: str | None
    unlisted: bool
    entries: list[int] = field(default_factory=list)


@dataclass
class Model:
    """What is known to be saved: the state a reopened store must hold (or the round's new one)."""

    passphrase: str | None = None
    entries: list[int] = field(default_factory=list)
    checkins: list[int] = field(default_factory=list)
    draft: int | None = None
    setting: int | None = None
    goal: int | None = None
    others: dict[str, Other] = field(default_factory=dict)


@dataclass
class Summary:
    rounds: int = 0
    outcomes: dict[str, Counter] = field(default_factory=lambda: {kind: Counter() for kind in KINDS})
    failures: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    def landed(self, outcome: str) -> int:
        return sum(counts[outcome] for counts in self.outcomes.values())


class CrashHarness:
    def __init__(self, data_dir: Path, seed: int = 20261122) -> None:
        self.data = Path(data_dir)
        self.rng = random.Random(seed)
        self.model = Model()
        self.n = 0
        # Seconds each kind of save took when last seen finishing; the delay is drawn up to a bit past it.
        self.estimate = {kind: 0.003 for kind in RECORD_KINDS} | {kind: 0.05 for kind in SWITCH_KINDS + PROFILE_KINDS}
        self.tried: Counter = Counter()
        self._proc: subprocess.Popen | None = None
        self._buffer = b""

    # -- the writer process ---------------------------------------------------------------------------
    def __enter__(self) -> CrashHarness:
        # Checking reopens the profiles with the same few passphrases over and over: key
        # derivation is memoised while the harness runs (same passphrase and salt, same key).
        self._derive = crypto._derive
        crypto._derive = functools.lru_cache(maxsize=64)(self._derive)
        with open_store(self.data):
            pass  # the "default" profile exists, plain, before the first round
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
        self._proc = subprocess.Popen(
            [sys.executable, str(WRITER), "--fast-kdf"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
        )
        self._expect("ready")
        return self

    def __exit__(self, *exc: object) -> None:
        crypto._derive = self._derive
        if self._proc is not None:
            try:
                self._send("")
                self._proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self._proc.kill()
                self._proc.wait()
            self._proc = None

    def _send(self, line: str) -> None:
        assert self._proc is not None and self._proc.stdin is not None
        self._proc.stdin.write(line.encode() + b"\n")
        self._proc.stdin.flush()

    def _send_go(self) -> None:
        assert self._proc is not None and self._proc.stdin is not None
        self._proc.stdin.write(b"g")
        self._proc.stdin.flush()

    def _line(self) -> str:
        assert self._proc is not None and self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        deadline = time.monotonic() + LINE_TIMEOUT
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise CrashFailure("the writer stopped answering")
            chunk = os.read(fd, 4096)
            if not chunk:
                raise CrashFailure("the writer ended unexpectedly")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode()

    def _expect(self, word: str) -> str:
        line = self._line()
        if not line.startswith(word):
            raise CrashFailure(f"the writer said {line!r}, expected {word!r}")
        return line

    # -- one round ------------------------------------------------------------------------------------
    def pick_kind(self) -> str:
        switch_kind = "set_passphrase" if self.model.passphrase is None else \
            self.rng.choice(["change_passphrase", "remove_passphrase"])
        kinds = [*RECORD_KINDS, switch_kind, "create_profile"]
        if self.model.others:
            kinds.append("remove_profile")
        if self.n % 8 == 7:  # now and then, a kind not tried yet: a short run still reaches every kind
            possible = [*kinds, *(SWITCH_KINDS[1:] if self.model.passphrase is not None else ())]
            untried = [kind for kind in possible if not self.tried[kind]]
            if untried:
                return untried[0]
        return self.rng.choice(kinds)

    def run_round(self, kind: str | None = None) -> tuple[str, str]:
        """One save of `kind` (random if None), killed; returns (kind, "old" or "new")."""
        kind = kind or self.pick_kind()
        self.tried[kind] += 1
        n = self.n
        self.n += 1
        order = self._order(kind, n)
        self._send(json.dumps(order))
        pid = int(self._expect("child").split()[1])
        first = self._line()
        if first != "begin":
            os.kill(pid, signal.SIGKILL)
            self._drain()
            raise CrashFailure(f"{kind} {n}: the writer could not start: {first}")
        self._send_go()
        time.sleep(self.rng.uniform(0, self.estimate[kind] * 1.3))
        os.kill(pid, signal.SIGKILL)
        said = self._drain()
        errors = [line for line in said if line.startswith("error")]
        if errors:
            raise CrashFailure(f"{kind} {n}: the save itself failed: {errors[0]}")
        done = [float(line.split()[1]) for line in said if line.startswith("done")]
        if done:
            self.estimate[kind] = 0.6 * self.estimate[kind] + 0.4 * done[0]
        else:
            self.estimate[kind] = min(self.estimate[kind] * 1.25, 5.0)
        try:
            outcome = self._check(kind, order)
        except CrashFailure as failure:
            raise CrashFailure(f"{kind} {n} (killed {'after' if done else 'during'} the save): {failure}") from None
        return kind, outcome

    def _drain(self) -> list[str]:
        said = []
        while (line := self._line()) != "reaped":
            said.append(line)
        return said

    def _order(self, kind: str, n: int) -> dict:
        order = {"kind": kind, "data": str(self.data), "n": n, "passphrase": self.model.passphrase, "new": None}
        if kind in ("set_passphrase", "change_passphrase"):
            order["new"] = f"passphrase number {n}"
        elif kind == "create_profile":
            order |= {"name": f"Friend {n}", "unlisted": n % 2 == 1,
                      "new": f"friend's passphrase {n}" if n % 3 == 0 else None}
        elif kind == "remove_profile":
            order["name"] = next(iter(self.model.others))
        return order

    # -- checking what a reopened store holds ------------------------------------------------------------
    def _open_default(self, candidates: list[str | None]):
        for passphrase in candidates:
            try:
                return passphrase, open_store(self.data, "default", passphrase)
            except _REFUSED:
                continue
        raise CrashFailure(f"none of the passphrases {candidates} opens the profile")

    def _read_default(self, candidates: list[str | None]) -> tuple[str | None, dict]:
        passphrase, store = self._open_default(candidates)
        with store:
            if store.problems:
                raise CrashFailure(f"problems reported: {store.problems}")
            if store.encrypted != (passphrase is not None):
                raise CrashFailure("the profile's encryption does not match the passphrase that opened it")
            for leftover in (switch.BUILDING, switch.READY):
                if (store.folder / leftover).exists():
                    raise CrashFailure(f"{leftover} is still there after opening")
            if store.encrypted:
                for path in store.folder.rglob("*"):
                    if path.is_file() and path.name not in ("meta.json", "profile.lock"):
                        with open(path, "rb") as handle:
                            if not looks_like_ciphertext(handle.read(len(MAGIC))):
                                raise CrashFailure(f"{path.relative_to(store.folder)} is not encrypted")
            draft = store.get_draft("crash")
            goal = store.table("goals").get("g1")
            state = {
                "entries": sorted(e["answers"]["n"] for e in store.iter_entries()),
                "checkins": sorted(r["n"] for r in store.monthly("checkins")),
                "draft": draft["answers"]["n"] if draft else None,
                "setting": store.get_setting("last"),
                "goal": goal["n"] if goal else None,
            }
        return passphrase, state

    def _check(self, kind: str, order: dict) -> str:
        if kind in PROFILE_KINDS:
            outcome = self._check_other(kind, order)
            self._check_default(kind, order)  # untouched by another profile's creation or removal
            return outcome
        return self._check_default(kind, order)

    def _check_default(self, kind: str, order: dict) -> str:
        model, n = self.model, order["n"]
        known = {"entries": model.entries, "checkins": model.checkins, "draft": model.draft,
                 "setting": model.setting, "goal": model.goal}
        if kind in SWITCH_KINDS:
            new_passphrase = order["new"]
            opened, state = self._read_default([model.passphrase, new_passphrase])
            if state != known:
                raise CrashFailure(f"the data changed across a passphrase switch: {_diff(known, state)}")
            outcome = "old" if opened == model.passphrase else "new"
            other = new_passphrase if outcome == "old" else model.passphrase
            try:
                open_store(self.data, "default", other).close()
            except _REFUSED:
                pass
            else:
                raise CrashFailure("both the old and the new passphrase open the profile")
            model.passphrase = opened
            return outcome
        _, state = self._read_default([model.passphrase])
        if kind in PROFILE_KINDS:
            if state != known:
                raise CrashFailure(f"the default profile changed: {_diff(known, state)}")
            return "old"
        field_name = {"entry": "entries", "checkin": "checkins"}.get(kind, kind)
        if field_name in ("entries", "checkins"):
            new_value = sorted([*known[field_name], n])
        else:
            new_value = n
        for name, value in known.items():
            if name != field_name and state[name] != value:
                raise CrashFailure(f"{name} changed, but only {field_name} was saved: {_diff(known, state)}")
        if state[field_name] == known[field_name]:
            return "old"
        if state[field_name] == new_value:
            setattr(model, field_name, new_value)
            return "new"
        raise CrashFailure(f"{field_name} holds {_short(state[field_name])}, neither old nor new")

    def _check_other(self, kind: str, order: dict) -> str:
        if kind == "create_profile":
            name = order["name"]
            ref = profiles.find_profile(self.data, name)
            if ref is None:
                return "old"
            other = Other(name, order["new"], order["unlisted"])
            self._check_whole(other, ref)
            with profiles.open_profile(self.data, name, other.passphrase, create=False) as store:
                store.save_entry({"exercise_id": "friend", "finished_at": "2026-11-22T10:00:00+00:00",
                                  "answers": {"n": order["n"]}})  # something a later removal must take with it
            other.entries = [order["n"]]
            self.model.others[name] = other
            return "new"
        other = self.model.others[order["name"]]
        ref = profiles.find_profile(self.data, other.name)
        if ref is not None:
            self._check_whole(other, ref)
            return "old"
        if other.name in {r.name for r in profiles.listed_profiles(self.data)}:
            raise CrashFailure(f"{other.name} is still listed after being removed")
        # A folder of a profile whose making was killed holds a header and nothing else; it is
        # never listed and is tidied away once it is clearly abandoned.
        leftovers = [p.name for p in profiles_dir(self.data).iterdir()
                     if p.name not in self._folders_in_use() and not _abandoned_new_profile(p)]
        if leftovers:
            raise CrashFailure(f"a removed profile left folders behind: {leftovers}")
        del self.model.others[other.name]
        return "new"

    def _folders_in_use(self) -> set[str]:
        names = {"default"}
        for other in self.model.others.values():
            ref = profiles.find_profile(self.data, other.name)
            if ref is not None:
                names.add(ref.folder)
        return names

    def _check_whole(self, other: Other, ref: profiles.ProfileRef) -> None:
        if ref.name != other.name or ref.listed == other.unlisted:
            raise CrashFailure(f"{other.name} is found as {ref}")
        # Before anything opens it: its header is there, and says what it was made with
        # (opened without one, a profile with no header would quietly become a plain one).
        try:
            header = JsonCodec().decode((profiles_dir(self.data) / ref.folder / "meta.json").read_bytes())
        except (OSError, Unreadable) as error:
            raise CrashFailure(f"{other.name}'s header cannot be read: {error}") from None
        if is_encrypted_header(header) != (other.passphrase is not None):
            raise CrashFailure(f"{other.name}'s header does not match how it was made")
        listed = other.name in {r.name for r in profiles.listed_profiles(self.data)}
        if listed == other.unlisted:
            raise CrashFailure(f"{other.name} is {'' if listed else 'not '}in the list of profiles")
        try:
            store = profiles.open_profile(self.data, other.name, other.passphrase, create=False)
        except Exception as error:
            raise CrashFailure(f"{other.name} does not open: {type(error).__name__}: {error}") from None
        with store:
            if store.problems:
                raise CrashFailure(f"{other.name} reports problems: {store.problems}")
            if store.encrypted != (other.passphrase is not None):
                raise CrashFailure(f"{other.name}'s encryption is not what it was made with")
            found = sorted(e["answers"]["n"] for e in store.iter_entries())
            if found != other.entries:
                raise CrashFailure(f"{other.name} holds entries {found}, expected {other.entries}")

    # -- many rounds ------------------------------------------------------------------------------------
    def run(self, rounds: int, stop_at_first_failure: bool = True) -> Summary:
        summary = Summary()
        started = time.perf_counter()
        for _ in range(rounds):
            try:
                kind, outcome = self.run_round()
            except CrashFailure as failure:
                summary.failures.append(str(failure))
                if stop_at_first_failure:
                    break
                continue  # the model may now be out of step; later rounds may fail for that reason
            finally:
                summary.rounds += 1
            summary.outcomes[kind][outcome] += 1
        summary.elapsed = time.perf_counter() - started
        return summary


def _abandoned_new_profile(folder: Path) -> bool:
    return folder.name.startswith(NEW_PREFIX) and all(
        p.name == "meta.json" or p.name.startswith(".meta.json.") for p in folder.iterdir())


def looks_like_ciphertext(head: bytes) -> bool:
    return head == MAGIC


def _short(value: object) -> str:
    if isinstance(value, list) and len(value) > 6:
        return f"[... {value[-6:]}] ({len(value)} items)"
    return repr(value)


def _diff(known: dict, state: dict) -> str:
    return ", ".join(f"{k}: {_short(known[k])} -> {_short(state[k])}" for k in known if known[k] != state[k])
