"""Log-in with its protection: failures counted per client address and per account, in the database.

The policy (docs/deploy.md explains the balance):

- **Per client address**: `address_attempts` failures in `window` seconds, then every
  log-in from that address waits for the window's end. One address spraying many
  e-mails is stopped here. Behind a proxy the address is the client's real one only
  when the proxy is trusted (`CALLWORTHY_FORWARDED_ALLOW_IPS`).
- **Per account** (the e-mail, known or not, so a lock tells nothing about whether an
  account exists): `account_attempts` failures lock it for `lock_seconds`; each later
  lock doubles (exponential back-off) up to `max_lock_seconds`. Waiting ends a lock
  but not the back-off: the count of locks is cleared only by the owner's successful
  log-in or a reset link. So a guesser gets about `account_attempts` tries per day
  once the lock reaches a day, while the owner is never locked for more than
  `max_lock_seconds` and a manager's reset link lets them in at once.

Both counts live in the table `login_throttle` (our own: the `limits` library has no
SQL storage), so every worker on every machine shares them and no process memory
can be filled or wiped to lift a lock. Stale rows are deleted as failures come in.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from callworthy.errors import DatabaseError, NotAuthenticatedError, RateLimitedError
from callworthy.services import accounts, security_log
from callworthy.services.accounts import Account
from callworthy.storage import throttle_queries as tq
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.tables import LoginThrottle, utc_now


@dataclass(frozen=True, slots=True)
class LoginPolicy:
    """How many failures are allowed, and how long locks last (seconds)."""

    account_attempts: int = 5
    address_attempts: int = 20
    window: int = 15 * 60
    lock_seconds: int = 60
    max_lock_seconds: int = 24 * 3600
    account_memory_days: int = 30
    """An account with no failure for this long forgets its back-off."""


def _account_key(email: str) -> str:
    return "account:" + hashlib.sha256(email.encode("utf-8")).hexdigest()


def _address_key(address: str) -> str:
    return "address:" + address[:64]


def _seconds(delta: timedelta) -> int:
    return max(1, int(delta.total_seconds()) + 1)


def _address_wait(row: LoginThrottle | None, policy: LoginPolicy, now: datetime) -> int:
    if row is None or row.failures < policy.address_attempts:
        return 0
    ends = row.window_started + timedelta(seconds=policy.window)
    return _seconds(ends - now) if ends > now else 0


def _account_wait(row: LoginThrottle | None, now: datetime) -> int:
    if row is None or row.locked_until is None or row.locked_until <= now:
        return 0
    return _seconds(row.locked_until - now)


def check_allowed(engine: Engine, email: str, address: str, policy: LoginPolicy) -> None:
    """Refuse (429) a log-in from a throttled address or for a locked account."""
    now = utc_now()
    keys = (_address_key(address), _account_key(email))
    with read_session(engine) as session:
        rows = tq.throttle_rows(session, keys)
    by_address = _address_wait(rows.get(keys[0]), policy, now)
    by_account = _account_wait(rows.get(keys[1]), now)
    if by_account:
        security_log.event("login.refused", email=email, address=address, reason="account locked")
        raise RateLimitedError(
            "This account is locked after too many failed log-ins.",
            f"Wait {by_account} seconds, or ask your manager for a password reset link.",
            retry_after=by_account,
        )
    if by_address:
        security_log.event("login.refused", email=email, address=address, reason="address limited")
        raise RateLimitedError(
            "Too many failed log-ins from your address.",
            f"Wait {by_address} seconds and try again.",
            retry_after=by_address,
        )


def _count_address(session: Session, address: str, policy: LoginPolicy, now: datetime) -> None:
    window = timedelta(seconds=policy.window)
    row = tq.locked_row(session, _address_key(address), now, now + window)
    if row.window_started + window <= now:  # a new window
        row.failures, row.window_started = 0, now
    row.failures += 1
    row.forget_at = row.window_started + window


def _count_account(session: Session, email: str, policy: LoginPolicy, now: datetime) -> int:
    memory = timedelta(days=policy.account_memory_days)
    row = tq.locked_row(session, _account_key(email), now, now + memory)
    row.failures += 1
    row.forget_at = now + memory
    if row.failures < policy.account_attempts:
        return 0
    lock = int(min(policy.lock_seconds * 2 ** int(row.locks), policy.max_lock_seconds))
    row.locks, row.failures = row.locks + 1, 0
    row.locked_until = now + timedelta(seconds=lock)
    row.forget_at = max(row.forget_at, row.locked_until)
    return lock


def record_failure(engine: Engine, email: str, address: str, policy: LoginPolicy) -> int:
    """Count a failed log-in for the address and the account; return the lock's seconds, or 0."""
    now = utc_now()

    def work(session: Session) -> int:
        tq.forget_stale(session, now)
        _count_address(session, address, policy, now)
        return _count_account(session, email, policy, now)

    for attempt in range(3):
        try:
            return run_write(engine, work)
        except DatabaseError as exc:
            # Two workers made the same key's first row at once (PostgreSQL): count again.
            if not isinstance(exc.__cause__, IntegrityError) or attempt == 2:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def unlock(engine: Engine, email: str, why: str) -> bool:
    """Forget an account's failures and back-off (a success or a reset); True if it had any."""
    email = email.strip().lower()
    had = run_write(engine, lambda s: tq.forget(s, _account_key(email)))
    if had and why != "log-in":
        security_log.event("account.unlocked", email=email, why=why)
    return had


def log_in(engine: Engine, email: str, password: str, address: str, policy: LoginPolicy) -> Account:
    """Check a log-in within the limits: the account, or 401 (counted), or 429 (not tried)."""
    email = (email or "").strip().lower()[:320]
    check_allowed(engine, email, address, policy)
    try:
        account = accounts.authenticate(engine, email, password)
    except NotAuthenticatedError:
        locked = record_failure(engine, email, address, policy)
        security_log.event("login.failed", email=email, address=address)
        if locked:
            security_log.event("account.locked", email=email, address=address, seconds=locked)
        raise
    unlock(engine, email, why="log-in")
    security_log.event("login.succeeded", account_id=account.id, email=email, address=address)
    return account
