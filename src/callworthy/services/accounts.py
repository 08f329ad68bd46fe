"""Accounts for the web app and the API: first set-up, log-in, roles and API tokens.

Passwords are hashed with Argon2id (argon2-cffi); API tokens are random 256-bit
strings of which only the SHA-256 is stored (a token is never shown twice).
A manager sees and manages the whole team; a rep only their own account and tokens.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from callworthy.errors import (
    AccountError,
    AccountExistsError,
    NotAuthenticatedError,
    PermissionDeniedError,
    UnknownRecordError,
)
from callworthy.services.values import Timestamp, _Dumpable
from callworthy.storage import account_queries as aq
from callworthy.storage import queries
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.tables import ApiToken, Rep, Team, User, utc_now

if TYPE_CHECKING:
    from callworthy.services.caller import Caller

ROLES = ("manager", "rep")
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
TOKEN_PREFIX = "cw_"
#: last_used_at is written at most this often per token, so API reads stay reads.
TOKEN_TOUCH_EVERY = timedelta(minutes=5)

_HASHER = PasswordHasher()
# Verified when the e-mail is unknown, so a wrong address costs as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("callworthy-no-such-account")


@dataclass(frozen=True, slots=True)
class Account(_Dumpable):
    """A logged-in user: their account, their rep and their team (never the password hash)."""

    id: int
    email: str
    name: str
    role: str
    rep_id: int
    team_id: int
    team: str

    @property
    def is_manager(self) -> bool:
        """Return True when the account may see and manage the whole team."""
        return self.role == "manager"


@dataclass(frozen=True, slots=True)
class TokenInfo(_Dumpable):
    """An API token as shown to its owner: never the token itself."""

    id: int
    user_id: int
    name: str
    created_at: Timestamp
    last_used_at: Timestamp | None


def _account(row: aq.UserRow | aq.TokenRow) -> Account:
    user, rep, team = row[0], row[1], row[2]
    return Account(user.id, user.email, rep.name, user.role, rep.id, team.id, team.name)


def _token_info(token: ApiToken) -> TokenInfo:
    return TokenInfo(token.id, token.user_id, token.name, token.created_at, token.last_used_at)


def hash_token(token: str) -> str:
    """Return the SHA-256 (hex) a token is stored and looked up by."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _clean_email(email: str) -> str:
    value = (email or "").strip().lower()
    local, _, domain = value.partition("@")
    if not local or "." not in domain or " " in value or len(value) > 320:
        raise AccountError(f"{email!r} is not an e-mail address.", "Give one like ana@example.com.")
    return value


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(
            f"The password has {len(password)} characters; it needs at least {MIN_PASSWORD}.",
            "Choose a longer one: a few unrelated words make a good password.",
        )
    if len(password) > MAX_PASSWORD:
        raise AccountError(
            f"The password is longer than {MAX_PASSWORD} characters.", "Choose a shorter one."
        )


def _clean_name(name: str, what: str) -> str:
    value = " ".join((name or "").split())
    if not value or len(value) > 200:
        raise AccountError(f"The {what} must have 1-200 characters.", f"Give the {what}.")
    return value


def needs_setup(engine: Engine) -> bool:
    """Return True while no account exists: the first visit must set up the team."""
    with read_session(engine) as session:
        return aq.count_users(session) == 0


def _new_account(session: Session, team: Team, name: str, email: str, pw: str, role: str) -> User:
    if aq.user_row_by_email(session, email) is not None:
        raise AccountExistsError(
            f"{email} already has an account.", "Log in, or use another address."
        )
    rep = queries.rep_by_name(session, team.id, name)
    if rep is None:
        rep = Rep(team_id=team.id, name=name, email=email)
        session.add(rep)
        session.flush()
    elif aq.rep_has_account(session, rep.id):
        raise AccountExistsError(f"The rep {name} already has an account.", "Give another name.")
    user = User(rep_id=rep.id, email=email, password_hash=_HASHER.hash(pw), role=role)
    session.add(user)
    session.flush()
    return user


def set_up(engine: Engine, team_name: str, name: str, email: str, password: str) -> Account:
    """Create the team and its first manager; once only.

    The team is the one of that name if it exists, else the database's only team
    (the one the CLI made and filled before the web app was set up: it takes the
    name given, so both keep sharing it), else a new one.
    """
    team_name, name = _clean_name(team_name, "team name"), _clean_name(name, "your name")
    email = _clean_email(email)
    _check_password(password)

    def work(session: Session) -> int:
        if aq.count_users(session):
            raise AccountExistsError("Callworthy is already set up.", "Log in instead.")
        team = queries.team_by_name(session, team_name)
        teams = queries.all_teams(session) if team is None else ()
        if len(teams) == 1:
            team = teams[0]
            team.name = team_name
        if team is None:
            team = Team(name=team_name)
            session.add(team)
            session.flush()
        return _new_account(session, team, name, email, password, "manager").id

    user_id = run_write(engine, work)
    return _get(engine, user_id)


