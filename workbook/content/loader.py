"""One YAML file -> one validated Exercise, or problems that name file, line and field."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import msgspec
import yaml

from workbook.content.models import Exercise


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line or 1}: {self.field or '-'}: {self.message}"


_AT = re.compile(r" - at `\$(?P<path>[^`]*)`$")


def load_file(path: Path) -> tuple[Exercise | None, list[Problem]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        return None, [Problem(path, None, None, str(error).splitlines()[0])]
    try:
        return msgspec.convert(_normalise(data), Exercise), []
    except msgspec.ValidationError as error:
        text = str(error)
        match = _AT.search(text)
        field = match.group("path").lstrip(".") if match else None
        return None, [Problem(path, None, field, _AT.sub("", text))]


def _normalise(data):
    """Let authors write options and list items as bare strings."""
    if isinstance(data, dict):
        for step in data.get("steps") or []:
            if isinstance(step, dict) and isinstance(step.get("options"), list):
                step["options"] = [{"label": o} if isinstance(o, str) else o for o in step["options"]]
    return data
