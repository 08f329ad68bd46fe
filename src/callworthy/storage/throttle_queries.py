"""The log-in throttle's rows: read them, lock them for an update, forget the stale ones.

The rows live in the database (table `login_throttle`) so that every worker on every
machine counts the same failures; the policy that reads and writes them is the
service's (services/login.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from callworthy.storage.tables import LoginThrottle


def throttle_rows(session: Session, keys: Sequence[str]) -> dict[str, LoginThrottle]:
    """Return the rows of these keys that exist, by key."""
    rows = session.scalars(select(LoginThrottle).where(LoginThrottle.key.in_(keys))).all()
    return {row.key: row for row in rows}


def locked_row(session: Session, key: str, now: datetime, forget_at: datetime) -> LoginThrottle:
    """Return the key's row, made if missing, locked for this transaction (FOR UPDATE)."""
    query = select(LoginThrottle).where(LoginThrottle.key == key).with_for_update()
    row = session.scalars(query).first()
    if row is None:
        # A concurrent insert of the same key makes this transaction fail and retry whole
        # (PostgreSQL); SQLite writers are serialised by BEGIN IMMEDIATE.
        row = LoginThrottle(
            key=key, failures=0, window_started=now, locks=0, locked_until=None, forget_at=forget_at
        )
        session.add(row)
        session.flush()
    return row


def forget(session: Session, key: str) -> bool:
    """Delete a key's row (a success, a reset); return True when there was one."""
    result = session.execute(delete(LoginThrottle).where(LoginThrottle.key == key))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def forget_stale(session: Session, now: datetime) -> None:
    """Delete the rows whose time is over, so the table stays small under a spray."""
    session.execute(delete(LoginThrottle).where(LoginThrottle.forget_at < now))
