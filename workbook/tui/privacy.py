"""Keeping Textual's own helpful features from putting private words where others can see them.

- A crash: Textual prints a traceback *with local variables* when the app closes, and
  locals hold answers, drafts and passphrases. The terminal's scrollback keeps it after
  the alternate screen is gone. We print one plain sentence instead.
- Environment switches that make Textual write what happens to files or to another
  program: TEXTUAL_LOG (a log file), TEXTUAL_SCREENSHOT (saves the screen after a delay),
  TEXTUAL=devtools/debug (sends logs to a console), TEXTUAL_SHOW_RETURN. They are
  cleared before Textual is first imported (commands/tui.py and commands/group.py).
- The screenshot command and key are removed in app.py.
"""

from __future__ import annotations

import os
from typing import Any

CRASH_SENTENCE = (
    "The workbook ran into a problem it did not expect and had to close. "
    "Everything that was already saved is safe; please open it again."
)

LEAKY_ENVIRONMENT = (
    "TEXTUAL", "TEXTUAL_LOG", "TEXTUAL_SCREENSHOT", "TEXTUAL_SCREENSHOT_LOCATION",
    "TEXTUAL_SCREENSHOT_FILENAME", "TEXTUAL_SHOW_RETURN", "TEXTUAL_DEBUG", "TEXTUAL_PRESS",
    "TEXTUAL_DEVTOOLS_HOST", "TEXTUAL_DEVTOOLS_PORT",
)


def quiet_textual_environment() -> None:
    """Must run before `textual` is imported: it reads these once, at import."""
    for name in LEAKY_ENVIRONMENT:
        os.environ.pop(name, None)


def handle_crash(app: Any, error: Exception) -> None:
    """Stand-in for App._handle_exception: close the app, keep the error for tests, say one sentence.

    Nothing of the error itself is printed: its message or its frames could quote what
    someone wrote.
    """
    from rich.text import Text

    app._return_code = 1
    if app._exception is None:
        app._exception = error  # run_test() re-raises it, so tests still see real failures
        app._exception_event.set()
    app._exit_renderables.clear()
    app._exit_renderables.append(Text(CRASH_SENTENCE))
    app._close_messages_no_wait()
