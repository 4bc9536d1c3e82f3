"""What several commands share: the catalog they see and the store they open."""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from workbook.errors import WorkbookError

if TYPE_CHECKING:
    from workbook.config import Settings
    from workbook.content.catalog import Catalog
    from workbook.content.models import Exercise
    from workbook.store.base import Store


def load_catalog_for(args: argparse.Namespace) -> Catalog:
    """The exercises this run sees. Outside guest mode (which writes nothing) the checked
    catalog is cached in the data folder, so most starts skip parsing YAML."""
    from workbook.content.catalog import load_catalog
    from workbook.paths import data_dir

    cache_dir = None if args.guest else data_dir(args.data_dir) / "cache"
    if cache_dir is not None and not cache_dir.parent.exists():
        cache_dir = None  # never create a data folder just for a cache (a missing USB stick)
    settings = settings_for(args)
    folders = list(settings.exercise_folders) + [Path(d).expanduser() for d in args.exercises]
    catalog = load_catalog(folders, cache_dir=cache_dir)
    if cache_dir is not None:
        _keep_private(cache_dir)
    return shown_by_site(catalog, settings)


def _keep_private(folder: Path) -> None:
    """The catalog cache holds nothing private, but the data folder's rule is 0700/0600 for
    everything (content/cache.py writes with the umask's mode)."""
    import os

    from workbook.paths import DIR_MODE, FILE_MODE

    try:
        if folder.is_dir() and folder.stat().st_mode & 0o777 != DIR_MODE:
            os.chmod(folder, DIR_MODE)
        for path in folder.iterdir() if folder.is_dir() else ():
            if path.is_file() and path.stat().st_mode & 0o777 != FILE_MODE:
                os.chmod(path, FILE_MODE)
    except OSError:
        pass  # a read-only stick: the cache is only a cache


def settings_for(args: argparse.Namespace) -> Settings:
    """The site and user settings (read once per run; `--config PATH` instead of the user file)."""
    settings = getattr(args, "_settings", None)
    if settings is None:
        from workbook.config import load_settings

        settings = load_settings(getattr(args, "config", None))
        args._settings = settings
    return settings


def shown_by_site(catalog: Catalog, settings: Settings) -> Catalog:
    """Leave out the built-in categories the site does not show; its problems join the catalog's."""
    from workbook.paths import builtin_exercises_dir

    if settings.categories is not None:
        builtin = builtin_exercises_dir().resolve()
        for exercise_id, exercise in list(catalog.exercises.items()):
            source = catalog.sources.get(exercise_id)
            if source is not None and source.resolve().is_relative_to(builtin) and \
                    not settings.shows_builtin(exercise.category):
                del catalog.exercises[exercise_id]
    catalog.problems.extend(settings.problems)
    return catalog


def find_exercise(catalog: Catalog, exercise_id: str) -> Exercise:
    exercise = catalog.exercises.get(exercise_id)
    if exercise is None:
        for problem in catalog.problems:
            if Path(problem.path).stem == exercise_id:
                raise WorkbookError(
                    f"The exercise '{exercise_id}' could not be loaded ({problem}); "
                    "`workbook validate` shows everything that needs fixing."
                )
        raise WorkbookError(f"There is no exercise called '{exercise_id}'. Run `workbook list` to see them all.")
    return exercise


@contextmanager
def opened_store(args: argparse.Namespace) -> Iterator[Store]:
    """The profile's store for the length of a command; guest mode keeps it in memory only.

    An encrypted profile's passphrase comes from --passphrase-file / --passphrase-fd, or
    from a prompt that does not echo when the command runs in a terminal; never from argv.
    """
    if args.guest:
        check_guest_allowed(args)
        from workbook.store.memory import MemoryStore

        store: Store = MemoryStore()
    else:
        store = open_profile_for(args)
    try:
        yield store
        daily_backup(store)  # only after a command that went well: a refused one changes nothing
    finally:
        store.close()


def check_guest_allowed(args: argparse.Namespace) -> None:
    if not settings_for(args).guest_allowed:
        raise WorkbookError(
            "Guest mode is turned off on this computer. Open your own profile instead, or ask whoever "
            "looks after this computer."
        )


def profile_name_for(args: argparse.Namespace) -> str:
    """Whose workbook a command opens: --profile, else "default" (as before profiles had names;
    the full-screen workbook asks instead)."""
    return args.profile


