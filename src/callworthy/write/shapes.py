"""The JSON shapes of a written candidate, typed, so their schema is generated (docs/schemas/)."""

from __future__ import annotations

from typing_extensions import TypedDict  # pydantic reads typing's TypedDict only from 3.12


class ItemOut(TypedDict):
    """One thing a message delivers: a way, a site, an answer, with its detail and address."""

    text: str
    detail: str
    url: str | None


class EmailOut(TypedDict):
    """The follow-up e-mail."""

    subject: str
    body: str


class DeliverableOut(TypedDict):
    """What a message promised, and the e-mail that delivers it."""

    kind: str
    promise: str
    items: list[ItemOut]
    email: EmailOut


class FindingOut(TypedDict):
    """A finding of a candidate's critique, in brief."""

    rule: str
    level: str
    points: int
    message: str


class CandidateOut(TypedDict):
    """A candidate as `callworthy write --format json` and `POST /api/v1/write` give it."""

    strategy: str
    name: str
    principle: str
    text: str
    spoken: str
    score: int
    spoken_seconds: float
    humor: bool
    phrasing: int
    caution: str
    expected_rate: float
    evidence: str
    subscores: dict[str, int]
    findings: list[FindingOut]
    deliverable: DeliverableOut | None


class GreetingFindingOut(TypedDict):
    """A length finding of a greeting: the rule and what it says."""

    rule: str
    message: str


class GreetingOut(TypedDict):
    """A greeting as `callworthy greeting --format json` gives it."""

    script: str
    name: str
    principle: str
    text: str
    spoken: str
    spoken_seconds: float
    humor: bool
    findings: list[GreetingFindingOut]
