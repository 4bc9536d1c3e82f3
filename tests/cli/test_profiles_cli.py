"""The facilitator's commands and passphrases on the command line, as real subprocesses:
`profiles list` shows names only, `profiles remove` asks first and leaves nothing
readable, and a passphrase comes from a file, a descriptor or a prompt, never argv."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import subprocess
import sys
import termios
import time
import uuid
from pathlib import Path

import pytest

from .conftest import FULL_RUN, ROOT, Workbook, assert_one_plain_line

PASS = "a quiet harbour at dawn"


@pytest.fixture
def wb(tmp_path: Path) -> Workbook:
    workbook = Workbook(tmp_path)
    workbook.env["XDG_CONFIG_DIRS"] = str(tmp_path / "site")  # no settings from this machine
    workbook.env["XDG_CONFIG_HOME"] = str(tmp_path / "user")
    return workbook


@pytest.fixture
def pass_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret"
    path.write_text(PASS + "\n")
    return path


def site_config(wb: Workbook, tmp_path: Path, text: str) -> None:
    folder = tmp_path / "site" / "workbook"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.yaml").write_text(text)


def every_byte(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


# -- profiles list / remove -------------------------------------------------------------------------
def test_list_shows_listed_names_only(wb: Workbook, pass_file: Path) -> None:
    assert wb.run("profiles", "list").stderr.strip() == "There are no listed profiles here yet."
    assert wb.plain(FULL_RUN, "--profile", "Sam").returncode == 0
    assert wb.plain(FULL_RUN, "--profile", "Robin", "--passphrase-file", str(pass_file)).returncode == 0
    from workbook.store.profiles import create_profile

    create_profile(wb.data_dir, "Kit", unlisted=True).close()
    result = wb.run("profiles", "list")
    assert result.returncode == 0
    assert result.stdout == "Sam\nRobin\n", "names only: no counts, no content, no unlisted ones"
    assert wb.run("profiles").stdout == result.stdout


def test_remove_asks_for_the_name_then_leaves_nothing_readable(wb: Workbook, pass_file: Path) -> None:
    canary = f"canary-{uuid.uuid4().hex[:10]}"
    lines = list(FULL_RUN)
    lines[1] = canary
    assert wb.plain(lines, "--profile", "Robin", "--passphrase-file", str(pass_file)).returncode == 0
    assert wb.plain(lines, "--profile", "Sam").returncode == 0
    folder = wb.data_dir / "profiles" / "robin"
    refused = wb.run("profiles", "remove", "Robin", input="Robyn\n")
    assert refused.returncode == 1 and "did not match" in refused.stderr and "nothing was removed" in refused.stderr
    assert folder.exists()
    removed = wb.run("profiles", "remove", "robin", input="ROBIN\n")
    assert removed.returncode == 0, removed.stderr
    assert "type its name" in removed.stderr and "removed" in removed.stdout
    assert not folder.exists()
    assert wb.run("profiles", "list").stdout == "Sam\n"
    assert canary.encode() in every_byte(wb.data_dir / "profiles" / "sam"), "Sam's (plain) words are untouched"
    gone = wb.run("profiles", "remove", "Sam", "--yes")
    assert gone.returncode == 0 and "type its name" not in gone.stderr
    assert canary.encode() not in every_byte(wb.data_dir)
    missing = wb.run("profiles", "remove", "Nobody", "--yes")
    assert missing.returncode == 1
    assert_one_plain_line(missing.stderr)


def test_a_profile_open_in_another_process_is_not_removed(wb: Workbook) -> None:
    assert wb.plain(FULL_RUN, "--profile", "Sam").returncode == 0
    holder = subprocess.Popen(
        [sys.executable, "-m", "workbook", "do", "all-steps", "--plain", "--profile", "Sam",
         "--exercises", str(wb.exercises)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=wb.env, cwd=ROOT, text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not (wb.data_dir / "profiles" / "sam" / "profile.lock").exists() or _lock_is_free(wb):
            assert time.monotonic() < deadline, "the first process never took the profile"
            time.sleep(0.05)
        result = wb.run("profiles", "remove", "Sam", "--yes")
        assert result.returncode == 1 and "open in another window" in result.stderr
        assert_one_plain_line(result.stderr)
        second = wb.run("export", "--profile", "Sam")
        assert second.returncode == 1 and "already open" in second.stderr, "two processes: a clear message"
        assert (wb.data_dir / "profiles" / "sam" / "meta.json").exists()
    finally:
        holder.communicate("quit\n", timeout=60)


def _lock_is_free(wb: Workbook) -> bool:
    import filelock

    lock = filelock.FileLock(wb.data_dir / "profiles" / "sam" / "profile.lock", timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        return False
    lock.release()
    return True


# -- passphrases on the command line ----------------------------------------------------------------
def test_passphrase_from_a_file_and_from_a_descriptor(wb: Workbook, pass_file: Path) -> None:
    made = wb.plain(FULL_RUN, "--profile", "Robin", "--passphrase-file", str(pass_file))
    assert made.returncode == 0, made.stderr
    meta = json.loads((wb.data_dir / "profiles" / "robin" / "meta.json").read_text())
    assert meta["cipher"] == "AES-256-GCM", "made with a passphrase: encrypted"
    read, write = os.pipe()
    os.write(write, (PASS + "\n").encode())
    os.close(write)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "workbook", "export", "--profile", "Robin", "--passphrase-fd", str(read)],
            capture_output=True, text=True, env=wb.env, cwd=ROOT, timeout=60, pass_fds=(read,),
        )
    finally:
        os.close(read)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["entries"]) == 1
    assert PASS not in result.stdout + result.stderr


def test_a_missing_or_wrong_passphrase_is_one_plain_line(wb: Workbook, pass_file: Path, tmp_path: Path) -> None:
    assert wb.plain(FULL_RUN, "--profile", "Robin", "--passphrase-file", str(pass_file)).returncode == 0
    needed = wb.run("export", "--profile", "Robin")
    assert needed.returncode == 1 and "--passphrase-file" in needed.stderr
    assert_one_plain_line(needed.stderr)
    wrong = tmp_path / "wrong"
    wrong.write_text("not it\n")
    refused = wb.run("export", "--profile", "Robin", "--passphrase-file", str(wrong))
    assert refused.returncode == 1 and "does not open" in refused.stderr and "not it" not in refused.stderr
    assert_one_plain_line(refused.stderr)
    on_argv = wb.run("export", "--profile", "Robin", "--passphrase", PASS)
    assert on_argv.returncode == 2, "there is no way to give it on the command line"


def test_a_site_that_requires_passphrases_refuses_a_new_plain_profile(wb: Workbook, pass_file: Path,
                                                                      tmp_path: Path) -> None:
    site_config(wb, tmp_path, "passphrase_required: true\n")
    refused = wb.plain(FULL_RUN, "--profile", "Ash")
    assert refused.returncode == 1 and "asks for a passphrase" in refused.stderr
    assert not (wb.data_dir / "profiles" / "ash").exists()
    made = wb.plain(FULL_RUN, "--profile", "Ash", "--passphrase-file", str(pass_file))
    assert made.returncode == 0, made.stderr
    assert "cipher" in (wb.data_dir / "profiles" / "ash" / "meta.json").read_text()


def _run_in_terminal(args: list[str], env: dict, answers: list[str], timeout: float = 60) -> tuple[int, str]:
    """Run with a real terminal (a pty as the controlling tty), answering each prompt in turn."""
    master, slave = pty.openpty()

    def take_terminal() -> None:
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    proc = subprocess.Popen([sys.executable, "-m", "workbook", *args], stdin=slave, stdout=slave, stderr=slave,
                            env=env, cwd=ROOT, preexec_fn=take_terminal, close_fds=True)
    os.close(slave)
    seen = b""
    answered = 0
    pending = list(answers)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
                if pending and seen[answered:].rstrip().endswith(b":"):  # a new prompt is waiting
                    os.write(master, (pending.pop(0) + "\n").encode())
                    answered = len(seen)
            elif proc.poll() is not None:
                break
        try:
            return proc.wait(timeout=10), seen.decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            return -1, seen.decode("utf-8", "replace")
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)


def test_in_a_terminal_the_passphrase_is_asked_for_and_not_echoed(wb: Workbook, pass_file: Path) -> None:
    assert wb.plain(FULL_RUN, "--profile", "Robin", "--passphrase-file", str(pass_file)).returncode == 0
    code, seen = _run_in_terminal(["export", "--profile", "Robin", "--out", str(wb.data_dir.parent / "out.json")],
                                  wb.env, ["wrong words", PASS])
    assert code == 0, seen
    assert "Passphrase:" in seen and "Please try again" in seen
    assert PASS not in seen and "wrong words" not in seen, "what is typed is not shown"
    assert len(json.loads((wb.data_dir.parent / "out.json").read_text())["entries"]) == 1
