"""The dependencies routes declare, as Annotated aliases: settings, engine, user, CSRF."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from callworthy.critique import RuleSet
from callworthy.errors import NotAuthenticatedError, PermissionDeniedError
from callworthy.services import accounts
from callworthy.services.accounts import Account
from callworthy.services.team_rules import RuleSetCache
from callworthy.web.cache import TtlCache
from callworthy.web.security import CSRF_FIELD, CSRF_HEADER, LoginLimiter, csrf_matches
from callworthy.web.settings import Settings


def get_settings(request: Request) -> Settings:
    """Return the settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


def get_engine(request: Request) -> Engine:
    """Return the app's database engine (made by create_app, never at import)."""
    engine: Engine = request.app.state.engine
    return engine


def get_templates(request: Request) -> Jinja2Templates:
    """Return the app's templates (autoescaping on)."""
    templates: Jinja2Templates = request.app.state.templates
    return templates


def get_limiter(request: Request) -> LoginLimiter:
    """Return the app's log-in throttle."""
    limiter: LoginLimiter = request.app.state.login_limiter
    return limiter


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
LimiterDep = Annotated[LoginLimiter, Depends(get_limiter)]


def bearer_token(request: Request) -> str | None:
    """Return the token of an `Authorization: Bearer` header, if one was sent."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def optional_user(request: Request, engine: EngineDep) -> Account | None:
    """Return the user of the Bearer token or the session cookie, or None."""
    token = bearer_token(request)
    if token is not None:
        return accounts.account_for_token(engine, token)
    user_id = request.session.get("uid")
    if not isinstance(user_id, int):
        return None
    user = accounts.account_by_id(engine, user_id)
    if user is None:  # the account was deleted: end the session
        request.session.clear()
    return user


OptionalUser = Annotated[Account | None, Depends(optional_user)]


def current_user(user: OptionalUser) -> Account:
    """Return the logged-in user; pages redirect to the log-in, the API answers 401."""
    if user is None:
        raise NotAuthenticatedError(
            "You are not logged in.",
            "Log in, or send an API token as `Authorization: Bearer TOKEN`.",
        )
    return user


CurrentUser = Annotated[Account, Depends(current_user)]


async def api_user(request: Request, engine: EngineDep) -> Account:
    """Return the user of the Bearer token: the API takes tokens, never cookies (no CSRF).

    Async so a cached token costs no thread hop; the database is asked (in the
    thread pool) only on a miss.
    """
    token = bearer_token(request)
    if token is None:
        raise NotAuthenticatedError(
            "No API token.", "Send one as `Authorization: Bearer TOKEN` (see the Tokens page)."
        )
    cache: TtlCache[str, Account] = request.app.state.token_cache
    key = accounts.hash_token(token.strip())  # the cache never holds a usable token
    account = cache.get(key)
    if account is None:
        account = cache.put(key, await run_in_threadpool(accounts.account_for_token, engine, token))
    return account


ApiUser = Annotated[Account, Depends(api_user)]


def manager(user: CurrentUser) -> Account:
    """Return the user if they are a manager; else refuse."""
    if not user.is_manager:
        raise PermissionDeniedError("Only a manager may see this page.", "Ask your manager.")
    return user


Manager = Annotated[Account, Depends(manager)]


async def verify_csrf(request: Request) -> None:
    """Refuse a form post whose CSRF token (field or X-CSRF-Token header) is not the session's."""
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get(CSRF_FIELD)
        given = value if isinstance(value, str) else None
    if not csrf_matches(request.session.get("csrf"), given):
        raise PermissionDeniedError(
            "This form has expired or did not come from this site (CSRF check failed).",
            "Reload the page and try again.",
        )


Csrf = Depends(verify_csrf)


def team_rule_set(request: Request, engine: Engine, user: Account) -> RuleSet:
    """Return the rules the user's critiques run: built-ins + their team's (cached per version)."""
    cache: RuleSetCache | None = getattr(request.app.state, "rule_cache", None)
    if cache is None:  # an app built without one (older create_app): make it once
        cache = request.app.state.rule_cache = RuleSetCache()
    recent: TtlCache[int, RuleSet] = request.app.state.team_rules_cache
    return recent.get_or_load(user.team_id, lambda: cache.rules_for(engine, user.team_id))


async def team_rule_set_async(request: Request, engine: Engine, user: Account) -> RuleSet:
    """Return the team's rules like team_rule_set, asking the database only on a cache miss."""
    recent: TtlCache[int, RuleSet] = request.app.state.team_rules_cache
    rules = recent.get(user.team_id)
    if rules is None:
        rules = await run_in_threadpool(team_rule_set, request, engine, user)
    return rules


def forget_cached(request: Request) -> None:
    """Clear the token and team-rule caches after a change made through this process."""
    request.app.state.token_cache.clear()
    request.app.state.team_rules_cache.clear()
