"""Plain words for reps."""

from __future__ import annotations

import pytest

from callworthy.experiments import Reason, chance_phrase, percent, reason_phrase


@pytest.mark.parametrize(
    ("chance", "phrase"),
    [
        (0.96, "very likely better than the baseline (96%)"),
        (0.85, "probably better than the baseline (85%)"),
        (0.5, "can't tell yet (50%)"),
        (0.15, "probably worse than the baseline (15%)"),
        (0.02, "very likely worse than the baseline (2%)"),
        (None, "can't tell yet"),
        # Each threshold belongs to the stronger words; a hair inside it does not.
        (0.95, "very likely better than the baseline (95%)"),
        (0.9499, "probably better than the baseline (95%)"),
        (0.80, "probably better than the baseline (80%)"),
        (0.7999, "can't tell yet (80%)"),
        (0.2001, "can't tell yet (20%)"),
        (0.20, "probably worse than the baseline (20%)"),
        (0.0501, "probably worse than the baseline (5%)"),
        (0.05, "very likely worse than the baseline (5%)"),
    ],
)
def test_chance_phrases(chance: float | None, phrase: str) -> None:
    assert chance_phrase(chance) == phrase


def test_percent_never_reads_certain() -> None:
    assert (percent(0.999), percent(0.001), percent(0.4)) == (">99%", "<1%", "40%")
    # Rounded to a whole percent; only what rounds to 0 or 100 is held back.
    assert [percent(c) for c in (0.994, 0.996, 0.006, 0.004, 1.0, 0.0)] == [
        "99%",
        ">99%",
        "1%",
        "<1%",
        ">99%",
        "<1%",
    ]


def test_the_chance_is_said_against_the_named_message() -> None:
    assert chance_phrase(0.97, "your usual message") == (
        "very likely better than your usual message (97%)"
    )
    assert chance_phrase(0.1, "Value tip") == "probably worse than Value tip (10%)"


def test_each_reason_has_its_own_sentence() -> None:
    said = {r: reason_phrase(r) for r in Reason}
    assert len(set(said.values())) == len(said)
    assert said[Reason.NO_VOICEMAILS] == "no voicemails yet"
    assert said[Reason.NO_MATURED_DATA] == (
        "not enough data yet: every voicemail is still in its callback window"
    )


def test_every_reason_has_words() -> None:
    assert all(reason_phrase(r) for r in Reason)
