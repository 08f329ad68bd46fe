"""The critique's values: findings, phone numbers, sub-scores and the whole critique.

Frozen dataclasses, plain to dump as JSON; the CLI, the API and the pages render
these same objects.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Level(StrEnum):
    """How much a finding matters; `strength` marks something done well."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    STRENGTH = "strength"


class Subscore(StrEnum):
    """The five parts of the score; their maxima add up to 100."""

    PROSPECT_FOCUS = "prospect_focus"
    VALUE = "value"
    BREVITY = "brevity"
    CALLBACK = "callback"
    DIFFERENTIATION = "differentiation"


SUBSCORE_MAX: dict[Subscore, int] = {
    Subscore.PROSPECT_FOCUS: 25,
    Subscore.VALUE: 25,
    Subscore.BREVITY: 15,
    Subscore.CALLBACK: 20,
    Subscore.DIFFERENTIATION: 15,
}

#: Points a finding costs by default, per level, for a rule with neither its own `weight`
#: nor a learned one (the learned weights are in weights/critique.yaml).
DEFAULT_WEIGHT: dict[Level, int] = {
    Level.ERROR: 12,
    Level.WARNING: 6,
    Level.INFO: 2,
    Level.STRENGTH: 10,
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the critique noticed, anchored to a span of the script."""

    rule: str
    principle: str
    level: Level
    start: int
    end: int
    message: str
    fix: str
    subscore: Subscore
    points: int
    """Points this finding moved the score: negative for a loss, positive for a strength."""
    related: tuple[tuple[int, int], ...] = ()
    """Every span of the finding when it has more than one (e.g. each "we" of a self-focus
    finding); `start`/`end` is the first of them."""
    title: str = ""
    """What the finding is about, in plain words ("Bare call-me", "A sales lead for them")."""


@dataclass(frozen=True, slots=True)
class Detection:
    """A rule that recognised something in a script, whether or not it moved the score.

    A strength makes no finding when nothing was lost (its points would be 0), yet it
    was recognised: what a message offers is read from detections (write/classify.py).
    """

    rule: str
    level: Level
    spans: tuple[tuple[int, int], ...]
    """Every place it fired, in order."""


@dataclass(frozen=True, slots=True)
class PhoneNumber:
    """A phone number in the script and how far into the message it is said (0-1)."""

    number: str
    start: int
    end: int
    position: float
    spoken: bool = False


@dataclass(frozen=True, slots=True)
class Critique:
    """The whole critique of one script. Every point lost is explained by a finding."""

    score: int
    subscores: dict[str, int]
    findings: tuple[Finding, ...]
    spoken_seconds: float
    phone_numbers: tuple[PhoneNumber, ...]
    word_count: int
    rules_version: str
    text: str = field(repr=False, default="")

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape shared by the CLI, the API and the library."""
        data = asdict(self)
        data.pop("text")
        data["findings"] = [
            {k: v for k, v in f.items() if k != "related" or v} for f in data["findings"]
        ]
        return data
