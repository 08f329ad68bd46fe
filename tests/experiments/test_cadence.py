"""The contact cadence: one policy for `next`, Diagnose and the web; its examples hold."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

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
    with pytest.raises(DataFileError, match="spacing_days"):
        load_cadence(bad)
