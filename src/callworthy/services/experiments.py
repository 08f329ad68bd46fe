"""Experiments over the log (capability 4, P12): callback rates per strategy and segment, the curve.

Counts are aggregated in SQL (`storage.experiment_queries`) and handed to the pure
core (`callworthy.experiments.summarise_tables`), which owns every formula. `now`
is always passed in, so any figure can be replayed "as of" a moment; only the
surfaces read the clock. Every strategy id asked about (a baseline, a curve's
strategy) is read through the team's registry, and the window is 1 to 365 days.
Strategies read from imported scripts (inferred) count unless `inferred=False`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from callworthy.errors import ExperimentInputError
from callworthy.experiments import (
    ArmSummary,
    Attempt,
    CountTable,
    Reason,
    Settings,
    Summary,
    callback_curve,
    check_window,
    reason_phrase,
    summarise_tables,
)
from callworthy.experiments.inputs import require_aware
from callworthy.services.caller import Caller
from callworthy.services.strategies import registry_of
from callworthy.services.values import Timestamp, _Dumpable
from callworthy.storage import experiment_queries as eq
from callworthy.storage.engine import read_session
from callworthy.write import Registry

SEGMENT_KINDS = ("rep", "industry")
STATS_KEYS = (
    "strategy",
    "voicemails",
    "matured",
    "pending",
    "callbacks",
    "rate_mean",
    "ci_low",
    "ci_high",
    "chance_to_beat_baseline",
    "chance_best",
    "expected_loss",
    "rate_observed",
)
"""The keys of one `stats --format json` row, in order (with --by, `segment` comes first).
`rate_observed` (callbacks / matured, what happened) was added in 0.13; none was renamed."""


def observed(row: ArmSummary) -> float | None:
    """Return what happened: callbacks / matured voicemails (None before any matured)."""
    return row.callbacks / row.matured if row.matured else None


def json_row(row: ArmSummary, with_segment: bool = False) -> dict[str, Any]:
    """Return a row in the documented JSON shape (STATS_KEYS, and `segment` first if asked)."""
    data = {key: getattr(row, key) for key in STATS_KEYS if key != "rate_observed"}
    data["rate_observed"] = observed(row)
    return {"segment": row.segment, **data} if with_segment else data


@dataclass(frozen=True, slots=True)
class StatsReport(_Dumpable):
    """The callback rates as of one moment, with the settings that produced them."""

    as_of: Timestamp
    window_days: float
    baseline: str
    by: str | None
    rows: tuple[ArmSummary, ...]
    """One per strategy (grouped: per segment and strategy); `notes` gives their reasons."""
    reasons: tuple[Reason, ...]
    """Experiment-wide reasons ("not enough data"), e.g. no_matured_data."""
    notes: tuple[str, ...]
    inferred: bool = True
    """Whether strategies read from imported scripts were counted."""
    names: dict[str, str] | None = None
    """Each strategy's plain-words name, by id."""

    def json_rows(self) -> list[dict[str, Any]]:
        """Return the rows as `stats --format json` prints them."""
        return [json_row(row, self.by is not None) for row in self.rows]


def settings_for(window_days: float, baseline: str | None = None) -> Settings:
    """Return the core's settings for a window of 1 to 365 days and a baseline."""
    return Settings(window_days=check_window(window_days), baseline=baseline)


def default_baseline(session: Session, team_id: int, registry: Registry | None = None) -> str:
    """Return the team's most-logged proposable strategy, else the registry's baseline."""
    known = registry or registry_of(session, team_id)
    logged = eq.most_logged_strategy(session, team_id, [s.id for s in known.proposable()])
    return logged or known.baseline


def count_table(
    cells: Sequence[eq.CellCounts], strategies: Sequence[str], kind: str | None = None
) -> CountTable:
    """Return the core's count table for cells from a GROUP BY (zeros where no cell)."""
    segments = sorted({c.segment for c in cells if c.segment is not None}) if kind else [""]
    row = {s: i for i, s in enumerate(segments)}
    column = {s: i for i, s in enumerate(strategies)}
    shape = (len(segments), len(strategies))
    counts = np.zeros((4, *shape), dtype=np.int64)
    for c in cells:
        if c.strategy in column and (not kind or c.segment in row):
            at = (row[c.segment or ""] if kind else 0, column[c.strategy])
            counts[(slice(None), *at)] = (c.voicemails, c.matured, c.callbacks, c.pending_callbacks)
    return CountTable.from_counts(
        strategies,
        counts[0],
        counts[1],
        counts[2],
        pending_callbacks=counts[3],
        segment_kind=kind,
        segments=segments,
    )


