"""`workbook list`: one line per exercise, `id<TAB>category<TAB>title`."""

from __future__ import annotations

import argparse
import sys

from workbook.commands.common import load_catalog_for


def _field(text: str) -> str:
    # A tab or line break inside a title would break the one-line, three-column shape.
    return " ".join(text.split())


def run(args: argparse.Namespace) -> int:
    catalog = load_catalog_for(args)
    for problem in catalog.problems:
        print(problem, file=sys.stderr)
    lines = [
        f"{exercise.id}\t{exercise.category}\t{_field(exercise.title)}"
        for group in catalog.by_category().values()
        for exercise in group
    ]
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")
    else:
        print("No exercises were found.", file=sys.stderr)
    sys.stdout.flush()
    return 0
