"""CSV for spreadsheets: one file per exercise, one row per entry, one column per step.

Columns: the day and time it was finished (as on the person's clock), then each step (headed by its question, as
the newest entry asked it), then the score and its band when the exercise has one.
Items of a list answer share one cell, separated by "; ". Files are UTF-8 with a byte
order mark, which is how spreadsheet programs recognise UTF-8.

A cell a spreadsheet would run as a formula (starting with =, +, -, @ and not a plain
number) gets a leading apostrophe, the spreadsheets' own sign for "this is text".
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from workbook.transfer.answers import one_cell, ordered_steps
from workbook.transfer.selection import Progress

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_UNSAFE_NAME = re.compile(r"[^a-z0-9_-]+")
BOM = "\ufeff"


def safe_cell(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = one_cell(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER.match(text):
        return "'" + text
    return text


def file_name(exercise_id: str, taken: set[str]) -> str:
    stem = _UNSAFE_NAME.sub("-", str(exercise_id).lower()).strip("-") or "entries"
    name, n = f"{stem}.csv", 1
    while name in taken:
        n += 1
        name = f"{stem}-{n}.csv"
    taken.add(name)
    return name


def one_exercise(entries: list[dict[str, Any]]) -> str:
    """The CSV text for one exercise's entries (oldest first)."""
    items = sorted(entries, key=lambda e: (str(e.get("finished_at") or ""), str(e.get("id") or "")))
    steps: list[str] = []
    headers: dict[str, str] = {}
    for entry in items:  # oldest to newest: the newest wording of a question wins
        prompts = entry.get("prompts") if isinstance(entry.get("prompts"), dict) else {}
        for key in ordered_steps(entry):
            if key not in headers:
                steps.append(key)
                headers[key] = key
            if prompts.get(key):
                headers[key] = str(prompts[key])
    seen: dict[str, int] = {}
    for key in steps:
        seen[headers[key]] = seen.get(headers[key], 0) + 1
    titles = [headers[k] if seen[headers[k]] == 1 else f"{headers[k]} ({k})" for k in steps]
    scored = any(isinstance(e.get("score"), dict) and e["score"].get("total") is not None for e in items)
    versions = len({str(e.get("exercise_version")) for e in items}) > 1
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    head = ["date", "time"] + (["exercise version"] if versions else []) + titles
    head += ["score", "band"] if scored else []
    head += ["private"] if any(e.get("private") is True for e in items) else []
    writer.writerow([safe_cell(h) for h in head])
    with_private = head[-1] == "private"
    for entry in items:
        answers = entry.get("answers") if isinstance(entry.get("answers"), dict) else {}
        moment = str(entry.get("finished_at") or entry.get("started_at") or "")
        row: list[Any] = [safe_cell(moment[:10]), safe_cell(moment[11:16])]
        if versions:
            row.append(safe_cell(entry.get("exercise_version")))
        row += [safe_cell(answers[k]) if k in answers else "" for k in steps]
        if scored:
            score = entry.get("score") if isinstance(entry.get("score"), dict) else {}
            row += [safe_cell(score.get("total")), safe_cell(score.get("band") or "")]
        if with_private:
            row.append("yes" if entry.get("private") is True else "")
        writer.writerow(row)
    return BOM + buffer.getvalue()


def render(entries: list[dict[str, Any]], progress: Progress | None = None) -> dict[str, str]:
    """{file name: CSV text}, one file per exercise."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        groups.setdefault(str(entry.get("exercise_id") or "entries"), []).append(entry)
    files: dict[str, str] = {}
    taken: set[str] = set()
    report = progress or (lambda _: None)
    for index, key in enumerate(sorted(groups)):
        files[file_name(key, taken)] = one_exercise(groups[key])
        report((index + 1) / len(groups))
    report(1.0)
    return files
