"""Beta posteriors of a callback rate: mean, interval, chance to beat, chance best, loss.

A rate p with a Beta(a, b) prior and k callbacks of n matured voicemails has the
Beta(a + k, b + n - k) posterior (conjugate Beta–Binomial update; Gelman et al.,
*Bayesian Data Analysis*, 3rd ed., §2.4). Everything here works on numpy arrays
so a whole team's table is one call; chances are raw here (they may be 0 or 1)
and are clamped for display by `clamp_chance`.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from callworthy.experiments._scipy import (
    beta_cdf,
    beta_ppf,
    beta_sf,
    betaln,
    hypergeom_sf,
    legendre_nodes,
)

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

CHANCE_FLOOR = 0.001
"""Displayed chances never go below 0.1%: no finite sample makes anything impossible."""
CHANCE_CEIL = 0.999
"""Displayed chances never go above 99.9%: no finite sample makes anything certain."""

# Chance-best grid (see `chance_best`): how far past the means the grid reaches (in
# posterior standard deviations), and how many cells per standard deviation.
_REACH_SD = 8.0
_CELLS_PER_SD = 2.0
_MIN_CELLS = 16
_MAX_CELLS = 160
_BELOW_GRID = 1e-9
_ABOVE_GRID = 1e-12
_LOG_ZERO = -1e4
_TOP_ARMS = 16
_BISECTIONS = 30

# Quadrature for non-integer parameters (see `chance_to_beat`): composite Gauss–Legendre.
_PANELS = 8
_NODES_PER_PANEL = 6


def _arr(value: npt.ArrayLike) -> FloatArray:
    return np.asarray(value, dtype=np.float64)


def posterior(
    callbacks: npt.ArrayLike,
    matured: npt.ArrayLike,
    prior_alpha: npt.ArrayLike = 1.0,
    prior_beta: npt.ArrayLike = 1.0,
) -> tuple[FloatArray, FloatArray]:
    """Return the Beta posterior (a + k, b + n - k) of k callbacks in n matured voicemails."""
    k, n = _arr(callbacks), _arr(matured)
    return _arr(prior_alpha) + k, _arr(prior_beta) + (n - k)


def posterior_mean(a: npt.ArrayLike, b: npt.ArrayLike) -> FloatArray:
    """Return the Beta mean a / (a + b)."""
    a_, b_ = _arr(a), _arr(b)
    return a_ / (a_ + b_)


def posterior_sd(a: npt.ArrayLike, b: npt.ArrayLike) -> FloatArray:
    """Return the Beta standard deviation sqrt(ab / ((a+b)^2 (a+b+1)))."""
    a_, b_ = _arr(a), _arr(b)
    s = a_ + b_
    return np.sqrt(a_ * b_ / (s * s * (s + 1.0)))


def credible_interval(
    a: npt.ArrayLike, b: npt.ArrayLike, level: float = 0.95
) -> tuple[FloatArray, FloatArray]:
    """Return the equal-tailed interval: Beta quantiles (1-level)/2 and (1+level)/2."""
    tail = (1.0 - level) / 2.0
    return beta_ppf(tail, a, b), beta_ppf(1.0 - tail, a, b)


def clamp_chance(p: npt.ArrayLike) -> FloatArray:
    """Clamp chances into [0.001, 0.999] for display (NaN, meaning "not computed", stays)."""
    return np.clip(_arr(p), CHANCE_FLOOR, CHANCE_CEIL)


def _is_integer(x: FloatArray) -> BoolArray:
    return np.asarray((x == np.round(x)) & (x >= 1.0) & (x < 2.0**52), dtype=np.bool_)


def chance_to_beat(
    a: npt.ArrayLike, b: npt.ArrayLike, base_a: npt.ArrayLike, base_b: npt.ArrayLike
) -> FloatArray:
    """Return P(Y > X), Y ~ Beta(a, b), X ~ Beta(base_a, base_b), exactly (no normal approximation).

    Integer parameters (the flat prior): Beta(a, b) is the a-th smallest of a+b-1
    uniforms, so with n1 = base_a + base_b - 1 and n2 = a + b - 1 pooled, X < Y
    exactly when at least base_a of the first base_a + a - 1 pooled values come from
    X's sample: a hypergeometric tail, P = HypGeom(n1 + n2, n1, base_a + a - 1).sf(base_a - 1).
    This is the same number as Evan Miller's sum ("Formulas for Bayesian A/B
    testing", 2015) and is checked against it in the tests. Other parameters (the
    team prior): composite Gauss–Legendre (8 panels × 6 nodes) in the scale of the
    narrower posterior, where the other CDF is smooth: ∫_0^1 S_Y(Q_X(u)) du when X
    is narrower, else ∫ f_Y(x) F_X(x) dx over Y's mean ± 8 sd (Y's quantile scale
    when its density is unbounded). Agrees with scipy.integrate.quad to ~1e-4.
    """
    ya, yb, xa, xb = np.broadcast_arrays(_arr(a), _arr(b), _arr(base_a), _arr(base_b))
    out = np.empty(ya.shape, dtype=np.float64)
    exact = _is_integer(ya) & _is_integer(yb) & _is_integer(xa) & _is_integer(xb)
    if exact.any():
        n1, n2 = xa[exact] + xb[exact] - 1.0, ya[exact] + yb[exact] - 1.0
        draws = xa[exact] + ya[exact] - 1.0
        out[exact] = hypergeom_sf(xa[exact] - 1.0, n1 + n2, n1, draws)
    rest = ~exact
    if rest.any():
        out[rest] = _beat_by_quadrature(ya[rest], yb[rest], xa[rest], xb[rest])
    return np.clip(out, 0.0, 1.0)


def _composite_nodes(lo: FloatArray, hi: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Return composite Gauss–Legendre nodes and weights on each [lo, hi] (one row each)."""
    nodes, weights = legendre_nodes(_NODES_PER_PANEL)
    left = np.arange(_PANELS, dtype=np.float64)[:, None] / _PANELS
    t = (left + (nodes[None, :] + 1.0) / (2.0 * _PANELS)).ravel()
    w = np.tile(weights / (2.0 * _PANELS), _PANELS)
    # s = (1 - cos πt) / 2 crowds the nodes toward both ends, where Beta densities and
    # quantile functions have their algebraic singularities.
    s = (1.0 - np.cos(np.pi * t)) / 2.0
    w = w * np.pi / 2.0 * np.sin(np.pi * t)
    span = (hi - lo)[:, None]
    return lo[:, None] + span * s[None, :], span * w[None, :]


