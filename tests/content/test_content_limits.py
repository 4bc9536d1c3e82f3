"""Files built to hurt: they are refused fast, with one clear line, and nothing big is built."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from workbook.content import source
from workbook.content.loader import MAX_FILE_BYTES, Problem, read_exercise

HEAD = """\
id: sample
title: Sample
category: grounding
summary: A sample exercise.
minutes: 5
steps:
"""


@pytest.fixture(autouse=True, params=source.LOADERS, ids=lambda cls: cls.__name__)
def yaml_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    """Every case runs with libyaml's parser and with PyYAML's own (used where libyaml is missing)."""
    monkeypatch.setattr(source, "_Loader", request.param)
    return request.param


def timed_problem(tmp_path: Path, data: str | bytes) -> tuple[Problem, float]:
    path = tmp_path / "hostile.yaml"
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    started = time.perf_counter()
    loaded = read_exercise(path)
    elapsed = time.perf_counter() - started
    assert loaded.exercise is None
    assert len(loaded.problems) == 1, [str(p) for p in loaded.problems]
    assert "\n" not in str(loaded.problems[0])
    return loaded.problems[0], elapsed


def test_a_file_over_1_mb_is_refused_without_parsing(tmp_path: Path) -> None:
    filler = "# " + "x" * 98 + "\n"
    text = HEAD + "  - {id: a, type: text, prompt: Hi}\n" + filler * (MAX_FILE_BYTES // len(filler) + 1)
    problem, elapsed = timed_problem(tmp_path, text)
    assert (problem.line, problem.field) == (1, None)
    assert "larger than 1 MB" in problem.message


def test_a_file_just_under_the_limit_is_read(tmp_path: Path) -> None:
    # A long help text is fine up to its own limit; the file limit is about the whole file.
    filler = "# " + "x" * 98 + "\n"
    text = HEAD + "  - {id: a, type: text, prompt: Hi}\n" + filler * 9_000
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    assert len(text) < MAX_FILE_BYTES
    assert read_exercise(path).problems == []


def billion_laughs(levels: int = 9) -> str:
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*lol{level - 1}"] * 9)
        lines.append(f"lol{level}: &lol{level} [{refs}]")
    return "\n".join(lines) + "\n"


def test_a_billion_laughs_bomb_is_refused_fast(tmp_path: Path) -> None:
    problem, elapsed = timed_problem(tmp_path, billion_laughs())
    # Counting as if expanded: lol0..lol3 hold about 8,300 values, each *lol3 about 7,400
    # more, so the second *lol3 in lol4 (line 5) crosses 20,000 and the walk stops there.
    assert (problem.line, problem.field) == (5, "lol4[1]")
    assert "expands to more than 20,000 values" in problem.message


def test_a_bomb_hidden_in_a_step_is_refused_fast(tmp_path: Path) -> None:
    text = billion_laughs().replace("lol", "x-lol") + HEAD + "  - {id: a, type: checklist, prompt: Hi, items: *x-lol9}\n"
    problem, elapsed = timed_problem(tmp_path, text)
    assert "expands to more than 20,000 values" in problem.message


def test_a_merge_key_bomb_is_refused_fast(tmp_path: Path) -> None:
    lines = ["m0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8}"]
    for level in range(1, 12):
        lines.append(f"m{level}: &m{level} {{<<: [*m{level - 1}, *m{level - 1}], k{level}: 1}}")
    problem, elapsed = timed_problem(tmp_path, "\n".join(lines) + "\n")
    assert "more than 20,000 values" in problem.message


def test_a_self_referring_alias_is_refused(tmp_path: Path) -> None:
    problem, elapsed = timed_problem(tmp_path, "loop: &loop [*loop]\n")
    assert (problem.line, problem.field) == (1, "loop[0]")
    assert "nested more than 40 levels" in problem.message


def test_deep_flow_nesting_is_refused_fast(tmp_path: Path) -> None:
    depth = 400_000
    problem, elapsed = timed_problem(tmp_path, "id: x\nsteps: " + "[" * depth + "]" * depth + "\n")
    assert (problem.line, problem.field) == (2, None)
    assert "nested more than 40 levels deep" in problem.message


def test_deep_block_nesting_is_refused(tmp_path: Path) -> None:
    lines = ["id: x"] + [" " * level + f"k{level}:" for level in range(60)] + [" " * 60 + "end"]
    problem, elapsed = timed_problem(tmp_path, "\n".join(lines) + "\n")
    assert (problem.line, problem.field) == (41, None)  # the 41st level starts on line 41
    assert "nested more than 40 levels deep" in problem.message


def test_forty_levels_are_still_fine_for_yaml(tmp_path: Path) -> None:
    # Depth 39 below the top: YAML reads it; the schema then says what is wrong.
    problem, _ = timed_problem(tmp_path, "id: x\nsteps: " + "[" * 38 + "]" * 38 + "\n")
    assert "nested" not in problem.message


def test_too_many_plain_values_are_refused_while_reading(tmp_path: Path, yaml_loader: type) -> None:
    items = "".join(f"      - item {n}\n" for n in range(30_000))
    text = HEAD + "  - id: a\n    type: checklist\n    prompt: Hi\n    items:\n" + items
    problem, elapsed = timed_problem(tmp_path, text)
    assert "more than 20,000 values" in problem.message
    # 22 values (keys count too) come before the first item on line 11, so value 20,001
    # is item 19,978, on line 19,989: counting stops right there.
    assert (problem.line, problem.field) == (19_989, None)
    # PyYAML's own parser reads 20,000 values in about a second; libyaml much faster.
