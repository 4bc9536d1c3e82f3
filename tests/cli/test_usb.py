"""A data folder on a USB stick: it works end to end with --data-dir, and a stick that is
missing or read-only gets one plain sentence, not a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FULL_RUN, ROOT, Workbook, assert_one_plain_line

PASS = "a quiet harbour at dawn"


@pytest.fixture
def wb(tmp_path: Path) -> Workbook:
    workbook = Workbook(tmp_path)
    home = tmp_path / "home"
    workbook.env.pop("WORKBOOK_DATA_DIR")
    workbook.env.update({
        "HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CONFIG_DIRS": str(tmp_path / "site"), "XDG_CACHE_HOME": str(home / "cache"),
    })
    return workbook


def test_a_stick_works_end_to_end_and_nothing_lands_at_home(wb: Workbook, tmp_path: Path) -> None:
    stick = tmp_path / "media" / "STICK" / "workbook"
    stick.parent.mkdir(parents=True)
    secret = tmp_path / "secret"
    secret.write_text(PASS + "\n")
    common = ["--data-dir", str(stick), "--profile", "Sam", "--passphrase-file", str(secret)]
    made = wb.plain(FULL_RUN, *common)
    assert made.returncode == 0, made.stderr
    exported = wb.run("export", *common)
    assert exported.returncode == 0, exported.stderr
    assert len(json.loads(exported.stdout)["entries"]) == 1
    assert wb.run("profiles", "list", "--data-dir", str(stick)).stdout == "Sam\n"
    assert not (tmp_path / "home").exists(), "nothing was written outside the stick"
    # The stick moves to another computer (another mount point): still all there.
    moved = tmp_path / "elsewhere" / "workbook"
    moved.parent.mkdir()
    shutil.move(str(stick), str(moved))
    again = wb.run("export", "--data-dir", str(moved), "--profile", "Sam", "--passphrase-file", str(secret))
    assert again.returncode == 0 and len(json.loads(again.stdout)["entries"]) == 1


def test_a_missing_stick_is_one_plain_line_and_nothing_is_created(wb: Workbook, tmp_path: Path) -> None:
    stick = tmp_path / "media" / "STICK" / "workbook"
    for args in (["export"], ["do", "all-steps", "--plain", "--exercises", str(wb.exercises)],
                 ["profiles", "list"], ["profiles", "remove", "Sam", "--yes"]):
        result = wb.run(*args, "--data-dir", str(stick))
        assert result.returncode == 1, args
        assert_one_plain_line(result.stderr)
        assert "is not there" in result.stderr and "USB stick" in result.stderr
    assert not (tmp_path / "media").exists()


def _read_only_mount_works() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o ro tmpfs /mnt 2>/dev/null || "
                            "mount -t tmpfs -o ro tmpfs /tmp"], capture_output=True, timeout=30)
    return probe.returncode == 0


@pytest.mark.skipif(not _read_only_mount_works(), reason="needs unshare to mount a read-only file system")
def test_a_read_only_stick_is_one_plain_line(wb: Workbook, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    command = " ".join([
        f"mount -t tmpfs -o ro tmpfs {stick} &&",
        f"{sys.executable} -m workbook do all-steps --plain --exercises {wb.exercises} --data-dir {stick}/workbook;",
        "echo rc=$?;",
        f"{sys.executable} -m workbook export --data-dir {stick};",
        "echo rc=$?",
    ])
    result = subprocess.run(["unshare", "-rm", "sh", "-c", command], capture_output=True, text=True,
                            env=wb.env, cwd=ROOT, timeout=120)
    assert result.stdout.split() == ["rc=1", "rc=1"], result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 2 and "Traceback" not in result.stderr
    for line in lines:
        assert "read-only" in line and "USB" in line


def test_the_usual_folder_is_made_on_a_fresh_account(wb: Workbook, tmp_path: Path) -> None:
    """Unlike a chosen folder (a stick that may be missing), the usual one is simply made."""
    del wb.env["XDG_DATA_HOME"]
    result = wb.plain(FULL_RUN)
    assert result.returncode == 0, result.stderr
    made = tmp_path / "home" / ".local" / "share" / "workbook"
    assert (made / "profiles" / "default" / "meta.json").exists()
    assert (made.stat().st_mode & 0o777) == 0o700
