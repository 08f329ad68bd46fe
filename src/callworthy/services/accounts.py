"""Accounts for their whole life: set-up, adding, roles, deactivation, passwords, hand-over.

Passwords are hashed with Argon2id and checked against the policy in
services/passwords.py. A manager sees and manages the whole team; a rep only their
own account. Deactivating an account ends its sessions and deletes its API tokens in
the same transaction, and every request checks `active` in the database, so a
departed rep is refused at once by every worker on every machine; their prospects
stay with the team for a manager to hand to another rep. Sessions, tokens, reset
links and the log-in throttle have their own modules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from callworthy.errors import (
    AccountError,
    AccountExistsError,
    NotAuthenticatedError,
    PermissionDeniedError,
    UnknownRecordError,
)
from callworthy.fields import EMAIL, TextField, check_text
from callworthy.services import security_log
from callworthy.services.passwords import check_password, hash_password, verify_password
from callworthy.services.values import _Dumpable
from callworthy.storage import account_queries as aq
from callworthy.storage import queries
from callworthy.storage.engine import read_session, run_write
from callworthy.storage.tables import Rep, Team, User, utc_now

if TYPE_CHECKING:
    from callworthy.services.caller import Caller

ROLES = ("manager", "rep")


@dataclass(frozen=True, slots=True)
class Account(_Dumpable):
    """A user: their account, their rep and their team (never the password hash)."""

    id: int
    email: str
    name: str
    role: str
    rep_id: int
    team_id: int
    team: str
    active: bool = True
    """False once a manager deactivated it: no log-in, session or token works."""

    @property
    def is_manager(self) -> bool:
        """Return True when the account may see and manage the whole team."""
        return self.role == "manager"


@dataclass(frozen=True, slots=True)
class Reassigned(_Dumpable):
    """Prospects handed from one rep to another."""

    from_email: str
    to_email: str
    prospects: int


def account_of(row: aq.UserRow | aq.TokenRow | aq.SessionRow) -> Account:
    """Return the Account value of a (User, Rep, Team, ...) row."""
    user, rep, team = row[0], row[1], row[2]
    return Account(
        user.id, user.email, rep.name, user.role, rep.id, team.id, team.name, user.active
    )


def clean_email(email: str) -> str:
    """Return the e-mail address lower-cased and trimmed, or refuse one that is not one."""
    value = (check_text(EMAIL, email) or "").strip().lower()
    local, _, domain = value.partition("@")
    if not local or "." not in domain or " " in value or len(value) > 320:
        raise AccountError(
            f"{email[:80]!r} is not an e-mail address.",
            "Give one like ana@example.com.",
            field="email",
        )
    return value


def _clean_name(name: str, what: str, field: str = "name") -> str:
    value = check_text(TextField(field, what, 200), " ".join((name or "").split())) or ""
    if not value or len(value) > 200:
        raise AccountError(
            f"The {what} must have 1-200 characters.", f"Give the {what}.", field=field
        )
    return value


def needs_setup(engine: Engine) -> bool:
    """Return True while no account exists: the first visit must set up the team."""
    with read_session(engine) as session:
        return aq.count_users(session) == 0


def _new_account(session: Session, team: Team, name: str, email: str, pw: str, role: str) -> User:
    if aq.user_row_by_email(session, email) is not None:
        raise AccountExistsError(
            f"{email} already has an account.", "Log in, or use another address.", field="email"
        )
    rep = queries.rep_by_name(session, team.id, name)
    if rep is None:
        rep = Rep(team_id=team.id, name=name, email=email)
        session.add(rep)
        session.flush()
    elif aq.rep_has_account(session, rep.id):
        raise AccountExistsError(
            f"The rep {name} already has an account.", "Give another name.", field="name"
        )
    user = User(rep_id=rep.id, email=email, password_hash=hash_password(pw), role=role)
    session.add(user)
    session.flush()
    return user


def set_up(engine: Engine, team_name: str, name: str, email: str, password: str) -> Account:
    """Create the team and its first manager; once only.

    The team is the one of that name if it exists, else the database's only team
    (the one the CLI made and filled before the web app was set up: it takes the
    name given, so both keep sharing it), else a new one.
    """
    team_name = _clean_name(team_name, "team name", "team")
    name, email = _clean_name(name, "your name"), clean_email(email)
    check_password(password, (name, email, team_name))

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

    account = _get(engine, run_write(engine, work))
    security_log.event("account.created", account_id=account.id, email=email, role="manager")
    return account


def add_account(
    engine: Engine, caller: Caller, name: str, email: str, password: str, role: str = "rep"
) -> Account:
    """Create an account in the caller's team; only a manager may."""
    caller.require_manager("add an account")
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}.", f"Choose one of: {', '.join(ROLES)}.")
    name, email = _clean_name(name, "name"), clean_email(email)
    check_password(password, (name, email, caller.team))

    def work(session: Session) -> int:
        team = session.get(Team, caller.team_id)
        assert team is not None
        return _new_account(session, team, name, email, password, role).id

    account = _get(engine, run_write(engine, work))
    security_log.event(
        "account.created", account_id=account.id, email=email, role=role, by=caller.name
    )
    return account


