"""Phone-ability test results (P14): score a sitting, keep it per rep, list a rep's results.

The one place the quiz (pure, callworthy.phoneability) meets storage: the
PhoneTestResult table keeps the score, band, quiz version, answers and area
shares of each sitting, so a rep can watch the numbers move over time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from callworthy.phoneability import PhoneTestScore, Quiz, score_answers
from callworthy.services.values import Actor, jsonable
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.tables import PhoneTestResult, utc_now


@dataclass(frozen=True, slots=True)
class PhoneTestRecord:
    """A stored sitting of the test, as the surfaces show it."""

    id: int
    rep: str
    taken_at: datetime
    score: int
    band: str
    quiz_version: str
    answers: dict[str, str]
    areas: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape shared by the CLI, the API and the library."""
        data: dict[str, Any] = jsonable(asdict(self))
        return data


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
    )


def save_result(
    engine: Engine, actor: Actor, result: PhoneTestScore, *, at: datetime | None = None
) -> PhoneTestRecord:
    """Store a scored sitting for the acting rep."""

    def work(session: Session) -> PhoneTestRecord:
        row = PhoneTestResult(
            rep_id=actor.rep_id,
            taken_at=at or utc_now(),
            score=result.score,
            band=result.band,
            quiz_version=result.quiz_version,
            answers=dict(result.answers),
            areas={k: round(v, 4) for k, v in result.area_shares().items()},
        )
        session.add(row)
        session.flush()
        return _record(row, actor.rep)

    return run_write(engine, work)


def take_test(
    engine: Engine,
    actor: Actor,
    answers: Mapping[str, object],
    *,
    at: datetime | None = None,
    quiz: Quiz | None = None,
) -> tuple[PhoneTestScore, PhoneTestRecord]:
    """Score a complete set of answers and store the result for the acting rep."""
    result = score_answers(answers, quiz)
    return result, save_result(engine, actor, result, at=at)


def results(engine: Engine, actor: Actor) -> tuple[PhoneTestRecord, ...]:
    """Return the acting rep's results, oldest first."""
    with read_session(engine) as session:
        rows = session.scalars(
            select(PhoneTestResult)
            .where(PhoneTestResult.rep_id == actor.rep_id)
            .order_by(PhoneTestResult.taken_at, PhoneTestResult.id)
        )
        return tuple(_record(row, actor.rep) for row in rows)
