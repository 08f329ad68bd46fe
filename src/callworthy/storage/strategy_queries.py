"""Queries over a team's own strategies (its tried ideas) and the experiments' assignments."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from callworthy.storage.tables import Assignment, Idea, IdeaVote, TeamStrategy, Voicemail


def team_strategies(session: Session, team_id: int) -> list[tuple[str, dict[str, Any]]]:
    """Return (strategy id, spec) of the team's own strategies, by id."""
    query = (
        select(TeamStrategy.strategy_id, TeamStrategy.spec)
        .where(TeamStrategy.team_id == team_id)
        .order_by(TeamStrategy.strategy_id)
    )
    return [(sid, dict(spec or {})) for sid, spec in session.execute(query)]


def save_team_strategy(
    session: Session, team_id: int, strategy_id: str, spec: dict[str, Any], idea_id: int | None
) -> None:
    """Insert a team strategy, or replace the spec of the one with that id."""
    row = session.scalars(
        select(TeamStrategy).where(
            TeamStrategy.team_id == team_id, TeamStrategy.strategy_id == strategy_id
        )
    ).first()
    if row is None:
        row = TeamStrategy(team_id=team_id, strategy_id=strategy_id, idea_id=idea_id)
        session.add(row)
    row.spec = spec
    session.flush()


def open_ideas_with_votes(session: Session, team_id: int) -> list[tuple[Idea, int]]:
    """Return the team's open ideas with their votes, oldest first (the order drawn from)."""
    votes = func.count(IdeaVote.rep_id)
    query = (
        select(Idea, votes)
        .outerjoin(IdeaVote, IdeaVote.idea_id == Idea.id)
        .where(Idea.team_id == team_id, Idea.status == "open")
        .group_by(Idea.id)
        .order_by(Idea.id)
    )
    return [(idea, int(n)) for idea, n in session.execute(query)]


def assignment_of(
    session: Session, experiment_id: int, prospect_id: int, as_of: datetime | None = None
) -> Assignment | None:
    """Return the prospect's assignment in an experiment (made by `as_of`), if any."""
    query = select(Assignment).where(
        Assignment.experiment_id == experiment_id, Assignment.prospect_id == prospect_id
    )
    if as_of is not None:
        query = query.where(Assignment.assigned_at <= as_of)
    return session.scalars(query).first()


def link_assignment(
    session: Session, experiment_id: int, prospect_id: int, strategy: str, voicemail: Voicemail
) -> bool:
    """Link the prospect's assignment to the first voicemail that used its arm; True if linked."""
    done = session.execute(
        update(Assignment)
        .where(
            Assignment.experiment_id == experiment_id,
            Assignment.prospect_id == prospect_id,
            Assignment.strategy == strategy,
            Assignment.voicemail_id.is_(None),
            Assignment.assigned_at <= voicemail.left_at,
        )
        .values(voicemail_id=voicemail.id)
    )
    return bool(getattr(done, "rowcount", 0))


def assignments_of_prospect(session: Session, prospect_id: int) -> Sequence[Assignment]:
    """Return a prospect's assignments, newest first."""
    query = (
        select(Assignment)
        .where(Assignment.prospect_id == prospect_id)
        .order_by(Assignment.id.desc())
    )
    return session.scalars(query).all()
