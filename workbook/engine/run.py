"""One person working through one exercise: the state machine every front-end drives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from workbook.content.models import ANSWERABLE, Exercise, InfoStep, ScaleStep, Step
from workbook.engine.answers import AnswerError, validate_answer
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
        self._steps = {s.id: s for s in exercise.steps}
        self.answers: dict[str, Any] = dict(answers or {})
        # Answers from a draft that no longer fit the exercise (see from_draft): kept, never shown as answers.
        self.set_aside: dict[str, Any] = {}
        self.started_at = started_at or now_iso()
        self.position = self._first_visible_from(max(0, min(position, len(exercise.steps))))

    # -- drafts ---------------------------------------------------------------------
    @classmethod
    def from_draft(cls, exercise: Exercise, draft: dict[str, Any]) -> Run:
        """Resume a saved draft.

        If the exercise changed since (a step removed, or one that now asks something
        else), an answer that no longer fits is never thrown away: it is kept in
        `set_aside`, goes on in every draft and is saved with the finished entry.
        """
        steps = {s.id: s for s in exercise.steps}
        answers: dict[str, Any] = {}
        set_aside: dict[str, Any] = dict(draft.get("set_aside") or {})
        for key, value in (draft.get("answers") or {}).items():
            step = steps.get(key)
            try:
                if step is None or isinstance(step, InfoStep):
                    raise AnswerError("no such step")
                stored = validate_answer(step, value)
            except AnswerError:
                set_aside[key] = value
                continue
            if stored is not None:
                answers[key] = stored
        position = 0
        step_id = draft.get("step")
        for index, step in enumerate(exercise.steps):
            if step.id == step_id:
                position = index
        run = cls(exercise, answers, position, draft.get("started_at"))
        run.set_aside = set_aside
        if step_id is None and answers:
            # Saved after the last step, before the entry was kept: back to the last step.
            run.position = len(exercise.steps)
            run.back()
        return run

    def draft(self) -> dict[str, Any]:
        current = self.current
        draft = {
            "exercise_id": self.exercise.id,
            "exercise_version": self.exercise.version,
            "exercise_title": self.exercise.title,
            "step": current.id if current else None,
            "answers": dict(self.answers),
            "started_at": self.started_at,
            "saved_at": now_iso(),
        }
        if self.set_aside:
            draft["set_aside"] = dict(self.set_aside)
        return draft

    # -- where we are -------------------------------------------------------------
    def _visibility(self) -> list[bool]:
        """Which steps apply, worked out in order.

        A step's `when` sees only the answers of earlier steps that apply themselves:
        an answer kept on a hidden branch (it stays in the draft, in case the person
        changes their mind) never opens a later step.
        """
        seen: dict[str, Any] = {}
        shown: list[bool] = []
        for step in self.exercise.steps:
            visible = step.when is None or evaluate(step.when, seen, steps=self._steps)
            shown.append(visible)
            if visible and step.id in self.answers:
                seen[step.id] = self.answers[step.id]
        return shown

    def is_visible(self, step: Step) -> bool:
        for candidate, visible in zip(self.exercise.steps, self._visibility()):
            if candidate is step:
                return visible
        return False

    def visible_steps(self) -> list[Step]:
        return [s for s, visible in zip(self.exercise.steps, self._visibility()) if visible]

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
        shown = self._visibility()
        while index < len(shown) and not shown[index]:
            index += 1
        return index

    def _previous_visible(self, index: int) -> int | None:
        shown = self._visibility()
        index = min(index, len(shown)) - 1
        while index >= 0:
            if shown[index]:
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
        } | ({"set_aside": dict(self.set_aside)} if self.set_aside else {})
