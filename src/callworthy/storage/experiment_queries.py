"""Queries for experiments (capability 4): callback counts aggregated in SQL, ideas, arms.

The counts per (segment, strategy) are one GROUP BY over the team's voicemails,
so `stats` on 100,000 voicemails moves a few hundred rows, not 100,000. A
callback counts for a voicemail when it answers it (`callback.voicemail_id`),
came no later than `now` and within the window W of the voicemail; only the
first such callback matters (a later one cannot be earlier than the window
end if the first is not). The window test is the one piece of date arithmetic,
so it is written per dialect (SQLite: julianday; PostgreSQL: epoch seconds).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Float, and_, case, cast, extract, func, literal, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Subquery

from callworthy.storage.queries import fits
from callworthy.storage.tables import (
    Assignment,
    Callback,
    Experiment,
    ExperimentArm,
    Idea,
    IdeaVote,
    Prospect,
    Rep,
    Voicemail,
)

SEGMENT_COLUMNS = {"rep": Rep.name, "industry": Prospect.industry}
"""The segment kinds `strategy_counts` can group by, and the column each reads."""


@dataclass(frozen=True, slots=True)
class CellCounts:
    """Counts of one (segment, strategy) cell as of `now`."""

    segment: str | None
    strategy: str
    voicemails: int
    matured: int
    callbacks: int
    """Matured voicemails called back within the window."""
    pending_callbacks: int


@dataclass(frozen=True, slots=True)
class Delay:
    """One voicemail for the time-to-callback curve: when left, and its first callback."""

    strategy: str
    left_at: datetime
    first_callback_at: datetime | None


def _seconds_between(later: Any, earlier: Any, dialect: str) -> ColumnElement[Any]:
    if dialect == "sqlite":
        return (func.julianday(later) - func.julianday(earlier)) * 86400.0
    return extract("epoch", later - earlier)


def _first_callbacks(now: datetime) -> Subquery:
    """Return (voicemail_id, first_at): each voicemail's first callback by `now`, not before it."""
    answered = Voicemail.__table__.alias("answered")
    return (
        select(Callback.voicemail_id.label("voicemail_id"), func.min(Callback.at).label("first_at"))
        .join(answered, answered.c.id == Callback.voicemail_id)
        .where(Callback.at <= now, Callback.at >= answered.c.left_at)
        .group_by(Callback.voicemail_id)
        .subquery("first_callback")
    )


