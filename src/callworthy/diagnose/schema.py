"""The file formats of the diagnosis: one cause per file, and the questionnaire.

Validated by pydantic when the data loads (see docs/diagnose.md). Unknown keys
are errors, so a typo is reported with its line rather than silently ignored.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints

from callworthy.datafile import ID_RE, Strict
from callworthy.principles import check_principle, check_principles

CAUSE_LETTERS = ("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")
CauseLetter = Literal["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
#: YAML reads these as booleans, so an answers file could not give them as ids.
YAML_BOOLEANS = frozenset({"yes", "no", "on", "off", "true", "false", "y", "n"})


def slug(value: str) -> str:
    """Return an id if it is a lower-case slug that YAML will not read as a boolean."""
    if not ID_RE.match(value) or value in YAML_BOOLEANS:
        raise ValueError("use a snake_case id (a-z, 0-9 and _), not yes/no/on/off/true/false")
    return value


Slug = Annotated[str, AfterValidator(slug)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3)]
Weight = Annotated[float, Field(ge=-4, le=4)]


Principle = Annotated[str, AfterValidator(check_principle)]
Related = Annotated[list[str], AfterValidator(lambda v: check_principles(v) if v else v)]


class SignSpec(Strict):
    """A record signal that points to (weight > 0) or away from (< 0) this cause."""

    signal: str
    weight: Weight
    why: Text


class ActionSpec(Strict):
    """A concrete next step against this cause."""

    id: Slug
    text: Text
    principle: Principle
    when: list[str] = Field(
        default_factory=list,
        description="Signals or question.option answers that make this step urgent (shown first).",
    )
    only_when: bool = Field(default=False, description="Show the step only when `when` holds.")


class NeverSpec(Strict):
    """A wrong answer (P1) a rep may be tempted by, and why it is wrong; never recommended."""

    text: Text
    why: Text


class CauseExample(Strict):
    """Evidence under which this cause must rank among the first `rank_at_most` (meta-tested)."""

    answers: dict[str, str] = Field(default_factory=dict)
    signals: dict[str, Annotated[float, Field(ge=0, le=1)]] = Field(default_factory=dict)
    rank_at_most: int = Field(default=3, ge=1, le=10)


class CauseSpec(Strict):
    """The cause-file format (docs/diagnose.md): one P1 cause, a to j."""

    name: Text
    principle: Principle
    related_principles: Related = Field(default_factory=list)
    prior: float = Field(gt=0, lt=1, description="How often this is the cause before evidence.")
    description: Text
    signs: list[SignSpec] = Field(default_factory=list)
    actions: list[ActionSpec] = Field(min_length=2)
    never: list[NeverSpec] = Field(default_factory=list)
    examples: list[CauseExample] = Field(min_length=1)


class OptionSpec(Strict):
    """One answer to a question, and how it weighs on each cause (log-odds, see the docs)."""

    id: Slug
    label: Text
    weights: dict[CauseLetter, Weight]
    evidence: Text = Field(description="What this answer says, shown as evidence for a cause.")


class QuestionSpec(Strict):
    """One question of the questionnaire."""

    id: Slug
    text: Text
    principle: Principle
    related_principles: Related = Field(default_factory=list)
    help: str = ""
    options: list[OptionSpec] = Field(min_length=2)


class QuestionnaireSpec(Strict):
    """The questionnaire-file format (docs/diagnose.md)."""

    name: Text
    description: Text
    questions: list[QuestionSpec] = Field(min_length=3)
