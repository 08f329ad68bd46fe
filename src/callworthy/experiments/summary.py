"""Summarise an experiment: per strategy, and per segment (rep, industry) × strategy.

Headline figures use matured voicemails only (see `window`); pending ones are
counted apart. Each row carries the Beta posterior's mean and equal-tailed
credible interval, the exact chance to beat the baseline, the chance to be best
and the expected loss (all from `beta`), and reason codes wherever a figure is
missing. Chances are clamped into [0.001, 0.999] for display; a figure that
could not be computed is None, never NaN, so `dataclasses.asdict` dumps to JSON.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import numpy.typing as npt

from callworthy.experiments import beta as bt
from callworthy.experiments.inputs import (
    DEFAULT_SETTINGS,
    SEGMENT_KINDS,
    Attempt,
    PriorKind,
    Settings,
)
from callworthy.experiments.prior import FLAT_PRIOR, PriorFit, fit_segment_prior, fit_team_prior
from callworthy.experiments.reasons import Reason
from callworthy.experiments.window import CountTable, count, observe

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class ArmSummary:
    """One strategy's figures, for the whole team or within one segment."""

    strategy: str
    segment_kind: str | None
    """None for the whole team; else "rep" or "industry"."""
    segment: str | None
    voicemails: int
    matured: int
    pending: int
    callbacks: int
    """Callbacks within the window among matured voicemails (the headline numerator)."""
    pending_callbacks: int
    rate_mean: float | None
    ci_low: float | None
    ci_high: float | None
    chance_to_beat_baseline: float | None
    chance_best: float | None
    expected_loss: float | None
    """Callbacks lost per 100 voicemails by using this strategy instead of the best one."""
    alpha: float
    """Posterior Beta alpha (prior + callbacks); with `beta`, what Thompson sampling draws from."""
    beta: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    """The experiment as of one moment: settings used, priors fitted, and every row."""

    as_of: str
    """`now`, ISO 8601."""
    window_days: float
    credible_level: float
    baseline: str | None
    prior: PriorFit
    segment_priors: tuple[PriorFit, ...]
    """One per segment kind, in the order of `SEGMENT_KINDS` (flat unless the team prior)."""
    strategies: tuple[ArmSummary, ...]
    segments: tuple[ArmSummary, ...]
    reasons: tuple[Reason, ...]
    """Experiment-wide: NO_VOICEMAILS, NO_MATURED_DATA, NO_BASELINE, SINGLE_STRATEGY."""


def summarise(
    attempts: Iterable[Attempt],
    now: datetime,
    settings: Settings = DEFAULT_SETTINGS,
    strategies: Sequence[str] = (),
) -> Summary:
    """Summarise attempts as of `now`; `strategies` adds ones with no voicemail yet."""
    obs = observe(attempts, now, settings)
    names = sorted(set(obs.strategy) | set(strategies))
    team = count(obs, names)
    tables = tuple(count(obs, names, kind) for kind in SEGMENT_KINDS)
    return summarise_tables(team, tables, settings, as_of=now.isoformat())


def summarise_tables(
    team: CountTable,
    segment_tables: Sequence[CountTable] = (),
    settings: Settings = DEFAULT_SETTINGS,
    as_of: str = "",
) -> Summary:
    """Summarise counts already tallied: the team table and one table per segment kind."""
    prior = _team_prior(team, settings)
    base = _baseline_index(team, settings.baseline)
    figures = _figures(team, prior.alpha, prior.beta, base, settings.credible_level)
    rows = _rows(team, figures)
    rates = figures.mean[0]
    seg_priors: list[PriorFit] = []
    seg_rows: list[ArmSummary] = []
    for table in segment_tables:
        seg_prior = _segment_prior(table, settings)
        if seg_prior.kind == "segment":
            pa, pb = seg_prior.strength * rates, seg_prior.strength * (1.0 - rates)
        else:
            pa, pb = np.full(rates.shape, seg_prior.alpha), np.full(rates.shape, seg_prior.beta)
        seg_figures = _figures(table, pa[None, :], pb[None, :], base, settings.credible_level)
        seg_priors.append(seg_prior)
        seg_rows.extend(_rows(table, seg_figures))
    return Summary(
        as_of=as_of,
        window_days=settings.window_days,
        credible_level=settings.credible_level,
        baseline=settings.baseline,
        prior=prior,
        segment_priors=tuple(seg_priors),
        strategies=rows,
        segments=tuple(seg_rows),
        reasons=_overall_reasons(team, base),
    )


def _team_prior(team: CountTable, settings: Settings) -> PriorFit:
    if settings.prior is PriorKind.FLAT:
        return FLAT_PRIOR
    return fit_team_prior(
        team.callbacks[0], team.matured[0], settings.prior_min_strength, settings.prior_max_strength
    )


def _segment_prior(table: CountTable, settings: Settings) -> PriorFit:
    if settings.prior is PriorKind.FLAT:
        return FLAT_PRIOR
    return fit_segment_prior(
        table.callbacks, table.matured, settings.prior_min_strength, settings.prior_max_strength
    )


