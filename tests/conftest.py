"""Settings for the whole test run."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="session")
def _collector_on() -> None:
    # Importing the TUI holds the garbage collector until a workbook's first screen is up
    # (workbook/tui/startup.py). A test run imports it while collecting tests, and some
    # workers never start a workbook: they get the collector back here.
    from workbook.tui.startup import collect_from_now_on

    collect_from_now_on()
