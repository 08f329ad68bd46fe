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


def reference_rho(strata: list[list[tuple[int, int]]]) -> float | None:
    """The one-way ANOVA estimator (Fleiss, Levin & Paik §15.4), loop by loop: groups of
    (callbacks, matured) within strata, each group centred on its stratum's pooled rate."""
    strata = [[(k, n) for k, n in groups if n > 0] for groups in strata]
    strata = [groups for groups in strata if groups]
    cells = [cell for groups in strata for cell in groups]
    total = sum(n for _, n in cells)
    between_df, within_df = len(cells) - len(strata), total - len(cells)
    if between_df < 1 or within_df < 1:
        return None
    msb = msw = n0 = 0.0
    for groups in strata:
        size = sum(n for _, n in groups)
        centre = sum(k for k, _ in groups) / size
        for k, n in groups:
            msb += n * (k / n - centre) ** 2
            msw += n * (k / n) * (1 - k / n)
        n0 += size - sum(n * n for _, n in groups) / size
    msb, msw, n0 = msb / between_df, msw / within_df, n0 / between_df
    denominator = msb + (n0 - 1) * msw
    return 0.0 if denominator <= 0 else (msb - msw) / denominator


TEAMS = [
    [(2, 10), (8, 10)],  # two strategies: one degree of freedom between them
    [(1, 1), (0, 2)],  # a strategy of one voicemail counts; one degree of freedom within
    [(3, 40), (5, 35), (9, 50), (0, 0), (4, 22)],  # a strategy with nothing matured is left out
    [(10, 100), (11, 100), (9, 100)],  # alike: the estimate is at or below 0
    [(0, 5), (5, 5)],  # as different as can be
]


@pytest.mark.parametrize("table", TEAMS)
def test_the_team_prior_is_the_anova_estimate_exactly(table: list[tuple[int, int]]) -> None:
    k, n = [c for c, _ in table], [m for _, m in table]
    rho = reference_rho([table])
    assert rho is not None
    fit = fit_team_prior(k, n, min_strength=0.5, max_strength=60.0)
    expected = 60.0 if rho <= 0 else min(60.0, max(0.5, 1 / rho - 1))
    assert fit.strength == pytest.approx(expected, rel=1e-12)
    assert fit.mean == pytest.approx((sum(k) + 1) / (sum(n) + 2), rel=1e-15)
    assert (fit.kind, fit.reasons) == ("team", ())
    assert fit.alpha == pytest.approx(fit.mean * fit.strength)
    assert fit.beta == pytest.approx((1 - fit.mean) * fit.strength)


def test_the_default_strength_is_worth_two_to_a_hundred_voicemails() -> None:
    assert fit_team_prior([10, 11, 9], [100, 100, 100]).strength == 100.0
    assert fit_team_prior([0, 5], [5, 5]).strength == 2.0
    alike = fit_segment_prior([[10, 3], [11, 3], [9, 3]], [[100, 30]] * 3)
    assert alike.strength == 100.0
    apart = fit_segment_prior([[0, 0], [5, 10]], [[5, 10], [5, 10]])
    assert apart.strength == 2.0


SEGMENTS = [
    # rows: segments (reps); columns: strategies. Each column is centred on its own rate.
    ([[2, 9], [8, 1]], [[10, 10], [10, 10]]),
    ([[1, 30], [4, 10], [0, 0]], [[20, 60], [20, 40], [0, 0]]),  # an empty segment
    ([[3, 0], [5, 0], [7, 0]], [[30, 0], [25, 0], [40, 0]]),  # a strategy never used
]


@pytest.mark.parametrize(("k", "n"), SEGMENTS)
def test_the_segment_prior_is_the_anova_estimate_within_strategies(
    k: list[list[int]], n: list[list[int]]
) -> None:
    strata = [[(k[r][c], n[r][c]) for r in range(len(k))] for c in range(len(k[0]))]
    rho = reference_rho(strata)
    assert rho is not None
    fit = fit_segment_prior(k, n, min_strength=0.25, max_strength=70.0)
    expected = 70.0 if rho <= 0 else min(70.0, max(0.25, 1 / rho - 1))
    assert fit.strength == pytest.approx(expected, rel=1e-12)
    assert (fit.kind, fit.mean, fit.reasons) == ("segment", 0.5, ())


def test_the_hand_computed_two_strategy_case() -> None:
    # r = 0.2 and 0.8 over 10 each: MSB 1.8, MSW 3.2/18, n0 10, so rho = 1.6222 / 3.4.
    rho = (1.8 - 3.2 / 18) / (1.8 + 9 * 3.2 / 18)
    fit = fit_team_prior([2, 8], [10, 10], min_strength=0.1)
    assert fit.strength == pytest.approx(1 / rho - 1, rel=1e-12)  # about 1.096
    assert fit.mean == 0.5


def test_segments_need_two_groups_in_some_strategy() -> None:
    two = fit_segment_prior([[1], [2]], [[10], [10]])  # two segments of one strategy: 1 df
    assert (two.kind, two.reasons) == ("segment", ())
    alone = fit_segment_prior([[1, 2]], [[10, 10]])  # one segment per strategy: none
    assert (alone.kind, alone.reasons) == ("flat", (Reason.PRIOR_FALLBACK,))


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
