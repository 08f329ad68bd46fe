"""Time to callback: the Kaplan–Meier curve, with pending voicemails censored.

A voicemail called back within the window W is an event at its delay; any other
is censored at what was observed: min(now, left_at + W) - left_at. So a pending
voicemail still counts for as long as it has been waiting, and is never a
failure. Estimator: S(t) = Π_{t_i <= t} (1 - d_i / n_i) (Kaplan & Meier, JASA
53, 1958); variance by Greenwood's formula Var S(t) = S(t)² Σ d_i / (n_i (n_i - d_i));
pointwise band on the log(-log) scale, S^exp(±z·se), se = sqrt(Σ d/(n(n-d))) / |log S|
(Kalbfleisch & Prentice, 2002, §1.4), which stays inside [0, 1]. Ties: events
come before censorings at the same time (the usual convention).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import numpy.typing as npt

from callworthy.experiments._scipy import normal_ppf
from callworthy.experiments.inputs import DEFAULT_SETTINGS, Attempt, Settings
from callworthy.experiments.reasons import Reason
from callworthy.experiments.window import observe

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class SurvivalCurve:
    """The share not yet called back by each day, one entry per distinct observed time."""

    strategy: str | None
    """None: every strategy together."""
    voicemails: int
    days: tuple[float, ...]
    at_risk: tuple[int, ...]
    callbacks: tuple[int, ...]
    censored: tuple[int, ...]
    survival: tuple[float, ...]
    """S(t): share not called back by day t."""
    variance: tuple[float, ...]
    """Greenwood's variance of S(t)."""
    ci_low: tuple[float, ...]
    ci_high: tuple[float, ...]
    level: float
    reasons: tuple[Reason, ...]

    @property
    def called_back(self) -> tuple[float, ...]:
        """Return 1 - S(t): the share called back by day t."""
        return tuple(1.0 - s for s in self.survival)


def kaplan_meier(
    days: npt.ArrayLike,
    events: npt.ArrayLike,
    level: float = 0.95,
    strategy: str | None = None,
) -> SurvivalCurve:
    """Return the Kaplan–Meier curve, Greenwood variance and log(-log) band (module docstring)."""
    t = np.asarray(days, dtype=np.float64).ravel()
    e = np.asarray(events, dtype=np.bool_).ravel()
    times, inverse = np.unique(t, return_inverse=True)
    d = np.bincount(inverse, weights=e.astype(np.float64), minlength=times.size)
    total = np.bincount(inverse, minlength=times.size).astype(np.float64)
    n = total[::-1].cumsum()[::-1]  # at risk: observed at or after each time
    with np.errstate(divide="ignore", invalid="ignore"):
        s = np.cumprod(1.0 - d / n)
        greenwood = np.cumsum(np.where(n > d, d / (n * (n - d)), np.inf))
        low, high = _band(s, greenwood, level)
    reasons: tuple[Reason, ...] = ()
    if t.size == 0:
        reasons = (Reason.NO_VOICEMAILS,)
    elif not e.any():
        reasons = (Reason.NO_EVENTS,)
    return SurvivalCurve(
        strategy=strategy,
        voicemails=int(t.size),
        days=tuple(times.tolist()),
        at_risk=tuple(int(x) for x in n),
        callbacks=tuple(int(x) for x in d),
        censored=tuple(int(x) for x in total - d),
        survival=tuple(s.tolist()),
        # Where s is 0, Greenwood's sum is infinite: the variance is 0, computed only where s > 0.
        variance=tuple(np.multiply(s * s, greenwood, out=np.zeros_like(s), where=s > 0).tolist()),
        ci_low=tuple(low.tolist()),
        ci_high=tuple(high.tolist()),
        level=level,
        reasons=reasons,
    )


def _band(s: FloatArray, greenwood: FloatArray, level: float) -> tuple[FloatArray, FloatArray]:
    z = normal_ppf(0.5 + level / 2.0)
    inside = (s > 0.0) & (s < 1.0) & np.isfinite(greenwood)
    log_s = np.log(np.where(inside, s, 0.5))
    se = np.sqrt(np.where(inside, greenwood, 0.0)) / np.abs(log_s)
    low = np.where(inside, s ** np.exp(z * se), s)
    high = np.where(inside, s ** np.exp(-z * se), s)
    return np.asarray(low, dtype=np.float64), np.asarray(high, dtype=np.float64)


def callback_curve(
    attempts: Iterable[Attempt],
    now: datetime,
    settings: Settings = DEFAULT_SETTINGS,
    strategy: str | None = None,
) -> SurvivalCurve:
    """Return the time-to-callback curve as of `now`, for one strategy or all of them."""
    obs = observe(attempts, now, settings)
    if strategy is None:
        return kaplan_meier(obs.days, obs.called_back, settings.credible_level)
    mine = np.array([s == strategy for s in obs.strategy], dtype=np.bool_)
    return kaplan_meier(
        obs.days[mine], obs.called_back[mine], settings.credible_level, strategy=strategy
    )
