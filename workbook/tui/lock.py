"""Locking the workbook: after some idle minutes, or at once with the quick-hide key.

Idle time is measured by the wall clock as well as the monotonic one, and whichever says
longer wins: a laptop that slept for an hour has a monotonic clock that barely moved,
and a wall clock set back by a time sync must not keep the workbook open. The check runs
every few seconds, and again on the first key or click after a pause, so the first
key after a long absence never reaches a journal entry: it locks instead.

While locked only crisis help, quitting and hiding work (`allows`); nothing can open an
exercise, the history or the palette over the lock screen. Unlocking pops the lock
screen, so whatever was underneath (an answer half typed, a dialog) is exactly as it was.
Running timers and pacers are paused first, so a breathing exercise waits too.

Only Textual's App is touched here, and the lock screen is imported when first needed.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Any, Callable

from workbook.config import DEFAULT_LOCK_MINUTES

if TYPE_CHECKING:
    from textual.app import App

# What still works on the lock screen: crisis help is one key away everywhere (and Escape
# closes it again); Tab moves between the lock screen's own fields.
ALLOWED_WHILE_LOCKED = frozenset(
    {"crisis", "quit", "help_quit", "hide", "focus_next", "focus_previous", "pop_screen"}
)


class IdleClock:
    """How long nobody has touched the keyboard or mouse. `minutes` 0: never idle."""

    def __init__(
        self,
        minutes: float = DEFAULT_LOCK_MINUTES,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.minutes = minutes
        self.clock = clock
        self.monotonic = monotonic
        self.touch()

    def touch(self) -> None:
        self._wall = self.clock()
        self._mono = self.monotonic()

    def idle_seconds(self) -> float:
        return max(self.clock() - self._wall, self.monotonic() - self._mono)

    def expired(self) -> bool:
        return self.minutes > 0 and self.idle_seconds() >= self.minutes * 60


class LockGuard:
    CHECK_SECONDS = 2.0

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.idle = IdleClock()
        self.locked = False
        self.switch_requested = False  # "someone else" on the lock screen: back to the picker
        self.passphrase_required = False  # the site's rule: the passphrase can be changed, not removed

    def start(self) -> None:
        self.idle.touch()
        self.app.set_interval(self.CHECK_SECONDS, self.check, name="idle lock")

    def check(self) -> None:
        if not self.locked and self.idle.expired():
            self.lock()

    def swallow(self, event: Any) -> bool:
        """Called with every key and mouse event first. True: the event was used to lock."""
        if getattr(event, "is_forwarded", False):
            return False
        if not self.locked and self.idle.expired():
            self.lock()
            return True
        self.idle.touch()
        return False

    def allows(self, action: str) -> bool:
        return not self.locked or action in ALLOWED_WHILE_LOCKED

    def lock(self) -> None:
        """Show the neutral lock screen now, over whatever is open."""
        if self.locked:
            face = getattr(self.app.screen, "action_face", None)
            if face is not None:  # the key again on the lock screen: back to the plain face
                face()
            return
        self.locked = True
        self._pause_timers()
        self.app.clear_notifications()  # a toast could name what was open
        from workbook.tui.screens.lock import LockScreen

        self.app.push_screen(LockScreen(), self._unlocked)

    def _unlocked(self, _: Any = None) -> None:
        self.locked = False
        self.idle.touch()

    def _pause_timers(self) -> None:
        timed = sys.modules.get("workbook.tui.widgets.timed")
        if timed is None:
            return
        for screen in self.app.screen_stack:
            for widget in screen.query(timed.TimedInput):
                if getattr(widget, "running", False):
                    try:
                        widget.pause()
                    except Exception:  # a timer that cannot pause must not stop the lock
                        pass
