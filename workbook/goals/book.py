"""Goals and check-ins, kept through the store's small interface (never TinyDB directly).

- store.table("goals"): one document per goal, under its id;
- store.monthly("checkins"): one record per goal per day, id "YYYY-MM-DD-<goal id>", so
  answering a day again replaces its answer; each record keeps its local "day"
  explicitly, beside the moment it was saved ("finished_at", with its UTC offset);
- store.table("goal_marks"): every goal's day marks (see progress.py) in one document,
  updated on every save, so streaks never need years of check-ins read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Iterable

from workbook.goals.clock import Clock, SystemClock, day_text, parse_day, stamp, today
from workbook.goals.measures import credit
from workbook.goals.model import GoalProblem, edited, with_status
from workbook.goals.progress import Marks, Progress, progress
from workbook.goals.recovery import start_again
from workbook.goals.schedule import active_on, due_on, weekly

GOALS = "goals"
CHECKINS = "checkins"
MARKS = "goal_marks"
MARKS_KEY = "marks"
CATCH_UP_DAYS = 7  # the check-in offers the days missed in the last week
STATUS_ORDER = {"active": 0, "paused": 1, "completed": 2, "archived": 3}


def _moment(text: Any) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.astimezone()


def checkin_id(day: date, goal_id: str) -> str:
    return f"{day_text(day)}-{goal_id}"


@dataclass
class CheckinRow:
    """One answer the check-in asks for: a goal on a day."""

    goal: dict[str, Any]
    day: date
    value: Any  # what is stored now (None: not answered)
    progress: Progress
    catch_up: bool = False  # an earlier day that was not filled in

    @property
    def key(self) -> str:
        return checkin_id(self.day, self.goal["id"])


class GoalBook:
    def __init__(self, store: Any, clock: Clock | None = None) -> None:
        self.store = store
        self.clock = clock or SystemClock()
        self._marks: dict[str, Marks] | None = None
        self._checked = False

    @property
    def today(self) -> date:
        return today(self.clock)

    # -- goals ------------------------------------------------------------------------------------
    def goals(self, include_archived: bool = True) -> list[dict[str, Any]]:
        found = [value for _, value in self.store.table(GOALS).items() if isinstance(value, dict) and value.get("id")]
        if not include_archived:
            found = [g for g in found if g.get("status") != "archived"]
        return sorted(found, key=lambda g: (STATUS_ORDER.get(g.get("status"), 9), str(g.get("created_at", ""))))

    def get(self, goal_id: str) -> dict[str, Any] | None:
        goal = self.store.table(GOALS).get(goal_id)
        return goal if isinstance(goal, dict) else None

    def find(self, text: str) -> dict[str, Any]:
        """A goal by its id, or the start of its id (as `workbook goals` shows it)."""
        wanted = text.strip()
        exact = self.get(wanted) if wanted else None
        if exact:
            return exact
        matches = [g for g in self.goals() if wanted and g["id"].startswith(wanted)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise GoalProblem(f"More than one goal starts with '{wanted}'; give a little more of its id.")
        raise GoalProblem(f"There is no goal '{wanted}'. `workbook goals` lists them with their ids.")

    def ids(self) -> list[str]:
        return [key for key, _ in self.store.table(GOALS).items()]

    def save(self, goal: dict[str, Any]) -> dict[str, Any]:
        self.store.table(GOALS).put(goal["id"], goal)
        return goal

    def set_status(self, goal_id: str, status: str) -> dict[str, Any]:
        goal = self.find(goal_id)
        return self.save(with_status(goal, status, self.clock))

    def edit(self, goal_id: str, changes: dict[str, Any]) -> dict[str, Any]:
        goal = self.find(goal_id)
        return self.save(edited(goal, changes, self.clock))

    def start_again(self, goal_id: str, on: date | None = None, note: str = "") -> dict[str, Any]:
        goal = self.find(goal_id)
        return self.save(start_again(goal, on=on, note=note, clock=self.clock))

    # -- marks ------------------------------------------------------------------------------------
    def marks(self, check: bool = True) -> dict[str, Marks]:
        """Every goal's day marks. `check` first makes sure no check-in is newer than them
        (reads this month's check-ins); the check-in screen does that after showing its rows."""
        if self._marks is None:
            document = self.store.table(MARKS).get(MARKS_KEY)
            if not isinstance(document, dict) or (check and self._behind(document)):
                self._marks = self._rebuilt_marks() if self.store.monthly(CHECKINS).month_names() else {}
                self._checked = True
            else:
                self._marks = {gid: Marks.from_record(rec) for gid, rec in (document.get("goals") or {}).items()}
                self._checked = check
        return self._marks

    def marks_at_hand(self) -> bool:
        """Whether the marks can be read quickly (False: they must be worked out from every check-in)."""
        if self._marks is not None:
            return True
        return isinstance(self.store.table(MARKS).get(MARKS_KEY), dict) or not self.store.monthly(CHECKINS).month_names()

    def marks_were_behind(self) -> bool:
        """After a quick read without the check: True if the marks had to be worked out again."""
        if self._checked or self._marks is None:
            return False
        document = self.store.table(MARKS).get(MARKS_KEY)
        self._checked = True
        if not self.store.monthly(CHECKINS).month_names():
            return False  # no check-ins at all: nothing to be behind
        if isinstance(document, dict) and not self._behind(document):
            return False
        self._marks = self._rebuilt_marks()
        return True

    def _behind(self, document: dict[str, Any]) -> bool:
        """True when a check-in is newer than the marks (a save whose second write failed)."""
        newest = self.store.monthly(CHECKINS).page(0, 1)
        if not newest:
            return False
        saved, through = _moment(newest[0].get("finished_at")), _moment(document.get("through"))
        return saved is not None and (through is None or saved > through)

    def marks_for(self, goal_id: str) -> Marks:
        return self.marks().get(goal_id) or Marks()

    def _save_marks(self, through: str | None = None) -> None:
        marks = self.marks() if self._marks is None else self._marks
        self.store.table(MARKS).put(
            MARKS_KEY,
            {
                "version": 1,
                "through": through or stamp(self.clock),
                "goals": {gid: m.record() for gid, m in marks.items() if m.first},
            },
        )

    def _rebuilt_marks(self) -> dict[str, Marks]:
        """Marks worked out again from every check-in (when their table is missing)."""
        goals = {g["id"]: g for g in self.goals()}
        marks: dict[str, Marks] = {}
        through = stamp(self.clock)
        for record in self.store.monthly(CHECKINS):
            saved = _moment(record.get("finished_at"))
            if saved is not None and saved > (_moment(through) or saved):
                through = str(record.get("finished_at"))
            goal = goals.get(str(record.get("goal_id")))
            day = parse_day(record.get("day"))
            if goal is None or day is None:
                continue
            marks.setdefault(goal["id"], Marks()).set(day, credit(goal["measure"], record.get("value")))
        self._marks = marks
        self._save_marks(through)
        return marks

    def rebuild_marks(self) -> None:
        self._rebuilt_marks()

    def progress(self, goal: dict[str, Any], on: date | None = None, full: bool = False) -> Progress:
        """Streak and rates; `full` adds the longest streak and the total kept (for one goal's details)."""
        return progress(goal, self.marks_for(goal["id"]), on or self.today, full)

    # -- check-ins ---------------------------------------------------------------------------------
    def value_on(self, goal_id: str, day: date) -> Any:
        if not self.marks_for(goal_id).answered(day):
            return None
        record = self.store.monthly(CHECKINS).get(checkin_id(day, goal_id))
        return record.get("value") if record else None

    def checkins(self, goal_id: str, first: date, last: date) -> dict[date, Any]:
        """Stored answers for one goal between two days, read month by month from the newest."""
        table = self.store.monthly(CHECKINS)
        found: dict[date, Any] = {}
        oldest = first.strftime("%Y-%m")
        for month in table.month_names():
            if month < oldest:
                break
            if month > last.strftime("%Y-%m"):
                continue
            day = max(first, date.fromisoformat(month + "-01"))
            while day <= last and day.strftime("%Y-%m") == month:
                if self.marks_for(goal_id).answered(day):
                    record = table.get(checkin_id(day, goal_id))
                    if record:
                        found[day] = record.get("value")
                day += timedelta(days=1)
        return found

    def save_checkins(self, answers: Iterable[tuple[dict[str, Any], date, Any]]) -> int:
        """Keep answers (None clears one). Returns how many changed.

        Check-ins are written first, then the marks: if the second write fails, the
        answers are safe, and the marks are worked out again from them next time.
        """
        table = self.store.monthly(CHECKINS)
        fresh: list[dict[str, Any]] = []
        changed: list[tuple[dict[str, Any], date, Any]] = []
        now = stamp(self.clock)
        for goal, day, value in answers:
            record_id = checkin_id(day, goal["id"])
            # The marks say which days have an answer (they are worked out again if ever behind).
            existing = table.get(record_id) if self.marks_for(goal["id"]).answered(day) else None
            if value is None:
                if existing is not None:
                    table.delete(record_id)
                    changed.append((goal, day, None))
                continue
            if existing is not None and existing.get("value") == value:
                continue
            record = {
                "id": record_id,
                "goal_id": goal["id"],
                "goal_title": goal.get("title", ""),
                "day": day_text(day),
                "value": value,
                "finished_at": now,
            }
            if existing is not None:
                table.replace(record)
            else:
                fresh.append(record)
            changed.append((goal, day, value))
        if fresh:
            table.insert_many(fresh)
        if changed:
            marks = self.marks()
            for goal, day, value in changed:
                marks.setdefault(goal["id"], Marks()).set(day, None if value is None else credit(goal["measure"], value))
            try:
                self._save_marks(now)
            except Exception:
                self._marks = None  # worked out again from the check-ins on the next read
                raise
        return len(changed)

    # -- the daily check-in ------------------------------------------------------------------------
    def asks_on(self, goal: dict[str, Any], day: date) -> bool:
        """Whether the check-in for `day` asks about this goal (weekly goals: any active day)."""
        if goal.get("status") != "active" and day >= self.today:
            return False
        return active_on(goal, day) if weekly(goal) else due_on(goal, day)

    def checkin_rows(self, day: date | None = None, catch_up: bool = True) -> list[CheckinRow]:
        """The goals asked about on `day` (default today), then days missed in the week before."""
        day = day or self.today
        goals = [g for g in self.goals(include_archived=False) if g.get("status") == "active" or day < self.today]
        rows: list[CheckinRow] = []
        for goal in goals:
            if self.asks_on(goal, day):
                rows.append(CheckinRow(goal, day, self.value_on(goal["id"], day), self.progress(goal)))
        if catch_up and day == self.today:
            for goal in goals:
                if goal.get("status") != "active" or weekly(goal) or goal["measure"]["kind"] == "days-since":
                    continue
                marks = self.marks_for(goal["id"])
                progress_now = None
                for back in range(CATCH_UP_DAYS, 0, -1):
                    earlier = day - timedelta(days=back)
                    if due_on(goal, earlier) and not marks.answered(earlier):
                        progress_now = progress_now or self.progress(goal)
                        rows.append(CheckinRow(goal, earlier, None, progress_now, catch_up=True))
        return rows