def strategy_counts(
    session: Session,
    team_id: int,
    now: datetime,
    window: timedelta,
    *,
    by: str | None = None,
    strategies: Sequence[str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    inferred: bool = True,
) -> list[CellCounts]:
    """Return voicemails, matured, callbacks and pending callbacks per (segment, strategy).

    With `inferred=False`, voicemails whose strategy was read from an imported script
    (not said by a rep) are left out.
    """
    dialect = session.get_bind().dialect.name
    first = _first_callbacks(now)
    delay = _seconds_between(first.c.first_at, Voicemail.left_at, dialect)
    called = and_(first.c.first_at.is_not(None), cast(delay, Float) <= window.total_seconds())
    matured = Voicemail.left_at <= now - window
    segment = SEGMENT_COLUMNS[by] if by else literal(None)
    query = (
        select(
            segment.label("segment"),
            Voicemail.strategy,
            func.count(),
            func.sum(case((matured, 1), else_=0)),
            func.sum(case((and_(matured, called), 1), else_=0)),
            func.sum(case((and_(~matured, called), 1), else_=0)),
        )
        .join(Prospect, Prospect.id == Voicemail.prospect_id)
        .outerjoin(first, first.c.voicemail_id == Voicemail.id)
        .where(Prospect.team_id == team_id, Voicemail.left_at <= now)
    )
    if by == "rep":
        query = query.join(Rep, Rep.id == Voicemail.rep_id)
    if by:
        query = query.where(segment.is_not(None))
    if strategies is not None:
        query = query.where(Voicemail.strategy.in_(list(strategies)))
    if since is not None:
        query = query.where(Voicemail.left_at >= since)
    if until is not None:
        query = query.where(Voicemail.left_at <= until)
    if not inferred:
        query = query.where(Voicemail.strategy_inferred.is_(False))
    query = (
        query.group_by(segment, Voicemail.strategy) if by else query.group_by(Voicemail.strategy)
    )
    return [
        CellCounts(seg, strategy, int(n), int(m or 0), int(k or 0), int(p or 0))
        for seg, strategy, n, m, k, p in session.execute(query)
    ]


def delays(
    session: Session,
    team_id: int,
    now: datetime,
    *,
    strategy: str | None = None,
    since: datetime | None = None,
    inferred: bool = True,
) -> list[Delay]:
    """Return each team voicemail left by `now` with its first callback (for Kaplan–Meier)."""
    first = _first_callbacks(now)
    query = (
        select(Voicemail.strategy, Voicemail.left_at, first.c.first_at)
        .join(Prospect, Prospect.id == Voicemail.prospect_id)
        .outerjoin(first, first.c.voicemail_id == Voicemail.id)
        .where(Prospect.team_id == team_id, Voicemail.left_at <= now)
    )
    if strategy is not None:
        query = query.where(Voicemail.strategy == strategy)
    if since is not None:
        query = query.where(Voicemail.left_at >= since)
    if not inferred:
        query = query.where(Voicemail.strategy_inferred.is_(False))
    rows = session.execute(query)
    # first_at comes from an aggregate, so the UTC type decorator is not applied to it.
    return [Delay(s, left, _utc(first_at, left)) for s, left, first_at in rows]


def _utc(value: Any, like: datetime) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    assert isinstance(value, datetime)
    return (
        value.replace(tzinfo=like.tzinfo) if value.tzinfo is None else value.astimezone(like.tzinfo)
    )


def most_logged_strategy(
    session: Session, team_id: int, among: Sequence[str] | None = None
) -> str | None:
    """Return the strategy the team has logged most voicemails with (ties: by name).

    With `among`, only those strategies are considered.
    """
    n = func.count().label("n")
    query = (
        select(Voicemail.strategy, n)
        .join(Prospect, Prospect.id == Voicemail.prospect_id)
        .where(Prospect.team_id == team_id)
        .group_by(Voicemail.strategy)
        .order_by(n.desc(), Voicemail.strategy)
        .limit(1)
    )
    if among is not None:
        query = query.where(Voicemail.strategy.in_(list(among)))
    row = session.execute(query).first()
    return None if row is None else str(row[0])


# --- Ideas --------------------------------------------------------------------------------


def ideas_with_votes(
    session: Session, team_id: int, status: str | None = None
) -> list[tuple[Idea, int, str | None]]:
    """Return (idea, votes, author) for the team's ideas, most votes first, then oldest first."""
    votes = func.count(IdeaVote.rep_id).label("votes")
    query = (
        select(Idea, votes, Rep.name)
        .outerjoin(IdeaVote, IdeaVote.idea_id == Idea.id)
        .outerjoin(Rep, Rep.id == Idea.rep_id)
        .where(Idea.team_id == team_id)
        .group_by(Idea.id, Rep.name)
        .order_by(votes.desc(), Idea.id)
    )
    if status is not None:
        query = query.where(Idea.status == status)
    return [(idea, int(n), author) for idea, n, author in session.execute(query)]


def idea_by_id(session: Session, team_id: int, idea_id: int) -> Idea | None:
    """Return the team's idea with this id, if any."""
    if not fits(idea_id):
        return None
    return session.scalars(select(Idea).where(Idea.team_id == team_id, Idea.id == idea_id)).first()


def idea_titles(session: Session, team_id: int) -> dict[int, str]:
    """Return the sentence of every idea of the team, by id."""
    return dict(session.execute(select(Idea.id, Idea.title).where(Idea.team_id == team_id)).all())


def vote_count(session: Session, idea_id: int) -> int:
    """Return how many reps voted for the idea."""
    return int(session.scalar(select(func.count()).where(IdeaVote.idea_id == idea_id)) or 0)


def open_ideas(session: Session, team_id: int) -> list[Idea]:
    """Return the team's open ideas, oldest first (the order "try half" draws from)."""
    query = select(Idea).where(Idea.team_id == team_id, Idea.status == "open").order_by(Idea.id)
    return list(session.scalars(query))


# --- Experiments --------------------------------------------------------------------------


def experiment_by_id(session: Session, team_id: int, experiment_id: int) -> Experiment | None:
    """Return the team's experiment with this id, if any."""
    if not fits(experiment_id):
        return None
    query = select(Experiment).where(Experiment.team_id == team_id, Experiment.id == experiment_id)
    return session.scalars(query).first()


def running_experiment(
    session: Session, team_id: int, as_of: datetime | None = None
) -> Experiment | None:
    """Return the team's running experiment (the newest, should there be several).

    With `as_of`, the one running at that moment: started by then, not stopped by then.
    """
    query = select(Experiment).where(Experiment.team_id == team_id)
    if as_of is None:
        query = query.where(Experiment.status == "running")
    else:
        stopped_later = or_(Experiment.stopped_at.is_(None), Experiment.stopped_at > as_of)
        query = query.where(Experiment.started_at <= as_of, stopped_later)
    return session.scalars(query.order_by(Experiment.id.desc())).first()


def latest_experiment(
    session: Session, team_id: int, as_of: datetime | None = None
) -> Experiment | None:
    """Return the team's newest experiment, running or not (started by `as_of`, if given)."""
    query = select(Experiment).where(Experiment.team_id == team_id)
    if as_of is not None:
        query = query.where(Experiment.started_at <= as_of)
    return session.scalars(query.order_by(Experiment.id.desc())).first()


def arms_of(session: Session, experiment_id: int) -> list[ExperimentArm]:
    """Return an experiment's arms by strategy id."""
    query = (
        select(ExperimentArm)
        .where(ExperimentArm.experiment_id == experiment_id)
        .order_by(ExperimentArm.strategy)
    )
    return list(session.scalars(query))


def assignment_counts(
    session: Session, experiment_id: int, as_of: datetime | None = None
) -> dict[str, int]:
    """Return how many prospects an experiment assigned per strategy (by `as_of`, if given)."""
    query = select(Assignment.strategy, func.count()).where(
        Assignment.experiment_id == experiment_id
    )
    if as_of is not None:
        query = query.where(Assignment.assigned_at <= as_of)
    rows = session.execute(query.group_by(Assignment.strategy))
    return {strategy: int(n) for strategy, n in rows}
