"""Jinja filters that show raw data as people read it: times in the rep's zone, relative
where that helps ("3 days ago"), phone numbers as written in the rep's country.

The zone and the region come from the page's context (`user_time_zone`, `user_region`,
put there by `render.page` from the session); without them, UTC and US.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from callworthy.principles import PRINCIPLES
from callworthy.services.profiles import display_phone
from callworthy.text.plural import count

#: Within this, a time reads better relative ("3 hours ago"); beyond it, as a date.
RELATIVE_WITHIN = timedelta(days=7)


def _zone(context: Context) -> ZoneInfo:
    name = context.get("user_time_zone") or "UTC"
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _now() -> datetime:
    return datetime.now(UTC)


def local(value: datetime, zone: ZoneInfo) -> str:
    """Return the time as the rep reads it: "26 Nov 2026, 14:05" in their zone."""
    moment = _aware(value).astimezone(zone)
    return f"{moment.day} {moment:%b %Y, %H:%M}"


def relative(value: datetime, now: datetime) -> str:
    """Return how long ago (or how soon) the time is, in words: "3 days ago", "in 2 hours"."""
    delta = now - _aware(value)
    seconds = abs(delta.total_seconds())
    if seconds < 60:
        return "just now"
    for size, unit in ((86400 * 30, "month"), (86400 * 7, "week"), (86400, "day"),
                       (3600, "hour"), (60, "minute")):  # fmt: skip
        if seconds >= size:
            words = count(int(seconds // size), unit)
            return f"{words} ago" if delta.total_seconds() > 0 else f"in {words}"
    return "just now"


@pass_context
def when(context: Context, value: datetime | None, empty: str = "never") -> Markup:
    """Render a time in the rep's zone, relative when recent, with the exact time on hover."""
    if value is None:
        return Markup(escape(empty))
    exact = local(value, _zone(context))
    now = _now()
    shown = relative(value, now) if abs(now - _aware(value)) < RELATIVE_WITHIN else exact
    iso = _aware(value).isoformat()
    return Markup('<time datetime="{}" title="{}">{}</time>').format(iso, exact, shown)


@pass_context
def local_time(context: Context, value: datetime | None, empty: str = "never") -> str:
    """Return a time in the rep's zone ("26 Nov 2026, 14:05")."""
    return empty if value is None else local(value, _zone(context))


@pass_context
def phone(context: Context, value: str | None) -> str:
    """Return an E.164 number as written in the rep's country: national at home."""
    if not value:
        return ""
    region = str(context.get("user_region") or "US")
    try:
        return display_phone(value, region) or value
    except phonenumbers.NumberParseException:
        return value


def principle_names(codes: str) -> str:
    """Return principle codes ("P11/P5") as their names ("Earn the call; Value about ...")."""
    return "; ".join(PRINCIPLES.get(code.strip(), code) for code in codes.split("/") if code)


_CODES = re.compile(r"\s*\(P(?:1[0-4]|[1-9])(?:[/, ]+P(?:1[0-4]|[1-9]))*\)")


def no_codes(text: str) -> str:
    """Return text without the principle codes written for coaches ("... late (P8).")."""
    return _CODES.sub("", text)


#: What a page says instead of a command a coaching text names (the CLI shows it as written).
_COMMANDS = {"greeting": "", "diagnose": " open Diagnose", "stats": " on the Experiments page",
             "check": " on the Check page", "write": " on the Write page"}  # fmt: skip
_COMMAND = re.compile(r"\s*(?:run |with |use )?`callworthy (\w+)[^`]*`")


def plain(text: str) -> str:
    """Return coaching text for a page: no principle codes, no command names."""
    return _COMMAND.sub(lambda m: _COMMANDS.get(m.group(1), " in Callworthy"), no_codes(text))


def zone_name(zone: str | None) -> str:
    """Return an IANA zone as people read it: "America/Los_Angeles" -> "Los Angeles"."""
    return (zone or "").rsplit("/", 1)[-1].replace("_", " ")


FILTERS = {
    "count": count,
    "when": when,
    "local_time": local_time,
    "phone": phone,
    "principle_names": principle_names,
    "zone_name": zone_name,
    "no_codes": no_codes,
    "plain": plain,
}
