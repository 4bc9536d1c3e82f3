"""Writing an export: each file whole or not at all, readable only by its owner."""

from __future__ import annotations

import os
from pathlib import Path

from workbook.errors import WorkbookError
from workbook.paths import DIR_MODE
from workbook.store.atomic import atomic_write

ENCRYPTION_WARNING = (
    "This profile is protected by a passphrase, but the export is not: anyone who can open "
    "the file can read it, so keep it somewhere safe and delete it when you no longer need it."
)


def _why(error: OSError) -> str:
    return error.strerror or str(error)


def write_file(path: Path, data: bytes) -> None:
    """Replace `path` with `data` (a temp file in the same folder, fsynced, then renamed)."""
    path = Path(path)
    if path.is_dir():
        raise WorkbookError(f"{path} is a folder; please give a file name for the export.")
    if not path.parent.is_dir():
        raise WorkbookError(f"The folder {path.parent} does not exist, so the export was not written.")
    try:
        atomic_write(path, data)
    except OSError as error:
        raise WorkbookError(f"The export could not be written to {path} ({_why(error)}).") from None


def write_folder(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Write several files into `folder` (created if its parent exists); returns their paths."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise WorkbookError(f"{folder} is a file; CSV exports need a folder (one file per exercise).")
    if not folder.exists():
        if not folder.parent.is_dir():
            raise WorkbookError(f"The folder {folder.parent} does not exist, so the export was not written.")
        try:
            folder.mkdir(mode=DIR_MODE)
            os.chmod(folder, DIR_MODE)
        except OSError as error:
            raise WorkbookError(f"The folder {folder} could not be made ({_why(error)}).") from None
    written = []
    for name, data in files.items():
        target = folder / name
        try:
            atomic_write(target, data)
        except OSError as error:
            raise WorkbookError(f"The export could not be written to {target} ({_why(error)}).") from None
        written.append(target)
    return written
