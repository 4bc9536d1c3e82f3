"""Site and user settings: a facilitator sets the machine up once, in YAML.

Two files, both optional, both `config.yaml`:
- the site file, in platformdirs' site config folder (on Linux /etc/xdg/workbook/), for
  whoever looks after the machine;
- the user file beside it in the user config folder (~/.config/workbook/), or the file
  given with `--config PATH` instead.

```yaml
site_name: Riverside group room
exercise_folders: [/srv/group-exercises]    # relative paths start at the config file's folder
categories: [journaling, grounding, goals]  # built-in categories to show (all when left out)
crisis_contacts:
  - {name: Riverside duty worker, how: Call 555 0100, note: Weekdays 9 to 5, last_checked: 2026-11-20}
lock_after_minutes: 10                      # 0: never lock by itself
passphrase_required: false
guest_allowed: true
theme: calm
```

A person in distress must never be stopped by a typo in a file they did not write, so
reading never fails: a setting that cannot be used is left at its safe default and a
`path:line: field: message` problem says so (the home screen's notes and `workbook
list` show them). Each setting stands alone: one bad contact leaves the others in place.

When both files say something, the user file can add exercise folders and contacts and
choose the look, but never loosen the site's rules: the shorter lock time, a passphrase
if either asks for one, guests only if both allow them.

No Textual here: the command line reads the same settings.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Iterable, Literal

import msgspec

from workbook.content.models import CATEGORIES
from workbook.content.problem import Problem, shown
from workbook.crisis import Contact

CONFIG_NAME = "config.yaml"
MAX_CONFIG_BYTES = 256_000
DEFAULT_LOCK_MINUTES = 10
MAX_LOCK_MINUTES = 24 * 60
# Always shown, whatever `categories` says: the grounding key and the crisis care depend on them.
ALWAYS_SHOWN = ("grounding", "safety")

Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Line = Annotated[str, msgspec.Meta(max_length=500)]
Category = Literal["journaling", "grounding", "goals", "reflection", "check-in", "safety"]


class ContactSetting(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, frozen=True):
    name: Name
    how: Annotated[str, msgspec.Meta(min_length=1, max_length=500)]
    note: Line = ""
    last_checked: Annotated[str, msgspec.Meta(pattern=r"^\d{4}-\d{2}-\d{2}$")] | None = None


# Each setting: its type, and what a reader of the file should know about it.
_FIELDS: dict[str, Any] = {
    "site_name": Annotated[str, msgspec.Meta(min_length=1, max_length=80)],
    "exercise_folders": list[Annotated[str, msgspec.Meta(min_length=1, max_length=4096)]],
    "categories": list[Category],
    "crisis_contacts": list[ContactSetting],
    "lock_after_minutes": Annotated[int, msgspec.Meta(ge=0, le=MAX_LOCK_MINUTES)],
    "passphrase_required": bool,
    "guest_allowed": bool,
    "theme": Annotated[str, msgspec.Meta(min_length=1, max_length=80)],
}
_LISTS = ("exercise_folders", "categories", "crisis_contacts")


@dataclass(frozen=True)
class Settings:
    """What this machine is set up to do; the defaults are what it does with no file at all."""

    site_name: str | None = None
    exercise_folders: tuple[Path, ...] = ()
    categories: tuple[str, ...] | None = None  # None: every built-in category
    crisis_contacts: tuple[Contact, ...] = ()
    lock_after_minutes: int = DEFAULT_LOCK_MINUTES
    passphrase_required: bool = False
    guest_allowed: bool = True
    theme: str | None = None
    problems: tuple[Problem, ...] = ()
    files: tuple[Path, ...] = ()  # the files that were read

    def shows_builtin(self, category: str) -> bool:
        return self.categories is None or category in self.categories or category in ALWAYS_SHOWN


DEFAULTS = Settings()


# -- where the files are ------------------------------------------------------------------------
def site_config_file() -> Path:
    import platformdirs

    return platformdirs.site_config_path("workbook") / CONFIG_NAME


def user_config_file() -> Path:
    import platformdirs

    return platformdirs.user_config_path("workbook") / CONFIG_NAME


def load_settings(config_path: str | os.PathLike[str] | None = None) -> Settings:
    """The site file, then the user file (or `config_path` instead of it), merged."""
    site = read_settings_file(site_config_file(), must_exist=False)
    if config_path is not None:
        user = read_settings_file(Path(config_path).expanduser(), must_exist=True)
    else:
        user = read_settings_file(user_config_file(), must_exist=False)
    return merge(site, user)


# -- reading one file ---------------------------------------------------------------------------
@dataclass
class _Found:
    """What one file said, with the settings it gave (only those)."""

    path: Path
    given: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    read: bool = False


def read_settings_file(path: Path, must_exist: bool = False) -> _Found:
    found = _Found(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        if must_exist:
            found.problems.append(Problem(path, None, None, "there is no settings file here; the usual settings are used"))
        return found
    except OSError as error:
        found.problems.append(Problem(path, None, None, f"cannot be read ({error.strerror or error}); "
                                      "the usual settings are used"))
        return found
    found.read = True
    if len(data) > MAX_CONFIG_BYTES:
        found.problems.append(Problem(path, 1, None, "this file is far too large for settings; the usual "
                                      "settings are used"))
        return found
    parse_settings(data, path, found)
    return found


def parse_settings(data: bytes | str, path: Path, found: _Found | None = None) -> _Found:
    from workbook.content.source import SourceMap, YamlStop, read_yaml

    found = found if found is not None else _Found(path, read=True)
    fallback = "the usual settings are used"
    if isinstance(data, bytes):
        try:
            text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            found.problems.append(Problem(path, line, None, f"this is not UTF-8 text; save the file as UTF-8 ({fallback})"))
            return found
    else:
        text = data
    if not text.strip():
        return found
    source = SourceMap()
    try:
        document = read_yaml(text, source)
    except YamlStop as stop:
        message = stop.message.replace("; put each exercise in a file of its own", "")
        found.problems.append(Problem(path, stop.line, _field_name(stop.path), f"{message}; {fallback}"))
        return found
    if document is None:
        return found
    root, root_line = document
    if not isinstance(root, dict):
        found.problems.append(Problem(path, root_line, None, "settings are `name: value` lines at the top level, "
                                      f"such as `lock_after_minutes: 10`; {fallback}"))
        return found
    for key, value in root.items():
        where = (key,)
        line = source.line(where)
        if key not in _FIELDS:
            known = ", ".join(_FIELDS)
            found.problems.append(Problem(path, line, shown(key, 60), f"is not a setting the workbook knows, so it is "
                                          f"left out; check the spelling (the settings are: {known})"))
            continue
        if value is None:
            continue  # `theme:` with nothing after it: as if it were not there
        if key in _LISTS and isinstance(value, list):
            item_type = _FIELDS[key].__args__[0]
            kept = []
            for index, item in enumerate(value):
                try:
                    kept.append(_convert(key, item, item_type))
                except _Refused as refused:
                    at = where + (index,) + refused.where
                    found.problems.append(Problem(path, source.line(at), _field_name(at),
                                                  f"{refused.message}; {_left_out(key)}"))
            found.given[key] = kept
            continue
        try:
            found.given[key] = _convert(key, value, _FIELDS[key])
        except _Refused as refused:
            at = where + refused.where
            found.problems.append(Problem(path, source.line(at), _field_name(at),
                                          f"{refused.message}; {_default_words(key)}"))
    return found


class _Refused(Exception):
    def __init__(self, message: str, where: tuple = ()) -> None:
        super().__init__(message)
        self.message = message
        self.where = where


def _convert(key: str, value: Any, kind: Any) -> Any:
    try:
        converted = msgspec.convert(value, kind)
    except msgspec.ValidationError as error:
        raise _Refused(*_explain(str(error), value)) from None
    if isinstance(converted, ContactSetting) and converted.last_checked:
        try:
            date.fromisoformat(converted.last_checked)
        except ValueError:
            raise _Refused(f"'{converted.last_checked}' is not a date; write it as YYYY-MM-DD",
                           ("last_checked",)) from None
    return converted


def _left_out(key: str) -> str:
    return {"crisis_contacts": "this contact is left out, the others are kept",
            "exercise_folders": "this folder is left out",
            "categories": "this one is left out"}[key]


def _default_words(key: str) -> str:
    default = getattr(DEFAULTS, key)
    if isinstance(default, bool):
        return f"the usual setting ({str(default).lower()}) is used instead"
    if default is None or default == ():
        return "it is left out"
    return f"the usual setting ({default}) is used instead"


_AT = re.compile(r"^(?P<what>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.S)
_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")
_TYPE_WORDS = {"int": "a whole number", "float": "a number", "str": "text", "bool": "true or false",
               "array": "a list", "object": "a set of `name: value` fields", "null": "empty"}


def _explain(text: str, value: Any) -> tuple[str, tuple]:
    """A msgspec complaint -> (a sentence, where inside the value it is about)."""
    match = _AT.match(text)
    where = tuple(name if name else int(index) for name, index in _PART.findall(match.group("path") or ""))
    what = match.group("what")
    inner = value
    for part in where:
        try:
            inner = inner[part]
        except (KeyError, IndexError, TypeError):
            inner = None
            break
    # re.S and shown(): words from the file may hold a line break or run very long.
    if m := re.fullmatch(r"Object contains unknown field `(.+)`", what, re.S):
        fields = ", ".join(ContactSetting.__struct_fields__)
        return f"`{shown(m.group(1))}` is not part of a contact; a contact has {fields}", where + (m.group(1),)
    if m := re.fullmatch(r"Object missing required field `(.+)`", what):
        return f"a contact needs `{m.group(1)}`", where
    if m := re.fullmatch(r"Invalid enum value '(.*)'", what, re.S):
        return f"'{shown(m.group(1))}' is not a category; use one of {', '.join(CATEGORIES)}", where
    if m := re.fullmatch(r"Expected `([^`]+)`, got `([^`]+)`", what):
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in m.group(1).split(" | ") if t != "null")
        return f"should be {words}, {_describe(inner)}", where
    if re.fullmatch(r"Expected `str` matching regex '.*'", what, re.S):
        return f"'{shown(inner)}' is not a date; write it as YYYY-MM-DD", where
    if m := re.fullmatch(r"Expected `str` of length (>=|<=) (\d+)", what):
        if m.group(1) == ">=":
            return "should not be empty", where
        return f"is too long: at most {int(m.group(2)):,} characters", where
    if m := re.fullmatch(r"Expected `int` (>=|<=) (-?\d+)", what):
        word = "at least" if m.group(1) == ">=" else "at most"
        return f"should be {word} {m.group(2)}, {_describe(inner)}", where
    return what[:1].lower() + what[1:], where


def _describe(value: Any) -> str:
    if value is None:
        return "it is empty"
    if isinstance(value, bool):
        return f"not {str(value).lower()}"
    if isinstance(value, str):
        return f"not the text '{shown(value)}'"
    if isinstance(value, (int, float)):
        return f"not {value}"
    if isinstance(value, list):
        return "not a list"
    if isinstance(value, dict):
        return "not a set of `name: value` fields"
    return f"not {type(value).__name__}"


def _field_name(where: Iterable[Any]) -> str | None:
    out = ""
    for part in where:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or None


# -- one Settings from the two files ------------------------------------------------------------
def _folders(found: _Found) -> tuple[Path, ...]:
    base = found.path.parent
    return tuple((base / Path(name).expanduser()) for name in found.given.get("exercise_folders", []))


def _contacts(found: _Found) -> tuple[Contact, ...]:
    return tuple(
        Contact(c.name.strip(), c.how.strip(), c.note.strip(), c.last_checked or "")
        for c in found.given.get("crisis_contacts", [])
    )


def _stricter_lock(a: int | None, b: int | None) -> int:
    chosen = [m for m in (a, b) if m is not None]
    if not chosen:
        return DEFAULT_LOCK_MINUTES
    locking = [m for m in chosen if m > 0]
    return min(locking) if locking else 0


def merge(site: _Found, user: _Found) -> Settings:
    s, u = site.given, user.given
    contacts: list[Contact] = []
    for contact in _contacts(site) + _contacts(user):
        if contact.name.casefold() not in {c.name.casefold() for c in contacts}:
            contacts.append(contact)
    categories = u.get("categories", s.get("categories"))
    return Settings(
        site_name=u.get("site_name", s.get("site_name")),
        exercise_folders=_folders(site) + _folders(user),
        categories=tuple(dict.fromkeys(categories)) if categories is not None else None,
        crisis_contacts=tuple(contacts),
        lock_after_minutes=_stricter_lock(s.get("lock_after_minutes"), u.get("lock_after_minutes")),
        passphrase_required=bool(s.get("passphrase_required", False) or u.get("passphrase_required", False)),
        guest_allowed=bool(s.get("guest_allowed", True) and u.get("guest_allowed", True)),
        theme=u.get("theme", s.get("theme")),
        problems=tuple(site.problems + user.problems),
        files=tuple(f.path for f in (site, user) if f.read),
    )


def with_problem(settings: Settings, problem: Problem) -> Settings:
    return replace(settings, problems=settings.problems + (problem,))
