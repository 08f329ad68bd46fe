"""Phone-ability test results (P14): draw an attempt, score a sitting, keep it per rep, list them.

The one place the quiz (pure, callworthy.phoneability) meets storage: the
PhoneTestResult table keeps the score, band, quiz version, answers and area
shares of each sitting, so a rep can watch the numbers move over time. A sitting
keeps the score it was given: one scored before formula scoring (its quiz version
has no "formula-" in front) is shown as scored on the share of points.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from callworthy.phoneability import (
    SCORING,
    PhoneTestScore,
    Quiz,
    default_quiz,
    is_attempt,
    score_answers,
    shuffled,
)
from callworthy.services.caller import Caller
from callworthy.services.paging import Page, keyset
from callworthy.services.values import Timestamp, _Dumpable
from callworthy.storage import queries
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.tables import PhoneTestResult, utc_now


@dataclass(frozen=True, slots=True)
class PhoneTestRecord(_Dumpable):
    """A stored sitting of the test, as the surfaces show it."""

    id: int
    rep: str
    taken_at: Timestamp
    score: int
    band: str
    quiz_version: str
    answers: dict[str, str]
    areas: dict[str, float]
    scoring: str
    """How the stored score was given: "formula" (corrected for guessing), or "share" (the
    share of points, before formula scoring); scores of the two are not comparable."""


def scoring_of(quiz_version: str) -> str:
    """Return how a sitting of this quiz version was scored ("formula" or "share")."""
    return SCORING if quiz_version.startswith(f"{SCORING}-") else "share"


@dataclass(frozen=True, slots=True)
class ScoredSitting(PhoneTestScore):
    """A scored sitting as the API answers it: the score, and the id it was kept under."""

    id: int | None = None


@dataclass(frozen=True, slots=True)
class ScenarioOption(_Dumpable):
    """One answer to a scenario (its points stay on the server)."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class Scenario(_Dumpable):
    """One scenario of the phone-ability test, as the surfaces ask it."""

    id: str
    area: str
    area_title: str
    scenario: str
    options: tuple[ScenarioOption, ...]
    """In this attempt's order."""


@dataclass(frozen=True, slots=True)
class Sheet(_Dumpable):
    """One attempt at the test: its id, and every scenario with its options in its order."""

    attempt: str
    quiz_version: str
    scenarios: tuple[Scenario, ...]


def new_attempt() -> str:
    """Return a fresh attempt id (random, URL-safe): a new order of every scenario's options."""
    return secrets.token_urlsafe(9)


def sheet(attempt: str | None = None, quiz: Quiz | None = None) -> Sheet:
    """Return the scenarios in the order of this attempt (a new attempt when none is valid)."""
    quiz = quiz or default_quiz()
    attempt = attempt if is_attempt(attempt) else new_attempt()
    assert attempt is not None
    scenarios = tuple(
        Scenario(
            q.id,
            q.area,
            quiz.areas[q.area].name,
            q.scenario,
            tuple(ScenarioOption(o.id, o.text) for o in options),
        )
        for q, options in shuffled(quiz, attempt)
    )
    return Sheet(attempt, quiz.version, scenarios)


def scored_sitting(result: PhoneTestScore, stored: PhoneTestRecord | None) -> ScoredSitting:
    """Return a scored sitting with the id it was kept under (None when it was not kept)."""
    sitting = {f.name: getattr(result, f.name) for f in fields(result)}
    return ScoredSitting(**sitting, id=stored.id if stored else None)


def _record(row: PhoneTestResult, rep: str) -> PhoneTestRecord:
    return PhoneTestRecord(
        id=row.id,
        rep=rep,
        taken_at=row.taken_at,
        score=row.score,
        band=row.band,
        quiz_version=row.quiz_version,
        answers=dict(row.answers or {}),
        areas={k: float(v) for k, v in (row.areas or {}).items()},
        scoring=scoring_of(row.quiz_version),
    )


def save_result(
    engine: Engine, caller: Caller, result: PhoneTestScore, *, at: datetime | None = None
) -> PhoneTestRecord:
    """Store a scored sitting for the calling rep."""

    def work(session: Session) -> PhoneTestRecord:
        row = PhoneTestResult(
            rep_id=caller.rep_id,
            taken_at=at or utc_now(),
            score=result.score,
            band=result.band,
            quiz_version=result.quiz_version,
            answers=dict(result.answers),
            areas={k: round(v, 4) for k, v in result.area_shares().items()},
        )
        session.add(row)
        session.flush()
        return _record(row, caller.rep)

    return run_write(engine, work)


def take_test(
    engine: Engine,
    caller: Caller,
    answers: Mapping[str, object],
    *,
    at: datetime | None = None,
    quiz: Quiz | None = None,
) -> tuple[PhoneTestScore, PhoneTestRecord]:
    """Score a complete set of answers and store the result for the calling rep."""
    result = score_answers(answers, quiz)
    return result, save_result(engine, caller, result, at=at)


def result_page(
    engine: Engine, caller: Caller, *, cursor: str | None = None, limit: int | None = None
) -> Page[PhoneTestRecord]:
    """Return one page of the calling rep's results, oldest first (the API's list)."""
    shown, following = keyset(results(engine, caller), _by_id, cursor, limit, (int,))
    return Page(shown, following)


def _by_id(record: PhoneTestRecord) -> tuple[int]:
    return (record.id,)


def results(engine: Engine, caller: Caller) -> tuple[PhoneTestRecord, ...]:
    """Return the calling rep's results, oldest first."""
    with read_session(engine) as session:
        rows = queries.phone_test_results(session, caller.rep_id)
        return tuple(_record(row, caller.rep) for row in rows)
