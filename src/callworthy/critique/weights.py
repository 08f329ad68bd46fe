"""The learned weights: what a finding of each built-in rule is worth, fitted on real voicemails.

`make fit` (`python -m callworthy.critique.fit data/coaching/voicemails.csv`)
writes `src/callworthy/weights/critique.yaml`; the rule loader reads it here.
A rule's finding moves the score by `points` (negative for a problem, positive
for a strength). A rule file that sets its own `weight:` keeps it (a team's
rule, or a built-in the corpus cannot judge, such as the audio rules); a rule
with neither falls back to its level's default. See docs/critique.md.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from callworthy.datafile import load_model
from callworthy.errors import RuleFileError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleWeight(_Strict):
    """One rule's fitted weight and the evidence behind it."""

    points: int = Field(ge=-100, le=100, description="Points a finding moves the score.")
    logit: float = Field(description="The regression coefficient (log-odds of a good message).")
    fired_good: int = Field(ge=0, description="Good or recommended corpus messages it fired on.")
    fired_bad: int = Field(ge=0, description="Bad corpus messages it fired on.")


class WeightsFile(_Strict):
    """The whole weights file, as `make fit` writes it."""

    model: str
    corpus: str
    corpus_sha256: str
    rows: int = Field(ge=0)
    pages: int = Field(ge=0)
    prior_sd: float = Field(gt=0)
    points_per_logit: float = Field(gt=0)
    intercept: float
    weights: dict[str, RuleWeight]
    unobserved: list[str] = Field(
        default_factory=list,
        description="Rules that fired on no corpus message: they keep their level's default.",
    )
    declared: list[str] = Field(
        default_factory=list,
        description="Built-in rules that keep the weight their file declares (not fitted).",
    )


WEIGHTS_ADAPTER: TypeAdapter[WeightsFile] = TypeAdapter(WeightsFile)


@dataclass(frozen=True, slots=True)
class LearnedWeights:
    """Signed points per rule id, and a digest that goes into the rule-set version."""

    points: dict[str, int]
    digest: str
    intercept: float = 0.0
    points_per_logit: float = 1.0


def builtin_weights_path() -> Path:
    """Return the built-in weights file (package data)."""
    return Path(str(files("callworthy"))) / "weights" / "critique.yaml"


def read_weights(path: Path) -> LearnedWeights:
    """Read and validate a weights file; a problem is a RuleFileError with its line."""
    data, _ = load_model(path, WEIGHTS_ADAPTER, error=RuleFileError, docs="docs/critique.md")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    points = {rid: w.points for rid, w in data.weights.items()}
    return LearnedWeights(points, digest, data.intercept, data.points_per_logit)


def learned(points: dict[str, int], intercept: float = 0.0, scale: float = 1.0) -> LearnedWeights:
    """Return weights given in memory (a cross-validation fold), with a digest of their values."""
    text = ",".join(f"{rid}={p}" for rid, p in sorted(points.items()))
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    return LearnedWeights(dict(points), digest, intercept, scale)
