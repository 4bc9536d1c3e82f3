"""In-process plain mode: text streams in and out, the engine and an in-memory store."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest

from workbook.content.loader import load_file
from workbook.content.models import Exercise
from workbook.plain import run_plain
from workbook.store.memory import MemoryStore


def load_exercise(tmp_path: Path, text: str) -> Exercise:
    path = tmp_path / "exercise.yaml"
    path.write_text(text, encoding="utf-8")
    exercise, problems = load_file(path)
    assert exercise is not None, [str(p) for p in problems]
    return exercise


@dataclass
class Result:
    code: int
    out: str
    err: str
    store: MemoryStore


def drive(exercise: Exercise, lines: list[str], store: MemoryStore | None = None, **kwargs) -> Result:
    store = store if store is not None else MemoryStore("test")
    stdin = io.StringIO("".join(line + "\n" for line in lines))
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run_plain(exercise, store, stdin, stdout, errors=stderr, **kwargs)
    return Result(code, stdout.getvalue(), stderr.getvalue(), store)


@pytest.fixture
def make_exercise(tmp_path: Path):
    return lambda text: load_exercise(tmp_path, text)
