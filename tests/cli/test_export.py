"""`workbook export --format json [--out PATH]`: every finished entry, exactly as written.

Markdown, CSV, filters and the encryption warning: test_export_formats.py."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from .conftest import FULL_RUN, Workbook, assert_one_plain_line

EMOJI = "Felt 😶‍🌫️ then 💪🏽"
RTL = "שלום, مرحبا بك"
MARKUP = "[bold]not bold[/bold] [red]and not red"
BIG = "x" * 50_000 + "ü" * 50_000  # a 100 KB (and more in UTF-8) single-line answer


def run_with_tricky_text(wb: Workbook) -> None:
    lines = list(FULL_RUN)
    lines[1] = BIG  # the one-line "name" answer
    lines[2:5] = [EMOJI, RTL, MARKUP, ""]  # the multi-line "story"
    result = wb.plain(lines)
    assert result.returncode == 0, result.stderr


def check_document(document: dict) -> None:
    assert document["format"] == "workbook-export"
    assert document["version"] == 1
    assert document["profile"] == "default"
    assert document["exported_at"]
    (entry,) = document["entries"]
    assert entry["answers"]["name"] == BIG
    assert entry["answers"]["story"] == f"{EMOJI}\n{RTL}\n{MARKUP}"
    assert entry["score"] == {"total": 3, "band": "lower", "items": 2, "answered": 2, "prorated": False}
    assert entry["started_at"] <= entry["finished_at"]


def test_export_to_stdout_keeps_the_text_exactly(wb: Workbook) -> None:
    run_with_tricky_text(wb)
    check_document(wb.export())


def test_export_to_a_file_is_private_valid_and_exact(wb: Workbook, tmp_path: Path) -> None:
    run_with_tricky_text(wb)
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    target = out_dir / "mine.json"

    result = wb.run("export", "--format", "json", "--out", str(target))

    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    raw = target.read_bytes()
    check_document(json.loads(raw.decode("utf-8")))
    assert EMOJI.encode("utf-8") in raw  # written as itself, not as \\u escapes
    assert sorted(p.name for p in out_dir.iterdir()) == ["mine.json"]  # no temp file left behind


def test_export_replaces_an_older_file_whole(wb: Workbook, tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    target.write_text("old export", encoding="utf-8")
    os.chmod(target, 0o644)
    run_with_tricky_text(wb)
    result = wb.run("export", "--out", str(target))
    assert result.returncode == 0, result.stderr
    check_document(json.loads(target.read_text(encoding="utf-8")))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_of_a_new_profile_has_no_entries(wb: Workbook) -> None:
    document = wb.export()
    assert document["entries"] == [] and document["format"] == "workbook-export"


def test_export_keeps_every_entry_newest_first(wb: Workbook) -> None:
    for mood in ("1", "2"):
        result = wb.plain([mood, *FULL_RUN[1:]])
        assert result.returncode == 0, result.stderr
    entries = wb.export()["entries"]
    assert sorted(e["answers"]["mood"] for e in entries) == [1, 2]
    finished = [e["finished_at"] for e in entries]
    assert finished == sorted(finished, reverse=True)  # both may share one second
    assert len({e["id"] for e in entries}) == 2


def test_export_to_a_folder_that_is_not_there_is_one_sentence(wb: Workbook, tmp_path: Path) -> None:
    result = wb.run("export", "--out", str(tmp_path / "nowhere" / "mine.json"))
    assert result.returncode != 0
    assert_one_plain_line(result.stderr)
    assert not (tmp_path / "nowhere").exists()


def test_an_unknown_format_is_one_sentence(wb: Workbook) -> None:
    result = wb.run("export", "--format", "pdf")
    assert result.returncode == 2
    assert_one_plain_line(result.stderr)
    assert "md" in result.stderr and "json" in result.stderr and "csv" in result.stderr
