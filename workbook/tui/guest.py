"""The guest-mode banner: one line at the top of every screen, so nobody forgets.

Placed by the app on each full screen as it appears (dialogs sit over a screen that
already has one). The lock screen stays neutral and gets none. It lives outside
widgets/ so a guest start does not import every step widget with it.
"""

from __future__ import annotations

from typing import Any

from textual.screen import ModalScreen, Screen
from textual.widgets import Static

GUEST_WORDS = "Guest mode: nothing is saved. It is all gone when you close the workbook."


class GuestBanner(Static):
    DEFAULT_CSS = """
    GuestBanner {
        dock: top;
        height: 1;
        width: 100%;
        padding: 0 1;
        background: $warning-muted;
        color: $text;
        text-style: bold;
    }
    """

    def __init__(self) -> None:
        super().__init__(GUEST_WORDS, classes="guest-banner")


def place_banner(screen: Screen[Any]) -> None:
    if isinstance(screen, ModalScreen) or getattr(screen, "NEUTRAL", False):
        return
    if not screen.query(GuestBanner):
        screen.mount(GuestBanner())


def show_guest_banner(app: Any) -> None:
    """Banner on the screen showing now and on every full screen that comes after it."""
    place_banner(app.screen)
    app.screen_change_signal.subscribe(app, place_banner)
