"""Queries over accounts, their sessions, API tokens and reset links; services make values."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, delete, func, select, update
from sqlalchemy.orm import Session

from callworthy.storage.tables import ApiToken, Prospect, Rep, ResetLink, Team, User, WebSession

UserRow = Row[User, Rep, Team]
TokenRow = Row[User, Rep, Team, ApiToken]
SessionRow = Row[User, Rep, Team, WebSession]


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
    """Return (User, Rep, Team, ApiToken) for a token's hash, if any (active or not)."""
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


def user_row_by_session(session: Session, id_hash: str, now: datetime) -> SessionRow | None:
    """Return (User, Rep, Team, WebSession) for a live session of an active account, if any."""
    query = (
        _user_rows()
        .add_columns(WebSession)
        .join(WebSession, WebSession.user_id == User.id)
        .where(WebSession.id_hash == id_hash, WebSession.expires_at > now, User.active.is_(True))
    )
    return session.execute(query).first()


def sessions_of(session: Session, user_id: int, now: datetime) -> Sequence[WebSession]:
    """Return the user's live sessions, most recently seen first."""
    query = select(WebSession).where(WebSession.user_id == user_id, WebSession.expires_at > now)
    return session.scalars(query.order_by(WebSession.last_seen_at.desc())).all()


def delete_sessions(session: Session, user_id: int, keep: str | None = None) -> int:
    """Delete the user's sessions (all, or all but `keep`); return how many ended."""
    query = delete(WebSession).where(WebSession.user_id == user_id)
    if keep is not None:
        query = query.where(WebSession.id_hash != keep)
    return int(session.execute(query).rowcount or 0)  # type: ignore[attr-defined]


def delete_session(session: Session, id_hash: str) -> int:
    """Delete one session by its id's hash; return 1 when it existed."""
    query = delete(WebSession).where(WebSession.id_hash == id_hash)
    return int(session.execute(query).rowcount or 0)  # type: ignore[attr-defined]


def delete_expired_sessions(session: Session, now: datetime) -> None:
    """Delete the sessions past their expiry (kept tidy on each log-in)."""
    session.execute(delete(WebSession).where(WebSession.expires_at <= now))


def delete_tokens(session: Session, user_id: int) -> int:
    """Delete every API token of the user; return how many."""
    query = delete(ApiToken).where(ApiToken.user_id == user_id)
    return int(session.execute(query).rowcount or 0)  # type: ignore[attr-defined]


def count_active_managers(session: Session, team_id: int) -> int:
    """Return how many active manager accounts the team has."""
    query = (
        select(func.count())
        .select_from(User)
        .join(Rep, User.rep_id == Rep.id)
        .where(Rep.team_id == team_id, User.role == "manager", User.active.is_(True))
    )
    return int(session.scalar(query) or 0)


def reassign_prospects(session: Session, team_id: int, from_rep: int, to_rep: int) -> int:
    """Give every prospect of one rep to another rep of the team; return how many moved."""
    query = (
        update(Prospect)
        .where(Prospect.team_id == team_id, Prospect.owner_rep_id == from_rep)
        .values(owner_rep_id=to_rep)
    )
    return int(session.execute(query).rowcount or 0)  # type: ignore[attr-defined]


def count_prospects_of(session: Session, team_id: int, rep_id: int) -> int:
    """Return how many of the team's prospects the rep owns."""
    query = (
        select(func.count())
        .select_from(Prospect)
        .where(Prospect.team_id == team_id, Prospect.owner_rep_id == rep_id)
    )
    return int(session.scalar(query) or 0)


def reset_link_row(session: Session, token_hash: str) -> ResetLink | None:
    """Return the reset link with this hash, if any (used or not, expired or not)."""
    query = select(ResetLink).where(ResetLink.token_hash == token_hash)
    return session.scalars(query).first()


def delete_reset_links(session: Session, user_id: int) -> None:
    """Delete the user's reset links (a new one replaces any older one)."""
    session.execute(delete(ResetLink).where(ResetLink.user_id == user_id))
