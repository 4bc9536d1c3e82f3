"""One problem found in an exercise file, printed as `path:line: field: message`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line or 1}: {self.field or '-'}: {self.message}"
