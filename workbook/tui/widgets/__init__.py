"""Widgets for the Textual front-end: one input per step type, and the pieces screens share.

The step inputs are loaded on first use, not with the package: the home screen needs only
the footer, and the inputs bring in Textual's heavier widgets (a start-up cost otherwise).
"""

from __future__ import annotations

from typing import Any

__all__ = ["StepInput", "input_for"]


def __getattr__(name: str) -> Any:
    if name == "StepInput":
        from workbook.tui.widgets.base import StepInput

        return StepInput
    if name == "input_for":
        from workbook.tui.widgets.step_inputs import input_for

        return input_for
    raise AttributeError(name)
