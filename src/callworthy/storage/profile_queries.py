"""Queries over rep profiles; the profiles service turns the rows into values."""

from __future__ import annotations

from sqlalchemy.orm import Session

from callworthy.storage.queries import rep_by_name, team_by_name
from callworthy.storage.tables import Rep, RepProfile


def rep_profile(session: Session, rep_id: int) -> RepProfile | None:
    """Return the rep's saved profile row, if they saved one."""
    return session.get(RepProfile, rep_id)


def rep_in_team(session: Session, team_name: str, rep_name: str) -> Rep | None:
    """Return the rep of that name in the team of that name, creating nothing."""
    team = team_by_name(session, team_name)
    return rep_by_name(session, team.id, rep_name) if team else None
