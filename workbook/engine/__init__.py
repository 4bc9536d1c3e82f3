"""Runs one exercise: step order, `when` skips, answers, scoring and safety signals.

No Textual and no TinyDB here: the TUI, plain mode and tests all drive the same `Run`.
"""

from workbook.engine.answers import AnswerError, validate_answer
from workbook.engine.run import Outcome, Run
from workbook.engine.scoring import Score, score_answers

__all__ = ["AnswerError", "Outcome", "Run", "Score", "score_answers", "validate_answer"]
