"""The last line of defence, in process: whatever goes wrong becomes one sentence and a code."""

from __future__ import annotations

import errno

import pytest

from workbook.__main__ import main
from workbook.commands.failures import guarded
from workbook.errors import UsageError, WorkbookError


def fail_with(error: BaseException):
    def action() -> int:
        raise error

    return action


@pytest.mark.parametrize(
    "error, code, words",
    [
        (WorkbookError("The profile is resting."), 1, "The profile is resting."),
        (UsageError("Say which one."), 2, "Say which one."),
        (PermissionError(errno.EACCES, "Permission denied", "/some/file"), 1, "could not use /some/file: permission denied"),
        (OSError(errno.ENOSPC, "No space left on device"), 1, "no space left on device"),
        (ValueError("odd\nmulti-line\ndetail"), 1, "Something unexpected went wrong (ValueError: odd multi-line detail)"),
        (RuntimeError(), 1, "Something unexpected went wrong (RuntimeError)"),
    ],
)
def test_errors_become_one_sentence(capsys, error, code, words) -> None:
    assert guarded(fail_with(error)) == code
    captured = capsys.readouterr()
    assert captured.out == ""
    assert words in captured.err
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err


def test_ctrl_c_is_quiet(capsys) -> None:
    assert guarded(fail_with(KeyboardInterrupt())) == 130
    assert capsys.readouterr().err == ""


def test_help_and_version_return_zero_in_process(capsys) -> None:
    assert main(["--help"]) == 0
    assert main(["export", "--help"]) == 0
    assert main(["--version"]) == 0
    assert "workbook" in capsys.readouterr().out


def test_a_usage_mistake_returns_two_in_process(capsys) -> None:
    assert main(["list", "--nope"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--nope" in err
