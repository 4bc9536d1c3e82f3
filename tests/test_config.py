"""Site and user settings: what a facilitator writes, what the workbook makes of it, and
what happens when the file is wrong (safe defaults, one `path:line: field: message` each)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.config import (
    DEFAULT_LOCK_MINUTES,
    DEFAULTS,
    load_settings,
    merge,
    parse_settings,
    read_settings_file,
    site_config_file,
    user_config_file,
)

GOOD = """\
site_name: Riverside group room
exercise_folders: [extra, /srv/more]
categories: [journaling, goals]
crisis_contacts:
  - name: Riverside duty worker
    how: Call 555 0100
    note: Weekdays, 9 to 5
    last_checked: 2026-11-20
lock_after_minutes: 5
passphrase_required: true
guest_allowed: false
theme: nord
"""


@pytest.fixture
def config_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """platformdirs' site and user config folders, under tmp_path (Linux reads XDG_*)."""
    site, user = tmp_path / "etc-xdg", tmp_path / "home-config"
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(site))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(user))
    return site / "workbook", user / "workbook"


def write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_files_means_the_defaults(config_dirs) -> None:
    settings = load_settings()
    assert settings == DEFAULTS
    assert settings.lock_after_minutes == DEFAULT_LOCK_MINUTES and settings.guest_allowed
    assert not settings.passphrase_required and settings.categories is None and not settings.problems


def test_every_setting_is_read(config_dirs) -> None:
    site, _ = config_dirs
    path = write(site, GOOD)
    assert site_config_file() == path
    settings = load_settings()
    assert settings.site_name == "Riverside group room"
    assert settings.exercise_folders == (site / "extra", Path("/srv/more"))  # relative to the file
    assert settings.categories == ("journaling", "goals")
    assert [(c.name, c.how, c.note, c.last_checked) for c in settings.crisis_contacts] == [
        ("Riverside duty worker", "Call 555 0100", "Weekdays, 9 to 5", "2026-11-20")
    ]
    assert settings.lock_after_minutes == 5
    assert settings.passphrase_required and not settings.guest_allowed
    assert settings.theme == "nord" and settings.files == (path,) and not settings.problems
    assert settings.shows_builtin("goals") and not settings.shows_builtin("reflection")
    assert settings.shows_builtin("grounding") and settings.shows_builtin("safety"), "always shown"


def test_a_broken_setting_falls_back_and_says_where(tmp_path: Path) -> None:
    text = (
        "site_name: Riverside\n"
        "lock_after_minutes: ten\n"
        "guest_allowed: perhaps\n"
        "lock_timeout: 3\n"
        "categories: [journaling, nonsense]\n"
        "crisis_contacts:\n"
        "  - {name: Duty worker, how: Call 555}\n"
        "  - {name: No number}\n"
        "  - {name: Odd date, how: x, last_checked: 2026-13-45}\n"
    )
    found = parse_settings(text.encode(), tmp_path / "config.yaml")
    lines = [str(p) for p in found.problems]
    where = [line.split(": ", 2)[:2] for line in lines]
    assert where == [
        [f"{tmp_path / 'config.yaml'}:2", "lock_after_minutes"],
        [f"{tmp_path / 'config.yaml'}:3", "guest_allowed"],
        [f"{tmp_path / 'config.yaml'}:4", "lock_timeout"],
        [f"{tmp_path / 'config.yaml'}:5", "categories[1]"],
        [f"{tmp_path / 'config.yaml'}:8", "crisis_contacts[1]"],
        [f"{tmp_path / 'config.yaml'}:9", "crisis_contacts[2].last_checked"],
    ]
    assert "not the text 'ten'" in lines[0] and "(10) is used instead" in lines[0]
    assert "(true) is used instead" in lines[1]
    assert "not a setting the workbook knows" in lines[2]
    settings = merge(found, read_settings_file(tmp_path / "missing.yaml"))
    assert settings.site_name == "Riverside", "good settings in a broken file are kept"
    assert settings.lock_after_minutes == DEFAULT_LOCK_MINUTES and settings.guest_allowed
    assert settings.categories == ("journaling",)
    assert [c.name for c in settings.crisis_contacts] == ["Duty worker"], "one bad contact leaves the others"


