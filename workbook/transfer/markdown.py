"""A Markdown export written for a person to read, for example a therapist.

Grouped by exercise (titles in alphabetical order), oldest entry first within each, so
a week reads in the order it was lived. Every entry shows the questions in the words
it was asked with (its own "prompts", not today's version of the exercise) and the
answers as written. Scores appear with their band, as information.

Text people wrote is escaped so it reads as written in a Markdown viewer too: a line
starting with "#" stays a line, "*" stays a star.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache
from typing import Any

from workbook.transfer.answers import is_timed, items_of, ordered_steps, scalar_words, score_words, timed_words
from workbook.transfer.selection import Progress, Selection, entry_day, long_day

_INLINE = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


_ANY_SPECIAL = re.compile(r"[\\`*_\[\]<>|\t\x00-\x08\x0b-\x1f\x7f]")
_PLAIN_START = frozenset("#>+-=0123456789 ")


def escape(text: str) -> str:
    """One line of a person's words, shown as written by any Markdown viewer."""
    if not _ANY_SPECIAL.search(text) and text[:1] not in _PLAIN_START:
        return text  # most lines: nothing to do (10,000 entries are written in well under 2 s)
    text = _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text.replace("\t", "    "))
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(_escape_start, text)


def _escape_start(match: re.Match[str]) -> str:
    lead, mark = match.group(1), match.group(2)
    if mark[-1] in ".)" and mark[:-1].isdigit():  # "1." starts a list; "1\." does not
        return f"{lead}{mark[:-1]}\\{mark[-1]}"
    return f"{lead}\\{mark}"


def _lines(text: str) -> list[str]:
    return str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _quote(text: str) -> list[str]:
    """A possibly multi-line answer as a block quote, keeping its line breaks."""
    if "\n" not in text and "\r" not in text:  # the usual case, kept quick
        return ["> " + escape(text)] if text.strip() else [">"]
    lines = _lines(text)
    out = []
    for index, line in enumerate(lines):
        last = index == len(lines) - 1
        if line.strip():
            out.append("> " + escape(line) + ("" if last else "  "))  # two spaces: a line break
        else:
            out.append(">")
    return out


_CLOCK = re.compile(r"^\d{4}-\d{2}-\d{2}T(\d{2}:\d{2})")


def _time_of(entry: dict[str, Any]) -> str:
    moment = str(entry.get("finished_at") or entry.get("started_at") or "")
    match = _CLOCK.match(moment)
    if match:  # the time on the person's clock, as written
        return match.group(1)
    try:
        return datetime.fromisoformat(moment).strftime("%H:%M")
    except ValueError:
        return ""


def _answer(value: Any, kind: str | None) -> list[str]:
    if isinstance(value, str) and kind in ("text", None):
        return _quote(value)
    if value is None:
        return ["_(skipped)_"]
    items = items_of(value)
    if items is not None:
        return [f"- {escape(item)}" for item in items] if items else ["_(nothing)_"]
    if is_timed(value):
        return [timed_words(value)]
    if kind == "text":  # a number or other value kept for a text step
        return _quote(scalar_words(value))
    return [escape(scalar_words(value))]


@lru_cache(maxsize=4096)
def _day_heading(day: str) -> str:
    return long_day(day)


def entry_lines(entry: dict[str, Any], mixed_versions: bool = False) -> list[str]:
    """One entry: a heading with its day and time, then each question and its answer."""
    day = entry_day(entry)
    heading = f"### {_day_heading(day) if day else 'An entry without a date'}"
    clock = _time_of(entry)
    if clock:
        heading += f", {clock}"
    if entry.get("private") is True:
        heading += " (marked private)"
    out = [heading, ""]
    if mixed_versions and entry.get("exercise_version") is not None:
        out += [f"_Made with version {escape(str(entry['exercise_version']))} of this exercise._", ""]
    prompts = entry.get("prompts") if isinstance(entry.get("prompts"), dict) else {}
    answers = entry.get("answers") if isinstance(entry.get("answers"), dict) else {}
    kinds = entry.get("step_types") if isinstance(entry.get("step_types"), dict) else {}
    steps = ordered_steps(entry)
    for key in steps:
        out += [f"**{escape(str(prompts.get(key) or key))}**", ""]
        out += _answer(answers.get(key), kinds.get(key))
        out.append("")
    kept = entry.get("set_aside")
    if isinstance(kept, dict) and kept:
        out += ["_Answers kept from an earlier version of this exercise:_", ""]
        for key, value in kept.items():
            out += [f"**{escape(str(key))}**", ""] + _answer(value, None) + [""]
    if not steps and not kept:
        out += ["_No answers were written in this one._", ""]
    score = score_words(entry.get("score"))
    if score:
        note = " Worked out from the answers given." if entry["score"].get("prorated") else ""
        out += [f"**Score:** {escape(score)}.{note}", ""]
    tags = entry.get("tags")
    if isinstance(tags, list) and tags:
        out += ["Tags: " + ", ".join(escape(str(t)) for t in tags), ""]
    return out


def render(
    entries: list[dict[str, Any]],
    selection: Selection,
    *,
    profile: str,
    exported_on: str,
    private_left_out: int = 0,
    progress: Progress | None = None,
) -> str:
    """The whole document. `entries` in any order; `progress` gets 0..1 as entries are written."""
    groups: dict[str, list[dict[str, Any]]] = {}
    titles: dict[str, str] = {}
    for entry in entries:
        key = str(entry.get("exercise_id") or "")
        groups.setdefault(key, []).append(entry)
        if entry.get("exercise_title") and key not in titles:  # the first given title, newest first
            titles[key] = str(entry["exercise_title"])
    for key in groups:
        titles.setdefault(key, key or "Other entries")
    order = sorted(groups, key=lambda k: (titles[k].casefold(), k))
    count = len(entries)
    out = ["# Workbook entries", ""]
    summary = f"{count} {'entry' if count == 1 else 'entries'}"
    if selection.since or selection.until:
        summary += " " + selection.describe_range()
    if selection.exercises:
        summary += ", from the exercises chosen"
    out += [f"{summary}. Exported on {long_day(exported_on)} from the profile “{escape(profile)}”.", ""]
    if private_left_out:
        were = "entry marked private was" if private_left_out == 1 else "entries marked private were"
        out += [f"{private_left_out} {were} left out, as chosen.", ""]
    elif not selection.include_private:
        out += ["Entries marked private are left out.", ""]
    if any(score_words(e.get("score")) for e in entries):
        out += ["Scores are information for you and your therapist, not a diagnosis.", ""]
    if not entries:
        out += ["There are no entries to show for this choice.", ""]
    if len(order) > 1:
        out += ["## Contents", ""]
        for key in order:
            n = len(groups[key])
            out.append(f"- {escape(titles[key])}: {n} {'entry' if n == 1 else 'entries'}")
        out.append("")
    report = progress or (lambda _: None)
    written = 0
    step = max(1, count // 100)
    for key in order:
        items = sorted(groups[key], key=lambda e: (str(e.get("finished_at") or ""), str(e.get("id") or "")))
        versions = {str(e.get("exercise_version")) for e in items}
        n = len(items)
        out += [f"## {escape(titles[key])}", "", f"{n} {'entry' if n == 1 else 'entries'}.", ""]
        for entry in items:
            out += entry_lines(entry, mixed_versions=len(versions) > 1)
            out += ["---", ""]
            written += 1
            if written % step == 0:
                report(written / count)
    report(1.0)
    return "\n".join(out).rstrip("\n") + "\n"
