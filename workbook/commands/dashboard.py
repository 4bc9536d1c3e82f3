"""`workbook progress [--range 4w|3m|1y|all]`: the progress page in words, one panel a paragraph.

The same panels and sentences as the full-screen page, without the charts: for screen
readers, simple terminals and scripts.
"""

from __future__ import annotations

import argparse
from datetime import date

from workbook.commands.common import opened_store, report_store_notices


def progress_lines(store, range_key: str, today: date | None = None) -> list[str]:
    from workbook.insights.dashboard import build_panels, range_for
    from workbook.insights.summaries import load_dashboard

    inputs = load_dashboard(store)
    chosen = range_for(range_key)
    panels = build_panels(inputs.summaries, today or date.today(), range_key, inputs.goals, inputs.marks)
    lines = [f"Your progress ({chosen.label}). Information for you, never a verdict.", ""]
    for panel in panels:
        lines.append(f"{panel.title}: {panel.sentence}")
        if panel.note:
            lines.append(panel.note)
        lines.append("")
    if inputs.problem:
        lines.append(inputs.problem)
    return lines


def run(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        report_store_notices(store)
        for line in progress_lines(store, args.range):
            print(line)
    return 0
