"""Queries over accounts and API tokens; the services turn the rows into values."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from callworthy.storage.tables import ApiToken, Rep, Team, User

UserRow = Row[User, Rep, Team]
TokenRow = Row[User, Rep, Team, ApiToken]


def count_users(session: Session) -> int:
    """Return how many accounts exist (none means the app still needs its first set-up)."""
    return int(session.scalar(select(func.count()).select_from(User)) or 0)


def _user_rows() -> Any:
    return (
        select(User, Rep, Team).join(Rep, User.rep_id == Rep.id).join(Team, Rep.team_id == Team.id)
    )


def user_row_by_email(session: Session, email: str) -> UserRow | None:
    """Return (User, Rep, Team) for the e-mail address, if any."""
    return session.execute(_user_rows().where(User.email == email)).first()


def user_row_by_id(session: Session, user_id: int) -> UserRow | None:
    """Return (User, Rep, Team) for the account id, if any."""
    return session.execute(_user_rows().where(User.id == user_id)).first()


def user_row_by_token(session: Session, token_hash: str) -> TokenRow | None:
    """Return (User, Rep, Team, ApiToken) for a token's hash, if any."""
    query = _user_rows().add_columns(ApiToken).join(ApiToken, ApiToken.user_id == User.id)
    return session.execute(query.where(ApiToken.token_hash == token_hash)).first()


def team_user_rows(session: Session, team_id: int) -> Sequence[UserRow]:
    """Return (User, Rep, Team) for every account of the team, by e-mail."""
    return session.execute(_user_rows().where(Team.id == team_id).order_by(User.email)).all()


def tokens_of(session: Session, user_id: int) -> Sequence[ApiToken]:
    """Return the user's API tokens, newest first."""
    query = select(ApiToken).where(ApiToken.user_id == user_id)
    return session.scalars(query.order_by(ApiToken.id.desc())).all()


def token_with_owner(session: Session, token_id: int) -> Row[ApiToken, int] | None:
    """Return (ApiToken, team id of its owner) for a token id, if any."""
    query = (
        select(ApiToken, Rep.team_id)
        .join(User, ApiToken.user_id == User.id)
        .join(Rep, User.rep_id == Rep.id)
        .where(ApiToken.id == token_id)
    )
    return session.execute(query).first()


def rep_has_account(session: Session, rep_id: int) -> bool:
    """Return True when the rep already has a log-in."""
    return session.scalar(select(User.id).where(User.rep_id == rep_id)) is not None
