"""`workbook import FILE`: merge a JSON export into this profile.

The whole file is read and checked first; a bad or foreign file is refused in one
sentence and nothing is written. Entries already here (same id) are kept as they are,
so importing the same file twice adds nothing the second time. Before anything is
added, a backup of the profile is made ("before-import"), so an import can be undone
with `workbook restore`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workbook.commands.common import opened_store, report_store_notices


def run(args: argparse.Namespace) -> int:
    from workbook.store.backup import discard, make_backup
    from workbook.transfer.jsondoc import apply_plan, read_plan

    plan = read_plan(Path(args.file).expanduser())  # checked before the profile is even opened
    with opened_store(args) as store:
        report_store_notices(store)
        backup = None
        if getattr(store, "folder", None) is not None and (plan.entries or plan.tables or plan.monthly):
            backup = make_backup(store, "before-import")
        report = apply_plan(store, plan)
        if backup is not None and not (report.added or report.other_added):
            discard(backup)  # nothing was added: the profile is exactly as that backup holds it
            backup = None
    line = report.sentence()
    if backup is not None and (report.added or report.other_added):
        line += f" How things were before is kept in the backup '{backup.name}'."
    print(line)
    return 0
