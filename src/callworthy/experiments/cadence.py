"""The contact cadence (P1): when to leave the next voicemail, and when to stop.

One policy, as data (`policies/cadence.yaml`, through the shared loader), read by
"what to try next", the Diagnose page and the prospect page alike:

- after a voicemail that is not called back, the next no sooner than `spacing_days`
  later (a callback after the last voicemail lifts the wait: the door is open);
- after `max_unanswered` voicemails in a row with no callback, stop: "give them to
  the competition" (the article's words);
- `crowded_messages` within `crowded_days` is a flood (Diagnose's calls_crowded).

Pure: the times are passed in, the clock is never read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator

from callworthy.datafile import Strict, load_entry, package_data
from callworthy.experiments.inputs import require_aware
from callworthy.principles import check_principle

DOCS = "docs/experiments.md"


class CadenceExample(Strict):
    """A record (days ago) and what the policy says of it: the wait in days, or stop."""

    voicemails: list[float] = Field(min_length=1)
    callbacks: list[float] = Field(default_factory=list)
    wait_days: float | None = None
    stop: bool = False


class CadenceSpec(Strict):
    """The contact-cadence file format (docs/experiments.md)."""

    name: str = Field(min_length=1)
    principle: str
    related_principles: list[str] = Field(default_factory=list)
    description: str = Field(min_length=1)
    spacing_days: float = Field(ge=1, le=90)
    max_unanswered: int = Field(ge=1, le=50)
    crowded_messages: int = Field(ge=2, le=50)
    crowded_days: float = Field(ge=1, le=90)
    stop_advice: str = Field(min_length=1)
    examples: list[CadenceExample] = Field(min_length=1)

    @model_validator(mode="after")
    def _principles(self) -> CadenceSpec:
        for value in (self.principle, *self.related_principles):
            check_principle(value)
        return self


@dataclass(frozen=True, slots=True)
class Cadence:
    """The loaded policy."""

    spacing_days: float
    max_unanswered: int
    crowded_messages: int
    crowded_days: float
    stop_advice: str
    examples: tuple[CadenceExample, ...]

    @property
    def spacing(self) -> timedelta:
        """Return the spacing as a timedelta."""
        return timedelta(days=self.spacing_days)


@dataclass(frozen=True, slots=True)
class CadenceStatus:
    """Where one prospect stands: messages unanswered, when the next is due, or stop."""

    unanswered: int
    """Voicemails since the last callback (all of them when none came)."""
    limit: int
    last_left_at: datetime | None
    earliest: datetime
    """The earliest moment the next voicemail may be left (never before `now`)."""
    stop: bool
    advice: str
    """What to do, in plain words ("" when nothing stands in the way)."""


def load_cadence(path: Path | None = None) -> Cadence:
    """Load and validate a cadence file (the built-in policy by default)."""
    entry = load_entry(path or package_data("policies", "cadence.yaml"), CadenceSpec, docs=DOCS)
    spec = entry.spec
    return Cadence(
        spec.spacing_days,
        spec.max_unanswered,
        spec.crowded_messages,
        spec.crowded_days,
        " ".join(spec.stop_advice.split()),
        tuple(spec.examples),
    )


@lru_cache(maxsize=1)
def default_cadence() -> Cadence:
    """Return the built-in policy, loaded once on first use."""
    return load_cadence()


def _days(value: float) -> str:
    return f"{value:g} day" + ("" if value == 1 else "s")


def cadence_status(
    voicemails: Sequence[datetime],
    callbacks: Sequence[datetime],
    *,
    now: datetime,
    policy: Cadence | None = None,
) -> CadenceStatus:
    """Return when the next voicemail is due for a prospect, or that it is time to stop."""
    require_aware(now)
    rule = policy or default_cadence()
    left = sorted(t for t in voicemails if t <= now)
    back = [t for t in callbacks if t <= now]
    last_callback = max(back) if back else None
    unanswered = [t for t in left if last_callback is None or t > last_callback]
    last = left[-1] if left else None
    if len(unanswered) >= rule.max_unanswered:
        advice = f"{len(unanswered)} voicemails without a call back. {rule.stop_advice}"
        return CadenceStatus(len(unanswered), rule.max_unanswered, last, now, True, advice)
    if not unanswered or last is None:
        return CadenceStatus(0, rule.max_unanswered, last, now, False, "")
    earliest = max(now, last + rule.spacing)
    advice = (
        f"{len(unanswered)} of {rule.max_unanswered} voicemails without a call back; "
        f"leave the next one no sooner than {_days(rule.spacing_days)} after the last."
    )
    return CadenceStatus(len(unanswered), rule.max_unanswered, last, earliest, False, advice)
