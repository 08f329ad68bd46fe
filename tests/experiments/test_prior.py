"""Empirical-Bayes priors: recovered strength, guards and fallback."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from callworthy.experiments import Reason, fit_segment_prior, fit_team_prior


def test_team_prior_recovers_mean_and_strength() -> None:
    rng = np.random.default_rng(5)
    n = rng.integers(20, 200, 400)
    k = rng.binomial(n, rng.beta(3.0, 27.0, 400))  # mean 0.1, worth 30 voicemails
    fit = fit_team_prior(k, n)
    assert fit.kind == "team"
    assert fit.mean == pytest.approx(0.1, abs=0.01)
    assert 20 <= fit.strength <= 45


def test_alike_strategies_get_the_maximum_strength() -> None:
    rng = np.random.default_rng(6)
    n = rng.integers(50, 100, 30)
    k = rng.binomial(n, 0.1)
    assert fit_team_prior(k, n, max_strength=80.0).strength == 80.0


def test_very_different_strategies_get_the_minimum_strength() -> None:
    fit = fit_team_prior([1, 99], [100, 100], min_strength=2.0)
    assert fit.strength == 2.0
    assert fit.alpha > 0.0 and fit.beta > 0.0


@pytest.mark.parametrize(("k", "n"), [([], []), ([3], [10]), ([0, 1], [1, 1])])
def test_too_little_data_falls_back_to_flat(k: list[int], n: list[int]) -> None:
    fit = fit_team_prior(k, n)
    assert (fit.kind, fit.alpha, fit.beta) == ("flat", 1.0, 1.0)
    assert fit.reasons == (Reason.PRIOR_FALLBACK,)


def test_segment_prior_strength_within_strategies() -> None:
    rng = np.random.default_rng(8)
    base = rng.uniform(0.05, 0.3, 6)
    rates = rng.beta(base * 20.0, (1.0 - base) * 20.0, (80, 6))  # segments worth 20 voicemails
    n = rng.integers(20, 80, (80, 6))
    fit = fit_segment_prior(rng.binomial(n, rates), n)
    assert fit.kind == "segment"
    assert 13 <= fit.strength <= 30


@pytest.mark.parametrize("rate", [0, 1])
def test_strategies_with_no_spread_at_all_get_the_maximum_strength(rate: int) -> None:
    # Every strategy at 0% (or 100%): no spread between or within, rho is exactly 0.
    fit = fit_team_prior([10 * rate] * 3, [10] * 3, max_strength=60.0)
    assert (fit.kind, fit.strength) == ("team", 60.0)
    assert fit.mean == pytest.approx((30 * rate + 1) / 32)


def test_a_tiny_spread_is_capped_at_the_maximum_strength() -> None:
    # rho is about 0.004 here: 1/rho - 1 is about 259 voicemails, more than the cap.
    assert fit_team_prior([20, 24, 28, 32], [100] * 4).strength == 100.0


def test_a_strategy_with_one_voicemail_or_none_leaves_the_segment_prior_alone() -> None:
    k = [[4, 30], [10, 20], [16, 12]]
    n = [[40, 60], [40, 60], [40, 60]]
    plain = fit_segment_prior(k, n).strength
    assert 2.0 < plain < 100.0  # neither bound: the estimate itself
    one = fit_segment_prior(
        [[0, *k[0]], [0, *k[1]], [1, *k[2]]], [[0, *n[0]], [0, *n[1]], [1, *n[2]]]
    )
    assert one.strength == pytest.approx(plain, rel=1e-12)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no division by an empty strategy's zero
        none = fit_segment_prior([[0, *row] for row in k], [[0, *row] for row in n])
    assert none.strength == pytest.approx(plain, rel=1e-12)
