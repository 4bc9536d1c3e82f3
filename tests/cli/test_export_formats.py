"""`workbook export --format md|csv`, date and exercise filters, private entries, and the
warning that an encrypted profile's export is not encrypted."""

from __future__ import annotations

import csv
import io
import json
import stat
from pathlib import Path

from workbook.store.profile import open_store

from .conftest import FULL_RUN, Workbook, assert_one_plain_line

PASSPHRASE = "the words that open it"


def seed(wb: Workbook, passphrase: str | None = None) -> None:
    """Three entries over three days, the middle one marked private."""
    with open_store(wb.data_dir, "default", passphrase) as store:
        for day, private in ((3, False), (4, True), (5, False)):
            store.save_entry({
                "exercise_id": "all-steps", "exercise_title": "Every kind of step", "exercise_version": 1,
                "started_at": f"2026-03-0{day}T20:55:00+01:00", "finished_at": f"2026-03-0{day}T21:00:00+01:00",
                "answers": {"name": f"day {day}", "feelings": ["Sad", "a bit lonely"]},
                "prompts": {"name": "One word for it?", "feelings": "Which feelings came up?"},
                "step_types": {"name": "text", "feelings": "multi-choice"},
                "score": {"total": day, "band": "higher"}, "private": private,
            })
        store.save_entry({"exercise_id": "other", "exercise_title": "Something else",
                          "finished_at": "2026-03-04T08:00:00+01:00", "answers": {"x": "elsewhere"}})


def test_markdown_to_the_screen_leaves_out_private_entries(wb: Workbook) -> None:
    seed(wb)
    result = wb.run("export", "--format", "md")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "## Every kind of step" in text and "## Something else" in text
    assert "> day 3" in text and "> day 5" in text and "> day 4" not in text
    assert "**Which feelings came up?**" in text and "- a bit lonely" in text
    assert "**Score:** 5 (higher)." in text
    assert "1 entry marked private was left out" in result.stderr


def test_markdown_with_dates_exercises_and_private_to_a_file(wb: Workbook, tmp_path: Path) -> None:
    seed(wb)
    out = tmp_path / "for-my-therapist.md"
    result = wb.run("export", "--format", "md", "--out", str(out), "--from", "2026-03-04", "--to", "2026-03-05",
                    "--exercise", "all-steps", "--include-private")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Exported 2 entries to {out}."
    text = out.read_text(encoding="utf-8")
    assert "> day 3" not in text and "> day 4" in text and "> day 5" in text and "elsewhere" not in text
    assert "(marked private)" in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_csv_writes_one_file_per_exercise_into_a_folder(wb: Workbook, tmp_path: Path) -> None:
    seed(wb)
    folder = tmp_path / "sheets"
    result = wb.run("export", "--format", "csv", "--out", str(folder))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["all-steps.csv", "other.csv"]
    rows = list(csv.reader(io.StringIO((folder / "all-steps.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["date", "time", "One word for it?", "Which feelings came up?", "score", "band"]
    assert rows[1:] == [["2026-03-03", "21:00", "day 3", "Sad; a bit lonely", "3", "higher"],
                        ["2026-03-05", "21:00", "day 5", "Sad; a bit lonely", "5", "higher"]]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_csv_needs_a_folder(wb: Workbook, tmp_path: Path) -> None:
    result = wb.run("export", "--format", "csv")
    assert result.returncode == 2
    assert_one_plain_line(result.stderr)
    assert "--out FOLDER" in result.stderr


def test_json_keeps_private_entries_unless_asked(wb: Workbook) -> None:
    seed(wb)
    assert len(wb.export()["entries"]) == 4
    assert len(wb.export("--leave-out-private")["entries"]) == 3


def test_a_bad_date_is_one_sentence(wb: Workbook) -> None:
    for args in (["--from", "March"], ["--from", "2026-03-05", "--to", "2026-03-01"]):
        result = wb.run("export", "--format", "md", *args)
        assert result.returncode == 2, result.stderr
        assert_one_plain_line(result.stderr)


def test_an_encrypted_profile_warns_that_the_export_is_not_encrypted(wb: Workbook, tmp_path: Path) -> None:
    seed(wb, PASSPHRASE)
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    out = tmp_path / "mine.json"
    result = wb.run("export", "--out", str(out), "--passphrase-file", str(secret))
    assert result.returncode == 0, result.stderr
    assert "the export is not" in result.stderr and "keep it somewhere safe" in result.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))["entries"]) == 4


def test_a_plain_profile_gets_no_such_warning(wb: Workbook) -> None:
    wb.plain(FULL_RUN)
    result = wb.run("export", "--format", "md")
    assert result.returncode == 0 and "not encrypted" not in result.stderr and "passphrase" not in result.stderr
