"""The diagnosis's values: attempts in, signals read from them, causes ranked out.

Frozen snake_case dataclasses, plain to dump as JSON; the CLI and the API
render these same objects.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Attempt:
    """One voicemail left: when, with which strategy, its score and the critique's rule ids."""

    left_at: datetime
    strategy: str
    score: int | None = None
    findings: tuple[str, ...] | None = None
    """Rule ids the critique found (e.g. "focus.self-focus"); None when no script was kept."""


@dataclass(frozen=True, slots=True)
class Signal:
    """Something the record shows, with a strength 0-1 and the sentence that says it."""

    id: str
    strength: float
    evidence: str


@dataclass(frozen=True, slots=True)
class Record:
    """What the record of attempts shows: its signals, and notes on what it could not show."""

    attempts: int
    callbacks: int
    signals: tuple[Signal, ...]
    notes: tuple[str, ...]
    days_since_last: int | None = None

    @property
    def empty(self) -> bool:
        """Return True when no voicemail was logged."""
        return self.attempts == 0

    def strength(self, signal_id: str) -> float:
        """Return a signal's strength (0 when the record does not show it)."""
        return next((s.strength for s in self.signals if s.id == signal_id), 0.0)


@dataclass(frozen=True, slots=True)
class Action:
    """A concrete next step, with the principle behind it and what made it come first."""

    id: str
    text: str
    principle: str
    triggered_by: tuple[str, ...] = ()
    """Signals or answers (question.option) that made this step urgent; empty: general advice."""


@dataclass(frozen=True, slots=True)
class CauseResult:
    """One P1 cause: how likely, why (evidence), and what to do about it."""

    cause: str
    title: str
    likelihood: float
    log_score: float
    evidence: tuple[str, ...]
    actions: tuple[Action, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape: cause letter, title, likelihood, evidence, actions."""
        data = asdict(self)
        data["likelihood"] = round(self.likelihood, 4)
        data["log_score"] = round(self.log_score, 4)
        data["evidence"] = list(self.evidence)
        data["actions"] = [{**a, "triggered_by": list(a["triggered_by"])} for a in data["actions"]]
        return data


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """The ten causes ranked by likelihood (they sum to 1), with notes on the evidence used."""

    causes: tuple[CauseResult, ...]
    record: Record
    answers: dict[str, str]
    notes: tuple[str, ...]

    def top(self, n: int = 3) -> tuple[CauseResult, ...]:
        """Return the n most likely causes."""
        return self.causes[:n]

    def next_steps(self, n: int = 5) -> tuple[Action, ...]:
        """Return the first steps across the three likeliest causes, urgent ones first."""
        seen: set[str] = set()
        ordered: list[tuple[int, int, Action]] = []
        for rank, cause in enumerate(self.top()):
            for position, action in enumerate(cause.actions):
                if action.id not in seen:
                    seen.add(action.id)
                    urgent = 0 if action.triggered_by else 1
                    ordered.append((urgent, rank * 100 + position, action))
        return tuple(a for _, _, a in sorted(ordered, key=lambda t: (t[0], t[1])))[:n]
