"""Widgets for the Textual front-end: one input per step type."""

from workbook.tui.widgets.base import StepInput
from workbook.tui.widgets.step_inputs import input_for

__all__ = ["StepInput", "input_for"]
