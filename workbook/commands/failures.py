"""Turns anything that goes wrong into one plain sentence on stderr and an exit code.

A person who may be in distress should never meet a traceback. Expected errors carry
their own sentence (WorkbookError); the operating system's get a plain rewording;
anything else, as a last resort, one sentence that says so.
"""

from __future__ import annotations

import os
import sys
from typing import Callable

from workbook.errors import WorkbookError

INTERRUPTED = 130  # the shell's convention for Ctrl+C


def one_line(text: object) -> str:
    return " ".join(str(text).split())


def describe_os_error(error: OSError) -> str:
    reason = error.strerror or one_line(error) or type(error).__name__
    reason = reason[:1].lower() + reason[1:]
    if error.filename is not None:
        return f"The workbook could not use {os.fsdecode(error.filename)}: {reason}."
    return f"The workbook ran into a problem with the system: {reason}."


def say_error(message: str) -> None:
    try:
        print(one_line(message), file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass  # stderr itself is gone; nothing more can be said


def _quiet_broken_stdout() -> None:
    # Whoever read our output stopped listening (`workbook export | head`). Point stdout
    # at /dev/null so Python's own flush at exit does not complain a second time.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def guarded(action: Callable[[], int]) -> int:
    try:
        return action()
    except KeyboardInterrupt:
        return INTERRUPTED
    except WorkbookError as error:
        say_error(str(error))
        return error.exit_code
    except BrokenPipeError:
        _quiet_broken_stdout()
        return 1
    except OSError as error:
        say_error(describe_os_error(error))
        return 1
    except MemoryError:
        say_error("The computer ran out of memory; nothing more was saved after your last step.")
        return 1
    except Exception as error:  # the last resort: still one sentence, never a traceback
        detail = one_line(error)
        say_error(
            f"Something unexpected went wrong ({type(error).__name__}{': ' + detail if detail else ''}); "
            "what was already saved is safe."
        )
        return 1
