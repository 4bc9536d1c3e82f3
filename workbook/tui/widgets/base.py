"""What every step input shares: a `value` to read, a preset to resume, a way to go on."""

from __future__ import annotations

from typing import Any

from textual.message import Message
from textual.widget import Widget

from workbook.content.models import Step


class StepInput(Widget):
    """One step's input. The screen reads `value`; the widget never touches the run.

    `value` is in the shape the engine accepts (see engine.answers); a preset from a
    draft is given to the constructor, so resuming shows exactly what was there.
    """

    DEFAULT_CSS = """
    StepInput {
        height: auto;
        width: 1fr;
    }
    """

    class Submitted(Message):
        """The person asked to go on (Enter on the last field, or Skip on a timed step)."""

    class Ready(Message):
        """The answer is complete on its own (a timer ran out): the screen may offer Next."""

    def __init__(self, step: Step, value: Any = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.step = step
        self.preset = value

    @property
    def value(self) -> Any:
        raise NotImplementedError

    def focus_first(self) -> bool:
        """Put the cursor where typing starts; False when there is nothing to focus."""
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return True
        return False

    def submit(self) -> None:
        self.post_message(self.Submitted())
