"""The command line: parses arguments and hands over to `workbook.commands`. Nothing else.

Global options (`--data-dir`, `--profile`, `--exercises`, `--guest`) work before or
after the subcommand. Each subcommand module is imported only when it runs, so
`workbook list` never pays for importing Textual.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Sequence

from workbook import __version__
from workbook.commands.failures import guarded
from workbook.errors import UsageError

# Options given after the subcommand land here, then are merged over the ones before it.
_LATE = "late_"
_GLOBALS = ("data_dir", "profile", "guest", "config", "passphrase_file", "passphrase_fd")


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose mistakes become one plain sentence, not a usage dump."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{_plain_usage_message(message)} Run `{self.prog} --help` to see what it accepts.")


_ARGPARSE_WORDING = [
    (re.compile(r"^argument COMMAND: invalid choice: '(?P<x>.*)' \(choose from (?P<choices>.*)\)$"),
     "There is no command called '{x}'; the commands are {choices}."),
    (re.compile(r"^argument (?P<opt>\S+): invalid choice: '(?P<x>.*)' \(choose from (?P<choices>.*)\)$"),
     "{opt} cannot be '{x}'; it can be {choices}."),
    (re.compile(r"^argument (?P<opt>\S+): expected one argument$"), "{opt} needs a value after it."),
    (re.compile(r"^unrecognized arguments: (?P<x>.*)$"), "The workbook does not understand: {x}."),
    (re.compile(r"^the following arguments are required: (?P<x>.*)$"), "Something is missing: {x}."),
]


def _plain_usage_message(message: str) -> str:
    message = " ".join(message.split())
    for pattern, wording in _ARGPARSE_WORDING:
        match = pattern.match(message)
        if match:
            return wording.format(**match.groupdict())
    message = message.rstrip(".")
    return f"{message[:1].upper()}{message[1:]}."


def _add_global_options(parser: argparse.ArgumentParser, late: bool) -> None:
    # After the subcommand the defaults are SUPPRESS, so an option given only before it survives.
    default = argparse.SUPPRESS if late else None
    prefix = _LATE if late else ""
    group = parser.add_argument_group("options for every command")
    group.add_argument(
        "--data-dir", metavar="PATH", dest=prefix + "data_dir", default=default,
        help="keep the workbook's files in this folder (also WORKBOOK_DATA_DIR); "
        "handy for a USB stick",
    )
    group.add_argument(
        "--profile", metavar="NAME", dest=prefix + "profile", default=default,
        help="whose workbook to open (default: 'default')",
    )
    group.add_argument(
        "--exercises", metavar="DIR", dest=prefix + "exercises", action="append",
        default=argparse.SUPPRESS if late else [],
        help="also load exercises from this folder (may be given more than once)",
    )
    group.add_argument(
        "--guest", dest=prefix + "guest", action="store_true", default=default,
        help="guest mode: nothing is written anywhere, everything is gone when you close it",
    )
    # Shared machines: a passphrase is never taken from argv (anyone can read it in `ps`).
    group.add_argument(
        "--config", metavar="PATH", dest=prefix + "config", default=default,
        help="read settings from this file instead of your own config.yaml (the site's still apply)",
    )
    group.add_argument(
        "--passphrase-file", metavar="PATH", dest=prefix + "passphrase_file", default=default,
        help="for scripts: read the profile's passphrase from the first line of this file",
    )
    group.add_argument(
        "--passphrase-fd", metavar="N", type=int, dest=prefix + "passphrase_fd", default=default,
        help="for scripts: read the profile's passphrase from the first line of this open file descriptor",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="workbook",
        description="A calm workbook for self-guided exercises: journaling, grounding, goals and reflection. "
        "With no command, it opens the full-screen workbook.",
        epilog="Your entries stay on this computer. Run `workbook COMMAND --help` for more about a command.",
    )
    parser.add_argument("--version", action="version", version=f"workbook {__version__}", help="show the version and stop")
    _add_global_options(parser, late=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands", parser_class=_Parser)

    def command(name: str, summary: str, description: str, epilog: str | None = None) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=description, epilog=epilog)
        _add_global_options(sub, late=True)
        return sub

    command(
        "list", "list the exercises",
        "List every exercise, one per line: id, category and title, separated by tabs. "
        "Files that could not be read are reported on stderr; the rest are still listed.",
    )

    validate = command(
        "validate", "check exercise files for mistakes",
        "Check exercise files (.yaml or .yml) for mistakes. Each problem is printed as "
        "path:line: field: message. Exits with 1 if anything needs fixing, 0 if all is well.",
    )
    validate.add_argument("paths", metavar="PATH", nargs="+", help="an exercise file, or a folder to check all the way down")

    do = command(
        "do", "start (or pick up) an exercise",
        "Start an exercise, or pick up where you left off. Opens the full-screen workbook, "
        "or with --plain asks one question per line.",
        epilog="In plain mode, type `back` to return to the previous step and `quit` to stop "
        "for now; your answers are kept as a draft.",
    )
    do.add_argument("exercise_id", metavar="ID", help="the exercise's id, as shown by `workbook list`")
    do.add_argument(
        "--plain", action="store_true",
        help="line by line, without the full screen: for screen readers, simple terminals and scripts",
    )

    export = command(
        "export", "save finished entries to a file (Markdown, JSON or CSV)",
        "Export finished entries, with their answers, scores and times. Markdown is for reading "
        "(for example with your therapist), grouped by exercise; JSON is the complete copy that "
        "`workbook import` reads back; CSV is one file per exercise for a spreadsheet.",
        epilog="Files are written whole or not at all, and only you can read them (mode 0600). Entries "
        "you marked private are left out of Markdown and CSV unless you add --include-private.",
    )
    export.add_argument("--format", choices=["md", "json", "csv"], default="json",
                        help="md, json (the default) or csv")
    export.add_argument("--out", metavar="PATH",
                        help="write to this file instead of the screen (for csv: a folder, one file per exercise)")
    export.add_argument("--from", dest="since", metavar="DAY", help="only entries from this day on (YYYY-MM-DD)")
    export.add_argument("--to", dest="until", metavar="DAY", help="only entries up to this day (YYYY-MM-DD)")
    export.add_argument("--exercise", action="append", metavar="ID",
                        help="only this exercise's entries (may be given more than once)")
    privacy = export.add_mutually_exclusive_group()
    privacy.add_argument("--include-private", dest="private", action="store_const", const="include",
                         help="include entries marked private (JSON does unless told otherwise)")
    privacy.add_argument("--leave-out-private", dest="private", action="store_const", const="leave-out",
                         help="leave out entries marked private (Markdown and CSV do unless told otherwise)")

    importing = command(
        "import", "add the entries from a JSON export to this profile",
        "Add everything from a file made by `workbook export --format json` to this profile, on "
        "this computer or another. Entries already here are kept as they are, so nothing is doubled.",
        epilog="The whole file is checked first; if anything is wrong with it, nothing is changed. "
        "A backup is made before anything is added.",
    )
    importing.add_argument("file", metavar="FILE", help="the JSON export to read")

    command(
        "backup", "make a backup of your profile now",
        "Make a backup of the profile now. The workbook also makes one each day you use it and "
        "keeps the last seven; `workbook restore` lists them.",
    )

    restore = command(
        "restore", "list your backups, or put your profile back as it was",
        "With no name, list the backups, newest first. With a name, put the whole profile back as it "
        "was then (how it is now is backed up first, so this can be undone). With --file, bring back "
        "what one file held, adding what is missing and keeping what is there.",
    )
    restore.add_argument("name", metavar="NAME", nargs="?", help="the backup's name, as listed")
    restore.add_argument("--file", metavar="PATH",
                         help="only this file of the profile, for example entries/2026-11.json")

    profiles = command(
        "profiles", "list or remove the profiles on this computer (for facilitators)",
        "See who has a profile here, or remove one for good. Only names are ever shown, never "
        "what anyone wrote or how much; unlisted profiles are not shown.",
        epilog="Removing a profile deletes its files and its key; it cannot be undone.",
    )
    profile_actions = profiles.add_subparsers(dest="profiles_action", metavar="ACTION", parser_class=_Parser)
    listing = profile_actions.add_parser("list", help="the names of the listed profiles, one per line")
    remove = profile_actions.add_parser(
        "remove", help="remove a profile and everything in it, for good",
        description="Remove a profile and everything in it. You are asked to type its name to confirm.",
    )
    for action in (listing, remove):
        _add_global_options(action, late=True)
    remove.add_argument("name", metavar="NAME", help="the profile's name (an unlisted one works too)")
    remove.add_argument("--yes", action="store_true", help="do not ask to confirm (for scripts)")

    group = command(
        "group", "lead a room through one exercise on a projector (nothing is saved)",
        "Projector mode: one exercise in large text, with a big breathing pacer and timers. "
        "Keys move everyone on together and pause; nothing anyone sees is saved.",
    )
    group.add_argument("exercise_id", metavar="ID", help="the exercise's id, as shown by `workbook list`")

    grounding = command(
        "grounding", "the grounding exercises, and how grounding has gone for you",
        "List the grounding exercises, then how your distress before and after each grounding "
        "session has changed over time, and which techniques help you most.",
        epilog="An average per technique is shown once it rests on 3 sessions with both ratings.",
    )
    grounding.add_argument("--all", action="store_true", help="list every session, not just the 20 most recent")

    goals = command(
        "goals", "your goals: list, set up, pause, complete, archive, edit",
        "With no action, list your goals with their ids, streaks and the last 7 and 30 days. "
        "Actions: show ID, new [--kind smart|self-care|days-since|meetings], pause ID, resume ID, "
        "complete ID, archive ID, restore ID, edit ID, start-again ID [--date DAY].",
        epilog="An id can be shortened to its first few letters. Nothing is ever deleted: archived "
        "goals keep their check-ins and come back with `restore`.",
    )
    goals.add_argument("action", metavar="ACTION", nargs="?",
                       choices=["list", "show", "new", "pause", "resume", "complete", "archive", "restore",
                                "edit", "start-again"],
                       help="what to do (default: list)")
    goals.add_argument("goal_id", metavar="ID", nargs="?", help="the goal's id, as `workbook goals` shows it")
    goals.add_argument("--all", action="store_true", help="list archived goals too")
    goals.add_argument("--kind", choices=["smart", "self-care", "days-since", "meetings"],
                       help="for new: which kind of goal to set up (default: smart, step by step)")
    goals.add_argument("--date", metavar="DAY", help="for start-again: the day the new stretch begins (default: today)")

    checkin = command(
        "checkin", "the daily check-in: one line per goal",
        "Check in on today's goals, one line each (y or n, or a number), then catch up on days you "
        "missed in the last week. Answers can be piped in, one line per goal; an empty line skips one.",
        epilog="What you answer is saved at the end, and also if you type quit or the input ends early.",
    )
    checkin.add_argument("--date", metavar="DAY", help="check in for an earlier day (YYYY-MM-DD)")

    reflection = command(
        "reflection", "look back: your week beside its reflection, or your signs of progress",
        "week (the default): the week's entries, goals and distress beside your weekly reflection. "
        "progress: your signs-of-progress ratings over time, with one sentence, and your breakthroughs.",
    )
    reflection.add_argument("view", metavar="VIEW", nargs="?", choices=["week", "progress"],
                            help="week or progress (default: week)")
    reflection.add_argument("--date", metavar="DAY", help="for week: any day in the week to show (default: today)")

    patterns = command(
        "patterns", "what your journal shows: feelings, triggers, when, and what came before calmer",
        "The patterns in your journal entries, in plain sentences with their numbers: the feelings you "
        "name most, what sets things off, when hard moments happen (time of day by day of the week), "
        "how strong they have been over time, and which coping actions came before calmer feelings.",
        epilog="The same findings as the patterns screen in the full-screen workbook (j).",
    )
    patterns.add_argument("--from", dest="since", metavar="DAY", help="only entries from this day on (YYYY-MM-DD)")
    patterns.add_argument("--to", dest="until", metavar="DAY", help="only entries up to this day (YYYY-MM-DD)")
    patterns.add_argument("--days", type=int, metavar="N", help="only the last N days, today included")

    progress = command(
        "progress", "how things have changed: grounding, journaling, goals, check-ins, in words",
        "Your progress page in plain sentences with their numbers: distress before and after grounding, "
        "how strong hard moments felt, how often you journal, your goals, your check-in totals (with "
        "their ranges and how they changed) and your signs-of-progress ratings.",
        epilog="The same findings as the progress page in the full-screen workbook (p). A total is "
        "information for you, never a diagnosis.",
    )
    progress.add_argument("--range", choices=["4w", "3m", "1y", "all"], default="4w",
                          help="4w (the last 4 weeks, the default), 3m, 1y or all")
    return parser


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    args = build_parser().parse_args(argv)
    for name in _GLOBALS:
        if hasattr(args, _LATE + name):
            setattr(args, name, getattr(args, _LATE + name))
            delattr(args, _LATE + name)
    args.exercises = list(args.exercises) + list(getattr(args, _LATE + "exercises", []))
    if hasattr(args, _LATE + "exercises"):
        delattr(args, _LATE + "exercises")
    args.profile_chosen = args.profile is not None  # else a one-person install's profile, or the picker
    args.profile = args.profile if args.profile is not None else "default"
    if not args.profile.strip():
        raise UsageError("Please give the profile a name, for example --profile sam.")
    args.guest = bool(args.guest)
    return args


def _dispatch(argv: Sequence[str] | None) -> int:
    try:
        args = parse_args(argv)
    except SystemExit as done:  # --help and --version print and stop
        return done.code if isinstance(done.code, int) else 0
    if args.command == "list":
        from workbook.commands.listing import run
    elif args.command == "validate":
        from workbook.commands.validate import run
    elif args.command == "do":
        from workbook.commands.do import run
    elif args.command == "export":
        from workbook.commands.export import run
    elif args.command == "import":
        from workbook.commands.importing import run
    elif args.command == "backup":
        from workbook.commands.backup import run
    elif args.command == "restore":
        from workbook.commands.restore import run
    elif args.command == "profiles":
        from workbook.commands.profiles import run
    elif args.command == "group":
        from workbook.commands.group import run
    elif args.command == "grounding":
        from workbook.commands.grounding import run
    elif args.command == "goals":
        from workbook.commands.goals import run
    elif args.command == "checkin":
        from workbook.commands.checkin import run
    elif args.command == "reflection":
        from workbook.commands.reflection import run
    elif args.command == "patterns":
        from workbook.commands.patterns import run
    elif args.command == "progress":
        from workbook.commands.dashboard import run
    else:
        from workbook.commands.tui import run
    return run(args)


def main(argv: Sequence[str] | None = None) -> int:
    return guarded(lambda: _dispatch(argv))


if __name__ == "__main__":
    sys.exit(main())
