"""Kaplan–Meier time to callback, with censoring."""

from __future__ import annotations

import math
import warnings
from datetime import timedelta

import pytest

from callworthy.experiments import Attempt, Reason, Settings, callback_curve, kaplan_meier

from .helpers import NOW


def test_matches_hand_computed_example_with_censoring() -> None:
    # Days 1..6; callbacks at 1, 2, 3, 5; censored at 2, 4, 6.
    curve = kaplan_meier([1, 2, 2, 3, 4, 5, 6], [1, 1, 0, 1, 0, 1, 0])
    assert curve.days == (1, 2, 3, 4, 5, 6)
    assert curve.at_risk == (7, 6, 4, 3, 2, 1)
    assert curve.callbacks == (1, 1, 1, 0, 1, 0)
    assert curve.censored == (0, 1, 0, 1, 0, 1)
    by_hand = [6 / 7, 5 / 7, 15 / 28, 15 / 28, 15 / 56, 15 / 56]
    assert curve.survival == pytest.approx(by_hand)
    greenwood = 1 / (7 * 6) + 1 / (6 * 5) + 1 / (4 * 3) + 1 / (2 * 1)
    assert curve.variance[4] == pytest.approx((15 / 56) ** 2 * greenwood)
    assert curve.called_back[2] == pytest.approx(13 / 28)


def test_log_log_band_by_hand_and_inside_unit_interval() -> None:
    curve = kaplan_meier([1, 2, 2, 3, 4, 5, 6], [1, 1, 0, 1, 0, 1, 0])
    s, sum_d = 15 / 28, 1 / 42 + 1 / 30 + 1 / 12
    se = math.sqrt(sum_d) / abs(math.log(s))
    z = 1.959963984540054
    assert curve.ci_low[2] == pytest.approx(s ** math.exp(z * se))
    assert curve.ci_high[2] == pytest.approx(s ** math.exp(-z * se))
    assert all(
        0 <= lo <= s <= hi <= 1
        for lo, s, hi in zip(curve.ci_low, curve.survival, curve.ci_high, strict=True)
    )


def test_pending_voicemails_are_censored_at_their_age() -> None:
    left_old, left_new = NOW - timedelta(days=30), NOW - timedelta(days=4)
    log = [
        Attempt("tip", left_old, left_old + timedelta(days=2)),
        Attempt("tip", left_old),  # matured, never: censored at W = 14
        Attempt("tip", left_new),  # pending: censored at 4 days, not a failure
        Attempt("joke", left_old, left_old + timedelta(days=1)),
    ]
    curve = callback_curve(log, NOW, Settings(window_days=14), strategy="tip")
    assert curve.days == (2, 4, 14)
    assert curve.survival == pytest.approx([2 / 3, 2 / 3, 2 / 3])
    assert curve.censored == (0, 1, 1)
    assert callback_curve(log, NOW).voicemails == 4


def test_no_callbacks_and_no_voicemails_are_reasons() -> None:
    assert kaplan_meier([3, 4], [0, 0]).reasons == (Reason.NO_EVENTS,)
    empty = kaplan_meier([], [])
    assert empty.reasons == (Reason.NO_VOICEMAILS,)
    assert empty.survival == ()


def test_a_curve_that_reaches_zero_has_no_variance_or_band_there() -> None:
    # A censoring on day 1 (nobody called back yet: S = 1), then everyone called back.
    curve = kaplan_meier([1, 2, 3, 3], [0, 1, 1, 1], level=0.9, strategy="tip")
    assert curve.survival == pytest.approx([1.0, 2 / 3, 0.0])
    assert (curve.ci_low[0], curve.ci_high[0], curve.variance[0]) == (1.0, 1.0, 0.0)
    assert (curve.ci_low[2], curve.ci_high[2], curve.variance[2]) == (0.0, 0.0, 0.0)
    assert curve.variance[1] == pytest.approx((2 / 3) ** 2 * (1 / (3 * 2)))
    assert (curve.strategy, curve.level, curve.reasons) == ("tip", 0.9, ())
    s, se = 2 / 3, math.sqrt(1 / 6) / abs(math.log(2 / 3))
    z = 1.6448536269514722  # the 95th percentile: a 90% band
    assert curve.ci_low[1] == pytest.approx(s ** math.exp(z * se), rel=1e-12)
    assert curve.ci_high[1] == pytest.approx(s ** math.exp(-z * se), rel=1e-12)


def test_the_curve_takes_its_level_from_the_settings() -> None:
    left = NOW - timedelta(days=30)
    log = [
        Attempt("tip", left, left + timedelta(days=2)),
        Attempt("tip", left),
        Attempt("joke", left, left + timedelta(days=1)),
        Attempt("joke", left),
    ]
    wide = callback_curve(log, NOW, Settings(credible_level=0.99))
    narrow = callback_curve(log, NOW, Settings(credible_level=0.5), strategy="tip")
    assert (wide.level, wide.strategy, narrow.level, narrow.strategy) == (0.99, None, 0.5, "tip")
    assert narrow.voicemails == 2 and wide.voicemails == 4
    reference = kaplan_meier([2, 14], [1, 0], level=0.5)
    assert narrow.ci_low == pytest.approx(reference.ci_low)
    assert narrow.ci_low[0] > kaplan_meier([2, 14], [1, 0], level=0.99).ci_low[0]


def test_a_curve_that_reaches_zero_is_computed_without_a_numpy_warning() -> None:
    """Greenwood's sum divides by zero there on purpose: no warning in the server's log."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        curve = kaplan_meier([1, 2, 2], [1, 1, 1])
    assert curve.survival[-1] == 0.0


def test_days_are_floats_however_they_were_given() -> None:
    curve = kaplan_meier([1, 3], [True, False])
    assert curve.days == (1.0, 3.0) and all(type(d) is float for d in curve.days)


def test_a_strategy_with_no_voicemail_has_an_empty_curve() -> None:
    for log in ([], [Attempt("joke", NOW - timedelta(days=30))]):
        curve = callback_curve(log, NOW, strategy="tip")
        assert (curve.voicemails, curve.days, curve.strategy) == (0, (), "tip")
        assert curve.reasons == (Reason.NO_VOICEMAILS,)
