"""`workbook restore`: list backups, put the whole profile back, or bring back one file.

    workbook restore                 list the backups, newest first
    workbook restore NAME            put the profile back as it was in backup NAME
    workbook restore --file PATH     bring back what one file held (newest good copy), merged

Restoring a whole backup first backs up how things are now, so it can be undone.
"""

from __future__ import annotations

import argparse

from workbook.commands.common import opened_store, report_store_notices
from workbook.errors import WorkbookError


def run(args: argparse.Namespace) -> int:
    from workbook.store.backup import list_backups, restore_backup, restore_file

    if args.guest:
        raise WorkbookError("Guest mode keeps nothing, so there are no backups to restore.")
    with opened_store(args) as store:
        report_store_notices(store)
        if args.file:
            backup, added = restore_file(store, args.file, args.name)
            print(
                f"Brought back {added} {'item' if added == 1 else 'items'} of {args.file} from the backup of "
                f"{backup.when()}; what was already there is unchanged."
            )
            return 0
        if args.name:
            before = restore_backup(store, args.name)
            print(
                f"Your workbook is back as it was in '{args.name}'. How it was a moment ago is kept "
                f"in the backup '{before.name}', so you can go back to it with `workbook restore {before.name}`."
            )
            return 0
        backups = list_backups(store)
    if not backups:
        print("There are no backups yet. One is made each day you use the workbook, or run `workbook backup`.")
        return 0
    for backup in backups:
        print(f"{backup.name}\t{backup.describe()}")
    return 0
