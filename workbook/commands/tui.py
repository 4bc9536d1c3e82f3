"""Opening the full-screen workbook. Textual is imported here and only here.

How it starts:
1. Guest mode (`--guest`, if the site allows it): nothing on disk, straight in.
2. Otherwise, whose profile: `--profile NAME`, or the one profile of a "just me"
   install, opens directly when it can (no passphrase, or one given with
   --passphrase-file / --passphrase-fd). Anything else goes through the gate (the
   picker, first-run questions, the passphrase prompt: tui/screens/profiles.py).
3. The workbook runs with the site's crisis contacts, lock time and theme.
4. "Someone else" on the lock screen closes the profile and goes back to the picker.

Profiles are opened and closed on the store thread (a lock belongs to the thread that
took it; see store/profiles.py). Nothing private is ever printed: a crash inside Textual
prints one sentence (tui/privacy.py), and Textual's log and screenshot switches are
cleared before it is imported.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from workbook.commands.common import (
    check_guest_allowed,
    data_root,
    given_passphrase,
    load_catalog_for,
    settings_for,
)
from workbook.errors import WorkbookError

if TYPE_CHECKING:
    from workbook.config import Settings
    from workbook.content.catalog import Catalog


def _on_terminal() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _import_app() -> Any:
    from workbook.tui.privacy import quiet_textual_environment

    quiet_textual_environment()
    try:
        from workbook.tui.app import WorkbookApp
    except ModuleNotFoundError as error:
        if error.name and error.name.startswith("workbook.tui"):
            raise WorkbookError(
                "The full-screen workbook is not part of this installation yet; `workbook do ID --plain` works meanwhile."
            ) from None
        raise
    return WorkbookApp


def _run_quietly(app: Any) -> None:
    """Run an app; whatever escapes it becomes one sentence that quotes nothing."""
    try:
        app.run()
    except (KeyboardInterrupt, WorkbookError):
        raise
    except Exception:
        from workbook.tui.privacy import CRASH_SENTENCE

        raise WorkbookError(CRASH_SENTENCE) from None


class _GateClosedBadly(Exception):
    """The gate crashed; it has already said so in one sentence."""


def _close(store: Any) -> None:
    from workbook.store.profiles import STORE_THREAD

    if store is not None:
        STORE_THREAD.run(store.close)


def choose_profile(args: argparse.Namespace, settings: Settings, name: str | None) -> Any:
    """An open profile store, or "guest", or None (the person closed the gate)."""
    from workbook.store.crypto import PassphraseNeeded
    from workbook.store.profiles import (
        DEFAULT_PROFILE,
        STORE_THREAD,
        has_passphrase,
        install_state,
        open_profile,
    )

    root = data_root(args)
    state = install_state(root)
    if name is None and state == "just_me":
        name = DEFAULT_PROFILE
    mode = "first_run" if state == "fresh" and name is None else "pick"
    store = None
    if name is not None:
        passphrase = given_passphrase(args)
        new = passphrase is None and settings.passphrase_required and not _exists(root, name)
        if new:
            mode = "new"
        else:
            try:
                store = STORE_THREAD.run(open_profile, root, name, passphrase)
            except PassphraseNeeded:
                mode = "unlock"
            else:
                if not (settings.passphrase_required and not has_passphrase(store)):
                    return store
                mode = "require"
    return _gate(root, settings, mode, name, store)


def _exists(root: Any, name: str) -> bool:
    from workbook.store.profiles import find_profile

    return find_profile(root, name) is not None


def _gate(root: Any, settings: Settings, mode: str, name: str | None, store: Any) -> Any:
    _import_app()  # the environment is quiet before Textual loads
    from workbook.crisis import crisis_contacts
    from workbook.tui.screens.profiles import GateApp

    app = GateApp(root, settings, mode=mode, name=name, store=store,
                  contacts=crisis_contacts(settings.crisis_contacts))
    try:
        _run_quietly(app)
    except BaseException:
        _close(app.pending_store)
        raise
    result = app.return_value
    if result is None:
        _close(app.pending_store)
        if app.return_code:
            raise _GateClosedBadly()
        return None
    return "guest" if result.guest else result.store


def open_tui(args: argparse.Namespace, catalog: Catalog, start_exercise: str | None = None) -> int:
    if not _on_terminal():
        hint = f"workbook do {start_exercise} --plain" if start_exercise else "workbook do ID --plain"
        raise WorkbookError(
            f"The full-screen workbook needs a terminal to show itself in; for scripts and screen readers, try `{hint}`."
        )
    WorkbookApp = _import_app()
    from workbook.crisis import crisis_contacts

    settings = settings_for(args)
    contacts = crisis_contacts(settings.crisis_contacts)
    name: str | None = args.profile if getattr(args, "profile_chosen", True) else None
    guest = bool(args.guest)
    if guest:
        check_guest_allowed(args)
    while True:
        if guest:
            from workbook.store.memory import MemoryStore

            store: Any = MemoryStore()
        else:
            try:
                chosen = choose_profile(args, settings, name)
            except _GateClosedBadly:
                return 1
            if chosen is None:
                return 0
            if chosen == "guest":
                from workbook.store.memory import MemoryStore

                guest, store = True, MemoryStore()
            else:
                store = chosen
        try:
            app = make_app(WorkbookApp, store, catalog, settings, contacts, start_exercise)
            _run_quietly(app)
        finally:
            if not guest:
                _close(store)
        if not app.lock_guard.switch_requested:
            return app.return_code or 0
        # "Someone else": back to the picker, as a fresh start.
        name, guest, start_exercise = None, False, None
        args.passphrase_file = args.passphrase_fd = None


def make_app(WorkbookApp: Any, store: Any, catalog: Catalog, settings: Settings, contacts: list, start: str | None) -> Any:
    app = WorkbookApp(store, catalog, start_exercise=start, contacts=contacts)
    app.lock_guard.idle.minutes = settings.lock_after_minutes
    app.lock_guard.passphrase_required = settings.passphrase_required
    if settings.site_name:
        app.sub_title = settings.site_name
    from workbook.store.base import StoreError

    try:
        saved = store.get_setting("theme")
    except StoreError:
        saved = None
    if saved is None and settings.theme and settings.theme in app.available_themes:
        app.theme = settings.theme  # the site's look, until the person chooses their own
    return app


def run(args: argparse.Namespace) -> int:
    return open_tui(args, load_catalog_for(args))