def _log_pdf(x: FloatArray, a: FloatArray, b: FloatArray) -> FloatArray:
    return np.asarray(
        (a - 1.0) * np.log(x) + (b - 1.0) * np.log1p(-x) - betaln(a, b), dtype=np.float64
    )


def _beat_by_quadrature(
    ya: FloatArray, yb: FloatArray, xa: FloatArray, xb: FloatArray
) -> FloatArray:
    out = np.empty(ya.shape, dtype=np.float64)
    # Integrate in the scale of the narrower posterior, where the other one's CDF is smooth.
    x_narrower = posterior_sd(xa, xb) <= posterior_sd(ya, yb)
    if x_narrower.any():
        out[x_narrower] = _in_baseline_quantiles(
            ya[x_narrower], yb[x_narrower], xa[x_narrower], xb[x_narrower]
        )
    regular = ~x_narrower & (ya >= 1.0) & (yb >= 1.0)
    if regular.any():
        out[regular] = _over_arm_density(ya[regular], yb[regular], xa[regular], xb[regular])
    spiky = ~x_narrower & ~regular
    if spiky.any():
        # Density unbounded at 0 or 1: integrate E_Y[F_X(Y)] in Y's own quantile scale.
        ones = np.ones(int(spiky.sum()))
        u, w = _composite_nodes(0.0 * ones, ones)
        q = beta_ppf(u, ya[spiky][:, None], yb[spiky][:, None])
        out[spiky] = (beta_cdf(q, xa[spiky][:, None], xb[spiky][:, None]) * w).sum(axis=1)
    return out


def _in_baseline_quantiles(
    ya: FloatArray, yb: FloatArray, xa: FloatArray, xb: FloatArray
) -> FloatArray:
    """Return ∫_0^1 S_Y(Q_X(u)) du; X's quantiles are shared by all arms with one baseline."""
    pairs = np.stack([xa, xb], axis=1)
    uniq, inverse = np.unique(pairs, axis=0, return_inverse=True)
    ones = np.ones(1)
    u, w = _composite_nodes(0.0 * ones, ones)
    q = beta_ppf(u, uniq[:, :1], uniq[:, 1:])[inverse.ravel()]
    return np.asarray((beta_sf(q, ya[:, None], yb[:, None]) * w).sum(axis=1), dtype=np.float64)


