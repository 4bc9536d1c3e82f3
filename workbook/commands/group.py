"""`workbook group ID`: projector mode for leading a room through one exercise.

No profile is opened and nothing is written (not even the catalog cache: like guest
mode, a group session leaves the data folder as it was).
"""

from __future__ import annotations

import argparse

from workbook.commands.common import find_exercise, load_catalog_for, settings_for
from workbook.commands.tui import _on_terminal, _run_quietly
from workbook.errors import WorkbookError


def run(args: argparse.Namespace) -> int:
    args.guest = True  # nothing of this session touches the data folder
    catalog = load_catalog_for(args)
    exercise = find_exercise(catalog, args.exercise_id)
    if not _on_terminal():
        raise WorkbookError("Projector mode needs a terminal to show itself in; run it on the computer "
                            "connected to the projector.")
    from workbook.tui.privacy import quiet_textual_environment

    quiet_textual_environment()
    from workbook.crisis import crisis_contacts
    from workbook.tui.screens.group import GroupApp

    settings = settings_for(args)
    app = GroupApp(exercise, contacts=crisis_contacts(settings.crisis_contacts), theme=settings.theme)
    _run_quietly(app)
    return app.return_code or 0