@pytest.mark.parametrize(
    "text, words",
    [
        ("lock_after_minutes: [5\n", "the YAML cannot be read"),
        ("- just\n- a list\n", "`name: value` lines at the top level"),
        ("a: 1\n---\nb: 2\n", "a second YAML document"),
        (b"site_name: caf\xe9\n", "not UTF-8"),
        ("theme: x\ntheme: y\n", "given twice"),
    ],
)
def test_an_unreadable_file_means_the_defaults_and_one_line(tmp_path: Path, text, words: str) -> None:
    data = text if isinstance(text, bytes) else text.encode()
    found = parse_settings(data, tmp_path / "config.yaml")
    assert len(found.problems) == 1 and words in str(found.problems[0])
    assert str(found.problems[0]).startswith(f"{tmp_path / 'config.yaml'}:")
    assert "usual settings are used" in str(found.problems[0])
    assert merge(found, read_settings_file(tmp_path / "none")).lock_after_minutes == DEFAULT_LOCK_MINUTES


def test_empty_and_comment_only_files_are_fine(tmp_path: Path) -> None:
    for text in ("", "# nothing set yet\n", "theme:\n"):
        found = parse_settings(text.encode(), tmp_path / "c.yaml")
        assert not found.problems and not found.given


def test_the_user_file_adds_but_never_loosens_the_site(config_dirs) -> None:
    site, user = config_dirs
    write(site, "lock_after_minutes: 15\npassphrase_required: true\nguest_allowed: true\n"
                "crisis_contacts: [{name: Site line, how: Call 1}]\nexercise_folders: [site-ex]\ntheme: nord\n")
    write(user, "lock_after_minutes: 0\npassphrase_required: false\nguest_allowed: false\n"
                "crisis_contacts: [{name: My sister, how: Text 2}, {name: site line, how: dup}]\n"
                "exercise_folders: [mine]\ntheme: gruvbox\nsite_name: Home\n")
    assert user_config_file() == user / "config.yaml"
    settings = load_settings()
    assert settings.lock_after_minutes == 15, "0 (never) does not undo the site's lock time"
    assert settings.passphrase_required and not settings.guest_allowed
    assert [c.name for c in settings.crisis_contacts] == ["Site line", "My sister"]
    assert settings.exercise_folders == (site / "site-ex", user / "mine")
    assert settings.theme == "gruvbox" and settings.site_name == "Home"


def test_shorter_lock_time_wins_and_config_option_replaces_the_user_file(config_dirs, tmp_path: Path) -> None:
    site, user = config_dirs
    write(site, "lock_after_minutes: 15\n")
    write(user, "lock_after_minutes: 3\n")
    assert load_settings().lock_after_minutes == 3
    other = tmp_path / "elsewhere.yaml"
    other.write_text("lock_after_minutes: 7\nsite_name: Test run\n")
    settings = load_settings(other)
    assert settings.lock_after_minutes == 7 and settings.site_name == "Test run"
    missing = load_settings(tmp_path / "nope.yaml")
    assert len(missing.problems) == 1 and "no settings file here" in str(missing.problems[0])
    assert missing.lock_after_minutes == 15, "the site still applies"


# -- the settings at work, through the command line -------------------------------------------------
def test_list_shows_what_the_site_chose_and_reports_its_mistakes(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    site = tmp_path / "site" / "workbook"
    extra = site / "group-exercises"
    extra.mkdir(parents=True)
    (extra / "room.yaml").write_text(
        "id: room-check\ntitle: Room check\ncategory: reflection\nsummary: A short check.\nminutes: 1\n"
        "steps:\n  - {id: one, type: text, prompt: How is the room?}\n"
    )
    (site / "config.yaml").write_text(
        "categories: [journaling]\nexercise_folders: [group-exercises]\nlock_after_minutes: soon\n"
    )
    env = {**os.environ, "PYTHONPATH": str(root), "XDG_CONFIG_DIRS": str(tmp_path / "site"),
           "XDG_CONFIG_HOME": str(tmp_path / "user"), "WORKBOOK_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-m", "workbook", "list"], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    categories = {line.split("\t")[1] for line in result.stdout.splitlines()}
    ids = {line.split("\t")[0] for line in result.stdout.splitlines()}
    assert "room-check" in ids, "a site folder's exercises always show"
    assert "trigger-journal" in ids and "five-senses" in ids, "journaling, and grounding always"
    assert "weekly-reflection" not in ids and "goals" not in categories
    assert result.stderr.strip() == (
        f"{site / 'config.yaml'}:3: lock_after_minutes: should be a whole number, not the text 'soon'; "
        "the usual setting (10) is used instead"
    )
