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
from callworthy.experiments.words import reason_phrase

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

    @property
    def notes(self) -> tuple[str, ...]:
        """Return why a figure is missing, in words for a rep (`reason_phrase`)."""
        return tuple(reason_phrase(r) for r in self.reasons)


@dataclass(frozen=True, slots=True)
class ArmTable:
    """Many rows as columns: one tuple per `ArmSummary` field, one entry per cell.

    Segment results come this way because a team's segments × strategies can run
    to 100,000 cells: columns build in milliseconds and dump to compact JSON;
    `rows()` gives the same figures as `ArmSummary` rows.
    """

    segment_kind: str | None
    strategy: tuple[str, ...]
    segment: tuple[str | None, ...]
    voicemails: tuple[int, ...]
    matured: tuple[int, ...]
    pending: tuple[int, ...]
    callbacks: tuple[int, ...]
    pending_callbacks: tuple[int, ...]
    rate_mean: tuple[float | None, ...]
    ci_low: tuple[float | None, ...]
    ci_high: tuple[float | None, ...]
    chance_to_beat_baseline: tuple[float | None, ...]
    chance_best: tuple[float | None, ...]
    expected_loss: tuple[float | None, ...]
    alpha: tuple[float, ...]
    beta: tuple[float, ...]
    reasons: tuple[tuple[Reason, ...], ...]

    def __len__(self) -> int:
        return len(self.strategy)

    def rows(self) -> tuple[ArmSummary, ...]:
        """Return the cells as `ArmSummary` rows, in table order."""
        kinds = (self.segment_kind,) * len(self)
        columns = (getattr(self, name) for name in _ROW_FIELDS[2:])
        return tuple(ArmSummary(*cell) for cell in zip(self.strategy, kinds, *columns, strict=True))


_ROW_FIELDS = tuple(ArmSummary.__dataclass_fields__)


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
    segments: tuple[ArmTable, ...]
    """One table per segment kind, in the order of `SEGMENT_KINDS` (cells with voicemails)."""
    reasons: tuple[Reason, ...]
    """Experiment-wide: NO_VOICEMAILS, NO_MATURED_DATA, NO_BASELINE, SINGLE_STRATEGY."""

    def segment_rows(self) -> tuple[ArmSummary, ...]:
        """Return every segment cell of every kind as rows."""
        return tuple(row for table in self.segments for row in table.rows())


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
    rows = _table(team, figures).rows()
    rates = figures.mean[0]
    seg_priors: list[PriorFit] = []
    seg_tables: list[ArmTable] = []
    for table in segment_tables:
        seg_prior = _segment_prior(table, settings)
        if seg_prior.kind == "segment":
            pa, pb = seg_prior.strength * rates, seg_prior.strength * (1.0 - rates)
        else:
            pa, pb = np.full(rates.shape, seg_prior.alpha), np.full(rates.shape, seg_prior.beta)
        seg_figures = _figures(table, pa[None, :], pb[None, :], base, settings.credible_level)
        seg_priors.append(seg_prior)
        seg_tables.append(_table(table, seg_figures))
    return Summary(
        as_of=as_of,
        window_days=settings.window_days,
        credible_level=settings.credible_level,
        baseline=settings.baseline,
        prior=prior,
        segment_priors=tuple(seg_priors),
        strategies=rows,
        segments=tuple(seg_tables),
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


def _table(table: CountTable, f: _Figures) -> ArmTable:
    # The team table lists every strategy; segment tables only cells with voicemails.
    present = table.voicemails > 0 if table.segment_kind else np.ones(table.voicemails.shape, bool)
    r, c = np.nonzero(present)
    live = table.matured > 0
    base_live = live[:, f.base] if f.base is not None else np.zeros(live.shape[0], dtype=bool)
    code = (
        (table.voicemails[r, c] > 0) * 1
        + live[r, c] * 2
        + (c == (-1 if f.base is None else f.base)) * 4
        + base_live[r] * 8
        + (live.sum(axis=1) >= 2)[r] * 16
    )
    data = live[r, c]

    def column(
        values: FloatArray, where: npt.NDArray[np.bool_] | None = None
    ) -> tuple[float | None, ...]:
        picked = values[r, c]
        ok = ~np.isnan(picked) if where is None else where & ~np.isnan(picked)
        cells = picked.astype(object)
        cells[~ok] = None
        return tuple(cells.tolist())

    def ints(values: npt.NDArray[np.int64]) -> tuple[int, ...]:
        return tuple(values[r, c].tolist())

    return ArmTable(
        segment_kind=table.segment_kind,
        strategy=tuple(table.strategies[i] for i in c.tolist()),
        segment=tuple(table.segments[i] for i in r.tolist())
        if table.segment_kind
        else (None,) * r.size,
        voicemails=ints(table.voicemails),
        matured=ints(table.matured),
        pending=ints(table.pending),
        callbacks=ints(table.callbacks),
        pending_callbacks=ints(table.pending_callbacks),
        rate_mean=column(f.mean, data),
        ci_low=column(f.low, data),
        ci_high=column(f.high, data),
        chance_to_beat_baseline=column(bt.clamp_chance(f.beat)),
        chance_best=column(bt.clamp_chance(f.best)),
        expected_loss=column(f.loss),
        alpha=tuple(f.alpha[r, c].tolist()),
        beta=tuple(f.beta[r, c].tolist()),
        reasons=tuple(_REASON_CODES[k] for k in code.tolist()),
    )


def _reasons(code: int) -> tuple[Reason, ...]:
    has_vm, has_data, is_base, base_live, several = ((code >> bit) & 1 for bit in range(5))
    if not has_vm:
        return (Reason.NO_VOICEMAILS,)
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


# Reasons by a 5-bit code (voicemails, matured data, is baseline, baseline has data, several).
_REASON_CODES: tuple[tuple[Reason, ...], ...] = tuple(_reasons(code) for code in range(32))


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
