"""`workbook list`: one tab-separated line per exercise, in category order then title."""

from __future__ import annotations

import subprocess
import sys

from workbook.content.models import CATEGORIES

from .conftest import ROOT, Workbook


def exercise_yaml(exercise_id: str, category: str, title: str) -> str:
    return (
        f"id: {exercise_id}\ntitle: {title}\ncategory: {category}\nsummary: A small test exercise.\n"
        "minutes: 2\nsteps:\n  - id: note\n    type: text\n    prompt: Anything to add?\n"
    )


def test_lines_are_id_category_title_in_category_order_then_title(wb: Workbook) -> None:
    extra = wb.exercises / "more"
    extra.mkdir()
    (extra / "z.yaml").write_text(exercise_yaml("zebra-journal", "journaling", "Zebra notes"), encoding="utf-8")
    (extra / "a.yaml").write_text(exercise_yaml("apple-journal", "journaling", "apple notes"), encoding="utf-8")
    (extra / "g.yml").write_text(exercise_yaml("a-goal", "goals", "A goal"), encoding="utf-8")
    (extra / "s.yaml").write_text(exercise_yaml("safety-plan-test", "safety", "Safety plan"), encoding="utf-8")

    result = wb.run("list", "--exercises", str(wb.exercises))

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert all(len(row) == 3 for row in rows), result.stdout
    ids = [row[0] for row in rows]
    mine = [i for i in ids if i in {"zebra-journal", "apple-journal", "a-goal", "all-steps", "safety-plan-test"}]
    assert mine == ["apple-journal", "zebra-journal", "a-goal", "all-steps", "safety-plan-test"]
    assert ["all-steps", "check-in", "Every kind of step"] in rows
    # The whole list, built-ins included, keeps category order and then title order.
    keys = [(CATEGORIES.index(category), title.casefold()) for _, category, title in rows]
    assert keys == sorted(keys)


def test_options_work_before_and_after_the_command(wb: Workbook) -> None:
    before = wb.run("--exercises", str(wb.exercises), "list")
    after = wb.run("list", "--exercises", str(wb.exercises))
    assert before.returncode == after.returncode == 0
    assert before.stdout == after.stdout
    assert "all-steps\t" in before.stdout


def test_exercises_can_be_given_twice_on_both_sides(wb: Workbook, tmp_path) -> None:
    second = tmp_path / "second"
    second.mkdir()
    (second / "x.yaml").write_text(exercise_yaml("second-one", "reflection", "Second folder"), encoding="utf-8")
    result = wb.run("--exercises", str(wb.exercises), "list", "--exercises", str(second))
    assert result.returncode == 0, result.stderr
    assert "all-steps\t" in result.stdout and "second-one\t" in result.stdout


def test_a_broken_file_is_reported_and_the_rest_still_list(wb: Workbook) -> None:
    broken = wb.exercises / "broken.yaml"
    broken.write_text("id: broken\ntitle: Broken\ncategory: nowhere\nsummary: x\nminutes: 2\nsteps: []\n", encoding="utf-8")
    (wb.exercises / "garbled.yaml").write_text("id: [unclosed\n", encoding="utf-8")

    result = wb.run("list", "--exercises", str(wb.exercises))

    assert result.returncode == 0
    assert "all-steps\tcheck-in\tEvery kind of step" in result.stdout.splitlines()
    assert "broken" not in result.stdout
    problems = result.stderr.splitlines()
    assert any(line.startswith(f"{broken}:") and line.split(":")[1].isdigit() for line in problems), result.stderr
    assert any(line.startswith(f"{wb.exercises / 'garbled.yaml'}:") for line in problems), result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_exercise_folder_is_reported_and_the_rest_still_list(wb: Workbook, tmp_path) -> None:
    result = wb.run("list", "--exercises", str(tmp_path / "nowhere"), "--exercises", str(wb.exercises))
    assert result.returncode == 0
    assert "all-steps\t" in result.stdout
    assert str(tmp_path / "nowhere") in result.stderr


def test_list_does_not_import_textual(wb: Workbook) -> None:
    code = (
        "import sys\n"
        "from workbook.__main__ import main\n"
        "code = main(['list'])\n"
        "assert code == 0, code\n"
        "loaded = sorted(m for m in sys.modules\n"
        "                if m.split('.')[0] in ('textual', 'tinydb') or m.startswith('workbook.tui'))\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=wb.env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