def add_account(
    engine: Engine, caller: Caller, name: str, email: str, password: str, role: str = "rep"
) -> Account:
    """Create an account in the caller's team; only a manager may."""
    caller.require_manager("add an account")
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}.", f"Choose one of: {', '.join(ROLES)}.")
    name, email = _clean_name(name, "name"), _clean_email(email)
    _check_password(password)

    def work(session: Session) -> int:
        team = session.get(Team, caller.team_id)
        assert team is not None
        return _new_account(session, team, name, email, password, role).id

    return _get(engine, run_write(engine, work))


def _get(engine: Engine, user_id: int) -> Account:
    found = account_by_id(engine, user_id)
    assert found is not None
    return found


def account_by_id(engine: Engine, user_id: int) -> Account | None:
    """Return the account with this id, or None (a deleted account's session ends)."""
    found = session_login(engine, user_id)
    return found[0] if found else None


def session_login(engine: Engine, user_id: int) -> tuple[Account, int] | None:
    """Return a session's account and its team's rules version (one query), or None."""
    with read_session(engine) as session:
        row = aq.user_row_by_id(session, user_id)
        return (_account(row), row[2].rules_version) if row else None


def authenticate(engine: Engine, email: str, password: str) -> Account:
    """Return the account for this e-mail and password, or raise NotAuthenticatedError."""
    with read_session(engine) as session:
        row = aq.user_row_by_email(session, (email or "").strip().lower())
    stored = row[0].password_hash if row else _DUMMY_HASH
    try:
        _HASHER.verify(stored, password or "")
    except (VerificationError, InvalidHashError):
        row = None
    if row is None:
        raise NotAuthenticatedError("Wrong e-mail or password.", "Check both and try again.")
    return _account(row)


def team_accounts(engine: Engine, caller: Caller) -> list[Account]:
    """Return the accounts the caller may see: the whole team for a manager, else their own."""
    if not caller.is_manager:
        return [caller.account] if caller.account is not None else []
    with read_session(engine) as session:
        return [_account(row) for row in aq.team_user_rows(session, caller.team_id)]


def _account_id(caller: Caller) -> int:
    if caller.account is None:
        raise PermissionDeniedError("API tokens belong to web accounts.", "Log in to the web app.")
    return caller.account.id


def create_token(engine: Engine, caller: Caller, name: str) -> tuple[str, TokenInfo]:
    """Create an API token for the caller; return the token (shown once) and its record."""
    name = _clean_name(name, "token name")
    user_id = _account_id(caller)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)

    def work(session: Session) -> TokenInfo:
        row = ApiToken(user_id=user_id, token_hash=hash_token(token), name=name)
        session.add(row)
        session.flush()
        return _token_info(row)

    return token, run_write(engine, work)


def list_tokens(engine: Engine, caller: Caller) -> list[TokenInfo]:
    """Return the caller's own API tokens, newest first."""
    user_id = _account_id(caller)
    with read_session(engine) as session:
        return [_token_info(t) for t in aq.tokens_of(session, user_id)]


def revoke_token(engine: Engine, caller: Caller, token_id: int) -> None:
    """Delete a token: the owner's own, or any of the team's for a manager.

    The next request with it is refused, by every process: tokens are checked in the
    database on every request.
    """
    user_id = _account_id(caller)

    def work(session: Session) -> None:
        row = aq.token_with_owner(session, token_id)
        mine = row is not None and row[0].user_id == user_id
        managed = row is not None and caller.is_manager and row[1] == caller.team_id
        if row is None or not (mine or managed):
            # Someone else's token is reported as missing: its existence is not theirs to know.
            raise UnknownRecordError(f"No API token {token_id}.", "List your tokens to see ids.")
        session.delete(row[0])

    run_write(engine, work)


def account_for_token(engine: Engine, token: str) -> Account:
    """Return the account an API token belongs to, or raise NotAuthenticatedError."""
    return token_login(engine, token)[0]


def token_login(engine: Engine, token: str) -> tuple[Account, int]:
    """Return a token's account and its team's rules version (one query), or refuse it."""
    digest = hash_token(token.strip())
    with read_session(engine) as session:
        row = aq.user_row_by_token(session, digest)
    if row is None:
        raise NotAuthenticatedError(
            "The API token is not valid (revoked or mistyped).",
            "Create a token on the Tokens page and send it as `Authorization: Bearer TOKEN`.",
        )
    token_row: ApiToken = row[3]
    now = utc_now()
    if token_row.last_used_at is None or now - token_row.last_used_at > TOKEN_TOUCH_EVERY:
        run_write(engine, lambda s: _touch(s, token_row.id, now))
    return _account(row), row[2].rules_version


def _touch(session: Session, token_id: int, now: datetime) -> None:
    token = session.get(ApiToken, token_id)
    if token is not None:
        token.last_used_at = now
