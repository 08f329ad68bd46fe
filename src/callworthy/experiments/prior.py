"""Priors for the callback rates: flat Beta(1, 1), or the team's, fitted by empirical Bayes.

Team prior: each strategy is pulled toward the team's rate by a Beta(s·μ, s·(1-μ))
prior, where μ is the team's pooled rate and the strength s ("worth s voicemails")
comes from how much the strategies' rates really differ. With ρ the intra-class
correlation of callbacks within a strategy, a Beta-Binomial has ρ = 1 / (s + 1),
so s = 1/ρ - 1. ρ is estimated by the one-way ANOVA (method-of-moments) estimator
for binary data (Fleiss, Levin & Paik, *Statistical Methods for Rates and
Proportions*, 3rd ed., 2003, §15.4; Ridout, Demétrio & Firth, Biometrics 55, 1999):

    ρ = (MSB - MSW) / (MSB + (n0 - 1) MSW),

MSB = Σ n_i (r_i - μ)² / (k - 1), MSW = Σ n_i r_i (1 - r_i) / (N - k),
n0 = (N - Σ n_i² / N) / (k - 1), over k groups with n_i matured voicemails.
Segments (rep, industry) are pulled toward their strategy's rate the same way,
with the sums of squares pooled within strategies.

Guards: s is clipped to [min_strength, max_strength] (defaults 2 and 100: never
weaker than the flat prior, never worth more than 100 voicemails); when the
strategies look alike (ρ <= 0) s is the maximum; with fewer than two groups with
matured data, or no within-group degrees of freedom, the flat prior is used and
the fit says so (Reason.PRIOR_FALLBACK). The team mean is the smoothed pooled
rate (callbacks + 1) / (matured + 2), so it is never exactly 0 or 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from callworthy.experiments.reasons import Reason

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class PriorFit:
    """A Beta prior: its mean, strength (worth in voicemails), and how it was obtained."""

    kind: str
    """"flat", "team" (strategies toward the team) or "segment" (cells toward their strategy)."""
    mean: float
    strength: float
    """alpha + beta: how many voicemails the prior is worth."""
    reasons: tuple[Reason, ...] = ()

    @property
    def alpha(self) -> float:
        """Return the Beta prior's alpha (for a segment prior: at the mean rate)."""
        return self.mean * self.strength

    @property
    def beta(self) -> float:
        """Return the Beta prior's beta (for a segment prior: at the mean rate)."""
        return (1.0 - self.mean) * self.strength


FLAT_PRIOR = PriorFit(kind="flat", mean=0.5, strength=2.0)


def _anova_rho(k: FloatArray, n: FloatArray, stratum: IntArray) -> float | None:
    """Return the ANOVA estimate of ρ within strata (one stratum: the plain estimator), or None."""
    live = n > 0
    k, n, stratum = k[live], n[live], stratum[live]
    groups, total = int(live.sum()), float(n.sum())
    strata = np.unique(stratum).size
    between_df, within_df = groups - strata, total - groups
    if between_df < 1 or within_df < 1:
        return None
    s_n = np.bincount(stratum, weights=n)
    s_k = np.bincount(stratum, weights=k)
    s_nn = np.bincount(stratum, weights=n * n)
    used = s_n > 0
    centre = (s_k[used] / s_n[used])[np.searchsorted(np.flatnonzero(used), stratum)]
    r = k / n
    msb = float((n * (r - centre) ** 2).sum()) / between_df
    msw = float((n * r * (1.0 - r)).sum()) / within_df
    n0 = float((s_n[used] - s_nn[used] / s_n[used]).sum()) / between_df
    denominator = msb + (n0 - 1.0) * msw
    if denominator <= 0.0:
        return 0.0
    return (msb - msw) / denominator


def _strength(rho: float, min_strength: float, max_strength: float) -> float:
    if rho <= 0.0:
        return max_strength
    return float(np.clip(1.0 / rho - 1.0, min_strength, max_strength))


FALLBACK_PRIOR = PriorFit(kind="flat", mean=0.5, strength=2.0, reasons=(Reason.PRIOR_FALLBACK,))


def fit_team_prior(
    callbacks: npt.ArrayLike,
    matured: npt.ArrayLike,
    min_strength: float = 2.0,
    max_strength: float = 100.0,
) -> PriorFit:
    """Fit the team prior to per-strategy counts by the ANOVA estimator (module docstring)."""
    k = np.asarray(callbacks, dtype=np.float64).ravel()
    n = np.asarray(matured, dtype=np.float64).ravel()
    rho = _anova_rho(k, n, np.zeros(k.shape, dtype=np.int64))
    if rho is None:
        return FALLBACK_PRIOR
    mean = (float(k.sum()) + 1.0) / (float(n.sum()) + 2.0)
    return PriorFit(kind="team", mean=mean, strength=_strength(rho, min_strength, max_strength))


def fit_segment_prior(
    callbacks: npt.ArrayLike,
    matured: npt.ArrayLike,
    min_strength: float = 2.0,
    max_strength: float = 100.0,
) -> PriorFit:
    """Fit how strongly segments are pulled toward their strategy's rate (one strength per kind).

    `callbacks` and `matured` are (segments × strategies) tables; the sums of squares
    are taken within each strategy. Each cell's prior mean is its strategy's
    posterior mean (the caller's); the fit's `mean` is unused (0.5).
    """
    k = np.asarray(callbacks, dtype=np.float64)
    n = np.asarray(matured, dtype=np.float64)
    stratum = np.broadcast_to(np.arange(k.shape[-1], dtype=np.int64), k.shape)
    rho = _anova_rho(k.ravel(), n.ravel(), stratum.ravel())
    if rho is None:
        return FALLBACK_PRIOR
    return PriorFit(kind="segment", mean=0.5, strength=_strength(rho, min_strength, max_strength))
