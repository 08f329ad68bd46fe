"""The dependencies routes declare, as Annotated aliases: settings, engine, the caller, CSRF.

The caller (services/caller.py) is built here once per request:

- from the session cookie: it carries a random session id whose row is read, with the
  account's `active` flag and the team's rules version, in one query (in the thread
  pool). Logging out, "log out everywhere" and deactivation end it on every worker at
  once;
- from an API token: through the app's TokenCache, which answers a token used again
  within a second from memory (on the event loop, no query, no thread hop) and looks
  it up in the database otherwise; a revocation or deactivation made through another
  process is seen within that second, one made through this process at once.

Trivial dependencies are `async def`, so FastAPI runs them without a thread-pool hop.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Query, Request
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from callworthy.errors import NotAuthenticatedError, PermissionDeniedError
from callworthy.services import sessions
from callworthy.services.accounts import Account
from callworthy.services.caller import Caller, caller_for
from callworthy.services.database import MAX_ID
from callworthy.services.paging import DEFAULT_LIMIT, MAX_LIMIT
from callworthy.services.team_rules import TeamRules
from callworthy.services.tokens import TokenCache
from callworthy.web.security import CSRF_FIELD, CSRF_HEADER, PasswordGate, csrf_matches
from callworthy.web.settings import Settings

#: The session cookie's key holding the session id (the row's key is its SHA-256).
SESSION_KEY = "sid"


async def get_settings(request: Request) -> Settings:
    """Return the settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


async def get_engine(request: Request) -> Engine:
    """Return the app's database engine (made by create_app, never at import)."""
    engine: Engine = request.app.state.engine
    return engine


async def get_templates(request: Request) -> Jinja2Templates:
    """Return the app's templates (autoescaping on)."""
    templates: Jinja2Templates = request.app.state.templates
    return templates


async def get_team_rules(request: Request) -> TeamRules:
    """Return the app's team-rules service (each team's compiled rules, per version)."""
    team_rules: TeamRules = request.app.state.team_rules
    return team_rules


async def get_gate(request: Request) -> PasswordGate:
    """Return the app's password-check gate (Argon2 work bounded per worker)."""
    gate: PasswordGate = request.app.state.password_gate
    return gate


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
GateDep = Annotated[PasswordGate, Depends(get_gate)]
TeamRulesDep = Annotated[TeamRules, Depends(get_team_rules)]
#: A record's id in a path: a whole number that fits the id columns.
RecordId = Annotated[int, Path(ge=1, le=MAX_ID, description="The record's number.")]
#: An API list's paging: the `next` of the page before, and how many items a page holds.
Cursor = Annotated[
    str | None,
    Query(max_length=2000, description="The `next` of the page before; leave out for the first."),
]
Limit = Annotated[
    int | None, Query(description=f"Items per page, 1 to {MAX_LIMIT} (default {DEFAULT_LIMIT}).")
]
#: A web list's page number (`?page=3`; past the last shows the last).
PageNumber = Annotated[int | None, Query(alias="page", ge=1, le=MAX_ID)]


def bearer_token(request: Request) -> str | None:
    """Return the token of an `Authorization: Bearer` header, if one was sent."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def session_id(request: Request) -> str | None:
    """Return the session id the cookie carries, if any."""
    value = request.session.get(SESSION_KEY)
    return value if isinstance(value, str) else None


def _caller(engine: Engine, team_rules: TeamRules, account: Account, version: int) -> Caller:
    rules = team_rules.rule_set(engine, account.team_id, version)  # compiled once per version
    return caller_for(account, lambda: rules)


def _session_caller(engine: Engine, team_rules: TeamRules, sid: str) -> Caller | None:
    found = sessions.session_login(engine, sid)
    return None if found is None else _caller(engine, team_rules, *found)


async def _token_caller(
    request: Request, engine: Engine, team_rules: TeamRules, token: str
) -> Caller:
    cache: TokenCache = request.app.state.token_cache
    found = cache.get(engine, token)
    if found is not None:
        rules = team_rules.peek(found.account.team_id, found.rules_version)
        if rules is not None:  # the common case: no query, no thread
            return caller_for(found.account, lambda: rules)
    if found is None:
        found = await run_in_threadpool(cache.login, engine, token)
    return await run_in_threadpool(_caller, engine, team_rules, found.account, found.rules_version)


async def optional_caller(
    request: Request, engine: EngineDep, team_rules: TeamRulesDep
) -> Caller | None:
    """Return the caller of the Bearer token or the session cookie, or None."""
    token = bearer_token(request)
    if token is not None:
        return await _token_caller(request, engine, team_rules, token)
    sid = session_id(request)
    if sid is None:
        return None
    caller = await run_in_threadpool(_session_caller, engine, team_rules, sid)
    if caller is None:  # logged out, expired, or the account was deactivated
        request.session.clear()
    return caller


OptionalCaller = Annotated[Caller | None, Depends(optional_caller)]


async def page_caller(caller: OptionalCaller) -> Caller:
    """Return the logged-in caller; pages redirect to the log-in, the API answers 401."""
    if caller is None:
        raise NotAuthenticatedError(
            "You are not logged in.",
            "Log in, or send an API token as `Authorization: Bearer TOKEN`.",
        )
    return caller


PageCaller = Annotated[Caller, Depends(page_caller)]


async def api_caller(request: Request, engine: EngineDep, team_rules: TeamRulesDep) -> Caller:
    """Return the caller of the Bearer token: the API takes tokens, never cookies (no CSRF)."""
    token = bearer_token(request)
    if token is None:
        raise NotAuthenticatedError(
            "No API token.", "Send one as `Authorization: Bearer TOKEN` (see the Tokens page)."
        )
    return await _token_caller(request, engine, team_rules, token)


ApiCaller = Annotated[Caller, Depends(api_caller)]


async def page_manager(caller: PageCaller) -> Caller:
    """Return the caller if they are a manager; else refuse (403)."""
    return caller.require_manager("see this page")


async def api_manager(caller: ApiCaller) -> Caller:
    """Return the token's caller if they are a manager; else refuse (403)."""
    return caller.require_manager()


PageManager = Annotated[Caller, Depends(page_manager)]
ApiManager = Annotated[Caller, Depends(api_manager)]


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
