"""Prove it: broken and hostile settings files (tests/content/hostile/config).

Each gives exactly the problems it expects, one `path:line: field: message` line each,
within a second, never raises; whatever it could not use is left at the safe default
and the settings it got right still count.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from workbook.config import DEFAULTS, MAX_CONFIG_BYTES, Settings, _Found, load_settings, merge, read_settings_file
from workbook.content.problem import one_line

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).parent / "content" / "hostile" / "config"
EXPECT = re.compile(r"^# expect: (?P<line>\d+) (?P<field>\S+): (?P<words>.*)$")
SETTING = re.compile(r"^# settings: (?P<name>\w+) = (?P<value>.*)$")

Expected = tuple[tuple[int, str, str], ...]


@dataclass(frozen=True)
class Case:
    name: str
    expect: Expected
    settings: dict  # what the file still sets, in the shape of `view()`
    data: bytes | None = None  # generated: written under tmp_path, not committed


def view(settings: Settings) -> dict:
    """The settings as plain values, easy to compare and to write in a `# settings:` line."""
    return {
        "site_name": settings.site_name,
        "exercise_folders": [p.name for p in settings.exercise_folders],
        "categories": list(settings.categories) if settings.categories is not None else None,
        "crisis_contacts": [c.name for c in settings.crisis_contacts],
        "lock_after_minutes": settings.lock_after_minutes,
        "passphrase_required": settings.passphrase_required,
        "guest_allowed": settings.guest_allowed,
        "theme": settings.theme,
    }


def _committed() -> list[Case]:
    cases = []
    for path in sorted(CORPUS.glob("*.yaml")):
        expect, settings = [], {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := EXPECT.match(line):
                expect.append((int(match["line"]), match["field"], match["words"]))
            elif match := SETTING.match(line):
                settings[match["name"]] = ast.literal_eval(match["value"])
        cases.append(Case(path.name, tuple(expect), settings))
    return cases


def _billion_laughs() -> str:
    lines = ['lol0: &lol0 "lol"'] + [f"lol{n}: &lol{n} [{', '.join([f'*lol{n - 1}'] * 10)}]" for n in range(1, 10)]
    return "\n".join(lines) + "\nlock_after_minutes: 5\n"


def _generated() -> list[Case]:
    """Files an editor or git would "fix", or too big to keep in the repository."""
    lock = "lock_after_minutes: ten\n"
    whole_number = "should be a whole number, not the text 'ten'; the usual setting (10) is used instead"
    return [
        Case("empty.yaml", (), {}, b""),
        Case("only-a-bom.yaml", (), {}, b"\xef\xbb\xbf"),
        Case("bom-then-a-bad-setting.yaml", ((2, "lock_after_minutes", whole_number),), {"theme": "calm"},
             b"\xef\xbb\xbftheme: calm\n" + lock.encode()),
        Case("utf-16.yaml", ((1, "-", "this is not UTF-8 text"),), {}, "theme: calm\n".encode("utf-16")),
        Case("latin-1.yaml", ((2, "-", "this is not UTF-8 text"),), {},
             b"theme: calm\nsite_name: Caf\xe9 group\n"),
        Case("nul-byte.yaml", ((2, "-", "a control character (U+0000)"),), {}, b"theme: calm\nsite_name: a\x00b\n"),
        Case("terminal-escape.yaml", ((1, "-", "a control character (U+001B)"),), {}, b"site_name: \x1b[2Jgone\n"),
        Case("line-separator-before-error.yaml", ((2, "lock_after_minutes", whole_number),), {"site_name": "a\u2028b"},
             ('site_name: "a\u2028b"\n' + lock).encode()),
        Case("windows-line-endings.yaml", ((2, "lock_after_minutes", whole_number),), {"theme": "calm"},
             b"theme: calm\r\n" + lock.encode().replace(b"\n", b"\r\n")),
        Case("old-mac-line-endings.yaml", ((2, "lock_after_minutes", whole_number),), {"theme": "calm"},
             b"theme: calm\r" + lock.encode().replace(b"\n", b"\r")),
        Case("billion-laughs.yaml", ((6, "lol5[0]", "this expands to more than 20,000 values"),), {},
             _billion_laughs().encode()),
        Case("over-256-kb.yaml", ((1, "-", "this file is far too large for settings; the usual settings are used"),),
             {}, b"theme: calm\n" + b"# padding\n" * (MAX_CONFIG_BYTES // 10 + 1)),
        Case("number-of-200000-digits.yaml", ((1, "lock_after_minutes", "this number has 200,000 digits"),), {},
             b"lock_after_minutes: " + b"9" * 200_000 + b"\n"),
        Case("setting-name-of-100000-characters.yaml",
             ((2, "s" * 57 + "…", "is not a setting the workbook knows"),), {"theme": "calm"},
             b"theme: calm\n? " + b"s" * 100_000 + b"\n: 1\n"),
        Case("category-of-100000-characters.yaml",
             ((1, "categories[0]", "'" + "c" * 37 + "…' is not a category"),), {"categories": []},
             b"categories: [" + b"c" * 100_000 + b"]\n"),
    ]


CASES = _committed() + _generated()


def test_the_corpus_is_big_enough() -> None:
    assert len(CASES) >= 20 and len({c.name for c in CASES}) == len(CASES)
    assert sum(1 for c in CASES if c.expect) >= 20


@pytest.fixture
def config_file(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    case: Case = request.param
    if case.data is None:
        return CORPUS / case.name
    path = tmp_path / case.name
    path.write_bytes(case.data)
    return path


@pytest.mark.parametrize("config_file, case", [(c, c) for c in CASES], ids=[c.name for c in CASES],
                         indirect=["config_file"])
def test_each_file_gives_its_problems_and_safe_defaults(config_file: Path, case: Case) -> None:
    started = time.perf_counter()
    found = read_settings_file(config_file)
    elapsed = time.perf_counter() - started

    shown = [str(p) for p in found.problems]
    assert len(shown) == len(case.expect), shown
    for problem, text, (line, field, words) in zip(found.problems, shown, case.expect):
        assert len(text.splitlines()) == 1 and "\n" not in text, text
        assert problem.line is not None and problem.line >= 1, text
        assert text.startswith(f"{one_line(str(config_file))}:{line}: {field}: "), text
        assert words in text, text
    settings = merge(_Found(config_file.parent / "no-site-file.yaml"), found)
    assert view(settings) == {**view(DEFAULTS), **case.settings}
    assert settings.problems == tuple(found.problems)
    assert elapsed < 10.0, f"{case.name} took {elapsed:.2f} s"  # a hang guard only (a busy machine is slow)


def test_a_broken_site_file_leaves_the_user_file_in_charge_of_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, user = tmp_path / "etc-xdg" / "workbook", tmp_path / "home-config" / "workbook"
    site.mkdir(parents=True)
    user.mkdir(parents=True)
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(site.parent))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(user.parent))
    (site / "config.yaml").write_text(_billion_laughs(), encoding="utf-8")
    (user / "config.yaml").write_text("theme: calm\nlock_after_minutes: [5]\n", encoding="utf-8")

    settings = load_settings()

    assert view(settings) == {**view(DEFAULTS), "theme": "calm"}
    assert [(p.path, p.line) for p in settings.problems] == [(site / "config.yaml", 6), (user / "config.yaml", 2)]


def test_workbook_list_says_what_was_wrong_with_the_settings_and_still_lists(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_bytes(b"lock_after_minutes: ten\nsite_name: \"two\\nlines\"\ncategories: [\x1b]\n")
    env = {
        **os.environ,
        "WORKBOOK_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_DIRS": str(tmp_path / "no-site-config"),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        "PYTHONUTF8": "1",
    }
    result = subprocess.run([sys.executable, "-m", "workbook", "--config", str(config), "list"],
                            capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=60)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "box-breathing\t" in result.stdout
    assert result.stderr.splitlines() == [f"{config}:3: -: this file contains a control character (U+001B) that "
                                          "YAML does not allow; remove it; the usual settings are used"]
