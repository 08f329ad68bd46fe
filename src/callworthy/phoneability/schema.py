"""The quiz file formats: quiz.yaml (areas, bands) and one file per question.

Validated by pydantic when the quiz loads (see docs/phonetest.md). Every
option is scored (0-3 points) and explained, and the explanation cites the
option's principle, so the feedback always says why.

Each check's body is a plain function, called by the model's validator: mutation
testing (mutmut) leaves decorated functions alone.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints, model_validator

from callworthy.datafile import ID_RE, Strict
from callworthy.principles import PrincipleId

#: YAML reads these as booleans, so an answers file could not give them as ids.
YAML_BOOLEANS = frozenset({"yes", "no", "on", "off", "true", "false", "y", "n"})
MAX_POINTS = 3
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3)]


def slug(value: str) -> str:
    """Return an id if it is a lower-case slug that YAML will not read as a boolean."""
    if not ID_RE.match(value) or value in YAML_BOOLEANS:
        raise ValueError("use a snake_case id (a-z, 0-9 and _), not yes/no/on/off/true/false")
    return value


def _check_citation(principle: str, explanation: str) -> None:
    """Refuse an explanation that does not cite the option's principle by its id."""
    if not re.search(rf"\b{principle}\b", explanation):
        raise ValueError(f"the explanation must cite its principle ({principle})")


def _check_options(options: list[OptionSpec], examples: list[QuestionExample]) -> None:
    """Refuse a question's options unless unique, one best at full points, one below it."""
    ids = [o.id for o in options]
    if len(set(ids)) != len(ids):
        raise ValueError("option ids must be unique")
    if max(o.points for o in options) != MAX_POINTS:
        raise ValueError(f"give the best option {MAX_POINTS} points")
    if min(o.points for o in options) == MAX_POINTS:
        raise ValueError("at least one option must score less than the best")
    if any(e.answer not in ids for e in examples):
        raise ValueError("an example answers with an option id the question does not have")


def _check_bands(mins: list[int]) -> None:
    """Refuse bands not listed from the highest `min` down to one at 0, each `min` once."""
    if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins) or mins[-1] != 0:
        raise ValueError("list bands from the highest `min` down to one with min 0")


Slug = Annotated[str, AfterValidator(slug)]


class OptionSpec(Strict):
    """One answer to a scenario: its points (0-3) and why, citing its principle."""

    id: Slug
    text: Text
    points: int = Field(ge=0, le=MAX_POINTS)
    principle: PrincipleId
    explanation: Text

    @model_validator(mode="after")
    def _cites(self) -> OptionSpec:
        _check_citation(self.principle, self.explanation)
        return self


class QuestionExample(Strict):
    """An answer and what its feedback must say (meta-tested through the real scoring)."""

    answer: Slug
    points: int = Field(ge=0, le=MAX_POINTS)
    says: str = Field(min_length=2, description="Words the feedback on this answer contains.")


class QuestionSpec(Strict):
    """The question-file format: a scenario in one area, with scored options."""

    area: Slug
    scenario: Text
    options: list[OptionSpec] = Field(min_length=3, max_length=6)
    examples: list[QuestionExample] = Field(min_length=1)

    @model_validator(mode="after")
    def _options(self) -> QuestionSpec:
        _check_options(self.options, self.examples)
        return self


class BandSpec(Strict):
    """A score band: from `min` (0-100) up to the next band."""

    id: Slug
    min: int = Field(ge=0, le=100)
    name: Text
    says: Text


class AreaSpec(Strict):
    """A skill area of the quiz and what to practise when it is weak."""

    name: Text
    practise: Text


class QuizSpec(Strict):
    """The quiz.yaml format."""

    name: Text
    principle: str = "P14"
    description: Text
    bands: list[BandSpec] = Field(min_length=2)
    areas: dict[Slug, AreaSpec] = Field(min_length=3)

    @model_validator(mode="after")
    def _bands(self) -> QuizSpec:
        _check_bands([b.min for b in self.bands])
        return self
