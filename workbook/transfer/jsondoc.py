"""The JSON export: complete, versioned, and read back by `import`.

    {"format": "workbook-export", "version": 1,
     "exported_at": "...", "profile": "sam", "complete": true,
     "entries": [entry, ...],                      # newest first, each exactly as saved
     "tables": {"drafts": [{"key": k, "value": v}, ...], "settings": [...], ...},
     "monthly": {"checkins": [record, ...], ...}}

"tables" and "monthly" carry every other kind of data the profile holds (whatever a
feature keeps with store.table() or store.monthly()), found from the profile's files,
so a new feature's data moves along without this module knowing about it. They are
written only when the export is complete (no date or exercise filter, private entries
included); a partial export carries just its entries.

Import reads and checks the whole file before writing anything. It merges: an entry,
record or keyed row already here (same id or key) is kept as it is here and the one
in the file is skipped, so importing the same file twice adds nothing the second time.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from workbook.errors import WorkbookError
from workbook.transfer.selection import Progress, Selection, collect

EXPORT_FORMAT = "workbook-export"
EXPORT_VERSION = 1

TABLE_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,40}$")
MONTH_FILE = re.compile(r"^\d{4}-\d{2}$")
RECORD_ID = re.compile(r"^(\d{4})-(\d{2})-\S+$")
# Kept by the store for itself, never carried between profiles (migrate.VERSION_TABLE is "format").
INTERNAL_TABLES = frozenset({"format"})
# Names a file in the profile folder must never get from an import.
RESERVED_NAMES = frozenset({"meta", "entries", "backups", "format", "profile"})


class ImportRefused(WorkbookError):
    """The file cannot be imported; nothing was changed. The message says why, in one sentence."""


# -- what a profile holds ---------------------------------------------------------------------------
def stored_tables(store: Any) -> tuple[list[str], list[str]]:
    """(keyed table names, monthly table names other than entries) that hold data."""
    folder = getattr(store, "folder", None)
    if isinstance(folder, Path):
        keyed = sorted(
            p.stem for p in folder.glob("*.json") if TABLE_NAME.match(p.stem) and p.stem not in RESERVED_NAMES
        )
        monthly = sorted(
            d.name for d in folder.iterdir()
            if d.is_dir() and TABLE_NAME.match(d.name) and d.name not in RESERVED_NAMES
            and any(MONTH_FILE.match(p.stem) for p in d.glob("*.json"))
        )
    else:  # the guest store: whatever tables it opened
        keyed = sorted(n for n in getattr(store, "_tables", {}) if n not in RESERVED_NAMES)
        monthly = sorted(n for n in getattr(store, "_monthly", {}) if n not in RESERVED_NAMES)
    return [n for n in keyed if n not in INTERNAL_TABLES], [n for n in monthly if n not in INTERNAL_TABLES]


def build_document(
    store: Any, selection: Selection | None = None, exported_at: str | None = None, progress: Progress | None = None
) -> dict[str, Any]:
    """The export document. Without a selection: everything, private entries included."""
    selection = selection or Selection(include_private=True)
    report = progress or (lambda _: None)
    complete = not selection.filtered and selection.include_private
    collected = collect(store, selection, (lambda f: report(f * 0.9)) if complete else report)
    document: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": exported_at or datetime.now().astimezone().isoformat(timespec="seconds"),
        "profile": store.profile,
        "complete": complete,
        "entries": collected.entries,
    }
    if complete:
        keyed, monthly = stored_tables(store)
        tables = {name: sorted(store.table(name).items(), key=lambda kv: str(kv[0])) for name in keyed}
        document["tables"] = {name: [{"key": k, "value": v} for k, v in rows] for name, rows in tables.items() if rows}
        document["monthly"] = {name: records for name in monthly if (records := list(store.monthly(name)))}
    report(1.0)
    return document


def encode(document: dict[str, Any]) -> bytes:
    """UTF-8 JSON. Text is written as itself (emoji, any script); stray surrogates are escaped."""
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(document, ensure_ascii=True, indent=2) + "\n").encode("ascii")


# -- reading a file back -------------------------------------------------------------------------------
@dataclass
class ImportPlan:
    """A checked export, ready to merge. Nothing in it has touched a store yet."""

    profile: str
    entries: list[dict[str, Any]]
    tables: dict[str, list[tuple[str, Any]]] = field(default_factory=dict)
    monthly: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass
class ImportReport:
    added: int = 0  # entries
    already_here: int = 0
    other_added: int = 0  # drafts, settings, goals, check-ins...
    other_kept: int = 0

    def sentence(self) -> str:
        def n(count: int, one: str, many: str) -> str:
            return f"{count} {one if count == 1 else many}"

        text = f"Added {n(self.added, 'entry', 'entries')}"
        if self.already_here:
            text += f"; {n(self.already_here, 'was', 'were')} already here and kept as they are"
        if self.other_added:
            text += f"; also added {n(self.other_added, 'other item', 'other items')} (drafts, settings and the like)"
        return text + "."


def _valid_month(match: re.Match[str] | None) -> bool:
    return bool(match) and 1 <= int(match.group(1)) and 1 <= int(match.group(2)) <= 12


def _content_id(entry: dict[str, Any], where: str) -> str:
    """An id for an entry made by hand without one: the same entry always gets the same id,
    so importing the file twice still adds it only once."""
    moment = str(entry.get("finished_at") or entry.get("started_at") or "")
    match = re.match(r"^(\d{4})-(\d{2})", moment)
    if not (match and 1 <= int(match.group(1)) and 1 <= int(match.group(2)) <= 12):
        raise ImportRefused(f"{where} has no id and no date it was finished, so it cannot be placed; nothing was imported.")
    digest = hashlib.sha256(json.dumps(entry, sort_keys=True, ensure_ascii=True).encode("ascii")).hexdigest()
    return f"{moment[:7]}-{digest[:16]}"


def _check_record(record: Any, where: str, *, entry: bool) -> dict[str, Any]:
    if not isinstance(record, dict):
        raise ImportRefused(f"{where} is not a record; nothing was imported.")
    record = dict(record)
    if record.get("id") is None and entry:
        record["id"] = _content_id(record, where)
    record_id = record.get("id")
    if not isinstance(record_id, str) or not _valid_month(RECORD_ID.match(record_id)):
        raise ImportRefused(f"{where} has an id ({str(record_id)[:40]!r}) that does not start with a month; nothing was imported.")
    if entry:
        if not isinstance(record.get("exercise_id"), str) or not record["exercise_id"]:
            raise ImportRefused(f"{where} does not say which exercise it belongs to; nothing was imported.")
        if not isinstance(record.get("answers"), dict):
            raise ImportRefused(f"{where} has no answers in the expected shape; nothing was imported.")
        for name in ("prompts", "step_types"):
            if name in record and record[name] is not None and not isinstance(record[name], dict):
                raise ImportRefused(f"{where} has {name} in an unexpected shape; nothing was imported.")
    return record


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def parse_document(data: bytes, where: str = "the file") -> ImportPlan:
    """Check everything in an export file; ImportRefused (one sentence) if anything is off."""
    source = _cap(where)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(f"{source} is not a workbook export: it is not text in UTF-8; nothing was imported.") from None
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        raise ImportRefused(f"{source} is not a workbook export: it is not valid JSON; nothing was imported.") from None
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise ImportRefused(
            f"{source} is not a workbook export (it does not say \"format\": \"{EXPORT_FORMAT}\"); nothing was imported."
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportRefused(f"{source} does not say which version of the export it is; nothing was imported.")
    if version > EXPORT_VERSION:
        raise ImportRefused(
            f"{source} was made by a newer version of the workbook (export version {version}); "
            "please update the workbook to import it; nothing was imported."
        )
    raw_entries = document.get("entries")
    if not isinstance(raw_entries, list):
        raise ImportRefused(f"{source} has no list of entries; nothing was imported.")
    entries = [_check_record(e, f"Entry {i + 1} in {where}", entry=True)
               for i, e in enumerate(raw_entries)]
    tables: dict[str, list[tuple[str, Any]]] = {}
    raw_tables = document.get("tables") or {}
    if not isinstance(raw_tables, dict):
        raise ImportRefused(f"{source} has its other data in an unexpected shape; nothing was imported.")
    for name, rows in raw_tables.items():
        _check_table_name(name, source)
        if not isinstance(rows, list) or not all(isinstance(r, dict) and isinstance(r.get("key"), str) and "value" in r for r in rows):
            raise ImportRefused(f"The “{name}” part of {where} is not in the expected shape; nothing was imported.")
        tables[name] = [(r["key"], r["value"]) for r in rows]
    monthly: dict[str, list[dict[str, Any]]] = {}
    raw_monthly = document.get("monthly") or {}
    if not isinstance(raw_monthly, dict):
        raise ImportRefused(f"{source} has its other data in an unexpected shape; nothing was imported.")
    for name, records in raw_monthly.items():
        _check_table_name(name, source)
        if not isinstance(records, list):
            raise ImportRefused(f"The “{name}” part of {where} is not a list; nothing was imported.")
        monthly[name] = [_check_record(r, f"Record {i + 1} of “{name}”", entry=False) for i, r in enumerate(records)]
    profile = document.get("profile")
    return ImportPlan(str(profile) if isinstance(profile, str) else "", entries, tables, monthly)


def _check_table_name(name: Any, source: str) -> None:
    if not isinstance(name, str) or not TABLE_NAME.match(name) or name in RESERVED_NAMES:
        raise ImportRefused(f"{source} holds a part named {str(name)[:40]!r} that the workbook does not use; nothing was imported.")


def read_plan(path: Path) -> ImportPlan:
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise ImportRefused(f"{path} is a folder; please give the export file inside it; nothing was imported.") from None
    except FileNotFoundError:
        raise ImportRefused(f"There is no file at {path}; nothing was imported.") from None
    except OSError as error:
        raise ImportRefused(f"{path} could not be read ({error.strerror or error}); nothing was imported.") from None
    return parse_document(data, where=f"the file {path}")


def apply_plan(store: Any, plan: ImportPlan, progress: Progress | None = None) -> ImportReport:
    """Merge a checked plan into `store`; what is here already stays as it is."""
    report = ImportReport()
    tell = progress or (lambda _: None)
    added = store.import_entries(plan.entries)
    report.added = len(added)
    report.already_here = len({e["id"] for e in plan.entries}) - len(added)
    tell(0.8)
    missing = object()
    for name, rows in plan.tables.items():
        table = store.table(name)
        for key, value in rows:
            if table.get(key, missing) is missing:
                table.put(key, value)
                report.other_added += 1
            else:
                report.other_kept += 1
    for name, records in plan.monthly.items():
        fresh = store.monthly(name).insert_many(records)
        report.other_added += len(fresh)
        report.other_kept += len({r["id"] for r in records}) - len(fresh)
    tell(1.0)
    return report
