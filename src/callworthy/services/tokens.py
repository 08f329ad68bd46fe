"""API tokens: made with an expiry, listed with their last use, revoked; and who a token is.

A token is a random 256-bit string of which only the SHA-256 is stored (shown once).
Its expiry is chosen when it is made: DEFAULT_DAYS unless asked, never more than
MAX_DAYS; an expired token is refused like a revoked one.

`TokenCache` keeps, per process, what a token's look-up found (the account, its team's
rules version, the expiry) for at most a second, and forgets everything as soon as this
process commits any write. So the API pays no database query for a token used again
within a second, while a revocation, a deactivation or a rules change made through
another process or machine is seen within a second, and one made through this process
at once.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from callworthy.errors import (
    AccountError,
    NotAuthenticatedError,
    PermissionDeniedError,
    UnknownRecordError,
)
from callworthy.fields import TextField, check_text
from callworthy.services import security_log
from callworthy.services.accounts import Account, account_of
from callworthy.services.values import Timestamp, _Dumpable
from callworthy.storage import account_queries as aq
from callworthy.storage.engine import read_session, run_write, write_epoch
from callworthy.storage.tables import ApiToken, utc_now

if TYPE_CHECKING:
    from callworthy.services.caller import Caller

TOKEN_PREFIX = "cw_"
DEFAULT_DAYS = 90
MAX_DAYS = 365
#: last_used_at is written at most this often per token, so API reads stay reads.
TOUCH_EVERY = timedelta(minutes=5)
#: How long a process trusts what it read about a token (the bound on a revocation's delay).
CACHE_SECONDS = 1.0
_REFUSED = (
    "The API token is not valid (revoked, expired or mistyped).",
    "Create a token on the Tokens page and send it as `Authorization: Bearer TOKEN`.",
)


@dataclass(frozen=True, slots=True)
class TokenInfo(_Dumpable):
    """An API token as shown to its owner: never the token itself."""

    id: int
    user_id: int
    name: str
    created_at: Timestamp
    last_used_at: Timestamp | None
    expires_at: Timestamp | None


def _info(token: ApiToken) -> TokenInfo:
    return TokenInfo(
        token.id, token.user_id, token.name, token.created_at, token.last_used_at, token.expires_at
    )


def hash_token(token: str) -> str:
    """Return the SHA-256 (hex) a token is stored and looked up by."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _account_id(caller: Caller) -> int:
    if caller.account is None:
        raise PermissionDeniedError("API tokens belong to web accounts.", "Log in to the web app.")
    return caller.account.id


def token_days(days: int | None, default: int = DEFAULT_DAYS, maximum: int = MAX_DAYS) -> int:
    """Return the lifetime a new token gets: the default, or the days asked within 1-maximum."""
    if days is None:
        return min(default, maximum)
    if not 1 <= days <= maximum:
        raise AccountError(
            f"A token lasts 1 to {maximum} days, not {days}.",
            f"Choose at most {maximum} days; make a new token when it ends.",
            field="days",
        )
    return days


TOKEN_NAME = TextField("name", "token name", 200)


def create_token(
    engine: Engine, caller: Caller, name: str, days: int | None = None, maximum: int = MAX_DAYS
) -> tuple[str, TokenInfo]:
    """Create an API token for the caller; return the token (shown once) and its record."""
    name = " ".join((check_text(TOKEN_NAME, name) or "").split())
    if not name or len(name) > 200:
        raise AccountError(
            "The token name must have 1-200 characters.", "Give the token a name.", field="name"
        )
    user_id = _account_id(caller)
    lifetime = token_days(days, maximum=maximum)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)

    def work(session: Session) -> TokenInfo:
        now = utc_now()
        row = ApiToken(
            user_id=user_id,
            token_hash=hash_token(token),
            name=name,
            created_at=now,
            expires_at=now + timedelta(days=lifetime),
        )
        session.add(row)
        session.flush()
        return _info(row)

    info = run_write(engine, work)
    security_log.event(
        "token.created",
        token_id=info.id,
        account_id=user_id,
        email=caller.email,
        expires_at=info.expires_at,
    )
    return token, info


