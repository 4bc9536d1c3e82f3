"""Keeping time in plain mode: every cue is due at a moment measured from the start.

Waiting "until 45 seconds after the start" rather than "35 more seconds" means the
time spent printing (or a slow terminal) never adds up over a long timer. When the
console does not really sleep (a test's pretend sleep), time moves only by the waits,
so the schedule is the same either way. A console that is not paced (piped input)
never waits at all.
"""

from __future__ import annotations

import time

from workbook.plain.console import Console


class Schedule:
    def __init__(self, console: Console) -> None:
        self.console = console
        self._real = console.sleep is time.sleep
        self._pretend = 0.0
        self.start = self.now()

    def now(self) -> float:
        return time.monotonic() if self._real else self._pretend

    def wait_until(self, offset: float) -> None:
        """Wait until `offset` seconds after the start (at once if that has passed)."""
        if not self.console.paced:
            return
        delay = self.start + offset - self.now()
        if delay > 0:
            self.console.wait(delay)
            if not self._real:
                self._pretend += delay
