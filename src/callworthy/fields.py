"""Validation of the values a record holds: phone numbers, outcomes, times.

Shared by the CRM reader (pure), the services and the surfaces: no I/O here. Strategy
ids are not here: they are the strategy registry's (write/registry.py), read through
each team's registry by the services.
"""

from __future__ import annotations

import re
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
