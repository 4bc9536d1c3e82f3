"""Help for every command; every mistake is one plain sentence on stderr, never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FULL_RUN, ROOT, Workbook, assert_one_plain_line


@pytest.mark.parametrize("command", [[], ["list"], ["validate"], ["do"], ["export"]])
def test_every_command_has_help(wb: Workbook, command: list[str]) -> None:
    result = wb.run(*command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: workbook")
    assert "--data-dir" in result.stdout and "--guest" in result.stdout


def test_version(wb: Workbook) -> None:
    result = wb.run("--version")
    assert result.returncode == 0 and result.stdout.startswith("workbook ")


@pytest.mark.parametrize(
    "args, code",
    [
        (["--frobnicate"], 2),
        (["list", "--frobnicate"], 2),
        (["no-such-command"], 2),
        (["do"], 2),
        (["export", "--format"], 2),
        (["export", "--format", "xml"], 2),
        (["do", "no-such-exercise", "--plain"], 1),
    ],
)
def test_mistakes_are_one_plain_line(wb: Workbook, args: list[str], code: int) -> None:
    result = wb.run(*args)
    assert result.returncode == code
    assert_one_plain_line(result.stderr)
    assert result.stdout == ""


def test_a_data_dir_whose_parent_is_missing_is_one_plain_line(wb: Workbook, tmp_path: Path) -> None:
    missing = tmp_path / "usb-stick" / "workbook"
    for args in (["export", "--data-dir", str(missing)], ["--data-dir", str(missing), "export"]):
        result = wb.run(*args)
        assert result.returncode != 0
        assert_one_plain_line(result.stderr)
        assert str(missing) in result.stderr
    assert not missing.parent.exists()


def test_data_dir_option_wins_over_the_environment(wb: Workbook, tmp_path: Path) -> None:
    chosen = tmp_path / "chosen"
    result = wb.plain(FULL_RUN, "--data-dir", str(chosen))
    assert result.returncode == 0, result.stderr
    assert (chosen / "profiles").is_dir()
    assert not wb.data_dir.exists()


def test_profiles_are_kept_apart(wb: Workbook) -> None:
    result = wb.plain(FULL_RUN, "--profile", "sam")
    assert result.returncode == 0, result.stderr
    assert wb.export()["entries"] == []
    sams = wb.export("--profile", "sam")
    assert sams["profile"] == "sam" and len(sams["entries"]) == 1


def test_no_command_without_a_terminal_is_one_plain_line(wb: Workbook) -> None:
    result = wb.run()
    assert result.returncode != 0
    assert_one_plain_line(result.stderr)


def _start_plain(wb: Workbook, *args: str) -> subprocess.Popen:
    """A plain run left waiting at its first question, holding the profile."""
    process = subprocess.Popen(
        [sys.executable, "-m", "workbook", "do", "all-steps", "--plain", "--exercises", str(wb.exercises), *args],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=wb.env, cwd=ROOT, text=True, encoding="utf-8",
    )
    read_until(process, "How strong is the feeling?")
    return process


def read_until(process: subprocess.Popen, text: str) -> None:
    """Read the process's output up to a line holding `text` (or fail at its end)."""
    assert process.stdout is not None
    seen = ""
    while text not in seen:
        line = process.stdout.readline()
        assert line, seen
        seen += line


def test_a_second_process_on_the_same_profile_gets_a_clear_message(wb: Workbook) -> None:
    holder = _start_plain(wb)
    try:
        second = wb.run("export")
        assert second.returncode != 0
        assert_one_plain_line(second.stderr)
        assert "already open" in second.stderr
        other_profile = wb.run("export", "--profile", "someone-else")
        assert other_profile.returncode == 0, other_profile.stderr
        guest = wb.run("export", "--guest")
        assert guest.returncode == 0, guest.stderr
    finally:
        holder.stdin.write("3\nquit\n")
        holder.stdin.close()
        assert holder.wait(timeout=60) == 0
        holder.stdout.close()
        holder.stderr.close()
    assert wb.run("export").returncode == 0  # the lock went with the first process


@pytest.mark.skipif(os.name != "posix", reason="signals")
def test_ctrl_c_keeps_the_draft_and_exits_quietly(wb: Workbook) -> None:
    process = _start_plain(wb)
    try:
        process.stdin.write("4\n")
        process.stdin.flush()
        read_until(process, "One word for it?")  # shown only after the draft is saved
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 130
        assert "Traceback" not in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
        for stream in (process.stdin, process.stdout, process.stderr):
            try:
                stream.close()
            except OSError:
                pass
    draft = wb.draft()
    assert draft["answers"] == {"mood": 4} and draft["step"] == "name"

