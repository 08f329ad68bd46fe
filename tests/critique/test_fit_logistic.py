"""The regression behind the learned weights: the optimum it reaches, checked by the maths.

Each fit is checked against what defines it, not against one run's floats: at the MAP
estimate the penalised log-likelihood's gradient is zero (the intercept's residuals sum to
0; each free coefficient's residuals equal w / prior_sd^2), and a one-feature separable
case has a root SciPy's `brentq` finds on its own. The tolerances are the optimiser's
(`gtol` 1e-9 on the gradient), with room for rounding.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from numpy.typing import NDArray
from scipy.optimize import brentq  # type: ignore[import-untyped]  # SciPy ships no types
from scipy.special import expit  # type: ignore[import-untyped]

from callworthy.critique.fit.logistic import LogisticFit, fit_logistic

# Three feature patterns with mixed labels: no coefficient is pinned, none runs off.
X = np.array([[1.0, 0.0]] * 4 + [[0.0, 1.0]] * 3 + [[1.0, 1.0]] * 2 + [[0.0, 0.0]] * 3)
Y = np.array([1, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0], dtype=float)
FREE = [(None, None), (None, None)]
#: The gradient at the optimum: the optimiser stops below 1e-9; 1e-6 leaves room for rounding.
GRADIENT = 1e-6


def residuals(
    fit: LogisticFit, x: NDArray[np.float64], y: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Return y - P(y=1) per row under the fitted model."""
    p: NDArray[np.float64] = expit(fit.intercept + x @ np.array(fit.coefficients))
    return y - p


@pytest.mark.parametrize("prior_sd", [0.5, 1.0, 3.0])
def test_the_fit_is_the_penalised_optimum_for_each_prior(prior_sd: float) -> None:
    fit = fit_logistic(X, Y, FREE, prior_sd=prior_sd)
    r = residuals(fit, X, Y)
    assert fit.converged is True
    assert abs(r.sum()) < GRADIENT  # the intercept is not penalised
    expected = np.array(fit.coefficients) / prior_sd**2
    assert np.allclose(X.T @ r, expected, rtol=0, atol=GRADIENT)
    assert fit.coefficients[0] > 0 > fit.coefficients[1]  # the data's direction, shrunk


def test_the_default_prior_is_a_standard_normal() -> None:
    fit = fit_logistic(X, Y, FREE)
    assert np.allclose(X.T @ residuals(fit, X, Y), fit.coefficients, rtol=0, atol=GRADIENT)
    assert fit == fit_logistic(X, Y, FREE, prior_sd=1.0)


def test_separable_data_gives_the_finite_weight_the_prior_allows() -> None:
    # Two good rows with the feature, two bad without: unpenalised, w runs to infinity. With
    # the prior, symmetry gives b = -w/2 and the optimum solves 2 * sigmoid(-w/2) = w / sd^2.
    x = np.array([[1.0], [1.0], [0.0], [0.0]])
    y = np.array([1.0, 1.0, 0.0, 0.0])
    for prior_sd in (0.5, 1.0, 2.0):
        w = brentq(lambda v, sd=prior_sd: 2 * expit(-v / 2) - v / sd**2, 0.0, 50.0, xtol=1e-12)
        fit = fit_logistic(x, y, [(None, None)], prior_sd=prior_sd)
        assert fit.coefficients[0] == pytest.approx(w, abs=1e-6)
        assert fit.intercept == pytest.approx(-w / 2, abs=1e-6)


def test_one_class_only_leaves_the_weights_at_nothing() -> None:
    # Every row good: the intercept alone carries it; no feature has evidence either way.
    fit = fit_logistic(X, np.ones(len(X)), FREE)
    assert fit.converged is True
    assert fit.intercept > 10  # P(good) within 1e-4 of 1
    assert all(abs(c) < 1e-3 for c in fit.coefficients)


def test_a_bounded_coefficient_stops_at_its_bound_with_the_data_pushing_past_it() -> None:
    # The first feature favours y=1 but may not be positive: it stays at 0, and the
    # gradient there points past the bound; the free one is still at its optimum.
    fit = fit_logistic(X, Y, [(None, 0.0), (None, None)])
    r = residuals(fit, X, Y)
    assert fit.coefficients[0] == 0.0
    assert (X.T @ r)[0] > 0.1
    assert (X.T @ r)[1] == pytest.approx(fit.coefficients[1], abs=GRADIENT)
    assert abs(r.sum()) < GRADIENT


def test_the_optimiser_takes_every_setting_it_is_given() -> None:
    # SciPy warns of an option it does not know (a misspelt one would be ignored).
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit = fit_logistic(X, Y, FREE, prior_sd=0.7)
    assert fit.converged is True


@pytest.mark.parametrize(("bounds", "count"), [([(None, None)], 1), ([(None, None)] * 3, 3)])
def test_a_bound_per_feature_is_required(bounds: list[tuple[None, None]], count: int) -> None:
    with pytest.raises(ValueError, match=rf"^{count} bounds for 2 features$"):
        fit_logistic(X, Y, bounds)


def test_the_textbook_odds_ratio_is_reached_without_a_prior() -> None:
    # One binary feature: the MLE is the log odds ratio of the 2x2 table (a closed form).
    x = np.array([[1.0]] * 10 + [[0.0]] * 10)
    y = np.array([1.0] * 8 + [0.0] * 2 + [1.0] * 3 + [0.0] * 7)
    fit = fit_logistic(x, y, [(None, None)], prior_sd=1e6)
    assert fit.intercept == pytest.approx(math.log(3 / 7), abs=1e-5)
    assert fit.coefficients[0] == pytest.approx(math.log(8 / 2) - math.log(3 / 7), abs=1e-5)
