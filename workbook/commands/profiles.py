"""`workbook profiles list` and `workbook profiles remove NAME`: for whoever looks after the machine.

Nothing here opens a profile: only names are shown (listed profiles only), never
entries, counts or sizes, and removal needs no passphrase. A facilitator can clear a
profile for the next person without being able to read it.
"""

from __future__ import annotations

import argparse
import sys

from workbook.errors import WorkbookError


def _list(args: argparse.Namespace) -> int:
    from workbook.paths import data_dir
    from workbook.store.profiles import check_data_dir, listed_profiles

    root = data_dir(args.data_dir)
    if not root.exists():
        check_data_dir(root)  # a missing USB stick is said plainly
    names = [ref.name for ref in listed_profiles(root)]
    if names:
        sys.stdout.write("\n".join(" ".join(name.split()) for name in names) + "\n")
        sys.stdout.flush()
    else:
        print("There are no listed profiles here yet.", file=sys.stderr)
    return 0


def _confirmed(name: str) -> bool:
    print(
        f"This removes the profile '{name}' and everything in it, for good. Nobody will be able to "
        "open it again. To go ahead, type its name and press Enter:",
        file=sys.stderr,
        flush=True,
    )
    try:
        answer = sys.stdin.readline()
    except (OSError, ValueError):
        return False
    return " ".join(answer.split()).casefold() == " ".join(name.split()).casefold()


def _remove(args: argparse.Namespace) -> int:
    from workbook.paths import data_dir
    from workbook.store.profiles import check_data_dir, find_profile, remove_profile

    root = data_dir(args.data_dir)
    if not root.exists():
        check_data_dir(root)
    ref = find_profile(root, args.name)
    if ref is None:
        raise WorkbookError(f"There is no profile called '{' '.join(args.name.split())}' here, so nothing was removed.")
    if not args.yes and not _confirmed(args.name):
        raise WorkbookError("The name did not match, so nothing was removed.")
    removed = remove_profile(root, args.name)
    print(f"The profile '{' '.join(args.name.split()) if not removed.listed else removed.name}' has been removed.")
    return 0


def run(args: argparse.Namespace) -> int:
    if getattr(args, "profiles_action", None) == "remove":
        return _remove(args)
    return _list(args)
