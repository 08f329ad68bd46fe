"""Validation of the values a record holds: text fields, phone numbers, outcomes, times.

Shared by the CRM reader (pure), the services and the surfaces: no I/O here.
`check_text` is the one place a text field is checked, whichever surface it came
from (a form, the API, an import row, the CLI): its length, and no NUL or other
control character (line breaks only in a field that has lines). Strategy ids are
not here: they are the strategy registry's (write/registry.py), read through each
team's registry by the services.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from phonenumbers import PhoneNumberFormat, timezone

from callworthy.errors import InvalidFieldError, InvalidPhoneError

#: More candidate zones than this means a national or toll-free number: no useful zone.
MAX_ZONES = 3


class CallbackOutcome(StrEnum):
    """How a return call went."""

    RETURNED = "returned"
    MEETING = "meeting"
    NOT_INTERESTED = "not_interested"
    OTHER = "other"


@lru_cache(maxsize=65536)
def normalise_phone(raw: str, region: str = "US") -> tuple[str, str | None]:
    """Return (E.164 number, IANA time zone or None) for a phone number as people write it."""
    text = (raw or "").strip()
    fix = "Write it with its area code, e.g. (704) 333-1112 or +44 20 7946 0018."
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhoneError(f"{text!r} is not a phone number ({exc}).", fix) from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhoneError(f"{text!r} is not a valid phone number.", fix)
    zones = [z for z in timezone.time_zones_for_number(number) if z != "Etc/Unknown"]
    zone = zones[0] if 0 < len(zones) <= MAX_ZONES else None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164), zone


def looks_like_phone(text: str) -> bool:
    """Return True when the text has enough digits to be a phone number."""
    return sum(c.isdigit() for c in text) >= 7 and not re.search(r"[A-Za-z]{2}", text)


def validate_outcome(outcome: str) -> CallbackOutcome:
    """Return the callback outcome named (spaces and dashes count as underscores)."""
    key = re.sub(r"[\s-]+", "_", (outcome or "").strip().lower())
    try:
        return CallbackOutcome(key)
    except ValueError:
        choices = ", ".join(o.value for o in CallbackOutcome)
        raise InvalidFieldError(
            f"Outcome {outcome!r} is unknown.", f"Use one of: {choices}."
        ) from None


def zone(name: str) -> tzinfo:
    """Return the time zone with this IANA name (or UTC)."""
    if name.upper() == "UTC":
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidFieldError(f"Time zone {name!r} is unknown.", "Use an IANA name.") from exc


def parse_time(text: str, default_zone: tzinfo = UTC) -> datetime:
    """Return an aware datetime from ISO 8601 text; a time without zone is in default_zone."""
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise InvalidFieldError(
            f"{text!r} is not a date and time.", "Use ISO 8601, e.g. 2024-03-05T14:30."
        ) from exc
    return value if value.tzinfo else value.replace(tzinfo=default_zone)


def clean(value: str | None) -> str | None:
    """Return the text stripped, or None when it is empty."""
    value = (value or "").strip()
    return value or None


@dataclass(frozen=True, slots=True)
class TextField:
    """A text field's rule: its key (`field` on errors), its name in words, its length."""

    key: str
    label: str
    max_chars: int
    multiline: bool = False
    """Line breaks and tabs are allowed (a script, notes); other fields are one line."""


def _field(key: str, label: str, max_chars: int, multiline: bool = False) -> TextField:
    return TextField(key, label, max_chars, multiline)


#: Every stored text field; the lengths are the database columns'.
NAME = _field("name", "name", 200)
COMPANY = _field("company", "company", 200)
ROLE = _field("role", "role", 200)
INDUSTRY = _field("industry", "industry", 200)
PHONE = _field("phone", "phone number", 40)
TAG = _field("tags", "tag", 60)
EXTERNAL_ID = _field("external_id", "CRM id", 200)
STRATEGY = _field("strategy", "strategy", 64)
SCRIPT = _field("script", "script", 10_000, multiline=True)
NOTES = _field("notes", "notes", 5_000, multiline=True)
OUTCOME = _field("outcome", "outcome", 32)
REP = _field("rep", "rep's name", 200)
EMAIL = _field("email", "e-mail address", 320)
TITLE = _field("title", "idea", 300)
TEAM = _field("team", "team name", 200)
RULES_VERSION = _field("rules_version", "rules version", 64)
REFERRED_BY = _field("referred_by", "name of who referred them", 200)
LEAD_NAME = _field("lead_name", "lead's name", 200)
LEAD_DETAIL = _field("lead_detail", "lead's detail", 200)

# Control characters (C0 and C1, DEL), lone surrogates (no database can store them) and
# the line and paragraph separators; tab, line feed and carriage return are looked at apart.
_FORBIDDEN = {"Cc", "Cs"}
_BREAKS = frozenset("\t\n\r\u2028\u2029\x0b\x0c\x85")


def _bad_char(value: str, multiline: bool) -> str | None:
    """Return the first character the field may not hold, or None."""
    for char in value:
        if char in "\t\n\r" and multiline:
            continue
        if char in _BREAKS or unicodedata.category(char) in _FORBIDDEN:
            return char
    return None


def check_text(field: TextField, value: str | None) -> str | None:
    """Return the value if the field may hold it; InvalidFieldError naming the field if not.

    Refuses more than `max_chars` characters, any control character (NUL, escape, ...)
    and, unless the field is multi-line, any line break or tab. The value is not changed.
    """
    if value is None:
        return None
    if len(value) > field.max_chars:
        raise InvalidFieldError(
            f"The {field.label} has {len(value):,} characters; it may have at most "
            f"{field.max_chars:,}.",
            "Shorten it.",
            field=field.key,
        )
    bad = _bad_char(value, field.multiline)
    if bad is None:
        return value
    if bad in _BREAKS and bad not in "\x0b\x0c\x85":
        problem = f"The {field.label} has a line break or a tab; it is one line."
        fix = "Put it on one line."
    elif unicodedata.category(bad) == "Cs":
        problem = f"The {field.label} holds a broken character (U+{ord(bad):04X})."
        fix = "Type the text again rather than pasting it."
    else:
        problem = f"The {field.label} holds a control character (U+{ord(bad):04X})."
        fix = "Remove it: type the text again rather than pasting it."
    raise InvalidFieldError(problem, fix, field=field.key)
