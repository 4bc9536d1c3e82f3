"""`workbook validate PATH...`: problems as `path:line: field: message`, exit 1 if any."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import ALL_STEPS_YAML, Workbook

PROBLEM = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<field>\S+): (?P<message>.+)$")


def problems_in(stdout: str) -> list[re.Match]:
    return [m for m in map(PROBLEM.match, stdout.splitlines()) if m]


def test_a_good_file_passes(wb: Workbook) -> None:
    result = wb.run("validate", str(wb.exercises / "all-steps.yaml"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "1 file checked, no problems."


def test_broken_files_fail_with_path_and_line(wb: Workbook, tmp_path: Path) -> None:
    bad_type = tmp_path / "bad-type.yaml"
    bad_type.write_text(ALL_STEPS_YAML.replace("type: checklist", "type: tickbox"), encoding="utf-8")
    bad_yaml = tmp_path / "bad-yaml.yml"
    bad_yaml.write_text("id: x\ntitle: [oops\n", encoding="utf-8")
    missing = tmp_path / "missing-title.yaml"
    missing.write_text(ALL_STEPS_YAML.replace("title: Every kind of step\n", "").replace("all-steps", "no-title"),
                       encoding="utf-8")

    result = wb.run("validate", str(bad_type), str(bad_yaml), str(missing))

    assert result.returncode == 1
    found = problems_in(result.stdout)
    assert {Path(m["path"]) for m in found} == {bad_type, bad_yaml, missing}, result.stdout
    assert all(int(m["line"]) >= 1 for m in found)
    assert "3 files checked, 3 with problems." in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_folder_is_checked_all_the_way_down(wb: Workbook, tmp_path: Path) -> None:
    folder = tmp_path / "site-exercises"
    (folder / "deeper" / "deepest").mkdir(parents=True)
    (folder / "one.yaml").write_text(ALL_STEPS_YAML.replace("all-steps", "one"), encoding="utf-8")
    (folder / "deeper" / "two.yml").write_text(ALL_STEPS_YAML.replace("all-steps", "two"), encoding="utf-8")
    broken = folder / "deeper" / "deepest" / "three.yaml"
    broken.write_text(ALL_STEPS_YAML.replace("all-steps", "three").replace("minutes: 3", "minutes: lots"),
                      encoding="utf-8")
    (folder / "notes.txt").write_text("not an exercise", encoding="utf-8")

    result = wb.run("validate", str(folder))

    assert result.returncode == 1
    assert [Path(m["path"]) for m in problems_in(result.stdout)] == [broken]
    assert "3 files checked, 1 with problems." in result.stdout


def test_a_good_folder_passes(wb: Workbook) -> None:
    result = wb.run("validate", str(wb.exercises))
    assert result.returncode == 0, result.stdout
    assert "1 file checked, no problems." in result.stdout


def test_duplicate_ids_across_files_are_caught(wb: Workbook, tmp_path: Path) -> None:
    first = tmp_path / "a" / "first.yaml"
    second = tmp_path / "b" / "second.yaml"
    for path in (first, second):
        path.parent.mkdir()
        path.write_text(ALL_STEPS_YAML, encoding="utf-8")

    result = wb.run("validate", str(tmp_path / "a"), str(second))

    assert result.returncode == 1
    (problem,) = problems_in(result.stdout)
    assert Path(problem["path"]) == second
    assert problem["field"] == "id"
    assert "all-steps" in problem["message"] and str(first) in problem["message"]
    assert int(problem["line"]) == 1  # the `id:` line of the second file


def test_a_path_that_is_not_there_is_a_problem(wb: Workbook, tmp_path: Path) -> None:
    result = wb.run("validate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 1
    assert problems_in(result.stdout)


def test_an_empty_folder_is_a_problem(wb: Workbook, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = wb.run("validate", str(tmp_path / "empty"))
    assert result.returncode == 1
    assert "no .yaml or .yml files" in result.stdout


def test_validate_needs_a_path(wb: Workbook) -> None:
    result = wb.run("validate")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
