"""`workbook export --format json [--out PATH]`: every finished entry, as one document.

Entries come newest first, as the store keeps them, each exactly as saved: answers,
prompts, score and timestamps. With --out the file is written whole or not at all
(a temp file in the same folder, then os.replace) and readable only by its owner.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from workbook.commands.common import opened_store, report_store_notices
from workbook.engine.run import now_iso
from workbook.errors import WorkbookError
from workbook.paths import FILE_MODE

EXPORT_FORMAT = "workbook-export"
EXPORT_VERSION = 1


def export_document(store: Any) -> dict[str, Any]:
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": now_iso(),
        "profile": store.profile,
        "entries": list(store.iter_entries()),
    }


def encode(document: dict[str, Any]) -> bytes:
    """UTF-8 JSON. Text is written as itself (emoji, any script); stray surrogates are escaped."""
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(document, ensure_ascii=True, indent=2) + "\n").encode("ascii")


def write_atomically(path: Path, data: bytes) -> None:
    folder = path.parent
    if path.is_dir():
        raise WorkbookError(f"{path} is a folder; please give a file name for the export.")
    if not folder.is_dir():
        raise WorkbookError(f"The folder {folder} does not exist, so the export was not written.")
    handle, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as temp:
            if hasattr(os, "fchmod"):  # mkstemp already makes it 0600; say so explicitly where we can
                os.fchmod(temp.fileno(), FILE_MODE)
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise
    try:
        folder_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(folder_fd)
    except OSError:
        pass
    finally:
        os.close(folder_fd)


def run(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        report_store_notices(store)
        document = export_document(store)
    data = encode(document)
    count = len(document["entries"])
    if args.out:
        path = Path(args.out).expanduser()
        write_atomically(path, data)
        print(f"Exported {count} {'entry' if count == 1 else 'entries'} to {path}.")
        return 0
    out = getattr(sys.stdout, "buffer", None)
    if out is not None:
        sys.stdout.flush()
        out.write(data)
        out.flush()
    else:
        sys.stdout.write(data.decode("utf-8", errors="replace"))
        sys.stdout.flush()
    return 0
