"""The built-in exercises ship inside the wheel and load from a plain (non-editable) install."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_carries_the_exercises_and_they_load_when_installed(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels)],
        check=True,
    )
    (wheel,) = wheels.glob("workbook-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {Path(n).name for n in names if n.startswith("workbook/_exercises/") and n.endswith(".yaml")}
    in_repo = {p.name for p in (ROOT / "exercises").rglob("*.yaml")}
    assert shipped == in_repo and shipped

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)], check=True
    )
    env = {**os.environ, "PYTHONPATH": str(target), "WORKBOOK_DATA_DIR": str(tmp_path / "data")}
    code = (
        "import workbook, sys; from workbook.content.catalog import load_catalog\n"
        f"assert workbook.__file__.startswith({str(target)!r}), workbook.__file__\n"
        "c = load_catalog(); print(len(c.exercises), len(c.problems))"
    )
    # Run from an empty folder so the checkout cannot be imported by accident.
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    count, problems = map(int, result.stdout.split())
    assert count == len(in_repo) and problems == 0