def data_root(args: argparse.Namespace) -> Path:
    """The data folder, checked. The usual one (no --data-dir, no WORKBOOK_DATA_DIR) is made
    with its parents on a fresh account; a chosen one must have its parent there already
    (a USB stick that is not plugged in is said so, not created on the computer)."""
    import os

    from workbook.paths import DATA_DIR_ENV, data_dir, ensure_private_dir
    from workbook.store.profiles import check_data_dir

    root = data_dir(args.data_dir)
    if not args.data_dir and not os.environ.get(DATA_DIR_ENV) and not root.parent.exists():
        try:
            ensure_private_dir(root)
        except OSError:
            pass  # check_data_dir says what is wrong
    return check_data_dir(root)


def given_passphrase(args: argparse.Namespace) -> str | None:
    """The passphrase from --passphrase-file or --passphrase-fd, if one was given."""
    from workbook.store.passphrase import read_passphrase_from

    source_file = getattr(args, "passphrase_file", None)
    source_fd = getattr(args, "passphrase_fd", None)
    if source_file is not None and source_fd is not None:
        raise WorkbookError("Give the passphrase one way only: --passphrase-file or --passphrase-fd.")
    if source_file is not None:
        return read_passphrase_from(Path(source_file).expanduser())
    if source_fd is not None:
        return read_passphrase_from(int(source_fd))
    return None


def _interactive() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def ask_passphrase(prompt: str) -> str:
    """One passphrase from the terminal, not echoed. Ctrl+D or an empty answer stops."""
    import getpass

    try:
        answer = getpass.getpass(prompt)
    except EOFError:
        answer = ""
    if not answer:
        raise WorkbookError("No passphrase was given, so the profile was not opened.")
    return answer


NO_RECOVERY = (
    "Please keep it safe: there is no way to recover a forgotten passphrase. Without it, nobody "
    "can open these entries again, not you, not a facilitator, not the people who made this workbook."
)


def ask_new_passphrase() -> str:
    print(NO_RECOVERY, file=sys.stderr)
    for _ in range(3):
        first = ask_passphrase("New passphrase: ")
        if ask_passphrase("The same passphrase again: ") == first:
            return first
        print("The two did not match; please try again.", file=sys.stderr)
    raise WorkbookError("The passphrases did not match, so no profile was made.")


def open_profile_for(args: argparse.Namespace, name: str | None = None) -> Store:
    """Open (or create) the profile for a command, asking for its passphrase when it needs one."""
    from workbook.store.crypto import PassphraseNeeded, WrongPassphrase
    from workbook.store.profiles import find_profile, has_passphrase, open_profile

    root = data_root(args)
    name = name or profile_name_for(args)
    settings = settings_for(args)
    passphrase = given_passphrase(args)
    if passphrase is None and settings.passphrase_required and find_profile(root, name) is None:
        if not _interactive():
            raise WorkbookError(
                "This computer asks for a passphrase on every profile. Give one for the new profile "
                "with --passphrase-file or --passphrase-fd."
            )
        passphrase = ask_new_passphrase()
    attempts = 0
    while True:
        try:
            store = open_profile(root, name, passphrase)
            break
        except PassphraseNeeded as needed:
            if not _interactive():
                raise WorkbookError(
                    f"{needed} For scripts, give it with --passphrase-file PATH or --passphrase-fd N."
                ) from None
            passphrase = ask_passphrase("Passphrase: ")
        except WrongPassphrase as wrong:
            attempts += 1
            if passphrase is None or not _interactive() or given_passphrase_was_used(args) or attempts >= 3:
                raise WorkbookError(str(wrong)) from None
            print(f"{wrong} Please try again.", file=sys.stderr)
            passphrase = ask_passphrase("Passphrase: ")
    if settings.passphrase_required and not has_passphrase(store):
        print(
            "This computer asks every profile to have a passphrase. Please set one in the full-screen "
            "workbook (Ctrl+P, then Passphrase).",
            file=sys.stderr,
        )
    return store


def given_passphrase_was_used(args: argparse.Namespace) -> bool:
    return getattr(args, "passphrase_file", None) is not None or getattr(args, "passphrase_fd", None) is not None


def daily_backup(store: Store) -> None:
    """Today's automatic backup of the profile, if it has none yet (store/backup.py)."""
    if getattr(store, "folder", None) is None:
        return  # guest mode: nothing is kept, so nothing to back up
    from workbook.store.backup import backup_if_due
    from workbook.store.base import StoreError

    try:
        backup_if_due(store)
    except StoreError as error:
        print(error, file=sys.stderr)


def report_store_notices(store: Store, stream=None) -> None:
    """Plain-words notices from opening the store (a file set aside, for example)."""
    stream = stream if stream is not None else sys.stderr
    for notice in getattr(store, "problems", []) or []:
        print(notice, file=stream)
