"""The API's request and response shapes, for validation and the OpenAPI document.

Responses are the library's own `to_dict()` dumps; these models only describe them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class CritiqueIn(BaseModel):
    """A script to critique and, optionally, who it is for."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The voicemail script (1-5,000 characters).")
    prospect: str | None = Field(default=None, max_length=200)
    company: str | None = Field(default=None, max_length=200)
    concerns: list[str] = Field(default_factory=list, max_length=20)
    region: str = Field(default="US", pattern=r"^[A-Za-z]{2}$")


class FindingOut(BaseModel):
    """One finding, anchored to text[start:end]."""

    rule: str
    principle: str
    level: str
    start: int
    end: int
    message: str
    fix: str
    subscore: str
    points: int
    related: list[list[int]] | None = None
    title: str = Field(default="", description="What the finding is about, in plain words.")


class PhoneNumberOut(BaseModel):
    """A phone number said in the script."""

    number: str
    start: int
    end: int
    position: float
    spoken: bool


class CritiqueOut(BaseModel):
    """The critique, as `callworthy check --format json` prints it."""

    score: int
    subscores: dict[str, int]
    findings: list[FindingOut]
    spoken_seconds: float
    phone_numbers: list[PhoneNumberOut]
    word_count: int
    rules_version: str


class AccountOut(BaseModel):
    """An account (never its password)."""

    id: int
    email: str
    name: str
    role: str
    rep_id: int
    team_id: int
    team: str


class TokenOut(BaseModel):
    """An API token's record (never the token)."""

    id: int
    user_id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None


class ErrorBody(BaseModel):
    """What went wrong: the library error's class and its message (as the CLI prints it)."""

    type: str
    message: str


class ErrorOut(BaseModel):
    """Every 4xx and 5xx answer of the API."""

    error: ErrorBody


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": why}
    for code, why in (
        (401, "No token, or a token that is not valid."),
        (403, "The user's role may not do this."),
        (413, "The request body is too large."),
        (422, "The request or the script is not acceptable (empty, too long, malformed)."),
    )
}


class AnswersIn(BaseModel):
    """Answers to a questionnaire or the phone test: question id -> option id."""

    model_config = ConfigDict(extra="forbid")

    answers: dict[str, str] = Field(max_length=200)


class OptionOut(BaseModel):
    """One option of a diagnose question."""

    id: str
    label: str


class QuestionOut(BaseModel):
    """One question of the diagnose questionnaire."""

    id: str
    text: str
    help: str
    options: list[OptionOut]


class ActionOut(BaseModel):
    """A next step against a cause."""

    id: str
    text: str
    principle: str
    triggered_by: list[str]


class CauseOut(BaseModel):
    """One of the ten P1 causes, ranked (as `callworthy diagnose --format json` prints it)."""

    cause: str
    title: str
    likelihood: float
    log_score: float
    evidence: list[str]
    actions: list[ActionOut]


class PhoneOptionOut(BaseModel):
    """One answer to a phone-test scenario (its points stay on the server)."""

    id: str
    text: str


class PhoneQuestionOut(BaseModel):
    """One scenario of the phone-ability test."""

    id: str
    area: str
    area_title: str
    scenario: str
    options: list[PhoneOptionOut]


class PhoneTestOut(BaseModel):
    """A scored sitting, as `callworthy phonetest --format json` prints it."""

    model_config = ConfigDict(extra="allow")

    id: int | None
    score: int
    band: str
    band_title: str
    weakest: list[dict[str, Any]]
    feedback: list[dict[str, Any]]


class PhoneResultOut(BaseModel):
    """A stored sitting (phonetest history)."""

    id: int
    rep: str
    taken_at: datetime
    score: int
    band: str
    quiz_version: str
    answers: dict[str, str]
    areas: dict[str, float]
