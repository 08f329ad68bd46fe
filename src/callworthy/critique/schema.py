"""The rule-file format: one pydantic model per rule kind, validated when rules load.

A rule file declares one rule of one kind (see docs/rules.md). Unknown keys are
errors, so a typo ("tokes:") is reported rather than silently ignored. The models
defer building their validators (`defer_build`): rules are validated through
RULE_ADAPTER alone, so building one per class at import only slowed every command.

Each check's body is a plain function below, called by the model's validator: mutation
testing (mutmut) leaves decorated functions alone, so a check in a validator's own
body would go untested by it.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, ConfigDict, Field, TypeAdapter, model_validator

from callworthy.critique.model import Level, Subscore
from callworthy.datafile import Strict
from callworthy.principles import PrincipleId

MetricName = Literal[
    "spoken_seconds",
    "word_count",
    "phone_count",
    "first_phone_position",
    "min_phone_repeats",
    "question_count",
    "sentence_count",
    # Measured on a recording only (callworthy.audio); rules on them stay silent on a script.
    "words_per_minute",
    "phone_digits_per_second",
    "longest_pause_seconds",
]
#: Metrics a `metric` rule can bound, each computed once per script.
METRICS: tuple[str, ...] = get_args(MetricName)


def _both_examples(pass_: list[str], fail: list[str]) -> None:
    """Refuse examples without at least one script of each kind."""
    if not pass_ or not fail:
        raise ValueError("give at least one `pass` and one `fail` example")


def _something_to_match(tokens: list[str], patterns: list[str], context: list[str]) -> None:
    """Refuse a matcher that names nothing to look for."""
    if not (tokens or patterns or context):
        raise ValueError("give `tokens`, `patterns` or `context` to match")


def _a_bound(low: float | None, high: float | None) -> None:
    """Refuse a count or metric rule with neither bound."""
    if low is None and high is None:
        raise ValueError("give `min`, `max` or both")


def _window(value: tuple[float, float]) -> tuple[float, float]:
    """Return a position rule's window if it is a part of the message, from start to end."""
    if not 0.0 <= value[0] < value[1] <= 1.0:
        raise ValueError("`within` is [start, end] with 0 <= start < end <= 1")
    return value


def _names_rules(unless: list[str]) -> None:
    """Refuse an absence rule that names no rule whose absence it flags."""
    if not unless:
        raise ValueError("name in `unless` the rules whose absence this rule flags")


class Examples(Strict):
    """Scripts the rule must pass and must flag; the meta-tests run every one."""

    model_config = ConfigDict(defer_build=True)

    pass_: list[str] = Field(default_factory=list, alias="pass")
    fail: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _some(self) -> Examples:
        _both_examples(self.pass_, self.fail)
        return self


class Matcher(Strict):
    """What to look for: literal phrases (`tokens`) and/or regexes (`patterns`)."""

    model_config = ConfigDict(defer_build=True)

    tokens: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    case_sensitive: bool = False
    context: list[Literal["prospect_name", "company", "concerns", "vocabulary"]] = Field(
        default_factory=list,
        description="Also match these fields of the critique's context (the prospect profile).",
    )

    @model_validator(mode="after")
    def _not_empty(self) -> Matcher:
        _something_to_match(self.tokens, self.patterns, list(self.context))
        return self


class RuleBase(Strict):
    """Fields every rule has, whatever its kind."""

    model_config = ConfigDict(defer_build=True)

    principle: PrincipleId
    related_principles: list[PrincipleId] = Field(default_factory=list)
    level: Level
    subscore: Subscore
    name: str | None = Field(
        default=None,
        max_length=60,
        description="What a finding of this rule is about, in plain words (shown to the rep as "
        "the finding's title).",
    )
    message: str
    fix: str
    examples: Examples
    weight: int | None = Field(
        default=None,
        ge=0,
        le=100,
        description="Points a finding moves the score; without it the learned weight is used.",
    )
    max_points: int | None = Field(default=None, ge=0, le=100)
    unless: list[str] = Field(
        default_factory=list,
        description="Rule ids (or id prefixes) whose findings, when present, silence this rule.",
    )
    description: str = ""

    @property
    def principles(self) -> str:
        """Return the principle ids as one string, the main one first: "P3" or "P3/P4"."""
        return "/".join([self.principle, *self.related_principles])


class ExistenceRule(RuleBase, Matcher):
    """Flag every occurrence of a phrase or pattern."""

    kind: Literal["existence"]
    exceptions: Matcher | None = None


class SubstitutionRule(RuleBase):
    """Flag a phrase and suggest what to say instead (`{replacement}` in the message)."""

    kind: Literal["substitution"]
    swap: dict[str, str] = Field(min_length=1)
    case_sensitive: bool = False


class OccurrenceRule(RuleBase, Matcher):
    """Flag when a phrase occurs fewer than `min` or more than `max` times."""

    kind: Literal["occurrence"]
    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _bound(self) -> OccurrenceRule:
        _a_bound(self.min, self.max)
        return self


class RatioRule(RuleBase):
    """Flag when `numerator` matches outnumber `denominator` matches by more than `max`."""

    kind: Literal["ratio"]
    numerator: Matcher
    denominator: Matcher
    max: float = Field(gt=0)
    min_count: int = Field(default=1, ge=1)


class PositionRule(RuleBase, Matcher):
    """Forbid (or require) a phrase within a part of the message, as fractions of it."""

    kind: Literal["position"]
    within: Annotated[tuple[float, float], AfterValidator(_window)] = (0.0, 1.0)
    mode: Literal["forbid", "require"] = "forbid"


class ConditionalRule(RuleBase):
    """When `if` matches (or always, without `if`) and nothing in `then` does, flag it."""

    kind: Literal["conditional"]
    if_: Matcher | None = Field(default=None, alias="if")
    then: Matcher


class MetricRule(RuleBase):
    """Flag a measured quantity (spoken seconds, phone repeats, ...) outside `min`..`max`."""

    kind: Literal["metric"]
    metric: MetricName
    min: float | None = None
    max: float | None = None

    @model_validator(mode="after")
    def _bound(self) -> MetricRule:
        _a_bound(self.min, self.max)
        return self


class AbsenceRule(RuleBase):
    """Flag the whole message when none of the rules named in `unless` fired ("no reason")."""

    kind: Literal["absence"]

    @model_validator(mode="after")
    def _names_something(self) -> AbsenceRule:
        _names_rules(self.unless)
        return self


class CustomRule(RuleBase):
    """The rare escape hatch: a registered Python check, named by `function`."""

    kind: Literal["custom"]
    function: str
    options: dict[str, str | int | float | bool | list[str]] = Field(default_factory=dict)


RuleSpec = Annotated[
    ExistenceRule
    | SubstitutionRule
    | OccurrenceRule
    | RatioRule
    | PositionRule
    | ConditionalRule
    | MetricRule
    | AbsenceRule
    | CustomRule,
    Field(discriminator="kind"),
]
RULE_ADAPTER: TypeAdapter[RuleSpec] = TypeAdapter(RuleSpec)
KINDS = (
    "existence",
    "substitution",
    "occurrence",
    "ratio",
    "position",
    "conditional",
    "metric",
    "absence",
    "custom",
)