def list_tokens(engine: Engine, caller: Caller) -> list[TokenInfo]:
    """Return the caller's own API tokens, newest first."""
    user_id = _account_id(caller)
    with read_session(engine) as session:
        return [_info(t) for t in aq.tokens_of(session, user_id)]


def revoke_token(engine: Engine, caller: Caller, token_id: int) -> None:
    """Delete a token: the owner's own, or any of the team's for a manager.

    Every process refuses it within CACHE_SECONDS (this one at once).
    """
    user_id = _account_id(caller)

    def work(session: Session) -> int:
        row = aq.token_with_owner(session, token_id)
        mine = row is not None and row[0].user_id == user_id
        managed = row is not None and caller.is_manager and row[1] == caller.team_id
        if row is None or not (mine or managed):
            # Someone else's token is reported as missing: its existence is not theirs to know.
            raise UnknownRecordError(f"No API token {token_id}.", "List your tokens to see ids.")
        owner = row[0].user_id
        session.delete(row[0])
        return owner

    owner = run_write(engine, work)
    security_log.event("token.revoked", token_id=token_id, account_id=owner, by=caller.name)


@dataclass(frozen=True, slots=True)
class TokenLogin:
    """What a token's look-up found: its account and the team's rules version."""

    account: Account
    rules_version: int
    expires_at: datetime | None


def token_login(engine: Engine, token: str) -> TokenLogin:
    """Return a token's account and its team's rules version (one query), or refuse it."""
    digest = hash_token(token.strip())
    with read_session(engine) as session:
        row = aq.user_row_by_token(session, digest)
    now = utc_now()
    if row is None or not row[0].active:
        raise NotAuthenticatedError(*_REFUSED)
    token_row: ApiToken = row[3]
    if token_row.expires_at is not None and token_row.expires_at <= now:
        security_log.event(
            "token.refused", token_id=token_row.id, account_id=row[0].id, reason="expired"
        )
        raise NotAuthenticatedError(*_REFUSED)
    if token_row.last_used_at is None or now - token_row.last_used_at > TOUCH_EVERY:
        run_write(engine, lambda s: _touch(s, token_row.id, now))
        security_log.event("token.used", token_id=token_row.id, account_id=row[0].id)
    return TokenLogin(account_of(row), row[2].rules_version, token_row.expires_at)


def _touch(session: Session, token_id: int, now: datetime) -> None:
    token = session.get(ApiToken, token_id)
    if token is not None:
        token.last_used_at = now


class TokenCache:
    """A process's memory of token look-ups: at most CACHE_SECONDS old, none past a write."""

    def __init__(
        self,
        seconds: float = CACHE_SECONDS,
        size: int = 4096,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.seconds = seconds
        self.size = size
        self.clock = clock
        self._found: dict[str, tuple[float, int, TokenLogin]] = {}
        self._lock = threading.Lock()

    def get(self, engine: Engine, token: str) -> TokenLogin | None:
        """Return what a recent look-up found, or None when it must be looked up again."""
        digest = hash_token(token.strip())
        with self._lock:
            found = self._found.get(digest)
        if found is None:
            return None
        at, epoch, login = found
        fresh = self.clock() - at < self.seconds and epoch == write_epoch(engine)
        if not fresh or (login.expires_at is not None and login.expires_at <= utc_now()):
            return None
        return login

    def login(self, engine: Engine, token: str) -> TokenLogin:
        """Return the token's look-up from memory when fresh, else from the database."""
        cached = self.get(engine, token)
        if cached is not None:
            return cached
        epoch = write_epoch(engine)  # read before the query: a write during it invalidates
        login = token_login(engine, token)
        with self._lock:
            if len(self._found) >= self.size:  # bounded: a spray of tokens cannot fill memory
                self._found.clear()
            self._found[hash_token(token.strip())] = (self.clock(), epoch, login)
        return login
