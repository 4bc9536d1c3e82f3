"""One person working through one exercise: the state machine every front-end drives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from workbook.content.models import ANSWERABLE, Exercise, InfoStep, ScaleStep, Step
from workbook.engine.answers import validate_answer
from workbook.engine.conditions import evaluate, safety_crossed
from workbook.engine.scoring import Score, score_answers


def now_iso() -> str:
    """Local time with its UTC offset, so time-of-day patterns survive travel."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass(frozen=True)
class Outcome:
    """What an answer means beyond itself. Front-ends react: crisis screen, gentle offer."""

    value: Any
    safety: bool = False  # open the crisis resources now
    offer_grounding: bool = False  # a high rating: offer grounding or a break


class Run:
    """Current step, answers, next/back with `when` skips, drafts and the finished record.

    `position` indexes `exercise.steps`; it always rests on a visible step, or on
    len(steps) once the person has gone past the last one.
    """

    def __init__(
        self,
        exercise: Exercise,
        answers: dict[str, Any] | None = None,
        position: int = 0,
        started_at: str | None = None,
    ) -> None:
        self.exercise = exercise
        self.answers: dict[str, Any] = dict(answers or {})
        self.started_at = started_at or now_iso()
        self.position = self._first_visible_from(max(0, min(position, len(exercise.steps))))

    # -- drafts ---------------------------------------------------------------------
    @classmethod
    def from_draft(cls, exercise: Exercise, draft: dict[str, Any]) -> Run:
        """Resume a saved draft. Answers to steps the exercise no longer has are dropped."""
        known = {s.id for s in exercise.steps}
        answers = {k: v for k, v in (draft.get("answers") or {}).items() if k in known}
        position = 0
        step_id = draft.get("step")
        for index, step in enumerate(exercise.steps):
            if step.id == step_id:
                position = index
        return cls(exercise, answers, position, draft.get("started_at"))

    def draft(self) -> dict[str, Any]:
        current = self.current
        return {
            "exercise_id": self.exercise.id,
            "exercise_version": self.exercise.version,
            "exercise_title": self.exercise.title,
            "step": current.id if current else None,
            "answers": dict(self.answers),
            "started_at": self.started_at,
            "saved_at": now_iso(),
        }

    # -- where we are -------------------------------------------------------------
    def is_visible(self, step: Step) -> bool:
        return step.when is None or evaluate(step.when, self.answers)

    def visible_steps(self) -> list[Step]:
        return [s for s in self.exercise.steps if self.is_visible(s)]

    @property
    def current(self) -> Step | None:
        if self.position >= len(self.exercise.steps):
            return None
        return self.exercise.steps[self.position]

    @property
    def is_complete(self) -> bool:
        return self.current is None

    @property
    def at_start(self) -> bool:
        return self._previous_visible(self.position) is None

    @property
    def at_last_step(self) -> bool:
        return self.current is not None and self._first_visible_from(self.position + 1) >= len(self.exercise.steps)

    def progress(self) -> tuple[int, int]:
        """(number of the current step, counting from 1; visible steps in all)."""
        visible = self.visible_steps()
        current = self.current
        number = len(visible) if current is None else visible.index(current) + 1 if current in visible else 1
        return number, len(visible)

    # -- moving ---------------------------------------------------------------------
    def answer(self, value: Any) -> Outcome:
        """Check and keep the answer to the current step (AnswerError if it does not fit)."""
        step = self.current
        if step is None:
            raise RuntimeError("the exercise is already complete")
        stored = validate_answer(step, value)
        if isinstance(step, InfoStep):
            return Outcome(None)
        if stored is None:
            self.answers.pop(step.id, None)
        else:
            self.answers[step.id] = stored
        offer = (
            isinstance(step, ScaleStep)
            and step.offer_grounding_at is not None
            and isinstance(stored, int)
            and stored >= step.offer_grounding_at
        )
        return Outcome(stored, safety=safety_crossed(step, stored), offer_grounding=offer)

    def next(self) -> Step | None:
        """Move on; returns the new current step, or None when the exercise is complete."""
        if self.current is not None:
            self.position = self._first_visible_from(self.position + 1)
        return self.current

    def back(self) -> Step | None:
        previous = self._previous_visible(self.position)
        if previous is not None:
            self.position = previous
        return self.current

    def _first_visible_from(self, index: int) -> int:
        steps = self.exercise.steps
        while index < len(steps) and not self.is_visible(steps[index]):
            index += 1
        return index

    def _previous_visible(self, index: int) -> int | None:
        index -= 1
        while index >= 0:
            if self.is_visible(self.exercise.steps[index]):
                return index
            index -= 1
        return None

    # -- the end ----------------------------------------------------------------------
    def final_answers(self) -> dict[str, Any]:
        """Answers to the steps that apply; an answer on a branch not taken is left out."""
        return {s.id: self.answers[s.id] for s in self.visible_steps() if s.id in self.answers}

    def score(self) -> Score | None:
        return score_answers(self.exercise, self.final_answers())

    def record(self, finished_at: str | None = None) -> dict[str, Any]:
        """The finished entry, self-contained: it keeps the prompts it was made with."""
        answers = self.final_answers()
        score = self.score()
        prompts = {
            s.id: s.prompt or s.id
            for s in self.exercise.steps
            if isinstance(s, ANSWERABLE) or s.id in answers
        }
        return {
            "exercise_id": self.exercise.id,
            "exercise_version": self.exercise.version,
            "exercise_title": self.exercise.title,
            "category": self.exercise.category,
            "started_at": self.started_at,
            "finished_at": finished_at or now_iso(),
            "answers": answers,
            "prompts": {k: v for k, v in prompts.items() if k in answers},
            "step_types": {s.id: s.__struct_config__.tag for s in self.exercise.steps if s.id in answers},
            "score": score.as_record() if score else None,
            "tags": [],
            "private": False,
        }
