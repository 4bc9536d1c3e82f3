"""`workbook do ID [--plain]`: start an exercise, or pick up its draft."""

from __future__ import annotations

import argparse
import sys

from workbook.commands.common import find_exercise, load_catalog_for, opened_store


def run(args: argparse.Namespace) -> int:
    catalog = load_catalog_for(args)
    exercise = find_exercise(catalog, args.exercise_id)
    if not args.plain:
        from workbook.commands.tui import open_tui

        return open_tui(args, catalog, start_exercise=exercise.id)

    from workbook.plain import run_plain
    from workbook.plain.care import GROUNDING_ID

    _tolerant_streams()
    with opened_store(args) as store:
        return run_plain(
            exercise,
            store,
            guest=args.guest,
            grounding_available=GROUNDING_ID in catalog.exercises,
            contacts=_site_contacts(args),  # a safety answer shows the site's contacts first
        )


def _site_contacts(args: argparse.Namespace) -> list:
    from workbook.commands.common import settings_for
    from workbook.crisis import crisis_contacts

    return crisis_contacts(settings_for(args).crisis_contacts)


def _tolerant_streams() -> None:
    """Bytes that are not valid text become a visible mark instead of a crash or a broken file."""
    for stream, errors in ((sys.stdin, "replace"), (sys.stdout, "replace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors=errors)
            except (ValueError, OSError):
                pass
