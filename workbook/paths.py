"""Every path the workbook uses, from one place.

The data folder comes from platformdirs unless `--data-dir` or WORKBOOK_DATA_DIR
overrides it (tests, USB sticks, portable installs).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import platformdirs

APP_NAME = "workbook"
DATA_DIR_ENV = "WORKBOOK_DATA_DIR"
DIR_MODE = 0o700
FILE_MODE = 0o600


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The root data folder: explicit override, then the environment, then platformdirs."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return platformdirs.user_data_path(APP_NAME)


def builtin_exercises_dir() -> Path:
    """Where the built-in exercises are: inside the installed wheel, else the checkout."""
    packaged = Path(__file__).parent / "_exercises"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "exercises"


_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def profile_folder_name(profile: str) -> str:
    """A folder name for a profile name: lower case, safe characters only."""
    slug = _UNSAFE.sub("-", profile.strip().lower()).strip("-")
    return slug or "default"


def profiles_dir(root: Path) -> Path:
    return root / "profiles"


def profile_dir(root: Path, profile: str) -> Path:
    return profiles_dir(root) / profile_folder_name(profile)


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) as 0700 folders; set the mode explicitly, umask does not."""
    missing = []
    p = path
    while not p.exists():
        missing.append(p)
        p = p.parent
    for folder in reversed(missing):
        folder.mkdir(mode=DIR_MODE, exist_ok=True)
        os.chmod(folder, DIR_MODE)
    os.chmod(path, DIR_MODE)
    return path
