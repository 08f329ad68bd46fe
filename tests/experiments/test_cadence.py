"""The contact cadence: one policy for `next`, Diagnose and the web; its examples hold."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from callworthy.datafile import package_data
from callworthy.diagnose import default_model
from callworthy.errors import DataFileError
from callworthy.experiments import cadence_status, default_cadence, load_cadence
from callworthy.experiments.cadence import CadenceExample

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
POLICY = default_cadence()


def _ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


@pytest.mark.parametrize("example", POLICY.examples, ids=lambda e: str(e.voicemails))
def test_the_policy_examples_hold(example: CadenceExample) -> None:
    status = cadence_status(
        [_ago(d) for d in example.voicemails], [_ago(d) for d in example.callbacks], now=NOW
    )
    assert status.stop is example.stop
    if example.wait_days is not None:
        assert status.earliest - NOW == timedelta(days=example.wait_days)


def test_a_week_after_an_unanswered_voicemail_and_a_stop_after_five() -> None:
    assert (POLICY.spacing_days, POLICY.max_unanswered) == (7, 5)
    fresh = cadence_status([_ago(0.3)], [], now=NOW)  # left seven hours ago
    assert fresh.earliest == _ago(0.3) + timedelta(days=7) and not fresh.stop
    assert "1 of 5" in fresh.advice
    done = cadence_status([_ago(d) for d in (50, 40, 30, 20, 10)], [], now=NOW)
    assert done.stop and "give them to the competition" in done.advice
    answered = cadence_status([_ago(d) for d in (50, 40, 30, 20, 10)], [_ago(9)], now=NOW)
    assert not answered.stop and answered.earliest == NOW and answered.unanswered == 0
    later = cadence_status([_ago(1)], [_ago(-1)], now=NOW)  # a callback after now: not yet
    assert later.unanswered == 1


def test_diagnose_advises_the_same_rhythm() -> None:
    texts = [a.text for c in default_model().causes for a in c.actions]
    spaced = [t for t in texts if "space the calls" in t.lower()]
    assert spaced and all(f"every {POLICY.spacing_days:g} days" in t for t in spaced)
    assert any(f"{POLICY.max_unanswered} messages without a call back" in t for t in texts)
    assert not any("{" in t for t in texts)


def test_a_broken_policy_names_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "cadence.yaml"
    text = (Path(__file__).parents[2] / "src/callworthy/policies/cadence.yaml").read_text()
    bad.write_text(text.replace("spacing_days: 7", "spacing_days: 0"))
    with pytest.raises(DataFileError, match="spacing_days") as raised:
        load_cadence(bad)
    line = text.splitlines().index("spacing_days: 7") + 1
    assert (raised.value.line, raised.value.fix) == (line, "Correct the value.")
    assert raised.value.docs == "docs/experiments.md"  # where the policy's fields are explained


def test_a_policy_file_is_read_field_by_field(tmp_path: Path) -> None:
    # Read uncached (default_cadence() is loaded once): the bundled file, then a team's own.
    bundled = load_cadence()
    assert (bundled.spacing_days, bundled.max_unanswered) == (7, 5)
    assert (bundled.crowded_messages, bundled.crowded_days) == (4, 7)
    assert bundled.stop_advice.startswith("Stop here: give them to the competition, and spend")
    assert "\n" not in bundled.stop_advice and "  " not in bundled.stop_advice
    assert bundled.examples and bundled == POLICY
    text = (Path(str(package_data("policies", "cadence.yaml")))).read_text()
    text = text.replace("spacing_days: 7", "spacing_days: 1").replace(
        "max_unanswered: 5", "max_unanswered: 3"
    )
    own = tmp_path / "cadence.yaml"
    own.write_text(text)
    daily = load_cadence(own)
    assert (daily.spacing_days, daily.max_unanswered) == (1, 3)


def test_the_status_names_every_figure_at_each_stage() -> None:
    day = timedelta(days=1)
    # Nothing left yet: nothing stands in the way.
    fresh = cadence_status([], [], now=NOW)
    assert (fresh.unanswered, fresh.limit, fresh.last_left_at, fresh.earliest) == (
        5 - 5,
        5,
        None,
        NOW,
    )
    assert (fresh.stop, fresh.advice) == (False, "")
    # One voicemail, answered at the same moment it was left... then one more since.
    answered = cadence_status([NOW - 3 * day], [NOW - 3 * day], now=NOW)
    assert (answered.unanswered, answered.last_left_at, answered.advice) == (0, NOW - 3 * day, "")
    # A voicemail left exactly now counts; one left a day from now does not.
    now_left = cadence_status([NOW, NOW + day], [], now=NOW)
    assert (now_left.unanswered, now_left.limit, now_left.last_left_at, now_left.earliest) == (
        1,
        5,
        NOW,
        NOW + 7 * day,
    )
    assert now_left.advice == (
        "1 of 5 voicemails without a call back; "
        "leave the next one no sooner than 7 days after the last."
    )
    # A callback exactly now resets the count.
    reset = cadence_status([NOW - 2 * day], [NOW], now=NOW)
    assert reset.unanswered == 0 and not reset.stop
    # Five unanswered: stop, with every figure.
    five = [NOW - k * 7 * day for k in range(5)]
    stop = cadence_status(five, [], now=NOW)
    assert (stop.unanswered, stop.limit, stop.last_left_at, stop.earliest, stop.stop) == (
        5,
        5,
        NOW,
        NOW,
        True,
    )
    assert stop.advice.startswith("5 voicemails without a call back. Stop here:")


def test_a_one_day_spacing_says_day_not_days() -> None:
    one_day = dataclasses.replace(POLICY, spacing_days=1)
    status = cadence_status([NOW], [], now=NOW, policy=one_day)
    assert status.advice.endswith("no sooner than 1 day after the last.")
    half = dataclasses.replace(POLICY, spacing_days=1.5)
    assert cadence_status([NOW], [], now=NOW, policy=half).advice.endswith(
        "than 1.5 days after the last."
    )
