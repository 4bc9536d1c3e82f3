"""Goals you can measure: the goal model, schedules, check-ins, streaks and rates, days since.

Pure Python over the store's small interface: no Textual, no TinyDB. Both front-ends
(the TUI and plain mode) drive the same `GoalBook`.
"""

from workbook.goals.book import CATCH_UP_DAYS, CheckinRow, GoalBook, checkin_id
from workbook.goals.clock import Clock, ManualClock, SystemClock
from workbook.goals.follow import Followed, absorb, follow
from workbook.goals.measures import AnswerProblem, describe_target, format_value, is_met, parse_answer
from workbook.goals.model import GoalProblem, make_goal
from workbook.goals.progress import Marks, Progress, Rate, Streak
from workbook.goals.recovery import DaysSince, days_since, start_again
from workbook.goals.schedule import describe_schedule

__all__ = [
    "AnswerProblem", "CATCH_UP_DAYS", "CheckinRow", "Clock", "DaysSince", "Followed", "GoalBook", "GoalProblem",
    "ManualClock", "Marks", "Progress", "Rate", "Streak", "SystemClock", "absorb", "checkin_id", "days_since",
    "describe_schedule", "describe_target", "follow", "format_value", "is_met", "make_goal", "parse_answer",
    "start_again",
]
