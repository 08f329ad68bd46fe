"""The quiz file formats: quiz.yaml (areas, bands) and one file per question.

Validated by pydantic when the quiz loads (see docs/phonetest.md). Every
option is scored (0-3 points) and explained, and the explanation cites the
option's principle, so the feedback always says why.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    field_validator,
    model_validator,
)

from callworthy.principles import check_principle

SLUG_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
#: YAML reads these as booleans, so an answers file could not give them as ids.
YAML_BOOLEANS = frozenset({"yes", "no", "on", "off", "true", "false", "y", "n"})
MAX_POINTS = 3
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3)]


def slug(value: str) -> str:
    """Return an id if it is a lower-case slug that YAML will not read as a boolean."""
    if not SLUG_RE.match(value) or value in YAML_BOOLEANS:
        raise ValueError("use a lower-case slug (a-z, 0-9, _ and -), not yes/no/on/off/true/false")
    return value


Slug = Annotated[str, AfterValidator(slug)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OptionSpec(_Strict):
    """One answer to a scenario: its points (0-3) and why, citing its principle."""

    id: Slug
    text: Text
    points: int = Field(ge=0, le=MAX_POINTS)
    principle: str
    explanation: Text

    @field_validator("principle")
    @classmethod
    def _principle(cls, value: str) -> str:
        return check_principle(value)

    @model_validator(mode="after")
    def _cites(self) -> OptionSpec:
        if not re.search(rf"\b{self.principle}\b", self.explanation):
            raise ValueError(f"the explanation must cite its principle ({self.principle})")
        return self


class QuestionSpec(_Strict):
    """The question-file format: a scenario in one area, with scored options."""

    area: Slug
    scenario: Text
    options: list[OptionSpec] = Field(min_length=3, max_length=6)

    @model_validator(mode="after")
    def _options(self) -> QuestionSpec:
        ids = [o.id for o in self.options]
        if len(set(ids)) != len(ids):
            raise ValueError("option ids must be unique")
        if max(o.points for o in self.options) != MAX_POINTS:
            raise ValueError(f"give the best option {MAX_POINTS} points")
        if min(o.points for o in self.options) == MAX_POINTS:
            raise ValueError("at least one option must score less than the best")
        return self


class BandSpec(_Strict):
    """A score band: from `min` (0-100) up to the next band."""

    id: Slug
    min: int = Field(ge=0, le=100)
    title: Text
    says: Text


class AreaSpec(_Strict):
    """A skill area of the quiz and what to practise when it is weak."""

    title: Text
    practise: Text


class QuizSpec(_Strict):
    """The quiz.yaml format."""

    title: Text
    principle: str = "P14"
    description: Text
    bands: list[BandSpec] = Field(min_length=2)
    areas: dict[Slug, AreaSpec] = Field(min_length=3)

    @model_validator(mode="after")
    def _bands(self) -> QuizSpec:
        mins = [b.min for b in self.bands]
        if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins) or mins[-1] != 0:
            raise ValueError("list bands from the highest `min` down to one with min 0")
        return self


QUIZ_ADAPTER = TypeAdapter(QuizSpec)
QUESTION_ADAPTER = TypeAdapter(QuestionSpec)
