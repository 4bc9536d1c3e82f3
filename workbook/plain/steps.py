"""How plain mode shows each kind of step and turns typed lines into an answer.

The answer returned here is the raw value handed to `Run.answer`; the engine checks it
and says, kindly, what does not fit. Numbers pick options; words are matched by the engine.
"""

from __future__ import annotations

from typing import Any

from workbook.content.models import (
    BreathingStep,
    ChecklistStep,
    ChoiceStep,
    InfoStep,
    ListStep,
    MultiChoiceStep,
    ScaleStep,
    Step,
    TextStep,
    TimerStep,
    breathing_phases,
)
from workbook.engine import AnswerError
from workbook.plain.console import Console
from workbook.plain.timed import Schedule

PHASE_WORDS = {"in": "Breathe in", "hold": "Hold", "out": "Breathe out"}


# -- showing -------------------------------------------------------------------------
def numbered(labels: list[str]) -> list[str]:
    return [f"  {number}. {label}" for number, label in enumerate(labels, start=1)]


def shown_answer(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, str) and "\n" in value:
        return "\n" + "\n".join(f"    {line}" for line in value.split("\n"))
    return str(value)


def how_to_answer(step: Step) -> list[str]:
    """The lines under the prompt that say what to type."""
    skip = "" if step.required else ", or press Enter to skip"
    if isinstance(step, TextStep):
        if step.multiline:
            return [
                "Write as many lines as you like; an empty line finishes."
                + ("" if step.required else " An empty first line skips this one.")
            ]
        return [f"Type your answer on one line{skip}."]
    if isinstance(step, ScaleStep):
        lines = []
        ends = [f"{n} means {label}" for n, label in ((step.min, step.min_label), (step.max, step.max_label)) if label]
        if ends:
            lines.append("; ".join(ends) + ".")
        lines.append(f"Type a number from {step.min} to {step.max}{skip}.")
        return lines
    if isinstance(step, ChoiceStep):
        own = ", or type your own answer" if step.allow_other else ""
        return numbered([o.label for o in step.options]) + [f"Type a number or the words of one option{own}{skip}."]
    if isinstance(step, MultiChoiceStep):
        own = " You can also type your own." if step.allow_other else ""
        return numbered([o.label for o in step.options]) + [
            f"Type the numbers or words of any that fit, separated by commas{skip}.{own}"
        ]
    if isinstance(step, ListStep):
        return [f"Type one per line, up to {step.count}. An empty line finishes early."]
    if isinstance(step, ChecklistStep):
        return numbered(list(step.items)) + [
            "Type the numbers or words of the ones that apply, separated by commas, or press Enter for none."
        ]
    return []


def plain_markdown(text: str) -> list[str]:
    """Markdown read aloud well: headings lose their #, emphasis markers go."""
    lines = []
    for line in text.strip().split("\n"):
        stripped = line.lstrip()
        if stripped.startswith("#"):
            line = stripped.lstrip("#").strip()
        lines.append(line.replace("**", "").replace("__", ""))
    return lines


# -- asking --------------------------------------------------------------------------
def _pick(labels: list[str], token: str) -> str:
    token = token.strip()
    if token.isdigit():
        number = int(token)
        if 1 <= number <= len(labels):
            return labels[number - 1]
        raise AnswerError(f"There is no number {number} here; please pick from 1 to {len(labels)}.")
    return token


def _picks(labels: list[str], line: str) -> list[str]:
    return [_pick(labels, part) for part in line.split(",") if part.strip()]


def ask(step: Step, console: Console, previous: Any) -> Any:
    """Read one answer; Back / Quit / EOFError pass through, AnswerError means ask again."""
    first = console.first_line(first_prompt(step))
    if first is None:  # the skip command
        return None
    if first.strip() == "" and previous is not None:
        return previous  # Enter keeps what was there

    if isinstance(step, TextStep):
        if not step.multiline or first.strip() == "":
            return first
        lines = [first]
        console.partial = first
        while True:
            more = console.line("  ")
            if more == "":
                return "\n".join(lines)
            lines.append(more)
            console.partial = "\n".join(lines)

    if isinstance(step, ScaleStep):
        return first
    if isinstance(step, ChoiceStep):
        return _pick([o.label for o in step.options], first) if first.strip() else first
    if isinstance(step, MultiChoiceStep):
        return _picks([o.label for o in step.options], first)
    if isinstance(step, ChecklistStep):
        return _picks(list(step.items), first)

    if isinstance(step, ListStep):
        items: list[str] = []
        line = first
        while line.strip() and len(items) < step.count:
            items.append(line)
            console.partial = list(items)
            if len(items) < step.count:
                line = console.line(_item_prompt(step, len(items) + 1))
        return items
    raise AnswerError("This step does not take an answer.")


def _item_prompt(step: ListStep, number: int) -> str:
    label = step.item_label or "Item"
    return f"{label} ({number} of {step.count})> "


def first_prompt(step: Step) -> str:
    if isinstance(step, ListStep):
        return _item_prompt(step, 1)
    return "> "


# -- timed steps ------------------------------------------------------------------------
def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def _duration(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if rest or not minutes:
        parts.append(f"{rest} second{'s' if rest != 1 else ''}")
    return " and ".join(parts)


def run_timer(step: TimerStep, console: Console) -> dict[str, Any]:
    console.say(f"This takes {_duration(step.seconds)}.")
    schedule = Schedule(console)  # cues are due at times from the start, so they never drift
    for cue in sorted(step.cues, key=lambda c: c.at):
        at = min(cue.at, step.seconds)
        schedule.wait_until(at)
        console.say(cue.text if console.paced else f"At {_clock(at)}: {cue.text}")
    schedule.wait_until(step.seconds)
    console.say("Time is up.")
    return {"completed": True, "seconds": step.seconds}


def run_breathing(step: BreathingStep, console: Console) -> dict[str, Any]:
    phases = breathing_phases(step.pattern)
    per_breath = sum(n for _, n in phases)
    pattern = ", ".join(f"{PHASE_WORDS[name].lower()} for {n}" for name, n in phases)
    console.say(f"{step.cycles} slow breaths: {pattern}. About {_duration(per_breath * step.cycles)}.")
    schedule = Schedule(console)
    due = 0
    for cycle in range(1, step.cycles + 1):
        if console.paced:
            console.say(f"Breath {cycle} of {step.cycles}.")
            for name, seconds in phases:
                console.say(f"{PHASE_WORDS[name]}, {seconds}.")
                due += seconds
                schedule.wait_until(due)
        else:
            console.say(f"Breath {cycle} of {step.cycles}: {pattern}.")
    console.say("Well done. Let your breathing settle on its own.")
    return {"completed": True, "seconds": per_breath * step.cycles}


def is_untyped(step: Step) -> bool:
    """Steps that take no typed answer: they show, or run, and move on."""
    return isinstance(step, (InfoStep, TimerStep, BreathingStep))
