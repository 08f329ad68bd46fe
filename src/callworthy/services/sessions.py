"""Browser sessions kept on the server: a random id in the signed cookie, its hash in the database.

Every request looks its session up (with the account's `active` flag and the team's
rules version, in one query), so logging out, "log out everywhere", a password
change or reset, and deactivation end a session at once on every worker and
machine. A session expires a fixed time after log-in; `last_seen_at` is written at
most once a minute, so requests stay reads.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from callworthy.errors import PermissionDeniedError, UnknownRecordError
from callworthy.services import security_log
from callworthy.services.accounts import Account, account_of
from callworthy.services.values import Timestamp, _Dumpable
from callworthy.storage import account_queries as aq
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.tables import WebSession, utc_now

if TYPE_CHECKING:
    from callworthy.services.caller import Caller

#: last_seen_at is written at most this often per session.
TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class SessionInfo(_Dumpable):
    """A live browser session as its owner sees it (never its id)."""

    created_at: Timestamp
    last_seen_at: Timestamp
    expires_at: Timestamp
    current: bool


def hash_id(session_id: str) -> str:
    """Return the SHA-256 (hex) a session id is stored and looked up by."""
    return hashlib.sha256(session_id.encode("utf-8")).hexdigest()


def start_session(engine: Engine, account: Account, max_age: int) -> str:
    """Store a new session for the account; return its id, for the cookie only."""
    session_id = secrets.token_urlsafe(32)
    now = utc_now()

    def work(session: Session) -> None:
        aq.delete_expired_sessions(session, now)
        session.add(
            WebSession(
                id_hash=hash_id(session_id),
                user_id=account.id,
                created_at=now,
                last_seen_at=now,
                expires_at=now + timedelta(seconds=max_age),
            )
        )

    run_write(engine, work)
    return session_id


def session_login(engine: Engine, session_id: str) -> tuple[Account, int] | None:
    """Return a live session's account and its team's rules version, or None (ended)."""
    digest, now = hash_id(session_id), utc_now()
    with read_session(engine) as session:
        row = aq.user_row_by_session(session, digest, now)
        if row is None:
            return None
        found = account_of(row), row[2].rules_version
        seen = row[3].last_seen_at
    if now - seen > TOUCH_EVERY:
        run_write(engine, lambda s: _touch(s, digest, now))
    return found


def _touch(session: Session, digest: str, now: datetime) -> None:
    row = session.get(WebSession, digest)
    if row is not None:
        row.last_seen_at = now


def end_session(engine: Engine, session_id: str) -> None:
    """Delete one session (log-out): its cookie no longer opens anything, anywhere."""
    run_write(engine, lambda s: aq.delete_session(s, hash_id(session_id)))


def end_all_sessions(engine: Engine, caller: Caller, user_id: int | None = None) -> int:
    """Log a user out everywhere: the caller themselves, or a team member for a manager."""
    me = caller.account.id if caller.account is not None else None
    target = user_id if user_id is not None else me
    if target is None:
        raise PermissionDeniedError("Sessions belong to web accounts.", "Log in to the web app.")
    if target != me:
        caller.require_manager("log another account out")

    def work(session: Session) -> tuple[int, str]:
        row = aq.user_row_by_id(session, target)
        if row is None or row[2].id != caller.team_id:
            raise UnknownRecordError(
                f"No account {target} in your team.", "Pick one on the Team page."
            )
        return aq.delete_sessions(session, target), row[0].email

    ended, email = run_write(engine, work)
    security_log.event(
        "session.logged_out_everywhere",
        account_id=target,
        email=email,
        sessions_ended=ended,
        by=caller.name,
    )
    return ended


def list_sessions(engine: Engine, caller: Caller, current: str | None = None) -> list[SessionInfo]:
    """Return the caller's live sessions, the one making this request marked."""
    if caller.account is None:
        return []
    mine = hash_id(current) if current else None
    with read_session(engine) as session:
        rows = aq.sessions_of(session, caller.account.id, utc_now())
        return [
            SessionInfo(r.created_at, r.last_seen_at, r.expires_at, r.id_hash == mine) for r in rows
        ]
