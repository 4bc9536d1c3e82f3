"""`workbook export`: finished entries as Markdown, JSON or CSV.

    workbook export --format md|json|csv [--out PATH] [--from DAY] [--to DAY] [--exercise ID]...
                    [--include-private | --leave-out-private]

JSON (the default) is the complete, re-importable copy: with no filter it holds every
entry, private ones included, and every other kind of data the profile keeps. Markdown
and CSV are for reading, so entries marked private are left out unless asked for.
CSV writes one file per exercise into the folder given by --out. Files are written
whole or not at all (workbook.store.atomic) and readable only by their owner. An
encrypted profile's export is not encrypted: a line on stderr says so.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbook.commands.common import opened_store, report_store_notices
from workbook.errors import UsageError


def selection_from(args: argparse.Namespace):
    from workbook.transfer.selection import Selection, parse_day

    include = args.private == "include" if args.private else args.format == "json"
    return Selection(
        since=parse_day(args.since, "--from"),
        until=parse_day(args.until, "--to"),
        exercises=frozenset(args.exercise or ()),
        include_private=include,
    )


def run(args: argparse.Namespace) -> int:
    from workbook.transfer.exporting import render_export, write_export
    from workbook.transfer.output import ENCRYPTION_WARNING

    if args.format == "csv" and not args.out:
        raise UsageError("A CSV export is one file per exercise, so it needs a folder: add --out FOLDER.")
    selection = selection_from(args)
    with opened_store(args) as store:
        rendered = render_export(store, args.format, selection)
        report_store_notices(store)  # after: a damaged month is only found when it is read
        encrypted = bool(getattr(store, "encrypted", False))
    if encrypted:
        print(ENCRYPTION_WARNING, file=sys.stderr)
    left_out = ""
    if rendered.private_left_out:
        n = rendered.private_left_out
        left_out = (
            f" {n} {'entry' if n == 1 else 'entries'} marked private {'was' if n == 1 else 'were'} left out"
            " (--include-private adds them)."
        )
    if args.out:
        path = Path(args.out).expanduser()
        written = write_export(rendered, path)
        count = rendered.count
        where = f"{len(written)} {'file' if len(written) == 1 else 'files'} in {path}" if args.format == "csv" else str(path)
        print(f"Exported {count} {'entry' if count == 1 else 'entries'} to {where}.{left_out}")
        return 0
    if left_out:
        print(left_out.strip(), file=sys.stderr)
    out = getattr(sys.stdout, "buffer", None)
    if out is not None:
        sys.stdout.flush()
        out.write(rendered.data)
        out.flush()
    else:
        sys.stdout.write(rendered.data.decode("utf-8", errors="replace"))
        sys.stdout.flush()
    return 0
