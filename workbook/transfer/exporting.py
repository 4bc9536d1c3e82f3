"""One export, start to finish: choose entries, render a format, write it.

The CLI and the TUI's export screen both go through `render_export` and `write_export`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from workbook.transfer import csvfiles, jsondoc, markdown
from workbook.transfer.output import write_file, write_folder
from workbook.transfer.selection import Progress, Selection, collect

FORMATS = ("md", "json", "csv")
FORMAT_NAMES = {"md": "Markdown", "json": "JSON", "csv": "CSV"}
SUFFIX = {"md": ".md", "json": ".json", "csv": ""}


@dataclass
class Rendered:
    fmt: str
    count: int
    data: bytes = b""  # md and json: one file
    files: dict[str, bytes] = field(default_factory=dict)  # csv: one file per exercise
    private_left_out: int = 0


def _part(progress: Progress | None, start: float, end: float) -> Progress:
    if progress is None:
        return lambda _: None
    return lambda fraction: progress(start + (end - start) * fraction)


def render_export(store: Any, fmt: str, selection: Selection, progress: Progress | None = None) -> Rendered:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    if fmt == "json":
        document = jsondoc.build_document(store, selection, progress=_part(progress, 0.0, 0.9))
        data = jsondoc.encode(document)
        if progress:
            progress(1.0)
        return Rendered(fmt, len(document["entries"]), data=data)
    collected = collect(store, selection, _part(progress, 0.0, 0.5))
    if fmt == "md":
        text = markdown.render(
            collected.entries, selection, profile=store.profile, exported_on=date.today().isoformat(),
            private_left_out=collected.private_left_out, progress=_part(progress, 0.5, 0.97),
        )
        data = text.encode("utf-8", "replace")
        if progress:
            progress(1.0)
        return Rendered(fmt, len(collected.entries), data=data, private_left_out=collected.private_left_out)
    texts = csvfiles.render(collected.entries, _part(progress, 0.5, 1.0))
    files = {name: text.encode("utf-8", "replace") for name, text in texts.items()}
    return Rendered(fmt, len(collected.entries), files=files, private_left_out=collected.private_left_out)


def write_export(rendered: Rendered, out: Path) -> list[Path]:
    if rendered.fmt == "csv":
        return write_folder(out, rendered.files)
    write_file(out, rendered.data)
    return [Path(out)]


def default_name(fmt: str, today: date | None = None) -> str:
    return f"workbook-{(today or date.today()).isoformat()}{SUFFIX[fmt]}" if fmt != "csv" else \
        f"workbook-{(today or date.today()).isoformat()}-csv"
