"""A check-in total's trend: how it compares with the earlier totals of the same check-in.

Shown under the score on the completion screen. The earlier totals come from the month
summaries (insights/summaries.py), read in a worker; until then, and when there is no
score, the widget shows nothing.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.widgets import Static
from textual.worker import get_current_worker

from workbook.tui.text import literal


class ScoreTrend(Static):
    DEFAULT_CSS = """
    ScoreTrend { border-left: thick $primary; padding: 0 1; height: auto; }
    """

    def __init__(self, entry: dict[str, Any], **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self.entry = entry

    def on_mount(self) -> None:
        self.display = False
        if isinstance(self.entry.get("score"), dict) and self.entry.get("exercise_id"):
            self._work_out(getattr(self.app, "store", None))

    @work(thread=True, exclusive=True, group="score-trend", exit_on_error=False)
    def _work_out(self, store: Any) -> None:
        if store is None:
            return
        from workbook.insights.summaries import trend_sentence

        sentence = trend_sentence(store, str(self.entry["exercise_id"]), self.entry.get("id"))
        if sentence and not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, sentence)

    def _show(self, sentence: str) -> None:
        self.update(literal(sentence))
        self.display = True
