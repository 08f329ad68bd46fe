"""What the API accepts (request bodies) and its error body: the one place API schemas live.

Responses are the services' own dataclasses, declared as `response_model` on each
route (validated and in the OpenAPI document); nothing here mirrors them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from callworthy.services.ideas import MAX_TITLE
from callworthy.services.next_strategy import MAX_SEED
from callworthy.services.team_rules import MAX_SOURCE_CHARS


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CritiqueIn(_In):
    """A script to critique and, optionally, who it is for."""

    text: str = Field(description="The voicemail script (1-5,000 characters).")
    prospect: str | None = Field(default=None, max_length=200)
    company: str | None = Field(default=None, max_length=200)
    concerns: list[str] = Field(default_factory=list, max_length=20)
    region: str = Field(default="US", pattern=r"^[A-Za-z]{2}$")


class ProspectIn(_In):
    """A prospect to add (owned by the token's rep); the phone is validated and stored as E.164.

    Text fields are checked by the service, as from a form or an import: name, company,
    role and industry up to 200 characters, phone 40, each tag 60 (30 tags), one line,
    no control characters; a refusal is 422 `InvalidFieldError` naming its `field`.
    """

    name: str
    company: str | None = None
    role: str | None = None
    industry: str | None = None
    phone: str | None = None
    humor_ok: bool = False
    tags: list[str] = Field(default_factory=list)
    relationship: str = Field(default="cold", description="cold, met_briefly or referred.")
    referred_by: str | None = None
    lead_name: str | None = Field(default=None, description="A real lead (P7).")
    lead_detail: str | None = None


class KnownIn(_In):
    """What the rep knows of a prospect: it decides which strategies fit (left out: cleared)."""

    relationship: str = Field(default="cold", description="cold, met_briefly or referred.")
    referred_by: str | None = None
    lead_name: str | None = Field(default=None, description="A real lead (P7).")
    lead_detail: str | None = None
    humor_ok: bool | None = Field(default=None, description="Left out: unchanged.")


class VoicemailIn(_In):
    """A voicemail left: the strategy id and what was said (critiqued and scored on storing)."""

    strategy: str = Field(description="A lowercase id (value_tip, sales_lead, ...); 64 at most.")
    script: str = Field(description="What was said: 1-5,000 characters, lines allowed.")


class ProspectPatch(_In):
    """The profile fields to change; those left out stay, `null` clears an optional one."""

    name: str | None = None
    company: str | None = None
    role: str | None = None
    industry: str | None = None
    phone: str | None = None
    humor_ok: bool | None = None
    tags: list[str] | None = None


class VoicemailPatch(_In):
    """A voicemail's fields to change; a new script is critiqued and scored again."""

    strategy: str | None = None
    script: str | None = None
    left_at: str | None = Field(default=None, description="ISO 8601; without a zone: UTC.")


class CallbackPatch(_In):
    """A callback's fields to change."""

    outcome: str | None = Field(
        default=None, description="returned, meeting, not_interested or other"
    )
    notes: str | None = None
    at: str | None = Field(default=None, description="ISO 8601; without a zone: UTC.")


class StrategyIn(_In):
    """The strategy a voicemail really used (one of the team's ids)."""

    strategy: str = Field(max_length=60)


class CallbackIn(_In):
    """A return call: how it went and, optionally, when (ISO 8601; default now)."""

    outcome: str = Field(max_length=40, description="returned, meeting, not_interested or other")
    at: str | None = Field(default=None, max_length=40)


class AnswersIn(_In):
    """Answers to a questionnaire or the phone test: question id -> option id."""

    answers: dict[str, str] = Field(max_length=200)


class TeamRuleIn(_In):
    """A team rule's YAML, in the rule file format."""

    source: str = Field(max_length=MAX_SOURCE_CHARS)


class WriteIn(_In):
    """A profile as `callworthy write --profile` reads it, and a seed."""

    prospect: dict[str, Any] = Field(
        description="name (required), company, role, industry, phone, facts[], concerns[], "
        "humor_ok, relationship (cold|met_briefly|referred), lead {name, detail, contact}, "
        "referred_by."
    )
    rep: dict[str, Any] = Field(
        default_factory=dict,
        description="name, phone, company, email; what is left out comes from your saved "
        "profile (name and phone are then required there).",
    )
    seed: int = Field(default=0, ge=0, le=1_000_000, description="Same seed, same text.")


class ProfileIn(_In):
    """Your profile: a field left out keeps its saved value; "" clears the phone or company."""

    name: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=40)
    company: str | None = Field(default=None, max_length=200)
    region: str | None = Field(default=None, max_length=2, description="Two letters: US, GB ...")
    time_zone: str | None = Field(
        default=None, max_length=64, description="IANA zone: America/Chicago ..."
    )


class IdeaIn(_In):
    """An idea: the strategy in a sentence, and a sample script (critiqued and scored)."""

    title: str = Field(description=f"The strategy in a sentence ({MAX_TITLE} characters at most).")
    script: str = Field(default="", description="A sample script (5,000 characters at most).")


class ExperimentIn(_In):
    """Start an experiment: try half of the open ideas beside the baseline."""

    try_half: Literal[True] = Field(description="Draw a random half of the open ideas (required).")
    baseline: str | None = Field(default=None, max_length=64, description="Default: most-logged.")
    seed: int | None = Field(default=None, ge=0, le=MAX_SEED, description="Seed of the draw.")


class RoleIn(_In):
    """A team member's new role (managers only)."""

    role: Literal["manager", "rep"]


class ReassignIn(_In):
    """The account whose rep takes over every prospect of the account in the path."""

    to_user_id: int = Field(ge=1, le=2**31 - 1)


class PasswordIn(_In):
    """Your current password and the new one."""

    old: str = Field(max_length=2000)
    new: str = Field(max_length=2000)


class LineProblemOut(BaseModel):
    """A bad line of an uploaded file and why."""

    line: int | None
    reason: str


class FieldProblemOut(BaseModel):
    """A refused parameter or body field (as the client sends it: `window`, `answers.q1`)."""

    field: str
    problem: str


class ErrorBody(BaseModel):
    """What went wrong: the error's class, its category and its message (as the CLI prints it).

    `field`, `line` and `problems` are there when the error knows them; `fields` lists
    each value refused before any service ran (a ValidationError).
    """

    type: str
    category: str | None = None
    message: str
    field: str | None = None
    line: int | None = None
    problems: list[LineProblemOut] | None = None
    fields: list[FieldProblemOut] | None = None


class ErrorOut(BaseModel):
    """Every 4xx and 5xx answer of the API."""

    error: ErrorBody


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """Return the OpenAPI `responses` of these error statuses (401, 403, 413, 422 always)."""
    why = {
        401: "No token, or a token that is not valid.",
        403: "The user's role may not do this.",
        404: "No such record of yours (another rep's is not revealed).",
        409: "Not possible in this state (a duplicate, do-not-call, already running).",
        413: "The request body is too large.",
        415: "The upload is not of a type this operation takes.",
        422: "The request is not acceptable (empty, too long, malformed); says why.",
        503: "The server cannot do it now (no database, no audio support).",
    }
    wanted = sorted({401, 403, 413, 422, *codes})
    return {code: {"model": ErrorOut, "description": why[code]} for code in wanted}