def _baseline_index(team: CountTable, baseline: str | None) -> int | None:
    if baseline is None or baseline not in team.strategies:
        return None
    return team.strategies.index(baseline)


@dataclass(frozen=True, slots=True, eq=False)
class _Figures:
    """Every figure of a table, as (segments × strategies) arrays; NaN where not computed."""

    alpha: FloatArray
    beta: FloatArray
    mean: FloatArray
    low: FloatArray
    high: FloatArray
    beat: FloatArray
    best: FloatArray
    loss: FloatArray
    base: int | None


def _figures(
    table: CountTable,
    prior_a: npt.ArrayLike,
    prior_b: npt.ArrayLike,
    base: int | None,
    level: float,
) -> _Figures:
    a, b = bt.posterior(table.callbacks, table.matured, prior_a, prior_b)
    a, b = np.broadcast_arrays(a, b)
    live = table.matured > 0
    mean = bt.posterior_mean(a, b)
    low, high = bt.credible_interval(a, b, level)
    beat = np.full(a.shape, np.nan)
    if base is not None:
        # Compare each cell with the baseline's cell in the same segment.
        ok = live & live[:, base : base + 1]
        ok[:, base] = False
        rows = np.nonzero(ok)[0]
        beat[ok] = bt.chance_to_beat(a[ok], b[ok], a[rows, base], b[rows, base])
    best = np.full(a.shape, np.nan)
    loss = np.full(a.shape, np.nan)
    several = live.sum(axis=1) >= 2
    if several.any():
        chance, e_max = bt.chance_best(a[several], b[several], live[several])
        best[several] = chance
        loss[several] = np.where(
            live[several], 100.0 * bt.expected_loss(mean[several], e_max[:, None]), np.nan
        )
    return _Figures(a, b, mean, low, high, beat, best, loss, base)


def _rows(table: CountTable, f: _Figures) -> tuple[ArmSummary, ...]:
    # The team table lists every strategy; segment tables only cells with voicemails.
    present = table.voicemails > 0 if table.segment_kind else np.ones(table.voicemails.shape, bool)
    seg_rows, cols = np.nonzero(present)
    live = table.matured > 0
    base_live = live[:, f.base] if f.base is not None else np.zeros(live.shape[0], dtype=bool)
    several = live.sum(axis=1) >= 2
    beat, best = bt.clamp_chance(f.beat), bt.clamp_chance(f.best)
    out: list[ArmSummary] = []
    for r, c, vm, mat, cb, pcb, a, b, mean, low, high, bv, bst, loss in zip(
        seg_rows.tolist(),
        cols.tolist(),
        *(x[seg_rows, cols].tolist() for x in (table.voicemails, table.matured, table.callbacks)),
        table.pending_callbacks[seg_rows, cols].tolist(),
        *(x[seg_rows, cols].tolist() for x in (f.alpha, f.beta, f.mean, f.low, f.high)),
        *(x[seg_rows, cols].tolist() for x in (beat, best, f.loss)),
        strict=True,
    ):
        has_data = mat > 0
        reasons = (
            _reasons(has_data, c == f.base, bool(base_live[r]), bool(several[r]))
            if vm
            else (Reason.NO_VOICEMAILS,)
        )
        out.append(
            ArmSummary(
                strategy=table.strategies[c],
                segment_kind=table.segment_kind,
                segment=table.segments[r] if table.segment_kind else None,
                voicemails=vm,
                matured=mat,
                pending=vm - mat,
                callbacks=cb,
                pending_callbacks=pcb,
                rate_mean=mean if has_data else None,
                ci_low=low if has_data else None,
                ci_high=high if has_data else None,
                chance_to_beat_baseline=None if bv != bv else bv,
                chance_best=None if bst != bst else bst,
                expected_loss=None if loss != loss else loss,
                alpha=a,
                beta=b,
                reasons=reasons,
            )
        )
    return tuple(out)


def _reasons(has_data: bool, is_base: bool, base_live: bool, several: bool) -> tuple[Reason, ...]:
    if not has_data:
        return (Reason.NO_MATURED_DATA,)
    reasons: list[Reason] = []
    if is_base:
        reasons.append(Reason.IS_BASELINE)
    elif not base_live:
        reasons.append(Reason.NO_BASELINE)
    if not several:
        reasons.append(Reason.SINGLE_STRATEGY)
    return tuple(reasons)


def _overall_reasons(team: CountTable, base: int | None) -> tuple[Reason, ...]:
    if team.voicemails.sum() == 0:
        return (Reason.NO_VOICEMAILS,)
    live = team.matured[0] > 0
    if not live.any():
        return (Reason.NO_MATURED_DATA,)
    reasons: list[Reason] = []
    if base is None or not live[base]:
        reasons.append(Reason.NO_BASELINE)
    if live.sum() < 2:
        reasons.append(Reason.SINGLE_STRATEGY)
    return tuple(reasons)
