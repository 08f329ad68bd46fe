"""Queries over a team's own critique rules and the team's rules version."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from callworthy.storage.tables import Team, TeamRule


def rules_version(session: Session, team_id: int) -> int:
    """Return the team's rules version (0: the team never had rules of its own)."""
    return int(session.scalar(select(Team.rules_version).where(Team.id == team_id)) or 0)


def team_rules(session: Session, team_id: int) -> Sequence[TeamRule]:
    """Return the team's own rules, by id."""
    query = select(TeamRule).where(TeamRule.team_id == team_id).order_by(TeamRule.rule_id)
    return session.scalars(query).all()


def team_rule(session: Session, team_id: int, rule_id: str) -> TeamRule | None:
    """Return one of the team's rules, if it has one of that id."""
    query = select(TeamRule).where(TeamRule.team_id == team_id, TeamRule.rule_id == rule_id)
    return session.scalars(query).first()


def _bump(session: Session, team_id: int) -> None:
    session.execute(
        update(Team).where(Team.id == team_id).values(rules_version=Team.rules_version + 1)
    )


def save_team_rule(
    session: Session, team_id: int, rule_id: str, source: str, by: str, at: datetime
) -> TeamRule:
    """Insert or replace one of the team's rules and bump the team's rules version."""
    row = team_rule(session, team_id, rule_id)
    if row is None:
        row = TeamRule(team_id=team_id, rule_id=rule_id)
        session.add(row)
    row.source, row.updated_by, row.updated_at = source, by, at
    _bump(session, team_id)
    session.flush()
    return row


def delete_team_rule(session: Session, team_id: int, rule_id: str) -> bool:
    """Delete one of the team's rules (bumping the version); False when it had none."""
    query = delete(TeamRule).where(TeamRule.team_id == team_id, TeamRule.rule_id == rule_id)
    deleted = session.execute(query).rowcount or 0  # type: ignore[attr-defined]
    if deleted:
        _bump(session, team_id)
    return bool(deleted)
