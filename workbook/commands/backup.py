"""`workbook backup`: make a backup of the profile now (kept with the automatic ones)."""

from __future__ import annotations

import argparse

from workbook.commands.common import opened_store, report_store_notices
from workbook.errors import WorkbookError


def run(args: argparse.Namespace) -> int:
    from workbook.store.backup import make_backup

    if args.guest:
        raise WorkbookError("Guest mode keeps nothing, so there is nothing to back up.")
    with opened_store(args) as store:
        report_store_notices(store)
        made = make_backup(store, "by-hand")
    print(f"Backed up as '{made.name}': {made.describe()}.")
    return 0
