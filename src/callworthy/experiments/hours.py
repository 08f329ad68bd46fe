"""Calling hours: the earliest moment to call a prospect inside their local calling hours.

Pure: `now` is passed in (aware, any zone) and the prospect's IANA zone name is
looked up with zoneinfo. Local wall-clock times are turned into instants with
`fold=0` (PEP 495): a wall time that happens twice (the fall-back night) means
its first occurrence, and one that never happens (inside the spring-forward
gap, e.g. 02:30) is read with the offset before the change, so it lands one
hour later on the new clock (03:30).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from callworthy.experiments.inputs import ExperimentInputError, require_aware

DEFAULT_START = time(9, 0)
DEFAULT_END = time(20, 0)
ALL_DAYS: frozenset[int] = frozenset(range(7))
"""Weekdays allowed, Monday = 0 (default: every day)."""


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ExperimentInputError(
            f"Unknown time zone {name!r}.", "Use an IANA name such as 'America/New_York'."
        ) from exc


def next_call_time(
    now: datetime,
    time_zone: str,
    start: time = DEFAULT_START,
    end: time = DEFAULT_END,
    days: Collection[int] = ALL_DAYS,
) -> datetime:
    """Return the earliest instant >= now within [start, end) local time on an allowed day (UTC)."""
    require_aware(now)
    if not start < end or not set(days) & ALL_DAYS:
        raise ExperimentInputError(
            "Calling hours need start < end and at least one allowed weekday.",
            "Use e.g. 09:00 to 20:00 every day.",
        )
    zone = _zone(time_zone)
    local_now = now.astimezone(zone)
    for offset in range(8):
        day = local_now.date() + timedelta(days=offset)
        if day.weekday() not in days:
            continue
        opens = _instant(datetime.combine(day, start, tzinfo=zone))
        closes = _instant(datetime.combine(day, end, tzinfo=zone))
        if now < closes:
            return max(now, opens).astimezone(UTC)
    raise AssertionError("unreachable: some allowed weekday occurs within 8 days")


def _instant(local: datetime) -> datetime:
    # Round-trip through UTC so a wall time inside a DST gap becomes a real instant.
    return local.astimezone(UTC)
