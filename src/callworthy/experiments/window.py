"""The callback window W: which voicemails have matured, which callbacks count, censoring.

As of `now`, a voicemail left at least W days ago has *matured*: its outcome is
known (called back within W, or not). A younger one is *pending*: it is shown
apart and never counted as a failure. A callback counts only if it came within
W days and no later than `now` (so a log can be replayed as of any moment).
Voicemails left after `now` do not exist yet and are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import numpy.typing as npt

from callworthy.experiments.inputs import (
    Attempt,
    ExperimentInputError,
    Settings,
    require_aware,
    whole_counts,
)

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

_DAY = 86400.0


@dataclass(frozen=True, slots=True, eq=False)
class Observations:
    """The voicemails left by `now`, one entry per voicemail, as columns."""

    strategy: tuple[str, ...]
    rep: tuple[str | None, ...]
    industry: tuple[str | None, ...]
    matured: BoolArray
    called_back: BoolArray
    """A callback came within W days of the voicemail, and by `now`."""
    days: FloatArray
    """Days to the callback if `called_back`, else days observed: min(now, left + W) - left."""

    def segment(self, kind: str) -> tuple[str | None, ...]:
        """Return the column of one segment kind ("rep" or "industry")."""
        column: tuple[str | None, ...] = getattr(self, kind)
        return column


def observe(attempts: Iterable[Attempt], now: datetime, settings: Settings) -> Observations:
    """Classify each attempt as of `now`: matured or pending, called back, days observed."""
    require_aware(now)
    kept = [a for a in attempts if a.left_at <= now]
    now_s, window_s = now.timestamp(), settings.window_days * _DAY
    left = np.array([a.left_at.timestamp() for a in kept], dtype=np.float64)
    back = np.array(
        [a.callback_at.timestamp() if a.callback_at is not None else np.inf for a in kept],
        dtype=np.float64,
    )
    age = now_s - left
    delay = back - left
    called = (back <= now_s) & (delay <= window_s)
    days = np.where(called, delay, np.minimum(age, window_s)) / _DAY
    return Observations(
        strategy=tuple(a.strategy for a in kept),
        rep=tuple(a.rep for a in kept),
        industry=tuple(a.industry for a in kept),
        matured=age >= window_s,
        called_back=called,
        days=days,
    )


@dataclass(frozen=True, slots=True, eq=False)
class CountTable:
    """Counts per cell: a row per segment (one row for the whole team), a column per strategy."""

    strategies: tuple[str, ...]
    segment_kind: str | None
    """None for the whole team's table, else "rep" or "industry"."""
    segments: tuple[str, ...]
    voicemails: IntArray
    matured: IntArray
    callbacks: IntArray
    """Matured voicemails called back within the window: the headline numerator."""
    pending_callbacks: IntArray
    """Pending voicemails already called back (shown apart, not in the headline)."""

    @property
    def pending(self) -> IntArray:
        """Return the voicemails still inside their window."""
        return self.voicemails - self.matured

    @classmethod
    def from_counts(
        cls,
        strategies: Sequence[str],
        voicemails: npt.ArrayLike,
        matured: npt.ArrayLike,
        callbacks: npt.ArrayLike,
        *,
        pending_callbacks: npt.ArrayLike | None = None,
        segment_kind: str | None = None,
        segments: Sequence[str] = ("",),
    ) -> CountTable:
        """Build a table from counts already aggregated (e.g. by a SQL GROUP BY).

        Every count must be finite, whole and not negative (ExperimentInputError otherwise).
        """
        shape = (len(segments), len(strategies))
        vm, mat, cb = (
            _shaped(name, values, shape)
            for name, values in (
                ("voicemail counts", voicemails),
                ("matured counts", matured),
                ("callback counts", callbacks),
            )
        )
        pcb = (
            np.zeros(shape, np.int64)
            if pending_callbacks is None
            else _shaped("pending callback counts", pending_callbacks, shape)
        )
        if not ((cb >= 0).all() and (cb <= mat).all() and (mat <= vm).all()):
            raise ExperimentInputError(
                "Counts must satisfy 0 <= callbacks <= matured <= voicemails in every cell.",
                "Recount the log; a callback belongs to a matured voicemail.",
            )
        return cls(
            tuple(strategies),
            segment_kind,
            tuple(segments),
            vm,
            mat,
            cb,
            pcb,
        )


def _shaped(name: str, values: npt.ArrayLike, shape: tuple[int, int]) -> IntArray:
    counts = whole_counts(name, values)
    if counts.size != shape[0] * shape[1]:
        raise ExperimentInputError(
            f"The {name} hold {counts.size} values for {shape[0]} × {shape[1]} cells.",
            "Pass one count per segment and strategy.",
        )
    return counts.reshape(shape)


def count(
    obs: Observations, strategies: Sequence[str], segment_kind: str | None = None
) -> CountTable:
    """Count voicemails, matured and callbacks per (segment, strategy) cell.

    Attempts without a value for the segment kind, or with a strategy not listed,
    are left out of that table.
    """
    width = len(strategies)
    column = {s: i for i, s in enumerate(strategies)}
    labels = obs.segment(segment_kind) if segment_kind else ("",) * len(obs.strategy)
    segments = tuple(sorted({lab for lab in labels if lab is not None})) if segment_kind else ("",)
    row = {s: i for i, s in enumerate(segments)}
    index = np.array(
        [
            row[lab] * width + column[st] if lab is not None and st in column else -1
            for lab, st in zip(labels, obs.strategy, strict=True)
        ],
        dtype=np.int64,
    )
    keep = index >= 0
    cells, shape = index[keep], (len(segments), width)

    def tally(flag: BoolArray) -> IntArray:
        weights = flag[keep].astype(np.float64)
        return (
            np.bincount(cells, weights, minlength=shape[0] * width).astype(np.int64).reshape(shape)
        )

    return CountTable(
        strategies=tuple(strategies),
        segment_kind=segment_kind,
        segments=segments,
        voicemails=tally(np.ones(len(obs.strategy), dtype=np.bool_)),
        matured=tally(obs.matured),
        callbacks=tally(obs.matured & obs.called_back),
        pending_callbacks=tally(~obs.matured & obs.called_back),
    )
