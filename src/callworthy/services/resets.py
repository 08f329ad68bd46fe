"""One-time password-reset links: a manager makes one, hands it over, its owner sets a password.

The link carries a random 256-bit token; only its SHA-256 is stored, with an expiry
(RESET_HOURS) and the time it was used: it works once, and a newer link replaces an
older one. Setting the password through it ends the account's sessions and lifts a
log-in lock (the owner's way back in when an attacker keeps guessing).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from callworthy.errors import AccountError, ResetLinkError
from callworthy.services import login, security_log
from callworthy.services.accounts import Account, _get, _member
from callworthy.services.passwords import check_password, hash_password
from callworthy.services.values import Timestamp, _Dumpable
from callworthy.storage import account_queries as aq
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.tables import ResetLink, User, utc_now

if TYPE_CHECKING:
    from callworthy.services.caller import Caller

RESET_HOURS = 24
PATH = "/reset/"


@dataclass(frozen=True, slots=True)
class ResetIssued(_Dumpable):
    """A reset link just made: shown once to the manager, who hands it over."""

    account_id: int
    email: str
    path: str
    """`/reset/<token>`: put the server's address in front."""
    expires_at: Timestamp
    url: str = ""
    """The whole link, when the surface knows the server's address."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _refused() -> ResetLinkError:
    return ResetLinkError(
        "This reset link does not work: it was used, it expired, or it is not complete.",
        "Ask your manager for a new one.",
    )


def issue_reset_link(
    engine: Engine, caller: Caller, user_id: int, hours: int = RESET_HOURS
) -> ResetIssued:
    """Make a one-time reset link for a team member (a manager's act); older ones stop working."""
    caller.require_manager("issue a reset link")
    token = secrets.token_urlsafe(32)

    def work(session: Session) -> ResetIssued:
        user, _rep = _member(session, caller, user_id)
        if not user.active:
            raise AccountError(f"{user.email} is deactivated.", "Reactivate the account first.")
        aq.delete_reset_links(session, user_id)
        now = utc_now()
        link = ResetLink(
            user_id=user_id,
            token_hash=_digest(token),
            created_by=caller.name,
            created_at=now,
            expires_at=now + timedelta(hours=hours),
        )
        session.add(link)
        return ResetIssued(user_id, user.email, PATH + token, link.expires_at)

    issued = run_write(engine, work)
    security_log.event(
        "password.reset_link_issued",
        account_id=user_id,
        email=issued.email,
        expires_at=issued.expires_at,
        by=caller.name,
    )
    return issued


def reset_link_email(engine: Engine, token: str) -> str:
    """Return the e-mail a working reset link is for, or refuse the link."""
    with read_session(engine) as session:
        link = aq.reset_link_row(session, _digest(token))
        if link is None or link.used_at is not None or link.expires_at <= utc_now():
            raise _refused()
        user = session.get(User, link.user_id)
        if user is None or not user.active:
            raise _refused()
        return user.email


def reset_password(engine: Engine, token: str, password: str) -> Account:
    """Set a new password through a reset link: once; sessions end and any lock is lifted."""
    email = reset_link_email(engine, token)
    check_password(password, (email,))
    digest = hash_password(password)

    def work(session: Session) -> int:
        link = aq.reset_link_row(session, _digest(token))
        if link is None or link.used_at is not None or link.expires_at <= utc_now():
            raise _refused()  # used by someone else meanwhile
        user = session.get(User, link.user_id)
        if user is None or not user.active:
            raise _refused()
        link.used_at = utc_now()
        user.password_hash, user.password_changed_at = digest, link.used_at
        aq.delete_sessions(session, user.id)
        return user.id

    user_id = run_write(engine, work)
    security_log.event("password.reset", account_id=user_id, email=email)
    login.unlock(engine, email, why="reset")
    return _get(engine, user_id)
