"""`workbook import FILE`: into any profile, merging without duplicates; a bad file changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import FULL_RUN, Workbook, assert_one_plain_line


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_export_then_import_into_another_data_folder_round_trips(wb: Workbook, tmp_path: Path) -> None:
    for mood in ("1", "2"):
        assert wb.plain([mood, *FULL_RUN[1:]]).returncode == 0
    out = tmp_path / "all.json"
    assert wb.run("export", "--out", str(out)).returncode == 0
    elsewhere = {"WORKBOOK_DATA_DIR": str(tmp_path / "another-computer")}

    result = wb.run("import", str(out), **elsewhere)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Added 2 entries")
    again = wb.run("import", str(out), **elsewhere)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("Added 0 entries; 2 were already here")

    first = json.loads(out.read_text(encoding="utf-8"))
    second = json.loads(wb.run("export", **elsewhere).stdout)
    first.pop("exported_at"), second.pop("exported_at")
    assert second == first


def test_import_into_a_profile_that_has_entries_keeps_them(wb: Workbook, tmp_path: Path) -> None:
    assert wb.plain(FULL_RUN).returncode == 0
    out = tmp_path / "mine.json"
    assert wb.run("export", "--out", str(out)).returncode == 0
    assert wb.run("--profile", "sam", "do", "all-steps", "--plain", "--exercises", str(wb.exercises),
                  input="\n".join(["7", *FULL_RUN[1:]]) + "\n").returncode == 0
    result = wb.run("import", str(out), "--profile", "sam")
    assert result.returncode == 0, result.stderr
    assert "backup" in result.stdout  # how to undo it
    moods = sorted(e["answers"]["mood"] for e in json.loads(wb.run("export", "--profile", "sam").stdout)["entries"])
    assert moods == [3, 7]


def test_a_foreign_file_is_one_sentence_and_changes_nothing(wb: Workbook, tmp_path: Path) -> None:
    assert wb.plain(FULL_RUN).returncode == 0
    before = snapshot(wb.data_dir)
    foreign = tmp_path / "notes.json"
    foreign.write_text('{"notes": ["from another app"]}', encoding="utf-8")
    broken = tmp_path / "cut.json"
    broken.write_text('{"format": "workbook-export", "version": 1, "entries": [{"id": ', encoding="utf-8")
    for path in (foreign, broken, tmp_path / "missing.json"):
        result = wb.run("import", str(path))
        assert result.returncode == 1
        assert_one_plain_line(result.stderr)
        assert "nothing was imported" in result.stderr
    assert snapshot(wb.data_dir) == before
