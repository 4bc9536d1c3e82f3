"""Opening the full-screen workbook. Textual is imported here and only here."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from workbook.commands.common import load_catalog_for, opened_store
from workbook.errors import WorkbookError

if TYPE_CHECKING:
    from workbook.content.catalog import Catalog


def _on_terminal() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def open_tui(args: argparse.Namespace, catalog: Catalog, start_exercise: str | None = None) -> int:
    if not _on_terminal():
        hint = f"workbook do {start_exercise} --plain" if start_exercise else "workbook do ID --plain"
        raise WorkbookError(
            f"The full-screen workbook needs a terminal to show itself in; for scripts and screen readers, try `{hint}`."
        )
    try:
        from workbook.tui.app import WorkbookApp
    except ModuleNotFoundError as error:
        if error.name and error.name.startswith("workbook.tui"):
            raise WorkbookError(
                "The full-screen workbook is not part of this installation yet; `workbook do ID --plain` works meanwhile."
            ) from None
        raise
    with opened_store(args) as store:
        app = WorkbookApp(store, catalog, start_exercise=start_exercise)
        app.run()
        return app.return_code or 0


def run(args: argparse.Namespace) -> int:
    return open_tui(args, load_catalog_for(args))
