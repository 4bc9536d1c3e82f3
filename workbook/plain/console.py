"""Reading and writing lines for plain mode, and the few words that act as commands.

A line that is exactly `back`, `quit` (or `q`), `skip`, `help` or `crisis` (any case,
spaces around it ignored) is a command when it is the first line of an answer; later
lines of a multi-line text or a list are always kept as written.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
import time
from typing import Callable, TextIO


class Back(Exception):
    """The person asked for the previous step."""


class Quit(Exception):
    """The person asked to stop for now."""


COMMANDS_HELP = (
    "At any prompt you can type: back (the previous step), skip (leave this one empty), "
    "quit or q (stop for now, your answers are kept), crisis (people you can reach right now)."
)


class Console:
    """Line input and output over any pair of text streams.

    `paced` says whether timers really wait: true when the input is a terminal, so a
    script piping answers in never sleeps. `partial` holds what has been typed so far
    of an answer that spans lines, so stopping half-way keeps it.
    """

    def __init__(
        self,
        input: TextIO | None = None,
        output: TextIO | None = None,
        *,
        paced: bool | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.input = input if input is not None else sys.stdin
        self.output = output if output is not None else sys.stdout
        self.paced = _is_terminal(self.input) if paced is None else paced
        self.sleep = sleep
        self.partial: object = None
        # Typed answers echo on a terminal; from a pipe they do not, so end the prompt line ourselves.
        self._end_prompt_line = not _is_terminal(self.input)
        self.on_crisis: Callable[[], None] = lambda: None
        # On a terminal, long lines break between words; a pipe gets them whole.
        self._wrap_width = shutil.get_terminal_size().columns - 1 if _is_terminal(self.output) else 0
        # The built-in input() gives line editing on a real terminal (arrow keys, history).
        self._use_builtin_input = (
            self.input is sys.stdin and self.output is sys.stdout and _is_terminal(sys.stdin)
        )
        if self._use_builtin_input:
            try:
                import readline  # noqa: F401  (enables editing in input())
            except ImportError:
                pass

    def say(self, text: str = "") -> None:
        if self._wrap_width:
            text = "\n".join(_wrap(line, self._wrap_width) for line in text.split("\n"))
        self.output.write(text + "\n")
        self.output.flush()

    def say_lines(self, lines: list[str]) -> None:
        for line in lines:
            self.say(line)

    def line(self, prompt: str = "> ") -> str:
        """One line without its line ending; EOFError when the input has ended."""
        if self._use_builtin_input:
            return input(prompt)
        self.output.write(prompt)
        self.output.flush()
        raw = self.input.readline()
        if self._end_prompt_line:
            self.output.write("\n")
        if raw == "":
            raise EOFError
        if raw.endswith("\n"):
            raw = raw[:-1]
            if raw.endswith("\r"):
                raw = raw[:-1]
        return raw

    def first_line(self, prompt: str = "> ") -> str | None:
        """The first line of an answer, after acting on any command; None means skip."""
        while True:
            text = self.line(prompt)
            word = text.strip().casefold()
            if word == "back":
                raise Back
            if word in ("quit", "q"):
                raise Quit
            if word == "skip":
                return None
            if word == "help":
                self.say(COMMANDS_HELP)
                continue
            if word == "crisis":
                self.on_crisis()
                continue
            return text

    def wait(self, seconds: float) -> None:
        if self.paced and seconds > 0:
            self.sleep(seconds)


def _wrap(line: str, width: int) -> str:
    if len(line) <= width or width < 20:
        return line
    indent = line[: len(line) - len(line.lstrip())]
    return textwrap.fill(
        line.strip(), width, initial_indent=indent, subsequent_indent=indent + ("    " if indent else ""),
        break_long_words=True, break_on_hyphens=False,
    )


def _is_terminal(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False
