"""L2-regularised logistic regression with bounds, by L-BFGS-B (scipy), deterministic.

The model (Hastie, Tibshirani & Friedman, *The Elements of Statistical
Learning*, 2nd ed., section 4.4): P(good | x) = sigmoid(b + x.w). The fit
maximises the log-likelihood minus sum(w_j^2) / (2 * prior_sd^2) — the MAP
estimate under independent Normal(0, prior_sd^2) priors on the coefficients
(the intercept b is not penalised). Each coefficient may be bounded, which is
how a problem's weight is kept at or below 0 and a strength's at or above 0.
Starting from zero, L-BFGS-B gives the same answer on every run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import minimize  # type: ignore[import-untyped]  # SciPy ships no types
from scipy.special import expit, log_expit  # type: ignore[import-untyped]

Bound = tuple[float | None, float | None]


@dataclass(frozen=True, slots=True)
class LogisticFit:
    """The fitted intercept and coefficients, and whether the optimiser converged."""

    intercept: float
    coefficients: tuple[float, ...]
    converged: bool


def _objective(
    params: NDArray[np.float64], x: NDArray[np.float64], y: NDArray[np.float64], penalty: float
) -> tuple[float, NDArray[np.float64]]:
    """Return the negative penalised log-likelihood and its gradient."""
    b, w = params[0], params[1:]
    z = b + x @ w
    # log p = log_expit(z), log (1 - p) = log_expit(-z): stable for large |z|.
    loss = -float(np.sum(y * log_expit(z) + (1 - y) * log_expit(-z)))
    loss += 0.5 * penalty * float(w @ w)
    residual = expit(z) - y
    grad = np.empty_like(params)
    grad[0] = residual.sum()
    grad[1:] = x.T @ residual + penalty * w
    return loss, grad


def fit_logistic(
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    bounds: Sequence[Bound],
    prior_sd: float = 1.0,
) -> LogisticFit:
    """Fit P(y=1) = sigmoid(b + x.w) with a Normal(0, prior_sd^2) prior on w, within bounds."""
    n_features = x.shape[1]
    if len(bounds) != n_features:
        raise ValueError(f"{len(bounds)} bounds for {n_features} features")
    start = np.zeros(n_features + 1)
    result = minimize(
        _objective,
        start,
        args=(x, y, 1.0 / prior_sd**2),
        jac=True,
        method="L-BFGS-B",
        bounds=[(None, None), *bounds],
        options={"maxiter": 2000, "ftol": 1e-12, "gtol": 1e-9},
    )
    params = result.x
    return LogisticFit(float(params[0]), tuple(float(v) for v in params[1:]), bool(result.success))
