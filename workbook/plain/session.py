"""Plain mode: one exercise, one question at a time, over plain text streams.

For screen readers, simple terminals and scripts. It drives the same `Run` as the TUI,
saves a draft after every step, and saves exactly the same finished record.
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from workbook.content.models import BreathingStep, Exercise, InfoStep, Step, TimerStep
from workbook.crisis import Contact
from workbook.engine import AnswerError, Outcome, Run
from workbook.errors import WorkbookError
from workbook.plain import care
from workbook.plain.console import COMMANDS_HELP, Back, Console, Quit
from workbook.plain.steps import (
    ask,
    how_to_answer,
    is_untyped,
    plain_markdown,
    run_breathing,
    run_timer,
    shown_answer,
)

COMPLETED = 0
STOPPED = 0  # quitting is a choice, not a failure
INPUT_ENDED = 1
SAVE_FAILED = 1
INTERRUPTED = 130


class PlainSession:
    def __init__(
        self,
        exercise: Exercise,
        store: Any,
        console: Console,
        *,
        errors: TextIO | None = None,
        guest: bool = False,
        grounding_available: bool = False,
        contacts: list[Contact] | None = None,
    ) -> None:
        self.exercise = exercise
        self.store = store
        self.console = console
        self.errors = errors
        self.guest = guest
        self.grounding_available = grounding_available
        self.contacts = contacts
        self.console.on_crisis = lambda: self.show_crisis(asked=True)
        self.run: Run = Run(exercise)
        self.resumed = False

    # -- the whole exercise ------------------------------------------------------------
    def start(self) -> int:
        draft = self.store.get_draft(self.exercise.id)
        if draft:
            self.run = Run.from_draft(self.exercise, draft)
            self.resumed = True
        self.greet()
        retry = False
        while not self.run.is_complete:
            step = self.run.current
            assert step is not None
            self.console.partial = None
            try:
                if is_untyped(step):
                    self.show_step(step, retry=False)
                    outcome = self.run.answer(self.run_untyped(step))
                else:
                    self.show_step(step, retry=retry)
                    try:
                        outcome = self.run.answer(ask(step, self.console, self.run.answers.get(step.id)))
                    except AnswerError as reason:
                        self.console.say(str(reason))
                        retry = True
                        continue
            except Back:
                self.go_back()
                retry = False
                continue
            except Quit:
                return self.stop_for_now()
            except EOFError:
                return self.input_ended()
            except KeyboardInterrupt:
                self.stop_for_now()
                return INTERRUPTED
            retry = False
            self.respond(outcome)
            self.run.next()
            if not self.run.is_complete:
                self.save_draft_quietly()
        return self.finish()

    def greet(self) -> None:
        exercise = self.exercise
        say = self.console.say
        say(exercise.title)
        say(f"{exercise.summary.strip()} About {exercise.minutes} minute{'s' if exercise.minutes != 1 else ''}.")
        if exercise.intro:
            say("")
            self.console.say_lines(plain_markdown(exercise.intro))
        say("")
        say(COMMANDS_HELP)
        if self.guest:
            say("This is guest mode: nothing you write is kept after this window closes.")
        for notice in getattr(self.store, "problems", []) or []:
            say(notice)
        if self.resumed:
            number, _ = self.run.progress()
            say("")
            say(f"Picking up where you left off, at step {number}.")

    # -- one step -------------------------------------------------------------------------
    def show_step(self, step: Step, retry: bool) -> None:
        number, total = self.run.progress()
        say = self.console.say
        say("")
        say(f"Step {number} of {total}")
        if step.prompt:
            say(step.prompt.strip())
        if isinstance(step, InfoStep):
            self.console.say_lines(plain_markdown(step.text))
            return
        if step.help and not retry:
            self.console.say_lines(plain_markdown(step.help))
        previous = self.run.answers.get(step.id)
        self.console.say_lines(how_to_answer(step))
        if previous is not None and not is_untyped(step):
            say(f"Your answer so far: {shown_answer(previous)}")
            say("Press Enter to keep it, or type a new one.")

    def run_untyped(self, step: Step) -> Any:
        if isinstance(step, (TimerStep, BreathingStep)) and self.console.paced:
            # On a terminal the person chooses when a timed step starts, or passes it by.
            self.console.say("Press Enter to begin, or type skip to pass over this one.")
            if self.console.first_line() is None:
                return None
        if isinstance(step, TimerStep):
            return run_timer(step, self.console)
        if isinstance(step, BreathingStep):
            return run_breathing(step, self.console)
        return None

    def respond(self, outcome: Outcome) -> None:
        if outcome.safety:
            self.show_crisis()
        elif outcome.offer_grounding:
            self.console.say_lines(care.grounding_lines(self.exercise, self.grounding_available))

    def show_crisis(self, asked: bool = False) -> None:
        self.console.say_lines(care.crisis_lines(self.contacts, asked=asked))

    def go_back(self) -> None:
        """Back to the previous step that takes an answer; info and timers are passed over."""
        run = self.run
        steps = self.exercise.steps
        target = None
        for index in range(min(run.position, len(steps)) - 1, -1, -1):
            if run.is_visible(steps[index]) and not is_untyped(steps[index]):
                target = index
                break
        if target is None:
            self.console.say("There is no earlier answer to go back to; this is where it starts.")
            return
        while run.position > target:
            before = run.position
            run.back()
            if run.position == before:
                break

    # -- saving ---------------------------------------------------------------------------
    def keep_partial(self) -> None:
        """What was typed of an unfinished answer goes into the draft too."""
        if self.console.partial is None or self.run.current is None:
            return
        try:
            self.run.answer(self.console.partial)
        except AnswerError:
            pass

    def save_draft(self) -> None:
        self.store.save_draft(self.run.draft())

    def save_draft_quietly(self) -> None:
        """After each step. A failed save is said plainly and tried again after the next one."""
        try:
            self.save_draft()
        except (WorkbookError, OSError) as error:
            self.console.say(
                f"Your answers could not be saved just now ({_sentence(error)}). "
                "You can carry on; it will be tried again after the next step."
            )

    def nothing_to_keep(self) -> bool:
        """A fresh start with nothing typed yet leaves no empty draft behind."""
        return not self.resumed and not self.run.answers

    def stop_for_now(self) -> int:
        self.keep_partial()
        if self.nothing_to_keep():
            self.console.say("")
            self.console.say("Stopping here. Nothing was written yet, so there is nothing to keep. Take care.")
            return STOPPED
        try:
            self.save_draft()
        except (WorkbookError, OSError) as error:
            self.console.say("")
            self.complain(f"Your answers could not be saved as a draft: {_sentence(error)}")
            self.print_everything()
            return SAVE_FAILED
        self.console.say("")
        if self.guest:
            self.console.say("Stopping here. This is guest mode, so your answers are not kept.")
        else:
            self.console.say(
                f"Stopping here. Your answers are saved; `workbook do {self.exercise.id} --plain` "
                "picks up where you left off. Take care."
            )
        return STOPPED

    def input_ended(self) -> int:
        self.keep_partial()
        if self.nothing_to_keep():
            self.complain("The input ended before the first answer, so nothing was saved.")
            return INPUT_ENDED
        try:
            self.save_draft()
        except (WorkbookError, OSError) as error:
            self.complain(f"The input ended early, and the draft could not be saved: {_sentence(error)}")
            self.print_everything()
            return SAVE_FAILED
        self.console.say("")
        if self.guest:
            self.complain("The input ended before the exercise was finished; guest mode keeps nothing.")
        else:
            self.complain(
                "The input ended before the exercise was finished; your answers so far are saved as a draft "
                f"for next time (`workbook do {self.exercise.id} --plain`)."
            )
        return INPUT_ENDED

    def finish(self) -> int:
        record = self.run.record()
        try:
            saved = self.store.save_entry(record)
        except (WorkbookError, OSError) as error:
            self.run.back()  # a draft that resumes at the last step, not the first
            try:
                self.save_draft()
            except (WorkbookError, OSError):
                pass
            self.complain(f"Your entry could not be saved: {_sentence(error)}")
            self.print_everything()
            return SAVE_FAILED
        from workbook.insights.summaries import note_saved  # the progress page's month summary

        saved = saved if isinstance(saved, dict) else record
        note_saved(self.store, saved)
        try:
            self.store.delete_draft(self.exercise.id)
        except (WorkbookError, OSError):
            pass  # the entry is safe; at worst an old draft is offered once more
        self.console.say_lines(care.closing_lines(self.exercise, self.guest))
        score_lines = care.score_lines(self.exercise, self.run.score())
        if score_lines:
            self.console.say("")
            self.console.say_lines(score_lines)
        if record.get("score"):  # how this total compares with the earlier ones
            from workbook.insights.summaries import trend_sentence

            trend = trend_sentence(self.store, self.exercise.id, saved.get("id"))
            if trend:
                self.console.say(trend)
        from workbook.plain.grounding import grounding_end_lines  # distress before/after, if measured

        self.console.say_lines(grounding_end_lines(self.exercise, record["answers"], self.contacts))
        return COMPLETED

    def print_everything(self) -> None:
        """When nothing could be saved, show the answers so they can still be copied somewhere."""
        self.console.say("So nothing is lost, here is everything you wrote:")
        self.console.say(json.dumps(self.run.answers, ensure_ascii=False, indent=2))

    def complain(self, sentence: str) -> None:
        stream = self.errors if self.errors is not None else sys.stderr
        stream.write(" ".join(sentence.split()) + "\n")
        stream.flush()


def _sentence(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error).strip().rstrip(".") or type(error).__name__


def run_plain(
    exercise: Exercise,
    store: Any,
    input: TextIO | None = None,
    output: TextIO | None = None,
    *,
    errors: TextIO | None = None,
    guest: bool = False,
    grounding_available: bool = False,
    contacts: list[Contact] | None = None,
    paced: bool | None = None,
    sleep=None,
) -> int:
    """Walk through one exercise line by line; returns the exit code."""
    console_kwargs: dict[str, Any] = {"paced": paced}
    if sleep is not None:
        console_kwargs["sleep"] = sleep
    console = Console(input, output, **console_kwargs)
    session = PlainSession(
        exercise, store, console,
        errors=errors, guest=guest, grounding_available=grounding_available, contacts=contacts,
    )
    return session.start()
