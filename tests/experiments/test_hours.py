"""Calling hours in the prospect's zone, across zones and daylight-saving changes."""

from __future__ import annotations

import time as clock
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta

import pytest

from callworthy.experiments import ExperimentInputError, next_call_time


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_inside_hours_is_now() -> None:
    now = utc(2026, 6, 10, 15, 0)  # 11:00 in New York (EDT)
    assert next_call_time(now, "America/New_York") == now


def test_before_and_after_hours() -> None:
    assert next_call_time(utc(2026, 6, 10, 11, 0), "America/New_York") == utc(2026, 6, 10, 13, 0)
    # 21:30 in New York: tomorrow 09:00 EDT.
    assert next_call_time(utc(2026, 6, 11, 1, 30), "America/New_York") == utc(2026, 6, 11, 13, 0)


def test_zones_east_and_west() -> None:
    now = utc(2026, 1, 15, 7, 0)
    assert next_call_time(now, "Europe/Berlin") == utc(2026, 1, 15, 8, 0)
    assert next_call_time(now, "Asia/Tokyo") == now  # 16:00 in Tokyo
    assert next_call_time(now, "America/Los_Angeles") == utc(2026, 1, 15, 17, 0)


def test_spring_forward_and_fall_back() -> None:
    # 2026-03-08: New York jumps from 02:00 EST to 03:00 EDT; 09:00 is EDT (UTC-4).
    assert next_call_time(utc(2026, 3, 8, 5, 0), "America/New_York") == utc(2026, 3, 8, 13, 0)
    # A start inside the gap (02:30) is read with the old offset: 07:30 UTC = 03:30 EDT.
    early = next_call_time(utc(2026, 3, 8, 5, 0), "America/New_York", start=time(2, 30))
    assert early == utc(2026, 3, 8, 7, 30)
    # 2026-11-01: back to EST (UTC-5); 09:00 is 14:00 UTC.
    assert next_call_time(utc(2026, 11, 1, 6, 0), "America/New_York") == utc(2026, 11, 1, 14, 0)


def test_configurable_hours_and_weekdays() -> None:
    friday_night = utc(2026, 6, 12, 22, 0)  # 18:00 Friday in New York
    monday = next_call_time(friday_night, "America/New_York", end=time(17, 0), days={0, 1, 2, 3, 4})
    assert monday == utc(2026, 6, 15, 13, 0)


def test_bad_inputs_are_typed_errors() -> None:
    with pytest.raises(ExperimentInputError, match="Unknown time zone"):
        next_call_time(utc(2026, 1, 1, 12, 0), "Mars/Olympus")
    with pytest.raises(ExperimentInputError, match="no time zone"):
        next_call_time(datetime(2026, 1, 1, 12, 0), "Europe/Paris")
    with pytest.raises(ExperimentInputError, match="start < end"):
        next_call_time(utc(2026, 1, 1, 12, 0), "Europe/Paris", start=time(20), end=time(9))


def test_the_time_comes_back_in_utc_and_closing_time_is_closed() -> None:
    # Exactly 20:00 in New York is closed: the next call is tomorrow at 09:00.
    closing = utc(2026, 6, 11, 0, 0)
    at = next_call_time(closing, "America/New_York")
    assert at == utc(2026, 6, 11, 13, 0) and at.tzinfo is UTC
    a_second_before = utc(2026, 6, 10, 23, 59, 59)
    assert next_call_time(a_second_before, "America/New_York") == a_second_before
    assert next_call_time(utc(2026, 6, 10, 15, 0), "Asia/Tokyo").tzinfo is UTC


def test_only_one_weekday_allowed_can_be_a_week_away() -> None:
    # Wednesday 2026-06-10 after hours in New York, only Wednesdays allowed: next Wednesday.
    assert next_call_time(utc(2026, 6, 11, 1, 0), "America/New_York", days={2}) == utc(
        2026, 6, 17, 13, 0
    )


@pytest.mark.parametrize(
    ("kwargs", "problem", "fix"),
    [
        ({"time_zone": "Mars/Olympus"}, "Unknown time zone 'Mars/Olympus'.",
         "Use an IANA name such as 'America/New_York'."),
        ({"start": time(9), "end": time(9)},
         "Calling hours need start < end and at least one allowed weekday.",
         "Use e.g. 09:00 to 20:00 every day."),
        ({"days": {7, 8}}, "Calling hours need start < end and at least one allowed weekday.",
         "Use e.g. 09:00 to 20:00 every day."),
    ],
)  # fmt: skip
def test_bad_calling_hours_name_the_problem_and_the_fix(
    kwargs: dict[str, object], problem: str, fix: str
) -> None:
    args: dict[str, object] = {"time_zone": "America/New_York", **kwargs}
    with pytest.raises(ExperimentInputError) as caught:
        next_call_time(utc(2026, 6, 10, 15, 0), **args)  # type: ignore[arg-type]
    assert (caught.value.problem, caught.value.fix) == (problem, fix)


@pytest.fixture
def machine_in_tokyo(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run the test on a machine whose own clock is set to Tokyo time."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    clock.tzset()
    yield
    monkeypatch.undo()
    clock.tzset()


@pytest.mark.usefixtures("machine_in_tokyo")
def test_the_machine_s_own_time_zone_changes_nothing() -> None:
    # 11:00 in New York is inside hours whatever zone the server runs in (Tokyo: 00:00).
    now = utc(2026, 6, 10, 15, 0)
    assert next_call_time(now, "America/New_York") == now
    later = next_call_time(utc(2026, 6, 10, 11, 0), "America/New_York")
    assert (later, later.utcoffset()) == (utc(2026, 6, 10, 13, 0), timedelta(0))
