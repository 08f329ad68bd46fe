"""Accounts for their whole life, on SQLite and PostgreSQL: deactivation, passwords, reset links,
sessions, token expiry and cache, the log-in throttle, and the security log."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest
from sqlalchemy import Engine, select, update

from callworthy.errors import (
    AccountError,
    NotAuthenticatedError,
    PermissionDeniedError,
    RateLimitedError,
    ResetLinkError,
)
from callworthy.services import accounts, login, resets, sessions, tokens
from callworthy.services.caller import Caller, caller_for
from callworthy.services.login import LoginPolicy
from callworthy.services.passwords import check_password
from callworthy.storage.engine import run_write
from callworthy.storage.tables import ApiToken, LoginThrottle, ResetLink, WebSession, utc_now

PASSWORD = "correct horse battery staple"
OTHER = "purple elephant tram ticket"


def _team(engine: Engine) -> tuple[Caller, accounts.Account]:
    boss = caller_for(accounts.set_up(engine, "Acme", "Mia Manager", "mia@example.com", PASSWORD))
    rob = accounts.add_account(engine, boss, "Rob Rep", "rob@example.com", PASSWORD)
    return boss, rob


@pytest.mark.parametrize(
    ("password", "says"),
    [
        ("short", "at least 10"),
        (" " * 12, "only spaces"),
        ("password1234", "too easy to guess"),
        ("qwertyuiop", "too easy to guess"),
        ("mia@example.com", "too easy to guess"),
        ("x" * 1025, "longer than 1024"),
    ],
)
def test_the_password_policy_refuses_weak_ones_with_a_reason(password: str, says: str) -> None:
    with pytest.raises(AccountError, match=says) as caught:
        check_password(password, ("Mia Manager", "mia@example.com"))
    assert caught.value.field == "password"


def test_the_password_policy_takes_a_passphrase() -> None:
    check_password(PASSWORD, ("Mia Manager", "mia@example.com"))


def test_deactivation_ends_sessions_and_tokens_and_keeps_prospects(db_engine: Engine) -> None:
    boss, rob = _team(db_engine)
    rob_caller = caller_for(rob)
    sid = sessions.start_session(db_engine, rob, 3600)
    token, _ = tokens.create_token(db_engine, rob_caller, "dialer")
    assert sessions.session_login(db_engine, sid) is not None
    assert tokens.token_login(db_engine, token).account.id == rob.id

    after = accounts.deactivate(db_engine, boss, rob.id)
    assert after.active is False
    assert sessions.session_login(db_engine, sid) is None
    with pytest.raises(NotAuthenticatedError):
        tokens.token_login(db_engine, token)
    with pytest.raises(NotAuthenticatedError):
        accounts.authenticate(db_engine, "rob@example.com", PASSWORD)
    # Reactivated: the password works again, the old token stays revoked.
    accounts.reactivate(db_engine, boss, rob.id)
    assert accounts.authenticate(db_engine, "rob@example.com", PASSWORD).id == rob.id
    with pytest.raises(NotAuthenticatedError):
        tokens.token_login(db_engine, token)


def test_a_manager_cannot_deactivate_themselves_nor_leave_no_manager(db_engine: Engine) -> None:
    boss, rob = _team(db_engine)
    assert boss.account is not None
    with pytest.raises(PermissionDeniedError, match="your own account"):
        accounts.deactivate(db_engine, boss, boss.account.id)
    with pytest.raises(AccountError, match="no active manager"):
        accounts.set_role(db_engine, boss, boss.account.id, "rep")
    with pytest.raises(PermissionDeniedError):
        accounts.deactivate(db_engine, caller_for(rob), boss.account.id)
    assert accounts.set_role(db_engine, boss, rob.id, "manager").role == "manager"


def test_changing_a_password_needs_the_old_one_and_ends_other_sessions(db_engine: Engine) -> None:
    _boss, rob = _team(db_engine)
    me = caller_for(rob)
    here, there = (sessions.start_session(db_engine, rob, 3600) for _ in range(2))
    with pytest.raises(AccountError, match="current password is not right"):
        accounts.change_password(db_engine, me, "not my password", OTHER)
    with pytest.raises(AccountError, match="too easy"):
        accounts.change_password(db_engine, me, PASSWORD, "password1234")
    accounts.change_password(db_engine, me, PASSWORD, OTHER, keep_session=sessions.hash_id(here))
    assert sessions.session_login(db_engine, here) is not None
    assert sessions.session_login(db_engine, there) is None
    assert accounts.authenticate(db_engine, "rob@example.com", OTHER).id == rob.id


def test_a_reset_link_works_once_is_stored_hashed_expires_and_unlocks(db_engine: Engine) -> None:
    boss, rob = _team(db_engine)
    policy = LoginPolicy(account_attempts=2)
    for _ in range(2):
        with pytest.raises(NotAuthenticatedError):
            login.log_in(db_engine, "rob@example.com", "wrong guess", "10.0.0.1", policy)
    with pytest.raises(RateLimitedError):
        login.log_in(db_engine, "rob@example.com", PASSWORD, "10.0.0.2", policy)

    issued = resets.issue_reset_link(db_engine, boss, rob.id)
    token = issued.path.rsplit("/", 1)[1]
    stored = run_write(db_engine, lambda s: s.scalars(select(ResetLink.token_hash)).all())
    assert token not in stored and len(stored) == 1
    assert resets.reset_link_email(db_engine, token) == "rob@example.com"
    resets.reset_password(db_engine, token, OTHER)
    with pytest.raises(ResetLinkError):
        resets.reset_password(db_engine, token, PASSWORD + " again")
    # The lock is lifted: the owner logs in at once with the new password.
    assert login.log_in(db_engine, "rob@example.com", OTHER, "10.0.0.2", policy).id == rob.id

    old = resets.issue_reset_link(db_engine, boss, rob.id).path.rsplit("/", 1)[1]
    newer = resets.issue_reset_link(db_engine, boss, rob.id).path.rsplit("/", 1)[1]
    with pytest.raises(ResetLinkError):
        resets.reset_link_email(db_engine, old)  # a newer link replaces it
    run_write(db_engine, lambda s: s.execute(update(ResetLink).values(expires_at=utc_now())))
    with pytest.raises(ResetLinkError):
        resets.reset_link_email(db_engine, newer)


def _lock(engine: Engine) -> LoginThrottle:
    rows = run_write(engine, lambda s: s.scalars(select(LoginThrottle)).all())
    return next(r for r in rows if r.key.startswith("account:"))


def _expire_lock(engine: Engine) -> None:
    past = utc_now() - timedelta(seconds=1)
    run_write(engine, lambda s: s.execute(update(LoginThrottle).values(locked_until=past)))


def test_locks_double_and_waiting_does_not_clear_the_back_off(db_engine: Engine) -> None:
    _team(db_engine)
    policy = LoginPolicy(account_attempts=2, lock_seconds=60, max_lock_seconds=150)
    durations = []
    for _round in range(4):
        for _ in range(2):
            with pytest.raises(NotAuthenticatedError):
                login.log_in(db_engine, "rob@example.com", "wrong guess", "10.0.0.9", policy)
        row = _lock(db_engine)
        assert row.locked_until is not None
        durations.append(round((row.locked_until - utc_now()).total_seconds() / 10) * 10)
        with pytest.raises(RateLimitedError, match="locked"):  # the right password waits too
            login.log_in(db_engine, "rob@example.com", PASSWORD, "10.0.0.8", policy)
        _expire_lock(db_engine)  # the attacker waits the lock out...
    assert durations == [60, 120, 150, 150]  # ...and the next lock is longer, up to the cap
    # The owner's success clears the back-off.
    login.log_in(db_engine, "rob@example.com", PASSWORD, "10.0.0.8", policy)
    assert all(not r.key.startswith("account:") for r in _rows(db_engine))


def _rows(engine: Engine) -> list[LoginThrottle]:
    return list(run_write(engine, lambda s: s.scalars(select(LoginThrottle)).all()))


def test_one_address_spraying_many_emails_is_limited(db_engine: Engine) -> None:
    _team(db_engine)
    policy = LoginPolicy(account_attempts=5, address_attempts=4, window=600)
    for n in range(4):
        with pytest.raises(NotAuthenticatedError):
            login.log_in(db_engine, f"nobody{n}@example.com", "guess", "203.0.113.7", policy)
    with pytest.raises(RateLimitedError, match="from your address") as caught:
        login.log_in(db_engine, "rob@example.com", PASSWORD, "203.0.113.7", policy)
    assert 0 < caught.value.retry_after <= 601
    # Another address is not limited by it, and the real owner logs in from there.
    assert login.log_in(db_engine, "rob@example.com", PASSWORD, "198.51.100.1", policy).email


def test_unknown_emails_lock_like_real_ones(db_engine: Engine) -> None:
    _team(db_engine)
    policy = LoginPolicy(account_attempts=2)
    for _ in range(2):
        with pytest.raises(NotAuthenticatedError):
            login.log_in(db_engine, "ghost@example.com", "guess", "10.1.1.1", policy)
    with pytest.raises(RateLimitedError, match="locked"):
        login.log_in(db_engine, "ghost@example.com", "guess", "10.1.1.2", policy)


def test_a_token_expires_and_its_lifetime_is_bounded(db_engine: Engine) -> None:
    _boss, rob = _team(db_engine)
    me = caller_for(rob)
    token, info = tokens.create_token(db_engine, me, "crm")
    assert info.expires_at is not None
    assert abs(
        (info.expires_at - info.created_at) - timedelta(days=tokens.DEFAULT_DAYS)
    ) < timedelta(seconds=5)
    with pytest.raises(AccountError, match="1 to 365 days"):
        tokens.create_token(db_engine, me, "forever", days=10_000)
    with pytest.raises(AccountError, match="1 to 30 days"):
        tokens.create_token(db_engine, me, "long", days=31, maximum=30)
    past = utc_now() - timedelta(seconds=1)
    run_write(db_engine, lambda s: s.execute(update(ApiToken).values(expires_at=past)))
    with pytest.raises(NotAuthenticatedError, match="expired"):
        tokens.token_login(db_engine, token)


def test_the_token_cache_lasts_a_second_and_no_longer_than_a_local_write(db_engine: Engine) -> None:
    boss, rob = _team(db_engine)
    token, info = tokens.create_token(db_engine, caller_for(rob), "crm")
    now = [0.0]
    cache = tokens.TokenCache(seconds=1.0, clock=lambda: now[0])
    assert cache.login(db_engine, token).account.id == rob.id
    assert cache.login(db_engine, token).account.id == rob.id  # fills it (the first touched)
    assert cache.get(db_engine, token) is not None
    # Revoked behind this process's back (another worker): trusted for under a second only.
    run_write(db_engine, lambda s: s.query(ApiToken).filter_by(id=info.id).delete())
    from callworthy.storage import engine as storage_engine

    storage_engine._WRITES[db_engine] -= 1  # as if the write had been another process's
    assert cache.get(db_engine, token) is not None
    now[0] = 1.0
    assert cache.get(db_engine, token) is None
    with pytest.raises(NotAuthenticatedError):
        cache.login(db_engine, token)
    # A write through this process forgets at once.
    token2, _ = tokens.create_token(db_engine, caller_for(rob), "dialer")
    cache.login(db_engine, token2)
    cache.login(db_engine, token2)
    assert cache.get(db_engine, token2) is not None
    accounts.deactivate(db_engine, boss, rob.id)
    assert cache.get(db_engine, token2) is None


def test_security_events_are_json_lines_without_secrets(
    db_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="callworthy.security")
    boss, rob = _team(db_engine)
    policy = LoginPolicy(account_attempts=2)
    for _ in range(2):
        with pytest.raises(NotAuthenticatedError):
            login.log_in(db_engine, "rob@example.com", "my secret guess", "10.2.2.2", policy)
    token, info = tokens.create_token(db_engine, caller_for(rob), "crm")
    tokens.token_login(db_engine, token)
    tokens.revoke_token(db_engine, caller_for(rob), info.id)
    link = resets.issue_reset_link(db_engine, boss, rob.id)
    resets.reset_password(db_engine, link.path.rsplit("/", 1)[1], OTHER)
    accounts.set_role(db_engine, boss, rob.id, "manager")
    accounts.deactivate(db_engine, boss, rob.id)
    lines = [r.getMessage() for r in caplog.records if r.name == "callworthy.security"]
    events = [json.loads(line)["event"] for line in lines]
    for expected in (
        "login.failed",
        "account.locked",
        "token.created",
        "token.used",
        "token.revoked",
        "password.reset_link_issued",
        "password.reset",
        "account.unlocked",
        "account.role_changed",
        "account.deactivated",
    ):
        assert expected in events, expected
    text = "\n".join(lines)
    for secret in ("my secret guess", token, link.path, OTHER, PASSWORD):
        assert secret not in text
    locked = next(json.loads(x) for x in lines if json.loads(x)["event"] == "account.locked")
    assert locked["email"] == "rob@example.com" and locked["address"] == "10.2.2.2"


def test_logout_everywhere_is_for_oneself_or_a_manager(db_engine: Engine) -> None:
    boss, rob = _team(db_engine)
    sid = sessions.start_session(db_engine, rob, 3600)
    assert boss.account is not None
    with pytest.raises(PermissionDeniedError):
        sessions.end_all_sessions(db_engine, caller_for(rob), boss.account.id)
    assert sessions.end_all_sessions(db_engine, boss, rob.id) == 1
    assert sessions.session_login(db_engine, sid) is None
    stored = run_write(db_engine, lambda s: s.scalars(select(WebSession.id_hash)).all())
    assert sid not in stored