def _get(engine: Engine, user_id: int) -> Account:
    found = account_by_id(engine, user_id)
    assert found is not None
    return found


def account_by_id(engine: Engine, user_id: int) -> Account | None:
    """Return the account with this id (active or not), or None."""
    with read_session(engine) as session:
        row = aq.user_row_by_id(session, user_id)
        return account_of(row) if row else None


def account_by_email(engine: Engine, caller: Caller, email: str) -> Account:
    """Return the account of this e-mail in the caller's team; a manager's look-up."""
    caller.require_manager("manage accounts")
    with read_session(engine) as session:
        row = aq.user_row_by_email(session, (email or "").strip().lower())
    if row is None or row[2].id != caller.team_id:
        raise UnknownRecordError(f"No account {email[:320]!r} in your team.", "Check the e-mail.")
    return account_of(row)


def authenticate(engine: Engine, email: str, password: str) -> Account:
    """Return the active account of this e-mail and password, or raise NotAuthenticatedError.

    No throttle here: a surface that takes passwords from strangers goes through
    services/login.py, which counts failures.
    """
    check_text(EMAIL, email)  # a NUL byte is no address (and PostgreSQL refuses to look it up)
    with read_session(engine) as session:
        row = aq.user_row_by_email(session, (email or "").strip().lower())
    matched = verify_password(row[0].password_hash if row else None, password)
    if row is None or not matched or not row[0].active:
        raise NotAuthenticatedError("Wrong e-mail or password.", "Check both and try again.")
    return account_of(row)


def team_accounts(engine: Engine, caller: Caller) -> list[Account]:
    """Return the accounts the caller may see: the whole team for a manager, else their own."""
    if not caller.is_manager:
        return [caller.account] if caller.account is not None else []
    with read_session(engine) as session:
        return [account_of(row) for row in aq.team_user_rows(session, caller.team_id)]


def _member(session: Session, caller: Caller, user_id: int) -> tuple[User, Rep]:
    row = aq.user_row_by_id(session, user_id)
    if row is None or row[2].id != caller.team_id:
        # Another team's account is reported as missing: its existence is not theirs to know.
        raise UnknownRecordError(
            f"No account {user_id} in your team.", "Pick one on the Team page."
        )
    return row[0], row[1]


def _not_self(caller: Caller, user_id: int, action: str) -> None:
    if caller.account is not None and caller.account.id == user_id:
        raise PermissionDeniedError(
            f"You cannot {action} your own account.", "Ask another manager of your team."
        )


def _keep_a_manager(session: Session, caller: Caller, user: User) -> None:
    if (
        user.role == "manager"
        and user.active
        and aq.count_active_managers(session, caller.team_id) <= 1
    ):
        raise AccountError(
            "The team would have no active manager left.", "Make another account a manager first."
        )


