"""The callback window: matured vs pending, which callbacks count, and why it matters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from callworthy.experiments import (
    Attempt,
    CountTable,
    ExperimentInputError,
    Settings,
    count,
    observe,
    summarise,
)

from .helpers import NOW


def one(days_ago: float, callback_after: float | None) -> Attempt:
    left = NOW - timedelta(days=days_ago)
    back = None if callback_after is None else left + timedelta(days=callback_after)
    return Attempt("tip", left, back)


def test_matured_pending_and_counted_callbacks() -> None:
    obs = observe(
        [
            one(20, 3),  # matured, called back within W: a success
            one(20, 15),  # matured, called back after W: a failure
            one(20, None),  # matured, never called back: a failure
            one(5, 1),  # pending, already called back
            one(5, None),  # pending: not a failure
            one(-1, None),  # left after now: does not exist yet
            one(16, 20),  # callback after now: not known as of now
        ],
        NOW,
        Settings(window_days=14),
    )
    assert obs.matured.tolist() == [True, True, True, False, False, True]
    assert obs.called_back.tolist() == [True, False, False, True, False, False]
    # Days observed: to the callback, else min(now, left + W) - left.
    np.testing.assert_allclose(obs.days, [3, 14, 14, 1, 5, 14])
    table = count(obs, ["tip"])
    assert (table.voicemails[0, 0], table.matured[0, 0], table.pending[0, 0]) == (6, 4, 2)
    assert (table.callbacks[0, 0], table.pending_callbacks[0, 0]) == (1, 1)


def test_window_is_configurable() -> None:
    obs = observe([one(10, 8)], NOW, Settings(window_days=7))
    assert obs.matured.tolist() == [True]
    assert obs.called_back.tolist() == [False]


def test_naive_times_and_impossible_callbacks_are_errors() -> None:
    naive = datetime(2026, 4, 1, 9, 0)
    with pytest.raises(ExperimentInputError, match="no time zone"):
        Attempt("tip", naive)
    left = NOW - timedelta(days=3)
    with pytest.raises(ExperimentInputError, match="before the voicemail"):
        Attempt("tip", left, left - timedelta(hours=1))
    with pytest.raises(ExperimentInputError, match="no time zone"):
        observe([], naive, Settings())
    with pytest.raises(ExperimentInputError, match="out of range"):
        Settings(window_days=0)


def test_counts_table_rejects_impossible_counts() -> None:
    with pytest.raises(ExperimentInputError, match="callbacks <= matured"):
        CountTable.from_counts(["a"], [3], [2], [5])


def test_counting_pending_as_failures_biases_low_but_matured_does_not() -> None:
    rng = np.random.default_rng(42)
    n, truth, window = 20_000, 0.2, 14.0
    ages = rng.uniform(0.0, 60.0, n)
    called = rng.random(n) < truth
    # Delays: exponential, mean 4 days, truncated to the window (inverse CDF).
    cap = 1.0 - np.exp(-window / 4.0)
    delays = -4.0 * np.log1p(-rng.random(n) * cap)
    log = [
        Attempt(
            "tip",
            NOW - timedelta(days=float(age)),
            NOW - timedelta(days=float(age - delay)) if hit and delay <= age else None,
        )
        for age, hit, delay in zip(ages, called, delays, strict=True)
    ]
    row = summarise(log, NOW, Settings(window_days=window)).strategies[0]
    naive = (row.callbacks + row.pending_callbacks) / row.voicemails
    matured = row.callbacks / row.matured
    assert naive < truth - 0.012  # pending counted as failures: biased low
    assert abs(matured - truth) < 0.01
    assert row.rate_mean is not None and abs(row.rate_mean - truth) < 0.01


def test_observations_keep_segments() -> None:
    left = datetime(2026, 3, 1, tzinfo=UTC)
    obs = observe([Attempt("tip", left, rep="ann", industry=None)], NOW, Settings())
    assert obs.segment("rep") == ("ann",)
    assert count(obs, ["tip"], "industry").segments == ()
