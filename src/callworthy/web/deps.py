"""The dependencies routes declare, as Annotated aliases: settings, engine, the caller, CSRF.

The caller (services/caller.py) is built here once per request, from the API token
or the session cookie, in one database query that also reads the team's rules
version: a revoked token or a changed team rule is seen on the next request, by
every worker on every machine. The dependencies are plain functions, so FastAPI
runs them in its thread pool, never on the event loop.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Query, Request
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine

from callworthy.errors import NotAuthenticatedError, PermissionDeniedError
from callworthy.services import accounts
from callworthy.services.accounts import Account
from callworthy.services.caller import Caller, caller_for
from callworthy.services.database import MAX_ID
from callworthy.services.paging import DEFAULT_LIMIT, MAX_LIMIT
from callworthy.services.team_rules import TeamRules
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


def get_team_rules(request: Request) -> TeamRules:
    """Return the app's team-rules service (each team's compiled rules, per version)."""
    team_rules: TeamRules = request.app.state.team_rules
    return team_rules


def get_limiter(request: Request) -> LoginLimiter:
    """Return the app's log-in throttle."""
    limiter: LoginLimiter = request.app.state.login_limiter
    return limiter


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
LimiterDep = Annotated[LoginLimiter, Depends(get_limiter)]
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


def _caller(engine: Engine, team_rules: TeamRules, found: tuple[Account, int]) -> Caller:
    account, version = found
    rules = team_rules.rule_set(engine, account.team_id, version)  # compiled once per version
    return caller_for(account, lambda: rules)


def optional_caller(request: Request, engine: EngineDep, team_rules: TeamRulesDep) -> Caller | None:
    """Return the caller of the Bearer token or the session cookie, or None."""
    token = bearer_token(request)
    if token is not None:
        return _caller(engine, team_rules, accounts.token_login(engine, token))
    user_id = request.session.get("uid")
    if not isinstance(user_id, int):
        return None
    found = accounts.session_login(engine, user_id)
    if found is None:  # the account was deleted: end the session
        request.session.clear()
        return None
    return _caller(engine, team_rules, found)


OptionalCaller = Annotated[Caller | None, Depends(optional_caller)]


def page_caller(caller: OptionalCaller) -> Caller:
    """Return the logged-in caller; pages redirect to the log-in, the API answers 401."""
    if caller is None:
        raise NotAuthenticatedError(
            "You are not logged in.",
            "Log in, or send an API token as `Authorization: Bearer TOKEN`.",
        )
    return caller


PageCaller = Annotated[Caller, Depends(page_caller)]


def api_caller(request: Request, engine: EngineDep, team_rules: TeamRulesDep) -> Caller:
    """Return the caller of the Bearer token: the API takes tokens, never cookies (no CSRF)."""
    token = bearer_token(request)
    if token is None:
        raise NotAuthenticatedError(
            "No API token.", "Send one as `Authorization: Bearer TOKEN` (see the Tokens page)."
        )
    return _caller(engine, team_rules, accounts.token_login(engine, token))


ApiCaller = Annotated[Caller, Depends(api_caller)]


def page_manager(caller: PageCaller) -> Caller:
    """Return the caller if they are a manager; else refuse (403)."""
    return caller.require_manager("see this page")


def api_manager(caller: ApiCaller) -> Caller:
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
