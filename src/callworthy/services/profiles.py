"""The rep's own profile, saved once: the name, phone, company and region messages are signed with.

The Write page, the Check page's phone field, the write API and `callworthy write`
read it, so a rep types their details once. A rep who saved nothing is shown the
defaults (their own name, no phone, region US). The phone is kept in E.164 and
validated for the rep's region, so "020 7946 0000" is a London number for a rep in GB.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any
from zoneinfo import available_timezones as _zones

import phonenumbers
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from callworthy.errors import InvalidFieldError, InvalidPhoneError
from callworthy.services.caller import Caller
from callworthy.services.database import (
    DEFAULT_TEAM,
    default_rep_name,
    open_database,
    resolve_database_url,
)
from callworthy.services.values import _Dumpable
from callworthy.storage import profile_queries
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.location import sqlite_file
from callworthy.storage.tables import RepProfile, utc_now

DEFAULT_REGION = "US"


@cache
def available_timezones() -> frozenset[str]:
    """Return the IANA zone names this machine knows (read once: it lists files)."""
    return frozenset(_zones())


def first_time_zone(engine: Engine, caller: Caller, zone: str) -> Profile:
    """Save the browser's zone unless the rep chose one; return the profile now in force.

    A browser sends its zone once a session; a zone the rep set on their profile wins.
    """
    current = get_profile(engine, caller)
    if current.time_zone:
        return current
    return save_profile(engine, caller, time_zone=zone)


MAX_NAME = 80


@dataclass(frozen=True, slots=True)
class Profile(_Dumpable):
    """A rep's profile as the surfaces show it; `saved` is False while only defaults are shown."""

    name: str
    phone: str | None
    """E.164 (`+17043331112`)."""
    phone_display: str | None
    """The phone as written in the rep's region: `(704) 333-1112`, `+44 20 7946 0000`."""
    company: str | None
    region: str
    saved: bool
    time_zone: str | None = None
    """The IANA zone the rep's pages show times in ("America/Chicago"); None: UTC."""

    @property
    def form_phone(self) -> str | None:
        """Return the phone as a form shows it: national for +1 numbers, else international.

        The writer reads a number without a country code as North American, so a number
        from elsewhere is prefilled with its "+44 ..." to be read back the same.
        """
        if not self.phone:
            return None
        parsed = phonenumbers.parse(self.phone)
        national = parsed.country_code == 1
        return phonenumbers.format_number(parsed, _NATIONAL if national else _INTERNATIONAL)

    def rep_mapping(self) -> dict[str, Any]:
        """Return the profile as a writer's `rep` section (only what it holds)."""
        rep = {"name": self.name, "phone": self.phone, "company": self.company}
        return {key: value for key, value in rep.items() if value}


_NATIONAL = phonenumbers.PhoneNumberFormat.NATIONAL
_INTERNATIONAL = phonenumbers.PhoneNumberFormat.INTERNATIONAL


def display_phone(e164: str | None, region: str) -> str | None:
    """Return a number as a rep in `region` writes it: national at home, else international."""
    if not e164:
        return None
    parsed = phonenumbers.parse(e164)
    home = phonenumbers.region_code_for_number(parsed) == region
    return phonenumbers.format_number(parsed, _NATIONAL if home else _INTERNATIONAL)


def _profile(row: RepProfile | None, caller_name: str) -> Profile:
    if row is None:
        return Profile(caller_name, None, None, None, DEFAULT_REGION, saved=False)
    return Profile(
        row.name,
        row.phone,
        display_phone(row.phone, row.region),
        row.company,
        row.region,
        True,
        row.time_zone,
    )


def clean_time_zone(zone: str | None) -> str | None:
    """Return an IANA time zone name as given; None for an empty one; refuse an unknown one."""
    value = (zone or "").strip()
    if not value:
        return None
    if value not in available_timezones():
        raise InvalidFieldError(
            f"{value!r} is not a time zone we know.",
            "Pick your city's zone from the list, such as America/Chicago or Europe/London.",
            field="time_zone",
        )
    return value


def clean_region(region: str | None) -> str:
    """Return a region code in upper case; refuse one the phone library does not know."""
    value = (region or DEFAULT_REGION).strip().upper()
    if value not in phonenumbers.SUPPORTED_REGIONS:
        raise InvalidFieldError(
            f"{region!r} is not a country code we know.",
            "Give your country as two letters, such as US, CA, GB or AU.",
            field="region",
        )
    return value


def clean_phone(phone: str | None, region: str) -> str | None:
    """Return a phone number in E.164, read for the region; None for an empty one."""
    if not (phone or "").strip():
        return None
    assert phone is not None
    try:
        parsed = phonenumbers.parse(phone, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhoneError(
            f"{phone!r} is not a phone number.", "Give it with its area code.", field="phone"
        ) from exc
    if not phonenumbers.is_valid_number(parsed):
        raise InvalidPhoneError(
            f"{phone!r} is not a valid phone number in {region}.",
            "Give it with its area code, or set your country first.",
            field="phone",
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _clean_text(value: str | None, what: str, field: str, *, required: bool) -> str | None:
    text = " ".join((value or "").split())
    if required and not text:
        raise InvalidFieldError(f"Your {what} is empty.", f"Give your {what}.", field=field)
    if len(text) > MAX_NAME:
        raise InvalidFieldError(
            f"Your {what} has {len(text)} characters; {MAX_NAME} is the most.",
            "Shorten it.",
            field=field,
        )
    return text or None


def get_profile(engine: Engine, caller: Caller) -> Profile:
    """Return the caller's saved profile, or the defaults (their name, region US)."""
    with read_session(engine) as session:
        return _profile(profile_queries.rep_profile(session, caller.rep_id), caller.rep)


def save_profile(
    engine: Engine,
    caller: Caller,
    *,
    name: str | None = None,
    phone: str | None = None,
    company: str | None = None,
    region: str | None = None,
    time_zone: str | None = None,
) -> Profile:
    """Save the caller's profile; a value left as None keeps what was saved before."""
    current = get_profile(engine, caller)
    region_code = clean_region(region if region is not None else current.region)
    values = {
        "name": _clean_text(name if name is not None else current.name, "name", "name",
                            required=True),
        "phone": clean_phone(phone if phone is not None else current.phone, region_code),
        "company": _clean_text(company if company is not None else current.company,
                               "company", "company", required=False),
        "region": region_code,
        "time_zone": clean_time_zone(time_zone if time_zone is not None else current.time_zone),
    }  # fmt: skip

    def work(session: Session) -> Profile:
        row = profile_queries.rep_profile(session, caller.rep_id)
        if row is None:
            row = RepProfile(rep_id=caller.rep_id)
            session.add(row)
        for key, value in values.items():
            setattr(row, key, value)
        row.updated_at = utc_now()
        session.flush()
        return _profile(row, caller.rep)

    return run_write(engine, work)


def stored_profile(url: str | None, rep: str | None) -> Profile | None:
    """Return the CLI rep's saved profile without creating anything (None if there is none).

    The writer's command reads it only when its options leave the rep's details out; a
    database file that does not exist yet has no profile in it, and is not created.
    """
    path = sqlite_file(resolve_database_url(url))
    if path is not None and not path.is_file():
        return None
    engine = open_database(url)
    try:
        rep_name = (rep or "").strip() or default_rep_name()
        with read_session(engine) as session:
            found = profile_queries.rep_in_team(session, DEFAULT_TEAM, rep_name)
            row = profile_queries.rep_profile(session, found.id) if found else None
            return _profile(row, rep_name) if row else None
    finally:
        engine.dispose()
