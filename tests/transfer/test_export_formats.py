"""Markdown for a person to read, CSV for a spreadsheet: what they hold and leave out."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from workbook.errors import UsageError
from workbook.store.profile import open_store
from workbook.transfer.exporting import render_export
from workbook.transfer.markdown import escape
from workbook.transfer.selection import Selection

from .generated import exercise, make_entries

OLD_PROMPT = "What went on, back then?"


@pytest.fixture
def store(tmp_path: Path):
    with open_store(tmp_path / "data") as store:
        current = exercise(tmp_path)
        older = exercise(tmp_path, version=1, prompt=OLD_PROMPT)
        store.import_entries(make_entries(current, 30))  # from 2026-01-01, every 13 hours
        store.import_entries(make_entries(older, 3, seed=5, start=datetime(2025, 12, 1, 9, tzinfo=timezone.utc)))
        store.save_entry({
            "exercise_id": "note", "exercise_title": "A quick note", "finished_at": "2026-01-03T21:30:00+01:00",
            "answers": {"n": "Just this."}, "prompts": {"n": "Anything to note?"}, "step_types": {"n": "text"},
        })
        yield store


def markdown(store, **choice) -> str:
    return render_export(store, "md", Selection(**choice)).data.decode("utf-8")


def test_markdown_groups_by_exercise_with_each_entrys_own_prompts(store) -> None:
    text = markdown(store, include_private=True)
    assert text.startswith("# Workbook entries\n")
    quick, every = text.index("## A quick note"), text.index("## Every kind of step")
    assert quick < every  # groups in title order
    assert "**Anything to note?**" in text and "> Just this." in text
    # Entries made with version 1 keep the question as it was asked then.
    assert text.count(f"**{escape(OLD_PROMPT)}**") == 3
    assert "**What happened?**" in text
    assert "_Made with version 1 of this exercise._" in text
    # Oldest first inside a group, so a week reads in the order it was lived.
    days = [line for line in text[every:].splitlines() if line.startswith("### ")]
    assert days[0].startswith("### Monday 1 December 2025")
    assert "Scores are information for you and your therapist, not a diagnosis." in text
    assert "**Score:**" in text and ("(higher)." in text or "(lower)." in text)


def test_markdown_leaves_out_private_entries_unless_chosen(store) -> None:
    all_entries = list(store.iter_entries())
    private = [e for e in all_entries if e.get("private")]
    assert private
    left_out = render_export(store, "md", Selection())
    assert left_out.count == len(all_entries) - len(private)
    assert left_out.private_left_out == len(private)
    assert "(marked private)" not in left_out.data.decode()
    assert f"{len(private)} entries marked private were left out" in left_out.data.decode()
    included = render_export(store, "md", Selection(include_private=True))
    assert included.count == len(all_entries)
    assert included.data.decode().count("(marked private)") == len(private)


def test_markdown_date_range_and_chosen_exercises(store) -> None:
    text = markdown(store, since=date(2026, 1, 3), until=date(2026, 1, 4), exercises=frozenset({"note"}))
    assert "## A quick note" in text and "## Every kind of step" not in text
    assert "1 entry from Saturday 3 January 2026 to Sunday 4 January 2026" in text
    one_day = render_export(store, "md", Selection(since=date(2026, 1, 2), until=date(2026, 1, 2),
                                                   include_private=True))
    days = {line.split(",")[0] for line in one_day.data.decode().splitlines() if line.startswith("### ")}
    assert days == {"### Friday 2 January 2026"}
    with pytest.raises(UsageError, match="swap"):
        Selection(since=date(2026, 2, 1), until=date(2026, 1, 1))


def test_what_people_wrote_reads_as_written_in_markdown() -> None:
    assert escape("# not a heading") == "\\# not a heading"
    assert escape("*stars* and [links](x) and <b>") == "\\*stars\\* and \\[links\\](x) and \\<b\\>"
    assert escape("1. not a list") == "1\\. not a list"
    assert escape("- not a bullet") == "\\- not a bullet"
    assert escape("\x1b[31mred") == "\N{REPLACEMENT CHARACTER}\\[31mred"


def test_markdown_of_nothing_says_so(tmp_path: Path) -> None:
    with open_store(tmp_path / "empty") as empty:
        text = render_export(empty, "md", Selection()).data.decode()
    assert "There are no entries to show for this choice." in text


def test_csv_is_one_file_per_exercise_with_a_column_per_step(store) -> None:
    rendered = render_export(store, "csv", Selection(include_private=True))
    assert sorted(rendered.files) == ["every-step.csv", "note.csv"]
    raw = rendered.files["every-step.csv"]
    assert raw.startswith(b"\xef\xbb\xbf")  # spreadsheets know UTF-8 by its byte order mark
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    head = rows[0]
    assert head[:3] == ["date", "time", "exercise version"]
    for prompt in ("How strong is the feeling?", "What happened?", "Which fits best?",
                   "What did you notice in your body?", "Name three things you can see.", "Sit quietly."):
        assert prompt in head
    assert head[-3:] == ["score", "band", "private"]
    assert len(rows) == 1 + 33
    assert all(len(row) == len(head) for row in rows)
    body = head.index("What did you notice in your body?")
    assert any(row[body].startswith("Tight chest; other ") for row in rows[1:])
    # A cell a spreadsheet would run as a formula is kept as text.
    what = head.index("What happened?")
    assert any(row[what].startswith("'=SUM(A1:A9)") for row in rows[1:])
    assert rows[1][0] == "2025-12-01" and rows[1][1] == "09:00"


def test_csv_leaves_out_private_entries_unless_chosen(store) -> None:
    rendered = render_export(store, "csv", Selection())
    rows = list(csv.reader(io.StringIO(rendered.files["every-step.csv"].decode("utf-8-sig"))))
    assert "private" not in rows[0]
    assert len(rows) - 1 == 33 - rendered.private_left_out
