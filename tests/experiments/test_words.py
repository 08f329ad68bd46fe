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
    ],
)
def test_chance_phrases(chance: float | None, phrase: str) -> None:
    assert chance_phrase(chance) == phrase


def test_percent_never_reads_certain() -> None:
    assert (percent(0.999), percent(0.001), percent(0.4)) == (">99%", "<1%", "40%")


def test_every_reason_has_words() -> None:
    assert all(reason_phrase(r) for r in Reason)
