"""The experiments' inputs: one voicemail attempt, the settings, and input validation.

Inputs are plain values. Time is always passed in (`now`), never read from the
clock, so every figure can be reproduced "as of" any moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from callworthy.errors import ExperimentInputError

__all__ = [
    "DEFAULT_SETTINGS",
    "SEGMENT_KINDS",
    "Attempt",
    "ExperimentInputError",
    "PriorKind",
    "Settings",
    "require_aware",
]


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
        if not self.window_days > 0:
            raise ExperimentInputError(
                f"Callback window of {self.window_days} days is not positive.",
                "Use a window of at least one day (the default is 14).",
            )
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