def deactivate(engine: Engine, caller: Caller, user_id: int) -> Account:
    """Deactivate a team member: their sessions end and their tokens are deleted at once."""
    caller.require_manager("deactivate an account")
    _not_self(caller, user_id, "deactivate")

    def work(session: Session) -> tuple[int, int]:
        user, _rep = _member(session, caller, user_id)
        _keep_a_manager(session, caller, user)
        user.active, user.deactivated_at = False, utc_now()
        return aq.delete_sessions(session, user_id), aq.delete_tokens(session, user_id)

    sessions, tokens = run_write(engine, work)
    account = _get(engine, user_id)
    security_log.event(
        "account.deactivated",
        account_id=user_id,
        email=account.email,
        by=caller.name,
        sessions_ended=sessions,
        tokens_revoked=tokens,
    )
    return account


def reactivate(engine: Engine, caller: Caller, user_id: int) -> Account:
    """Let a deactivated team member log in again (their old tokens stay revoked)."""
    caller.require_manager("reactivate an account")

    def work(session: Session) -> None:
        user, _rep = _member(session, caller, user_id)
        user.active, user.deactivated_at = True, None

    run_write(engine, work)
    account = _get(engine, user_id)
    security_log.event(
        "account.reactivated", account_id=user_id, email=account.email, by=caller.name
    )
    return account


def set_role(engine: Engine, caller: Caller, user_id: int, role: str) -> Account:
    """Make a team member a manager or a rep; the team always keeps an active manager."""
    caller.require_manager("change a role")
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}.", f"Choose one of: {', '.join(ROLES)}.")

    def work(session: Session) -> str:
        user, _rep = _member(session, caller, user_id)
        before = user.role
        if before == "manager" and role != "manager":
            _keep_a_manager(session, caller, user)
        user.role = role
        return before

    before = run_write(engine, work)
    account = _get(engine, user_id)
    if before != role:
        security_log.event(
            "account.role_changed",
            account_id=user_id,
            email=account.email,
            role=role,
            was=before,
            by=caller.name,
        )
    return account


def change_password(
    engine: Engine, caller: Caller, old: str, new: str, keep_session: str | None = None
) -> Account:
    """Change the caller's own password (the old one is required); their other sessions end."""
    if caller.account is None:
        raise PermissionDeniedError("Passwords belong to web accounts.", "Log in to the web app.")
    me = caller.account
    with read_session(engine) as session:
        row = aq.user_row_by_id(session, me.id)
    if row is None or not verify_password(row[0].password_hash, old):
        raise AccountError(
            "The current password is not right.", "Type the password you log in with.", field="old"
        )
    check_password(new, (me.name, me.email, me.team))
    digest = hash_password(new)

    def work(session: Session) -> int:
        user = session.get(User, me.id)
        assert user is not None
        user.password_hash, user.password_changed_at = digest, utc_now()
        return aq.delete_sessions(session, me.id, keep=keep_session)

    ended = run_write(engine, work)
    security_log.event("password.changed", account_id=me.id, email=me.email, sessions_ended=ended)
    return me


def reassign_prospects(engine: Engine, caller: Caller, from_user: int, to_user: int) -> Reassigned:
    """Hand every prospect of one team member to another (say, when a rep leaves)."""
    caller.require_manager("reassign prospects")
    if from_user == to_user:
        raise AccountError("Both accounts are the same.", "Choose another rep to hand them to.")

    def work(session: Session) -> Reassigned:
        source, source_rep = _member(session, caller, from_user)
        target, target_rep = _member(session, caller, to_user)
        if not target.active:
            raise AccountError(
                f"{target.email} is deactivated.", "Hand the prospects to an active rep."
            )
        moved = aq.reassign_prospects(session, caller.team_id, source_rep.id, target_rep.id)
        return Reassigned(source.email, target.email, moved)

    return run_write(engine, work)


def prospects_owned(engine: Engine, caller: Caller, user_id: int) -> int:
    """Return how many prospects a team member owns (shown before a hand-over)."""
    caller.require_manager("see who owns what")
    with read_session(engine) as session:
        _user, rep = _member(session, caller, user_id)
        return aq.count_prospects_of(session, caller.team_id, rep.id)
