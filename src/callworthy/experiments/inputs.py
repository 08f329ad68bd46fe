"""The experiments' inputs: one voicemail attempt, the settings, and input validation.

Inputs are plain values. Time is always passed in (`now`), never read from the
clock, so every figure can be reproduced "as of" any moment. Every entry point
checks what it is given and raises ExperimentInputError naming the problem: a
window of 1 to 365 days, counts that are finite, whole and not negative, weights
that are finite and not negative.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt

from callworthy.errors import ExperimentInputError

__all__ = [
    "DEFAULT_SETTINGS",
    "MAX_WINDOW_DAYS",
    "MIN_WINDOW_DAYS",
    "SEGMENT_KINDS",
    "Attempt",
    "ExperimentInputError",
    "PriorKind",
    "Settings",
    "check_window",
    "require_aware",
    "whole_counts",
]

MIN_WINDOW_DAYS = 1.0
"""The shortest callback window: a day (a callback the same hour is no experiment)."""
MAX_WINDOW_DAYS = 365.0
"""The longest callback window: a year (a callback after that answers no voicemail)."""


class PriorKind(StrEnum):
    """Which prior the callback rates start from."""

    FLAT = "flat"
    """Beta(1, 1): every rate from 0 to 1 equally plausible before any data."""
    TEAM = "team"
    """Empirical Bayes: strategies pulled toward the team's rate, segments toward the strategy's."""


SEGMENT_KINDS: tuple[str, ...] = ("rep", "industry")
"""The segment fields of an `Attempt`, in the order segment results are listed."""


@dataclass(frozen=True, slots=True)
class Attempt:
    """One voicemail left with a strategy, and its callback if one came."""

    strategy: str
    left_at: datetime
    callback_at: datetime | None = None
    rep: str | None = None
    industry: str | None = None

    def __post_init__(self) -> None:
        _require_aware(self.left_at, "left_at")
        if self.callback_at is not None:
            _require_aware(self.callback_at, "callback_at")
            if self.callback_at < self.left_at:
                raise ExperimentInputError(
                    f"Callback at {self.callback_at.isoformat()} comes before the voicemail "
                    f"({self.left_at.isoformat()}).",
                    "Fix the callback time in the log.",
                )


@dataclass(frozen=True, slots=True)
class Settings:
    """How the experiments are read; every field has a documented default."""

    window_days: float = 14.0
    """Callback window W: a voicemail counts once it is W days old; a callback counts within W."""
    prior: PriorKind = PriorKind.FLAT
    credible_level: float = 0.95
    """Mass of the equal-tailed credible interval."""
    baseline: str | None = None
    """The strategy every other one is compared with (None: no comparison)."""
    prior_min_strength: float = 2.0
    """The team prior never weighs less than 2 voicemails (as much as the flat prior)."""
    prior_max_strength: float = 100.0
    """The team prior never weighs more than 100 voicemails, however alike the strategies look."""

    def __post_init__(self) -> None:
        check_window(self.window_days)
        if not 0 < self.credible_level < 1:
            raise ExperimentInputError(
                f"Credible level {self.credible_level} is not between 0 and 1.",
                "Use a level such as 0.95.",
            )
        if not 0 < self.prior_min_strength <= self.prior_max_strength:
            raise ExperimentInputError(
                "Prior strengths must satisfy 0 < prior_min_strength <= prior_max_strength.",
                "Use the defaults (2 and 100) unless you know why not.",
            )

    @property
    def window(self) -> timedelta:
        """Return the callback window as a timedelta."""
        return timedelta(days=self.window_days)


def check_window(days: Any) -> float:
    """Return a callback window in days if it is a number from 1 to 365; refuse anything else."""
    if isinstance(days, bool) or not isinstance(days, int | float) or not math.isfinite(days):
        raise ExperimentInputError(
            f"Callback window {days!r} is not a number of days.",
            "Use 1 to 365 days (the default is 14).",
        )
    if not MIN_WINDOW_DAYS <= days <= MAX_WINDOW_DAYS:
        raise ExperimentInputError(
            f"A callback window of {days:g} days is out of range.",
            "Use 1 to 365 days (the default is 14).",
        )
    return float(days)


def whole_counts(name: str, values: npt.ArrayLike) -> npt.NDArray[np.int64]:
    """Return counts as integers if every one is finite, whole and not negative; else refuse."""
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ExperimentInputError(f"The {name} are not numbers.", "Pass whole counts.") from exc
    bad = ~np.isfinite(array) | (array < 0) | (array != np.floor(array))
    if bad.any():
        first = array[bad].ravel()[0]
        raise ExperimentInputError(
            f"The {name} must be finite, whole and not negative (got {first!r}).",
            "Pass counts of voicemails: 0, 1, 2, ...",
        )
    if (array > np.iinfo(np.int64).max / 4).any():
        raise ExperimentInputError(f"The {name} are too large.", "Pass counts of voicemails.")
    return array.astype(np.int64)


def finite_weights(name: str, values: Iterable[Any]) -> list[float]:
    """Return weights as floats if every one is finite and not negative; else refuse."""
    out: list[float] = []
    for value in values:
        try:
            number = float(value)
        except (TypeError, ValueError) as exc:
            raise ExperimentInputError(f"A {name} is not a number: {value!r}.") from exc
        if not math.isfinite(number) or number < 0:
            raise ExperimentInputError(
                f"Every {name} must be finite and not negative (got {value!r}).",
                "Pass shares such as 0.5 and 0.5.",
            )
        out.append(number)
    return out


DEFAULT_SETTINGS = Settings()


def _require_aware(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ExperimentInputError(
            f"{name} {value.isoformat()} has no time zone.",
            "Pass time-zone-aware datetimes (UTC is best).",
        )


def require_aware(value: datetime, name: str = "now") -> None:
    """Raise ExperimentInputError unless the datetime is time-zone aware."""
    _require_aware(value, name)