def _over_arm_density(ya: FloatArray, yb: FloatArray, xa: FloatArray, xb: FloatArray) -> FloatArray:
    """Return ∫ f_Y F_X dx over Y's mean ± 8 sd, plus the tails' bounded share."""
    m, sd = posterior_mean(ya, yb), posterior_sd(ya, yb)
    lo, hi = np.clip(m - _REACH_SD * sd, 0.0, 1.0), np.clip(m + _REACH_SD * sd, 0.0, 1.0)
    x, w = _composite_nodes(lo, hi)
    a_, b_ = ya[:, None], yb[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        dens = np.nan_to_num(np.exp(_log_pdf(x, a_, b_)))
    body = (dens * beta_cdf(x, xa[:, None], xb[:, None]) * w).sum(axis=1)
    ends = np.stack([lo, hi], axis=1)
    f_y, f_x = beta_cdf(ends, a_, b_), beta_cdf(ends, xa[:, None], xb[:, None])
    tails = f_y[:, 0] * f_x[:, 0] + (1.0 - f_y[:, 1]) * f_x[:, 1]
    return np.asarray(body + tails, dtype=np.float64)


def chance_best(
    a: npt.ArrayLike, b: npt.ArrayLike, mask: npt.ArrayLike | None = None
) -> tuple[FloatArray, FloatArray]:
    """Return P(arm is best) along the last axis, and E[max rate] per row, by quadrature.

    With G(x) = Π_j F_j(x) the CDF of the best rate, P(i best) = ∫ Π_{j≠i} F_j dF_i
    = ∫ G d(log F_i). On a grid x_0 < … < x_n the cell share of arm i is
    Δlog F_i / Δlog G times the cell's mass ΔG: exact when the log-CDFs are
    proportional inside a cell, and the shares sum to 1 by construction. The
    h^2 error is removed by Richardson extrapolation against every other point.
    The grid runs from where G <= 1e-9 (bisection on the top arms) to where every
    arm's CDF is within 1e-12 of 1 (at least mean + 8 sd), then x = 1, with 2
    cells per sd of the narrowest arm that could be best (16–160 cells).
    E[max] = ∫_0^1 (1 - G(x)) dx by Simpson's rule on the same grid. Tested against
    scipy.integrate.quad to ~1e-4. Arms outside `mask` take no part (NaN chance).
    """
    a_, b_ = np.broadcast_arrays(np.atleast_2d(_arr(a)), np.atleast_2d(_arr(b)))
    live = np.ones(a_.shape, dtype=np.bool_) if mask is None else np.atleast_2d(mask).astype(bool)
    reach = _upper_reach(a_, b_)
    grid, lo = _grid(a_, b_, live, reach)
    # Arms whose upper reach is below the grid have F ≈ 1 on it: they add 0 to log G.
    cand = live & (reach >= lo[:, None])
    rows = np.nonzero(cand)[0]
    logf = np.zeros((*a_.shape, grid.shape[1]), dtype=np.float64)
    with np.errstate(divide="ignore"):
        cdf = beta_cdf(grid[rows], a_[cand][:, None], b_[cand][:, None])
        # F = 0 (or underflow) becomes a huge finite drop, so shares need no inf arithmetic.
        logf[cand] = np.maximum(np.log(cdf), _LOG_ZERO)
    log_g = logf.sum(axis=1)
    g = np.exp(log_g)
    # Richardson: the share rule's error falls as h^2, so (4 P_h - P_2h) / 3 removes it;
    # the coarse grid is every other point (an even number of cells, then the tail point).
    keep = np.r_[np.arange(0, grid.shape[1] - 1, 2), grid.shape[1] - 1]
    fine = _log_share(logf, log_g, g)
    coarse = _log_share(logf[..., keep], log_g[..., keep], g[..., keep])
    chance = np.where(live, np.clip((4.0 * fine - coarse) / 3.0, 0.0, 1.0), np.nan)
    chance[live & ~cand] = 0.0
    return chance, _expected_max(grid, g)


def _upper_reach(a: FloatArray, b: FloatArray) -> FloatArray:
    """Return per arm an x past which its CDF is within 1e-12 of 1: mean + 8 sd or further."""
    m, sd = posterior_mean(a, b), posterior_sd(a, b)
    # A skewed arm (a < 1, a new arm under a team prior) has a tail far past mean + 8 sd.
    return np.maximum(m + _REACH_SD * sd, beta_ppf(1.0 - _ABOVE_GRID, a, b))


def _grid(
    a: FloatArray, b: FloatArray, live: BoolArray, reach: FloatArray
) -> tuple[FloatArray, FloatArray]:
    m, sd = posterior_mean(a, b), posterior_sd(a, b)
    lo = _lower_end(a, b, live, m)
    hi = np.clip(np.max(np.where(live, reach, 0.0), axis=1), lo, 1.0)
    # Resolution: cells per sd of the narrowest arm that could plausibly be best.
    top = np.max(np.where(live, m - 3.0 * sd, -np.inf), axis=1)
    contender = live & (m + 3.0 * sd >= top[:, None])
    narrowest = np.min(np.where(contender, sd, np.inf), axis=1)
    ratio = np.max((hi - lo) / np.maximum(narrowest, 1e-12), initial=0.0)
    cells = int(np.clip(np.ceil(_CELLS_PER_SD * ratio), _MIN_CELLS, _MAX_CELLS))
    cells += cells % 2
    steps = np.linspace(0.0, 1.0, cells + 1)
    inner = lo[:, None] + (hi - lo)[:, None] * steps[None, :]
    grid = np.concatenate([inner, np.ones((a.shape[0], 1))], axis=1)  # x = 1 closes the tail
    return grid, lo


def _lower_end(a: FloatArray, b: FloatArray, live: BoolArray, m: FloatArray) -> FloatArray:
    """Return per row an x with G(x) <= 1e-9, by bisection on the product of the top arms' CDFs."""
    top = min(_TOP_ARMS, a.shape[1])
    idx = np.argsort(np.where(live, -m, np.inf), axis=1)[:, :top]
    ta, tb = np.take_along_axis(a, idx, axis=1), np.take_along_axis(b, idx, axis=1)
    tl = np.take_along_axis(live, idx, axis=1)
    left, right = np.zeros(a.shape[0]), np.max(np.where(tl, np.take_along_axis(m, idx, 1), 0), 1)
    for _ in range(_BISECTIONS):
        mid = (left + right) / 2.0
        with np.errstate(divide="ignore"):
            log_g = np.where(tl, np.log(beta_cdf(mid[:, None], ta, tb)), 0.0).sum(axis=1)
        below = log_g <= np.log(_BELOW_GRID)
        left, right = np.where(below, mid, left), np.where(below, right, mid)
    return left


def _log_share(logf: FloatArray, log_g: FloatArray, g: FloatArray) -> FloatArray:
    d_logf = np.diff(logf, axis=-1)  # (rows, arms, cells)
    d_log_g = np.diff(log_g, axis=-1)[:, None, :]
    share = np.divide(d_logf, d_log_g, out=np.zeros_like(d_logf), where=d_log_g > 0)
    d_g = np.diff(g, axis=-1)[:, None, :]
    # The mass below the grid, G(x_0) <= 1e-9, is shared out like the first cell.
    below = share[..., 0] * g[:, None, 0]
    return np.asarray(np.einsum("rac,rc->ra", share, d_g[:, 0, :]) + below, dtype=np.float64)


def _expected_max(grid: FloatArray, g: FloatArray) -> FloatArray:
    lo = grid[:, 0]
    inner, gi = grid[:, :-1], 1.0 - g[:, :-1]
    h = inner[:, 1] - inner[:, 0]
    weights = np.ones(inner.shape[1])
    weights[1:-1:2], weights[2:-1:2] = 4.0, 2.0
    simpson = h / 3.0 * (gi * weights).sum(axis=1)
    # Below the grid G <= 1e-9, and past its last inner point every CDF is within 1e-12
    # of 1: there 1 - G is 1 and 0, to within 1e-9 of the integral, so no term is needed.
    return np.asarray(lo + simpson, dtype=np.float64)


def expected_loss(mean: npt.ArrayLike, expected_max: npt.ArrayLike) -> FloatArray:
    """Return E[max(p_best_other - p_this, 0)] = E[max_j p_j] - E[p_this] (never negative).

    The identity holds because max(max_{j≠i} p_j - p_i, 0) = max_j p_j - p_i.
    Multiply by 100 for "callbacks lost per 100 voicemails".
    """
    return np.maximum(_arr(expected_max) - _arr(mean), 0.0)
