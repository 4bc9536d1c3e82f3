"""Crisis contacts: the site's own first (set by a facilitator), then general defaults.

The defaults are widely published numbers; a facilitator replaces or adds local ones
in the site config. Each contact shows when it was last checked, so a stale number is
visible rather than trusted blindly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class Contact:
    name: str
    how: str  # what to dial, text or visit
    note: str = ""
    last_checked: str = ""  # ISO date


DEFAULTS_CHECKED = "2026-11-22"

DEFAULT_CONTACTS: tuple[Contact, ...] = (
    Contact("Emergency services", "112 in most of the world · 911 in North America · 999 in the UK",
            "If you or someone else is in danger right now.", DEFAULTS_CHECKED),
    Contact("988 Suicide & Crisis Lifeline (US)", "Call or text 988",
            "Free, any time of day or night.", DEFAULTS_CHECKED),
    Contact("Samaritans (UK and Ireland)", "Call 116 123",
            "Free, any time of day or night.", DEFAULTS_CHECKED),
    Contact("Find a helpline near you", "findahelpline.com",
            "Free, confidential lines in many countries.", DEFAULTS_CHECKED),
)


def crisis_contacts(site_contacts: Iterable[Contact] = ()) -> list[Contact]:
    """The site's contacts first, then the defaults it did not already list by name."""
    site = list(site_contacts)
    names = {c.name.casefold() for c in site}
    return site + [c for c in DEFAULT_CONTACTS if c.name.casefold() not in names]
