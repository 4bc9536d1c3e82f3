"""`workbook backup` and `workbook restore`: list, restore (undoably), and bring back one file."""

from __future__ import annotations

import json

from .conftest import FULL_RUN, Workbook, assert_one_plain_line


def moods(wb: Workbook) -> list[int]:
    return sorted(e["answers"]["mood"] for e in wb.export()["entries"])


def test_the_first_command_of_a_day_makes_the_daily_backup(wb: Workbook) -> None:
    assert wb.plain(FULL_RUN).returncode == 0
    listing = wb.run("restore")
    assert listing.returncode == 0, listing.stderr
    (line,) = listing.stdout.splitlines()
    assert "daily backup · 1 entry" in line


def test_backup_then_restore_then_undo(wb: Workbook) -> None:
    assert wb.plain(FULL_RUN).returncode == 0
    made = wb.run("backup")
    assert made.returncode == 0, made.stderr
    name = made.stdout.split("'")[1]
    assert wb.plain(["9", *FULL_RUN[1:]]).returncode == 0
    assert moods(wb) == [3, 9]

    restored = wb.run("restore", name)
    assert restored.returncode == 0, restored.stderr
    assert moods(wb) == [3]
    undo = restored.stdout.split("`workbook restore ")[1].split("`")[0]
    assert wb.run("restore", undo).returncode == 0
    assert moods(wb) == [3, 9]


def test_a_damaged_month_is_set_aside_and_brought_back_from_a_backup(wb: Workbook) -> None:
    assert wb.plain(FULL_RUN).returncode == 0  # the daily backup is made as this command ends
    (month,) = (wb.data_dir / "profiles" / "default" / "entries").glob("*.json")
    month.write_bytes(month.read_bytes()[:20])
    export = wb.run("export")
    assert "workbook restore --file entries/" in export.stderr
    assert json.loads(export.stdout)["entries"] == []
    result = wb.run("restore", "--file", f"entries/{month.name}")
    assert result.returncode == 0, result.stderr
    assert "Brought back 1 item" in result.stdout
    assert moods(wb) == [3]


def test_an_unknown_backup_is_one_sentence(wb: Workbook) -> None:
    assert wb.plain(FULL_RUN).returncode == 0
    result = wb.run("restore", "2001-01-01")
    assert result.returncode == 1
    assert_one_plain_line(result.stderr)


def test_no_backups_yet_says_so(wb: Workbook) -> None:
    result = wb.run("restore")
    assert result.returncode == 0 and "no backups yet" in result.stdout
