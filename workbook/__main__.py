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
_GLOBALS = ("data_dir", "profile", "guest")


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
        "export", "save all finished entries to a file",
        "Export every finished entry, with its answers, scores and times, as one JSON document.",
        epilog="The file is written whole or not at all, and only you can read it (mode 0600).",
    )
    export.add_argument("--format", choices=["json"], default="json", help="the file format (only json for now)")
    export.add_argument("--out", metavar="PATH", help="write to this file instead of the screen")
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
    else:
        from workbook.commands.tui import run
    return run(args)


def main(argv: Sequence[str] | None = None) -> int:
    return guarded(lambda: _dispatch(argv))


if __name__ == "__main__":
    sys.exit(main())