def summarise_counts(
    team: Sequence[eq.CellCounts],
    segments: Sequence[eq.CellCounts],
    settings: Settings,
    now: datetime,
    *,
    by: str | None = None,
    strategies: Sequence[str] = (),
) -> Summary:
    """Return the core's summary of SQL counts; `strategies` adds ones with no voicemail yet."""
    names = sorted({c.strategy for c in team} | set(strategies))
    tables = [count_table(segments, names, by)] if by else []
    return summarise_tables(count_table(team, names), tables, settings, as_of=now.isoformat())


def words(reasons: Sequence[Reason]) -> tuple[str, ...]:
    """Return reason codes as sentences for a rep."""
    return tuple(reason_phrase(r) for r in reasons)


def stats(
    engine: Engine,
    caller: Caller,
    *,
    now: datetime,
    window_days: float = 14.0,
    by: str | None = None,
    baseline: str | None = None,
    inferred: bool = True,
) -> StatsReport:
    """Return the callback rate per strategy (or per segment and strategy) as of `now`."""
    require_aware(now)
    if by is not None and by not in SEGMENT_KINDS:
        raise ExperimentInputError(f"Cannot group by {by!r}.", "Group by rep or by industry.")
    settings = settings_for(window_days)
    with read_session(engine) as session:
        registry = registry_of(session, caller.team_id)
        base = (
            registry.resolve(baseline, "baseline")
            if baseline is not None and baseline.strip()
            else default_baseline(session, caller.team_id, registry)
        )
        team = eq.strategy_counts(session, caller.team_id, now, settings.window, inferred=inferred)
        cells = (
            eq.strategy_counts(
                session, caller.team_id, now, settings.window, by=by, inferred=inferred
            )
            if by
            else []
        )
    settings = settings_for(window_days, base)
    summary = summarise_counts(team, cells, settings, now, by=by, strategies=[base])
    rows = tuple(summary.segments[0].rows() if by else summary.strategies)
    names = {row.strategy: registry.name_of(row.strategy) for row in rows}
    return StatsReport(
        now, settings.window_days, base, by, rows, summary.reasons, words(summary.reasons),
        inferred, names,
    )  # fmt: skip


# --- Time to callback ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CurveDay(_Dumpable):
    """The share of voicemails called back by the end of one day after they were left."""

    day: int
    share_called_back: float
    ci_low: float
    ci_high: float
    waiting: int
    """Voicemails still waiting (neither called back nor out of observation) at that day."""


@dataclass(frozen=True, slots=True)
class CurveReport(_Dumpable):
    """Kaplan–Meier time to callback, as of one moment, for one strategy or all of them."""

    as_of: Timestamp
    window_days: float
    strategy: str | None
    voicemails: int
    callbacks: int
    days: tuple[CurveDay, ...]
    """One entry per whole day, 1 to the window's end."""
    reasons: tuple[Reason, ...]
    notes: tuple[str, ...]


def curve(
    engine: Engine,
    caller: Caller,
    *,
    now: datetime,
    window_days: float = 14.0,
    strategy: str | None = None,
    inferred: bool = True,
) -> CurveReport:
    """Return the share called back by day 1, 2, ... (Kaplan–Meier, pending ones censored)."""
    require_aware(now)
    settings = settings_for(window_days)
    with read_session(engine) as session:
        if strategy is not None:
            strategy = registry_of(session, caller.team_id).resolve(strategy)
        rows = eq.delays(session, caller.team_id, now, strategy=strategy, inferred=inferred)
    attempts = [Attempt(r.strategy, r.left_at, r.first_callback_at) for r in rows]
    km = callback_curve(attempts, now, settings, strategy)
    times = np.asarray(km.days, dtype=np.float64)
    points: list[CurveDay] = []
    for day in range(1, math.ceil(settings.window_days) + 1):
        last = int(np.searchsorted(times, day, side="right")) - 1
        nxt = int(np.searchsorted(times, day, side="left"))
        waiting = km.at_risk[nxt] if nxt < len(times) else 0
        if last < 0:
            points.append(CurveDay(day, 0.0, 0.0, 0.0, waiting))
            continue
        s, low, high = km.survival[last], km.ci_low[last], km.ci_high[last]
        points.append(CurveDay(day, 1.0 - s, 1.0 - high, 1.0 - low, waiting))
    return CurveReport(
        as_of=now,
        window_days=settings.window_days,
        strategy=strategy,
        voicemails=km.voicemails,
        callbacks=sum(km.callbacks),
        days=tuple(points),
        reasons=km.reasons,
        notes=words(km.reasons),
    )
